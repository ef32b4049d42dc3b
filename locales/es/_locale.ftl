## Lo que City/Sync necesita saber de este idioma además de sus mensajes.

# El nombre del idioma en sí mismo, en el selector de idioma.
locale-native-name = Español
# Nombres de días y meses (pure-rust-locales).
locale-chrono = es_MX
# Cómo se escriben los números en la Ciudad de México (CLDR): 1,234.5 y 75.0 %.
locale-decimal-separator = .
locale-group-separator = ,
locale-percent-suffix = {"\u00A0"}%
