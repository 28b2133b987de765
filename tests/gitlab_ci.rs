//! The repository's `.gitlab-ci.yml` and the one `folio init` writes validate against GitLab's
//! own CI JSON Schema (a copy in `tests/fixtures/`), and have the jobs the docs promise.

use serde_json::Value;

fn ci_schema() -> jsonschema::Validator {
    let text = include_str!("fixtures/gitlab-ci.schema.json");
    let schema: Value = serde_json::from_str(text).expect("the fixture is JSON");
    jsonschema::validator_for(&schema).expect("GitLab's CI schema compiles")
}

fn yaml(text: &str) -> Value {
    serde_yaml::from_str(text).expect("the CI file is YAML")
}

fn errors(v: &jsonschema::Validator, doc: &Value) -> Vec<String> {
    v.iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect()
}

fn repo_ci() -> Value {
    yaml(include_str!("../.gitlab-ci.yml"))
}

fn init_ci() -> Value {
    yaml(folio::init::gitlab_ci_template())
}

fn script(job: &Value) -> String {
    job["script"]
        .as_array()
        .expect("script is a list")
        .iter()
        .map(|s| s.as_str().unwrap_or_default().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn repo_ci_file_is_valid() {
    let v = ci_schema();
    assert_eq!(errors(&v, &repo_ci()), Vec::<String>::new());
}

#[test]
fn init_ci_file_is_valid() {
    let v = ci_schema();
    assert_eq!(errors(&v, &init_ci()), Vec::<String>::new());
}

#[test]
fn the_schema_rejects_broken_ci_files() {
    let v = ci_schema();
    let mut broken = repo_ci();
    broken["pages"]["artifact"] = broken["pages"]["artifacts"].take();
    broken["pages"].as_object_mut().unwrap().remove("artifacts");
    assert!(
        !errors(&v, &broken).is_empty(),
        "a misspelt job keyword must be rejected"
    );

    let mut broken = repo_ci();
    broken["check"]["artifacts"]["when"] = Value::from("sometimes");
    assert!(
        !errors(&v, &broken).is_empty(),
        "an invalid `when` must be rejected"
    );

    let mut broken = repo_ci();
    broken["pages"]["script"] = Value::from(42);
    assert!(
        !errors(&v, &broken).is_empty(),
        "a numeric script must be rejected"
    );
}

fn check_jobs(ci: &Value, install_marker: &str) {
    let check = &ci["check"];
    assert!(
        script(check).contains("folio check --format gitlab > gl-code-quality-report.json"),
        "{}",
        script(check)
    );
    assert_eq!(
        check["artifacts"]["reports"]["codequality"],
        "gl-code-quality-report.json"
    );
    assert_eq!(check["artifacts"]["when"], "always");
    assert!(check["rules"][0]["if"]
        .as_str()
        .unwrap()
        .contains("merge_request_event"));

    let pages = &ci["pages"];
    assert!(script(pages).contains("folio build --output public --base-url \"$CI_PAGES_URL\""));
    assert_eq!(pages["artifacts"]["paths"][0], "public");
    assert!(pages["rules"][0]["if"]
        .as_str()
        .unwrap()
        .contains("$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"));

    assert_eq!(ci["variables"]["CARGO_HOME"], "$CI_PROJECT_DIR/.cargo");
    let installer = &ci[".folio"];
    let before = installer["before_script"].as_array().unwrap();
    assert!(
        before
            .iter()
            .any(|l| l.as_str().unwrap_or("").contains(install_marker)),
        "{before:?}"
    );
    for job in ["check", "pages"] {
        assert_eq!(ci[job]["extends"], ".folio");
    }
}

#[test]
fn repo_ci_builds_folio_checks_and_publishes() {
    let ci = repo_ci();
    check_jobs(&ci, "cargo build --release --locked");
    let cache = &ci[".rust"]["cache"];
    let paths: Vec<&str> = cache["paths"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(paths.contains(&"target/"), "{paths:?}");
    assert!(paths.iter().any(|p| p.starts_with(".cargo/")), "{paths:?}");
    assert_eq!(cache["key"]["files"][0], "Cargo.lock");
}

#[test]
fn init_ci_installs_folio_from_git() {
    let ci = init_ci();
    check_jobs(&ci, "cargo install --locked --git \"$FOLIO_GIT_URL\"");
    assert!(ci["variables"]["FOLIO_GIT_URL"]["description"].is_string());
    let paths = ci[".folio"]["cache"]["paths"].as_array().unwrap();
    assert!(paths.iter().any(|p| p == ".folio/"), "{paths:?}");
}
