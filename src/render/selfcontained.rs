//! One-file documents (`folio report`): HTML that opens from an email attachment and refers to
//! nothing outside itself. [`offline_html`] strips references from content HTML (a narrative's
//! links and images); [`check`] refuses a rendered document that still refers to another file
//! or URL, runs script, or imports a style sheet, whatever the theme's template says.

use crate::markup::find;
use std::sync::OnceLock;

/// Sanitized narrative HTML with every `href` that is not an in-page `#fragment` removed (the
/// link text stays) and images replaced by nothing: a link would point out of the file and an
/// image would be fetched from elsewhere.
pub fn offline_html(html: &str) -> String {
    static CLEANER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    let cleaner = CLEANER.get_or_init(|| {
        let mut b = super::markdown::policy();
        b.rm_tags(["img"]);
        b.link_rel(None);
        b.attribute_filter(|_element, attribute, value| match attribute {
            "href" | "src" | "srcset" | "cite" | "action" | "poster" | "data" => {
                value.starts_with('#').then(|| value.into())
            }
            _ => Some(value.into()),
        });
        b
    });
    super::markdown::clean(cleaner, html)
}

/// Why a rendered one-file document is not self-contained, if it is not: the first `src`,
/// `href`, `srcset`, `action` or CSS `url(`/`@import` that refers to anything but a `data:` URL
/// or an in-page `#fragment`, or a `<script>` element.
pub fn check(html: &str) -> Result<(), String> {
    let lower = html.to_ascii_lowercase();
    if let Some(i) = find(&lower, "<script") {
        return Err(format!("it contains a <script> element ({})", excerpt(html, i)));
    }
    if let Some(i) = find(&lower, "@import") {
        return Err(format!("it imports a style sheet ({})", excerpt(html, i)));
    }
    // The <style> elements, found once: (start, end) byte ranges (an unclosed one runs to the end).
    let mut styles = Vec::new();
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], "<style") {
        let open = from + pos;
        let close = find(&lower[open..], "</style").map_or(lower.len(), |i| open + i);
        styles.push((open, close));
        from = close.max(open + 1);
    }
    for attr in [
        "src",
        "href",
        "srcset",
        "action",
        "xlink:href",
        "poster",
        "data",
        "url(",
    ] {
        let mut from = 0;
        while let Some(pos) = find(&lower[from..], attr) {
            let at = from + pos;
            from = at + attr.len();
            let before = lower[..at].chars().last().unwrap_or(' ');
            let in_tag = lower[..at].rfind('<').map(|i| i as isize).unwrap_or(-1)
                > lower[..at].rfind('>').map(|i| i as isize).unwrap_or(-1);
            let in_style = styles.iter().any(|(open, close)| *open < at && at < *close);
            let value = if attr == "url(" {
                if before.is_ascii_alphanumeric() || before == '-' || !(in_tag || in_style) {
                    continue;
                }
                lower[from..].trim_start().trim_start_matches(['"', '\''])
            } else {
                // An attribute: whitespace before it and `=` after it.
                if !before.is_ascii_whitespace() || !in_tag {
                    continue;
                }
                let Some(rest) = lower[from..].trim_start().strip_prefix('=') else {
                    continue;
                };
                rest.trim_start().trim_start_matches(['"', '\''])
            };
            if !(value.starts_with('#') || value.starts_with("data:")) {
                return Err(format!(
                    "it refers to something outside the file ({})",
                    excerpt(html, at)
                ));
            }
        }
    }
    Ok(())
}

fn excerpt(html: &str, at: usize) -> String {
    let start = html[..at].char_indices().rev().nth(20).map_or(0, |(i, _)| i);
    let end = html[at..]
        .char_indices()
        .nth(60)
        .map_or(html.len(), |(i, _)| at + i);
    format!("…{}…", html[start..end].replace('\n', " "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_lose_their_target_and_images_go() {
        let html = r##"<p><a href="https://x.example/a">see</a> <a href="#md-fn-1">1</a> <img src="https://x.example/i.png" alt="pic"> <img src="data:image/png;base64,AA"></p>"##;
        let out = offline_html(html);
        assert!(out.contains("see"), "{out}");
        assert!(out.contains(r##"href="#md-fn-1""##), "{out}");
        assert!(!out.contains("x.example"), "{out}");
        assert!(!out.contains("<img"), "{out}");
        assert_eq!(check(&out), Ok(()));
    }

    #[test]
    fn check_finds_every_kind_of_reference() {
        assert_eq!(
            check(r##"<a href="#top">t</a><svg><path d="M0"/></svg>"##),
            Ok(())
        );
        assert_eq!(check(r#"<img src="data:image/png;base64,AA" alt="">"#), Ok(()));
        assert_eq!(check("<p>the data = 3, href = x.html is text</p>"), Ok(()));
        assert_eq!(check("<p>url(x) in text</p>"), Ok(()));
        for bad in [
            r#"<link rel="stylesheet" href="site.css">"#,
            r#"<img src = 'https://x.example/a.png'>"#,
            r#"<a HREF=page.html>p</a>"#,
            "<script>alert(1)</script>",
            "<style>@import 'x.css';</style>",
            "<style>body{background:url(https://x.example/b.png)}</style>",
            r#"<use xlink:href="sprite.svg#a"/>"#,
            r#"<form action="/post"></form>"#,
        ] {
            assert!(check(bad).is_err(), "{bad}");
        }
    }
}
