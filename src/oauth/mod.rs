//! The OAuth 2.1 authorization server: discovery, registration, authorization, tokens.

pub mod assertion;
pub mod authorize;
pub mod cimd;
pub mod client_auth;
pub mod discovery;
pub mod error;
pub mod idp;
pub mod jwt;
pub mod keys;
pub mod redirect_uri;
pub mod register;
pub mod scope;
pub mod token;

pub use error::OAuthError;

use url::Url;

/// This server's public URLs, all derived from the issuer.
#[derive(Debug, Clone)]
pub struct Issuer {
    /// The issuer URL without a trailing slash, e.g. `https://mcp.example.com` or
    /// `https://example.com/auth`.
    url: String,
    /// The issuer's path (`""` or `/auth`): every route is served under it.
    base_path: String,
    /// Scheme, host and port: what browsers send as `Origin`.
    origin: String,
    secure: bool,
}

impl Issuer {
    pub fn new(url: &Url) -> Issuer {
        Issuer {
            url: crate::settings::issuer_string(url),
            base_path: url.path().trim_end_matches('/').to_owned(),
            origin: url.origin().ascii_serialization(),
            secure: url.scheme() == "https",
        }
    }

    pub fn as_str(&self) -> &str {
        &self.url
    }

    pub fn base_path(&self) -> &str {
        &self.base_path
    }

    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// Where a resource's RFC 9728 metadata lives: the well-known path inserted before the
    /// resource's path (`https://h/mcp` → `https://h/.well-known/oauth-protected-resource/mcp`).
    pub fn resource_metadata_url(&self, resource: &str) -> String {
        let path = resource.strip_prefix(&self.origin).unwrap_or("");
        format!("{}/.well-known/oauth-protected-resource{path}", self.origin)
    }

    /// Whether clients reach us over https (cookies are then `Secure`).
    pub fn is_https(&self) -> bool {
        self.secure
    }

    /// An absolute URL for one of our paths (`/oauth/token` → `https://…/oauth/token`).
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.url)
    }

    /// A path as the browser sees it, under the issuer's base path.
    pub fn path(&self, path: &str) -> String {
        format!("{}{path}", self.base_path)
    }

    /// The resource URL of an MCP mount: `…/mcp`, or `…/mcp/NAME` for an upstream.
    pub fn resource(&self, mount: Option<&str>) -> String {
        match mount {
            Some(name) => self.url(&format!("/mcp/{name}")),
            None => self.url("/mcp"),
        }
    }

    /// Which mount a resource URL names, compared canonically (scheme and host case, default
    /// port, a trailing slash): `Some(None)` for the default mount, `Some(Some(name))` for an
    /// upstream, `None` when it is not one of ours.
    pub fn mount_of(&self, resource: &str) -> Option<Option<String>> {
        let canonical = canonical_url(resource)?;
        let base = canonical_url(&self.url("/mcp"))?;
        if canonical == base {
            return Some(None);
        }
        let name = canonical.strip_prefix(&format!("{base}/"))?;
        (!name.is_empty() && !name.contains('/')).then(|| Some(name.to_owned()))
    }

    /// Whether `audience` names `mount`'s resource: as mcpauth mints it (checked without
    /// allocating, on every MCP request), or written differently but canonically the same.
    pub fn is_resource_of(&self, audience: &str, mount: Option<&str>) -> bool {
        let rest = audience
            .strip_prefix(self.url.as_str())
            .and_then(|path| path.strip_prefix("/mcp"));
        let exact = match (rest, mount) {
            (Some(rest), None) => rest.is_empty(),
            (Some(rest), Some(name)) => rest.strip_prefix('/') == Some(name),
            (None, _) => false,
        };
        exact || self.mount_of(audience) == Some(mount.map(str::to_owned))
    }
}

/// A response body read as it arrives, up to `max` bytes; `None` when it is larger, so a
/// hostile server cannot make mcpauth buffer without end.
pub async fn capped_body(
    mut response: reqwest::Response,
    max: usize,
) -> reqwest::Result<Option<Vec<u8>>> {
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await? {
        if body.len() + chunk.len() > max {
            return Ok(None);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(Some(body))
}

/// A URL in canonical form for comparison: lower-case scheme and host, no default port, no
/// trailing slash, no query or fragment allowed.
pub fn canonical_url(raw: &str) -> Option<String> {
    let url = Url::parse(raw).ok()?;
    if url.query().is_some() || url.fragment().is_some() || url.host().is_none() {
        return None;
    }
    let mut s = format!("{}://{}", url.scheme(), url.host_str()?);
    if let Some(port) = url.port() {
        s.push_str(&format!(":{port}"));
    }
    s.push_str(url.path().trim_end_matches('/'));
    Some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resources_are_compared_canonically() {
        let issuer = Issuer::new(&Url::parse("https://mcp.example.com").unwrap());
        assert_eq!(issuer.mount_of("https://mcp.example.com/mcp"), Some(None));
        assert_eq!(
            issuer.mount_of("HTTPS://MCP.Example.com:443/mcp/"),
            Some(None)
        );
        assert_eq!(
            issuer.mount_of("https://mcp.example.com/mcp/notes"),
            Some(Some("notes".into()))
        );
        assert_eq!(issuer.mount_of("https://mcp.example.com/mcp/a/b"), None);
        assert!(issuer.is_resource_of("https://mcp.example.com/mcp", None));
        assert!(issuer.is_resource_of("HTTPS://MCP.example.com:443/mcp/", None));
        assert!(issuer.is_resource_of("https://mcp.example.com/mcp/notes", Some("notes")));
        assert!(!issuer.is_resource_of("https://mcp.example.com/mcp/notes", None));
        assert!(!issuer.is_resource_of("https://mcp.example.com/mcp", Some("notes")));
        assert!(!issuer.is_resource_of("https://mcp.example.com/mcp/notesx", Some("notes")));
        assert!(!issuer.is_resource_of("https://mcp.example.com/mcpx", None));
        assert_eq!(issuer.mount_of("https://other.example.com/mcp"), None);
        assert_eq!(issuer.mount_of("https://mcp.example.com/mcpx"), None);
        assert_eq!(issuer.mount_of("https://mcp.example.com/mcp?x=1"), None);
    }

    #[test]
    fn a_path_issuer_prefixes_every_url() {
        let issuer = Issuer::new(&Url::parse("https://example.com/auth/").unwrap());
        assert_eq!(issuer.as_str(), "https://example.com/auth");
        assert_eq!(
            issuer.url("/oauth/token"),
            "https://example.com/auth/oauth/token"
        );
        assert_eq!(issuer.path("/login"), "/auth/login");
        assert_eq!(issuer.resource(None), "https://example.com/auth/mcp");
        assert_eq!(
            issuer.resource_metadata_url(&issuer.resource(Some("notes"))),
            "https://example.com/.well-known/oauth-protected-resource/auth/mcp/notes"
        );
        assert_eq!(issuer.origin(), "https://example.com");
    }
}
