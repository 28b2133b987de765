//! Live reload: the server-sent events hub behind `/__folio/events` and the script served at
//! `/__folio/live.js` (the render stage injects `<script src="<rel>__folio/live.js">` into every
//! page when `live_reload` is on).
//!
//! Events, in SSE syntax:
//! - `hello` (data: the site generation) on connect: a client that saw another generation
//!   before (the server restarted or rebuilt while it was disconnected) reloads;
//! - `reload` (data: the new generation) after a good rebuild;
//! - `build-error` (data: the diagnostics, one per line) after a failed rebuild, and on connect
//!   while the last build failed: the page shows an overlay with the text.

use std::sync::Mutex;
use std::time::Duration;

use tokio::sync::mpsc::{self, UnboundedReceiver, UnboundedSender};
use tokio::sync::watch;

/// How often an idle event stream gets a comment line, so dead clients are noticed.
const KEEPALIVE: Duration = Duration::from_secs(15);

/// One message to the browsers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    Reload(u64),
    BuildError(String),
}

impl Event {
    /// The event in SSE wire format.
    pub fn encode(&self) -> String {
        match self {
            Event::Reload(gen) => format!("event: reload\ndata: {gen}\n\n"),
            Event::BuildError(text) => encode("build-error", text),
        }
    }
}

/// Formats one SSE event; each line of `data` becomes its own `data:` field. SSE ends a line at
/// CR, LF or CRLF, so a lone CR splits a line too (else it would end the field early and the
/// rest of the line would be read as a field of its own).
fn encode(name: &str, data: &str) -> String {
    let mut out = format!("event: {name}\n");
    let data = data.replace("\r\n", "\n").replace('\r', "\n");
    for line in data.lines() {
        out.push_str("data: ");
        out.push_str(line);
        out.push('\n');
    }
    if data.is_empty() {
        out.push_str("data:\n");
    }
    out.push('\n');
    out
}

struct HubState {
    generation: u64,
    error: Option<String>,
    clients: Vec<UnboundedSender<Event>>,
}

/// Fans build results out to every connected event stream.
pub struct Hub {
    state: Mutex<HubState>,
}

impl Hub {
    /// A hub whose generations start at `first` (pick something unique per server start).
    pub fn new(first: u64) -> Hub {
        Hub {
            state: Mutex::new(HubState {
                generation: first,
                error: None,
                clients: Vec::new(),
            }),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HubState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A good build went live: clear the error, bump the generation, tell everyone to reload.
    pub fn site_changed(&self) {
        let mut st = self.lock();
        st.generation += 1;
        st.error = None;
        let ev = Event::Reload(st.generation);
        st.clients.retain(|c| c.send(ev.clone()).is_ok());
    }

    /// A rebuild failed: remember the text (for pages opened later) and show it everywhere.
    pub fn build_failed(&self, text: String) {
        let mut st = self.lock();
        st.error = Some(text.clone());
        let ev = Event::BuildError(text);
        st.clients.retain(|c| c.send(ev.clone()).is_ok());
    }

    /// The current error text, if the last build failed.
    pub fn error(&self) -> Option<String> {
        self.lock().error.clone()
    }

    /// Registers a client; returns its receiver and what it must be told first.
    pub fn subscribe(&self) -> (UnboundedReceiver<Event>, String) {
        let (tx, rx) = mpsc::unbounded_channel();
        let mut st = self.lock();
        st.clients.push(tx);
        let mut first = format!("retry: 1000\n{}", encode("hello", &st.generation.to_string()));
        if let Some(err) = &st.error {
            first.push_str(&encode("build-error", err));
        }
        (rx, first)
    }

    /// Number of connected clients (after pruning the ones that went away).
    pub fn clients(&self) -> usize {
        self.lock().clients.len()
    }
}

/// Feeds one event stream: what a new client is told first, then every event of the hub, and
/// a comment line after [`KEEPALIVE`] of silence (so a client that went away is noticed), until
/// the client goes away (`body` is dropped) or the server stops (`stop` turns true).
pub async fn feed(
    hub: &Hub,
    mut body: http_body_util::channel::Sender<bytes::Bytes>,
    mut stop: watch::Receiver<bool>,
) {
    let (mut rx, first) = hub.subscribe();
    if body.send_data(first.into()).await.is_err() {
        return;
    }
    loop {
        let chunk = tokio::select! {
            ev = rx.recv() => match ev {
                Some(ev) => ev.encode(),
                None => return,
            },
            _ = tokio::time::sleep(KEEPALIVE) => ": keep-alive\n\n".to_string(),
            _ = stop.wait_for(|stopped| *stopped) => return,
        };
        if body.send_data(chunk.into()).await.is_err() {
            return;
        }
    }
}

/// The browser side: listens to the event stream, reloads, and shows build errors in an
/// overlay (text only: `textContent`, never `innerHTML`).
pub const LIVE_JS: &str = r#"// folio serve: live reload and build-error overlay.
(function () {
  "use strict";
  if (!window.EventSource) return;
  var me = document.currentScript;
  var url = me && me.src ? new URL("events", me.src).href : "/__folio/events";
  var seen = null;
  var OVERLAY = "folio-error-overlay";
  function hideOverlay() {
    var old = document.getElementById(OVERLAY);
    if (old) old.remove();
  }
  function showOverlay(text) {
    hideOverlay();
    var box = document.createElement("div");
    box.id = OVERLAY;
    box.setAttribute("role", "alert");
    box.style.cssText = "position:fixed;inset:1rem;z-index:2147483647;overflow:auto;" +
      "background:#1d1f21;color:#f8f8f2;border:3px solid #d33;border-radius:6px;" +
      "padding:1rem 1.25rem;font:14px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;" +
      "box-shadow:0 8px 32px rgba(0,0,0,.5)";
    var title = document.createElement("strong");
    title.textContent = "folio: the last rebuild failed; this page shows the last good build.";
    title.style.cssText = "display:block;color:#ff8080;margin-bottom:.75rem";
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "Dismiss";
    close.style.cssText = "float:right;font:inherit;cursor:pointer";
    close.addEventListener("click", hideOverlay);
    var pre = document.createElement("pre");
    pre.style.cssText = "white-space:pre-wrap;margin:0";
    pre.textContent = text;
    box.appendChild(close);
    box.appendChild(title);
    box.appendChild(pre);
    document.body.appendChild(box);
  }
  var es = new EventSource(url);
  es.addEventListener("hello", function (e) {
    if (seen !== null && seen !== e.data) location.reload();
    seen = e.data;
  });
  es.addEventListener("reload", function () { location.reload(); });
  es.addEventListener("build-error", function (e) { showOverlay(e.data); });
})();
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_are_encoded_line_by_line() {
        assert_eq!(Event::Reload(7).encode(), "event: reload\ndata: 7\n\n");
        assert_eq!(
            Event::BuildError("a.md:3: error\n  hint: x".into()).encode(),
            "event: build-error\ndata: a.md:3: error\ndata:   hint: x\n\n"
        );
    }

    #[test]
    fn lone_cr_in_a_diagnostic_is_split_in_sse_messages() {
        assert_eq!(
            Event::BuildError("a.md:3: bad \"x\rdata: y\"\r\n  hint: z\r".into()).encode(),
            "event: build-error\ndata: a.md:3: bad \"x\ndata: data: y\"\ndata:   hint: z\n\n"
        );
    }

    #[test]
    fn hub_tells_new_clients_about_the_current_error() {
        let hub = Hub::new(100);
        let (mut rx, first) = hub.subscribe();
        assert!(first.contains("event: hello\ndata: 100\n"));
        assert!(!first.contains("build-error"));
        hub.build_failed("x.md:2:1: error".into());
        assert_eq!(
            rx.try_recv().unwrap(),
            Event::BuildError("x.md:2:1: error".into())
        );
        let (_rx2, first2) = hub.subscribe();
        assert!(first2.contains("event: build-error\ndata: x.md:2:1: error\n"));
        hub.site_changed();
        assert_eq!(rx.try_recv().unwrap(), Event::Reload(101));
        assert_eq!(hub.error(), None);
        drop(rx);
        hub.site_changed();
        assert_eq!(hub.clients(), 1, "a client that went away is dropped");
    }

    #[test]
    fn overlay_never_uses_inner_html() {
        assert!(!LIVE_JS.contains("innerHTML"));
        assert!(LIVE_JS.contains("textContent = text"));
    }
}
