//! Reading one project by itself, for `folio new update` when the content has errors in
//! *other* files: a PM should not be blocked by a colleague's typo. Only parses (through
//! `crate::yaml`); the full validation stays with `crate::load`.

use std::path::Path;

use anyhow::Context;

use crate::model::{Project, ProjectFile, Update, UpdateFrontMatter};
use crate::yaml::{self, Source};

/// The YAML between the opening and closing `---` of an update file.
fn front_matter(text: &str) -> Option<&str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.split_inclusive('\n');
    if lines.next()?.trim_end() != "---" {
        return None;
    }
    let start = text.find('\n')? + 1;
    let mut offset = start;
    for line in lines {
        let t = line.trim_end();
        if t == "---" || t == "..." {
            return Some(&text[start..offset]);
        }
        offset += line.len();
    }
    None
}

/// Parses `projects/<id>/project.yaml` and every `updates/<YYYY-MM-DD>.md` of one project.
pub(super) fn load_project(content: &Path, id: &str) -> anyhow::Result<Project> {
    let problem = |what: &str| anyhow::anyhow!("{what}; fix it first (`folio check` shows where)");
    let rel = Path::new("projects").join(id).join("project.yaml");
    let text = std::fs::read_to_string(content.join(&rel))
        .with_context(|| format!("cannot read {}", rel.display()))?;
    let (def, _) = yaml::parse::<ProjectFile>(Source::file(&rel, &text))
        .map_err(|_| problem(&format!("{} is invalid", rel.display())))?;
    let mut updates = Vec::new();
    let dir = Path::new("projects").join(id).join("updates");
    for entry in std::fs::read_dir(content.join(&dir))
        .into_iter()
        .flatten()
        .flatten()
    {
        let name = entry.file_name();
        let Some(stem) = name.to_str().and_then(|n| n.strip_suffix(".md")) else {
            continue;
        };
        let Ok(date) = stem.parse() else { continue };
        let rel = dir.join(&name);
        let text = std::fs::read_to_string(content.join(&rel))
            .with_context(|| format!("cannot read {}", rel.display()))?;
        let yaml_text =
            front_matter(&text).ok_or_else(|| problem(&format!("{} has no front matter", rel.display())))?;
        let (front, _) = yaml::parse::<UpdateFrontMatter>(Source::file(&rel, yaml_text))
            .map_err(|_| problem(&format!("{} is invalid", rel.display())))?;
        updates.push(Update {
            date,
            front,
            body: String::new(),
            path: rel,
            body_line: 1,
        });
    }
    updates.sort_by_key(|u| u.date);
    Ok(Project {
        id: id.to_string(),
        def,
        path: Path::new("projects").join(id).join("project.yaml"),
        updates,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_is_cut_at_the_fences() {
        assert_eq!(front_matter("---\na: 1\n---\nbody"), Some("a: 1\n"));
        assert_eq!(front_matter("---\r\na: 1\r\n...\r\n"), Some("a: 1\r\n"));
        assert_eq!(front_matter("a: 1\n---\n"), None);
        assert_eq!(front_matter("---\na: 1\n"), None);
    }
}
