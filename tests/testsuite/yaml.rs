//! Differential test of folio's own YAML reader (`src/yaml`, one parse over yaml-rust2 with a
//! serde deserializer) against an independent one (serde_yaml): every file of the bundled
//! example, the valid fixture and a synthetic portfolio must deserialize to exactly the same
//! typed values.

use std::fs;
use std::path::Path;

use folio::model::{PortfolioFile, ProgramFile, ProjectFile, UpdateFrontMatter};

fn compare(root: &Path) -> usize {
    let loaded =
        folio::load::load(root).unwrap_or_else(|d| panic!("{} does not load: {d:?}", root.display()));
    let p = &loaded.portfolio;
    let mut files = 0;
    let text = fs::read_to_string(root.join("portfolio.yaml")).unwrap();
    let theirs: PortfolioFile = serde_yaml::from_str(&text).unwrap();
    assert_eq!(theirs, p.config, "portfolio.yaml");
    files += 1;
    for program in &p.programs {
        let text = fs::read_to_string(root.join(&program.path)).unwrap();
        let theirs: ProgramFile = serde_yaml::from_str(&text).unwrap();
        assert_eq!(theirs, program.file, "{}", program.path.display());
        files += 1;
    }
    for project in &p.projects {
        let text = fs::read_to_string(root.join(&project.path)).unwrap();
        let theirs: ProjectFile = serde_yaml::from_str(&text).unwrap();
        assert_eq!(theirs, project.def, "{}", project.path.display());
        files += 1;
        for update in &project.updates {
            let text = fs::read_to_string(root.join(&update.path)).unwrap();
            let yaml = folio::load::split_front_matter(&text).unwrap();
            let theirs: UpdateFrontMatter = serde_yaml::from_str(yaml).unwrap();
            assert_eq!(theirs, update.front, "{}", update.path.display());
            files += 1;
        }
    }
    files
}

#[test]
fn bundled_example_reads_the_same_with_serde_yaml() {
    let n = compare(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content"));
    assert!(n > 150, "only {n} files compared");
}

#[test]
fn valid_fixture_reads_the_same_with_serde_yaml() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid");
    // Every YAML file and every update of the fixture is compared, none skipped.
    let on_disk = walkdir::WalkDir::new(&root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| {
            let name = e.file_name().to_string_lossy();
            e.file_type().is_file() && (name.ends_with(".yaml") || name.ends_with(".md"))
        })
        .count();
    assert!(on_disk >= 7, "fixture has only {on_disk} files");
    assert_eq!(compare(&root), on_disk);
}

#[test]
fn synthetic_portfolio_reads_the_same_with_serde_yaml() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("content");
    folio::synth::generate(&root, 12, 10, 7).unwrap();
    assert_eq!(compare(&root), 1 + 3 + 12 + 12 * 10);
}
