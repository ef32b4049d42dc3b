//! The privileged-action log: every act done in a privileged capacity, newest first, page by
//! page, filtered by who (a username), what (a kind) and when (dates on the city's clock),
//! each subject linked where it has a page; the filtered entries as CSV; and a banner saying
//! whether the hash chain verifies.

use crate::errors::Page;
use crate::viewer::Viewer;
use crate::WebState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use chrono::{NaiveDate, NaiveDateTime};
use citysync_app::privileged_log::{
    self as plog, ChainCheck, LogFilter, LogLine, PrivilegedAction, Subject,
};
use citysync_app::AppError;
use serde::{Deserialize, Serialize};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/log", web::get().to(log_page))
        .route("/admin/log.csv", web::get().to(log_csv));
}

/// The filter as typed, and the page the list is on.
#[derive(Debug, Default, Deserialize, Serialize)]
pub struct LogQuery {
    #[serde(default)]
    who: String,
    #[serde(default)]
    what: String,
    /// `YYYY-MM-DD` on the city's clock, inclusive.
    #[serde(default)]
    from: String,
    /// `YYYY-MM-DD` on the city's clock, inclusive.
    #[serde(default)]
    to: String,
    #[serde(default)]
    page: Option<i64>,
}

impl LogQuery {
    /// The query string of this filter (without the page).
    fn filter_query(&self) -> String {
        let mut url = url::form_urlencoded::Serializer::new(String::new());
        for (name, value) in [
            ("who", &self.who),
            ("what", &self.what),
            ("from", &self.from),
            ("to", &self.to),
        ] {
            if !value.trim().is_empty() {
                url.append_pair(name, value.trim());
            }
        }
        url.finish()
    }

    /// The page's address with this filter, on `page`.
    fn link(&self, page: i64) -> String {
        let mut query = self.filter_query();
        if page > 1 {
            if !query.is_empty() {
                query.push('&');
            }
            query.push_str(&format!("page={page}"));
        }
        if query.is_empty() {
            "/admin/log".to_owned()
        } else {
            format!("/admin/log?{query}")
        }
    }

    fn csv_link(&self) -> String {
        let query = self.filter_query();
        if query.is_empty() {
            "/admin/log.csv".to_owned()
        } else {
            format!("/admin/log.csv?{query}")
        }
    }

    /// The filter as the log reads it: the dates as UTC instants of the city's midnights.
    fn filter(&self, viewer: &Viewer) -> Result<LogFilter, AppError> {
        let date = |typed: &str| -> Result<Option<NaiveDate>, AppError> {
            match typed.trim() {
                "" => Ok(None),
                t => NaiveDate::parse_from_str(t, "%Y-%m-%d")
                    .map(Some)
                    .map_err(|_| citysync_domain::DomainError::TimesInvalid.into()),
            }
        };
        let midnight = |d: NaiveDate| -> NaiveDateTime {
            viewer.city.utc_of_local(d.and_time(chrono::NaiveTime::MIN))
        };
        let kind = match self.what.trim() {
            "" => None,
            typed => Some(PrivilegedAction::parse(typed).ok_or(AppError::NotFound)?),
        };
        Ok(LogFilter {
            who: self.who.clone(),
            kind,
            from: date(&self.from)?.map(midnight),
            until: date(&self.to)?.and_then(|d| d.succ_opt()).map(midnight),
        })
    }
}

/// One kind in the filter's select.
#[derive(Serialize)]
struct KindOption {
    name: &'static str,
    label: String,
}

/// One entry as the page shows it.
#[derive(Serialize)]
struct Line<'a> {
    #[serde(flatten)]
    line: &'a LogLine,
    /// The subject's page, when it has one.
    link: Option<String>,
    /// The detail, one `key: value` per part.
    detail: Vec<(String, String)>,
}

/// The page of the subject an entry is about, if it has one.
fn subject_link(line: &LogLine) -> Option<String> {
    let detail = |key: &str| {
        line.detail
            .get(key)
            .and_then(|v| v.as_str())
            .map(crate::pages::safe_path_segment)
            .filter(|s| !s.is_empty())
    };
    let id = crate::pages::safe_path_segment(&line.subject_id);
    match line.subject? {
        Subject::Organization => detail("handle").map(|h| format!("/organizations/{h}")),
        Subject::Account => detail("username").map(|u| format!("/users/{u}")),
        Subject::Cycle => Some(format!("/governance/{id}")),
        Subject::Proposal => Some(format!("/proposals/{id}")),
        Subject::Comment => detail("proposal_id").map(|p| format!("/proposals/{p}")),
        Subject::Parameter => Some("/parameters".to_owned()),
        Subject::City => Some("/admin/city".to_owned()),
        Subject::Category => Some("/admin/taxonomy".to_owned()),
        Subject::Settlement => Some("/admin/settlement".to_owned()),
        Subject::Peer => Some("/admin/federation".to_owned()),
        Subject::IdentityMethod => Some("/admin/identity".to_owned()),
        _ => None,
    }
}

fn detail_parts(line: &LogLine) -> Vec<(String, String)> {
    match &line.detail {
        serde_json::Value::Object(map) => map
            .iter()
            .filter(|(_, v)| !v.is_null())
            .map(|(k, v)| {
                let text = match v {
                    serde_json::Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                (k.clone(), text)
            })
            .collect(),
        _ => Vec::new(),
    }
}

async fn chain_status(state: &WebState) -> Result<ChainCheck, AppError> {
    plog::check_chain(&state.ctx).await
}

/// GET /admin/log?who=&what=&from=&to=&page= — administrators: the privileged-action log.
pub async fn log_page(
    viewer: Viewer,
    state: web::Data<WebState>,
    query: web::Query<LogQuery>,
) -> Page {
    let Some(admin) = &viewer.user else {
        return Ok(viewer.sign_in_first());
    };
    if !admin.is_admin {
        return Err(AppError::Forbidden.into());
    }
    let (filter, status, error) = match query.filter(&viewer) {
        Ok(filter) => (filter, StatusCode::OK, None),
        Err(e) => (
            // A filter that cannot be read shows the whole log and says why.
            LogFilter::default(),
            StatusCode::BAD_REQUEST,
            Some(viewer.message_for(&state, &e)),
        ),
    };
    let found = async {
        Ok::<_, AppError>((
            plog::list(&state.ctx, admin, &filter, query.page.unwrap_or(1)).await?,
            chain_status(&state).await?,
        ))
    }
    .await;
    let (page, verification) = found?;
    let lines: Vec<Line> = page
        .lines
        .iter()
        .map(|line| Line {
            line,
            link: subject_link(line),
            detail: detail_parts(line),
        })
        .collect();
    let kinds: Vec<KindOption> = PrivilegedAction::ALL
        .iter()
        .map(|k| KindOption {
            name: k.as_str(),
            label: viewer.t(&state, &k.message_id()),
        })
        .collect();
    let prev_link = (page.page > 1).then(|| query.link(page.page - 1));
    let next_link = (page.page < page.pages).then(|| query.link(page.page + 1));
    Ok(viewer.render(
        &state,
        status,
        "admin_log.html",
        minijinja::context! {
            who => query.who.trim(),
            what => query.what.trim(),
            from => query.from.trim(),
            to => query.to.trim(),
            kinds => minijinja::value::Serde(&kinds),
            lines => minijinja::value::Serde(&lines),
            total => page.total,
            page => page.page,
            pages => page.pages,
            prev_link => prev_link,
            next_link => next_link,
            csv_link => query.csv_link(),
            verification => minijinja::value::Serde(&verification),
            filter_error => error,
            zone => viewer.zone_label(&state),
        },
    ))
}

/// GET /admin/log.csv?who=&what=&from=&to= — administrators: the filtered entries as CSV.
pub async fn log_csv(
    viewer: Viewer,
    state: web::Data<WebState>,
    query: web::Query<LogQuery>,
) -> Page {
    let Some(admin) = &viewer.user else {
        return Ok(viewer.sign_in_first());
    };
    if !admin.is_admin {
        return Err(AppError::Forbidden.into());
    }
    let lines = match query.filter(&viewer) {
        Ok(filter) => plog::export(&state.ctx, admin, &filter).await,
        Err(e) => Err(e),
    };
    let lines = lines?;
    let header = [
        "privileged-log-csv-seq",
        "privileged-log-csv-at-utc",
        "privileged-log-csv-at-local",
        "privileged-log-csv-who",
        "privileged-log-csv-capacity",
        "privileged-log-csv-kind",
        "privileged-log-csv-what",
        "privileged-log-csv-subject-kind",
        "privileged-log-csv-subject",
        "privileged-log-csv-detail",
        "privileged-log-csv-hash",
    ]
    .map(|id| viewer.t(&state, id));
    let city = viewer.city.clone();
    let body = plog::csv(
        &lines,
        &header,
        |line| viewer.t(&state, &line.kind_message),
        |at| city.local_time(at),
    );
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            actix_web::http::header::CONTENT_DISPOSITION,
            "attachment; filename=\"privileged-actions.csv\"",
        ))
        .insert_header((actix_web::http::header::CACHE_CONTROL, "no-store"))
        .body(body))
}
