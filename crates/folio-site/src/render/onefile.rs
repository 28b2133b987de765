//! One-file status reports of a project (`folio report`, and the customer report each project
//! page links to): the theme's `report_customer.html` or `report_internal.html` (both extend
//! `report.html`, the document shell with its inline styles) rendered from the customer or the
//! internal view model, then checked to refer to nothing outside the file.

use std::hash::Hasher as _;

use anyhow::{bail, Context as _};
use serde::Serialize;
use tera::Context;

use super::Pass;

use super::selfcontained;
use super::views::{customer_report, internal_report, Ctx};
use crate::charts::Chart;
use crate::report::ProjectReport;

/// Who a report is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Audience {
    /// The project's customer: declared status, progress, the narrative's customer part,
    /// milestones, and the change requests, asks and records marked `customer: true`. Never
    /// cost, revenue, margin, EVM, hours, rates, team or computed health.
    #[default]
    Customer,
    /// Leadership: everything the project page shows.
    Internal,
}

impl Audience {
    pub fn as_str(self) -> &'static str {
        match self {
            Audience::Customer => "customer",
            Audience::Internal => "internal",
        }
    }

    fn title(self) -> &'static str {
        match self {
            Audience::Customer => "Customer status report",
            Audience::Internal => "INTERNAL status report, not to be forwarded",
        }
    }

    fn template(self) -> &'static str {
        match self {
            Audience::Customer => "report_customer.html",
            Audience::Internal => "report_internal.html",
        }
    }
}

/// Renders the report of project `p` for `audience` with the site's Tera instance.
pub fn render(tera: &Pass, ctx: &Ctx, p: &ProjectReport, audience: Audience) -> anyhow::Result<String> {
    render_with(tera, ctx, p, audience, customer_report::milestone_chart(ctx, p))
}

/// [`render`] with the milestone chart already drawn (the project page's, in a site build).
pub fn render_with(
    tera: &Pass,
    ctx: &Ctx,
    p: &ProjectReport,
    audience: Audience,
    milestone_chart: Option<Chart>,
) -> anyhow::Result<String> {
    let customer = customer_report::build(ctx, p, audience.title(), milestone_chart);
    match audience {
        Audience::Customer => render_view(tera, audience, &customer),
        Audience::Internal => {
            let view = internal_report::build(ctx, p, customer.head);
            render_view(tera, audience, &view)
        }
    }
}

fn render_view<T: Serialize>(pass: &Pass, audience: Audience, view: &T) -> anyhow::Result<String> {
    let template = audience.template();
    let mut ctx = Context::new();
    ctx.insert("view", view);
    ctx.insert("audience", audience.as_str());
    let html = pass
        .run(template, &ctx, &["view", "audience"])
        .with_context(|| format!("cannot render template `{template}`"))?;
    if !pass.renders() {
        return Ok(html);
    }
    if let Err(why) = selfcontained::check(&html) {
        bail!(
            "the {} report is not self-contained: {why} (template `{template}` of the theme)",
            audience.as_str()
        );
    }
    Ok(html)
}

/// The name `folio report` saves a report under: `<project-id>-<as-of>-customer.html` or
/// `<project-id>-<as-of>-internal.html`, so one never overwrites the other.
pub fn default_name(project: &str, as_of: chrono::NaiveDate, audience: Audience) -> std::path::PathBuf {
    std::path::PathBuf::from(format!(
        "{project}-{}-{}.html",
        as_of.format("%Y-%m-%d"),
        audience.as_str()
    ))
}

/// The file name of a project's customer report on the site: the project id and a hash of the
/// report's bytes, so the address cannot be guessed from the project list and changes whenever
/// the report does (`<id>-status-<16 hex digits>.html`).
pub fn site_file_name(project_id: &str, html: &str) -> String {
    let mut h = siphasher::sip128::SipHasher13::new_with_keys(0x666f_6c69_6f2d_7265, 0x706f_7274_2d76_3031);
    h.write(project_id.as_bytes());
    h.write_u8(0);
    h.write(html.as_bytes());
    let digest = siphasher::sip128::Hasher128::finish128(&h).as_u128();
    format!(
        "{project_id}-status-{:016x}.html",
        (digest >> 64) as u64 ^ digest as u64
    )
}

/// Whether a site path is a project's customer report (`projects/<id>/<id>-status-<hash>.html`).
pub fn is_site_report(path: &str) -> bool {
    let mut parts = path.split('/');
    match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some("projects"), Some(id), Some(file), None) => file
            .strip_prefix(id)
            .and_then(|rest| rest.strip_prefix("-status-"))
            .and_then(|rest| rest.strip_suffix(".html"))
            .is_some_and(|hash| hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit())),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_file_name_follows_the_content() {
        let a = site_file_name("acme", "<p>a</p>");
        assert_eq!(a, site_file_name("acme", "<p>a</p>"));
        assert_ne!(a, site_file_name("acme", "<p>b</p>"));
        assert_ne!(a, site_file_name("acmf", "<p>a</p>"));
        assert!(a.starts_with("acme-status-") && a.ends_with(".html"), "{a}");
        assert_eq!(a.len(), "acme-status-".len() + 16 + ".html".len());
        assert!(is_site_report(&format!("projects/acme/{a}")));
        assert!(!is_site_report("projects/acme/index.html"));
        assert!(!is_site_report(&format!("projects/other/{a}")));
    }
}
