## El protocolo portátil de la ciudad: exportar la forma de trabajar de esta ciudad, importar la de otra.

## Errores
error-protocol-invalid = Este no es un documento de protocolo de City/Sync, o una parte está dañada.
error-protocol-version-unsupported = Este documento usa la versión { $version } del protocolo, que este City/Sync no conoce. Actualice City/Sync o pida a la otra ciudad un documento en la versión 1.
error-protocol-signature-invalid = La firma del documento no corresponde a su contenido: se modificó después de que la ciudad lo firmara, o nunca se firmó. No se importó nada. Pida a la otra ciudad una copia nueva.
error-protocol-organization-needed = Elija la organización que recibe las plantillas importadas, o deje fuera las plantillas.

## Lo que registra una importación
protocol-budget-not-portable = los presupuestos de las organizaciones emisoras nombran organizaciones de esta ciudad y no se importan
protocol-cycle-title = Ciclo de decisión con las reglas de { $city }
protocol-cycle-description = Abierto al importar el protocolo de { $city } ({ $url }), exportado el { $date }. Su método, quórum, umbral para votar y duración de las fases son los de esa ciudad. La administración puede cambiar sus fechas y su título, y sus reglas hasta que se abra la votación.

## Página de administración
protocol-admin-link = Protocolo de la ciudad
protocol-title = El protocolo de la ciudad
protocol-intro = Un documento firmado con la forma de trabajar de esta ciudad: sus categorías y unidades de resultado, cómo se verifica el trabajo, sus plantillas de tareas, sus parámetros y sus reglas de gobernanza, cada uno con la decisión que lo fijó. Otra ciudad puede importarlo, elegir qué adoptar y aplicar las mismas plantillas y reglas el mismo día.
protocol-export-title = Exportar el protocolo de esta ciudad
protocol-export-intro = Descargue el documento, firmado con la clave del libro contable de esta ciudad. Solo contiene lo que ya es público.
protocol-export-link = Descargar el protocolo (JSON)
protocol-export-cli = Desde la línea de comandos:
protocol-import-title = Importar el protocolo de otra ciudad
protocol-import-intro = Suba o pegue el documento. Primero verá exactamente qué cambiaría aquí y elegirá qué partes importar. Nada cambia antes de aplicar.
protocol-file = Archivo del protocolo
protocol-paste = O pegue el documento
protocol-paste-hint = El texto JSON, de la primera llave a la última.
protocol-organization = Organización que recibe las plantillas
protocol-organization-hint = Las plantillas importadas se vuelven plantillas activas de esta organización, y cada una registra la plantilla de la que se adaptó. Solo las organizaciones emisoras aprobadas pueden recibirlas.
protocol-organization-none = Ninguna organización (no se pueden importar plantillas)
protocol-preview-submit = Ver qué cambiaría
protocol-preview-again = Ver de nuevo con estas opciones
protocol-apply-submit = Importar las partes elegidas
protocol-origin-title = De dónde viene el documento
protocol-origin-city = Ciudad
protocol-origin-exported = Exportado
protocol-origin-version = Versión del protocolo
protocol-origin-key = Clave de firma
protocol-origin-key-hint = La firma corresponde a esta clave. Para asegurarse de que la clave es la de la ciudad, compárela con la que la ciudad publica en
protocol-part-title = { $part ->
    [taxonomy] Categorías y unidades de resultado
    [templates] Plantillas de tareas
    [parameters] Parámetros
   *[governance] Reglas de gobernanza
}
protocol-part-choose = { $part ->
    [taxonomy] Importar las categorías y unidades
    [templates] Importar las plantillas
    [parameters] Importar los parámetros
   *[governance] Importar las reglas de gobernanza
}
protocol-part-empty = { $part ->
    [taxonomy] Esta ciudad ya tiene todas las categorías y unidades del documento.
    [templates] El documento no tiene plantillas.
    [parameters] Todos los parámetros ya tienen aquí el valor del documento.
   *[governance] Esta ciudad ya decide con las mismas reglas.
}
protocol-status-will = { $part ->
    [parameters] se fijará
    [governance] se abrirá
   *[other] se agregará
}
protocol-status-done = { $part ->
    [parameters] fijado
    [governance] abierto
   *[other] agregado
}
protocol-status-not-chosen = no elegido
protocol-status-already-here = ya se usa aquí (se adaptó antes de esta plantilla)
protocol-status-own = plantilla propia de esta ciudad
protocol-status-left-out = se deja fuera: { $reason }
protocol-taxonomy-new-category = Nueva categoría { $category } ({ $category_id }), medida en { $unit } ({ $unit_id })
protocol-taxonomy-new-unit = Nueva unidad { $unit } ({ $unit_id }) para { $category } ({ $category_id })
protocol-template-line = { $title } — { $category }, de { $organization }
protocol-templates-receiver = Las plantillas van a { $name } (@{ $handle }).
protocol-templates-no-receiver = Elija abajo una organización que reciba las plantillas; sin ella, las plantillas no se pueden importar.
protocol-parameter-change = { $name }: { $from } → { $to }
protocol-parameter-value = { $name }: { $value }
protocol-parameters-hint = Los parámetros cambiados quedan en el historial de parámetros de la ciudad como fijados por usted, con esta importación anotada en su registro.
protocol-governance-hint = Las reglas de gobernanza pertenecen a los ciclos de decisión. Importarlas abre un ciclo de decisión nuevo con estas reglas; puede cambiar sus fechas antes de que empiece.
protocol-governance-rules = { $method }, quórum del { $quorum }%, al menos { $min_vote } VOTE y un correo confirmado para votar; propuestas { $proposals }, deliberación { $deliberation }, votación { $voting }
protocol-governance-here-cycle = { $rules } (el ciclo «{ $cycle }»)
protocol-governance-here-default = { $rules } (los valores predeterminados: aún no hay ciclos)
protocol-governance-change = Aquí: { $here }. En el documento: { $there }. Se abriría un ciclo «{ $title }», con propuestas a partir del { $starts }.
protocol-governance-opened = Antes: { $here }. Ahora: { $there }, en el ciclo de decisión «{ $title }», con propuestas a partir del { $starts }.
protocol-duration = { $unit ->
    [days] { $n ->
        [one] 1 día
       *[other] { $n } días
    }
    [hours] { $n ->
        [one] 1 hora
       *[other] { $n } horas
    }
   *[minutes] { $n ->
        [one] 1 minuto
       *[other] { $n } minutos
    }
}
protocol-verification-title = Métodos y motivos de verificación
protocol-verification-known = Este City/Sync conoce todos los métodos de verificación, tipos de comprobante y motivos de rechazo del documento.
protocol-verification-unknown = Estos términos del documento no se conocen aquí; las plantillas que los usan no se pueden importar:
protocol-configuration-title = Fijado en el archivo de configuración
protocol-configuration-hint = Una importación no cambia estos valores: los fija quien opera el servidor, en su archivo de configuración.
protocol-configuration-line = fijado en el archivo de configuración: { $key } = { $there } en el documento, { $here } aquí
protocol-configuration-same = Los valores de configuración del documento son los mismos que aquí.
protocol-shipped-versions = El documento se escribió con la versión { $there } de la taxonomía; este City/Sync incluye la versión { $here }.
protocol-summary-preview = { $n ->
    [0] Importar las partes elegidas no cambia nada aquí.
    [one] Importar las partes elegidas hace 1 cambio.
   *[other] Importar las partes elegidas hace { $n } cambios.
}
protocol-summary-applied = { $n ->
    [0] Importado: no hizo falta cambiar nada.
    [one] Importado: se hizo 1 cambio.
   *[other] Importado: se hicieron { $n } cambios.
}
protocol-applied-cycle = Ver el ciclo de decisión que se abrió
protocol-another = Importar otro documento
