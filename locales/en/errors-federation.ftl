error-follow-target-invalid = Enter a handle like @city@berkeley.example or the web address of an actor.
error-domain-invalid = That is not a domain name. Enter one like example.org.
error-follow-self = That is this city itself.
error-fediverse-handle-invalid = Enter a fediverse handle like @alice@mastodon.example.
error-fediverse-actor-taken = This fediverse account is already linked to another resident of this city. An account can be linked to one resident only.
error-fediverse-already-linked = A fediverse account is already linked to yours. Unlink it first.
error-fediverse-link-other-account = This link was sent for another account of this city. Sign in as the resident who asked for it.
