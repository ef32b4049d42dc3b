error-follow-target-invalid = Enter a handle like @city@berkeley.example or the web address of an actor.
error-domain-invalid = That is not a domain name. Enter one like example.org.
error-follow-self = That is this city itself.
