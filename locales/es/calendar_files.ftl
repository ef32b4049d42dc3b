# Archivos de calendario (issue 26): oportunidades periódicas, calendarios suscribibles, .ics por correo.

## El formulario de nueva oportunidad: repetirla.
calendar-files-repeat-legend = Repetir
calendar-files-repeat-hint = Cada fecha será una oportunidad propia, con sus propios lugares e inscripciones, a la misma hora local. Como máximo { $max } fechas.
calendar-files-repeat-once = Una vez
calendar-files-repeat-weekly = Cada semana, hasta la fecha de abajo
calendar-files-repeat-until = Última fecha
calendar-files-repeat-dates = En las fechas indicadas abajo (además de la primera)
calendar-files-repeat-dates-field = Otras fechas
calendar-files-repeat-dates-hint = Fechas como AAAA-MM-DD, separadas por comas o saltos de línea, ninguna antes de la primera.
error-repeat-invalid = Elija la última fecha de una repetición semanal, o indique las otras fechas como AAAA-MM-DD, ninguna antes de la primera.
error-too-many-occurrences = Una serie puede tener como máximo { $max } fechas. Elija una última fecha anterior o menos fechas.

## La página de la oportunidad.
calendar-files-series-heading = Otras fechas
calendar-files-series-publish = Publicar todas las fechas en borrador de esta serie

## Calendarios.
calendar-files-resident-feed-name = Mi trabajo en { $city }
calendar-files-organization-feed-name = { $name } (oportunidades)
calendar-files-org-link = Calendario de { $name } (iCal)
calendar-files-calendar-page-link = Suscríbase al calendario de una organización desde su página; sus inscripciones tienen una dirección de calendario privada en su configuración.
calendar-files-calendar-settings-link = Su dirección de calendario privada

## Configuración.
calendar-files-settings-heading = Calendario
calendar-files-settings-intro = Añada sus inscripciones a su aplicación de calendario con una dirección privada. Quien tenga la dirección ve sus inscripciones, así que no la comparta. Crear una dirección nueva anula la anterior.
calendar-files-settings-button = Crear una nueva dirección de calendario privada
calendar-files-feed-title = Su dirección de calendario privada
calendar-files-feed-made = Se creó una nueva dirección de calendario privada. La anterior ya no funciona.
calendar-files-feed-how = Copie esta dirección en su aplicación de calendario (suscribirse a un calendario por URL). Solo se muestra ahora: para verla de nuevo, cree una nueva.
calendar-files-feed-address = Dirección de calendario privada
calendar-files-feed-subscribe = Suscribirse en su aplicación de calendario
calendar-files-feed-download = Descargarlo una vez
calendar-files-feed-secret = Quien tenga esta dirección ve sus inscripciones.
calendar-files-back-to-settings = Volver a la configuración
