## Apps that act for a resident (OAuth 2): the consent page, what each scope allows, and the
## authorized apps on the settings page.

## The consent page
oauth-authorize-title = Let { $app } use your account?
oauth-authorize-intro = The app { $app } asks to act for you on { $city }. Nothing is shared until you choose Allow.
oauth-signed-in-as = Signed in as
oauth-app-website = The app's website
oauth-redirect-label = Your answer goes to
oauth-redirect-web = { $host }
oauth-redirect-device = an app on this device ({ $name })
oauth-app-unchecked = City/Sync does not check apps: the name and website are what the app says about itself. Only go on if you know it and chose to use it.
oauth-scopes-title = If you allow it, { $app } will be able to:
oauth-sensitive-title = Take care: it also asks for powers that count
oauth-sensitive-intro = With these, { $app } can do for you what moves credit, casts votes or decides for others. Allow them only if you trust this app as you would trust yourself.
oauth-revoke-later = You can withdraw this app's access at any time in your settings.
oauth-approve = Allow { $app }
oauth-deny = Deny

## What each scope lets an app do, in plain words
scope-read = See your account and everything in it: your profile, your work and claims, your wallet, your votes and your notifications.
scope-read-wallet = See your wallet: how much CITY and VOTE you have, your reservations and their history.
scope-write-claims = Claim places in opportunities for you, and give them up.
scope-write-proofs = Send proof of your work (text and photos) for you.
scope-write-catalog = Create and change tasks and opportunities of the organizations you help run.
scope-verify = Approve or reject other people's work as a verifier of your organizations, which creates CITY and VOTE.
scope-redeem = Spend your CITY: reserve offerings and cancel reservations for you, and confirm redemptions at a counter you serve.
scope-vote = Cast and change your votes in the city's decisions.
scope-write-proposals = Write proposals and comments for you.
scope-admin = Use your administrator powers over the whole city.

## Authorized apps, on the settings page
settings-apps-title = Authorized apps
settings-apps-intro = Apps you allowed to act for you. Withdraw access from any you no longer use: its keys stop working at once.
settings-apps-empty = You have not allowed any app to use your account.
settings-apps-scopes = It can
settings-apps-authorized = Allowed on
settings-apps-last-used = Last used
settings-apps-never = Never
settings-apps-revoke = Withdraw access for { $app }
settings-apps-revoked = The app's access was withdrawn. It can no longer act for you.
