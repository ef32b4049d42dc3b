//! Who is looking at a page, in which language, with which CSRF token: the extractor every
//! page handler takes, and the one way pages are rendered.

use crate::{csrf, locale, state::WebState};
use actix_web::dev::Payload;
use actix_web::http::StatusCode;
use actix_web::{web, FromRequest, HttpMessage, HttpRequest, HttpResponse};
use chrono::NaiveDateTime;
use citysync_app::instance::City;
use citysync_app::{sessions, AppError, User};
use citysync_domain::DomainError;
use citysync_i18n::moments::Moment;
use citysync_i18n::{ArgValue, Locale};
use serde::Serialize;
use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;

pub const SESSION_COOKIE: &str = "session";

pub struct Viewer {
    pub user: Option<User>,
    /// The signed-in person's unread notifications, read once with the session (0 when
    /// signed out): the count beside the menu's link.
    pub unread: i64,
    /// Hash of the session secret (to keep this session when others are ended).
    pub session_hash: Option<String>,
    pub locale: Locale,
    pub city: City,
    pub path: String,
    pub request_id: String,
    csrf_secret: String,
    csrf_is_new: bool,
}

#[derive(Serialize)]
struct UserView<'a> {
    username: &'a str,
    is_admin: bool,
    verified: bool,
}

#[derive(Serialize)]
struct LocaleView {
    code: &'static str,
    name: &'static str,
    current: bool,
}

#[derive(Serialize)]
struct Base<'a> {
    lang: &'static str,
    city_name: &'a str,
    /// The city's zone (IANA name): the `local` filter shows instants on its clocks.
    city_tz: &'a str,
    /// The city's clock named for people, next to time fields: "Berkeley time (PST)".
    zone_label: String,
    city_configured: bool,
    user: Option<UserView<'a>>,
    unread: i64,
    csrf_token: String,
    locales: Vec<LocaleView>,
    path: &'a str,
    request_id: &'a str,
}

/// Field errors of a form, already in the reader's language; `general` holds the rest.
#[derive(Debug, Default, Serialize)]
pub struct FormErrors(pub BTreeMap<&'static str, String>);

impl FormErrors {
    pub fn from_error(viewer: &Viewer, state: &WebState, err: &AppError) -> FormErrors {
        let mut map = BTreeMap::new();
        map.insert(
            citysync_edge::form_field(err).unwrap_or("general"),
            viewer.message_for(state, err),
        );
        FormErrors(map)
    }
}

impl Viewer {
    pub fn t(&self, state: &WebState, id: &str) -> String {
        state.ctx.i18n.message(self.locale, id, &[])
    }

    /// The reader's-language explanation of an error.
    pub fn message_for(&self, state: &WebState, err: &AppError) -> String {
        let args: Vec<(&str, ArgValue)> = err
            .message_args()
            .into_iter()
            .map(|(k, v)| (k, ArgValue::from(v)))
            .collect();
        state.ctx.i18n.message(self.locale, err.code(), &args)
    }

    /// `at` (UTC) as this reader sees it: on the city's clocks, as their language writes it.
    pub fn moment(&self, state: &WebState, at: NaiveDateTime, moment: Moment) -> String {
        state.ctx.i18n.moment(self.locale, self.zone(), at, moment)
    }

    /// The value of a `datetime-local` field holding `at` (UTC): the city's clock, to the
    /// minute, or to the second when it has seconds (so an unchanged field stays equal).
    pub fn input_value(&self, at: NaiveDateTime) -> String {
        use chrono::Timelike;
        let local = self.city.local_time(at);
        if local.second() == 0 && local.nanosecond() == 0 {
            local.format("%Y-%m-%dT%H:%M").to_string()
        } else {
            local.format("%Y-%m-%dT%H:%M:%S").to_string()
        }
    }

    /// What a person typed in a `datetime-local` field, read on the city's clock, as the
    /// UTC instant it names.
    pub fn instant_typed(&self, typed: &str) -> Result<NaiveDateTime, DomainError> {
        let s = typed.trim();
        let local = NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M")
            .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S"))
            .map_err(|_| DomainError::TimesInvalid)?;
        Ok(self.city.utc_of_local(local))
    }

    /// The city's clock named once near time fields: "Berkeley time (PST)".
    pub fn zone_label(&self, state: &WebState) -> String {
        let zone = state
            .ctx
            .i18n
            .zone_abbreviation(self.zone(), state.ctx.now());
        state.ctx.i18n.message(
            self.locale,
            "zone-label",
            &[
                ("city", ArgValue::from(self.city.display_name())),
                ("zone", ArgValue::from(zone.as_str())),
            ],
        )
    }

    fn zone(&self) -> chrono_tz::Tz {
        citysync_i18n::moments::zone(&self.city.timezone)
    }

    pub fn require_user(&self) -> Result<&User, AppError> {
        self.user.as_ref().ok_or(AppError::Unauthenticated)
    }

    pub fn csrf_ok(&self, req: &HttpRequest, state: &WebState, token: &str) -> bool {
        !self.csrf_is_new && csrf::verify(req, state, token)
    }

    /// Renders `template` with the page's own data beside the shared layout data.
    pub fn render<P: Serialize>(
        &self,
        state: &WebState,
        status: StatusCode,
        template: &str,
        page: P,
    ) -> HttpResponse {
        let base = Base {
            lang: self.locale.code(),
            city_name: self.city.display_name(),
            city_tz: &self.city.timezone,
            zone_label: self.zone_label(state),
            city_configured: self.city.configured,
            user: self.user.as_ref().map(|u| UserView {
                username: u.username.as_str(),
                is_admin: u.is_admin,
                verified: u.verified,
            }),
            unread: self.unread,
            csrf_token: csrf::token_for(state, &self.csrf_secret),
            locales: state
                .ctx
                .i18n
                .locales()
                .iter()
                .copied()
                .map(|l| LocaleView {
                    code: l.code(),
                    name: l.native_name(),
                    current: l == self.locale,
                })
                .collect(),
            path: &self.path,
            request_id: &self.request_id,
        };
        let ctx = minijinja::context! {
            ..minijinja::Value::from(minijinja::value::Serde(&base)),
            ..minijinja::Value::from(minijinja::value::Serde(&page))
        };
        let mut builder = HttpResponse::build(status);
        builder.content_type("text/html; charset=utf-8");
        builder.insert_header((
            actix_web::http::header::CONTENT_LANGUAGE,
            self.locale.code(),
        ));
        if self.csrf_is_new {
            builder.cookie(state.cookies.build(csrf::COOKIE, self.csrf_secret.clone()));
        }
        match state.templates.render(template, ctx) {
            Ok(html) => builder.body(html),
            Err(e) => {
                tracing::error!(template, error = %e, "template failed to render");
                HttpResponse::InternalServerError().finish()
            }
        }
    }

    /// A page with a title and a message, e.g. "check your email".
    pub fn notice(
        &self,
        state: &WebState,
        status: StatusCode,
        title_id: &str,
        body_id: &str,
    ) -> HttpResponse {
        self.render(state, status, "notice.html", minijinja::context! { title => self.t(state, title_id), body => self.t(state, body_id) })
    }

    /// The error page for an error that is not about one form field.
    pub fn error_page(&self, state: &WebState, err: &AppError) -> HttpResponse {
        if citysync_edge::is_server_failure(err) {
            tracing::error!(error = ?err, request_id = %self.request_id, "request failed");
        }
        let status = citysync_edge::status(err);
        let mut resp = self.render(
            state,
            status,
            "error.html",
            minijinja::context! { status => status.as_u16(), message => self.message_for(state, err) },
        );
        if let AppError::Throttled { retry_after_secs } = err {
            if let Ok(v) =
                actix_web::http::header::HeaderValue::from_str(&retry_after_secs.to_string())
            {
                resp.headers_mut()
                    .insert(actix_web::http::header::RETRY_AFTER, v);
            }
        }
        resp
    }

    /// For a page that needs a signed-in person: the sign-in page, which leads back here
    /// (`/login?next=<this page>`) once signed in.
    pub fn sign_in_first(&self) -> HttpResponse {
        Viewer::see_other(&sign_in_path(&self.path))
    }

    /// Where to send someone after a POST: See Other, so a reload does not resubmit.
    pub fn see_other(location: &str) -> HttpResponse {
        HttpResponse::SeeOther()
            .insert_header((actix_web::http::header::LOCATION, location))
            .finish()
    }
}

/// The sign-in page that leads back to `path` (a path on this site, with its query).
pub fn sign_in_path(path: &str) -> String {
    match path {
        "" | "/" => "/login".to_owned(),
        path => {
            let next: String = url::form_urlencoded::byte_serialize(path.as_bytes()).collect();
            format!("/login?next={next}")
        }
    }
}

pub fn request_id(req: &HttpRequest) -> String {
    req.extensions()
        .get::<tracing_actix_web::RequestId>()
        .map(|id| id.to_string())
        .unwrap_or_default()
}

impl FromRequest for Viewer {
    type Error = actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Viewer, actix_web::Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let state = req
                .app_data::<web::Data<WebState>>()
                .cloned()
                .ok_or_else(|| actix_web::error::ErrorInternalServerError("web state missing"))?;
            let unavailable = |e: AppError| {
                tracing::error!(error = ?e, "cannot load the viewer");
                actix_web::Error::from(actix_web::error::InternalError::new(
                    e.code(),
                    citysync_edge::status(&e),
                ))
            };
            let city = citysync_app::instance::get(&state.ctx)
                .await
                .map_err(unavailable)?;
            let (user, session_hash) = match req.cookie(&state.cookies.name(SESSION_COOKIE)) {
                Some(cookie) => match sessions::resolve(&state.ctx, cookie.value())
                    .await
                    .map_err(unavailable)?
                {
                    Some((user, hash)) => (Some(user), Some(hash)),
                    None => (None, None),
                },
                None => (None, None),
            };
            // A newer privacy notice than the one accepted: accept it before any other page.
            if let Some(u) = &user {
                if !crate::pages::privacy::reachable_before_accepting(req.path())
                    && citysync_app::privacy_notice::pending(&state.ctx, &u.id.to_string())
                        .await
                        .map_err(unavailable)?
                        .is_some()
                {
                    let path = req.uri().path_and_query().map_or("/", |p| p.as_str());
                    let to = crate::pages::privacy::accept_path(path);
                    return Err(actix_web::error::InternalError::from_response(
                        "privacy notice to accept",
                        Viewer::see_other(&to),
                    )
                    .into());
                }
            }
            let unread = match &user {
                Some(u) => citysync_app::notifications::unread_count(&state.ctx, u)
                    .await
                    .map_err(unavailable)?,
                None => 0,
            };
            let locale = locale::negotiate(
                &req,
                &state.cookies,
                &state.ctx.i18n,
                user.as_ref().and_then(|u| u.locale),
                city.default_locale,
            );
            let (csrf_secret, csrf_is_new) = match req.cookie(&state.cookies.name(csrf::COOKIE)) {
                Some(c) if !c.value().is_empty() => (c.value().to_owned(), false),
                _ => (citysync_app::secrets::new_token(), true),
            };
            Ok(Viewer {
                user,
                unread,
                session_hash,
                locale,
                city,
                path: req
                    .uri()
                    .path_and_query()
                    .map(|p| p.as_str().to_owned())
                    .unwrap_or_else(|| "/".into()),
                request_id: request_id(&req),
                csrf_secret,
                csrf_is_new,
            })
        })
    }
}
