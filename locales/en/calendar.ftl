## The public calendar and map of opportunities.

calendar-nav = Calendar
map-nav = Map
calendar-title = Calendar of civic work
calendar-intro = Every published opportunity in the city that has not ended yet, day by day.
calendar-timezone = Times are local to the city ({ $timezone }).
calendar-filters = Filter the calendar
calendar-filter-place = Place or neighborhood
calendar-filter-place-hint = Part of a place's name, such as a park, street or neighborhood.
calendar-filter-from = From
calendar-filter-to = To
calendar-filter-peers = Also show opportunities from the cities we follow
calendar-results = { $count ->
    [one] One opportunity
   *[other] { $count } opportunities
}
calendar-more = Only the first { $shown } are shown. Narrow the filters to see the rest.
calendar-empty = Nothing matches these filters right now.
calendar-day = { $weekday ->
    [1] Monday
    [2] Tuesday
    [3] Wednesday
    [4] Thursday
    [5] Friday
    [6] Saturday
   *[7] Sunday
}, { $date }
calendar-peers-title = From the cities we follow
calendar-peers-intro = What other cities published, as they sent it; only the dates filter this list. Times are shown on this city's clocks.
calendar-peers-from = From { $domain }
calendar-peers-empty = No opportunity from the cities we follow in these dates.
map-title = Map of civic work
map-intro = Opportunities with a map position are numbered on the map; the list below has them all, with the same numbers.
map-results = { $count ->
    [one] One opportunity
   *[other] { $count } opportunities
}, { $located } on the map
map-svg-title = Map of opportunities
map-svg-desc = { $located } of { $total } opportunities have a map position; each numbered point links to its opportunity, and the list after the map has them all.
map-caption = North is up. The map shows only the area around these opportunities: no streets or landmarks are drawn.
map-none-located = None of these opportunities has a map position yet; they are all in the list.
map-list-title = All of them, by number
map-no-position = no map position
