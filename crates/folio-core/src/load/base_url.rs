//! The one check of a base URL, wherever it comes from (`base_url` in `portfolio.yaml`,
//! `--base-url`, `$CI_PAGES_URL`): it ends up in every link, the feed and the calendar, so
//! it must be a plain web address or a site-root path.

/// What is wrong with `url` as a base URL, in words; `None` when it is acceptable:
/// `http(s)://host[:port][/path]` without credentials, or a path starting with one `/`.
pub fn problem(url: &str) -> Option<&'static str> {
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Some("it contains spaces or control characters");
    }
    if url.contains(['"', '<', '>', '\\', '`', '{', '}', '|', '^']) {
        return Some("it contains characters that are not allowed in a URL");
    }
    if let Some(rest) = url.strip_prefix('/') {
        return if rest.starts_with('/') {
            Some("`//` starts a URL of another host, not a path")
        } else {
            None
        };
    }
    let lower = url.to_ascii_lowercase();
    if !(lower.starts_with("https://") || lower.starts_with("http://")) {
        return Some("it is not an http:// or https:// URL, nor a path starting with `/`");
    }
    let authority = &url[url.find("://").map_or(0, |i| i + 3)..];
    if authority.is_empty() || authority.starts_with('/') {
        return Some("it has no host name");
    }
    let parsed = match url::Url::parse(url) {
        Ok(u) => u,
        Err(_) => return Some("it is not a valid URL (check the host name)"),
    };
    if parsed.host_str().is_none_or(str::is_empty) {
        return Some("it has no host name");
    }
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Some("it contains a user name or password, which would be published in every page");
    }
    if parsed.query().is_some() || parsed.fragment().is_some() {
        return Some("it has a `?query` or `#fragment`, which page links cannot be appended to");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::problem;

    #[test]
    fn base_url_scheme_host_credentials_and_spaces_are_checked() {
        for ok in [
            "https://group.gitlab.io/portfolio/",
            "http://localhost:8080",
            "HTTPS://Example.com/a/b",
            "/",
            "/portfolio/",
        ] {
            assert_eq!(problem(ok), None, "{ok}");
        }
        for bad in [
            "javascript:alert(1)//",
            "JavaScript:alert(1)",
            "data:text/html,x",
            "https://",
            "http:///path",
            "https://user:pw@example.com/",
            "https://user@example.com/",
            "https://exa mple.com/",
            "https://example.com/a b/",
            " https://example.com/",
            "//evil.example/",
            "https://example.com/?x=1",
            "https://example.com/\"><script>",
            "ftp://example.com/",
            "portfolio/",
            "",
        ] {
            assert!(problem(bad).is_some(), "{bad}");
        }
    }
}
