//! The OAuth provider's use cases on both databases: registration, the authorization
//! request checks, codes with PKCE, refresh rotation, client credentials, revocation, and
//! every replay revoking what the first use issued.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use chrono::Duration;
use citysync_app::oauth::{
    self, AppInput, AuthorizeError, AuthorizeQuery, ClientAuth, Issued, TokenError,
};
use citysync_app::{tokens, AppError, Ctx};
use citysync_domain::oauth::s256;
use citysync_test_support::{both_backends, ctx_with_clock, person};

const VERIFIER: &str = "a-verifier-of-more-than-forty-three-characters-0123456789";
const CB: &str = "https://app.example/cb";

async fn app(ctx: &Ctx, public: bool, scopes: &str) -> oauth::RegisteredApp {
    oauth::register(
        ctx,
        AppInput {
            client_name: "Volunteer tracker".into(),
            redirect_uris: vec![CB.into(), "org.example.tracker:/cb".into()],
            scopes: scopes.into(),
            website: "https://app.example".into(),
            public_client: public,
        },
    )
    .await
    .unwrap()
}

fn query(client_id: &str) -> AuthorizeQuery {
    AuthorizeQuery {
        client_id: client_id.into(),
        redirect_uri: CB.into(),
        response_type: "code".into(),
        scope: "read write:claims".into(),
        state: Some("xyz".into()),
        code_challenge: s256(VERIFIER),
        code_challenge_method: "S256".into(),
    }
}

fn client(app: &oauth::RegisteredApp) -> ClientAuth {
    ClientAuth {
        client_id: app.client_id.clone(),
        client_secret: app.client_secret.clone(),
    }
}

async fn works(ctx: &Ctx, access: &str) -> bool {
    tokens::authenticate(ctx, access).await.is_ok()
}

async fn code_for(ctx: &Ctx, app: &oauth::RegisteredApp, who: &citysync_app::User) -> String {
    let request = oauth::check_authorization(ctx, query(&app.client_id))
        .await
        .unwrap();
    oauth::approve(ctx, who, &request).await.unwrap()
}

async fn exchange(ctx: &Ctx, app: &oauth::RegisteredApp, code: &str) -> Result<Issued, TokenError> {
    oauth::exchange_code(ctx, client(app), code, CB, VERIFIER)
        .await
        .unwrap()
}

#[tokio::test]
async fn an_app_is_authorized_with_pkce_refreshes_and_is_revoked() {
    for (name, db) in both_backends() {
        let (ctx, clock) = ctx_with_clock(&db);
        let ana = person(&ctx, "ana", false).await;
        let public = app(&ctx, true, "read write:claims vote").await;
        assert!(public.client_secret.is_none(), "{name}");

        // The consent page is told what is asked; `vote` is not asked, so not shown.
        let request = oauth::check_authorization(&ctx, query(&public.client_id))
            .await
            .unwrap();
        assert_eq!(request.scopes.to_string(), "read write:claims", "{name}");
        assert!(request.sensitive_scopes().is_empty());
        let code = oauth::approve(&ctx, &ana, &request).await.unwrap();

        // A wrong verifier, another redirect URI, or a secret a public app has not: refused.
        let wrong = oauth::exchange_code(&ctx, client(&public), &code, CB, &"x".repeat(50))
            .await
            .unwrap();
        assert_eq!(wrong.unwrap_err(), TokenError::InvalidGrant, "{name}");
        let elsewhere = oauth::exchange_code(
            &ctx,
            client(&public),
            &code,
            "org.example.tracker:/cb",
            VERIFIER,
        )
        .await
        .unwrap();
        assert_eq!(elsewhere.unwrap_err(), TokenError::InvalidGrant);
        let with_secret = ClientAuth {
            client_id: public.client_id.clone(),
            client_secret: Some("guess".into()),
        };
        let refused = oauth::exchange_code(&ctx, with_secret, &code, CB, VERIFIER)
            .await
            .unwrap();
        assert_eq!(refused.unwrap_err(), TokenError::InvalidClient);

        let issued = exchange(&ctx, &public, &code).await.unwrap();
        assert_eq!(issued.scope.to_string(), "read write:claims");
        let (user, scopes) = tokens::authenticate(&ctx, &issued.access_token)
            .await
            .unwrap();
        assert_eq!(user.username.as_str(), "ana", "{name}");
        assert_eq!(scopes.to_string(), "read write:claims");

        // The resident's settings list the app, with its scopes.
        let listed = oauth::authorized_apps(&ctx, &ana).await.unwrap();
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].name, "Volunteer tracker");

        // Refresh: a new pair; the old refresh token is spent.
        let refresh = issued.refresh_token.clone().unwrap();
        let second = oauth::refresh(&ctx, client(&public), &refresh, None)
            .await
            .unwrap()
            .unwrap();
        assert!(works(&ctx, &second.access_token).await);
        // Narrowing is allowed, widening is not.
        let wider = oauth::refresh(
            &ctx,
            client(&public),
            second.refresh_token.as_deref().unwrap(),
            Some("read vote"),
        )
        .await
        .unwrap();
        assert_eq!(wider.unwrap_err(), TokenError::InvalidScope);
        // Presenting the spent refresh token again revokes the whole grant.
        let replay = oauth::refresh(&ctx, client(&public), &refresh, None)
            .await
            .unwrap();
        assert_eq!(replay.unwrap_err(), TokenError::InvalidGrant);
        assert!(!works(&ctx, &second.access_token).await, "{name}");
        assert!(oauth::authorized_apps(&ctx, &ana).await.unwrap().is_empty());

        // A code used twice revokes what its first use issued.
        let code = code_for(&ctx, &public, &ana).await;
        let first = exchange(&ctx, &public, &code).await.unwrap();
        assert!(works(&ctx, &first.access_token).await);
        assert_eq!(
            exchange(&ctx, &public, &code).await.unwrap_err(),
            TokenError::InvalidGrant
        );
        assert!(!works(&ctx, &first.access_token).await, "{name}");

        // A code older than ten minutes is refused.
        let code = code_for(&ctx, &public, &ana).await;
        clock.advance(Duration::minutes(11));
        assert_eq!(
            exchange(&ctx, &public, &code).await.unwrap_err(),
            TokenError::InvalidGrant
        );

        // Access tokens expire after an hour.
        let code = code_for(&ctx, &public, &ana).await;
        let fresh = exchange(&ctx, &public, &code).await.unwrap();
        clock.advance(Duration::minutes(61));
        assert!(!works(&ctx, &fresh.access_token).await);

        // RFC 7009: revoking a refresh token ends the grant; an unknown token is no error.
        let code = code_for(&ctx, &public, &ana).await;
        let last = exchange(&ctx, &public, &code).await.unwrap();
        oauth::revoke(&ctx, client(&public), "not-a-token")
            .await
            .unwrap()
            .unwrap();
        oauth::revoke(
            &ctx,
            client(&public),
            last.refresh_token.as_deref().unwrap(),
        )
        .await
        .unwrap()
        .unwrap();
        assert!(!works(&ctx, &last.access_token).await, "{name}");

        // The resident withdraws an authorization from the settings page.
        let code = code_for(&ctx, &public, &ana).await;
        let more = exchange(&ctx, &public, &code).await.unwrap();
        let grant = oauth::authorized_apps(&ctx, &ana).await.unwrap()[0]
            .grant_id
            .clone();
        let ben = person(&ctx, "ben", false).await;
        assert!(matches!(
            oauth::revoke_authorization(&ctx, &ben, &grant).await,
            Err(AppError::NotFound)
        ));
        assert!(works(&ctx, &more.access_token).await);
        oauth::revoke_authorization(&ctx, &ana, &grant)
            .await
            .unwrap();
        assert!(!works(&ctx, &more.access_token).await);
    }
}

#[tokio::test]
async fn authorization_requests_are_refused_as_rfc_9700_asks() {
    for (name, db) in both_backends() {
        let (ctx, _) = ctx_with_clock(&db);
        let tracker = app(&ctx, false, "read write:claims").await;
        let id = tracker.client_id.clone();

        // Unknown client, or a redirect URI that is not exactly a registered one: our own
        // page, never a redirect.
        let mut q = query(&id);
        q.client_id = "nobody".into();
        assert!(matches!(
            oauth::check_authorization(&ctx, q).await,
            Err(AuthorizeError::Page(AppError::OAuthClientUnknown))
        ));
        for variant in [
            "https://app.example/cb/../x",
            "https://app.example/cb?extra=1",
            "https://APP.example/cb",
            "https://app.example/cb/",
            "http://app.example/cb",
            "https://app.example/Cb",
        ] {
            let mut q = query(&id);
            q.redirect_uri = variant.into();
            assert!(
                matches!(
                    oauth::check_authorization(&ctx, q).await,
                    Err(AuthorizeError::Page(AppError::OAuthRedirectMismatch))
                ),
                "{name}: {variant}"
            );
        }

        // Missing, plain or malformed PKCE; another response type; an unregistered or
        // unknown scope: sent back to the app with `state`.
        type Change = Box<dyn Fn(&mut AuthorizeQuery)>;
        let cases: Vec<(Change, &str)> = vec![
            (
                Box::new(|q| q.code_challenge = String::new()),
                "invalid_request",
            ),
            (
                Box::new(|q| {
                    q.code_challenge = VERIFIER.into();
                    q.code_challenge_method = "plain".into();
                }),
                "invalid_request",
            ),
            (
                Box::new(|q| q.code_challenge_method = String::new()),
                "invalid_request",
            ),
            (
                Box::new(|q| q.response_type = "token".into()),
                "unsupported_response_type",
            ),
            (
                Box::new(|q| q.scope = "read redeem".into()),
                "invalid_scope",
            ),
            (
                Box::new(|q| q.scope = "read everything".into()),
                "invalid_scope",
            ),
        ];
        for (change, expected) in cases {
            let mut q = query(&id);
            change(&mut q);
            match oauth::check_authorization(&ctx, q).await {
                Err(AuthorizeError::Redirect {
                    redirect_uri,
                    error,
                    state,
                }) => {
                    assert_eq!(redirect_uri, CB);
                    assert_eq!(error, expected, "{name}");
                    assert_eq!(state.as_deref(), Some("xyz"));
                }
                other => panic!("{name}: expected {expected}, got {other:?}"),
            }
        }

        // A confidential app must send its secret.
        let ana = person(&ctx, "ana", false).await;
        let code = code_for(&ctx, &tracker, &ana).await;
        let without = ClientAuth {
            client_id: id.clone(),
            client_secret: None,
        };
        let refused = oauth::exchange_code(&ctx, without, &code, CB, VERIFIER)
            .await
            .unwrap();
        assert_eq!(refused.unwrap_err(), TokenError::InvalidClient);
        let issued = exchange(&ctx, &tracker, &code).await.unwrap();

        // Client credentials: read only, confidential apps only, acting for no resident.
        let own = oauth::client_credentials(&ctx, client(&tracker), None)
            .await
            .unwrap()
            .unwrap();
        assert!(own.refresh_token.is_none());
        assert!(matches!(
            tokens::authenticate(&ctx, &own.access_token).await,
            Err(AppError::Unauthenticated)
        ));
        let wider = oauth::client_credentials(&ctx, client(&tracker), Some("write:claims"))
            .await
            .unwrap();
        assert_eq!(wider.unwrap_err(), TokenError::InvalidScope);
        let public = app(&ctx, true, "read").await;
        let refused = oauth::client_credentials(&ctx, client(&public), None)
            .await
            .unwrap();
        assert_eq!(refused.unwrap_err(), TokenError::UnauthorizedClient);

        // Registration refuses unsafe redirect URIs.
        let bad = oauth::register(
            &ctx,
            AppInput {
                client_name: "Bad".into(),
                redirect_uris: vec!["http://evil.example/cb".into()],
                ..AppInput::default()
            },
        )
        .await;
        assert!(bad.is_err(), "{name}");
        assert!(works(&ctx, &issued.access_token).await, "{name}");
    }
}

/// Issue 23 point 4: a refresh that asks for less narrows what the new tokens hold, not
/// only the `scope` the answer shows; the next refresh cannot win the rest back.
#[tokio::test]
async fn a_narrowed_refresh_narrows_the_tokens_it_issues() {
    use citysync_domain::Scope;
    for (name, db) in both_backends() {
        let (ctx, _clock) = ctx_with_clock(&db);
        let ana = person(&ctx, "ana", false).await;
        let public = app(&ctx, true, "read write:claims").await;
        let code = code_for(&ctx, &public, &ana).await;
        let issued = exchange(&ctx, &public, &code).await.unwrap();
        let (_, scopes) = tokens::authenticate(&ctx, &issued.access_token)
            .await
            .unwrap();
        assert!(scopes.allows(Scope::WriteClaims), "{name}");

        let narrow = oauth::refresh(
            &ctx,
            client(&public),
            issued.refresh_token.as_deref().unwrap(),
            Some("read"),
        )
        .await
        .unwrap()
        .unwrap();
        assert_eq!(narrow.scope.to_string(), "read", "{name}");
        // The new access token holds `read` only: a write endpoint's check refuses it.
        let (_, scopes) = tokens::authenticate(&ctx, &narrow.access_token)
            .await
            .unwrap();
        assert_eq!(scopes.to_string(), "read", "{name}");
        assert!(!scopes.allows(Scope::WriteClaims), "{name}");

        // Asking for more than is held now is `invalid_scope`, and spends nothing.
        let wider = oauth::refresh(
            &ctx,
            client(&public),
            narrow.refresh_token.as_deref().unwrap(),
            Some("read write:claims"),
        )
        .await
        .unwrap();
        assert_eq!(wider.unwrap_err(), TokenError::InvalidScope, "{name}");

        // The next refresh without `scope` gives back only `read`.
        let next = oauth::refresh(
            &ctx,
            client(&public),
            narrow.refresh_token.as_deref().unwrap(),
            None,
        )
        .await
        .unwrap()
        .unwrap();
        assert_eq!(next.scope.to_string(), "read", "{name}");
        let (_, scopes) = tokens::authenticate(&ctx, &next.access_token)
            .await
            .unwrap();
        assert!(!scopes.allows(Scope::WriteClaims), "{name}");
    }
}

/// Issue 24 D11: the issuer identifier is the public URL's origin, never with a trailing
/// slash (RFC 8414 §3.3 compares it exactly).
#[test]
fn the_issuer_is_the_public_origin_without_a_trailing_slash() {
    use citysync_app::Settings;
    for (public_url, issuer) in [
        ("https://city.example", "https://city.example"),
        ("https://city.example/", "https://city.example"),
        ("https://City.Example:8443/", "https://city.example:8443"),
        ("https://city.example:443", "https://city.example"),
        ("http://127.0.0.1:8080", "http://127.0.0.1:8080"),
    ] {
        let settings = Settings::for_url(url::Url::parse(public_url).unwrap());
        assert_eq!(oauth::issuer(&settings), issuer, "{public_url}");
    }
}
