## Notificaciones donde el trabajo espera (issue 26): el resumen diario, horas de recordatorio, recompensas

## El resumen diario: un correo al día con todas las novedades de la persona
mail-digest-subject = Sus novedades de { $city }
mail-digest-intro = { $count ->
    [one] Esta es su novedad de { $city } desde su último resumen:
   *[other] Estas son sus { $count } novedades de { $city } desde su último resumen:
}
mail-digest-action = Ver todas mis notificaciones
mail-digest-settings = Recibe un correo al día porque así lo eligió en su configuración; allí puede volver a recibir un correo por cada notificación.

## Cuándo empieza un turno, como lo dice el asunto de un recordatorio
notice-when-hours = { $hours ->
    [one] en 1 hora
   *[other] en { $hours } horas
}
notice-when-today = hoy a las { $time }
notice-when-tomorrow = mañana a las { $time }
notice-when-day = el { $day } a las { $time }

## Encabezados sobre las palabras que acompañan la noticia
mail-note-approved-detail = Comentarios de quien verificó y su recompensa:
mail-note-admins-words = Palabras de la administración:
mail-note-voting-when = Cuándo cierra la votación:

## Lo que ganó una aprobación
notice-earned = Ganó { $city } CITY y { $vote } VOTE; ya están en su cartera.
notice-voting-closes = La votación cierra el { $when }.

## Configuración: cómo llegan las notificaciones por correo
settings-digest-legend = Cómo llegan las notificaciones por correo
settings-digest-single = Un correo por cada notificación
settings-digest-daily = Un correo al día con todas mis novedades
settings-digest-hint = El correo diario llega hacia las { $hour }:00, según la hora de la ciudad, y solo cuando hay novedades. La página de notificaciones siempre lo muestra todo junto.
settings-notices-title = Notificaciones por correo
settings-notices-intro = Elija qué notificaciones le llegan también por correo, y si llegan una por una o una vez al día en un resumen.
settings-notices-link = Preferencias de correo
