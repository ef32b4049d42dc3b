# Calendar files (issue 26): recurring opportunities, calendar feeds, .ics by email.

## The new-opportunity form: repeating it.
calendar-files-repeat-legend = Repeat
calendar-files-repeat-hint = Each date becomes an opportunity of its own, with its own places and claims, at the same local time. At most { $max } dates.
calendar-files-repeat-once = Once
calendar-files-repeat-weekly = Every week, until the date below
calendar-files-repeat-until = Last date
calendar-files-repeat-dates = On the dates listed below (besides the first)
calendar-files-repeat-dates-field = Other dates
calendar-files-repeat-dates-hint = Dates as YYYY-MM-DD, separated by commas or new lines, none before the first.
error-repeat-invalid = Choose the last date of a weekly repetition, or list the other dates as YYYY-MM-DD, none before the first.
error-too-many-occurrences = A series can have at most { $max } dates. Choose an earlier last date or fewer dates.

## The opportunity page.
calendar-files-series-heading = Other dates
calendar-files-series-publish = Publish every draft date of this series

## Feeds.
calendar-files-resident-feed-name = My work in { $city }
calendar-files-organization-feed-name = { $name } (opportunities)
calendar-files-org-link = Calendar of { $name } (iCal)
calendar-files-calendar-page-link = Subscribe to an organization's calendar from its page; your own claims have a private calendar address in your settings.
calendar-files-calendar-settings-link = Your private calendar address

## Settings.
calendar-files-settings-heading = Calendar
calendar-files-settings-intro = Add your claims to your calendar application with a private address. Anyone who has the address sees your claims, so keep it to yourself. Making a new address stops the old one.
calendar-files-settings-button = Make a new private calendar address
calendar-files-feed-title = Your private calendar address
calendar-files-feed-made = A new private calendar address was made. The previous one no longer works.
calendar-files-feed-how = Copy this address into your calendar application (subscribe to a calendar by URL). It is shown only now: to see it again, make a new one.
calendar-files-feed-address = Private calendar address
calendar-files-feed-subscribe = Subscribe in your calendar application
calendar-files-feed-download = Download it once
calendar-files-feed-secret = Anyone who has this address sees your claims.
calendar-files-back-to-settings = Back to settings
