//! `citysync protocol export|import`: this city's protocol document to a file, and another
//! city's checked, previewed and (with `--apply`) imported. The preview is the same plan the
//! administration page shows; errors are explained in the city's language.

use anyhow::Context as _;
use citysync_app::protocol::{self, Choices, Fate, Part, Parts, Preview};
use citysync_app::{AppError, Ctx};
use citysync_domain::protocol::GovernanceModel;
use citysync_i18n::{ArgValue, Locale};
use std::path::Path;
use std::process::ExitCode;

/// The error in the city's language, with its stable code.
async fn explained(ctx: &Ctx, e: &AppError) -> anyhow::Error {
    let locale = citysync_app::instance::get(ctx)
        .await
        .map(|c| c.default_locale)
        .unwrap_or_else(|_| ctx.i18n.default_locale());
    let args: Vec<(&str, ArgValue)> = e
        .message_args()
        .into_iter()
        .map(|(k, v)| (k, ArgValue::from(v)))
        .collect();
    let message = ctx.i18n.message(locale, e.code(), &args);
    tracing::debug!(error = ?e, "protocol command failed");
    anyhow::anyhow!("{message} ({})", e.code())
}

/// Writes this city's signed document to `out`, or standard output.
pub async fn export(ctx: &Ctx, out: Option<&Path>) -> anyhow::Result<ExitCode> {
    let document = match protocol::export(ctx).await {
        Ok(d) => d,
        Err(e) => return Err(explained(ctx, &e).await),
    };
    let json = match protocol::to_json(&document) {
        Ok(j) => j,
        Err(e) => return Err(explained(ctx, &e).await),
    };
    match out {
        Some(path) => {
            std::fs::write(path, json).with_context(|| format!("writing {}", path.display()))?;
            eprintln!(
                "protocol of {} written to {}: {} templates, {} categories, {} parameters",
                document.provenance.city.name,
                path.display(),
                document.templates.len(),
                document.taxonomy.categories.len(),
                document.parameters.len()
            );
        }
        None => print!("{json}"),
    }
    Ok(ExitCode::SUCCESS)
}

/// What `citysync protocol import` was asked.
pub struct ImportRequest<'a> {
    pub file: &'a Path,
    pub parts: &'a [String],
    pub organization: Option<String>,
    pub admin: Option<String>,
    pub apply: bool,
}

pub async fn import(ctx: &Ctx, request: ImportRequest<'_>) -> anyhow::Result<ExitCode> {
    let bytes = std::fs::read(request.file)
        .with_context(|| format!("reading {}", request.file.display()))?;
    let parts = if request.parts.is_empty() {
        Parts::all()
    } else {
        Parts::from_names(request.parts.iter().map(String::as_str)).map_err(|name| {
            anyhow::anyhow!(
                "unknown part {name:?}: choose among taxonomy, templates, parameters, governance"
            )
        })?
    };
    let document = match protocol::read(&bytes) {
        Ok(d) => d,
        Err(e) => return Err(explained(ctx, &e).await),
    };
    let choices = Choices {
        parts,
        organization: request.organization.clone(),
    };
    if !request.apply {
        let preview = match protocol::preview(ctx, &document, choices).await {
            Ok(p) => p,
            Err(e) => return Err(explained(ctx, &e).await),
        };
        print!("{}", describe(ctx, &preview, false));
        if preview.needs_organization() {
            println!(
                "Templates need an organization to receive them: add --organization HANDLE (an approved issuer), or leave them out with --parts."
            );
        }
        println!("Nothing was changed. Run again with --apply --admin USERNAME to import the chosen parts.");
        return Ok(ExitCode::SUCCESS);
    }
    let username = request.admin.as_deref().context(
        "--apply needs --admin USERNAME: the administrator the import is recorded as made by",
    )?;
    let admin = citysync_app::accounts::by_username(ctx, username)
        .await
        .map_err(|e| anyhow::anyhow!("{}: {e}", e.code()))?
        .with_context(|| format!("no account named {username}"))?;
    match protocol::apply(ctx, &admin, &document, choices).await {
        Ok(applied) => {
            print!("{}", describe(ctx, &applied.preview, true));
            if let Some(id) = &applied.cycle_id {
                println!(
                    "Decision cycle opened: {}",
                    ctx.settings.url(&format!("/governance/{id}"))
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => Err(explained(ctx, &e).await),
    }
}

fn model(m: &GovernanceModel) -> String {
    format!(
        "{}, quorum {}%, at least {} VOTE (and a verified email) to vote; phases: proposals {} min, deliberation {} min, voting {} min",
        m.rules.method.as_str(),
        m.rules.quorum_percent,
        m.rules.min_vote,
        m.proposals_minutes,
        m.deliberation_minutes,
        m.voting_minutes
    )
}

/// The plan as plain text: one section per part, `+` for an addition, `~` for a change,
/// `=` for what is here already and `-` for what is left out.
fn describe(ctx: &Ctx, p: &Preview, applied: bool) -> String {
    let o = &p.origin;
    let mut out = format!(
        "Protocol of {} ({}), version {}, exported {} by {}\nSignature: valid, Ed25519 key {} (compare it with {})\n",
        o.name,
        o.url,
        o.version,
        o.exported_at.format("%Y-%m-%d %H:%M:%S UTC"),
        o.software,
        o.public_key_hex,
        o.key_published_at
    );
    let heading = |out: &mut String, part: Part| {
        let chosen = if !p.parts.has(part) {
            "not chosen"
        } else if applied {
            "applied"
        } else {
            "chosen"
        };
        out.push_str(&format!("\n[{}] ({chosen})\n", part.as_str()));
    };
    let en = |code: &str, args: &[(&'static str, String)]| {
        let args: Vec<(&str, ArgValue)> = args
            .iter()
            .map(|(k, v)| (*k, ArgValue::from(v.as_str())))
            .collect();
        ctx.i18n.message(Locale::SOURCE, code, &args)
    };

    heading(&mut out, Part::Taxonomy);
    if p.taxonomy.is_empty() {
        out.push_str("  nothing to add: every category and unit is here\n");
    }
    for a in &p.taxonomy {
        if a.new_category {
            out.push_str(&format!(
                "  + new category {} \"{}\" measured in {} \"{}\"\n",
                a.category, a.category_names.en, a.unit, a.unit_names.en
            ));
        } else {
            out.push_str(&format!(
                "  + new unit {} \"{}\" for category {}\n",
                a.unit, a.unit_names.en, a.category
            ));
        }
    }
    if p.shipped_versions.0 != p.shipped_versions.1 {
        out.push_str(&format!(
            "  note: written with taxonomy version {}, this software ships version {}\n",
            p.shipped_versions.1, p.shipped_versions.0
        ));
    }

    heading(&mut out, Part::Templates);
    match &p.organization {
        Some((handle, name)) => out.push_str(&format!("  to organization {name} (@{handle})\n")),
        None => out.push_str("  no organization chosen (--organization HANDLE)\n"),
    }
    if p.templates.is_empty() {
        out.push_str("  the document has no templates\n");
    }
    for t in &p.templates {
        let what = format!(
            "{} ({}/{}) from {}",
            t.title, t.category, t.outcome_unit, t.organization
        );
        let line = match &t.fate {
            Fate::Add => format!("  + {what}, adapted from {}\n", t.origin),
            Fate::AlreadyHere { template_id } => {
                format!("  = {what}: already here (template {template_id})\n")
            }
            Fate::OwnTemplate => format!("  = {what}: this city's own template\n"),
            Fate::LeftOut { reason } => {
                format!("  - {what}: left out: {}\n", en(reason.code, &reason.args))
            }
        };
        out.push_str(&line);
    }

    heading(&mut out, Part::Parameters);
    if p.parameters.is_empty() {
        out.push_str("  every parameter already has the document's value\n");
    }
    for pp in &p.parameters {
        match (&pp.here, &pp.left_out) {
            (Some(here), None) => {
                out.push_str(&format!("  ~ {}: {here} -> {}\n", pp.name, pp.there));
            }
            (_, reason) => out.push_str(&format!(
                "  - {} = {}: left out: {}\n",
                pp.name,
                pp.there,
                reason
                    .as_ref()
                    .map(|r| en(r.code, &r.args))
                    .unwrap_or_default()
            )),
        }
    }

    heading(&mut out, Part::Governance);
    match &p.governance {
        None => out.push_str("  the same rules are in use here\n"),
        Some(g) => {
            let source = g
                .here_cycle
                .as_ref()
                .map_or("the defaults".to_owned(), |c| format!("the cycle \"{c}\""));
            out.push_str(&format!("  here ({source}): {}\n", model(&g.here)));
            out.push_str(&format!("  document: {}\n", model(&g.there)));
            out.push_str(&format!(
                "  ~ opens the decision cycle \"{}\", proposals from {}\n",
                g.title,
                g.schedule.proposals_at.format("%Y-%m-%d %H:%M UTC")
            ));
        }
    }

    out.push_str("\n[configuration] (never imported)\n");
    if p.configuration.is_empty() {
        out.push_str("  the same as here\n");
    }
    for c in &p.configuration {
        out.push_str(&format!(
            "  set in the configuration file: {} = {} in the document, {} here\n",
            c.key,
            c.there,
            c.here.as_deref().unwrap_or("(no such setting)")
        ));
    }
    out.push_str("\n[verification]\n");
    if p.unknown_terms.is_empty() {
        out.push_str("  every method, proof kind and rejection reason is known here\n");
    } else {
        out.push_str(&format!("  unknown here: {}\n", p.unknown_terms.join(", ")));
    }
    out.push_str(&format!(
        "\n{} change(s) {}.\n",
        p.changes(),
        if applied { "made" } else { "would be made" }
    ));
    out
}
