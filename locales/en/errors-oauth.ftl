error-redirect-uri-invalid = A redirect address must start with https://, be http:// on this computer (127.0.0.1 or localhost), or use the app’s own scheme (like org.example.app:/callback), written in full and in lower case (https://app.example/callback); it cannot have a # part or go up a folder with "..".
error-pkce-invalid = This app must use PKCE with the S256 method.
error-oauth-client-unknown = This app is not registered with this city (or was deleted). Ask the app's makers to register it again.
error-oauth-redirect-mismatch = The app asked to send you back to an address it did not register, so City/Sync stopped here. Nothing was shared.
