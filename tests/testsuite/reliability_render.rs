//! The promises of docs/reliability.md about what rendering lets through, tried end to end with
//! the binary: what an author hides in HTML comments, link titles that look like attributes,
//! theme templates that read the environment, recurse or point at huge folders, and output
//! that hits a file-size limit.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use folio::render::html_tokens::{self, Token};

use crate::harness::{bin as folio, copy_fixture_to, files, fixture_copy_at};

fn run(cmd: &mut Command) -> std::process::Output {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{cmd:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// `folio -q build` of `content` into `out` as of 2026-03-20, which must succeed.
fn build_as_of(content: &Path, out: &Path) {
    run(folio()
        .args(["-q", "build", "--as-of", "2026-03-20", "--content"])
        .arg(content)
        .arg("--output")
        .arg(out));
}

/// `folio -q report acme` for `audience` as of 2026-03-20 into `file`, which must succeed: the
/// report.
fn report_as_of(content: &Path, audience: &str, file: &Path) -> String {
    run(folio()
        .args([
            "-q",
            "report",
            "acme",
            "--as-of",
            "2026-03-20",
            "--audience",
            audience,
        ])
        .arg("--content")
        .arg(content)
        .arg("--output")
        .arg(file));
    fs::read_to_string(file).unwrap()
}

/// The two commands that write files, as of 2026-03-20 (before `--content`): `build` into `public`
/// and `report acme` into `report`.
fn writing_commands<'a>(public: &'a Path, report: &'a Path) -> [Vec<&'a str>; 2] {
    let (public, report) = (public.to_str().unwrap(), report.to_str().unwrap());
    [
        vec!["build", "--as-of", "2026-03-20", "--output", public],
        vec!["report", "acme", "--as-of", "2026-03-20", "--output", report],
    ]
}

/// What the parser finds in one HTML document: comments, text (with attribute values), as
/// one string each.
fn read_html(html: &str) -> (Vec<String>, String) {
    let mut comments = Vec::new();
    let mut text = String::new();
    html_tokens::each(html, |t| {
        match t {
            Token::Comment(c) => comments.push(c.to_string()),
            Token::Text { text: t, .. } => text.push_str(t),
            Token::Start { attrs, .. } => {
                for (_, v) in attrs {
                    text.push(' ');
                    text.push_str(v);
                }
            }
            Token::End { .. } => {}
        }
        text.push(' ');
        true
    });
    (comments, text)
}

/// The HTML of an Atom feed's `<content>` and `<summary>` elements, and every XML comment.
fn read_feed(xml: &str) -> (Vec<String>, Vec<String>) {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let (mut htmls, mut comments) = (Vec::new(), Vec::new());
    let mut inside = false;
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) if matches!(e.name().as_ref(), b"content" | b"summary" | b"title") => {
                inside = true;
                htmls.push(String::new());
            }
            Event::End(_) => inside = false,
            Event::Text(t) if inside => htmls.last_mut().unwrap().push_str(&t.unescape().unwrap()),
            Event::Comment(c) => comments.push(String::from_utf8_lossy(&c).into_owned()),
            Event::Eof => break,
            _ => {}
        }
    }
    (htmls, comments)
}

/// A narrative with HTML comments in every place Markdown allows one, each holding `HIDDEN`
/// and the name of a raw-text element, and a `VISIBLE-<tag>` word that must stay. Most of it is
/// the customer part, so the customer report shows (and must clean) the comments too.
fn commented_markdown(tag: &str) -> String {
    format!(
        "## For the customer\n\n\
         Intro VISIBLE-{tag}. <!-- HIDDEN-{tag}-1: the migration <script> is broken -->\n\
         \n\
         <!-- HIDDEN-{tag}-2 <style>\n\
         spans lines <textarea>\n\
         -->\n\
         \n\
         - item <!-- HIDDEN-{tag}-3 <title> --> one\n\
         - [x] task <!--> <!---> done <!-- HIDDEN-{tag}-4 --!> closed\n\
         \n\
         > quote <!-- HIDDEN-{tag}-5\n\
         > <iframe> -->\n\
         \n\
         | a | b |\n\
         |---|---|\n\
         | <!-- HIDDEN-{tag}-6 <xmp> --> | cell |\n\
         \n\
         Footnote[^n] and a [link](https://example.org/x \"title <!-- HIDDEN-{tag}-7 -->\").\n\
         \n\
         [^n]: Note <!-- HIDDEN-{tag}-8 <noscript> -->\n\
         \n\
         Text <span>inline <!-- HIDDEN-{tag}-9 <noembed> --> html</span>\n\
         \n\
         <div>\n\
         <!-- HIDDEN-{tag}-10 <noframes> --><b>bold</b>\n\
         </div>\n\
         \n\
         <?HIDDEN-{tag}-11 <template> ?>\n\
         \n\
         ## Internal\n\
         \n\
         Internal note <!-- HIDDEN-{tag}-12 <plaintext> -->\n\
         \n\
         ## Next\n\
         \n\
         Last words <!-- HIDDEN-{tag}-13 <listing> never closed\n\
         \n\
         more HIDDEN-{tag}-14\n"
    )
}

fn indent(s: &str) -> String {
    s.lines().map(|l| format!("  {l}\n")).collect()
}

/// Content with comments in every Markdown field (program and project descriptions, every
/// update narrative) and YAML comments with `HIDDEN` in every YAML file and front matter.
fn commented_content(content: &Path) {
    copy_fixture_to("valid", content);
    let program = content.join("programs/core.yaml");
    let text = fs::read_to_string(&program).unwrap();
    let text = text.replace(
        "description: |\n  Moving customers to the **managed** platform.\n",
        &format!("description: |\n{}", indent(&commented_markdown("program"))),
    );
    fs::write(&program, format!("# HIDDEN-yaml-program\n{text}")).unwrap();
    for id in ["acme", "beta"] {
        let def = content.join(format!("projects/{id}/project.yaml"));
        let text = fs::read_to_string(&def)
            .unwrap()
            .replace("description: The first migration of the program.\n", "");
        fs::write(
            &def,
            format!(
                "# HIDDEN-yaml-{id}\n{text}description: |  # HIDDEN-yaml-{id}-2\n{}",
                indent(&commented_markdown(&format!("desc-{id}")))
            ),
        )
        .unwrap();
        for e in fs::read_dir(content.join(format!("projects/{id}/updates"))).unwrap() {
            let path = e.unwrap().path();
            let text = fs::read_to_string(&path).unwrap();
            let (front, _) = text[4..].split_once("\n---\n").unwrap();
            let date = path.file_stem().unwrap().to_string_lossy().into_owned();
            fs::write(
                &path,
                format!(
                    "---\n# HIDDEN-yaml-front\n{front}\n---\n{}",
                    commented_markdown(&format!("{id}-{date}"))
                ),
            )
            .unwrap();
        }
    }
}

/// `<!-- SECRET: the migration <script> is broken -->` was printed verbatim on the project page,
/// in the feed and in both reports (the raw-text guard turned the comment into text). Every
/// page, the feed and both `folio report` audiences are read with an HTML parser: no comment
/// and no text holds what the content hid, and the visible words around it stay.
#[test]
fn html_comments_in_content_reach_no_page_feed_or_report() {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    commented_content(&content);
    let out = tmp.path().join("public");
    build_as_of(&content, &out);
    let mut documents: Vec<(String, String)> = Vec::new();
    let mut feeds = 0;
    for (rel, path) in files(&out) {
        let text = fs::read_to_string(&path).unwrap_or_default();
        if rel.ends_with(".html") {
            documents.push((rel, text));
        } else if rel == "feed.xml" {
            let (htmls, comments) = read_feed(&text);
            assert!(comments.iter().all(|c| !c.contains("HIDDEN")), "{comments:?}");
            for (i, html) in htmls.into_iter().enumerate() {
                documents.push((format!("feed.xml entry {i}"), html));
            }
            feeds += 1;
        } else {
            // Data files (JSON, CSV, calendar) carry no narrative; nothing hidden in them either.
            assert!(!text.contains("HIDDEN"), "{rel}");
        }
    }
    assert_eq!(feeds, 1);
    for audience in ["customer", "internal"] {
        let html = report_as_of(&content, audience, &tmp.path().join(format!("{audience}.html")));
        // The customer part reached the report: its comments were there to be cleaned.
        let (_, text) = read_html(&html);
        for visible in ["VISIBLE-acme-2026-01-16", "closed", "bold"] {
            assert!(text.contains(visible), "{audience}: {visible} is missing");
        }
        documents.push((format!("folio report --audience {audience}"), html));
    }
    let site_reports = documents
        .iter()
        .filter(|(rel, _)| rel.starts_with("projects/") && rel.contains("-status-"))
        .count();
    assert_eq!(site_reports, 2, "a customer report per project");

    let mut seen = String::new();
    for (what, html) in &documents {
        let (comments, text) = read_html(html);
        for c in &comments {
            assert!(!c.contains("HIDDEN"), "{what}: comment {c:?}");
        }
        assert!(!text.contains("HIDDEN"), "{what}: {}", excerpt(&text, "HIDDEN"));
        assert!(
            !text.contains("<!--") && !text.contains("--!>"),
            "{what}: {}",
            excerpt(&text, "<!--")
        );
        seen.push_str(&text);
    }
    // What was around the comments is there: every narrative and description was rendered.
    for visible in [
        "VISIBLE-program",
        "VISIBLE-desc-acme",
        "VISIBLE-desc-beta",
        "VISIBLE-acme-2026-01-09",
        "VISIBLE-acme-2026-01-16",
        "VISIBLE-beta-2026-01-09",
        "closed",
        "Last words",
    ] {
        assert!(seen.contains(visible), "{visible} is missing");
    }
}

fn excerpt(text: &str, needle: &str) -> String {
    let at = text.find(needle).unwrap_or(0);
    text[at.saturating_sub(80)..].chars().take(200).collect()
}

/// `[the dashboard](https://dash.example.com "raw data = Q3 numbers")` passed `check`, but
/// `build` and `report` exited 1: the one-file check took ` data =` in the title for an
/// attribute. It reads the report with an HTML tokenizer now.
#[test]
fn a_link_title_that_looks_like_an_attribute_publishes() {
    let (tmp, content) = fixture_copy_at("valid", "content");
    let update = content.join("projects/acme/updates/2026-01-16.md");
    let text = fs::read_to_string(&update).unwrap();
    fs::write(
        &update,
        format!(
            "{text}\n## For the customer\n\nSee [the dashboard](https://dash.example.com \"raw data = Q3 numbers\") and \
             [the plan](https://x.example \"src=plan href=x action=y url(z)\").\n"
        ),
    )
    .unwrap();
    run(folio().args(["-q", "check", "--content"]).arg(&content));
    build_as_of(&content, &tmp.path().join("public"));
    for audience in ["customer", "internal"] {
        let html = report_as_of(&content, audience, &tmp.path().join(format!("{audience}.html")));
        assert!(html.contains("raw data = Q3 numbers"), "{audience}");
        // The link itself is gone from the one-file report: it would point out of the file.
        assert!(!html.contains("dash.example.com"), "{audience}");
    }
}

/// A theme folder with `templates` (name → source) beside the content, and `theme:` naming it.
fn with_theme(root: &Path, templates: &[(&str, &str)]) -> PathBuf {
    let content = root.join("content");
    copy_fixture_to("valid", &content);
    let dir = root.join("themes/corp/templates");
    fs::create_dir_all(&dir).unwrap();
    for (name, source) in templates {
        fs::write(dir.join(name), source).unwrap();
    }
    let config = content.join("portfolio.yaml");
    let text = fs::read_to_string(&config).unwrap();
    fs::write(&config, format!("{text}theme: corp\n")).unwrap();
    content
}

/// `get_env()` printed a CI job's token into a customer report. A theme calling it does not
/// compile: `build` and `report` exit 1 naming the template, and the value is printed nowhere.
#[test]
fn a_theme_calling_get_env_does_not_compile() {
    let tmp = tempfile::tempdir().unwrap();
    let content = with_theme(
        tmp.path(),
        &[(
            "report_customer.html",
            r#"{% extends "report.html" %}{% block main %}{{ get_env(name="CI_JOB_TOKEN") }}{% endblock %}"#,
        )],
    );
    let public = tmp.path().join("public");
    let report = tmp.path().join("r.html");
    for args in writing_commands(&public, &report) {
        let out = folio()
            .args(&args)
            .arg("--content")
            .arg(&content)
            .env("CI_JOB_TOKEN", "glcbt-SECRET-TOKEN")
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(
            err.contains("template `report_customer.html` calls `get_env()`"),
            "{args:?}: {err}"
        );
        assert!(!err.contains("SECRET") && !String::from_utf8_lossy(&out.stdout).contains("SECRET"));
    }
    assert!(!public.exists() && !report.exists());
}

/// A recursive macro overflowed the stack: folio aborted (exit 134), left its temporary folder
/// behind and took `folio serve` down. It is refused when the theme loads, naming the template.
#[test]
fn a_recursive_macro_is_an_error_naming_the_template() {
    let tmp = tempfile::tempdir().unwrap();
    let content = with_theme(
        tmp.path(),
        &[
            (
                "loop.html",
                "{% macro down(n) %}{{ self::down(n=n + 1) }}{% endmacro down %}",
            ),
            (
                "project.html",
                r#"{% extends "base.html" %}{% import "loop.html" as l %}{% block main %}{{ l::down(n=0) }}{% endblock %}"#,
            ),
        ],
    );
    let out = folio()
        .args(["build", "--as-of", "2026-03-20", "--content"])
        .arg(&content)
        .arg("--output")
        .arg(tmp.path().join("public"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("macro `down` of template `loop.html` calls itself"),
        "{err}"
    );
    let names: Vec<String> = fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().all(|n| !n.starts_with('.')),
        "temporary folders left: {names:?}"
    );
}

/// Runs folio with `args` under `ulimit -f <blocks>` (1,024-byte blocks in bash).
fn under_file_size_limit(blocks: u32, args: &[&str]) -> std::process::Output {
    let bin = assert_cmd::cargo::cargo_bin("folio");
    Command::new("bash")
        .arg("-c")
        .arg(format!("ulimit -f {blocks} && exec \"$0\" \"$@\""))
        .arg(bin)
        .args(args)
        .output()
        .unwrap()
}

/// A file-size limit (`ulimit -f`) killed `folio report` with SIGXFSZ and left its `.tmpXXXX`
/// file. The signal is ignored: the write fails ("File too large"), `report` and `build` exit 1
/// with the reason, and no temporary file or folder is left.
#[test]
fn a_file_size_limit_is_an_error_and_leaves_no_temporary_file() {
    let (tmp, content) = fixture_copy_at("valid", "content");
    let dir = tmp.path().join("reports");
    fs::create_dir_all(&dir).unwrap();
    let report = dir.join("acme.html");
    let public = tmp.path().join("site").join("public");
    fs::create_dir_all(public.parent().unwrap()).unwrap();
    for args in writing_commands(&public, &report) {
        let mut args = args;
        args.extend(["--content", content.to_str().unwrap()]);
        let out = under_file_size_limit(4, &args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{args:?}: killed? {:?} {err}",
            out.status
        );
        assert!(err.contains("File too large"), "{args:?}: {err}");
    }
    let left: Vec<_> = [dir.as_path(), public.parent().unwrap()]
        .iter()
        .flat_map(|d| fs::read_dir(d).unwrap())
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
    // Within the limit, the same commands succeed.
    let out = under_file_size_limit(
        1_000_000,
        &[
            "report",
            "acme",
            "--as-of",
            "2026-03-20",
            "--output",
            report.to_str().unwrap(),
            "--content",
            content.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}
