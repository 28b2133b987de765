//! The preview HTTP server: binds a port (or the next free one), serves the current site from
//! memory, and the live-reload endpoints. Independent of how sites are built, so it is tested
//! with hand-made site maps. Requests are read by [`super::conn`], with bounds; at most
//! [`MAX_CONNECTIONS`] connections are served at once, and one more is answered `503` and
//! closed.

use std::io::{BufReader, ErrorKind};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, RwLock};
use std::thread;

use super::conn::{self, ReadError, Reply, Request};
use super::live::{self, Hub};
use super::paths::{self, Target};
use super::site::{Pages, Site};
use crate::markup::escape;
use crate::SiteFiles;

/// The endpoint of the event stream and of the live-reload script.
pub const EVENTS_PATH: &str = "/__folio/events";
pub const LIVE_JS_PATH: &str = "/__folio/live.js";

/// How many ports after the default one are tried when it is taken.
pub const PORT_TRIES: u16 = 20;

/// The most connections served at once (each open page holds one for its event stream, and
/// browsers open at most six per host): beyond it, a connection is answered `503` and closed,
/// so a flood of connections cannot take the memory or the threads.
pub const MAX_CONNECTIONS: usize = 256;

/// A bound listening socket (see [`bind`]).
pub struct Server(TcpListener);

/// State shared by the request threads.
struct Shared {
    /// The address listened on, for the `Host` check.
    addr: SocketAddr,
    site: RwLock<Option<Arc<dyn Site>>>,
    hub: Hub,
    /// Connections being served now.
    connections: AtomicUsize,
    max_connections: usize,
    stopping: AtomicBool,
}

/// A running preview server. Dropping it does not stop it; call [`Preview::stop`].
pub struct Preview {
    shared: Arc<Shared>,
    addr: SocketAddr,
    accept: Option<thread::JoinHandle<()>>,
}

/// Shows failures in open pages, from any thread (see [`Preview::reporter`]).
#[derive(Clone)]
pub struct Reporter(Arc<Shared>);

impl Reporter {
    /// [`Preview::fail`].
    pub fn fail(&self, text: String) {
        self.0.hub.build_failed(text);
    }
}

/// Binds `bind:port`. When the port is taken and `explicit` is false, tries the next
/// [`PORT_TRIES`] ports; an explicit port is an error that names it.
pub fn bind(bind: &str, port: u16, explicit: bool) -> anyhow::Result<(Server, SocketAddr)> {
    let last = if explicit {
        port
    } else {
        port.saturating_add(PORT_TRIES)
    };
    let mut p = port;
    loop {
        match TcpListener::bind((bind, p)) {
            Ok(listener) => {
                let addr = listener.local_addr()?;
                return Ok((Server(listener), addr));
            }
            Err(e) => {
                let in_use = e.kind() == ErrorKind::AddrInUse;
                if in_use && explicit {
                    anyhow::bail!(
                        "port {port} on {bind} is already in use; try another one, e.g. `--port {}`, \
                         or leave out --port to pick the next free port",
                        port.wrapping_add(1).max(1024)
                    );
                }
                if in_use && p < last {
                    p += 1;
                    continue;
                }
                if in_use {
                    anyhow::bail!("ports {port}-{last} on {bind} are all in use; choose one with `--port N`");
                }
                anyhow::bail!("cannot listen on {bind}:{p}: {e}");
            }
        }
    }
}

/// Takes one of the connection slots, if one is free; the slot is given back on drop.
struct Slot(Arc<Shared>);

impl Slot {
    fn take(shared: &Arc<Shared>) -> Option<Slot> {
        let taken = shared
            .connections
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| {
                (n < shared.max_connections).then_some(n + 1)
            })
            .is_ok();
        taken.then(|| Slot(shared.clone()))
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.connections.fetch_sub(1, Ordering::AcqRel);
    }
}

impl Preview {
    /// Starts answering requests on an already bound server. `first_generation` seeds the
    /// live-reload generations (unique per start, so reconnecting pages notice a restart).
    pub fn start(server: Server, addr: SocketAddr, first_generation: u64) -> Preview {
        Preview::start_limited(server, addr, first_generation, MAX_CONNECTIONS)
    }

    /// [`Preview::start`] with another connection limit (tests).
    pub fn start_limited(
        server: Server,
        addr: SocketAddr,
        first_generation: u64,
        max_connections: usize,
    ) -> Preview {
        let shared = Arc::new(Shared {
            addr,
            site: RwLock::new(None),
            hub: Hub::new(first_generation),
            connections: AtomicUsize::new(0),
            max_connections,
            stopping: AtomicBool::new(false),
        });
        let accept = {
            let shared = shared.clone();
            thread::Builder::new()
                .name("folio-serve-accept".into())
                .spawn(move || accept_loop(&server.0, &shared))
                .expect("spawn the accept thread")
        };
        Preview {
            shared,
            addr,
            accept: Some(accept),
        }
    }

    /// The address actually listened on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Puts a newly built site live and tells open pages to reload.
    pub fn publish(&self, files: SiteFiles) {
        let pages: Pages = files.into_iter().map(|(k, v)| (k, Arc::new(v))).collect();
        self.publish_site(Arc::new(pages));
    }

    /// [`Preview::publish`] for a site that renders its pages when they are asked for.
    pub fn publish_site(&self, site: Arc<dyn Site>) {
        *self.shared.site.write().unwrap_or_else(|e| e.into_inner()) = Some(site);
        self.shared.hub.site_changed();
    }

    /// Keeps the last good site and shows `text` as an overlay in open pages.
    pub fn fail(&self, text: String) {
        self.shared.hub.build_failed(text);
    }

    /// A handle that shows a failure from another thread (the background rendering).
    pub fn reporter(&self) -> Reporter {
        Reporter(self.shared.clone())
    }

    /// Stops accepting connections and waits for the accept thread (connections being served
    /// end with their clients).
    pub fn stop(mut self) {
        self.shared.stopping.store(true, Ordering::Release);
        // Wake the blocked accept with a connection of our own.
        let ip = match self.addr.ip() {
            IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
            IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
            ip => ip,
        };
        let _ = TcpStream::connect((ip, self.addr.port()));
        if let Some(t) = self.accept.take() {
            let _ = t.join();
        }
    }
}

/// How many connections beyond the limit wait to be answered `503`; more are closed at once.
const BUSY_QUEUE: usize = 64;

/// Accepts connections until stopped: each on a thread of its own while a slot is free, else
/// answered `503` by one thread of its own (so the accept loop never waits on a client).
fn accept_loop(listener: &TcpListener, shared: &Arc<Shared>) {
    let (busy_tx, busy_rx) = std::sync::mpsc::sync_channel::<TcpStream>(BUSY_QUEUE);
    let refuser = thread::Builder::new()
        .name("folio-serve-busy".into())
        .spawn(move || {
            for stream in busy_rx {
                conn::refuse(
                    &stream,
                    503,
                    "too many connections to the preview; close some pages and retry",
                );
            }
        });
    if refuser.is_err() {
        return;
    }
    for stream in listener.incoming() {
        if shared.stopping.load(Ordering::Acquire) {
            return;
        }
        let stream = match stream {
            Ok(s) => s,
            Err(_) => {
                // Out of file descriptors, or a connection reset before it was accepted: wait a
                // little instead of spinning.
                thread::sleep(std::time::Duration::from_millis(10));
                continue;
            }
        };
        let Some(slot) = Slot::take(shared) else {
            // A full queue drops the connection: a flood gets no answer.
            let _ = busy_tx.try_send(stream);
            continue;
        };
        let spawned = thread::Builder::new()
            .name("folio-serve-conn".into())
            .spawn(move || serve_connection(&slot.0.clone(), stream, slot));
        drop(spawned);
    }
}

/// Serves the requests of one connection, one after the other, until it closes, a request
/// cannot be read, or it becomes an event stream.
fn serve_connection(shared: &Shared, stream: TcpStream, _slot: Slot) {
    let _ = stream.set_write_timeout(Some(conn::WRITE_TIMEOUT));
    let Ok(read_half) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(read_half);
    loop {
        let request = match conn::read_request(&mut reader) {
            Ok(r) => r,
            Err(ReadError::Closed) => return,
            Err(ReadError::HeadTooLarge) => {
                let why = format!(
                    "the request head is larger than {} KiB",
                    conn::MAX_HEAD_BYTES / 1024
                );
                return conn::refuse(&stream, 431, &why);
            }
            Err(ReadError::BodyTooLarge) => {
                let why = format!(
                    "the request body is larger than {} KiB",
                    conn::MAX_BODY_BYTES / 1024
                );
                return conn::refuse(&stream, 413, &why);
            }
            Err(ReadError::Bad(status, why)) => return conn::refuse(&stream, status, why),
        };
        let head_only = request.method == "HEAD";
        match handle(shared, &request) {
            Handled::Reply(reply) => {
                let close = !request.keep_alive;
                if conn::write_reply(&mut &stream, &reply, head_only, close).is_err() || close {
                    return;
                }
            }
            Handled::Events => {
                live::stream(&shared.hub, &mut &stream);
                return;
            }
        }
    }
}

/// What a request gets: a reply, or the connection becomes an event stream.
enum Handled {
    Reply(Reply),
    Events,
}

fn handle(shared: &Shared, request: &Request) -> Handled {
    let host = request.header("Host");
    if !super::host::allowed(host, shared.addr) {
        let body = b"421 Misdirected Request: this preview answers only to localhost, 127.0.0.1, [::1] \
                     and its bound address, with its port.\n"
            .to_vec();
        return Handled::Reply(ok(body, "text/plain; charset=utf-8").with_status_code(421));
    }
    let url = request.target.as_str();
    let path = url.split(['?', '#']).next().unwrap_or("");
    if path == EVENTS_PATH {
        return Handled::Events;
    }
    Handled::Reply(if path == LIVE_JS_PATH {
        ok(
            live::LIVE_JS.as_bytes().to_vec(),
            "text/javascript; charset=utf-8",
        )
    } else {
        let site = shared.site.read().unwrap_or_else(|e| e.into_inner()).clone();
        match site {
            Some(site) => from_site(site.as_ref(), url),
            None => no_site_yet(shared.hub.error()),
        }
    })
}

fn ok(body: Vec<u8>, content_type: &str) -> Reply {
    Reply::new(200, body)
        .with_header("Content-Type", content_type)
        .with_header("Cache-Control", "no-store")
}

fn from_site(site: &dyn Site, url: &str) -> Reply {
    match paths::resolve(url, |k| site.has(k)) {
        Target::File(key) => match site.get(&key) {
            Some(Ok(bytes)) => ok(bytes.to_vec(), paths::content_type(&key)),
            Some(Err(e)) => broken(&key, &e),
            None => not_found(site),
        },
        Target::Redirect(to) if to.is_ascii() && !to.contains(['\r', '\n']) => {
            Reply::new(301, Vec::new()).with_header("Location", &to)
        }
        Target::Redirect(_) | Target::NotFound => not_found(site),
    }
}

fn not_found(site: &dyn Site) -> Reply {
    let body = match site.get("404.html") {
        Some(Ok(b)) => b.to_vec(),
        _ => b"<!doctype html><title>Not found</title><h1>Not found</h1>".to_vec(),
    };
    ok(body, "text/html; charset=utf-8").with_status_code(404)
}

/// A page of the site that could not be rendered (a theme template that fails on it): why.
fn broken(key: &str, why: &str) -> Reply {
    notice(&format!("{} could not be rendered:", escape(key)), why, 500)
}

/// Before the first good build: a page that says so (with the errors, if the build failed)
/// and reloads by itself once a build succeeds.
fn no_site_yet(error: Option<String>) -> Reply {
    match &error {
        Some(e) => notice(
            "There is no good build yet. Fix the problems below; this page reloads by itself.",
            e,
            503,
        ),
        None => notice(
            "The first build is running; this page reloads when it is ready.",
            "",
            503,
        ),
    }
}

/// A page of the preview itself: a line (HTML), the details as preformatted text, and the
/// live-reload script, so it reloads once a build succeeds.
fn notice(line_html: &str, details: &str, status: u16) -> Reply {
    let body = format!(
        "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>folio serve</title>\
         <body style=\"font-family:system-ui,sans-serif;margin:2rem\"><h1>folio serve</h1>\
         <p>{line_html}</p><pre style=\"white-space:pre-wrap\">{}</pre>\
         <script src=\"{LIVE_JS_PATH}\"></script>",
        escape(details)
    );
    ok(body.into_bytes(), "text/html; charset=utf-8").with_status_code(status)
}

#[cfg(test)]
#[path = "http_tests.rs"]
mod tests;
