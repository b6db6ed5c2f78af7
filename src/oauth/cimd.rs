//! Client ID metadata documents: a `client_id` that is an https URL names a JSON document the
//! client hosts. It is fetched with a timeout and a size cap, never from private addresses
//! (the resolver refuses them, so DNS cannot be used to point us inward), and cached as HTTP
//! caching allows.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use reqwest::header::CACHE_CONTROL;
use serde_json::Value;
use url::Url;

use super::redirect_uri;

const TIMEOUT: Duration = Duration::from_secs(5);
const MAX_BYTES: usize = 64 * 1024;
const DEFAULT_MAX_AGE: i64 = 3600;
const MAX_MAX_AGE: i64 = 24 * 3600;

#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    #[error("client_id {0} is not an https URL with a path")]
    NotAUrl(String),
    #[error(
        "the client's metadata document is on a private or loopback address, which mcpauth does not fetch"
    )]
    PrivateAddress,
    #[error("cannot fetch the client's metadata document: {0}")]
    Fetch(String),
    #[error("the client's metadata document is invalid: {0}")]
    Invalid(String),
}

/// What mcpauth takes from a fetched document.
#[derive(Debug, Clone)]
pub struct Document {
    pub name: String,
    pub redirect_uris: Vec<String>,
    pub grant_types: Vec<String>,
    pub auth_method: String,
    pub metadata: Value,
    /// Seconds the document may be used before it is fetched again.
    pub max_age: i64,
}

pub struct Fetcher {
    http: reqwest::Client,
    allow_private: bool,
    /// jwks_uri → (key set, fresh until).
    keys: std::sync::Mutex<std::collections::HashMap<String, (Value, std::time::Instant)>>,
}

impl Fetcher {
    pub fn new(allow_private: bool) -> Fetcher {
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(TIMEOUT)
            .user_agent(concat!("mcpauth/", env!("CARGO_PKG_VERSION")))
            .dns_resolver(Arc::new(PublicOnly { allow_private }))
            .build()
            .unwrap_or_default();
        Fetcher {
            http,
            allow_private,
            keys: std::sync::Mutex::new(std::collections::HashMap::new()),
        }
    }

    /// Whether `client_id` is a URL naming a metadata document (rather than a registered id).
    pub fn is_document_url(client_id: &str) -> bool {
        client_id.starts_with("https://") || client_id.starts_with("http://")
    }

    pub async fn fetch(&self, client_id: &str) -> Result<Document, DocumentError> {
        let (metadata, max_age) = self.get_json(client_id).await?;
        parse(client_id, metadata, max_age)
    }

    /// A client's published key set (`jwks_uri`), cached as its `Cache-Control` allows;
    /// `refresh` fetches again (once the client may have rotated its keys).
    pub async fn jwks(&self, uri: &str, refresh: bool) -> Result<Value, DocumentError> {
        if !refresh {
            let cached = self
                .keys
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .get(uri)
                .cloned();
            if let Some((keys, _)) = cached.filter(|(_, until)| *until > std::time::Instant::now())
            {
                return Ok(keys);
            }
        }
        let (keys, max_age) = self.get_json(uri).await?;
        if !keys["keys"].is_array() {
            return Err(DocumentError::Invalid(
                "its jwks_uri does not serve a JWK set".into(),
            ));
        }
        let until =
            std::time::Instant::now() + std::time::Duration::from_secs(max_age.max(0) as u64);
        self.keys
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(uri.to_owned(), (keys.clone(), until));
        Ok(keys)
    }

    /// GETs a small JSON document from a public https URL: no redirects, a timeout, a size
    /// cap, and how long it may be kept.
    async fn get_json(&self, raw: &str) -> Result<(Value, i64), DocumentError> {
        let url = self.check_url(raw)?;
        let response = self
            .http
            .get(url)
            .header(reqwest::header::ACCEPT, "application/json")
            .send()
            .await
            .map_err(|e| {
                if is_private_refusal(&e) {
                    DocumentError::PrivateAddress
                } else {
                    DocumentError::Fetch(e.without_url().to_string())
                }
            })?;
        if !response.status().is_success() {
            return Err(DocumentError::Fetch(format!(
                "the server answered {}",
                response.status()
            )));
        }
        let max_age = max_age(
            response
                .headers()
                .get(CACHE_CONTROL)
                .and_then(|v| v.to_str().ok()),
        );
        let body = super::capped_body(response, MAX_BYTES)
            .await
            .map_err(|e| DocumentError::Fetch(e.to_string()))?
            .ok_or_else(|| DocumentError::Invalid(format!("larger than {MAX_BYTES} bytes")))?;
        let value = serde_json::from_slice(&body)
            .map_err(|e| DocumentError::Invalid(format!("not JSON ({e})")))?;
        Ok((value, max_age))
    }

    /// A URL mcpauth may fetch: https (http only on loopback when private addresses are
    /// allowed, for tests), a path, no credentials or fragment, no private literal address.
    fn check_url(&self, client_id: &str) -> Result<Url, DocumentError> {
        let bad = || DocumentError::NotAUrl(client_id.to_owned());
        let url = Url::parse(client_id).map_err(|_| bad())?;
        let scheme_ok = url.scheme() == "https" || (self.allow_private && url.scheme() == "http");
        if !scheme_ok
            || url.fragment().is_some()
            || !url.username().is_empty()
            || url.password().is_some()
            || url.path() == "/"
            || url.as_str() != client_id
        {
            return Err(bad());
        }
        let literal = match url.host() {
            Some(url::Host::Ipv4(ip)) => Some(IpAddr::V4(ip)),
            Some(url::Host::Ipv6(ip)) => Some(IpAddr::V6(ip)),
            Some(url::Host::Domain(_)) => None,
            None => return Err(bad()),
        };
        if literal.is_some_and(|ip| !self.allow_private && !is_public(ip)) {
            return Err(DocumentError::PrivateAddress);
        }
        Ok(url)
    }
}

/// Checks a fetched document against the URL it came from.
fn parse(client_id: &str, metadata: Value, max_age: i64) -> Result<Document, DocumentError> {
    let invalid = |m: &str| DocumentError::Invalid(m.to_owned());
    if metadata["client_id"].as_str() != Some(client_id) {
        return Err(invalid("its client_id is not the URL it was fetched from"));
    }
    let redirect_uris: Vec<String> = metadata["redirect_uris"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    if redirect_uris.is_empty() {
        return Err(invalid("it lists no redirect_uris"));
    }
    for uri in &redirect_uris {
        redirect_uri::validate(uri).map_err(|e| DocumentError::Invalid(e.to_string()))?;
    }
    // Shared secrets are meaningless for a public document (the metadata-document draft
    // forbids them). `none` with PKCE, or `private_key_jwt` with the keys the document
    // publishes, is what mcpauth accepts from these clients.
    let single = metadata["token_endpoint_auth_method"].as_str();
    let listed: Vec<&str> = metadata["token_endpoint_auth_methods_supported"]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let has_keys = metadata["jwks_uri"].as_str().is_some_and(|u| !u.is_empty())
        || metadata["jwks"]["keys"]
            .as_array()
            .is_some_and(|k| !k.is_empty());
    let offers = |m: &str| single == Some(m) || listed.contains(&m);
    let auth_method = match single {
        Some(m @ ("client_secret_basic" | "client_secret_post" | "client_secret_jwt")) => {
            return Err(DocumentError::Invalid(format!(
                "token_endpoint_auth_method {m} uses a shared secret, which a metadata document cannot have"
            )));
        }
        _ if offers("private_key_jwt") && has_keys => "private_key_jwt",
        None | Some("none") => "none",
        Some(_) if listed.contains(&"none") => "none",
        Some("private_key_jwt") => {
            return Err(DocumentError::Invalid(
                "it declares private_key_jwt but publishes no keys: add jwks_uri or jwks".into(),
            ));
        }
        Some(m) => {
            return Err(DocumentError::Invalid(format!(
                "token_endpoint_auth_method {m} is not supported"
            )));
        }
    };
    let host = Url::parse(client_id)
        .ok()
        .and_then(|u| u.host_str().map(str::to_owned))
        .unwrap_or_default();
    let name = metadata["client_name"]
        .as_str()
        .map(|n| n.trim().chars().take(100).collect::<String>())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| host.clone());
    Ok(Document {
        name,
        redirect_uris,
        grant_types: vec!["authorization_code".into(), "refresh_token".into()],
        auth_method: auth_method.into(),
        metadata,
        max_age,
    })
}

/// Seconds from `Cache-Control`: `no-store`/`no-cache` mean fetch every time; `max-age` is
/// honoured up to a day; without either, an hour.
fn max_age(cache_control: Option<&str>) -> i64 {
    let Some(cc) = cache_control else {
        return DEFAULT_MAX_AGE;
    };
    let directives: Vec<String> = cc
        .split(',')
        .map(|d| d.trim().to_ascii_lowercase())
        .collect();
    if directives
        .iter()
        .any(|d| d == "no-store" || d == "no-cache")
    {
        return 0;
    }
    directives
        .iter()
        .find_map(|d| {
            d.strip_prefix("max-age=")
                .and_then(|v| v.parse::<i64>().ok())
        })
        .map_or(DEFAULT_MAX_AGE, |age| age.clamp(0, MAX_MAX_AGE))
}

/// Whether an address is on the public internet (not loopback, private, link-local, CGNAT,
/// unique-local, multicast, documentation or unspecified).
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            !(v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_multicast()
                || v4.is_documentation()
                || a == 0
                || (a == 100 && (64..128).contains(&b)) // CGNAT, tailnets
                || (a == 198 && (b == 18 || b == 19)) // benchmarking
                || a >= 240)
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_public(IpAddr::V4(v4));
            }
            let first = v6.segments()[0];
            !(v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (first & 0xfe00) == 0xfc00 // unique local
                || (first & 0xffc0) == 0xfe80 // link local
                || first == 0x2001 && v6.segments()[1] == 0x0db8) // documentation
        }
    }
}

/// A resolver that refuses names resolving to non-public addresses.
struct PublicOnly {
    allow_private: bool,
}

#[derive(Debug, thiserror::Error)]
#[error("refused: the name resolves to a private or loopback address")]
struct PrivateRefused;

impl Resolve for PublicOnly {
    fn resolve(&self, name: Name) -> Resolving {
        let allow_private = self.allow_private;
        Box::pin(async move {
            let addrs: Vec<SocketAddr> =
                tokio::net::lookup_host((name.as_str(), 0)).await?.collect();
            if !allow_private && addrs.iter().any(|a| !is_public(a.ip())) {
                return Err(Box::new(PrivateRefused) as Box<dyn std::error::Error + Send + Sync>);
            }
            Ok(Box::new(addrs.into_iter()) as Addrs)
        })
    }
}

fn is_private_refusal(e: &reqwest::Error) -> bool {
    let mut source: Option<&dyn std::error::Error> = Some(e);
    while let Some(err) = source {
        if err.is::<PrivateRefused>() {
            return true;
        }
        source = err.source();
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_addresses_are_not_public() {
        for ip in [
            "127.0.0.1",
            "10.1.2.3",
            "192.168.1.1",
            "172.16.0.1",
            "169.254.169.254",
            "100.100.1.1",
            "0.0.0.0",
            "::1",
            "fd00::1",
            "fe80::1",
            "::ffff:127.0.0.1",
        ] {
            assert!(!is_public(ip.parse().unwrap()), "{ip}");
        }
        for ip in ["1.1.1.1", "160.79.104.10", "2606:4700::1111"] {
            assert!(is_public(ip.parse().unwrap()), "{ip}");
        }
    }

    #[test]
    fn cache_control_sets_how_long_a_document_is_kept() {
        assert_eq!(max_age(None), 3600);
        assert_eq!(max_age(Some("public, max-age=120")), 120);
        assert_eq!(max_age(Some("max-age=999999")), 86400);
        assert_eq!(max_age(Some("no-store")), 0);
    }

    #[test]
    fn documents_must_name_themselves_and_avoid_shared_secrets() {
        let id = "https://app.example/client.json";
        let doc = |extra: Value| {
            let mut base =
                serde_json::json!({ "client_id": id, "redirect_uris": ["https://app.example/cb"] });
            base.as_object_mut()
                .unwrap()
                .extend(extra.as_object().unwrap().clone());
            base
        };
        let ok = parse(id, doc(serde_json::json!({})), 60).unwrap();
        assert_eq!(
            (ok.name.as_str(), ok.auth_method.as_str()),
            ("app.example", "none")
        );
        assert!(
            parse(
                "https://other.example/c.json",
                doc(serde_json::json!({})),
                60
            )
            .is_err()
        );
        assert!(
            parse(
                id,
                doc(serde_json::json!({ "token_endpoint_auth_method": "client_secret_post" })),
                60
            )
            .is_err()
        );
        assert!(
            parse(
                id,
                doc(serde_json::json!({ "redirect_uris": ["http://evil.example/cb"] })),
                60
            )
            .is_err()
        );
        let listed = doc(serde_json::json!({
            "token_endpoint_auth_method": "private_key_jwt",
            "token_endpoint_auth_methods_supported": ["none", "private_key_jwt"],
        }));
        assert_eq!(
            parse(id, listed, 60).unwrap().auth_method,
            "none",
            "no keys: none"
        );
        let chatgpt = doc(serde_json::json!({
            "token_endpoint_auth_method": "private_key_jwt", "token_endpoint_auth_signing_alg": "RS256",
            "jwks_uri": "https://app.example/jwks.json",
        }));
        assert_eq!(
            parse(id, chatgpt, 60).unwrap().auth_method,
            "private_key_jwt"
        );
        let keyless = doc(serde_json::json!({ "token_endpoint_auth_method": "private_key_jwt" }));
        assert!(
            parse(id, keyless, 60)
                .unwrap_err()
                .to_string()
                .contains("publishes no keys")
        );
    }
}
