//! One-file documents (`folio report`): HTML that opens from an email attachment and refers to
//! nothing outside itself. [`offline_html`] strips references from content HTML (a narrative's
//! links and images); [`check`] refuses a rendered document that still refers to another file
//! or URL, runs script, or imports a style sheet, whatever the theme's template says.

use std::sync::OnceLock;

use super::html_tokens::{self, Token};
use crate::markup;

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

/// Attributes whose value is a URL a browser fetches, navigates to or submits to.
const URL_ATTRIBUTES: [&str; 20] = [
    "href",
    "src",
    "srcset",
    "imagesrcset",
    "action",
    "formaction",
    "xlink:href",
    "poster",
    "data",
    "background",
    "ping",
    "cite",
    "longdesc",
    "lowsrc",
    "dynsrc",
    "manifest",
    "codebase",
    "classid",
    "archive",
    "icon",
];

/// Why a rendered one-file document is not self-contained, if it is not: the first URL
/// attribute (`src`, `href`, `srcset`, `action`, `xlink:href`, `poster`, `data`, …) or CSS
/// `url(`/`src(`/`image-set(`/`@import` (in a `<style>` element or a `style` attribute) that
/// refers to anything but a `data:` URL or an in-page `#fragment`; or something that runs
/// script or loads a document: a `<script>` element, an `on…` event handler attribute, an
/// `<iframe srcdoc>` or a `<meta http-equiv="refresh">`.
///
/// The document is read with an HTML tokenizer (see [`super::html_tokens`]), so only real
/// attributes and style sheets count: `title="raw data = Q3"` is text in an attribute value,
/// `data = 3` in a paragraph is text.
pub fn check(html: &str) -> Result<(), String> {
    let mut why = None;
    html_tokens::each(html, |token| {
        why = match token {
            Token::Start { name, attrs } => check_tag(name, attrs),
            Token::Text {
                text,
                element: Some("style"),
            } => check_css(text).map(|w| format!("{w} in a <style> element")),
            _ => None,
        };
        why.is_none()
    });
    why.map_or(Ok(()), Err)
}

fn check_tag(name: &str, attrs: &[(String, String)]) -> Option<String> {
    if name == "script" {
        return Some("it contains a <script> element".to_string());
    }
    for (attr, value) in attrs {
        let attr = attr.as_str();
        let at = || format!("`{attr}=\"{}\"` on <{name}>", shorten(value));
        let inside = match attr {
            "srcset" | "imagesrcset" => srcset_inside(value),
            _ => is_inside(value),
        };
        if URL_ATTRIBUTES.contains(&attr) && !inside {
            return Some(format!("it refers to something outside the file ({})", at()));
        }
        if attr.starts_with("on") {
            return Some(format!("it runs script from an event handler ({})", at()));
        }
        if attr == "srcdoc" {
            return Some(format!("it embeds another document ({})", at()));
        }
        if name == "meta" && attr == "http-equiv" && value.trim().eq_ignore_ascii_case("refresh") {
            return Some("it loads another page (<meta http-equiv=\"refresh\">)".to_string());
        }
        if attr == "style" {
            if let Some(w) = check_css(value) {
                return Some(format!("{w} in the style attribute of <{name}>"));
            }
        }
    }
    None
}

/// Whether a URL stays inside the file: an in-page `#fragment` or a `data:` URL.
fn is_inside(url: &str) -> bool {
    let url = url.trim_start_matches(|c: char| c.is_ascii_whitespace() || c.is_ascii_control());
    url.starts_with('#') || url.get(..5).is_some_and(|s| s.eq_ignore_ascii_case("data:"))
}

/// Whether every image candidate of a `srcset` is inside the file. As a browser splits it: a URL
/// runs to the next whitespace (a `data:` URL may hold commas), then descriptors to a comma.
fn srcset_inside(srcset: &str) -> bool {
    let mut rest = srcset;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == ',');
        if rest.is_empty() {
            return true;
        }
        let end = rest.find(|c: char| c.is_ascii_whitespace()).unwrap_or(rest.len());
        let url = &rest[..end];
        if !is_inside(url.trim_end_matches(',')) {
            return false;
        }
        rest = &rest[end..];
        if !url.ends_with(',') {
            rest = rest.find(',').map_or("", |i| &rest[i + 1..]);
        }
    }
}

/// Why CSS text refers outside the file, if it does: an `@import`, or a `url(`, `src(` or
/// `image-set(` whose argument is not inside the file. CSS escapes (`\75 rl(`) are decoded and
/// comments dropped first, as a browser's CSS parser would.
fn check_css(css: &str) -> Option<String> {
    if !css.contains(['(', '@', '\\']) {
        return None;
    }
    let css = css_plain(css);
    if markup::contains(&css, "@import") {
        return Some("it imports a style sheet (`@import`)".to_string());
    }
    for function in ["url(", "src(", "image-set("] {
        let mut from = 0;
        while let Some(at) = markup::find(&css[from..], function).map(|i| from + i) {
            from = at + function.len();
            let name_goes_on = css[..at]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '_' || (c == '-' && function != "image-set("));
            if name_goes_on {
                continue;
            }
            let args = css[from..].trim_start();
            // `image-set()` lists several images: each string of it counts (a `url(` is found
            // by the `url(` pass).
            let inside = if function == "image-set(" {
                strings_inside(args)
            } else {
                is_inside(args.trim_start_matches(['"', '\'']))
            };
            if !inside {
                return Some(format!(
                    "it refers to something outside the file (`{function}{}`)",
                    shorten(args)
                ));
            }
        }
    }
    None
}

/// Whether every string in a CSS function's arguments (`args`: after the `(`, up to its `)`) is
/// inside the file.
fn strings_inside(args: &str) -> bool {
    let mut depth = 0usize;
    let mut rest = args;
    while let Some(i) = rest.find(['"', '\'', '(', ')']) {
        let c = rest.as_bytes()[i];
        let after = &rest[i + 1..];
        match c {
            b'(' => depth += 1,
            b')' if depth == 0 => return true,
            b')' => depth -= 1,
            quote => {
                let end = after.find(quote as char).unwrap_or(after.len());
                if !is_inside(&after[..end]) {
                    return false;
                }
                rest = after.get(end + 1..).unwrap_or("");
                continue;
            }
        }
        rest = after;
    }
    true
}

/// CSS lower-cased, without comments, with escapes decoded (`\75` and `\u` are both `u`).
fn css_plain(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for c in chars.by_ref() {
                    if last == '*' && c == '/' {
                        break;
                    }
                    last = c;
                }
            }
            '\\' => {
                let mut hex = String::new();
                while hex.len() < 6 {
                    match chars.peek() {
                        Some(h) if h.is_ascii_hexdigit() => {
                            hex.push(*h);
                            chars.next();
                        }
                        _ => break,
                    }
                }
                if hex.is_empty() {
                    if let Some(e) = chars.next() {
                        out.extend(e.to_lowercase());
                    }
                } else {
                    if chars.peek().is_some_and(|c| c.is_whitespace()) {
                        chars.next();
                    }
                    let code = u32::from_str_radix(&hex, 16).unwrap_or(0xFFFD);
                    out.extend(char::from_u32(code).unwrap_or('\u{FFFD}').to_lowercase());
                }
            }
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// At most 60 characters of `s`, on one line.
fn shorten(s: &str) -> String {
    let mut out: String = s
        .chars()
        .take(60)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if s.chars().nth(60).is_some() {
        out.push('…');
    }
    out
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
        // Words that look like attributes inside attribute values and text are not references.
        for fine in [
            r#"<a title="raw data = Q3 numbers">the dashboard</a>"#,
            r#"<a title=" src=x href=y action=z url(w)">t</a>"#,
            r#"<p title='x data =y'>a data = 3, src= 4, url( 5)</p>"#,
            r#"<img alt="href=https://x.example" src="data:image/png;base64,AA">"#,
            r#"<div class="x" data-src="y">z</div>"#,
            r#"<style>a{background:url(data:image/png;base64,AA)} /* url(x.png) */</style>"#,
            r#"<style>a{background-image:image-set("data:image/png;base64,AA" 1x)}</style>"#,
            r#"<textarea><link href="x.css"></textarea><title><img src=x></title>"#,
            r#"<!-- <script src="x.js"></script> -->"#,
            r#"<p style="text-align:right">t</p>"#,
        ] {
            assert_eq!(check(fine), Ok(()), "{fine}");
        }
        // The link of issue 22 as the report renders it.
        let title = offline_html(&crate::render::markdown::to_html(
            "[the dashboard](https://dash.example.com \"raw data = Q3 numbers\")",
        ));
        assert!(title.contains("raw data = Q3 numbers"), "{title}");
        assert_eq!(check(&title), Ok(()));
        for bad in [
            r#"<link rel="stylesheet" href="site.css">"#,
            r#"<img src = 'https://x.example/a.png'>"#,
            r#"<a HREF=page.html>p</a>"#,
            "<script>alert(1)</script>",
            "<style>@import 'x.css';</style>",
            "<style>body{background:url(https://x.example/b.png)}</style>",
            r#"<use xlink:href="sprite.svg#a"/>"#,
            r#"<form action="/post"></form>"#,
            r#"<a title="x" href = " https://x.example">t</a>"#,
            r#"<img title='data = ok' src=x.png>"#,
            r#"<object data="x.pdf"></object>"#,
            r#"<button formaction="https://x.example">b</button>"#,
            r#"<img srcset="data:image/png;base64,AA 1x, https://x.example/b.png 2x">"#,
            r#"<body background="bg.png">"#,
            r#"<p style="background:url('https://x.example/b.png')">t</p>"#,
            r#"<p style="background:\75 rl(https://x.example/b.png)">t</p>"#,
            "<style>a{background:u\\rl(x.png)}</style>",
            "<style>a{background:url( \"x.png\")}</style>",
            r#"<style>a{background-image:image-set("data:image/png;base64,AA" 1x, "b.png" 2x)}</style>"#,
            "<style>@font-face{src:url(f.woff)}</style>",
            "<style>@IMPORT url(x.css);</style>",
            "<style>@\\69mport 'x.css';</style>",
            r#"<svg><style><image href="https://x.example/i.png"/></style></svg>"#,
            r#"<svg><script href="x.js"/></svg>"#,
            r#"<img src="data:image/png;base64,AA" onerror="alert(1)">"#,
            r#"<iframe srcdoc="<img src=https://x.example>"></iframe>"#,
            r#"<meta http-equiv="Refresh" content="0; url=https://x.example">"#,
            r#"<a href="javascript:alert(1)">x</a>"#,
        ] {
            assert!(check(bad).is_err(), "{bad}");
        }
    }
}
