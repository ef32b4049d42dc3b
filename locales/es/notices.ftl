## Avisos donde el trabajo espera (issue 26): el resumen diario, horas de recordatorio, recompensas

## El resumen diario: un correo al día con todas las novedades de la persona
mail-digest-subject = Tus novedades de { $city }
mail-digest-intro = { $count ->
    [one] Esta es tu novedad de { $city } desde tu último resumen:
   *[other] Estas son tus { $count } novedades de { $city } desde tu último resumen:
}
mail-digest-action = Ver todos mis avisos
mail-digest-settings = Recibes un correo al día porque así lo elegiste en tu configuración; allí puedes volver a recibir un correo por cada aviso.

## Cuándo empieza un turno, como lo dice el asunto de un recordatorio
notice-when-hours = { $hours ->
    [one] en 1 hora
   *[other] en { $hours } horas
}
notice-when-today = hoy a las { $time }
notice-when-tomorrow = mañana a las { $time }
notice-when-day = el { $day } a las { $time }

## Encabezados sobre las palabras que acompañan la noticia
mail-note-approved-detail = Comentarios de quien verificó y tu recompensa:
mail-note-admins-words = Palabras de la administración:
mail-note-voting-when = Cuándo cierra la votación:

## Lo que ganó una aprobación
notice-earned = Ganaste { $city } CITY y { $vote } VOTE; ya están en tu monedero.
notice-voting-closes = La votación cierra el { $when }.

## Configuración: cómo llegan los avisos por correo
settings-digest-legend = Cómo llegan los avisos por correo
settings-digest-single = Un correo por cada aviso
settings-digest-daily = Un correo al día con todas mis novedades
settings-digest-hint = El correo diario llega hacia las { $hour }:00, según la hora de la ciudad, y solo cuando hay novedades. La página de avisos siempre lo muestra todo junto.
settings-notices-title = Avisos por correo
settings-notices-intro = Elige qué avisos te llegan también por correo, y si llegan uno por uno o una vez al día en un resumen.
settings-notices-link = Preferencias de correo
