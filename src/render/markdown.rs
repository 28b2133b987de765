//! Markdown to safe HTML: pulldown-cmark (tables, footnotes, strikethrough, task lists) and then
//! ammonia, so nothing from content can run script in a reader's browser.

use std::collections::HashSet;
use std::sync::OnceLock;

use crate::markup::{self, escape};
use crate::slug::slug;
use pulldown_cmark::{html, CowStr, Event, Parser, Tag, TagEnd};

fn sanitizer() -> &'static ammonia::Builder<'static> {
    static CLEANER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    CLEANER.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        // Task-list checkboxes: a disabled, read-only input and nothing else.
        b.add_tags(["input"]);
        b.add_tag_attributes("input", ["type", "checked", "disabled", "aria-label"]);
        b.add_tag_attribute_values("input", "type", ["checkbox"]);
        b.add_tag_attributes("td", ["style"]);
        b.add_tag_attributes("th", ["style"]);
        b.filter_style_properties(HashSet::from(["text-align"]));
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

/// Renders Markdown to sanitized HTML; footnote ids are prefixed with `scope` (ASCII letters,
/// digits and `-`, chosen by the caller: `latest-`, `u-2026-01-09-`) so several narratives can
/// share one page without duplicate ids. A footnote's label becomes its [`slug`].
pub fn to_html_scoped(markdown: &str, scope: &str) -> String {
    debug_assert!(
        scope.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'),
        "footnote scope {scope:?}"
    );
    let opts = crate::markup::markdown_options();
    // Footnote label → number, in order of first reference (a map: 40k footnotes were quadratic).
    let mut numbers: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut plain = true;
    let mut depth = crate::markup::HtmlDepth::default();
    let mut blocks = crate::markup::BlockDepth::default();
    // Containers nested too deep are flattened (the loader warns): the sanitizer is quadratic
    // in nesting depth.
    let parser = Parser::new_ext(markdown, opts)
        .filter(|event| blocks.admit(event))
        .inspect(|event| plain &= is_plain(event));
    let parser = parser.map(|event| match event {
        Event::FootnoteReference(label) => {
            let l = slug(&label);
            let next = numbers.len() + 1;
            let n = *numbers.entry(l.clone()).or_insert(next);
            Event::Html(CowStr::from(format!(
                "<sup class=\"footnote-reference\"><a href=\"#md-{scope}fn-{l}\">{n}</a></sup>"
            )))
        }
        Event::Start(Tag::FootnoteDefinition(label)) => {
            let l = slug(&label);
            Event::Html(CowStr::from(format!(
                "<div class=\"footnote-definition\" id=\"{scope}fn-{l}\"><sup class=\"footnote-definition-label\">{}</sup>",
                escape(&label)
            )))
        }
        Event::End(TagEnd::FootnoteDefinition) => Event::Html(CowStr::from("</div>\n")),
        // A task-list checkbox with an accessible name (WCAG 4.1.2; axe rule `label`).
        Event::TaskListMarker(done) => Event::Html(CowStr::from(if done {
            "<input type=\"checkbox\" disabled=\"\" checked=\"\" aria-label=\"done\"> "
        } else {
            "<input type=\"checkbox\" disabled=\"\" aria-label=\"not done\"> "
        })),
        // A raw-text element named in prose (`uses a <style> element`) would swallow or escape
        // the rest of the narrative in the sanitizer: keep it as the text the author wrote.
        Event::Html(h) | Event::InlineHtml(h) if opens_raw_text_element(&h) => Event::Text(h),
        // Raw HTML nested deeper than the limit is shown as text (the loader warns): unclosed
        // tags without bound made the sanitizer quadratic.
        Event::Html(h) | Event::InlineHtml(h) if !depth.admit(&h) => Event::Text(h),
        other => other,
    });
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut raw, parser);
    if plain {
        if let Some(fast) = plain_to_sanitized(&raw) {
            debug_assert_eq!(fast, sanitizer().clean(&raw).to_string(), "fast path differs");
            return alignment_as_classes(fast);
        }
    }
    alignment_as_classes(sanitizer().clean(&raw).to_string())
}

/// Whether an HTML fragment opens an element whose content HTML parsers read as raw text
/// (`<style>`, `<script>`, `<textarea>`, ...), case-insensitively.
fn opens_raw_text_element(html: &str) -> bool {
    const RAW: [&str; 12] = [
        "style",
        "script",
        "template",
        "textarea",
        "title",
        "xmp",
        "iframe",
        "noembed",
        "noframes",
        "noscript",
        "plaintext",
        "listing",
    ];
    let lower = html.to_ascii_lowercase();
    lower.match_indices('<').any(|(i, _)| {
        let rest = &lower[i + 1..];
        RAW.iter().any(|t| {
            rest.strip_prefix(t)
                .is_some_and(|after| after.is_empty() || after.starts_with(['>', ' ', '/', '\t', '\n']))
        })
    })
}

/// Table alignment as a class (`num`, `center`) instead of a `style` attribute, so pages keep
/// a strict Content-Security-Policy (no inline styles).
fn alignment_as_classes(html: String) -> String {
    if !markup::contains(&html, " style=\"text-align:") {
        return html;
    }
    let html = markup::replace(html, " style=\"text-align:right\"", " class=\"num\"");
    let html = markup::replace(html, " style=\"text-align:center\"", " class=\"center\"");
    markup::replace(html, " style=\"text-align:left\"", "")
}

/// Whether an event is one whose HTML needs no sanitizing: structure and text only, without
/// raw HTML, links, images, footnotes, code blocks, task lists or heading attributes.
fn is_plain(event: &Event) -> bool {
    match event {
        Event::Start(tag) => {
            matches!(
                tag,
                Tag::Paragraph
                    | Tag::BlockQuote(None)
                    | Tag::List(_)
                    | Tag::Item
                    | Tag::Emphasis
                    | Tag::Strong
                    | Tag::Strikethrough
                    | Tag::Table(_)
                    | Tag::TableHead
                    | Tag::TableRow
                    | Tag::TableCell
            ) || matches!(tag, Tag::Heading { id: None, classes, attrs, .. } if classes.is_empty() && attrs.is_empty())
        }
        Event::End(tag) => !matches!(
            tag,
            TagEnd::Link | TagEnd::Image | TagEnd::FootnoteDefinition | TagEnd::CodeBlock | TagEnd::HtmlBlock
        ),
        Event::Text(_) | Event::Code(_) | Event::SoftBreak | Event::HardBreak | Event::Rule => true,
        _ => false,
    }
}

/// What ammonia makes of the HTML of plain events (see [`is_plain`]): the same markup, with
/// void elements written the HTML5 way and table alignment styles without the space. `None` when a character would be normalized
/// differently (the caller then runs the sanitizer).
fn plain_to_sanitized(raw: &str) -> Option<String> {
    let bytes = raw.as_bytes();
    if memchr::memchr2(b'\r', b'\0', bytes).is_some() || markup::contains(raw, "\u{a0}") {
        return None;
    }
    let out = markup::replace(raw.to_string(), "<hr />", "<hr>");
    let out = markup::replace(out, "<br />", "<br>");
    Some(markup::replace(
        out,
        "style=\"text-align: ",
        "style=\"text-align:",
    ))
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
        assert!(
            html.contains(r#"aria-label="done""#) && html.contains(r#"aria-label="not done""#),
            "{html}"
        );
        assert!(html.contains(r##"<a href="#md-fn-1""##), "{html}");
        assert!(html.contains(r#"id="md-fn-1""#), "{html}");
        let scoped = to_html_scoped("A[^n]\n\n[^n]: B\n", "u-2026-01-02");
        assert!(
            scoped.contains(r##"href="#md-u-2026-01-02fn-n""##)
                && scoped.contains(r#"id="md-u-2026-01-02fn-n""#),
            "{scoped}"
        );
    }

    /// The unsanitized fast path gives exactly what the sanitizer gives, on plain Markdown.
    #[test]
    fn fast_path_equals_sanitizer() {
        let samples = [
            "Week 31 of the \"engagement\" with Acme & co. <3 it's > 2\n\n## Figures\n\n| Measure | This week | c |\n|---|--:|:-:|\n| Percent complete | 60 % | x |\n| *Actual* cost | `74166` | |\n\n- a\n- **b**\n  - nested ~~c~~\n\n3. three\n4. four\n\n---\n\n> quoted\n> more\n\nline  \nbreak\\\nagain\n",
            "# Title\n\nText with 'single' quotes and `code <b>` and \u{e9}t\u{e9} \u{1f680}.\n\n***\n",
            "* * *\n\n1) x\n2) y\n\nPlain.",
            "",
        ];
        for md in samples {
            let mut raw = String::new();
            let opts = crate::markup::markdown_options();
            html::push_html(&mut raw, Parser::new_ext(md, opts));
            assert!(Parser::new_ext(md, opts).all(|e| is_plain(&e)), "{md}");
            let fast = plain_to_sanitized(&raw).expect("fast path taken");
            assert_eq!(fast, sanitizer().clean(&raw).to_string(), "{md}");
            assert_eq!(to_html(md), alignment_as_classes(fast), "{md}");
        }
    }

    #[test]
    fn alignment_is_a_class_never_a_style_attribute() {
        let md = "| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n\n**bold** _it_ `code <x>` & more\n";
        for html in [
            to_html(md),
            to_html(&format!("{md}\n<b>raw</b> [l](https://example.org)\n")),
        ] {
            assert!(!html.contains("style="), "{html}");
            assert!(
                html.contains(r#"<td class="num">3</td>"#) && html.contains(r#"<td class="center">2</td>"#),
                "{html}"
            );
        }
    }

    #[test]
    fn raw_text_tag_in_prose_keeps_the_rest_of_the_narrative() {
        for tag in [
            "style", "script", "template", "textarea", "title", "xmp", "noscript", "STYLE",
        ] {
            let html = to_html(&format!(
                "The portal uses a <{tag}> element for theming.\n\nThe **rest** stays.\n"
            ));
            assert!(html.contains("<strong>rest</strong> stays"), "{tag}: {html}");
            assert!(html.contains(&format!("&lt;{tag}&gt; element")), "{tag}: {html}");
            assert!(!html.contains(&format!("<{tag}")), "{tag}: {html}");
        }
        // A block of it too.
        let html = to_html("<textarea>\n\nafter the block\n");
        assert!(html.contains("after the block"), "{html}");
    }

    /// [`to_html`], failing when it takes 10 s or more.
    fn to_html_within_10_s(md: &str) -> String {
        let start = std::time::Instant::now();
        let html = to_html(md);
        assert!(
            start.elapsed() < std::time::Duration::from_secs(10),
            "{:?}",
            start.elapsed()
        );
        html
    }

    #[test]
    fn narrative_of_40k_unclosed_divs_renders_in_linear_time() {
        for sep in ["", "\n"] {
            let md = format!("<div>{sep}").repeat(40_000);
            // Over 120 s in a debug build while the sanitizer parsed every level.
            let html = to_html_within_10_s(&md);
            assert!(
                html.matches("<div>").count() <= crate::markup::MAX_HTML_DEPTH,
                "{sep:?}"
            );
            assert!(html.contains("&lt;div&gt;"), "{sep:?}");
        }
        // Nesting within the limit is kept as HTML.
        let md = "<div>".repeat(200) + &"</div>".repeat(200) + "\n\n" + &"<div>".repeat(200);
        assert_eq!(to_html(&md).matches("<div>").count(), 400);
    }

    #[test]
    fn narrative_of_40k_nested_quotes_and_lists_renders_in_linear_time() {
        for md in [
            format!("{} deep quote", ">".repeat(40_000)),
            format!("{}deep list", "- ".repeat(20_000)),
            format!("{}deep mix", "> - ".repeat(10_000)),
        ] {
            // 5 s in a release build (100,000 levels: 87 s) while the sanitizer parsed every level.
            let html = to_html_within_10_s(&md);
            let opened = html.matches("<blockquote>").count()
                + html.matches("<ul>").count()
                + html.matches("<li>").count();
            assert!(opened <= crate::markup::MAX_BLOCK_DEPTH, "{opened} containers");
            assert!(html.contains("deep "), "the text stays");
        }
        // Nesting within the limit is kept.
        let md = format!("{}within", ">".repeat(200));
        assert_eq!(to_html(&md).matches("<blockquote>").count(), 200);
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
        // What is inside real tags: raw-text elements named in prose stay as escaped text.
        let tags = html
            .split('<')
            .skip(1)
            .map(|s| s.split('>').next().unwrap_or(""))
            .collect::<Vec<_>>()
            .join(" <");
        for bad in [
            "script",
            "onerror",
            "javascript:",
            "iframe",
            "style",
            "onload",
            "svg",
        ] {
            assert!(
                !format!("<{tags}").to_lowercase().contains(bad),
                "{bad} survived in {html}"
            );
        }
        assert_eq!(to_text("**bold** and <b>x</b>"), "bold and x");
    }
}
