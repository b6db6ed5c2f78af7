//! Client authentication at the token, revocation and introspection endpoints: `none`,
//! `client_secret_basic` and `client_secret_post` (RFC 6749 §2.3.1), and `private_key_jwt`
//! (RFC 7523, verified in `assertion` before the database work starts).

use axum::http::{HeaderMap, header};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use percent_encoding::percent_decode_str;
use subtle::ConstantTimeEq;

use super::OAuthError;
use crate::crypto::secret_hash;
use crate::db::clients::Client;

/// The credentials a request presents.
#[derive(Debug)]
pub struct Presented {
    pub client_id: String,
    secret: Option<String>,
    /// A `private_key_jwt` assertion, and whether it has been verified.
    assertion: Option<String>,
    assertion_verified: bool,
}

/// What the form says about client authentication.
pub struct FormCredentials<'a> {
    pub client_id: Option<&'a str>,
    pub client_secret: Option<&'a str>,
    pub assertion_type: Option<&'a str>,
    pub assertion: Option<&'a str>,
}

/// Reads the client's credentials from HTTP Basic, the form body, or a client assertion;
/// using two methods at once is an error.
pub fn presented(headers: &HeaderMap, form: FormCredentials<'_>) -> Result<Presented, OAuthError> {
    let form_id = form.client_id;
    let form_secret = form.client_secret.filter(|s| !s.is_empty());
    let basic = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.strip_prefix("Basic ")
                .or_else(|| v.strip_prefix("basic "))
        });
    if let Some(assertion) = form.assertion.filter(|a| !a.is_empty()) {
        if form.assertion_type != Some(super::assertion::ASSERTION_TYPE) {
            return Err(OAuthError::client(format!(
                "client_assertion_type must be {}",
                super::assertion::ASSERTION_TYPE
            )));
        }
        if basic.is_some() || form_secret.is_some() {
            return Err(OAuthError::request(
                "use one client authentication method, not two",
            ));
        }
        let claimed = super::assertion::claimed_client(assertion)
            .ok_or_else(|| OAuthError::client("the client assertion is not a JWT"))?;
        if form_id.is_some_and(|f| f != claimed) {
            return Err(OAuthError::client(
                "client_id differs from the assertion's issuer",
            ));
        }
        return Ok(Presented {
            client_id: claimed,
            secret: None,
            assertion: Some(assertion.to_owned()),
            assertion_verified: false,
        });
    }
    match basic {
        Some(encoded) => {
            if form_secret.is_some() {
                return Err(OAuthError::request(
                    "use one client authentication method, not two",
                ));
            }
            let decoded = STANDARD
                .decode(encoded.trim())
                .ok()
                .and_then(|b| String::from_utf8(b).ok())
                .ok_or_else(|| OAuthError::client("malformed HTTP Basic credentials"))?;
            let (id, secret) = decoded
                .split_once(':')
                .ok_or_else(|| OAuthError::client("malformed HTTP Basic credentials"))?;
            let decode = |s: &str| {
                percent_decode_str(&s.replace('+', " "))
                    .decode_utf8_lossy()
                    .into_owned()
            };
            let client_id = decode(id);
            if form_id.is_some_and(|f| f != client_id) {
                return Err(OAuthError::request(
                    "client_id differs from the authenticated client",
                ));
            }
            Ok(Presented {
                client_id,
                secret: Some(decode(secret)),
                assertion: None,
                assertion_verified: false,
            })
        }
        None => Ok(Presented {
            client_id: form_id
                .filter(|s| !s.is_empty())
                .ok_or_else(|| {
                    OAuthError::client("client authentication is missing: send client_id")
                })?
                .to_owned(),
            secret: form_secret.map(str::to_owned),
            assertion: None,
            assertion_verified: false,
        }),
    }
}

impl Presented {
    /// The assertion to verify (with `assertion::verify`) before `verify` is called.
    pub fn assertion(&self) -> Option<&str> {
        self.assertion.as_deref()
    }

    pub fn mark_assertion_verified(&mut self) {
        self.assertion_verified = true;
    }

    /// Checks the credentials against the client: a `private_key_jwt` client presents a
    /// verified assertion (or nothing, if its metadata document also offers `none`); a client
    /// with a secret presents it (by either secret method); a public client presents none.
    pub fn verify(&self, client: &Client) -> Result<(), OAuthError> {
        if client.auth_method == "private_key_jwt" {
            let also_none = client.metadata["token_endpoint_auth_methods_supported"]
                .as_array()
                .is_some_and(|m| m.iter().any(|v| v == "none"));
            return match (&self.assertion, self.assertion_verified) {
                (Some(_), true) => Ok(()),
                (None, _) if self.secret.is_none() && also_none => Ok(()),
                _ => Err(OAuthError::client(
                    "this client must authenticate with a signed client assertion (private_key_jwt)",
                )),
            };
        }
        if self.assertion.is_some() {
            return Err(OAuthError::client(
                "this client is not registered for private_key_jwt",
            ));
        }
        match (&client.secret_hash, &self.secret) {
            (Some(stored), Some(given)) => {
                let matches: bool = secret_hash(given)
                    .as_bytes()
                    .ct_eq(stored.as_bytes())
                    .into();
                if matches {
                    Ok(())
                } else {
                    Err(OAuthError::client("client authentication failed"))
                }
            }
            (Some(_), None) => Err(OAuthError::client(
                "this client must authenticate with its secret",
            )),
            (None, Some(_)) => Err(OAuthError::client(
                "this client has no secret: authenticate with client_id only",
            )),
            (None, None) => Ok(()),
        }
    }
}

/// Verifies a presented client assertion, if any, before any database transaction: the keys
/// may have to be fetched. Failures are audited with their reason.
pub async fn verify_assertion(
    state: &crate::server::AppState,
    presented: &mut Presented,
    ip: &str,
) -> Result<(), OAuthError> {
    let Some(assertion) = presented.assertion().map(str::to_owned) else {
        return Ok(());
    };
    let id = presented.client_id.clone();
    let client = state
        .db
        .call(move |db| crate::db::clients::find(db.conn(), &id))
        .await?
        .ok_or_else(|| OAuthError::client("unknown client: register again"))?;
    match super::assertion::verify(state, &client, &assertion).await {
        Ok(()) => {
            presented.mark_assertion_verified();
            Ok(())
        }
        Err(e) => {
            let event = crate::db::audit::Event::new("client.assertion_refused", "server")
                .client(&client.client_id)
                .ip(ip)
                .detail(serde_json::json!({ "reason": e.reason(), "error": e.to_string() }));
            state.audit.record(event);
            Err(OAuthError::client(e.to_string()))
        }
    }
}
