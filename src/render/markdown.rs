//! Markdown to safe HTML: pulldown-cmark (tables, footnotes, strikethrough, task lists) and then
//! ammonia, so nothing from content can run script in a reader's browser.

use std::sync::OnceLock;

use pulldown_cmark::{html, CowStr, Event, Options, Parser, Tag, TagEnd};

fn sanitizer() -> &'static ammonia::Builder<'static> {
    static CLEANER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    CLEANER.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        // Task-list checkboxes: a disabled, read-only input and nothing else.
        b.add_tags(["input"]);
        b.add_tag_attributes("input", ["type", "checked", "disabled"]);
        b.add_tag_attribute_values("input", "type", ["checkbox"]);
        b.add_allowed_classes("td", ["num", "center"]);
        b.add_allowed_classes("th", ["num", "center"]);
        b.add_generic_attributes(["id"]);
        b.add_tag_attributes("sup", ["class"]);
        b.add_tag_attributes("div", ["class"]);
        b.id_prefix(Some("md-"));
        b.link_rel(Some("noopener noreferrer"));
        b
    })
}

/// Renders Markdown to sanitized HTML.
pub fn to_html(markdown: &str) -> String {
    to_html_scoped(markdown, "")
}

/// Renders Markdown to sanitized HTML; footnote ids are prefixed with `scope` (letters, digits
/// and `-` are kept) so several narratives can share one page without duplicate ids.
///
/// Plain Markdown (no raw HTML, no links or images) cannot carry script: pulldown-cmark escapes
/// all text, so such narratives skip the (costly) ammonia pass. Everything else goes through
/// ammonia. Table alignment becomes a class (`num`, `center`), never a `style` attribute, so
/// pages keep a strict Content-Security-Policy.
pub fn to_html_scoped(markdown: &str, scope: &str) -> String {
    let opts = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS;
    let scope = slug(scope);
    let events: Vec<Event> = Parser::new_ext(markdown, opts).collect();
    let needs_sanitizer = events.iter().any(|e| {
        matches!(
            e,
            Event::Html(_)
                | Event::InlineHtml(_)
                | Event::Start(Tag::Link { .. })
                | Event::Start(Tag::Image { .. })
        )
    });
    // ammonia prefixes every id with `md-`; the fast path writes the prefix itself.
    let id_prefix = if needs_sanitizer { "" } else { "md-" };
    let mut numbers: Vec<String> = Vec::new();
    let events = events.into_iter().map(|event| match event {
        Event::FootnoteReference(label) => {
            let l = slug(&label);
            let n = match numbers.iter().position(|x| *x == l) {
                Some(i) => i + 1,
                None => {
                    numbers.push(l.clone());
                    numbers.len()
                }
            };
            Event::Html(CowStr::from(format!(
                "<sup class=\"footnote-reference\"><a href=\"#md-{scope}fn-{l}\">{n}</a></sup>"
            )))
        }
        Event::Start(Tag::FootnoteDefinition(label)) => {
            let l = slug(&label);
            Event::Html(CowStr::from(format!(
                "<div class=\"footnote-definition\" id=\"{id_prefix}{scope}fn-{l}\"><sup class=\"footnote-definition-label\">{}</sup>",
                html_escape(&label)
            )))
        }
        Event::End(TagEnd::FootnoteDefinition) => Event::Html(CowStr::from("</div>\n")),
        other => other,
    });
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut raw, events);
    if raw.contains(" style=\"text-align: ") {
        raw = raw
            .replace(" style=\"text-align: right\"", " class=\"num\"")
            .replace(" style=\"text-align: center\"", " class=\"center\"")
            .replace(" style=\"text-align: left\"", "");
    }
    if needs_sanitizer {
        sanitizer().clean(&raw).to_string()
    } else {
        raw
    }
}

fn slug(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Renders Markdown to plain text (for feed summaries and table cells): tags dropped.
pub fn to_text(markdown: &str) -> String {
    let html = to_html(markdown);
    let text = ammonia::Builder::empty().clean(&html).to_string();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_render() {
        let html = to_html("| a | b |\n|---|--:|\n| 1 | 2 |\n\n~~old~~ new\n\n- [x] done\n- [ ] todo\n\nText[^1].\n\n[^1]: Note.\n");
        assert!(html.contains("<table>"), "{html}");
        assert!(html.contains("<del>old</del>"), "{html}");
        assert!(html.contains(r#"type="checkbox""#), "{html}");
        assert!(html.contains(r##"<a href="#md-fn-1""##), "{html}");
        assert!(html.contains(r#"id="md-fn-1""#), "{html}");
        let scoped = to_html_scoped("A[^n]\n\n[^n]: B\n", "u-2026-01-02");
        assert!(
            scoped.contains(r##"href="#md-u-2026-01-02fn-n""##)
                && scoped.contains(r#"id="md-u-2026-01-02fn-n""#),
            "{scoped}"
        );
    }

    #[test]
    fn alignment_is_a_class_and_plain_markdown_equals_the_sanitized_form() {
        let md = "| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n\n**bold** _it_ `code <x>` & more\n";
        let fast = to_html(md);
        assert!(!fast.contains("style="), "{fast}");
        assert!(
            fast.contains(r#"<td class="num">3</td>"#) && fast.contains(r#"<td class="center">2</td>"#),
            "{fast}"
        );
        // The fast path (no ammonia) must produce what ammonia would keep.
        assert_eq!(sanitizer().clean(&fast).to_string(), fast);
    }

    #[test]
    fn hostile_markdown_is_neutralized() {
        for evil in [
            "<javascript:alert(1)>",
            "![x](javascript:alert(1))",
            "[a]: javascript:alert(1)\n\n[a]",
            "`<script>`<b onclick=alert(1)>x</b>",
        ] {
            let html = to_html(evil);
            assert!(
                !html.contains("=\"javascript:") && !html.contains("onclick") && !html.contains("<script"),
                "{html}"
            );
        }
        let evil = "<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n[x](javascript:alert(3))\n\n<a href=\"javascript:alert(4)\">y</a>\n\n<iframe src=\"https://evil\"></iframe><style>body{}</style><svg onload=alert(5)>";
        let html = to_html(evil);
        for bad in [
            "<script",
            "onerror",
            "javascript:",
            "<iframe",
            "<style",
            "onload",
            "<svg",
        ] {
            assert!(!html.to_lowercase().contains(bad), "{bad} survived in {html}");
        }
        assert_eq!(to_text("**bold** and <b>x</b>"), "bold and x");
    }
}
