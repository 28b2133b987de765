//! The preview server's HTTP/1.1 wire format, read with bounds: a request head is at most
//! [`MAX_HEAD_BYTES`] (else `431`, read no further) and must arrive within [`HEAD_TIMEOUT`]; a
//! request body (the preview has no use for one) is at most [`MAX_BODY_BYTES`] and is discarded.
//! Replies carry their length, so a connection serves several requests (keep-alive).
//!
//! folio used tiny_http before, which reads a header line of any length into memory: three
//! requests with 300 MB headers took the server from 14 MB to 1.6 GB.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::time::{Duration, Instant};

/// The largest request head (request line and headers), in bytes. Browsers send a few KiB.
pub const MAX_HEAD_BYTES: usize = 64 * 1024;

/// The largest request body read (and discarded); a larger one is refused with `413`.
pub const MAX_BODY_BYTES: u64 = 1024 * 1024;

/// How long a request head may take to arrive, counted from the end of the previous request
/// (or the connection's start): an idle or trickling connection is closed after it.
pub const HEAD_TIMEOUT: Duration = Duration::from_secs(15);

/// How long one write to a client may block before the connection is given up.
pub const WRITE_TIMEOUT: Duration = Duration::from_secs(30);

/// A request as the preview needs it.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    /// The request target as sent (`/projects/a/?x`).
    pub target: String,
    pub headers: Vec<(String, String)>,
    /// The client keeps the connection open for another request (HTTP/1.1 without
    /// `Connection: close`).
    pub keep_alive: bool,
}

impl Request {
    /// The first header of that name (names compare case-insensitively).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Why no request was read.
#[derive(Debug)]
pub enum ReadError {
    /// The client closed the connection (or went quiet) between requests: nothing to answer.
    Closed,
    /// The head is larger than [`MAX_HEAD_BYTES`]: answer `431` and close.
    HeadTooLarge,
    /// The body is larger than [`MAX_BODY_BYTES`]: answer `413` and close.
    BodyTooLarge,
    /// Not HTTP/1.x as the preview reads it (`400`, or `501` for a chunked body): the status
    /// and why.
    Bad(u16, &'static str),
}

/// Reads one request from `r`, its head bounded by [`MAX_HEAD_BYTES`] and [`HEAD_TIMEOUT`],
/// and discards its body.
pub fn read_request(r: &mut BufReader<TcpStream>) -> Result<Request, ReadError> {
    let deadline = Instant::now() + HEAD_TIMEOUT;
    let mut used = 0usize;
    let mut lines: Vec<String> = Vec::new();
    loop {
        let line = read_line(r, &mut used, deadline)?;
        let line = line.strip_suffix('\n').unwrap_or(&line);
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.is_empty() {
            if lines.is_empty() {
                continue; // empty lines before a request line are allowed
            }
            break;
        }
        lines.push(line.to_string());
    }
    let mut parts = lines[0].split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(ReadError::Bad(400, "malformed request line"));
    };
    let keep_alive_default = match version {
        "HTTP/1.1" => true,
        "HTTP/1.0" => false,
        _ => return Err(ReadError::Bad(400, "unsupported HTTP version")),
    };
    if method.is_empty() || !method.bytes().all(|b| b.is_ascii_alphabetic()) || target.is_empty() {
        return Err(ReadError::Bad(400, "malformed request line"));
    }
    let mut headers = Vec::with_capacity(lines.len() - 1);
    for line in &lines[1..] {
        let Some((name, value)) = line.split_once(':') else {
            return Err(ReadError::Bad(400, "malformed header"));
        };
        if name.is_empty()
            || name
                .bytes()
                .any(|b| b.is_ascii_whitespace() || b.is_ascii_control())
        {
            return Err(ReadError::Bad(400, "malformed header"));
        }
        headers.push((name.to_string(), value.trim().to_string()));
    }
    let mut request = Request {
        method: method.to_string(),
        target: target.to_string(),
        headers,
        keep_alive: keep_alive_default,
    };
    if let Some(c) = request.header("Connection") {
        let has = |t: &str| c.split(',').any(|x| x.trim().eq_ignore_ascii_case(t));
        if has("close") {
            request.keep_alive = false;
        }
    }
    if request.header("Transfer-Encoding").is_some() {
        return Err(ReadError::Bad(501, "chunked request bodies are not supported"));
    }
    let length = match request.header("Content-Length") {
        None => 0,
        Some(v) => v
            .parse::<u64>()
            .map_err(|_| ReadError::Bad(400, "malformed Content-Length"))?,
    };
    if length > MAX_BODY_BYTES {
        return Err(ReadError::BodyTooLarge);
    }
    if length > 0 {
        set_deadline(r, deadline)?;
        let copied =
            io::copy(&mut r.by_ref().take(length), &mut io::sink()).map_err(|_| ReadError::Closed)?;
        if copied < length {
            return Err(ReadError::Closed);
        }
    }
    Ok(request)
}

/// One line (up to and including `\n`), counting its bytes in `used`; more than
/// [`MAX_HEAD_BYTES`] in all is [`ReadError::HeadTooLarge`], read no further.
fn read_line(r: &mut BufReader<TcpStream>, used: &mut usize, deadline: Instant) -> Result<String, ReadError> {
    let mut line = Vec::new();
    loop {
        set_deadline(r, deadline)?;
        let room = MAX_HEAD_BYTES - *used;
        let n = match r.by_ref().take(room as u64 + 1).read_until(b'\n', &mut line) {
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(_) => return Err(ReadError::Closed),
        };
        if n > room {
            return Err(ReadError::HeadTooLarge);
        }
        *used += n;
        if n == 0 {
            // End of stream: between requests a normal close; inside a head, a broken request.
            return Err(ReadError::Closed);
        }
        if line.ends_with(b"\n") {
            return Ok(String::from_utf8_lossy(&line).into_owned());
        }
    }
}

/// Sets the read timeout to what is left until `deadline` (none left: closed).
fn set_deadline(r: &BufReader<TcpStream>, deadline: Instant) -> Result<(), ReadError> {
    let left = deadline
        .checked_duration_since(Instant::now())
        .filter(|d| !d.is_zero())
        .ok_or(ReadError::Closed)?;
    r.get_ref()
        .set_read_timeout(Some(left))
        .map_err(|_| ReadError::Closed)
}

/// A complete reply with a body in memory.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn new(status: u16, body: Vec<u8>) -> Reply {
        Reply {
            status,
            headers: Vec::new(),
            body,
        }
    }

    pub fn with_status_code(mut self, status: u16) -> Reply {
        self.status = status;
        self
    }

    /// Adds a header. Names are fixed by folio; a value with a line break is a bug.
    pub fn with_header(mut self, name: &'static str, value: &str) -> Reply {
        debug_assert!(!value.contains(['\r', '\n']), "header value {value:?}");
        self.headers.push((name, value.replace(['\r', '\n'], " ")));
        self
    }
}

/// The reason phrase of the statuses the preview sends.
fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        404 => "Not Found",
        413 => "Content Too Large",
        421 => "Misdirected Request",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        503 => "Service Unavailable",
        _ => "",
    }
}

/// Writes `reply` (its body left out for `HEAD`), with its length; `close` says the
/// connection ends after it.
pub fn write_reply(w: &mut impl Write, reply: &Reply, head_only: bool, close: bool) -> io::Result<()> {
    let mut head = format!("HTTP/1.1 {} {}\r\n", reply.status, reason(reply.status));
    for (name, value) in &reply.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!("Content-Length: {}\r\n", reply.body.len()));
    if close {
        head.push_str("Connection: close\r\n");
    }
    head.push_str("\r\n");
    let mut out = head.into_bytes();
    if !head_only {
        out.extend_from_slice(&reply.body);
    }
    w.write_all(&out)?;
    w.flush()
}

/// Answers a request that could not be read (`status` with a one-line text) and closes the
/// connection. What the client is still sending is read and dropped for a moment (at most
/// 256 KiB, half a second), so that the close does not reset the connection before the client
/// has read the answer.
pub fn refuse(mut stream: &TcpStream, status: u16, text: &str) {
    let reply = Reply::new(
        status,
        format!("{status} {}: {text}\n", reason(status)).into_bytes(),
    )
    .with_header("Content-Type", "text/plain; charset=utf-8");
    let _ = stream.set_write_timeout(Some(Duration::from_secs(2)));
    if write_reply(&mut stream, &reply, false, true).is_err() {
        return;
    }
    let _ = stream.shutdown(Shutdown::Write);
    let _ = stream.set_read_timeout(Some(Duration::from_millis(500)));
    let _ = io::copy(&mut stream.take(256 * 1024), &mut io::sink());
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::TcpListener;

    /// Sends `raw` to a fresh connection and reads one request from the server side.
    fn parse(raw: Vec<u8>) -> Result<Request, ReadError> {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = l.local_addr().unwrap();
        let client = std::thread::spawn(move || {
            let mut s = TcpStream::connect(addr).unwrap();
            let _ = s.write_all(&raw);
            s
        });
        let (server, _) = l.accept().unwrap();
        let out = read_request(&mut BufReader::new(server));
        drop(client.join());
        out
    }

    #[test]
    fn a_request_is_read_with_its_headers() {
        let r = parse(b"\r\nGET /a/?x HTTP/1.1\r\nHost: localhost:1\r\nX-Y:  z \r\n\r\n".to_vec()).unwrap();
        assert_eq!((r.method.as_str(), r.target.as_str()), ("GET", "/a/?x"));
        assert_eq!(r.header("host"), Some("localhost:1"));
        assert_eq!(r.header("x-y"), Some("z"));
        assert!(r.keep_alive);
        let r = parse(b"GET / HTTP/1.1\r\nConnection: Close\r\n\r\n".to_vec()).unwrap();
        assert!(!r.keep_alive);
        let r = parse(b"GET / HTTP/1.0\r\n\r\n".to_vec()).unwrap();
        assert!(!r.keep_alive);
    }

    #[test]
    fn a_head_over_the_limit_is_refused_and_bad_ones_are_400() {
        let mut big = b"GET / HTTP/1.1\r\nX: ".to_vec();
        big.extend(vec![b'a'; MAX_HEAD_BYTES]);
        big.extend_from_slice(b"\r\n\r\n");
        assert!(matches!(parse(big), Err(ReadError::HeadTooLarge)));
        // Just under the limit is fine.
        let mut fits = b"GET / HTTP/1.1\r\nX: ".to_vec();
        fits.extend(vec![b'a'; MAX_HEAD_BYTES - fits.len() - 4]);
        fits.extend_from_slice(b"\r\n\r\n");
        assert_eq!(fits.len(), MAX_HEAD_BYTES);
        assert!(parse(fits).is_ok());
        for bad in [
            &b"GET /\r\n\r\n"[..],
            b"GET / HTTP/2\r\n\r\n",
            b"GET / HTTP/1.1\r\nno colon\r\n\r\n",
            b"GET / HTTP/1.1\r\n folded: x\r\n\r\n",
        ] {
            assert!(
                matches!(parse(bad.to_vec()), Err(ReadError::Bad(400, _))),
                "{bad:?}"
            );
        }
        let body = b"POST / HTTP/1.1\r\nContent-Length: 99999999\r\n\r\n".to_vec();
        assert!(matches!(parse(body), Err(ReadError::BodyTooLarge)));
    }
}
