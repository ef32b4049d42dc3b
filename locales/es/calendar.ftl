## El calendario y el mapa públicos de oportunidades.

calendar-nav = Calendario
map-nav = Mapa
calendar-title = Calendario del trabajo cívico
calendar-intro = Todas las oportunidades publicadas en la ciudad que aún no terminan, día por día.
calendar-timezone = Los horarios son los de la ciudad ({ $timezone }).
calendar-filters = Filtrar el calendario
calendar-filter-place = Lugar o colonia
calendar-filter-place-hint = Parte del nombre de un lugar, como un parque, una calle o una colonia.
calendar-filter-from = Desde
calendar-filter-to = Hasta
calendar-filter-peers = Mostrar también las oportunidades de las ciudades que seguimos
calendar-results = { $count ->
    [one] Una oportunidad
   *[other] { $count } oportunidades
}
calendar-more = Solo se muestran las primeras { $shown }. Precise los filtros para ver las demás.
calendar-empty = Por ahora nada coincide con estos filtros.
calendar-day = { $weekday ->
    [1] Lunes
    [2] Martes
    [3] Miércoles
    [4] Jueves
    [5] Viernes
    [6] Sábado
   *[7] Domingo
}, { $date }
calendar-peers-title = De las ciudades que seguimos
calendar-peers-intro = Lo que publicaron otras ciudades, tal como lo enviaron; en esta lista solo filtran las fechas. Los horarios se muestran con la hora de esta ciudad.
calendar-peers-from = De { $domain }
calendar-peers-empty = No hay oportunidades de las ciudades que seguimos en estas fechas.
map-title = Mapa del trabajo cívico
map-intro = Las oportunidades con ubicación en el mapa llevan un número; la lista de abajo las tiene todas, con los mismos números.
map-results = { $count ->
    [one] Una oportunidad
   *[other] { $count } oportunidades
}, { $located } en el mapa
map-svg-title = Mapa de oportunidades
map-svg-desc = { $located } de { $total } oportunidades tienen ubicación en el mapa; cada punto numerado lleva a su oportunidad, y la lista después del mapa las tiene todas.
map-caption = El norte está arriba. El mapa muestra solo la zona alrededor de estas oportunidades: no dibuja calles ni referencias.
map-none-located = Ninguna de estas oportunidades tiene ubicación en el mapa todavía; todas están en la lista.
map-list-title = Todas, por número
map-no-position = sin ubicación en el mapa
