//! Splits an update file into its `---` fenced YAML front matter and its Markdown body.
//!
//! The opening `---` is line 1 of the file, so line n of the front matter is file line n + 1.

use std::path::Path;

use crate::diagnostics::Diagnostic;

/// An update file cut in two.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Split<'a> {
    /// The YAML between the fences (its line 1 is file line 2).
    pub yaml: &'a str,
    /// The Markdown after the closing fence.
    pub body: &'a str,
    /// 1-based file line where the body starts.
    pub body_line: usize,
}

fn is_fence(line: &str) -> bool {
    line.trim_end() == "---"
}

/// Cuts `text` (the whole file) into front matter and body.
pub(super) fn split<'a>(path: &Path, text: &'a str) -> Result<Split<'a>, Box<Diagnostic>> {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if !is_fence(first) {
        let found = first.trim_end();
        let found = if found.is_empty() {
            "an empty first line".to_string()
        } else {
            format!("`{}`", found.chars().take(40).collect::<String>())
        };
        return Err(Box::new(
            Diagnostic::error(
                "front-matter-missing",
                path,
                1,
                1,
                "an update must start with a `---` line opening its YAML front matter",
            )
            .found(found)
            .expected("`---` on line 1, the YAML keys, then `---` again, then the Markdown")
            .hint("add a line `---` at the very top of the file (nothing before it, not even a blank line)"),
        ));
    }
    let yaml_start = first.len();
    let mut offset = yaml_start;
    let mut line_no = 1;
    for line in lines {
        line_no += 1;
        let trimmed = line.trim_end();
        if is_fence(line) || trimmed == "..." {
            return Ok(Split {
                yaml: &text[yaml_start..offset],
                body: &text[offset + line.len()..],
                body_line: line_no + 1,
            });
        }
        offset += line.len();
    }
    Err(Box::new(
        Diagnostic::error(
            "front-matter-unclosed",
            path,
            1,
            1,
            "the front matter opened on line 1 is never closed",
        )
        .found(format!(
            "no closing `---` line in the {} of the file",
            crate::format::plural(line_no, "line")
        ))
        .expected("a line `---` after the last YAML key, before the Markdown")
        .hint("add a line containing only `---` between the YAML keys and the narrative"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_body() {
        let s = split(Path::new("u.md"), "---\na: 1\nb: 2\n---\n# Body\ntext\n").unwrap();
        assert_eq!(s.yaml, "a: 1\nb: 2\n");
        assert_eq!(s.body, "# Body\ntext\n");
        assert_eq!(s.body_line, 5);
        let s = split(Path::new("u.md"), "---\r\na: 1\r\n---\r\n").unwrap();
        assert_eq!(s.yaml, "a: 1\r\n");
        assert_eq!(s.body, "");
        let s = split(Path::new("u.md"), "---\n---").unwrap();
        assert_eq!((s.yaml, s.body, s.body_line), ("", "", 3));
    }

    #[test]
    fn refuses_missing_and_unclosed_front_matter() {
        let e = split(Path::new("u.md"), "a: 1\n").unwrap_err();
        assert_eq!((e.code, e.line), ("front-matter-missing", 1));
        let e = split(Path::new("u.md"), "---\na: 1\n# Body\n").unwrap_err();
        assert_eq!((e.code, e.line), ("front-matter-unclosed", 1));
        assert!(split(Path::new("u.md"), "").is_err());
    }
}
