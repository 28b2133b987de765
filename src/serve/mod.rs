//! `folio serve`: in-memory builds, an HTTP server, file watching and browser reload.
//!
//! - [`paths`]: request target → key of the in-memory site (refuses anything outside it);
//! - [`http`]: the server (hyper, with bounds on requests and connections), port selection,
//!   404s, the live-reload endpoints;
//! - [`live`]: the server-sent events hub and the browser script;
//! - [`rebuild`]: builds the site (keeping the last good one) and formats failures;
//! - [`site`]: a built site that renders its pages when they are asked for;
//! - [`term`](crate::term): colour rules shared with the CLI;
//! - [`watch`]: file watching with a debouncer that ignores reads, and that watches a deleted
//!   and recreated folder again.
//!
//! Nothing is written to disk: every build loads and computes in memory and replaces the
//! served site only when it succeeded; its pages are rendered when asked for, and by a
//! low-priority background pass (see [`site`]). A failed build keeps the last good site and
//! shows its diagnostics in the terminal and as an overlay in open pages.

pub mod host;
pub mod http;
pub mod live;
pub mod paths;
pub mod rebuild;
pub mod site;
pub use crate::term;
pub mod watch;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use self::rebuild::Rebuilder;
use self::term::Term;
use crate::driver::Settings;
use crate::format::plural;

/// Debounce window for file events: editors write a file in several steps (within a few
/// milliseconds of each other). Part of every edit-to-visible time, so kept short.
const DEBOUNCE: Duration = Duration::from_millis(50);

#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// What to build: the content folder, as-of date and theme (the preview forces its base
    /// URL and the live-reload script).
    pub settings: Settings,
    pub bind: String,
    pub port: u16,
    /// True when the user gave `--port`: a taken port is then an error, not "next free one".
    pub port_explicit: bool,
    /// Print only errors.
    pub quiet: bool,
    /// Also print the stage timings of every rebuild.
    pub verbose: bool,
    /// Colour rules for terminal output.
    pub term: Term,
}

/// Runs the live-preview server until interrupted.
pub fn serve(opts: &ServeOptions) -> anyhow::Result<()> {
    if !opts.settings.content.join("portfolio.yaml").is_file() {
        anyhow::bail!(
            "{} is not a content folder (no portfolio.yaml); pass `--content DIR` or create one with `folio init`",
            opts.settings.content.display()
        );
    }
    let (server, addr) = http::bind(&opts.bind, opts.port, opts.port_explicit)?;
    let t = opts.term;
    let say = |msg: String| {
        if !opts.quiet {
            eprintln!("{msg}");
        }
    };
    let host = if addr.ip().is_unspecified() {
        format!("localhost:{}", addr.port())
    } else {
        addr.to_string()
    };
    if let Some(warning) = network_warning(addr) {
        // Shown even with -q: it is about who can read the portfolio.
        eprintln!("{}: {warning}", t.warning_word());
    }
    if !opts.port_explicit && addr.port() != opts.port {
        say(format!(
            "port {} is taken; using port {} instead",
            opts.port,
            addr.port()
        ));
    }
    let first_gen = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as u64 * 1000)
        .unwrap_or(0);
    let preview = http::Preview::start(server, addr, first_gen);
    // Ctrl-C (or SIGTERM): the replies being sent finish and the event streams end before the
    // process exits. Nothing else needs cleaning up: the preview writes nothing to disk.
    let stopper = preview.stopper();
    if let Err(e) = ctrlc::set_handler(move || {
        stopper.stop();
        std::process::exit(crate::write::interrupt::INTERRUPTED);
    }) {
        eprintln!("{}: cannot catch Ctrl-C: {e}", t.warning_word());
    }

    let dirs = watch_dirs(&opts.settings.content, opts.settings.theme.as_deref());
    let changes = watch::Changes::watch(&dirs, DEBOUNCE)?;
    // The watcher is live before the first build, so no edit falls between the two.
    let mut builder = Rebuilder::new(opts.settings.clone());
    run_build(&mut builder, &preview, opts, &[]);
    let watched: Vec<String> = dirs.iter().map(|d| shown_path(&d.display())).collect();
    say(t.dim(&format!("watching {}; press Ctrl-C to stop", watched.join(", "))));
    println!(
        "serving {} at http://{host}/",
        shown_path(&opts.settings.content.display())
    );

    for batch in changes {
        match batch {
            watch::Batch::Changed(paths) => run_build(&mut builder, &preview, opts, &paths),
            watch::Batch::Error(e) => eprintln!("{}: file watcher: {}", t.warning_word(), shown_path(&e)),
            watch::Batch::Lost(dir) => eprintln!(
                "{}: {} was removed; watching for it to come back",
                t.warning_word(),
                shown_path(&dir.display())
            ),
            watch::Batch::Rewatched(dir) => {
                say(format!(
                    "{} is back; watching it again",
                    shown_path(&dir.display())
                ));
                run_build(&mut builder, &preview, opts, &[dir]);
            }
        }
    }
    Ok(())
}

/// Builds once, publishes or reports, and prints one line about it.
fn run_build(builder: &mut Rebuilder, preview: &http::Preview, opts: &ServeOptions, changed: &[PathBuf]) {
    let t = opts.term;
    let stamp = chrono::Local::now().format("%H:%M:%S").to_string();
    // Editors and tools save through temporary files: name the paths that still exist.
    let existing: Vec<&PathBuf> = changed.iter().filter(|p| p.exists()).collect();
    let what = match (changed, existing.as_slice()) {
        ([], _) => "initial build".to_string(),
        (_, [one]) => format!("{} changed", shorten(one, &opts.settings.content)),
        ([one], _) => format!("{} changed", shorten(one, &opts.settings.content)),
        (_, []) => format!("{} removed", plural(changed.len(), "file")),
        (_, many) => format!("{} changed", plural(many.len(), "file")),
    };
    match builder.rebuild(changed) {
        Ok(summary) => {
            if !opts.quiet {
                for w in &summary.new_warnings {
                    eprintln!("{}", t.diagnostic(w));
                }
                let mut warnings = plural(summary.warnings.len(), "warning");
                if !changed.is_empty() && !summary.warnings.is_empty() {
                    warnings.push_str(&format!(", {} new", summary.new_warnings.len()));
                }
                eprintln!(
                    "{} {what}: {} {} in {} ms ({warnings})",
                    t.dim(&stamp),
                    t.ok("built"),
                    plural(summary.pages, "page"),
                    summary.elapsed.as_millis()
                );
                if opts.verbose {
                    let st = &summary.times;
                    eprintln!(
                        "{}",
                        t.dim(&format!(
                            "  stages: load {}, metrics {}, theme {}",
                            ms(st.load),
                            ms(st.metrics),
                            ms(st.render)
                        ))
                    );
                }
            }
            preview.publish_site(summary.site.clone());
            render_in_background(summary.site, Some(preview.reporter()), opts);
        }
        Err(failure) => {
            for line in failure.terminal_lines(&t) {
                eprintln!("{line}");
            }
            eprintln!(
                "{} {what}: {}: {}; still serving the last good build",
                t.dim(&stamp),
                t.error_word(),
                failure.headline()
            );
            preview.fail(failure.plain_text());
            // The build stopped the last good one's background pass; that build is still the
            // one served, so let the pass finish (quietly: the overlay shows this failure).
            if let Some(last) = builder.last() {
                last.site.resume();
                render_in_background(Arc::clone(&last.site), None, opts);
            }
        }
    }
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

/// Renders every page of a published site not rendered yet, on a thread of its own; later
/// requests are served from memory. With a `reporter`, a page that fails is reported
/// (terminal and overlay); without, the pass only warms the site (a resumed pass, whose
/// failures were or will be shown by the page itself). A newer build stops it (see
/// [`site::Generation::fill`]).
fn render_in_background(site: Arc<site::Generation>, reporter: Option<http::Reporter>, opts: &ServeOptions) {
    let (t, quiet, verbose) = (opts.term, opts.quiet, opts.verbose);
    let spawned = std::thread::Builder::new()
        .name("folio-serve-render".into())
        .spawn(move || {
            lower_priority();
            let start = std::time::Instant::now();
            let filled = site.fill();
            if filled.stopped {
                return;
            }
            let Some(reporter) = reporter else {
                if verbose && !quiet {
                    let done = format!(
                        "  rendered {} of the last good build in the background in {}",
                        plural(filled.rendered, "job"),
                        ms(start.elapsed())
                    );
                    eprintln!("{}", t.dim(&done));
                }
                return;
            };
            if !filled.errors.is_empty() {
                for e in &filled.errors {
                    eprintln!("{}: {e}", t.error_word());
                }
                eprintln!(
                    "{}: {} could not be rendered; they show the error",
                    t.error_word(),
                    plural(filled.errors.len(), "page")
                );
                reporter.fail(format!("error: {}", filled.errors.join("\nerror: ")));
            } else if verbose && !quiet {
                eprintln!(
                    "{}",
                    t.dim(&format!(
                        "  rendered {} in the background in {}",
                        plural(filled.rendered, "job"),
                        ms(start.elapsed())
                    ))
                );
            }
        });
    if let Err(e) = spawned {
        eprintln!("{}: cannot start the background rendering: {e}", t.warning_word());
    }
}

/// Gives the calling thread the lowest CPU priority (Linux: a thread's nice value), so the
/// background rendering yields to requests and rebuilds.
fn lower_priority() {
    #[cfg(target_os = "linux")]
    {
        let _ = rustix::process::setpriority_process(Some(rustix::thread::gettid()), 19);
    }
}

/// The content folder, plus the theme folders a build may read: the one `--theme` or
/// `portfolio.yaml` names, and `themes/` next to the content folder.
fn watch_dirs(content: &Path, theme: Option<&str>) -> Vec<PathBuf> {
    let mut dirs = vec![content.to_path_buf()];
    let canon = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    let content_c = canon(content);
    let mut add = |d: PathBuf| {
        let c = canon(&d);
        if d.is_dir() && !c.starts_with(&content_c) && !dirs.iter().any(|x| canon(x) == c) {
            dirs.push(d);
        }
    };
    let name = theme.map(str::to_string).or_else(|| configured_theme(content));
    if let Some(d) = name.and_then(|n| crate::render::theme::find_theme_dir(content, &n)) {
        add(d);
    }
    if let Some(parent) = content_c.parent() {
        add(parent.join("themes"));
    }
    dirs
}

/// `portfolio.yaml`'s `theme`, when the file parses (a broken file is reported by the build).
fn configured_theme(content: &Path) -> Option<String> {
    let rel = Path::new("portfolio.yaml");
    let text = std::fs::read_to_string(content.join(rel)).ok()?;
    let (file, _) =
        crate::yaml::parse::<crate::model::PortfolioFile>(crate::yaml::Source::file(rel, &text)).ok()?;
    Some(file.theme)
}

/// The warning for an address other computers can reach: anything but loopback serves the
/// portfolio (budgets, margins, internal notes) to the network, without a password.
fn network_warning(addr: std::net::SocketAddr) -> Option<String> {
    if addr.ip().is_loopback() {
        return None;
    }
    let reach = if addr.ip().is_unspecified() {
        "every network interface of this computer".to_string()
    } else {
        format!("the network at {}", addr.ip())
    };
    Some(format!(
        "listening on {addr}: the portfolio, internal figures included, is served to {reach}, \
         without a password; use --bind 127.0.0.1 (the default) to keep it on this computer"
    ))
}

/// A changed path relative to the content folder when it is inside it, with control
/// characters escaped (a file name is content: it must not clear the terminal or fake a line).
fn shorten(p: &Path, content: &Path) -> String {
    let content = content.canonicalize().unwrap_or_else(|_| content.to_path_buf());
    let shown = match p.strip_prefix(&content) {
        Ok(rel) if !rel.as_os_str().is_empty() => rel.display().to_string(),
        _ => p.display().to_string(),
    };
    shown_path(&shown)
}

/// A path or file name for the terminal: control characters and bidirectional overrides
/// escaped as in every other message ([`crate::diagnostics::printable`]).
fn shown_path(p: &impl std::fmt::Display) -> String {
    crate::diagnostics::printable(&p.to_string()).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binding_beyond_loopback_warns_that_the_portfolio_is_served_to_the_network() {
        for a in ["0.0.0.0:1111", "[::]:1111", "192.168.1.5:1111", "10.0.0.1:80"] {
            let w = network_warning(a.parse().unwrap());
            assert!(
                w.as_deref().is_some_and(|w| w.contains("served to")),
                "{a}: {w:?}"
            );
        }
        for a in ["127.0.0.1:1111", "127.0.0.2:1111", "[::1]:1111"] {
            assert_eq!(network_warning(a.parse().unwrap()), None, "{a}");
        }
    }

    #[test]
    fn watches_content_and_sibling_themes() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content")).unwrap();
        assert_eq!(watch_dirs(&dir.path().join("content"), None).len(), 1);
        std::fs::create_dir_all(dir.path().join("themes/x")).unwrap();
        let dirs = watch_dirs(&dir.path().join("content"), None);
        assert_eq!(dirs.len(), 2);
        assert!(dirs[1].ends_with("themes"));
        // A theme folder named in portfolio.yaml, elsewhere.
        std::fs::create_dir_all(dir.path().join("look")).unwrap();
        std::fs::write(
            dir.path().join("content/portfolio.yaml"),
            "title: T\ntheme: ./look\n",
        )
        .unwrap();
        let dirs = watch_dirs(&dir.path().join("content"), None);
        assert_eq!(dirs.len(), 3, "{dirs:?}");
        assert!(dirs[1].ends_with("look"), "{dirs:?}");
    }
}
