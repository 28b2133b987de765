//! Tests of the preview server with a hand-made site map (no content pipeline involved).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::time::Duration;

use super::*;

/// A client connection to `addr` that gives up reading after 5 s.
fn connect(addr: SocketAddr) -> TcpStream {
    let s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    s
}

fn get(addr: SocketAddr, target: &str) -> (u16, String, String) {
    let mut s = connect(addr);
    write!(
        s,
        "GET {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = String::new();
    s.read_to_string(&mut raw).unwrap();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    (status, head.to_string(), body.to_string())
}

fn site() -> SiteFiles {
    let mut s = SiteFiles::new();
    s.insert("index.html".into(), b"<h1>home</h1>".to_vec());
    s.insert("projects/alpha/index.html".into(), b"<h1>alpha</h1>".to_vec());
    s.insert("portfolio.json".into(), b"{}".to_vec());
    s.insert("404.html".into(), b"<h1>lost</h1>".to_vec());
    s
}

fn start() -> Preview {
    let (server, addr) = bind("127.0.0.1", 0, true).unwrap();
    Preview::start(server, addr, 1)
}

/// [`start`] with [`site`] published.
fn serving_site() -> Preview {
    let p = start();
    p.publish(site());
    p
}

#[test]
fn serves_pages_types_and_404() {
    let p = serving_site();
    let a = p.addr();
    let (st, head, body) = get(a, "/");
    assert_eq!((st, body.as_str()), (200, "<h1>home</h1>"));
    assert!(head.contains("text/html"), "{head}");
    assert_eq!(get(a, "/projects/alpha/").2, "<h1>alpha</h1>");
    let (st, head, _) = get(a, "/projects/alpha");
    assert_eq!(st, 301);
    assert!(head.contains("Location: /projects/alpha/"), "{head}");
    let (st, head, _) = get(a, "/portfolio.json");
    assert_eq!(st, 200);
    assert!(head.contains("application/json"), "{head}");
    let (st, _, body) = get(a, "/missing/");
    assert_eq!((st, body.as_str()), (404, "<h1>lost</h1>"));
    let (st, head, body) = get(a, LIVE_JS_PATH);
    assert_eq!(st, 200);
    assert!(head.contains("text/javascript") && body.contains("EventSource"));
    p.stop();
}

#[test]
fn traversal_gets_404() {
    let p = serving_site();
    for t in [
        "/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/projects%2f..%2f..%2fCargo.toml",
        "/..%5c..%5cCargo.toml",
        "/index.html%00",
        "//etc/passwd",
    ] {
        let (st, _, body) = get(p.addr(), t);
        assert_eq!((st, body.as_str()), (404, "<h1>lost</h1>"), "{t}");
    }
    p.stop();
}

#[test]
fn before_a_good_build_errors_are_shown_escaped() {
    let p = start();
    p.fail("a.md:3:1: error <script>".into());
    let (st, _, body) = get(p.addr(), "/");
    assert_eq!(st, 503);
    assert!(body.contains("a.md:3:1: error &lt;script&gt;"), "{body}");
    p.stop();
}

#[test]
fn event_stream_reports_errors_and_reloads() {
    let p = serving_site();
    let mut s = connect(p.addr());
    write!(s, "GET {EVENTS_PATH} HTTP/1.1\r\nHost: {}\r\n\r\n", p.addr()).unwrap();
    let mut r = BufReader::new(s);
    let mut read_until = |needle: &str| {
        let mut seen = String::new();
        while !seen.contains(needle) {
            let mut line = String::new();
            assert!(r.read_line(&mut line).unwrap() > 0, "stream closed: {seen}");
            seen.push_str(&line);
        }
        seen
    };
    let head = read_until("event: hello");
    assert!(head.contains("text/event-stream"), "{head}");
    p.fail("projects/a/updates/2026-01-05.md:4:3: error".into());
    read_until("data: projects/a/updates/2026-01-05.md:4:3: error");
    p.publish(site());
    read_until("event: reload");
    p.stop();
}

#[test]
fn explicit_taken_port_is_an_error_naming_it() {
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let err = bind("127.0.0.1", port, true).err().unwrap().to_string();
    assert!(err.contains(&port.to_string()) && err.contains("--port"), "{err}");
    let (_server, addr) = bind("127.0.0.1", port, false).unwrap();
    assert!(addr.port() > port && addr.port() <= port + PORT_TRIES);
}

#[test]
fn before_the_first_build_pages_wait_for_it() {
    let p = start();
    let (st, _, body) = get(p.addr(), "/projects/alpha/");
    assert_eq!(st, 503);
    assert!(body.contains("first build is running") && body.contains(LIVE_JS_PATH));
    p.publish(site());
    assert_eq!(get(p.addr(), "/projects/alpha/").0, 200);
    p.stop();
}

#[test]
fn serve_refuses_foreign_host_header() {
    let p = serving_site();
    let raw = |host: &str| {
        let mut s = connect(p.addr());
        write!(s, "GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").unwrap();
        let mut out = String::new();
        s.read_to_string(&mut out).unwrap();
        out
    };
    let port = p.addr().port();
    // A DNS-rebinding page: the browser sends its own name.
    let refused = raw(&format!("attacker.example:{port}"));
    assert!(refused.starts_with("HTTP/1.1 421"), "{refused}");
    assert!(!refused.contains("home"));
    assert!(raw(&format!("localhost:{port}")).contains("<h1>home</h1>"));
    assert!(raw(&format!("127.0.0.1:{port}")).contains("<h1>home</h1>"));
    assert!(raw("localhost:1").starts_with("HTTP/1.1 421"));
}

#[test]
fn connections_beyond_the_limit_get_503_and_a_freed_slot_serves_again() {
    let (server, addr) = bind("127.0.0.1", 0, true).unwrap();
    let p = Preview::start_limited(
        server,
        addr,
        1,
        Limits {
            connections: 3,
            ..Limits::DEFAULT
        },
    );
    p.publish(site());
    // Three idle connections take every slot.
    let idle: Vec<TcpStream> = (0..3).map(|_| TcpStream::connect(addr).unwrap()).collect();
    std::thread::sleep(Duration::from_millis(100));
    let started = std::time::Instant::now();
    let (st, head, _) = get(addr, "/");
    assert_eq!(st, 503, "{head}");
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    drop(idle);
    // The slots come back once the server sees the connections close.
    let end = std::time::Instant::now() + Duration::from_secs(5);
    loop {
        let (st, _, body) = get(addr, "/");
        if st == 200 {
            assert_eq!(body, "<h1>home</h1>");
            break;
        }
        assert!(std::time::Instant::now() < end, "no slot came back");
        std::thread::sleep(Duration::from_millis(20));
    }
    p.stop();
}

#[test]
fn a_connection_serves_several_requests_and_head_has_no_body() {
    let p = serving_site();
    let mut s = connect(p.addr());
    let host = p.addr();
    write!(s, "GET / HTTP/1.1\r\nHost: {host}\r\n\r\nHEAD /projects/alpha/ HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").unwrap();
    let mut raw = String::new();
    s.read_to_string(&mut raw).unwrap();
    assert_eq!(raw.matches("HTTP/1.1 200 OK\r\n").count(), 2, "{raw}");
    assert!(
        raw.contains("Content-Length: 13\r\n") && raw.contains("<h1>home</h1>"),
        "{raw}"
    );
    assert!(!raw.contains("<h1>alpha</h1>"), "HEAD sent a body: {raw}");
    p.stop();
}

#[test]
fn an_oversized_request_head_gets_431_without_being_read_whole() {
    let p = serving_site();
    let mut s = connect(p.addr());
    s.set_write_timeout(Some(Duration::from_secs(5))).unwrap();
    write!(s, "GET / HTTP/1.1\r\nHost: {}\r\nX-Big: ", p.addr()).unwrap();
    // Up to 64 MiB of header; the server answers after 64 KiB and stops reading.
    let chunk = vec![b'a'; 64 * 1024];
    let mut sent = 0usize;
    while sent < 64 << 20 {
        match s.write(&chunk) {
            Ok(n) => sent += n,
            Err(_) => break,
        }
    }
    let mut answer = Vec::new();
    let _ = s.read_to_end(&mut answer);
    let answer = String::from_utf8_lossy(&answer);
    assert!(
        answer.starts_with("HTTP/1.1 431 ") || sent < 16 << 20,
        "sent {sent} bytes; answer {answer:?}"
    );
    assert!(sent < 16 << 20, "the server read {sent} bytes of header");
    // The server still answers.
    assert_eq!(get(p.addr(), "/").0, 200);
    p.stop();
}

/// Sends `raw` on a fresh connection and reads until the server closes it (or 5 s pass).
fn exchange(addr: SocketAddr, raw: &[u8]) -> String {
    let mut s = connect(addr);
    s.write_all(raw).unwrap();
    let mut out = Vec::new();
    let mut buf = [0u8; 8192];
    while let Ok(n) = s.read(&mut buf) {
        if n == 0 {
            break;
        }
        out.extend_from_slice(&buf[..n]);
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[test]
fn requests_keep_the_connection_unless_http_1_0_or_close() {
    let p = serving_site();
    let a = p.addr();
    // An empty line before the request line is allowed; header names in any case.
    let two = exchange(
        a,
        format!("\r\nGET /?x HTTP/1.1\r\nhost: {a}\r\nX-Y:  z \r\n\r\nGET /projects/alpha/ HTTP/1.1\r\nHOST: {a}\r\nConnection: Close\r\n\r\n")
            .as_bytes(),
    );
    assert_eq!(two.matches("HTTP/1.1 200 OK\r\n").count(), 2, "{two}");
    assert!(
        two.contains("<h1>home</h1>") && two.contains("<h1>alpha</h1>"),
        "{two}"
    );
    // HTTP/1.0 closes after one reply (the second request is never answered).
    let old = exchange(
        a,
        format!("GET / HTTP/1.0\r\nHost: {a}\r\n\r\nGET / HTTP/1.0\r\nHost: {a}\r\n\r\n").as_bytes(),
    );
    assert_eq!(old.matches(" 200 OK\r\n").count(), 1, "{old}");
    p.stop();
}

#[test]
fn a_head_just_under_the_limit_is_served_and_one_over_it_gets_431() {
    let p = serving_site();
    let a = p.addr();
    let head = |size: usize| {
        let mut h = format!("GET / HTTP/1.1\r\nHost: {a}\r\nConnection: close\r\nX: ").into_bytes();
        let pad = size - h.len() - 4;
        h.extend(vec![b'a'; pad]);
        h.extend_from_slice(b"\r\n\r\n");
        assert_eq!(h.len(), size);
        h
    };
    let fits = exchange(a, &head(MAX_HEAD_BYTES));
    assert!(
        fits.starts_with("HTTP/1.1 200 "),
        "{}",
        &fits[..fits.len().min(200)]
    );
    let over = exchange(a, &head(MAX_HEAD_BYTES + 1024));
    assert!(over.starts_with("HTTP/1.1 431 "), "{over:?}");
    // Too many header fields: 431 as well.
    let mut many = format!("GET / HTTP/1.1\r\nHost: {a}\r\n");
    for i in 0..=MAX_HEADERS {
        many.push_str(&format!("X-{i}: y\r\n"));
    }
    many.push_str("\r\n");
    assert!(exchange(a, many.as_bytes()).starts_with("HTTP/1.1 431 "));
    p.stop();
}

#[test]
fn malformed_requests_get_400() {
    let p = serving_site();
    for bad in [
        &b"GET /\r\n\r\n"[..],
        b"GET / HTTP/2\r\n\r\n",
        b"GET / HTTP/1.1\r\nno colon\r\n\r\n",
        b"GET / HTTP/1.1\r\n folded: x\r\n\r\n",
        b"G@T / HTTP/1.1\r\nHost: localhost\r\n\r\n",
    ] {
        let answer = exchange(p.addr(), bad);
        assert!(answer.starts_with("HTTP/1.1 400 "), "{bad:?}: {answer:?}");
    }
    p.stop();
}

#[test]
fn request_bodies_up_to_1_mib_are_discarded_and_larger_ones_get_413() {
    let p = serving_site();
    let a = p.addr();
    // A small body is read and dropped; the connection serves the next request.
    let body = "k=v".repeat(1000);
    let raw = format!(
        "POST / HTTP/1.1\r\nHost: {a}\r\nContent-Length: {}\r\n\r\n{body}GET /projects/alpha/ HTTP/1.1\r\nHost: {a}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let two = exchange(a, raw.as_bytes());
    assert_eq!(two.matches("HTTP/1.1 200 OK\r\n").count(), 2, "{two}");
    assert!(two.contains("<h1>alpha</h1>"), "{two}");
    // Announced too large: refused before any of it is read.
    let announced = exchange(
        a,
        format!("POST / HTTP/1.1\r\nHost: {a}\r\nContent-Length: 99999999\r\n\r\n").as_bytes(),
    );
    assert!(announced.starts_with("HTTP/1.1 413 "), "{announced:?}");
    assert!(announced.contains("Connection: close"), "{announced:?}");
    // Chunked, without a length: refused once 1 MiB has arrived.
    let mut s = connect(a);
    s.set_write_timeout(Some(Duration::from_secs(5))).unwrap();
    write!(
        s,
        "POST / HTTP/1.1\r\nHost: {a}\r\nTransfer-Encoding: chunked\r\n\r\n"
    )
    .unwrap();
    let chunk = format!("10000\r\n{}\r\n", "b".repeat(0x10000));
    let mut sent = 0usize;
    while sent < 64 << 20 {
        match s.write(chunk.as_bytes()) {
            Ok(n) => sent += n,
            Err(_) => break,
        }
    }
    let mut answer = Vec::new();
    let _ = s.read_to_end(&mut answer);
    let answer = String::from_utf8_lossy(&answer);
    assert!(sent < 16 << 20, "the server read {sent} bytes of body");
    assert!(
        answer.is_empty() || answer.starts_with("HTTP/1.1 413 "),
        "{answer:?}"
    );
    p.stop();
}

#[test]
fn stopping_ends_event_streams_and_closes_the_port() {
    let p = serving_site();
    let a = p.addr();
    let mut s = connect(a);
    write!(s, "GET {EVENTS_PATH} HTTP/1.1\r\nHost: {a}\r\n\r\n").unwrap();
    let mut r = BufReader::new(s);
    let mut seen = String::new();
    while !seen.contains("event: hello") {
        assert!(r.read_line(&mut seen).unwrap() > 0, "{seen}");
    }
    let started = std::time::Instant::now();
    p.stop();
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    // The stream ends (no error: the chunked body is finished) and nothing listens any more.
    let mut rest = String::new();
    r.read_to_string(&mut rest).unwrap();
    assert!(rest.ends_with("0\r\n\r\n"), "{rest:?}");
    assert!(TcpStream::connect(a).is_err());
}

/// A server with one connection slot and short timeouts, serving a page of 8 MiB.
fn start_one_slot() -> Preview {
    let (server, addr) = bind("127.0.0.1", 0, true).unwrap();
    let limits = Limits {
        connections: 1,
        head_timeout: Duration::from_millis(500),
        write_timeout: Duration::from_millis(500),
    };
    let p = Preview::start_limited(server, addr, 1, limits);
    let mut s = site();
    s.insert("big.bin".into(), vec![b'x'; 8 << 20]);
    p.publish(s);
    p
}

/// Asks for `/` until it is served; panics after `within`.
fn served_again_within(addr: SocketAddr, within: Duration) -> Duration {
    let started = std::time::Instant::now();
    loop {
        if get(addr, "/").0 == 200 {
            return started.elapsed();
        }
        assert!(started.elapsed() < within, "the slot never came back");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn an_idle_connection_is_closed_after_the_head_timeout() {
    let p = start_one_slot();
    let idle = TcpStream::connect(p.addr()).unwrap();
    std::thread::sleep(Duration::from_millis(100));
    assert_eq!(get(p.addr(), "/").0, 503, "the idle connection holds the slot");
    served_again_within(p.addr(), Duration::from_secs(3));
    drop(idle);
    p.stop();
}

#[test]
fn a_client_that_does_not_read_is_dropped_after_the_write_timeout() {
    let p = start_one_slot();
    let a = p.addr();
    let mut stalled = TcpStream::connect(a).unwrap();
    // Asks for 64 MiB in all, and reads none of it: the server's writes wait on it.
    for _ in 0..8 {
        write!(stalled, "GET /big.bin HTTP/1.1\r\nHost: {a}\r\n\r\n").unwrap();
    }
    std::thread::sleep(Duration::from_millis(100));
    assert_eq!(get(a, "/").0, 503, "the stalled connection holds the slot");
    served_again_within(a, Duration::from_secs(4));
    drop(stalled);
    p.stop();
}
