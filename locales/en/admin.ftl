## The administrator's city settings (/admin/city) and people's accounts (/admin/users).

admin-city-link = City settings
admin-city-title = City settings
admin-city-intro = The city's name, description, clock, language and contact, as every page shows them. Each change is recorded below with who made it.
admin-city-name = Name of the city
admin-city-description = Description
admin-city-description-hint = A few sentences about the city, shown on its public page (optional).
admin-city-timezone-hint = The city's clock, by its IANA name, for example America/Los_Angeles or America/Mexico_City. Every time on the site follows it.
admin-city-contact = Contact
admin-city-contact-hint = How people reach the administration: an email address or a web address starting with https:// (optional).
admin-city-save = Save the settings
admin-city-history = Latest changes
admin-city-history-empty = The settings have not been changed since the city was set up.
admin-city-value-none = (nothing)
admin-city-change = { $actor } changed { $field ->
    [name] the name
    [description] the description
    [timezone] the time zone
    [default_locale] the default language
    [contact] the contact
    [settlement_terms] the reimbursement terms
   *[other] a setting
}
city-description = About the city
city-contact = Contact

admin-users-link = People's accounts
admin-users-title = People's accounts
admin-users-intro = Find an account by username or email address, suspend it with a reason or restore it, and choose who administers the city. Each action is recorded below.
admin-users-search = Username or email address contains
admin-users-search-submit = Search
admin-users-count = { $count ->
    [0] No account matches.
    [one] One account.
   *[other] { $count } accounts.
}
admin-users-empty = No account matches this search.
admin-users-pages = Pages of accounts
admin-users-state = { $state ->
    [active] Active
    [unverified] Email address not confirmed yet
    [suspended] Suspended
   *[other] Unknown state
}
admin-users-admin = Administrator
admin-users-since = Joined { $date }
admin-users-suspended-at = Suspended on { $date }
admin-users-reason = Reason for the suspension (the record keeps it)
admin-users-suspend = Suspend { $username }
admin-users-restore = Restore { $username }
admin-users-grant = Make { $username } an administrator
admin-users-revoke = Remove { $username } as administrator
admin-users-actions = Latest actions on accounts
admin-users-actions-empty = No account has been suspended, restored or given a new role yet.
admin-users-action = { $action ->
    [suspended] { $actor } suspended { $username }
    [restored] { $actor } restored { $username }
    [admin-granted] { $actor } made { $username } an administrator
    [admin-revoked] { $actor } removed { $username } as administrator
    [resident-verified] { $actor } verified { $username } as a resident
    [resident-self-verified] { $username } verified as a resident (letter code, registry or identity service)
    [resident-verification-revoked] { $actor } revoked { $username }'s resident verification
    [identity-conflict] { $actor } entered for { $username } a document another account holds
    [identity-conflict-resolved] { $actor } decided on a document { $username } presented
   *[other] { $actor } changed { $username }'s account
}

error-contact-invalid = Give an email address (name@example.org) or a web address starting with https://.
error-last-admin = The city needs at least one active administrator. Make someone else an administrator first.
error-suspend-self = You cannot suspend your own account.
error-account-suspended = This account is suspended. Contact the city's administration to learn more.
