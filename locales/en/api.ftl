# The JSON API's own messages (its errors share the rest with the web pages).
error-app-token-no-resident = This token belongs to an app, not to a resident, so it cannot act for anyone. Sign the resident in with the authorization code flow.
error-cursor-invalid = This page cursor is not one City/Sync gave out. Start again from the first page.
api-docs-title = City/Sync API
api-docs-intro = Every operation of this city's JSON API, generated from the code. Apps act for residents with OAuth 2 tokens; public reads need no token. The machine-readable document is below.
api-docs-public = Public: no token needed
api-docs-scope = Permission
api-docs-responses = Answers
error-transition-unknown = This change of state is not one City/Sync knows. A template can be activated or retired; an opportunity published, closed or cancelled.
error-request-malformed = City/Sync could not read this request: a field is missing, has the wrong type, or the body is not valid JSON. The detail says where.
