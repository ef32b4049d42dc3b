error-redirect-uri-invalid = A redirect address must start with https://, be http:// on this computer (127.0.0.1 or localhost), or use the app’s own scheme (like org.example.app:/callback), written in full and in lower case (https://app.example/callback); it cannot have a # part or go up a folder with "..".
error-pkce-invalid = This app must use PKCE with the S256 method.
