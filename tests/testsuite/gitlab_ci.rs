//! The repository's `.gitlab-ci.yml` and the one `folio init` writes validate against GitLab's
//! own CI JSON Schema (a copy in `tests/fixtures/`), and have the jobs the docs promise; the
//! `pages` job of a `folio init` repository, taken from the generated file, runs in a shell
//! against a loopback HTTP server holding a release (`init_pages_job_*`); `scripts/release.sh`
//! packs what cargo-binstall expects and refuses a dynamically linked binary; the repository's
//! `release` job uploads and links the files against a mock GitLab API (`release_job_*`).

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use serde_json::Value;

use crate::harness::assert_contains_all;

fn ci_schema() -> jsonschema::Validator {
    let text = include_str!("../fixtures/gitlab-ci.schema.json");
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
    yaml(include_str!("../../.gitlab-ci.yml"))
}

fn init_ci() -> Value {
    yaml(&folio::init::gitlab_ci_template())
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
    assert_eq!(ci["variables"]["CARGO_HOME"], "$CI_PROJECT_DIR/.cargo");
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
fn init_ci_downloads_the_release_and_keeps_compiling_as_a_fallback() {
    let ci = init_ci();
    check_jobs(&ci, "sha256sum");
    let vars = &ci["variables"];
    assert_eq!(vars["FOLIO_VERSION"]["value"], env!("CARGO_PKG_VERSION"));
    for v in [
        "FOLIO_RELEASE_URL",
        "FOLIO_SHA256",
        "FOLIO_FROM_SOURCE",
        "FOLIO_GIT_URL",
    ] {
        assert!(vars[v]["description"].is_string(), "{v}");
    }
    assert_eq!(
        vars["FOLIO_SHA256"]["value"], "",
        "no pin until the user sets one"
    );
    let release = &ci[".folio"];
    assert!(release["image"].as_str().unwrap().starts_with("alpine:"));
    assert_eq!(release["cache"]["key"], "folio-$FOLIO_VERSION");
    assert_eq!(release["cache"]["paths"][0], ".folio/");
    // Three lines after the title, one a variable, say what to set.
    let text = folio::init::gitlab_ci_template();
    let head: Vec<&str> = text.lines().skip(3).take(3).collect();
    for (line, v) in head
        .iter()
        .zip(["FOLIO_RELEASE_URL", "FOLIO_VERSION", "FOLIO_SHA256"])
    {
        assert!(line.starts_with(&format!("#   {v} ")), "{line}");
    }

    // The fallback compiles from git, only when asked, in the rust image.
    let source = &ci[".folio-from-source"];
    assert!(source["image"].as_str().unwrap().starts_with("rust:"));
    assert_eq!(source["variables"]["CARGO_HOME"], "$CI_PROJECT_DIR/.cargo");
    let install = source["before_script"].as_array().unwrap();
    assert!(install.iter().any(|l| l
        .as_str()
        .unwrap_or("")
        .contains("cargo install --locked --git \"$FOLIO_GIT_URL\" $FOLIO_REF_ARGS")));
    for (job, base) in [("check-from-source", "check"), ("pages-from-source", "pages")] {
        assert_eq!(
            ci[job]["extends"],
            serde_json::json!([base, ".folio-from-source"])
        );
        let when = |j: &str| ci[j]["rules"][0]["if"].as_str().unwrap().to_string();
        assert!(
            when(job).ends_with("$FOLIO_FROM_SOURCE == \"true\""),
            "{}",
            when(job)
        );
        assert_eq!(
            when(job).replace("$FOLIO_FROM_SOURCE ==", "$FOLIO_FROM_SOURCE !="),
            when(base),
            "{job} runs exactly when {base} does not"
        );
        // Resolved, the fallback job has the base job's script in the rust image.
        let resolved = resolved(&ci, job);
        assert_eq!(resolved["script"], ci[base]["script"]);
        assert_eq!(resolved["image"], source["image"]);
        assert_eq!(resolved["before_script"], source["before_script"]);
    }
    assert_eq!(ci["pages-from-source"]["pages"], true);
}

#[test]
fn repo_ci_runs_the_whole_suite_the_msrv_and_releases_on_tags() {
    let ci = repo_ci();
    assert_eq!(script(&ci["test"]), "./.ci/run");
    // The MSRV job uses Cargo.toml's rust-version.
    let msrv = include_str!("../../Cargo.toml")
        .lines()
        .find_map(|l| l.strip_prefix("rust-version = \""))
        .and_then(|l| l.strip_suffix('"'))
        .expect("Cargo.toml declares rust-version");
    assert_eq!(ci["msrv"]["image"], format!("rust:{msrv}"));
    let msrv_script = script(&ci["msrv"]);
    assert!(
        msrv_script.contains("cargo build --locked --workspace")
            && msrv_script.contains("cargo test --locked --workspace --all-targets")
    );

    let release = &ci["release"];
    assert_eq!(release["rules"][0]["if"], "$CI_COMMIT_TAG =~ /^v/");
    let s = script(release);
    assert!(s.starts_with("./scripts/release.sh\n"), "{s}");
    assert_contains_all(
        &s,
        "the release script",
        &[
            "api=\"$CI_API_V4_URL/projects/$CI_PROJECT_ID\"",
            "packages=\"$api/packages/generic/folio/$version\"",
            "--header \"JOB-TOKEN: $CI_JOB_TOKEN\"",
            "--upload-file \"dist/$file\" \"$packages/$file\"",
            "\\\"direct_asset_path\\\":\\\"/binaries/$file\\\"",
            "\"$api/releases\"",
        ],
    );
    assert_eq!(release["artifacts"]["paths"][0], "dist/");
    let image = &ci["container-image"];
    assert_eq!(image["needs"][0], "release");
    assert!(image["rules"][0]["if"]
        .as_str()
        .unwrap()
        .contains("$FOLIO_BUILD_IMAGE == \"true\""));
    assert!(script(image).contains("--file Containerfile"));
}

/// cargo-binstall's templates in Cargo.toml, filled in, name the file the release job links at
/// `/binaries/<file>`, and the binary's path inside the archive `scripts/release.sh` packs.
#[test]
fn binstall_metadata_names_the_release_archive() {
    let manifest = include_str!("../../Cargo.toml");
    let section = manifest
        .split("[package.metadata.binstall]")
        .nth(1)
        .expect("Cargo.toml has [package.metadata.binstall]");
    let key = |k: &str| {
        section
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{k} = \"")))
            .and_then(|l| l.strip_suffix('"'))
            .unwrap_or_else(|| panic!("no {k}"))
            .to_string()
    };
    let version = env!("CARGO_PKG_VERSION");
    let fill = |t: String| {
        t.replace("{ name }", "folio")
            .replace("{ version }", version)
            .replace("{ target }", "x86_64-unknown-linux-gnu")
            .replace("{ bin }", "folio")
            .replace("{ binary-ext }", "")
            .replace("{ repo }", "https://gitlab.example/ps/folio")
    };
    let archive = format!("folio-v{version}-x86_64-unknown-linux-gnu.tar.gz");
    assert_eq!(
        fill(key("pkg-url")),
        format!("https://gitlab.example/ps/folio/-/releases/v{version}/downloads/binaries/{archive}")
    );
    let bin_dir = fill(key("bin-dir"));
    assert_eq!(
        bin_dir,
        format!("folio-v{version}-x86_64-unknown-linux-gnu/folio")
    );
    assert_eq!(key("pkg-fmt"), "tgz");
    // What release.sh packs: that folder and binary name.
    let dist = stand_in_release();
    let listing = std::process::Command::new("tar")
        .arg("-tzf")
        .arg(dist.join(&archive))
        .output()
        .unwrap();
    let listing = String::from_utf8(listing.stdout).unwrap();
    assert!(listing.lines().any(|l| l == bin_dir), "{listing}");
}

/// The static-linking check of `scripts/release.sh` can fail: it rejects the debug build, which
/// loads libc dynamically, and writes no archive for it.
#[test]
fn release_script_rejects_a_dynamically_linked_binary() {
    let tmp = tempfile::tempdir().unwrap();
    let out = std::process::Command::new("bash")
        .arg("scripts/release.sh")
        .arg("--binary")
        .arg(assert_cmd::cargo::cargo_bin("folio"))
        .arg("--out")
        .arg(tmp.path())
        .arg("--check")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("loads shared libraries"), "{stderr}");
    assert!(stderr.contains("libc.so.6"), "{stderr}");
    assert_eq!(
        std::fs::read_dir(tmp.path()).unwrap().count(),
        0,
        "an archive was written"
    );
}

// ---- the `pages` job of a `folio init` repository, run in a shell ----

/// A job as GitLab sees it after `extends:` (parents first, in order; hashes merge key by key,
/// anything else is replaced).
fn resolved(ci: &Value, name: &str) -> Value {
    fn merge(into: &mut Value, from: &Value) {
        match (into, from) {
            (Value::Object(a), Value::Object(b)) => {
                for (k, v) in b {
                    merge(a.entry(k.clone()).or_insert(Value::Null), v);
                }
            }
            (slot, v) => *slot = v.clone(),
        }
    }
    let job = &ci[name];
    let parents: Vec<&str> = match &job["extends"] {
        Value::String(s) => vec![s.as_str()],
        Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
        _ => vec![],
    };
    let mut out = Value::Object(Default::default());
    for p in parents {
        merge(&mut out, &resolved(ci, p));
    }
    merge(&mut out, job);
    out
}

/// `scripts/release.sh --binary` packs the debug folio the way a release is packed (it strips
/// the debug info): a stand-in release that needs no release build. Made once per test run, in the target's tmp folder.
fn stand_in_release() -> PathBuf {
    static DIST: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    DIST.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("stand-in-release");
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let out = dir.join("dist");
        let run = std::process::Command::new("bash")
            .arg("scripts/release.sh")
            .arg("--binary")
            .arg(assert_cmd::cargo::cargo_bin("folio"))
            .arg("--out")
            .arg(&out)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .unwrap();
        assert!(
            run.status.success(),
            "scripts/release.sh --binary failed:\n{}{}",
            String::from_utf8_lossy(&run.stdout),
            String::from_utf8_lossy(&run.stderr)
        );
        out
    })
    .clone()
}

/// The release to serve: `FOLIO_TEST_DIST` when set (scripts/test.sh sets it to `dist`, the
/// static build it has just made and checked), else a stand-in of the debug binary; and the
/// name of its archive.
fn release() -> (PathBuf, String) {
    let dist = match std::env::var_os("FOLIO_TEST_DIST") {
        Some(d) => Path::new(env!("CARGO_MANIFEST_DIR")).join(d),
        None => stand_in_release(),
    };
    (dist, archive_name())
}

/// A static file server for `root` on 127.0.0.1; it records the paths asked for.
fn serve(root: PathBuf) -> (String, Arc<Mutex<Vec<String>>>) {
    let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
    let url = format!("http://{}", server.server_addr().to_ip().unwrap());
    let asked = Arc::new(Mutex::new(Vec::new()));
    let log = asked.clone();
    std::thread::spawn(move || {
        for req in server.incoming_requests() {
            let path = req.url().trim_start_matches('/').to_string();
            log.lock().unwrap().push(path.clone());
            let _ = match std::fs::read(root.join(&path)) {
                Ok(bytes) if !path.contains("..") => req.respond(tiny_http::Response::from_data(bytes)),
                _ => req.respond(tiny_http::Response::empty(404)),
            };
        }
    });
    (url, asked)
}

/// The shell and the PATH of tools the job runs with. When `FOLIO_TEST_BUSYBOX` names a busybox
/// binary (scripts/test.sh sets it), Alpine's userland: busybox's `sh`, `tar`, `sha256sum`, …
/// and curl, nothing else on the PATH. Else this system's `sh` and `/usr/bin`.
fn userland(dir: &Path) -> (PathBuf, String) {
    let Some(busybox) = std::env::var_os("FOLIO_TEST_BUSYBOX") else {
        return (PathBuf::from("sh"), "/usr/local/bin:/usr/bin:/bin".to_string());
    };
    let bin = dir.join("alpine-bin");
    std::fs::create_dir_all(&bin).unwrap();
    let applets = [
        "sh",
        "tar",
        "gzip",
        "sha256sum",
        "cut",
        "mktemp",
        "cat",
        "rm",
        "mkdir",
        "mv",
        "tr",
        "printf",
        "echo",
    ];
    for applet in applets {
        let _ = std::fs::remove_file(bin.join(applet));
        std::os::unix::fs::symlink(&busybox, bin.join(applet)).unwrap();
    }
    let curl = ["/usr/bin/curl", "/usr/local/bin/curl", "/bin/curl"]
        .into_iter()
        .find(|p| Path::new(p).exists())
        .expect("curl is installed");
    let _ = std::fs::remove_file(bin.join("curl"));
    std::os::unix::fs::symlink(curl, bin.join("curl")).unwrap();
    (bin.join("sh"), bin.display().to_string())
}

struct Job {
    ok: bool,
    out: String,
    cargo_ran: bool,
}

impl Job {
    /// The job's output holds `needle`.
    #[track_caller]
    fn assert_says(&self, needle: &str) {
        assert!(self.out.contains(needle), "no `{needle}` in:\n{}", self.out);
    }
}

/// Runs the `pages` job's `before_script` and `script`, as the generated `.gitlab-ci.yml` of
/// `repo` has them, with `sh -e` in `repo`: the file's global variables plus `vars`, no HOME,
/// and a PATH whose first folder has a `cargo` and a `rustc` that record being run and fail.
fn run_pages_job(repo: &Path, vars: &[(&str, &str)]) -> Job {
    let ci = yaml(&std::fs::read_to_string(repo.join(".gitlab-ci.yml")).unwrap());
    let job = resolved(&ci, "pages");
    let lines: Vec<String> = ["before_script", "script"]
        .iter()
        .flat_map(|k| job[*k].as_array().expect("a list of lines").clone())
        .map(|l| l.as_str().unwrap().to_string())
        .collect();
    let shims = repo.join("../shims");
    std::fs::create_dir_all(&shims).unwrap();
    let marker = repo.join("../cargo-ran");
    for tool in ["cargo", "rustc"] {
        let shim = shims.join(tool);
        let body = format!("#!/bin/sh\necho {tool} >> '{}'\nexit 97\n", marker.display());
        std::fs::write(&shim, body).unwrap();
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(&shim, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let (shell, tools) = userland(&repo.join(".."));
    let mut cmd = std::process::Command::new(shell);
    cmd.arg("-e")
        .arg("-c")
        .arg(lines.join("\n"))
        .current_dir(repo)
        .env_clear();
    for (k, v) in ci["variables"].as_object().unwrap() {
        cmd.env(k, v.get("value").unwrap_or(v).as_str().unwrap());
    }
    cmd.env("PATH", format!("{}:{tools}", shims.display()))
        .env("CI_PROJECT_DIR", repo)
        .env("CI_PAGES_URL", "https://ps.gitlab.example/portfolio/");
    for (k, v) in vars {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    Job {
        ok: out.status.success(),
        out: format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
        cargo_ran: marker.exists(),
    }
}

fn new_repo(tmp: &Path, name: &str) -> PathBuf {
    let dir = tmp.join(name).join("repo");
    folio::init::init(&dir).unwrap();
    dir
}

fn archive_name() -> String {
    format!(
        "folio-v{}-x86_64-unknown-linux-gnu.tar.gz",
        env!("CARGO_PKG_VERSION")
    )
}

#[test]
fn init_pages_job_downloads_verifies_caches_and_never_compiles() {
    let tmp = tempfile::tempdir().unwrap();
    let (dist, archive) = release();
    let version = env!("CARGO_PKG_VERSION");
    let sha_line = std::fs::read_to_string(dist.join(format!("{archive}.sha256")))
        .unwrap_or_else(|e| panic!("{}: {e}", dist.display()));
    let sha = sha_line.split_whitespace().next().unwrap().to_string();
    assert_eq!(sha.len(), 64);
    let (url, asked) = serve(dist);

    // Pinned: only the archive is fetched, checked against the pin, and the site is built.
    let repo = new_repo(tmp.path(), "pinned");
    let job = run_pages_job(&repo, &[("FOLIO_RELEASE_URL", &url), ("FOLIO_SHA256", &sha)]);
    assert!(job.ok, "{}", job.out);
    job.assert_says(&format!("SHA-256 {sha} verified against FOLIO_SHA256"));
    job.assert_says(&format!("folio {version}\n"));
    assert!(!job.out.contains("Warning"), "{}", job.out);
    assert!(repo.join("public/index.html").is_file(), "{}", job.out);
    assert!(repo.join("public/projects/sample-rollout/index.html").is_file());
    assert!(!job.cargo_ran, "the job ran cargo:\n{}", job.out);
    assert_eq!(
        *asked.lock().unwrap(),
        [archive.as_str()],
        "the pin beats the .sha256"
    );

    // The next pipeline takes folio from the cache (.folio/ kept): nothing is downloaded. (The
    // pin is compared in lower case, as sha256sum prints it.)
    std::fs::remove_dir_all(repo.join("public")).unwrap();
    let sha_upper = sha.to_uppercase();
    let nowhere = "http://127.0.0.1:9/nothing-here";
    let job = run_pages_job(
        &repo,
        &[("FOLIO_RELEASE_URL", nowhere), ("FOLIO_SHA256", &sha_upper)],
    );
    assert!(job.ok, "{}", job.out);
    job.assert_says(&format!("folio {version} from the cache"));
    assert!(repo.join("public/index.html").is_file());
    // A cached binary from another archive than the one pinned now is not used.
    let other = "0".repeat(64);
    let job = run_pages_job(&repo, &[("FOLIO_RELEASE_URL", &url), ("FOLIO_SHA256", &other)]);
    assert!(!job.ok, "{}", job.out);
    job.assert_says("Checksum mismatch");

    // No pin: the .sha256 beside the archive is used, with a warning.
    let repo = new_repo(tmp.path(), "unpinned");
    asked.lock().unwrap().clear();
    let job = run_pages_job(&repo, &[("FOLIO_RELEASE_URL", &url)]);
    assert!(job.ok, "{}", job.out);
    job.assert_says("Warning: FOLIO_SHA256 is not set");
    job.assert_says(&format!("verified against {archive}.sha256"));
    assert!(repo.join("public/index.html").is_file());
    assert!(!job.cargo_ran, "the job ran cargo:\n{}", job.out);
    assert_eq!(
        *asked.lock().unwrap(),
        [archive.clone(), format!("{archive}.sha256")]
    );
}

#[test]
fn init_pages_job_rejects_a_corrupted_or_unpinned_download() {
    let tmp = tempfile::tempdir().unwrap();
    let (dist, archive) = release();
    let version = env!("CARGO_PKG_VERSION");
    let sha_file = format!("{archive}.sha256");
    // The archive with one byte changed, beside its genuine .sha256.
    let bad = tmp.path().join("bad");
    std::fs::create_dir_all(&bad).unwrap();
    let mut bytes = std::fs::read(dist.join(&archive)).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0xff;
    std::fs::write(bad.join(&archive), bytes).unwrap();
    std::fs::copy(dist.join(&sha_file), bad.join(&sha_file)).unwrap();
    let (bad_url, _) = serve(bad);
    let (good_url, _) = serve(dist);

    let fails = |name: &str, vars: &[(&str, &str)], message: &str| {
        let repo = new_repo(tmp.path(), name);
        let job = run_pages_job(&repo, vars);
        assert!(!job.ok, "{name}: the job passed:\n{}", job.out);
        assert!(
            job.out.contains(message),
            "{name}: no `{message}` in:\n{}",
            job.out
        );
        assert!(!repo.join("public").exists(), "{name}: a site was built");
        assert!(
            !repo.join(format!(".folio/v{version}/folio")).exists(),
            "{name}: the download was kept"
        );
        assert!(!job.cargo_ran, "{name}: cargo ran");
    };
    fails(
        "corrupted",
        &[("FOLIO_RELEASE_URL", &bad_url)],
        &format!("Checksum mismatch: {archive} has SHA-256"),
    );
    // An intact archive and .sha256, but not the archive pinned: the pin wins.
    let pin = "ab".repeat(32);
    fails(
        "other-pin",
        &[("FOLIO_RELEASE_URL", &good_url), ("FOLIO_SHA256", &pin)],
        &format!("but FOLIO_SHA256 says {pin}"),
    );
    fails("no-url", &[], "Set the CI/CD variable FOLIO_RELEASE_URL");
    fails(
        "missing",
        &[("FOLIO_RELEASE_URL", &format!("{good_url}/v0.0.0"))],
        "404",
    );
}

/// One request the mock GitLab API received.
struct Received {
    method: String,
    path: String,
    token: Option<String>,
    body: Vec<u8>,
}

/// A mock of GitLab's API on 127.0.0.1 that answers 201 to everything and records requests.
fn mock_gitlab_api() -> (String, Arc<Mutex<Vec<Received>>>) {
    let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
    let url = format!("http://{}/api/v4", server.server_addr().to_ip().unwrap());
    let got = Arc::new(Mutex::new(Vec::new()));
    let log = got.clone();
    std::thread::spawn(move || {
        for mut req in server.incoming_requests() {
            let mut body = Vec::new();
            std::io::Read::read_to_end(req.as_reader(), &mut body).unwrap();
            let token = req
                .headers()
                .iter()
                .find(|h| h.field.equiv("JOB-TOKEN"))
                .map(|h| h.value.to_string());
            log.lock().unwrap().push(Received {
                method: req.method().to_string(),
                path: req.url().to_string(),
                token,
                body,
            });
            let _ = req.respond(tiny_http::Response::from_string("{}").with_status_code(201));
        }
    });
    (url, got)
}

/// The `release` job's lines after `scripts/release.sh`, run with bash (the rust image's shell)
/// in a folder holding Cargo.toml and a stand-in `dist/`, against a mock API.
fn run_release_job(tag: &str) -> (bool, String, Vec<Received>) {
    let ci = repo_ci();
    let lines: Vec<String> = ci["release"]["script"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap().to_string())
        .collect();
    assert_eq!(lines[0], "./scripts/release.sh");
    let tmp = tempfile::tempdir().unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml"),
        tmp.path().join("Cargo.toml"),
    )
    .unwrap();
    let dist = tmp.path().join("dist");
    std::fs::create_dir(&dist).unwrap();
    for entry in std::fs::read_dir(stand_in_release()).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dist.join(entry.file_name())).unwrap();
    }
    let (api, got) = mock_gitlab_api();
    let out = std::process::Command::new("bash")
        .arg("-e")
        .arg("-c")
        .arg(lines[1..].join("\n"))
        .current_dir(tmp.path())
        .env("CI_API_V4_URL", &api)
        .env("CI_PROJECT_ID", "42")
        .env("CI_JOB_TOKEN", "job-token-123")
        .env("CI_COMMIT_TAG", tag)
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let received = std::mem::take(&mut *got.lock().unwrap());
    (out.status.success(), text, received)
}

#[test]
fn release_job_uploads_both_files_and_links_them_at_binaries() {
    let version = env!("CARGO_PKG_VERSION");
    let archive = archive_name();
    let (ok, out, got) = run_release_job(&format!("v{version}"));
    assert!(ok, "{out}");
    assert_eq!(got.len(), 3, "two uploads and one release: {out}");
    let packages = format!("/api/v4/projects/42/packages/generic/folio/{version}");
    let dist = stand_in_release();
    for (req, file) in got.iter().zip([archive.clone(), format!("{archive}.sha256")]) {
        assert_eq!(req.method, "PUT");
        assert_eq!(req.path, format!("{packages}/{file}"));
        assert_eq!(req.token.as_deref(), Some("job-token-123"));
        assert_eq!(req.body, std::fs::read(dist.join(&file)).unwrap(), "{file}");
    }
    let release = &got[2];
    assert_eq!(
        (release.method.as_str(), release.path.as_str()),
        ("POST", "/api/v4/projects/42/releases")
    );
    assert_eq!(release.token.as_deref(), Some("job-token-123"));
    let json: Value = serde_json::from_slice(&release.body).expect("the release is JSON");
    assert_eq!(json["tag_name"], format!("v{version}"));
    let links = json["assets"]["links"].as_array().unwrap();
    assert_eq!(links.len(), 2);
    for (link, file) in links.iter().zip([archive.clone(), format!("{archive}.sha256")]) {
        assert_eq!(link["name"], file.as_str());
        assert!(
            link["url"]
                .as_str()
                .unwrap()
                .ends_with(&format!("{packages}/{file}")),
            "{link}"
        );
        assert_eq!(link["direct_asset_path"], format!("/binaries/{file}"));
        assert_eq!(link["link_type"], "package");
    }
}

#[test]
fn release_job_refuses_a_tag_that_is_not_the_version() {
    let (ok, out, got) = run_release_job("v99.0.0");
    assert!(!ok, "{out}");
    assert!(
        out.contains(&format!(
            "The tag v99.0.0 does not match Cargo.toml's version {}",
            env!("CARGO_PKG_VERSION")
        )),
        "{out}"
    );
    assert!(got.is_empty(), "nothing may be uploaded");
}
