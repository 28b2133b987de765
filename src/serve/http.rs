//! The preview HTTP server: binds a port (or the next free one), serves the current site from
//! memory, and the live-reload endpoints. Independent of how sites are built, so it is tested
//! with hand-made site maps.
//!
//! HTTP/1.1 is hyper's, on a small tokio runtime of the server's own thread (the rest of folio
//! is synchronous), with bounds: a request head is at most [`MAX_HEAD_BYTES`] (else `431`, read
//! no further) and must arrive within [`HEAD_TIMEOUT`]; a request body (the preview has no use
//! for one) is at most [`MAX_BODY_BYTES`] and is discarded as it arrives (else `413`); a write
//! that waits on the client longer than [`WRITE_TIMEOUT`] ends the connection; at most
//! [`MAX_CONNECTIONS`] connections are served at once, and one more is answered `503`. Pages are
//! looked up (and rendered, when not yet) on the runtime's blocking threads, never on the
//! threads that serve connections.

use std::convert::Infallible;
use std::future::Future;
use std::io::ErrorKind;
use std::net::{SocketAddr, TcpListener};
use std::pin::Pin;
use std::sync::{Arc, Mutex, RwLock};
use std::task::{Context, Poll};
use std::thread;
use std::time::Duration;

use super::live::{self, Hub};
use super::paths::{self, Target};
use super::site::{Pages, Site};
use crate::markup::escape;
use crate::render::SiteFiles;
use bytes::Bytes;
use http_body_util::{BodyExt, Either, Full};
use hyper::body::Incoming;
use hyper::header::{HeaderValue, CACHE_CONTROL, CONNECTION, CONTENT_LENGTH, CONTENT_TYPE, HOST};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::sync::{watch, Semaphore};

/// The endpoint of the event stream and of the live-reload script.
pub const EVENTS_PATH: &str = "/__folio/events";
pub const LIVE_JS_PATH: &str = "/__folio/live.js";

/// How many ports after the default one are tried when it is taken.
pub const PORT_TRIES: u16 = 20;

/// The most connections served at once (each open page holds one for its event stream, and
/// browsers open at most six per host): beyond it, a connection is answered `503` and closed,
/// so a flood of connections cannot take the memory or the threads.
pub const MAX_CONNECTIONS: usize = 256;

/// The largest request head (request line and headers), in bytes. Browsers send a few KiB.
pub const MAX_HEAD_BYTES: usize = 64 * 1024;

/// The most header fields in a request head (browsers send about 20).
pub const MAX_HEADERS: usize = 100;

/// The largest request body read (and discarded); a larger one is refused with `413`.
pub const MAX_BODY_BYTES: u64 = 1024 * 1024;

/// How long a request head may take to arrive, counted from when the connection waits for it
/// (its start, or the end of the previous reply): an idle or trickling connection is closed.
pub const HEAD_TIMEOUT: Duration = Duration::from_secs(15);

/// How long a write may wait on a client that does not read before the connection is given up.
pub const WRITE_TIMEOUT: Duration = Duration::from_secs(30);

/// The server's bounds on connections; [`Limits::DEFAULT`] but in tests.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Connections served at once ([`MAX_CONNECTIONS`]).
    pub connections: usize,
    /// [`HEAD_TIMEOUT`].
    pub head_timeout: Duration,
    /// [`WRITE_TIMEOUT`].
    pub write_timeout: Duration,
}

impl Limits {
    pub const DEFAULT: Limits = Limits {
        connections: MAX_CONNECTIONS,
        head_timeout: HEAD_TIMEOUT,
        write_timeout: WRITE_TIMEOUT,
    };
}

/// How many connections beyond the limit are answered `503` at once; more are closed at once.
const BUSY_QUEUE: usize = 64;

/// How long a connection answered `503` may take to send its request.
const BUSY_TIMEOUT: Duration = Duration::from_secs(2);

/// How long stopping waits for the replies being sent.
const STOP_GRACE: Duration = Duration::from_secs(2);

/// Threads that look up and render pages for requests at most (renders of one page are shared
/// by its requests; see [`super::site`]).
const RENDER_THREADS: usize = 8;

/// A bound listening socket (see [`bind`]).
pub struct Server(TcpListener);

/// State shared by the connections.
struct Shared {
    /// The address listened on, for the `Host` check.
    addr: SocketAddr,
    site: RwLock<Option<Arc<dyn Site>>>,
    hub: Hub,
    limits: Limits,
    /// Turns true when the server stops: connections finish their reply and close.
    stop: watch::Receiver<bool>,
}

/// A running preview server; [`Preview::stop`] stops it. Dropping it and every [`Stopper`]
/// stops it too, without waiting for the server's thread.
pub struct Preview {
    shared: Arc<Shared>,
    addr: SocketAddr,
    stopper: Stopper,
}

/// Stops a running preview from any thread (see [`Preview::stopper`]).
#[derive(Clone)]
pub struct Stopper(Arc<StopState>);

struct StopState {
    stop: watch::Sender<bool>,
    thread: Mutex<Option<thread::JoinHandle<()>>>,
}

impl Stopper {
    /// Stops accepting connections, lets the replies being sent finish (at most [`STOP_GRACE`]),
    /// ends the event streams, and waits for the server's thread. Later calls do nothing.
    pub fn stop(&self) {
        let _ = self.0.stop.send(true);
        let handle = self.0.thread.lock().unwrap_or_else(|e| e.into_inner()).take();
        if let Some(t) = handle {
            let _ = t.join();
        }
    }
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

impl Preview {
    /// Starts answering requests on an already bound server. `first_generation` seeds the
    /// live-reload generations (unique per start, so reconnecting pages notice a restart).
    pub fn start(server: Server, addr: SocketAddr, first_generation: u64) -> Preview {
        Preview::start_limited(server, addr, first_generation, Limits::DEFAULT)
    }

    /// [`Preview::start`] with other limits (tests).
    pub fn start_limited(server: Server, addr: SocketAddr, first_generation: u64, limits: Limits) -> Preview {
        let (stop_tx, stop_rx) = watch::channel(false);
        let shared = Arc::new(Shared {
            addr,
            site: RwLock::new(None),
            hub: Hub::new(first_generation),
            limits,
            stop: stop_rx,
        });
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_io()
            .enable_time()
            .max_blocking_threads(RENDER_THREADS)
            .thread_name("folio-serve-render-req")
            .build()
            .expect("start the preview server's runtime");
        let thread = {
            let shared = shared.clone();
            thread::Builder::new()
                .name("folio-serve-http".into())
                .spawn(move || {
                    runtime.block_on(accept_loop(server.0, shared));
                    // Connections still open after the grace time (event streams, clients
                    // that do not read) are dropped with the runtime.
                    runtime.shutdown_timeout(Duration::from_millis(100));
                })
                .expect("spawn the preview server's thread")
        };
        Preview {
            shared,
            addr,
            stopper: Stopper(Arc::new(StopState {
                stop: stop_tx,
                thread: Mutex::new(Some(thread)),
            })),
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

    /// A handle that stops the server from another thread (the Ctrl-C handler).
    pub fn stopper(&self) -> Stopper {
        self.stopper.clone()
    }

    /// [`Stopper::stop`].
    pub fn stop(self) {
        self.stopper.stop();
    }
}

/// Accepts connections until stopped: each is served by a task of its own while a slot is
/// free, else answered `503` by a task of its own (at most [`BUSY_QUEUE`] at once; beyond,
/// closed at once). Then waits for the connections to finish, at most [`STOP_GRACE`].
async fn accept_loop(listener: TcpListener, shared: Arc<Shared>) {
    let max_connections = shared.limits.connections;
    let listener = match listener
        .set_nonblocking(true)
        .and_then(|()| tokio::net::TcpListener::from_std(listener))
    {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: the preview server cannot listen: {e}");
            return;
        }
    };
    let slots = Arc::new(Semaphore::new(max_connections));
    let busy = Arc::new(Semaphore::new(BUSY_QUEUE));
    let mut stop = shared.stop.clone();
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(_) => {
                    // Out of file descriptors, or a connection reset before it was accepted:
                    // wait a little instead of spinning.
                    tokio::time::sleep(Duration::from_millis(10)).await;
                    continue;
                }
            },
            _ = stop.wait_for(|stopped| *stopped) => break,
        };
        let _ = stream.set_nodelay(true);
        if let Ok(slot) = slots.clone().try_acquire_owned() {
            tokio::spawn(serve_connection(stream, shared.clone(), slot));
        } else if let Ok(queued) = busy.clone().try_acquire_owned() {
            tokio::spawn(refuse_busy(stream, queued));
        }
        // Else a flood: the connection is closed unanswered.
    }
    drop(listener);
    // Every slot back: every connection finished.
    let all = u32::try_from(max_connections).unwrap_or(u32::MAX);
    let _ = tokio::time::timeout(STOP_GRACE, slots.acquire_many(all)).await;
}

/// The HTTP/1.1 settings of every connection: bounded head, header timeout, keep-alive.
fn http1_builder(limits: &Limits) -> http1::Builder {
    let mut b = http1::Builder::new();
    b.timer(TokioTimer::new())
        .header_read_timeout(limits.head_timeout)
        .max_header_size(MAX_HEAD_BYTES)
        // The read buffer: a head larger than it is refused even before `max_header_size`.
        .max_buf_size(2 * MAX_HEAD_BYTES)
        .max_headers(MAX_HEADERS)
        .keep_alive(true)
        // `Content-Length`, as curl users and the tests read it (hyper sends lower case).
        .title_case_headers(true);
    b
}

/// Serves the requests of one connection until it closes or the server stops; `_slot` is the
/// connection's place among [`MAX_CONNECTIONS`], given back when it ends.
async fn serve_connection(
    stream: tokio::net::TcpStream,
    shared: Arc<Shared>,
    _slot: tokio::sync::OwnedSemaphorePermit,
) {
    let mut stop = shared.stop.clone();
    let limits = shared.limits;
    let service = service_fn(move |req| respond(shared.clone(), req));
    let conn =
        http1_builder(&limits).serve_connection(WriteDeadline::new(stream, limits.write_timeout), service);
    tokio::pin!(conn);
    tokio::select! {
        _ = conn.as_mut() => return,
        _ = stop.wait_for(|stopped| *stopped) => {}
    }
    conn.as_mut().graceful_shutdown();
    let _ = tokio::time::timeout(STOP_GRACE, conn).await;
}

/// Answers a connection beyond the limit `503` (after reading its request head, so the client
/// reads the answer) and closes it.
async fn refuse_busy(stream: tokio::net::TcpStream, _queued: tokio::sync::OwnedSemaphorePermit) {
    let service = service_fn(|_req: Request<Incoming>| async {
        let text =
            "503 Service Unavailable: too many connections to the preview; close some pages and retry\n";
        Ok::<_, Infallible>(close(plain(StatusCode::SERVICE_UNAVAILABLE, text)))
    });
    let mut b = http1_builder(&Limits::DEFAULT);
    b.keep_alive(false).header_read_timeout(BUSY_TIMEOUT);
    let conn = b.serve_connection(WriteDeadline::new(stream, BUSY_TIMEOUT), service);
    let _ = tokio::time::timeout(BUSY_TIMEOUT * 2, conn).await;
}

/// A reply's body: in memory, or the event stream.
type Body = Either<Full<Bytes>, http_body_util::channel::Channel<Bytes>>;

/// Answers one request: its body discarded (bounded), then the reply, looked up (and rendered)
/// on a blocking thread.
async fn respond(shared: Arc<Shared>, req: Request<Incoming>) -> Result<Response<Body>, Infallible> {
    let (head, body) = req.into_parts();
    if let Some(refused) =
        discard_body(head.headers.get(CONTENT_LENGTH), body, shared.limits.head_timeout).await
    {
        return Ok(close(refused));
    }
    let host = head
        .headers
        .get(HOST)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let target = head.uri.path_and_query().map_or("", |p| p.as_str()).to_string();
    let looked_up = {
        let shared = shared.clone();
        tokio::task::spawn_blocking(move || handle(&shared, host.as_deref(), &target)).await
    };
    Ok(match looked_up {
        Ok(Handled::Reply(reply)) => reply.into_response(),
        Ok(Handled::Events) => events(&shared),
        // A panic while rendering (reported by the background pass too).
        Err(_) => plain(
            StatusCode::INTERNAL_SERVER_ERROR,
            "500: the preview failed on this request\n",
        ),
    })
}

/// Reads and drops a request body: at most [`MAX_BODY_BYTES`] (as announced, or as it arrives)
/// within [`HEAD_TIMEOUT`]. Returns the refusal when it is larger, slower or broken.
async fn discard_body(
    length: Option<&HeaderValue>,
    mut body: Incoming,
    within: Duration,
) -> Option<Response<Body>> {
    use hyper::body::Body as _;
    let too_large = || {
        let why = format!(
            "413 Content Too Large: the request body is larger than {} KiB\n",
            MAX_BODY_BYTES / 1024
        );
        plain(StatusCode::PAYLOAD_TOO_LARGE, &why)
    };
    let announced = length
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if announced.is_some_and(|n| n > MAX_BODY_BYTES) {
        return Some(too_large());
    }
    if body.is_end_stream() {
        return None;
    }
    let drain = async {
        let mut seen = 0u64;
        while let Some(frame) = body.frame().await {
            let Ok(frame) = frame else {
                return Some(plain(
                    StatusCode::BAD_REQUEST,
                    "400 Bad Request: unreadable request body\n",
                ));
            };
            seen += frame.data_ref().map_or(0, |d| d.len() as u64);
            if seen > MAX_BODY_BYTES {
                return Some(too_large());
            }
        }
        None
    };
    match tokio::time::timeout(within, drain).await {
        Ok(refused) => refused,
        Err(_) => Some(plain(
            StatusCode::REQUEST_TIMEOUT,
            "408 Request Timeout: the request body is too slow\n",
        )),
    }
}

/// The event stream: a body fed by [`live::feed`] until the client goes or the server stops.
fn events(shared: &Arc<Shared>) -> Response<Body> {
    let (tx, body) = http_body_util::channel::Channel::new(16);
    let feeder = shared.clone();
    tokio::spawn(async move { live::feed(&feeder.hub, tx, feeder.stop.clone()).await });
    let mut r = Response::new(Either::Right(body));
    let h = r.headers_mut();
    h.insert(CONTENT_TYPE, HeaderValue::from_static("text/event-stream"));
    h.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert("x-accel-buffering", HeaderValue::from_static("no"));
    r
}

/// A one-line text reply of the preview itself.
fn plain(status: StatusCode, text: &str) -> Response<Body> {
    Reply::new(status.as_u16(), text.as_bytes().to_vec())
        .with_header("Content-Type", "text/plain; charset=utf-8")
        .into_response()
}

/// `r`, and the connection closes after it.
fn close(mut r: Response<Body>) -> Response<Body> {
    r.headers_mut()
        .insert(CONNECTION, HeaderValue::from_static("close"));
    r
}

/// A complete reply with a body in memory.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Bytes,
}

impl Reply {
    pub fn new(status: u16, body: impl Into<Bytes>) -> Reply {
        Reply {
            status,
            headers: Vec::new(),
            body: body.into(),
        }
    }

    pub fn with_status_code(mut self, status: u16) -> Reply {
        self.status = status;
        self
    }

    /// Adds a header. Names are fixed by folio; a value that is not a valid header value (a
    /// line break) is a bug, and is left out.
    pub fn with_header(mut self, name: &'static str, value: &str) -> Reply {
        debug_assert!(HeaderValue::from_str(value).is_ok(), "header value {value:?}");
        self.headers.push((name, value.to_string()));
        self
    }

    /// The reply for hyper; its length is the body's, and hyper leaves the body out for `HEAD`.
    fn into_response(self) -> Response<Body> {
        let mut r = Response::new(Either::Left(Full::new(self.body)));
        *r.status_mut() = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        for (name, value) in self.headers {
            if let Ok(v) = HeaderValue::from_str(&value) {
                r.headers_mut().append(name, v);
            }
        }
        r
    }
}

/// The connection's socket for hyper, with a deadline on writes: a write or flush that waits
/// on the client (which does not read) longer than [`WRITE_TIMEOUT`] fails, which ends the
/// connection and frees its slot.
struct WriteDeadline {
    io: TokioIo<tokio::net::TcpStream>,
    timeout: Duration,
    waiting: Option<Pin<Box<tokio::time::Sleep>>>,
}

impl WriteDeadline {
    fn new(stream: tokio::net::TcpStream, timeout: Duration) -> WriteDeadline {
        WriteDeadline {
            io: TokioIo::new(stream),
            timeout,
            waiting: None,
        }
    }

    /// `done` as is when it is ready (the deadline is reset); else pending until the deadline,
    /// then a timeout error.
    fn deadline<T>(
        &mut self,
        cx: &mut Context<'_>,
        done: Poll<std::io::Result<T>>,
    ) -> Poll<std::io::Result<T>> {
        if done.is_ready() {
            self.waiting = None;
            return done;
        }
        let timeout = self.timeout;
        let sleep = self
            .waiting
            .get_or_insert_with(|| Box::pin(tokio::time::sleep(timeout)));
        match sleep.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(Err(std::io::Error::new(
                ErrorKind::TimedOut,
                "the client did not read the reply",
            ))),
            Poll::Pending => Poll::Pending,
        }
    }
}

impl hyper::rt::Read for WriteDeadline {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: hyper::rt::ReadBufCursor<'_>,
    ) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.io).poll_read(cx, buf)
    }
}

impl hyper::rt::Write for WriteDeadline {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        let done = Pin::new(&mut self.io).poll_write(cx, buf);
        self.deadline(cx, done)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        let done = Pin::new(&mut self.io).poll_flush(cx);
        self.deadline(cx, done)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        let done = Pin::new(&mut self.io).poll_shutdown(cx);
        self.deadline(cx, done)
    }

    fn is_write_vectored(&self) -> bool {
        self.io.is_write_vectored()
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        let done = Pin::new(&mut self.io).poll_write_vectored(cx, bufs);
        self.deadline(cx, done)
    }
}

/// What a request gets: a reply, or the connection becomes an event stream.
enum Handled {
    Reply(Reply),
    Events,
}

/// The reply to a request for `target` (as sent: `/projects/a/?x`) with `Host: host`. Looks up
/// and renders pages: call it on a blocking thread.
fn handle(shared: &Shared, host: Option<&str>, target: &str) -> Handled {
    if !super::host::allowed(host, shared.addr) {
        let body = b"421 Misdirected Request: this preview answers only to localhost, 127.0.0.1, [::1] \
                     and its bound address, with its port.\n"
            .to_vec();
        return Handled::Reply(ok(body, "text/plain; charset=utf-8").with_status_code(421));
    }
    let url = target;
    let path = url.split(['?', '#']).next().unwrap_or("");
    if path == EVENTS_PATH {
        return Handled::Events;
    }
    Handled::Reply(if path == LIVE_JS_PATH {
        ok(
            Bytes::from_static(live::LIVE_JS.as_bytes()),
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

fn ok(body: impl Into<Bytes>, content_type: &str) -> Reply {
    Reply::new(200, body)
        .with_header("Content-Type", content_type)
        .with_header("Cache-Control", "no-store")
}

fn from_site(site: &dyn Site, url: &str) -> Reply {
    match paths::resolve(url, |k| site.has(k)) {
        Target::File(key) => match site.get(&key) {
            Some(Ok(bytes)) => ok(page_bytes(bytes), paths::content_type(&key)),
            Some(Err(e)) => broken(&key, &e),
            None => not_found(site),
        },
        Target::Redirect(to) if to.is_ascii() && !to.contains(['\r', '\n']) => {
            Reply::new(301, Vec::new()).with_header("Location", &to)
        }
        Target::Redirect(_) | Target::NotFound => not_found(site),
    }
}

/// A page of the site as a reply body, without copying it.
fn page_bytes(page: super::site::Bytes) -> Bytes {
    struct Page(super::site::Bytes);
    impl AsRef<[u8]> for Page {
        fn as_ref(&self) -> &[u8] {
            self.0.as_slice()
        }
    }
    Bytes::from_owner(Page(page))
}

fn not_found(site: &dyn Site) -> Reply {
    let body = match site.get("404.html") {
        Some(Ok(b)) => page_bytes(b),
        _ => Bytes::from_static(b"<!doctype html><title>Not found</title><h1>Not found</h1>"),
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
