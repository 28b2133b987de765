//! The preview HTTP server: binds a port (or the next free one), serves the current site from
//! memory, and the live-reload endpoints. Independent of how sites are built, so it is tested
//! with hand-made site maps.

use std::io::ErrorKind;
use std::net::SocketAddr;
use std::sync::{Arc, RwLock};
use std::thread;

use tiny_http::{Header, Request, Response, Server};

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

/// State shared by the request threads.
struct Shared {
    /// The address listened on, for the `Host` check.
    addr: SocketAddr,
    site: RwLock<Option<Arc<dyn Site>>>,
    hub: Hub,
}

/// A running preview server. Dropping it does not stop it; call [`Preview::stop`].
pub struct Preview {
    shared: Arc<Shared>,
    server: Arc<Server>,
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
        match Server::http((bind, p)) {
            Ok(server) => {
                let addr = server
                    .server_addr()
                    .to_ip()
                    .ok_or_else(|| anyhow::anyhow!("bound to a non-IP address"))?;
                return Ok((server, addr));
            }
            Err(e) => {
                let in_use = e
                    .downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == ErrorKind::AddrInUse);
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

impl Preview {
    /// Starts answering requests on an already bound server. `first_generation` seeds the
    /// live-reload generations (unique per start, so reconnecting pages notice a restart).
    pub fn start(server: Server, addr: SocketAddr, first_generation: u64) -> Preview {
        let shared = Arc::new(Shared {
            addr,
            site: RwLock::new(None),
            hub: Hub::new(first_generation),
        });
        let server = Arc::new(server);
        let accept = {
            let (server, shared) = (server.clone(), shared.clone());
            thread::Builder::new()
                .name("folio-serve-accept".into())
                .spawn(move || {
                    for request in server.incoming_requests() {
                        let shared = shared.clone();
                        let _ = thread::Builder::new()
                            .name("folio-serve-request".into())
                            .spawn(move || handle(&shared, request));
                    }
                })
                .expect("spawn the accept thread")
        };
        Preview {
            shared,
            server,
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

    /// Stops accepting requests and waits for the accept thread.
    pub fn stop(mut self) {
        self.server.unblock();
        if let Some(t) = self.accept.take() {
            let _ = t.join();
        }
    }
}

/// A header from fixed names and values that are ASCII without line breaks.
fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("valid header")
}

fn handle(shared: &Shared, request: Request) {
    let host = request
        .headers()
        .iter()
        .find(|h| h.field.equiv("Host"))
        .map(|h| h.value.as_str());
    if !super::host::allowed(host, shared.addr) {
        let body = b"421 Misdirected Request: this preview answers only to localhost, 127.0.0.1, [::1] \
                     and its bound address, with its port.\n"
            .to_vec();
        let _ = request.respond(ok(body, "text/plain; charset=utf-8").with_status_code(421));
        return;
    }
    let url = request.url().to_string();
    let path = url.split(['?', '#']).next().unwrap_or("");
    if path == EVENTS_PATH {
        live::stream(&shared.hub, request);
        return;
    }
    let response = if path == LIVE_JS_PATH {
        ok(
            live::LIVE_JS.as_bytes().to_vec(),
            "text/javascript; charset=utf-8",
        )
    } else {
        let site = shared.site.read().unwrap_or_else(|e| e.into_inner()).clone();
        match site {
            Some(site) => from_site(site.as_ref(), &url),
            None => no_site_yet(shared.hub.error()),
        }
    };
    let _ = request.respond(response);
}

type Reply = Response<std::io::Cursor<Vec<u8>>>;

fn ok(body: Vec<u8>, content_type: &str) -> Reply {
    Response::from_data(body)
        .with_header(header("Content-Type", content_type))
        .with_header(header("Cache-Control", "no-store"))
}

fn from_site(site: &dyn Site, url: &str) -> Reply {
    match paths::resolve(url, |k| site.has(k)) {
        Target::File(key) => match site.get(&key) {
            Some(Ok(bytes)) => ok(bytes.to_vec(), paths::content_type(&key)),
            Some(Err(e)) => broken(&key, &e),
            None => not_found(site),
        },
        Target::Redirect(to) if to.is_ascii() && !to.contains(['\r', '\n']) => {
            Response::from_data(Vec::new())
                .with_status_code(301)
                .with_header(header("Location", &to))
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
