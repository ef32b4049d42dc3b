## Notifications where work waits (issue 26): the daily digest, reminder times, rewards

## The daily digest: one email a day with all the person's news
mail-digest-subject = Your news from { $city }
mail-digest-intro = { $count ->
    [one] Here is your news from { $city } since your last digest:
   *[other] Here are your { $count } pieces of news from { $city } since your last digest:
}
mail-digest-action = See all my notifications
mail-digest-settings = You get one email a day because you chose it in your settings; you can switch back to single emails there.

## When a shift starts, as a reminder's subject says it
notice-when-hours = { $hours ->
    [one] in 1 hour
   *[other] in { $hours } hours
}
notice-when-today = today at { $time }
notice-when-tomorrow = tomorrow at { $time }
notice-when-day = on { $day } at { $time }

## Headings over the words that come with the news
mail-note-approved-detail = The verifier's feedback and your reward:
mail-note-admins-words = The administrators' words:
mail-note-voting-when = When voting closes:

## What an approval earned
notice-earned = You earned { $city } CITY and { $vote } VOTE; they are in your wallet.
notice-voting-closes = Voting closes on { $when }.

## Settings: how news comes by email
settings-digest-legend = How news comes by email
settings-digest-single = One email for each piece of news
settings-digest-daily = One email a day with all my news
settings-digest-hint = The daily email comes around { $hour }:00, on the city's clock, and only when there is news. The notifications page always shows everything at once.
settings-notices-title = Notifications by email
settings-notices-intro = Choose which news also comes by email, and whether it comes one email at a time or once a day in a digest.
settings-notices-link = Email preferences
