//! Client authentication at the token, revocation and introspection endpoints: `none`,
//! `client_secret_basic` and `client_secret_post` (RFC 6749 §2.3.1).

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
}

/// Reads the client's credentials from HTTP Basic or the form body; using both is an error.
pub fn presented(
    headers: &HeaderMap,
    form_id: Option<&str>,
    form_secret: Option<&str>,
) -> Result<Presented, OAuthError> {
    let form_secret = form_secret.filter(|s| !s.is_empty());
    let basic = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.strip_prefix("Basic ")
                .or_else(|| v.strip_prefix("basic "))
        });
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
        }),
    }
}

impl Presented {
    /// Checks the credentials against the client: a client with a secret must present it (by
    /// either secret method, whichever it registered); a public client presents none.
    pub fn verify(&self, client: &Client) -> Result<(), OAuthError> {
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
