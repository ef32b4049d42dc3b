## Open data: the index of public datasets, their schema page and the Atom feeds.

open-data-nav = Open data
open-data-title = Open data
open-data-intro = Everything this city shows the public, as files anyone may download, reuse and check: the same records as its pages and its ledger.
open-data-schema-intro = These are version { $version } of the exports: their columns keep their names and meanings. Columns and datasets may be added; any other change would come as a new version.
open-data-schema-link = Every dataset and column, explained
open-data-privacy = No personal data: no resident's name, username or email, no organization's contact email, no computer's address. A resident whose work was verified appears only as the pseudonymous reference of their ledger account.
open-data-datasets-title = Datasets
open-data-datasets-caption = The datasets of version { $version } and how many rows each has now
open-data-col-dataset = Dataset
open-data-col-description = What it holds
open-data-col-rows = Rows
open-data-col-formats = Download
open-data-download = { $dataset } as { $format }
open-data-formats-hint = CSV files are UTF-8 with a header row; the JSON files hold the same rows with the same columns. Times are in UTC. CITY amounts are in hundredths (150 is 1.50 CITY); VOTE is whole.
open-data-feeds-title = Feeds
open-data-feeds-intro = Follow new opportunities in a feed reader (Atom).
open-data-feeds-organization = Each organization's own, at
open-data-feed-link = New opportunities (Atom feed)
open-data-feed-organization-link = New opportunities of { $name } (Atom feed)
open-data-feed-city-title = New opportunities in { $name }
open-data-feed-organization-title = New opportunities of { $name }
open-data-feed-entry-summary = { $summary } — { $place }, { $starts } to { $ends }
open-data-schema-title = Open data: the schema
open-data-schema-language = This document is in English.
open-data-back = Back to open data

## The datasets
open-data-dataset-opportunities = Opportunities
open-data-dataset-opportunities-description = Every opportunity organizations published, closed or cancelled: task, place, times, capacity and reward. Drafts are not included.
open-data-dataset-templates = Task templates
open-data-dataset-templates-description = Active and retired task templates at their current version, with where they were adopted from.
open-data-dataset-organizations = Organizations
open-data-dataset-organizations-description = Approved organizations: handle, name, whether they issue work or accept CITY, website.
open-data-dataset-contributions = Contributions
open-data-dataset-contributions-description = Verified work: the outcome confirmed, the rating, the CITY and VOTE it minted, the day. Residents appear only as ledger account references.
open-data-dataset-ledger-totals = Ledger totals
open-data-dataset-ledger-totals-description = Each period's figures — minted, burned, granted, expired — for the city, per organization and per category, with the balances at its close.
open-data-dataset-checkpoints = Ledger checkpoints
open-data-dataset-checkpoints-description = The ledger's signed checkpoints: sequence, head hash, totals, signature and the key that verifies it.
open-data-dataset-decisions = Decisions
open-data-dataset-decisions-description = Closed proposals: cycle, kind, voting method, result, turnout, quorum and what was enacted.
open-data-dataset-decision-options = Decision tallies
open-data-dataset-decision-options-description = The support each option of a closed proposal received, and which budget options were funded.
open-data-dataset-aggregates = Dashboard figures
open-data-dataset-aggregates-description = The transparency dashboard's figures per period, for the city and for each organization: work issued, claimed, verified and rejected (by reason), the median time to verification, CITY and VOTE minted, CITY spent.
