//! `feed.xml`: an Atom feed (RFC 4287) of status updates dated on or before the as-of date,
//! newest first, capped at [`MAX_ENTRIES`].
//!
//! The feed is written by hand: every text and attribute goes through [`escape`], which also
//! drops the control characters XML 1.0 forbids. Timestamps come from the as-of date and the
//! update dates (midnight UTC), never from the clock, so the feed is deterministic. Links are
//! absolute when the base URL is (`folio build --base-url`, `$CI_PAGES_URL`).

use std::fmt::Write as _;

use chrono::NaiveDate;

use super::project_url;
use crate::markup::escape;
use crate::report::{ProjectReport, Report, UpdateNarrative};
use crate::settings::with_slash;

/// At most this many entries (the most recent ones).
pub const MAX_ENTRIES: usize = 200;

/// RFC 3339 timestamp of a date at midnight UTC.
fn stamp(date: NaiveDate) -> String {
    format!("{}T00:00:00Z", date.format("%Y-%m-%d"))
}

/// The host and path of an absolute `http(s)` base URL (`https://g.gitlab.io/p/` →
/// (`g.gitlab.io`, `/p/`)); `None` for a relative base such as `/`.
fn host_and_path(base_url: &str) -> Option<(String, String)> {
    let rest = base_url
        .strip_prefix("https://")
        .or_else(|| base_url.strip_prefix("http://"))?;
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    let host = authority
        .rsplit('@')
        .next()?
        .split(':')
        .next()?
        .to_ascii_lowercase();
    if host.is_empty() {
        return None;
    }
    Some((host, path.to_string()))
}

/// The feed's `<id>`: its own absolute URL when there is one, else a URN from the title.
pub fn feed_id(title: &str, base_url: &str) -> String {
    let base = with_slash(base_url);
    if host_and_path(&base).is_some() {
        format!("{base}feed.xml")
    } else {
        let slug = crate::slug::slug(title);
        let name = if slug.is_empty() { "portfolio" } else { &slug };
        format!("urn:folio:feed:{name}")
    }
}

/// A stable entry `<id>` for one update: a `tag:` URI (RFC 4151) under the site's host when the
/// base URL is absolute, else `urn:folio:update:<project>:<date>`.
pub fn entry_id(base_url: &str, project_id: &str, date: NaiveDate) -> String {
    let d = date.format("%Y-%m-%d");
    match host_and_path(&with_slash(base_url)) {
        Some((host, path)) => format!("tag:{host},{d}:{path}projects/{project_id}/updates/{d}"),
        None => format!("urn:folio:update:{project_id}:{d}"),
    }
}

/// Updates dated on or before `as_of`, newest first (ties by project id), at most `limit`.
pub fn recent_updates(
    report: &Report,
    as_of: NaiveDate,
    limit: usize,
) -> Vec<(&ProjectReport, &UpdateNarrative)> {
    let mut all: Vec<(&ProjectReport, &UpdateNarrative)> = report
        .projects
        .iter()
        .flat_map(|p| {
            p.text
                .updates
                .iter()
                .filter(|u| u.date <= as_of)
                .map(move |u| (p, u))
        })
        .collect();
    all.sort_by(|a, b| b.1.date.cmp(&a.1.date).then_with(|| a.0.id.cmp(&b.0.id)));
    all.truncate(limit);
    all
}

/// Formats a percentage without needless decimals (`45`, `45.5`).
fn percent(p: f64) -> String {
    let rounded = (p * 10.0).round() / 10.0;
    format!("{rounded}")
}

/// The one-line summary of an update: declared status (with its parts) and percent complete.
pub fn summary(project: &ProjectReport, update: &UpdateNarrative) -> String {
    let s = &update.declared;
    let mut parts = Vec::new();
    for (name, rag) in [("schedule", s.schedule), ("budget", s.budget), ("scope", s.scope)] {
        if let Some(r) = rag {
            parts.push(format!("{name} {}", r.as_str()));
        }
    }
    let detail = if parts.is_empty() {
        String::new()
    } else {
        format!(" ({})", parts.join(", "))
    };
    format!(
        "Declared status: {}{detail}; {}% complete; customer: {}",
        s.overall.as_str(),
        percent(update.percent_complete),
        project.customer
    )
}

/// `feed.xml` for the portfolio as of the report's date.
pub fn atom_feed(report: &Report, base_url: &str) -> String {
    let base = with_slash(base_url);
    let title = super::title(report);
    let mut x = String::new();
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    x.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    let _ = writeln!(x, "  <id>{}</id>", escape(&feed_id(title, &base)));
    let _ = writeln!(x, "  <title>{} — status updates</title>", escape(title));
    let _ = writeln!(x, "  <updated>{}</updated>", stamp(report.as_of));
    let _ = writeln!(
        x,
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
        escape(&format!("{base}feed.xml"))
    );
    let _ = writeln!(
        x,
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        escape(&format!("{base}index.html"))
    );
    let owner = report.site.organization.as_deref().unwrap_or(title);
    let _ = writeln!(x, "  <author><name>{}</name></author>", escape(owner));
    let _ = writeln!(
        x,
        "  <generator version=\"{}\">folio</generator>",
        env!("CARGO_PKG_VERSION")
    );
    for (project, update) in recent_updates(report, report.as_of, MAX_ENTRIES) {
        entry(&mut x, &base, project, update);
    }
    x.push_str("</feed>\n");
    x
}

fn entry(x: &mut String, base: &str, project: &ProjectReport, update: &UpdateNarrative) {
    let date = update.date.format("%Y-%m-%d").to_string();
    let status = update.declared.overall.as_str();
    let author = &update.author;
    // `u-<date>` is the anchor of an update on the project page.
    let link = format!("{}#u-{date}", project_url(base, &project.id));
    let html = crate::render::markdown::to_html(&update.markdown);
    let _ = writeln!(x, "  <entry>");
    let _ = writeln!(
        x,
        "    <id>{}</id>",
        escape(&entry_id(base, &project.id, update.date))
    );
    let _ = writeln!(
        x,
        "    <title>{} — {date} — {status}</title>",
        escape(&project.name)
    );
    let _ = writeln!(
        x,
        "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        escape(&link)
    );
    let _ = writeln!(x, "    <published>{}</published>", stamp(update.date));
    let _ = writeln!(x, "    <updated>{}</updated>", stamp(update.date));
    let _ = writeln!(x, "    <author><name>{}</name></author>", escape(author));
    let _ = writeln!(
        x,
        "    <category term=\"{}\" label=\"{}\"/>",
        escape(&project.id),
        escape(&project.name)
    );
    let _ = writeln!(
        x,
        "    <category term=\"status-{status}\" label=\"declared {status}\"/>"
    );
    let _ = writeln!(
        x,
        "    <summary type=\"text\">{}</summary>",
        escape(&summary(project, update))
    );
    // Relative links in the narrative resolve as they do on the project page.
    let _ = writeln!(
        x,
        "    <content type=\"html\" xml:base=\"{}\">{}</content>",
        escape(&project_url(base, &project.id)),
        escape(&html)
    );
    let _ = writeln!(x, "  </entry>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_tag_uris_under_an_absolute_base() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        assert_eq!(
            entry_id("https://Team.gitlab.io:443/folio/", "acme", d),
            "tag:team.gitlab.io,2026-03-02:/folio/projects/acme/updates/2026-03-02"
        );
        assert_eq!(entry_id("/", "acme", d), "urn:folio:update:acme:2026-03-02");
        assert_eq!(
            feed_id("ACME PS — Portfolio", "/"),
            "urn:folio:feed:acme-ps-portfolio"
        );
        assert_eq!(
            feed_id("x", "https://h.example/p"),
            "https://h.example/p/feed.xml"
        );
    }
}
