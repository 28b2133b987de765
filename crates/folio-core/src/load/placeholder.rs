//! Placeholders: a string value `TODO` (any case, alone or followed by text such as
//! `TODO: name the sponsor`) anywhere in a YAML file is an error, so content that
//! `folio new project` scaffolded can not be published before the PM fills it in.

use crate::diagnostics::Diagnostic;
use crate::yaml::{KeyIndex, Kind, Node, Source};

/// True for `TODO`, `todo`, `TODO: …`, `TODO fill in`; not for `Todoist` or `to do`.
fn is_placeholder(text: &str) -> bool {
    let t = text.trim_start();
    t.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("todo"))
        && !t[4..]
            .chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric() || c == '_')
}

/// Reports every placeholder of the file whose tree is `index`.
pub(super) fn check(src: Source<'_>, index: &KeyIndex, diags: &mut Vec<Diagnostic>) {
    if let Some(root) = index.root() {
        walk(src, root, "", diags);
    }
}

fn walk(src: Source<'_>, node: &Node, path: &str, diags: &mut Vec<Diagnostic>) {
    match &node.kind {
        Kind::Scalar { text, .. } => {
            if is_placeholder(text) {
                let shown = if path.is_empty() { "the document" } else { path };
                diags.push(
                    src.error(
                        "placeholder",
                        node.pos,
                        format!("`{shown}` is still a placeholder"),
                    )
                    .found(format!("`{}`", crate::diagnostics::echo(text.trim())))
                    .expected("the real value")
                    .hint("`TODO` marks what must be filled in before the content can be published: replace it (or remove an optional key)"),
                );
            }
        }
        Kind::Seq(items) => {
            for (i, n) in items.iter().enumerate() {
                walk(src, n, &format!("{path}[{i}]"), diags);
            }
        }
        Kind::Map(entries) => {
            for (k, n) in entries {
                let p = if path.is_empty() {
                    k.text.clone()
                } else {
                    format!("{path}.{}", k.text)
                };
                walk(src, n, &p, diags);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_placeholder;

    #[test]
    fn todo_alone_or_followed_by_text_in_any_case() {
        for yes in [
            "TODO",
            "todo",
            "ToDo",
            "TODO: name the sponsor",
            "  TODO fill in",
            "TODO!",
        ] {
            assert!(is_placeholder(yes), "{yes}");
        }
        for no in ["Todoist", "to do", "", "Mostly TODO", "TODO_LIST", "Tod"] {
            assert!(!is_placeholder(no), "{no}");
        }
    }
}
