//! Escaping text for HTML and XML (pages, inline SVG, the Atom feed, the preview server's error
//! pages): one function, so every output escapes the same five characters the same way. Also
//! what the loader and the renderer must agree on about narratives: the Markdown extensions and
//! the nesting limit of raw HTML ([`MAX_HTML_DEPTH`]).

/// Escapes `&`, `<`, `>`, `"` and `'` for use in element text and quoted attribute values of
/// HTML and XML, and drops the characters XML 1.0 forbids (C0 controls other than tab, newline
/// and carriage return, and U+FFFE/U+FFFF), so the output is well-formed in both.
///
/// `'` becomes `&#x27;`, understood by HTML, XML and SVG alike (`&apos;` is not HTML 4).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(&mut out, s);
    out
}

/// [`escape`], appending to `out` (one buffer for a whole fragment instead of a string per value).
pub fn escape_into(out: &mut String, s: &str) {
    // Most text has nothing to escape or drop: one pass over the bytes, one copy.
    let plain = s.bytes().all(|b| {
        !matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'') && (b >= 0x20 || matches!(b, b'\t' | b'\n' | b'\r'))
    });
    if plain && !s.contains(['\u{FFFE}', '\u{FFFF}']) {
        out.push_str(s);
        return;
    }
    out.reserve(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
}

/// `s` with every `from` replaced by `to`, like [`str::replace`], but searched with SIMD
/// (`memchr::memmem`) and without a copy when `from` does not occur. Page fragments (narratives,
/// chart SVG) go through a few of these each; std's searcher was several percent of a build.
pub fn replace(s: String, from: &str, to: &str) -> String {
    let finder = memchr::memmem::Finder::new(from);
    let mut found = finder.find_iter(s.as_bytes()).peekable();
    if found.peek().is_none() {
        return s;
    }
    let mut out = String::with_capacity(s.len());
    let mut last = 0;
    for at in found {
        out.push_str(&s[last..at]);
        out.push_str(to);
        last = at + from.len();
    }
    out.push_str(&s[last..]);
    out
}

/// Whether `needle` occurs in `s` (SIMD search, see [`replace`]).
pub fn contains(s: &str, needle: &str) -> bool {
    find(s, needle).is_some()
}

/// The byte offset of the first `needle` in `s`, like [`str::find`] (SIMD search, see
/// [`replace`]).
pub fn find(s: &str, needle: &str) -> Option<usize> {
    memchr::memmem::find(s.as_bytes(), needle.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn replace_is_str_replace() {
        for (s, from, to) in [
            ("", "a", "b"),
            ("aaa", "a", "bb"),
            ("aaaa", "aa", "a"),
            ("<br /><hr /><br />", "<br />", "<br>"),
            (
                "x style=\"text-align: right\" y",
                "style=\"text-align: ",
                "style=\"text-align:",
            ),
            ("é<br />à", "<br />", ""),
            ("no match here", "zz", "y"),
        ] {
            assert_eq!(
                super::replace(s.to_string(), from, to),
                s.replace(from, to),
                "{s:?}"
            );
            assert_eq!(super::contains(s, from), s.contains(from), "{s:?}");
            assert_eq!(super::find(s, from), s.find(from), "{s:?}");
        }
    }

    #[test]
    fn escapes_the_five_and_drops_what_xml_forbids() {
        assert_eq!(
            escape("a<b>&\"c'\u{1}\u{FFFE}\t\n\r"),
            "a&lt;b&gt;&amp;&quot;c&#x27;\t\n\r"
        );
        assert_eq!(escape("plain — ü"), "plain — ü");
        assert_eq!(escape(""), "");
    }
}

/// The Markdown extensions of narratives (tables, footnotes, strikethrough, task lists).
pub fn markdown_options() -> pulldown_cmark::Options {
    use pulldown_cmark::Options;
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
}

/// The deepest raw HTML a narrative may nest (open elements not yet closed). The sanitizer's
/// HTML parser looks through the open elements at every tag, so unclosed tags without bound
/// (40k `<div>`) made a build quadratic; raw HTML that would go deeper is shown as text.
pub const MAX_HTML_DEPTH: usize = 256;

/// HTML elements that never have content (no end tag).
const VOID: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track",
    "wbr",
];

/// The nesting depth of the raw HTML fragments of one narrative, fragment by fragment.
#[derive(Debug, Default)]
pub struct HtmlDepth {
    depth: usize,
}

impl HtmlDepth {
    /// Whether `html` keeps the depth within [`MAX_HTML_DEPTH`] at every tag; if so its tags
    /// are counted, else nothing is (the caller shows the fragment as text). Linear in `html`.
    /// Every start tag that is not void or self-closing counts as opened, every end tag as
    /// closing one: elements a parser closes implicitly (`<p>`, `<li>`) are over-counted, which
    /// errs towards escaping.
    pub fn admit(&mut self, html: &str) -> bool {
        let b = html.as_bytes();
        let mut depth = self.depth;
        let mut i = 0;
        while let Some(off) = b[i..].iter().position(|&c| c == b'<') {
            i += off + 1;
            if b[i..].starts_with(b"!--") {
                match html[i..].find("-->") {
                    Some(end) => i += end + 3,
                    None => break,
                }
                continue;
            }
            if b.get(i) == Some(&b'/') && b.get(i + 1).is_some_and(u8::is_ascii_alphabetic) {
                depth = depth.saturating_sub(1);
                continue;
            }
            if !b.get(i).is_some_and(u8::is_ascii_alphabetic) {
                continue;
            }
            let name_end = b[i..]
                .iter()
                .position(|c| !c.is_ascii_alphanumeric() && *c != b'-')
                .map_or(b.len(), |n| i + n);
            let name = html[i..name_end].to_ascii_lowercase();
            let close = b[name_end..]
                .iter()
                .position(|&c| c == b'>')
                .map(|n| name_end + n);
            let self_closing = close.is_some_and(|c| c > 0 && b[c - 1] == b'/');
            if VOID.contains(&name.as_str()) || self_closing {
                continue;
            }
            depth += 1;
            if depth > MAX_HTML_DEPTH {
                return false;
            }
        }
        self.depth = depth;
        true
    }
}

/// How deep Markdown block containers (block quotes, lists, list items) may nest. A sanitizer
/// that parses HTML looks through the open elements for every new one, so 40,000 nested `>`
/// took 5 s and 100,000 a minute and a half; deeper containers are flattened into the deepest
/// allowed one (their text stays).
pub const MAX_BLOCK_DEPTH: usize = 256;

/// The nesting depth of Markdown block containers, event by event.
#[derive(Debug, Default)]
pub struct BlockDepth {
    depth: usize,
}

impl BlockDepth {
    /// Whether `event` is kept: the start and end of a container nested deeper than
    /// [`MAX_BLOCK_DEPTH`] are dropped (events come properly nested, so they pair up).
    pub fn admit(&mut self, event: &pulldown_cmark::Event) -> bool {
        use pulldown_cmark::{Event, Tag, TagEnd};
        match event {
            Event::Start(Tag::BlockQuote(_) | Tag::List(_) | Tag::Item) => {
                self.depth += 1;
                self.depth <= MAX_BLOCK_DEPTH
            }
            Event::End(TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item) => {
                let keep = self.depth <= MAX_BLOCK_DEPTH;
                self.depth = self.depth.saturating_sub(1);
                keep
            }
            _ => true,
        }
    }
}

/// The byte offset in `markdown` of the first block container nested deeper than
/// [`MAX_BLOCK_DEPTH`] (flattened when rendered), if any.
pub fn too_deep_blocks(markdown: &str) -> Option<usize> {
    use pulldown_cmark::Parser;
    // Opening a container at depth d takes at least d/2 characters of markers and indentation
    // before a line's text (a tab is up to two list levels): without such a line, no need to
    // parse.
    let prefix = |l: &str| {
        l.bytes()
            .take_while(|b| {
                matches!(
                    b,
                    b'>' | b' ' | b'\t' | b'-' | b'*' | b'+' | b'.' | b')' | b'0'..=b'9'
                )
            })
            .count()
    };
    markdown.lines().find(|l| prefix(l) >= MAX_BLOCK_DEPTH / 2)?;
    let mut depth = BlockDepth::default();
    Parser::new_ext(markdown, markdown_options())
        .into_offset_iter()
        .find_map(|(e, range)| (!depth.admit(&e)).then_some(range.start))
}

/// The byte offset in `markdown` of the first raw HTML fragment that would nest deeper than
/// [`MAX_HTML_DEPTH`] (and so is shown as text), if any.
pub fn too_deep_html(markdown: &str) -> Option<usize> {
    use pulldown_cmark::{Event, Parser};
    // Too few tags to go that deep: no need to parse.
    markdown.matches('<').nth(MAX_HTML_DEPTH)?;
    let mut depth = HtmlDepth::default();
    Parser::new_ext(markdown, markdown_options())
        .into_offset_iter()
        .find_map(|(e, range)| match e {
            Event::Html(h) | Event::InlineHtml(h) if !depth.admit(&h) => Some(range.start),
            _ => None,
        })
}
