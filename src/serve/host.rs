//! The preview server's `Host` check against DNS rebinding: a web page on another site can make
//! the browser send requests to 127.0.0.1 under its own name, so only requests addressed to the
//! preview itself are answered.
//!
//! Allowed, each with the listening port: `localhost`, `127.0.0.1`, `[::1]` and the bound
//! address. When bound to every interface (`--bind 0.0.0.0` or `::`, to preview from another
//! device), any IP literal is allowed too: rebinding needs a name, never an IP literal.

use std::net::{IpAddr, SocketAddr};

/// Whether a request with this `Host` header value is addressed to the preview at `addr`.
pub fn allowed(host: Option<&str>, addr: SocketAddr) -> bool {
    let Some(host) = host else {
        return false;
    };
    let host = host.trim();
    // `name:port`, `[v6]:port`; a missing port means 80.
    let (name, port) = match host.rsplit_once(':') {
        Some((n, p)) if !p.contains(']') && (n.starts_with('[') || !n.contains(':')) => {
            (n, p.parse::<u16>().ok())
        }
        _ => (host, Some(80)),
    };
    if port != Some(addr.port()) {
        return false;
    }
    if name.eq_ignore_ascii_case("localhost") {
        return true;
    }
    let literal = name
        .strip_prefix('[')
        .and_then(|n| n.strip_suffix(']'))
        .unwrap_or(name);
    let Ok(ip) = literal.parse::<IpAddr>() else {
        return false;
    };
    ip.is_loopback() && matches!(literal, "127.0.0.1" | "::1")
        || ip == addr.ip()
        || addr.ip().is_unspecified()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_preview_own_names_with_its_port_are_allowed() {
        let local: SocketAddr = "127.0.0.1:1111".parse().unwrap();
        for ok in ["localhost:1111", "LOCALHOST:1111", "127.0.0.1:1111", "[::1]:1111"] {
            assert!(allowed(Some(ok), local), "{ok}");
        }
        for bad in [
            "evil.example:1111",
            "localhost",
            "localhost:80",
            "127.0.0.1:2222",
            "localhost.evil.example:1111",
            "10.0.0.5:1111",
            "",
            "[::1]",
            "[::1:1111",
        ] {
            assert!(!allowed(Some(bad), local), "{bad}");
        }
        assert!(!allowed(None, local));
        let lan: SocketAddr = "0.0.0.0:8080".parse().unwrap();
        assert!(allowed(Some("192.168.1.20:8080"), lan));
        assert!(allowed(Some("localhost:8080"), lan));
        assert!(!allowed(Some("attacker.example:8080"), lan));
        let v6: SocketAddr = "[fe80::1]:9000".parse().unwrap();
        assert!(allowed(Some("[fe80::1]:9000"), v6));
    }
}
