//! Escaping text for HTML and XML (pages, inline SVG, the Atom feed, the preview server's error
//! pages): one function, so every output escapes the same five characters the same way.

/// Escapes `&`, `<`, `>`, `"` and `'` for use in element text and quoted attribute values of
/// HTML and XML, and drops the characters XML 1.0 forbids (C0 controls other than tab, newline
/// and carriage return, and U+FFFE/U+FFFF), so the output is well-formed in both.
///
/// `'` becomes `&#x27;`, understood by HTML, XML and SVG alike (`&apos;` is not HTML 4).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
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
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

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
