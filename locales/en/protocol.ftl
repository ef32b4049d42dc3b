## The portable city protocol: export this city's way of working, import another city's.

## Errors
error-protocol-invalid = This is not a City/Sync protocol document, or part of it is damaged.
error-protocol-version-unsupported = This document uses protocol version { $version }, which this City/Sync does not know. Update City/Sync, or ask the other city for a document in version 1.
error-protocol-signature-invalid = The document’s signature does not match its contents: it was changed after the city signed it, or it was never signed. Nothing was imported. Ask the other city for a fresh copy.
error-protocol-organization-needed = Choose the organization that receives the imported templates, or leave the templates out.

## What an import records
protocol-budget-not-portable = issuer budgets name this city’s own organizations and are not imported
protocol-cycle-title = Decision cycle with the rules of { $city }
protocol-cycle-description = Opened by importing the protocol of { $city } ({ $url }), exported on { $date }. Its method, quorum, voting threshold and phase lengths are theirs. The administrator can change its dates and title, and its rules until voting opens.

## Administration page
protocol-admin-link = City protocol
protocol-title = The city’s protocol
protocol-intro = One signed document with how this city works: its categories and outcome units, how work is verified, its task templates, its parameters and its governance rules, each with the decision that set it. Another city can import it, choose what to adopt, and run the same templates and rules the same day.
protocol-export-title = Export this city’s protocol
protocol-export-intro = Download the document, signed with this city’s ledger key. It holds only what is public already.
protocol-export-link = Download the protocol (JSON)
protocol-export-cli = From the command line:
protocol-import-title = Import another city’s protocol
protocol-import-intro = Upload or paste the document. You will first see exactly what would change here, and choose which parts to import. Nothing changes before you apply.
protocol-file = Protocol file
protocol-paste = Or paste the document
protocol-paste-hint = The JSON text, from its first brace to its last.
protocol-organization = Organization that receives the templates
protocol-organization-hint = Imported templates become active templates of this organization, each recording the template it was adapted from. Only approved issuers can receive them.
protocol-organization-none = No organization (templates cannot be imported)
protocol-preview-submit = Preview the import
protocol-preview-again = Preview again with these choices
protocol-apply-submit = Import the chosen parts
protocol-origin-title = Where the document comes from
protocol-origin-city = City
protocol-origin-exported = Exported
protocol-origin-version = Protocol version
protocol-origin-key = Signing key
protocol-origin-key-hint = The signature matches this key. To be sure the key is the city’s, compare it with the one the city publishes at
protocol-part-title = { $part ->
    [taxonomy] Categories and outcome units
    [templates] Task templates
    [parameters] Parameters
   *[governance] Governance rules
}
protocol-part-choose = { $part ->
    [taxonomy] Import the categories and units
    [templates] Import the templates
    [parameters] Import the parameters
   *[governance] Import the governance rules
}
protocol-part-empty = { $part ->
    [taxonomy] This city already has every category and unit of the document.
    [templates] The document has no templates.
    [parameters] Every parameter already has the document’s value here.
   *[governance] This city already decides with the same rules.
}
protocol-status-will = { $part ->
    [parameters] will be set
    [governance] will open
   *[other] will be added
}
protocol-status-done = { $part ->
    [parameters] set
    [governance] opened
   *[other] added
}
protocol-status-not-chosen = not chosen
protocol-status-already-here = already run here (adapted from this template before)
protocol-status-own = this city’s own template
protocol-status-left-out = left out: { $reason }
protocol-taxonomy-new-category = New category { $category } ({ $category_id }), measured in { $unit } ({ $unit_id })
protocol-taxonomy-new-unit = New unit { $unit } ({ $unit_id }) for { $category } ({ $category_id })
protocol-template-line = { $title } — { $category }, from { $organization }
protocol-templates-receiver = Templates go to { $name } (@{ $handle }).
protocol-templates-no-receiver = Choose an organization below to receive the templates; without one, the templates cannot be imported.
protocol-parameter-change = { $name }: { $from } → { $to }
protocol-parameter-value = { $name }: { $value }
protocol-parameters-hint = Changed parameters are recorded in the city’s parameter history as set by you, with this import noted in their record.
protocol-governance-hint = Governance rules belong to decision cycles. Importing them opens a new decision cycle with these rules; you can change its dates before it starts.
protocol-governance-rules = { $method }, quorum { $quorum }%, at least { $min_vote } VOTE and a verified email to vote; proposals { $proposals }, deliberation { $deliberation }, voting { $voting }
protocol-governance-here-cycle = { $rules } (the cycle “{ $cycle }”)
protocol-governance-here-default = { $rules } (the defaults: no cycle yet)
protocol-governance-change = Here: { $here }. In the document: { $there }. A cycle “{ $title }” would open, its proposals starting { $starts }.
protocol-governance-opened = Before: { $here }. Now: { $there }, in the decision cycle “{ $title }”, its proposals starting { $starts }.
protocol-duration = { $unit ->
    [days] { $n ->
        [one] 1 day
       *[other] { $n } days
    }
    [hours] { $n ->
        [one] 1 hour
       *[other] { $n } hours
    }
   *[minutes] { $n ->
        [one] 1 minute
       *[other] { $n } minutes
    }
}
protocol-verification-title = Verification methods and reasons
protocol-verification-known = This City/Sync knows every verification method, proof kind and rejection reason of the document.
protocol-verification-unknown = These terms of the document are unknown here; templates using them cannot be imported:
protocol-configuration-title = Set in the configuration file
protocol-configuration-hint = These values are not changed by an import: an operator sets them in the server’s configuration file.
protocol-configuration-line = set in the configuration file: { $key } = { $there } in the document, { $here } here
protocol-configuration-same = The document’s configuration values are the same as here.
protocol-shipped-versions = The document was written with taxonomy version { $there }; this City/Sync ships version { $here }.
protocol-summary-preview = { $n ->
    [0] Importing the chosen parts changes nothing here.
    [one] Importing the chosen parts makes 1 change.
   *[other] Importing the chosen parts makes { $n } changes.
}
protocol-summary-applied = { $n ->
    [0] Imported: nothing needed to change.
    [one] Imported: 1 change made.
   *[other] Imported: { $n } changes made.
}
protocol-applied-cycle = See the decision cycle that was opened
protocol-another = Import another document
