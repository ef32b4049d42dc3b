# Overlap detection: similar work shown on the drafting forms, the administrator's
# monthly report, and the organizations working nearby on a console.

overlap-reason-separator = {", "}
overlap-reason-same-category = same category
overlap-reason-different-category = different category
overlap-reason-text-similar = { $percent }% similar wording
overlap-reason-nearby = { $meters ->
    [0] at the same place
   *[other] { $meters } m away
}
overlap-reason-same-day = same { $weekday ->
    [1] Monday
    [2] Tuesday
    [3] Wednesday
    [4] Thursday
    [5] Friday
    [6] Saturday
   *[7] Sunday
}{ $part ->
    [morning] {" "}morning
    [afternoon] {" "}afternoon
    [evening] {" "}evening
   *[day] {" "}({ $date })
}
overlap-reason-time-overlap = times overlap by { $minutes } min

overlap-title = { $count ->
    [one] Something like this already exists
   *[other] { $count } things like this already exist
}
overlap-intro = Before you save, look at what other organizations already run. Working together reaches more residents than running the same thing twice.
overlap-by = by { $organization }
overlap-from-city = from { $domain }
overlap-why = Similarity { $score } of 100: { $reasons }.
overlap-adopt = Adopt “{ $title }” instead
overlap-coissue = Co-issue with { $organization }
overlap-coissue-hint = Co-issuing saves your draft and invites the organization to share it: each partner pays its share of the reward from its own budget.
overlap-continue-hint = If yours is different, save it as it is.
overlap-continue = Continue anyway

overlap-report-title = Overlap report
overlap-report-intro = Programs of different organizations that looked like the same work in { $month }: their opportunities that month compared pairwise, with how many residents each program reached.
overlap-report-month = Month
overlap-report-show = Show
overlap-report-previous = Previous month
overlap-report-next = Next month
overlap-report-compared = { $count ->
    [one] One opportunity compared.
   *[other] { $count } opportunities compared.
}
overlap-report-empty = No two programs duplicated each other this month.
overlap-report-caption = Programs that duplicate each other
overlap-report-first = Program
overlap-report-second = Duplicated by
overlap-report-score = Similarity
overlap-report-why = Why
overlap-report-program = { $title } ({ $organization })
overlap-report-reach = { $opportunities ->
    [one] one opportunity
   *[other] { $opportunities } opportunities
}, { $residents ->
    [one] one resident reached
   *[other] { $residents } residents reached
}
overlap-report-link = Overlap report

overlap-neighbors-title = Others working in your categories and places
overlap-neighbors-intro = Organizations with active templates in your categories, or open opportunities within 2 km of yours. Talk to them before starting the same thing: you can co-issue.
overlap-neighbors-empty = No other organization works in your categories or near your places yet.
overlap-neighbors-categories = Shared categories: { $categories }
overlap-neighbors-nearby = { $count ->
    [one] one opportunity nearby
   *[other] { $count } opportunities nearby
}, the closest { $meters } m away
