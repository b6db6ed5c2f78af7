//! Which redirect URIs a client may register (RFC 8252, OAuth 2.1 §2.3.1).

use url::{Host, Url};

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum Invalid {
    #[error("redirect URI '{0}' is not an absolute URI")]
    NotAbsolute(String),
    #[error("redirect URI '{0}' has a fragment, which OAuth forbids")]
    Fragment(String),
    #[error("redirect URI '{0}' uses plain http on a non-loopback host: use https")]
    PlainHttp(String),
    #[error("redirect URI '{0}' uses the '{1}' scheme, which cannot receive a code safely")]
    Scheme(String, String),
}

/// Accepts https URLs, http on loopback (any port, RFC 8252 §7.3) and private-use schemes of
/// native apps (`cursor://…`, `com.example.app:/cb`).
pub fn validate(uri: &str) -> Result<Url, Invalid> {
    let url = Url::parse(uri).map_err(|_| Invalid::NotAbsolute(uri.to_owned()))?;
    if url.fragment().is_some() {
        return Err(Invalid::Fragment(uri.to_owned()));
    }
    match url.scheme() {
        "https" if url.host().is_some() => Ok(url),
        "http" if is_loopback(&url) => Ok(url),
        "http" => Err(Invalid::PlainHttp(uri.to_owned())),
        s @ ("https" | "javascript" | "data" | "file" | "vbscript" | "about" | "blob" | "ftp"
        | "ws" | "wss" | "mailto" | "tel") => Err(Invalid::Scheme(uri.to_owned(), s.to_owned())),
        _ => Ok(url),
    }
}

/// `http://localhost`, `http://127.x.x.x` or `http://[::1]`, on any port.
pub fn is_loopback(url: &Url) -> bool {
    url.scheme() == "http" && is_loopback_host(url)
}

/// Whether the URL's host is this machine: `localhost`, `127.x.x.x` or `[::1]`.
pub fn is_loopback_host(url: &Url) -> bool {
    match url.host() {
        Some(Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(Host::Ipv4(ip)) => ip.is_loopback(),
        Some(Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_what_real_clients_register() {
        for ok in [
            "https://claude.ai/api/mcp/auth_callback",
            "https://chatgpt.com/connector_platform_oauth_redirect",
            "http://localhost/callback",
            "http://127.0.0.1:33418/",
            "http://[::1]:8000/cb",
            "cursor://anysphere.cursor-mcp/oauth/callback",
            "com.example.app:/oauth2redirect",
        ] {
            assert!(validate(ok).is_ok(), "{ok} should be accepted");
        }
    }

    #[test]
    fn refuses_unsafe_ones() {
        for bad in [
            "/relative",
            "https://x.example/cb#frag",
            "http://x.example/cb",
            "http://127.0.0.1.evil.example/cb",
            "javascript:alert(1)",
            "data:text/html,hi",
            "file:///etc/passwd",
        ] {
            assert!(validate(bad).is_err(), "{bad} should be refused");
        }
    }
}
