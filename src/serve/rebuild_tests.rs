//! Property-style tests of [`Rebuilder`]: random sequences of edits (updates, project
//! definitions, programs, `portfolio.yaml`, added and removed updates and projects, broken and
//! repaired YAML), each rebuild compared with a full build of the same content.

use std::fs;
use std::path::{Path, PathBuf};

use super::super::site::Site;
use super::*;

use crate::synth::Rng;

fn files_under(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == ext))
        .map(|e| e.into_path())
        .collect();
    v.sort();
    v
}

fn dirs_under(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    v.sort();
    v
}

/// Replaces the value of the first line starting with `key:`.
fn set_line(text: &str, key: &str, value: &str) -> String {
    let mut done = false;
    text.lines()
        .map(|l| {
            if !done && l.starts_with(&format!("{key}:")) {
                done = true;
                format!("{key}: {value}")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

/// One random edit of the content folder; returns the paths a file watcher would report.
fn edit(
    content: &Path,
    rng: &mut Rng,
    step: usize,
    attic: &mut Vec<(PathBuf, String)>,
) -> (String, Vec<PathBuf>) {
    let projects = dirs_under(&content.join("projects"));
    let project = &projects[rng.index(projects.len())];
    let updates = files_under(&project.join("updates"), "md");
    let update = updates.get(rng.index(updates.len())).cloned();
    match (rng.index(11), update) {
        (0, Some(u)) => {
            let text = fs::read_to_string(&u).unwrap();
            fs::write(&u, format!("{text}\nEdit {step}: one more closing line.\n")).unwrap();
            (format!("append to {}", u.display()), vec![u])
        }
        (1, Some(u)) => {
            let text = fs::read_to_string(&u).unwrap();
            let pct = rng.index(101).to_string();
            fs::write(&u, set_line(&text, "percent_complete", &pct)).unwrap();
            (format!("percent_complete {pct} in {}", u.display()), vec![u])
        }
        (2, Some(u)) if updates.len() > 1 => {
            attic.push((u.clone(), fs::read_to_string(&u).unwrap()));
            fs::remove_file(&u).unwrap();
            (format!("remove {}", u.display()), vec![u])
        }
        (3, _) if !attic.is_empty() => {
            let (u, text) = attic.remove(rng.index(attic.len()));
            if !u.parent().unwrap().is_dir() {
                return (format!("skip restoring {}", u.display()), vec![]);
            }
            fs::write(&u, text).unwrap();
            (format!("restore {}", u.display()), vec![u])
        }
        (4, _) => {
            let def = project.join("project.yaml");
            let text = fs::read_to_string(&def).unwrap();
            fs::write(&def, set_line(&text, "name", &format!("Renamed project {step}"))).unwrap();
            (format!("rename {}", def.display()), vec![def])
        }
        (5, _) => {
            let p = content.join("portfolio.yaml");
            let text = fs::read_to_string(&p).unwrap();
            fs::write(&p, set_line(&text, "title", &format!("Portfolio, edit {step}"))).unwrap();
            ("portfolio.yaml title".into(), vec![p])
        }
        (6, _) => {
            let programs = files_under(&content.join("programs"), "yaml");
            let g = &programs[rng.index(programs.len())];
            let text = fs::read_to_string(g).unwrap();
            if rng.index(2) == 0 {
                fs::write(g, set_line(&text, "name", &format!("Program renamed {step}"))).unwrap();
                return (format!("rename {}", g.display()), vec![g.clone()]);
            }
            // Only the program page shows the description: project pages carry over.
            let described = match text.split_once("description: |\n") {
                Some((head, tail)) => format!("{head}description: |\n  Edit {step}.\n{tail}"),
                None => set_line(&text, "description", &format!("Edit {step}.")),
            };
            fs::write(g, described).unwrap();
            (format!("describe {}", g.display()), vec![g.clone()])
        }
        (7, Some(u)) => {
            // Broken YAML: this rebuild fails; a later edit of the same kind repairs it.
            let text = fs::read_to_string(&u).unwrap();
            attic.push((u.clone(), text.clone()));
            fs::write(&u, text.replacen("---\n", "---\npercent_complete: [\n", 1)).unwrap();
            (format!("break {}", u.display()), vec![u])
        }
        (8, _) => {
            let id = format!("added-{step}");
            let to = content.join("projects").join(&id);
            crate::testutil::copy_dir(project, &to);
            let mut paths = files_under(&to, "md");
            paths.push(to.join("project.yaml"));
            (format!("copy {} to {id}", project.display()), paths)
        }
        (9, _) if projects.len() > 3 => {
            fs::remove_dir_all(project).unwrap();
            attic.retain(|(p, _)| !p.starts_with(project));
            (
                format!("remove {}", project.display()),
                vec![project.join("project.yaml")],
            )
        }
        (_, Some(u)) => {
            // Saved without a change; reported with the canonical path, as some watchers do.
            let text = fs::read(&u).unwrap();
            fs::write(&u, text).unwrap();
            (format!("touch {}", u.display()), vec![u.canonicalize().unwrap()])
        }
        _ => ("nothing".into(), vec![]),
    }
}

/// Runs `steps` random edits on a copy of `src`, comparing every rebuild with a full
/// `folio build` of the same content. Between edits a random part of the site is rendered
/// (nothing, a few pages, or all of it), so a rebuild carries over some of the files of the
/// last one and renders the rest.
fn check_sequence(src: &Path, seed: u64, steps: usize) {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    crate::testutil::copy_dir(src, &content);
    let mut rng = Rng::new(seed);
    let mut attic = Vec::new();
    let mut b = Rebuilder::new(crate::driver::Settings::new(&content));
    let mut last = b.rebuild(&[]).unwrap().site;
    let mut log = Vec::new();
    for step in 0..steps {
        match rng.index(3) {
            0 => {}
            1 => {
                let keys = last.paths();
                for _ in 0..4 {
                    let key = &keys[rng.index(keys.len())];
                    assert!(last.get(key).is_some_and(|r| r.is_ok()), "{key}");
                }
            }
            _ => assert!(last.fill().errors.is_empty()),
        }
        let (what, changed) = edit(&content, &mut rng, step, &mut attic);
        log.push(what);
        if changed.is_empty() {
            continue;
        }
        let again = b.rebuild(&changed);
        let full = crate::driver::site(&crate::driver::Settings {
            base_url: Some(PREVIEW_BASE_URL.to_string()),
            live_reload: true,
            ..crate::driver::Settings::new(&content)
        });
        let at = || format!("seed {seed}, edits:\n  {}", log.join("\n  "));
        match (again, full) {
            (Ok(again), Ok(full)) => {
                let files = again.site.render_all().unwrap();
                assert_eq!(
                    files.keys().collect::<Vec<_>>(),
                    full.files.keys().collect::<Vec<_>>(),
                    "{}",
                    at()
                );
                for (path, bytes) in &full.files {
                    assert!(
                        *files[path] == *bytes,
                        "{path} differs from a full build; {}",
                        at()
                    );
                }
                assert_eq!(*again.warnings, full.warnings, "{}", at());
                assert_eq!(again.pages, full.pages, "{}", at());
                last = again.site;
            }
            (Err(Failure::Content(a)), Err(crate::driver::BuildError::Content(mut f))) => {
                f.retain(Diagnostic::is_error);
                assert_eq!(a, f, "{}", at());
            }
            (a, f) => panic!(
                "rebuild {:?} but full build {:?}; {}",
                a.map(|b| b.pages),
                f.map(|b| b.pages),
                at()
            ),
        }
    }
}

#[test]
fn random_edits_of_the_bundled_content_rebuild_as_a_full_build() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    for seed in 1..=2 {
        check_sequence(&src, seed, 8);
    }
}

#[test]
fn random_edits_of_messy_content_rebuild_as_a_full_build() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("messy");
    crate::synth::generate_with(&src, 8, 12, 3, true).unwrap();
    for seed in 11..=12 {
        check_sequence(&src, seed, 10);
    }
}
