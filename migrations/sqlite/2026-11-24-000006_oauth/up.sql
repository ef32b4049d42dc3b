-- OAuth 2 apps registered at POST /api/v1/apps. A public client has no secret and must
-- use PKCE; a confidential one authenticates with its secret (stored hashed).
CREATE TABLE oauth_apps (
    client_id TEXT PRIMARY KEY NOT NULL,
    secret_hash TEXT,
    name TEXT NOT NULL,
    website TEXT,
    redirect_uris TEXT NOT NULL,
    scopes TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    deleted_at TIMESTAMP
);

-- One authorization a resident gave an app (or an app's own client_credentials grant, with
-- no resident). Every token it issues belongs to it; revoking it revokes them all.
CREATE TABLE oauth_grants (
    id TEXT PRIMARY KEY NOT NULL,
    client_id TEXT NOT NULL REFERENCES oauth_apps(client_id) ON DELETE CASCADE,
    user_id TEXT REFERENCES users(id) ON DELETE CASCADE,
    scopes TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    last_used_at TIMESTAMP,
    revoked_at TIMESTAMP
);
CREATE INDEX oauth_grants_user ON oauth_grants(user_id);
CREATE INDEX oauth_grants_client ON oauth_grants(client_id);

-- Authorization codes: single use, ten minutes, bound to the app, the redirect URI and the
-- PKCE challenge. grant_id is set at the first exchange, so a second use revokes it.
CREATE TABLE oauth_codes (
    code_hash TEXT PRIMARY KEY NOT NULL,
    client_id TEXT NOT NULL REFERENCES oauth_apps(client_id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    redirect_uri TEXT NOT NULL,
    scopes TEXT NOT NULL,
    code_challenge TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP,
    grant_id TEXT
);

-- Access and refresh tokens of a grant, stored hashed. A refresh token is used once: its
-- use rotates it; presenting a used one revokes the whole grant.
CREATE TABLE oauth_tokens (
    token_hash TEXT PRIMARY KEY NOT NULL,
    grant_id TEXT NOT NULL REFERENCES oauth_grants(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP,
    revoked_at TIMESTAMP
);
CREATE INDEX oauth_tokens_grant ON oauth_tokens(grant_id);
