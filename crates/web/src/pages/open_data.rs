//! Open data (`docs/open-data.md`): the index of the city's public datasets, their schema
//! document, and each dataset as CSV (RFC 4180, a header row) and as JSON
//! (`{"dataset", "version", "generated_at", "rows"}`) with the same columns, at stable
//! versioned URLs. Exports are streamed a page of rows at a time, so their size is not
//! bounded by memory; there is no row limit.

use crate::viewer::Viewer;
use crate::WebState;
use actix_web::http::header::{
    HeaderValue, ACCESS_CONTROL_ALLOW_ORIGIN, CACHE_CONTROL, CONTENT_DISPOSITION,
};
use actix_web::http::StatusCode;
use actix_web::web::{self, Bytes};
use actix_web::HttpResponse;
use chrono::{DateTime, Utc};
use citysync_app::open_data::{self, Cursor, Dataset, Page, Record, RowVisitor, PAGE_ROWS};
use citysync_app::{AppError, Ctx};
use serde::Serialize;

/// The schema document, served by the city itself so the index can always link it.
static SCHEMA: &str = include_str!("../../../../docs/open-data.md");

/// How long clients and caches may keep an export or a feed.
pub(crate) const CACHE_PUBLIC: &str = "public, max-age=300";

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/open-data", web::get().to(open_data_index))
        .route("/open-data/v1/schema", web::get().to(open_data_schema))
        .route("/open-data/v1/{file}", web::get().to(open_data_export));
}

/// A dataset on the index, in the reader's language.
#[derive(Serialize)]
struct DatasetView {
    slug: &'static str,
    title: String,
    description: String,
    rows: i64,
}

/// GET /open-data — public: every dataset with its description, formats and row count.
pub async fn open_data_index(viewer: Viewer, state: web::Data<WebState>) -> HttpResponse {
    let counts = match open_data::row_counts(&state.ctx).await {
        Ok(counts) => counts,
        Err(e) => return viewer.error_page(&state, &e),
    };
    let datasets: Vec<DatasetView> = counts
        .into_iter()
        .map(|(dataset, rows)| DatasetView {
            slug: dataset.slug(),
            title: viewer.t(&state, &format!("open-data-dataset-{}", dataset.slug())),
            description: viewer.t(
                &state,
                &format!("open-data-dataset-{}-description", dataset.slug()),
            ),
            rows,
        })
        .collect();
    // An HTML page is the viewer's own (their name in the menu, a CSRF cookie): never
    // marked public for shared caches, unlike the exports.
    viewer.render(
        &state,
        StatusCode::OK,
        "open_data.html",
        minijinja::context! {
            datasets => minijinja::value::Serde(&datasets),
            version => open_data::VERSION,
        },
    )
}

/// GET /open-data/v1/schema — the schema document (English), rendered.
pub async fn open_data_schema(viewer: Viewer, state: web::Data<WebState>) -> HttpResponse {
    viewer.render(
        &state,
        StatusCode::OK,
        "open_data_schema.html",
        minijinja::context! {
            schema => minijinja::Value::from_safe_string(crate::markdown::to_safe_html(SCHEMA)),
        },
    )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Csv,
    Json,
}

impl Format {
    fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Json => "json",
        }
    }

    fn content_type(self) -> &'static str {
        match self {
            Format::Csv => "text/csv; charset=utf-8",
            Format::Json => "application/json",
        }
    }
}

/// GET /open-data/v1/{dataset}.csv and .json — public, streamed.
pub async fn open_data_export(
    viewer: Viewer,
    state: web::Data<WebState>,
    path: web::Path<String>,
) -> HttpResponse {
    let parsed = path.rsplit_once('.').and_then(|(slug, extension)| {
        let format = match extension {
            "csv" => Format::Csv,
            "json" => Format::Json,
            _ => return None,
        };
        Some((Dataset::parse(slug)?, format))
    });
    let Some((dataset, format)) = parsed else {
        return viewer.error_page(&state, &AppError::NotFound);
    };
    // The first page is read before answering, so a failure is still an error page.
    let first = match open_data::page(&state.ctx, dataset, Cursor::default(), PAGE_ROWS).await {
        Ok(page) => page,
        Err(e) => return viewer.error_page(&state, &e),
    };
    let export = Export {
        ctx: state.ctx.clone(),
        dataset,
        format,
        generated_at: state.ctx.now().and_utc(),
        wrote_rows: false,
    };
    let body = futures_util::stream::unfold(
        (export, Step::First(first)),
        |(mut export, step)| async move {
            let (chunk, next) = export.step(step).await?;
            Some((chunk, (export, next)))
        },
    );
    let disposition = match format {
        Format::Csv => "attachment",
        Format::Json => "inline",
    };
    let mut resp = HttpResponse::Ok()
        .content_type(format.content_type())
        .insert_header((
            CONTENT_DISPOSITION,
            format!(
                "{disposition}; filename=\"{}-v{}.{}\"",
                dataset.slug(),
                open_data::VERSION,
                format.extension()
            ),
        ))
        .streaming(body);
    public_headers(&mut resp);
    resp
}

/// Public data: cacheable for a while, and readable by other sites' scripts (no cookies
/// are involved, nothing here depends on who asks).
pub(crate) fn public_headers(resp: &mut HttpResponse) {
    resp.headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static(CACHE_PUBLIC));
    resp.headers_mut()
        .insert(ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
}

/// An export being written.
struct Export {
    ctx: Ctx,
    dataset: Dataset,
    format: Format,
    generated_at: DateTime<Utc>,
    wrote_rows: bool,
}

enum Step {
    First(Page),
    Next(Cursor),
    Close,
    Done,
}

type Chunk = Result<Bytes, std::io::Error>;

impl Export {
    /// Writes what `step` calls for; `None` when the export is complete (or broken off).
    async fn step(&mut self, step: Step) -> Option<(Chunk, Step)> {
        match step {
            Step::First(page) => {
                let head = self.head();
                Some(self.page(page, head, true))
            }
            Step::Next(cursor) => {
                match open_data::page(&self.ctx, self.dataset, cursor, PAGE_ROWS).await {
                    Ok(page) => Some(self.page(page, Vec::new(), false)),
                    // Too late for an error page: the body is cut short, so no client takes
                    // a partial export for a whole one (JSON will not parse; the length is off).
                    Err(e) => {
                        tracing::error!(error = ?e, dataset = self.dataset.slug(), "open data export failed");
                        Some((Err(std::io::Error::other(e.code())), Step::Done))
                    }
                }
            }
            Step::Close => {
                let tail = match self.format {
                    Format::Csv => Vec::new(),
                    Format::Json => b"\n]}\n".to_vec(),
                };
                Some((Ok(Bytes::from(tail)), Step::Done))
            }
            Step::Done => None,
        }
    }

    /// What comes before the first row: the JSON envelope's head (the CSV header is written
    /// with the first page, which knows the rows' type).
    fn head(&self) -> Vec<u8> {
        match self.format {
            Format::Csv => Vec::new(),
            Format::Json => format!(
                "{{\"dataset\":{},\"version\":{},\"generated_at\":{},\"rows\":[",
                serde_json::Value::from(self.dataset.slug()),
                open_data::VERSION,
                serde_json::to_string(&self.generated_at).unwrap_or_else(|_| "null".into()),
            )
            .into_bytes(),
        }
    }

    /// A page's rows after `out`; the first page starts with the CSV header.
    fn page(&mut self, page: Page, mut out: Vec<u8>, first: bool) -> (Chunk, Step) {
        let encoded = page.rows.visit(Encode {
            format: self.format,
            header: first,
            wrote_rows: self.wrote_rows,
            out: &mut out,
        });
        if let Err(e) = encoded {
            tracing::error!(error = %e, dataset = self.dataset.slug(), "open data row failed to encode");
            return (Err(std::io::Error::other(e)), Step::Done);
        }
        self.wrote_rows |= !page.rows.is_empty();
        let next = match page.next {
            Some(cursor) => Step::Next(cursor),
            None => Step::Close,
        };
        (Ok(Bytes::from(out)), next)
    }
}

/// Writes a page's rows in one format.
struct Encode<'a> {
    format: Format,
    /// The first page: the CSV header comes first.
    header: bool,
    /// Rows were written before this page (JSON needs a comma).
    wrote_rows: bool,
    out: &'a mut Vec<u8>,
}

impl RowVisitor for Encode<'_> {
    type Output = Result<(), String>;

    fn visit<R: Record>(self, rows: &[R]) -> Result<(), String> {
        match self.format {
            Format::Csv => {
                let mut w = csv_writer(Vec::new());
                if self.header {
                    w.write_record(columns::<R>()?).map_err(|e| e.to_string())?;
                }
                for row in rows {
                    w.serialize(row).map_err(|e| e.to_string())?;
                }
                let bytes = w.into_inner().map_err(|e| e.to_string())?;
                self.out.extend_from_slice(&bytes);
            }
            Format::Json => {
                for (i, row) in rows.iter().enumerate() {
                    if self.wrote_rows || i > 0 {
                        self.out.push(b',');
                    }
                    self.out.push(b'\n');
                    serde_json::to_writer(&mut *self.out, row).map_err(|e| e.to_string())?;
                }
            }
        }
        Ok(())
    }
}

/// RFC 4180: fields quoted when they need it, records ending in CRLF.
fn csv_writer(out: Vec<u8>) -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .has_headers(false)
        .terminator(csv::Terminator::CRLF)
        .from_writer(out)
}

/// A row type's columns: the header the csv crate derives from its fields, read off a
/// blank row (so an export without rows still has its header).
fn columns<R: Record>() -> Result<Vec<String>, String> {
    let mut w = csv::WriterBuilder::new()
        .has_headers(true)
        .from_writer(Vec::new());
    w.serialize(R::default()).map_err(|e| e.to_string())?;
    let bytes = w.into_inner().map_err(|e| e.to_string())?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(bytes.as_slice());
    let header = reader
        .records()
        .next()
        .ok_or_else(|| "no header".to_owned())?
        .map_err(|e| e.to_string())?;
    Ok(header.iter().map(str::to_owned).collect())
}
