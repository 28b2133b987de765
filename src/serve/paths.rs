//! Request paths of `folio serve`: turning a request target into a key of the in-memory site
//! map (or refusing it), and the Content-Type of each served file.
//!
//! The site is served from memory only, so nothing here ever touches the filesystem; the
//! normalization still refuses anything that could mean "outside the site" (`..`, `.`,
//! percent-encoded separators, backslashes, NUL, empty segments), so a future on-disk fallback
//! would stay safe.

/// What a request target resolves to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A key of the site map (`index.html`, `projects/x/index.html`, `style.css`, ...).
    File(String),
    /// A folder named without its trailing slash: redirect here (relative links need the `/`).
    Redirect(String),
    /// Not part of the site.
    NotFound,
}

/// Decodes the path of a request target (`/a/b%20c/?q#f`) into its segments, or `None` when
/// the path is malformed or tries to leave the site.
pub fn segments(url: &str) -> Option<(Vec<String>, bool)> {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let rest = path.strip_prefix('/')?;
    if rest.is_empty() {
        return Some((Vec::new(), true));
    }
    let trailing = rest.ends_with('/');
    let rest = rest.strip_suffix('/').unwrap_or(rest);
    let mut out = Vec::new();
    for raw in rest.split('/') {
        let seg = percent_decode(raw)?;
        let bad = seg.is_empty()
            || seg == "."
            || seg == ".."
            || seg.contains(['/', '\\', '\0', ':'])
            || seg.chars().any(char::is_control);
        if bad {
            return None;
        }
        out.push(seg);
    }
    Some((out, trailing))
}

/// Resolves a request target against the keys of the site (`has` tells whether a key exists).
pub fn resolve(url: &str, has: impl Fn(&str) -> bool) -> Target {
    let Some((segs, trailing)) = segments(url) else {
        return Target::NotFound;
    };
    let joined = segs.join("/");
    if trailing {
        let key = if joined.is_empty() {
            "index.html".to_string()
        } else {
            format!("{joined}/index.html")
        };
        return if has(&key) {
            Target::File(key)
        } else {
            Target::NotFound
        };
    }
    if has(&joined) {
        return Target::File(joined);
    }
    if has(&format!("{joined}/index.html")) {
        let path = url.split(['?', '#']).next().unwrap_or("");
        return Target::Redirect(format!("{path}/"));
    }
    Target::NotFound
}

/// Decodes `%XX` escapes; `None` for a malformed escape or bytes that are not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The Content-Type of a site file, from its extension.
pub fn content_type(key: &str) -> &'static str {
    let ext = key.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    match ext.to_ascii_lowercase().as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json",
        "svg" => "image/svg+xml",
        "xml" => "application/atom+xml; charset=utf-8",
        "ics" => "text/calendar; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(key: &str) -> bool {
        matches!(
            key,
            "index.html" | "projects/alpha/index.html" | "style.css" | "404.html"
        )
    }

    #[test]
    fn folders_serve_their_index() {
        assert_eq!(resolve("/", site), Target::File("index.html".into()));
        assert_eq!(resolve("/?x=1", site), Target::File("index.html".into()));
        assert_eq!(
            resolve("/projects/alpha/", site),
            Target::File("projects/alpha/index.html".into())
        );
        assert_eq!(
            resolve("/projects/alpha", site),
            Target::Redirect("/projects/alpha/".into())
        );
        assert_eq!(resolve("/style.css#x", site), Target::File("style.css".into()));
        assert_eq!(resolve("/st%79le.css", site), Target::File("style.css".into()));
        assert_eq!(resolve("/nope.css", site), Target::NotFound);
        assert_eq!(resolve("/projects/", site), Target::NotFound);
    }

    #[test]
    fn traversal_is_refused() {
        let all = |_: &str| true;
        for url in [
            "/../etc/passwd",
            "/projects/../index.html",
            "/%2e%2e/etc/passwd",
            "/%2E%2E/%2E%2E/etc/passwd",
            "/projects%2f..%2findex.html",
            "/projects%2Falpha/index.html",
            "//etc/passwd",
            "/C:/Windows/win.ini",
            "/..\\..\\etc\\passwd",
            "/%5c..%5cindex.html",
            "/index.html%00.css",
            "/./index.html",
            "/a//b",
            "etc/passwd",
            "http://evil/index.html",
            "/%zz",
            "/%ff%fe",
        ] {
            assert_eq!(resolve(url, all), Target::NotFound, "{url}");
        }
    }

    #[test]
    fn content_types() {
        for (path, want) in [
            ("a/index.html", "text/html; charset=utf-8"),
            ("portfolio.json", "application/json"),
            ("feed.xml", "application/atom+xml; charset=utf-8"),
            ("milestones.ics", "text/calendar; charset=utf-8"),
            ("projects.csv", "text/csv; charset=utf-8"),
            ("x.SVG", "image/svg+xml"),
            ("LICENSE", "application/octet-stream"),
        ] {
            assert_eq!(content_type(path), want, "{path}");
        }
    }
}
