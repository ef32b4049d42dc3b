//! "Make the invisible visible": the public dashboard at `/transparency` (no sign-in), the
//! same figures as JSON at `/transparency.json`, an organization's record over time at
//! `/organizations/{handle}/accountability`, and one verified task followed from its
//! issuer to the credit it minted, where that credit went and what its VOTE could decide.
//! Every chart is an SVG with a title and a description, beside a table of its figures.

use crate::charts::{bar_chart, Bar};
use crate::errors::Page;
use crate::viewer::Viewer;
use crate::WebState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use citysync_app::catalog::{self, CityTaxonomy};
use citysync_app::transparency::{self, Dashboard, Span};
use citysync_app::{organizations, AppError};
use citysync_i18n::{number, percent, ArgValue};
use serde::Deserialize;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/transparency", web::get().to(dashboard_page))
        .route("/transparency.json", web::get().to(dashboard_json))
        .route(
            "/transparency/contributions/{id}",
            web::get().to(contribution_page),
        )
        .route(
            "/organizations/{handle}/accountability",
            web::get().to(organization_page),
        );
}

/// `?epoch=N` for one epoch, `?from=N&to=M` for a range; the open epoch by default.
#[derive(Debug, Default, Deserialize)]
pub struct PeriodQuery {
    epoch: Option<i64>,
    from: Option<i64>,
    to: Option<i64>,
}

impl PeriodQuery {
    fn span(&self) -> Option<Span> {
        match (self.epoch, self.from, self.to) {
            (Some(n), _, _) => Some(Span { first: n, last: n }),
            (None, Some(a), Some(b)) => Some(Span { first: a, last: b }),
            (None, Some(a), None) | (None, None, Some(a)) => Some(Span { first: a, last: a }),
            (None, None, None) => None,
        }
    }
}

fn city(minor: i64, viewer: &Viewer) -> String {
    number(viewer.locale, minor as f64 / 100.0, 2)
}

/// The dashboard's charts, each an SVG whose figures the page also prints as a table.
fn charts(
    viewer: &Viewer,
    state: &WebState,
    d: &Dashboard,
    taxonomy: Option<&CityTaxonomy>,
) -> Vec<(String, String)> {
    let t = |id: &str| viewer.t(state, id);
    let whole = |v: i64| number(viewer.locale, v as f64, 0);
    let work = [
        ("transparency-issued", d.work.issued),
        ("transparency-claimed", d.work.claimed),
        ("transparency-verified", d.work.verified),
        ("transparency-rejected", d.work.rejected),
    ]
    .into_iter()
    .map(|(id, v)| Bar {
        label: t(id),
        value: v as f64,
        shown: whole(v),
    })
    .collect::<Vec<_>>();
    let org_bars = |value: &dyn Fn(&transparency::OrganizationLine) -> i64| -> Vec<Bar> {
        d.organizations
            .iter()
            .filter(|o| value(o) > 0)
            .map(|o| Bar {
                label: o.name.clone(),
                value: value(o) as f64,
                shown: city(value(o), viewer),
            })
            .collect()
    };
    let categories = d
        .outcomes
        .iter()
        .map(|o| Bar {
            label: taxonomy
                .map(|tx| tx.category_name(&state.ctx.i18n, viewer.locale, &o.category))
                .unwrap_or_else(|| o.category.clone()),
            value: o.contributions as f64,
            shown: whole(o.contributions),
        })
        .collect::<Vec<_>>();
    let turnout = d
        .decisions
        .iter()
        .map(|x| Bar {
            label: x.title.clone(),
            value: x.turnout_percent,
            shown: percent(viewer.locale, x.turnout_percent),
        })
        .collect::<Vec<_>>();
    let mut out = vec![(
        "work".to_owned(),
        bar_chart(
            "work",
            &t("transparency-work-title"),
            &t("transparency-work-desc"),
            &work,
        ),
    )];
    let minted = org_bars(&|o| o.ledger.city_minted);
    if !minted.is_empty() {
        out.push((
            "minted".into(),
            bar_chart(
                "minted",
                &t("transparency-minted-title"),
                &t("transparency-minted-desc"),
                &minted,
            ),
        ));
    }
    let burned = org_bars(&|o| o.ledger.city_burned);
    if !burned.is_empty() {
        out.push((
            "burned".into(),
            bar_chart(
                "burned",
                &t("transparency-burned-title"),
                &t("transparency-burned-desc"),
                &burned,
            ),
        ));
    }
    if !categories.is_empty() {
        out.push((
            "outcomes".into(),
            bar_chart(
                "outcomes",
                &t("transparency-outcomes-title"),
                &t("transparency-outcomes-desc"),
                &categories,
            ),
        ));
    }
    if !turnout.is_empty() {
        out.push((
            "turnout".into(),
            bar_chart(
                "turnout",
                &t("transparency-turnout-title"),
                &t("transparency-turnout-desc"),
                &turnout,
            ),
        ));
    }
    out
}

/// GET /transparency
pub async fn dashboard_page(
    viewer: Viewer,
    state: web::Data<WebState>,
    query: web::Query<PeriodQuery>,
) -> Page {
    let d = transparency::dashboard(&state.ctx, query.span()).await?;
    let taxonomy = catalog::taxonomy(&state.ctx).await.ok();
    let charts: std::collections::BTreeMap<String, String> =
        charts(&viewer, &state, &d, taxonomy.as_deref())
            .into_iter()
            .collect();
    let names = |ids: Vec<(&String, &String)>| -> Vec<(String, String)> {
        ids.into_iter()
            .map(|(c, u)| {
                let tx = taxonomy.as_deref();
                (
                    tx.map(|t| t.category_name(&state.ctx.i18n, viewer.locale, c))
                        .unwrap_or_else(|| c.clone()),
                    tx.map(|t| t.unit_name(&state.ctx.i18n, viewer.locale, u))
                        .unwrap_or_else(|| u.clone()),
                )
            })
            .collect()
    };
    let outcome_names = names(d.outcomes.iter().map(|o| (&o.category, &o.unit)).collect());
    // Owed and paid per redeemer (issue 25's settlement).
    let settlement = citysync_app::ledger::settlement::public_summary(&state.ctx).await?;
    let range = if d.period.first_epoch == d.period.last_epoch {
        state.ctx.i18n.message(
            viewer.locale,
            "transparency-period-one",
            &[("number", ArgValue::from(d.period.first_epoch as f64))],
        )
    } else {
        state.ctx.i18n.message(
            viewer.locale,
            "transparency-period-range",
            &[
                ("first", ArgValue::from(d.period.first_epoch as f64)),
                ("last", ArgValue::from(d.period.last_epoch as f64)),
            ],
        )
    };
    Ok(viewer.render(
        &state,
        StatusCode::OK,
        "transparency.html",
        minijinja::context! {
            d => minijinja::value::Serde(&d),
            charts => charts,
            outcome_names => outcome_names,
            range => range,
            flow => minijinja::value::Serde(d.city_flow()),
            settlement => minijinja::value::Serde(&settlement),
        },
    ))
}

#[derive(serde::Serialize)]
struct NoSuchEpoch {
    error: &'static str,
}

/// GET /transparency.json — the figures behind every chart and table, same parameters.
pub async fn dashboard_json(
    state: web::Data<WebState>,
    query: web::Query<PeriodQuery>,
) -> HttpResponse {
    match transparency::dashboard(&state.ctx, query.span()).await {
        Ok(d) => HttpResponse::Ok()
            .insert_header(("Cache-Control", "public, max-age=60"))
            .json(&d),
        Err(AppError::NotFound) => HttpResponse::NotFound().json(NoSuchEpoch {
            error: "no such epoch",
        }),
        Err(e) => {
            tracing::error!(error = %e, "transparency.json");
            HttpResponse::InternalServerError().finish()
        }
    }
}

/// GET /transparency/contributions/{id}
pub async fn contribution_page(
    viewer: Viewer,
    state: web::Data<WebState>,
    id: web::Path<String>,
) -> Page {
    match transparency::contribution_trail(&state.ctx, &id).await {
        Ok(trail) => {
            let unit_name = catalog::taxonomy(&state.ctx)
                .await
                .map(|t| t.unit_name(&state.ctx.i18n, viewer.locale, &trail.unit))
                .unwrap_or_else(|_| trail.unit.clone());
            Ok(viewer.render(
                &state,
                StatusCode::OK,
                "transparency_contribution.html",
                minijinja::context! {
                    trail => minijinja::value::Serde(&trail),
                    unit_name => unit_name,
                },
            ))
        }
        Err(e) => Err(e.into()),
    }
}

/// GET /organizations/{handle}/accountability
pub async fn organization_page(
    viewer: Viewer,
    state: web::Data<WebState>,
    handle: web::Path<String>,
) -> Page {
    let org = organizations::by_handle(&state.ctx, &handle, viewer.user.as_ref()).await?;
    let record = transparency::organization_record(&state.ctx, &org.id, 12).await?;
    let bars: Vec<Bar> = record
        .epochs
        .iter()
        .rev()
        .map(|(period, line)| Bar {
            label: state.ctx.i18n.message(
                viewer.locale,
                "transparency-period-one",
                &[("number", ArgValue::from(period.first_epoch as f64))],
            ),
            value: line.work.verified as f64,
            shown: number(viewer.locale, line.work.verified as f64, 0),
        })
        .collect();
    let chart = bar_chart(
        "verified",
        &viewer.t(&state, "transparency-org-chart-title"),
        &viewer.t(&state, "transparency-org-chart-desc"),
        &bars,
    );
    Ok(viewer.render(
        &state,
        StatusCode::OK,
        "org_accountability.html",
        minijinja::context! {
            org => minijinja::value::Serde(&org),
            record => minijinja::value::Serde(&record),
            chart => chart,
        },
    ))
}
