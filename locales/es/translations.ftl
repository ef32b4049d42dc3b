## Contenido en varios idiomas (issue 27): traducciones de plantillas, oportunidades,
## ofertas, organizaciones y propuestas.

# El nombre de un idioma, en español. $code es su etiqueta; $native, su nombre en sí mismo.
translations-language = { $code ->
    [en] inglés
    [es] español
    [zh-Hant] chino (tradicional)
   *[other] { $native }
 }
# Debajo de un texto que el lector ve en el idioma en que se escribió.
translations-originally-in = Escrito originalmente en { $language }
translations-link = Traducciones
translations-title = Traducciones
translations-intro = Esto se escribió en { $language }. Cada traducción se muestra a quienes leen en su idioma; el original no cambia.
translations-field-locale = Idioma de la traducción
translations-choose = Elegir
translations-original = Original ({ $language }):
translations-field-title = { $kind ->
    [organization] Nombre
   *[other] Título
 }
translations-field-summary = { $kind ->
    [template] Resumen
   *[other] Descripción
 }
translations-field-content = { $kind ->
    [opportunity] Instrucciones en el lugar
    [template] Instrucciones
   *[other] Texto
 }
translations-empty-removes = Deje un campo vacío para quitar su traducción.
translations-save = Guardar traducción
translations-saved = La traducción quedó guardada.
translations-no-languages = La ciudad no ofrece otro idioma al cual traducir.
error-translation-of-original = Ese es el idioma en que se escribió; elija otro idioma.
