//! End-to-end tests of `folio serve`: a real server process on a free port (`--port 0`), a
//! temp copy of `tests/fixtures/serve`, a std-only HTTP client, live rebuilds, the build-error
//! event, theme changes and path traversal attempts.

use crate::harness::{assert_contains_all, copy_fixture_to, run};

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const UPDATE: &str = "projects/atlas/updates/2026-01-12.md";

/// How long a rebuild may take to show up (debounce + full build); `FOLIO_SERVE_TEST_BUDGET_MS`
/// raises it on very slow machines.
fn rebuild_budget() -> Duration {
    let ms = std::env::var("FOLIO_SERVE_TEST_BUDGET_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000);
    Duration::from_millis(ms)
}

fn fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_fixture_to("serve", &dir.path().join("content"));
    dir
}

/// A running `folio serve`; killed on drop. Its stderr is collected for failure messages.
struct Served {
    child: Child,
    addr: SocketAddr,
    log: mpsc::Receiver<String>,
}

impl Served {
    /// Starts `folio serve --port 0`: the system picks a free port (no race with other tests
    /// between choosing a port and binding it), and the printed URL says which.
    fn start(content: &Path) -> Served {
        let mut child = Command::new(env!("CARGO_BIN_EXE_folio"))
            .args(["serve", "--port", "0", "--content"])
            .arg(content)
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let (tx, log) = mpsc::channel();
        for pipe in [
            Box::new(child.stdout.take().unwrap()) as Box<dyn Read + Send>,
            Box::new(child.stderr.take().unwrap()),
        ] {
            let tx = tx.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(pipe).lines().map_while(Result::ok) {
                    let _ = tx.send(line);
                }
            });
        }
        let mut served = Served {
            child,
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            log,
        };
        let line = served.wait_log(|l| l.contains(" at http://127.0.0.1:"), Duration::from_secs(60));
        let port = line
            .rsplit_once("127.0.0.1:")
            .and_then(|(_, rest)| rest.trim_end_matches('/').parse().ok())
            .unwrap_or_else(|| panic!("no port in {line:?}"));
        served.addr.set_port(port);
        served
    }

    /// Waits for a log line matching `pred`; panics with the log so far after `timeout`.
    fn wait_log(&mut self, pred: impl Fn(&str) -> bool, timeout: Duration) -> String {
        let end = Instant::now() + timeout;
        let mut seen = Vec::new();
        while let Some(left) = end.checked_duration_since(Instant::now()) {
            match self.log.recv_timeout(left) {
                Ok(line) if pred(&line) => return line,
                Ok(line) => seen.push(line),
                Err(mpsc::RecvTimeoutError::Timeout) => break,
                Err(mpsc::RecvTimeoutError::Disconnected) => {
                    panic!("folio serve exited: {:?}\n{}", self.child.wait(), seen.join("\n"))
                }
            }
        }
        panic!("timed out waiting for folio serve; log:\n{}", seen.join("\n"));
    }

    fn get(&self, target: &str) -> (u16, String) {
        get(self.addr, target)
    }

    /// Polls `target` until its body contains `needle`; returns how long that took.
    fn poll_until(&self, target: &str, needle: &str, timeout: Duration) -> Duration {
        let t = Instant::now();
        loop {
            let (status, body) = self.get(target);
            if status == 200 && body.contains(needle) {
                return t.elapsed();
            }
            assert!(
                t.elapsed() < timeout,
                "{target} never contained {needle:?} within {timeout:?}; last: {status}"
            );
            std::thread::sleep(Duration::from_millis(25));
        }
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A minimal HTTP/1.1 GET: (status, body).
fn get(addr: SocketAddr, target: &str) -> (u16, String) {
    let mut s = TcpStream::connect_timeout(&addr, Duration::from_secs(5)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(
        s,
        "GET {target} HTTP/1.1\r\nHost: localhost:{}\r\nConnection: close\r\n\r\n",
        addr.port()
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let raw = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("bad response to {target}: {head}"));
    (status, body.to_string())
}

/// An open `/__folio/events` stream.
struct Events(BufReader<TcpStream>);

impl Events {
    fn open(addr: SocketAddr) -> Events {
        let mut s = TcpStream::connect(addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        write!(
            s,
            "GET /__folio/events HTTP/1.1\r\nHost: localhost:{}\r\n\r\n",
            addr.port()
        )
        .unwrap();
        let mut ev = Events(BufReader::new(s));
        ev.read_until(|l| l.starts_with("event: hello"));
        ev
    }

    /// Reads lines until one matches; returns everything read.
    fn read_until(&mut self, pred: impl Fn(&str) -> bool) -> String {
        let mut seen = String::new();
        loop {
            let mut line = String::new();
            let n = self.0.read_line(&mut line).expect("event stream read");
            assert!(n > 0, "event stream closed; got:\n{seen}");
            seen.push_str(&line);
            if pred(line.trim_end()) {
                return seen;
            }
        }
    }
}

fn edit(content: &Path, f: impl FnOnce(String) -> String) {
    let p = content.join(UPDATE);
    let text = std::fs::read_to_string(&p).unwrap();
    std::fs::write(&p, f(text)).unwrap();
}

#[test]
fn live_preview_rebuilds_reports_errors_and_recovers() {
    let dir = fixture();
    let content = dir.path().join("content");
    let server = Served::start(&content);

    let (status, home) = server.get("/");
    assert_eq!(status, 200, "{home}");
    assert!(
        home.contains("__folio/live.js"),
        "live reload script not injected"
    );
    let (status, page) = server.get("/projects/atlas/");
    assert_eq!(status, 200);
    assert!(page.contains("Atlas Data Platform"));
    let (status, js) = server.get("/__folio/live.js");
    assert!(status == 200 && js.contains("EventSource"));

    // A change shows up within the budget.
    let mut events = Events::open(server.addr);
    edit(&content, |t| {
        t.replace("environment build started", "marker-one-7431")
    });
    let took = server.poll_until("/projects/atlas/", "marker-one-7431", Duration::from_secs(30));
    assert!(took <= rebuild_budget(), "rebuild took {took:?}");
    events.read_until(|l| l.starts_with("event: reload"));

    // Invalid YAML: an error event naming file:line, and the last good site stays up.
    edit(&content, |t| {
        t.replace("percent_complete: 12", "percent_complete: [12")
    });
    let seen = events.read_until(|l| l.starts_with("data: ") && l.contains(UPDATE));
    assert!(seen.contains("event: build-error"), "{seen}");
    let located = seen
        .lines()
        .filter_map(|l| l.split_once(&format!("{UPDATE}:")))
        .any(|(_, rest)| rest.starts_with(|c: char| c.is_ascii_digit()));
    assert!(located, "no {UPDATE}:<line> in {seen}");
    let (status, page) = server.get("/projects/atlas/");
    assert_eq!(status, 200);
    assert!(page.contains("marker-one-7431"), "last good build not served");
    // A page opened now is told about the error on connect.
    let mut late = Events::open(server.addr);
    late.read_until(|l| l.starts_with("event: build-error"));

    // Fixing it clears the error: reload, new content, and no error for new clients.
    edit(&content, |t| {
        t.replace("percent_complete: [12", "percent_complete: 12")
            .replace("marker-one-7431", "marker-two-9902")
    });
    events.read_until(|l| l.starts_with("event: reload"));
    server.poll_until("/projects/atlas/", "marker-two-9902", Duration::from_secs(30));
    let mut s = TcpStream::connect(server.addr).unwrap();
    s.set_read_timeout(Some(Duration::from_millis(500))).unwrap();
    write!(s, "GET /__folio/events HTTP/1.1\r\nHost: {}\r\n\r\n", server.addr).unwrap();
    let mut fresh = String::new();
    let mut buf = [0u8; 4096];
    while let Ok(n) = s.read(&mut buf) {
        if n == 0 {
            break;
        }
        fresh.push_str(&String::from_utf8_lossy(&buf[..n]));
    }
    assert!(
        fresh.contains("event: hello") && !fresh.contains("build-error"),
        "{fresh}"
    );
}

#[test]
fn requests_outside_the_site_get_404() {
    let dir = fixture();
    // A file next to the content folder that traversal would reach.
    std::fs::write(dir.path().join("secret.txt"), "top secret").unwrap();
    let server = Served::start(&dir.path().join("content"));
    let (_, not_found_page) = server.get("/no-such-page/");
    for target in [
        "/../secret.txt",
        "/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2e%2e/secret.txt",
        "/projects/%2e%2e%2f%2e%2e%2fsecret.txt",
        "/projects%2f..%2f..%2fsecret.txt",
        "/..%5csecret.txt",
        "/projects\\..\\..\\secret.txt",
        "/index.html%00",
        "//etc/passwd",
        "/%2fetc%2fpasswd",
        "/C:/Windows/win.ini",
        "/portfolio.yaml",
        "/projects/atlas/project.yaml",
    ] {
        let (status, body) = server.get(target);
        assert_eq!(status, 404, "{target}");
        assert!(!body.contains("top secret"), "{target}");
        assert_eq!(body, not_found_page, "{target}: not the 404 page");
    }
    assert_eq!(server.get("/projects/atlas/").0, 200);
}

#[test]
fn explicit_taken_port_is_a_clear_error() {
    let dir = fixture();
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let (code, _, err) = run(dir.path(), &["serve", "--port", &port, "--content", "content"]);
    assert_eq!(code, 1);
    assert_contains_all(&err, "stderr", &[&format!("port {port}"), "--port"]);
    assert!(!err.contains("\x1b["), "colour despite NO_COLOR: {err}");
}

#[test]
fn theme_folder_changes_rebuild_too() {
    let dir = fixture();
    // `themes/default` next to the content folder overrides the embedded theme file by file.
    let statics = dir.path().join("themes/default/static");
    std::fs::create_dir_all(&statics).unwrap();
    std::fs::write(statics.join("note.txt"), "theme v1").unwrap();
    let server = Served::start(&dir.path().join("content"));
    let (status, body) = server.get("/static/note.txt");
    assert_eq!((status, body.as_str()), (200, "theme v1"));
    std::fs::write(statics.join("note.txt"), "theme v2").unwrap();
    server.poll_until("/static/note.txt", "theme v2", Duration::from_secs(30));
}

#[test]
fn a_folder_without_portfolio_yaml_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = run(dir.path(), &["serve", "--port", "0", "--content", "."]);
    assert_eq!(code, 1);
    assert_contains_all(&err, "stderr", &["not a content folder", "folio init"]);
}

/// `rm -rf content && git checkout content` (or a branch switch that replaces the folder): the
/// new folder is watched again, the terminal says so, and later edits rebuild the preview.
#[test]
fn serve_recovers_after_the_content_folder_is_deleted_and_recreated() {
    let dir = fixture();
    let content = dir.path().join("content");
    let mut server = Served::start(&content);
    std::fs::remove_dir_all(&content).unwrap();
    copy_fixture_to("serve", &content);
    server.wait_log(
        |l| l.contains("is back; watching it again"),
        Duration::from_secs(30),
    );
    edit(&content, |t| {
        t.replace("environment build started", "marker-back-5521")
    });
    server.poll_until("/projects/atlas/", "marker-back-5521", Duration::from_secs(30));
}

#[test]
fn a_changed_file_name_with_escape_sequences_is_printed_escaped() {
    let dir = fixture();
    let content = dir.path().join("content");
    let mut server = Served::start(&content);
    // A name that would clear the terminal and start a fake line.
    let name = "notes-\u{1b}[2J\u{1b}[Hbuilt 99 pages.md";
    std::fs::write(content.join(name), "hello\n").unwrap();
    let line = server.wait_log(|l| l.contains(" changed"), Duration::from_secs(60));
    assert!(!line.contains('\u{1b}'), "raw ESC in {line:?}");
    assert!(
        line.contains("notes-\\u{1b}[2J\\u{1b}[Hbuilt 99 pages.md changed"),
        "{line:?}"
    );
}

/// The resident memory of process `pid`, in KiB (`VmRSS` of `/proc/<pid>/status`).
#[cfg(target_os = "linux")]
fn rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmRSS in /proc/<pid>/status")
}

#[cfg(target_os = "linux")]
#[test]
fn oversized_request_headers_are_refused_quickly_and_memory_stays_bounded() {
    const LIMIT: usize = 64 << 20; // what each client tries to send at most
    let dir = fixture();
    let server = Served::start(&dir.path().join("content"));
    assert_eq!(server.get("/").0, 200);
    let before = rss_kib(server.child.id());
    let clients: Vec<_> = (0..3)
        .map(|_| {
            let addr = server.addr;
            std::thread::spawn(move || {
                let started = Instant::now();
                let mut s = TcpStream::connect(addr).unwrap();
                s.set_write_timeout(Some(Duration::from_secs(10))).unwrap();
                s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
                write!(s, "GET / HTTP/1.1\r\nHost: localhost:{}\r\nX-Big: ", addr.port()).unwrap();
                let chunk = vec![b'a'; 64 * 1024];
                let mut sent = 0usize;
                while sent < LIMIT {
                    match s.write(&chunk) {
                        Ok(n) => sent += n,
                        Err(_) => break,
                    }
                }
                let mut answer = Vec::new();
                let _ = s.read_to_end(&mut answer);
                (
                    sent,
                    String::from_utf8_lossy(&answer).into_owned(),
                    started.elapsed(),
                )
            })
        })
        .collect();
    for c in clients {
        let (sent, answer, took) = c.join().unwrap();
        let status = answer.lines().next().unwrap_or("(closed without an answer)");
        eprintln!("one client: sent {sent} bytes, answered {status:?} in {took:?}");
        // Refused after 64 KiB: what was sent beyond is what the socket buffers took.
        assert!(sent < 16 << 20, "the server took {sent} bytes of one header");
        assert!(
            answer.is_empty() || answer.starts_with("HTTP/1.1 431 "),
            "{answer:?}"
        );
        assert!(took < Duration::from_secs(10), "refusing took {took:?}");
    }
    let after = rss_kib(server.child.id());
    eprintln!("resident memory: {before} KiB before, {after} KiB after");
    assert!(
        after < before + 32 * 1024,
        "resident memory grew from {before} KiB to {after} KiB"
    );
    // Still serving.
    assert_eq!(server.get("/").0, 200);
}

/// Ctrl-C (SIGINT) stops the preview at once: the event streams end cleanly (their last chunk is
/// sent, so browsers see an end, not a broken connection) and the process exits with 130.
#[cfg(unix)]
#[test]
fn ctrl_c_ends_event_streams_and_exits_130() {
    let dir = fixture();
    let mut server = Served::start(&dir.path().join("content"));
    let mut events = Events::open(server.addr);
    let started = Instant::now();
    let sent = Command::new("kill")
        .args(["-INT", &server.child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    let mut rest = String::new();
    events
        .0
        .read_to_string(&mut rest)
        .expect("the stream ends without an error");
    assert!(rest.ends_with("0\r\n\r\n"), "{rest:?}");
    let status = server.child.wait().unwrap();
    assert_eq!(status.code(), Some(130), "{status:?}");
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
}
