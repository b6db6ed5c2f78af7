//! RFC 7523 client authentication (`private_key_jwt`): the client signs a short-lived JWT with
//! its own key; mcpauth checks it against the keys the client publishes (`jwks_uri`, or inline
//! `jwks`), never trusting the header for the algorithm, and refuses a `jti` seen before.

use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::jwk::JwkSet;
use jsonwebtoken::{Algorithm, DecodingKey, Validation, decode, decode_header};
use serde::Deserialize;
use serde_json::Value;

use super::Issuer;
use crate::db::clients::Client;
use crate::db::{assertions, now};
use crate::server::AppState;

pub const ASSERTION_TYPE: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
/// Signing algorithms accepted for assertions. Never `none`, never HMAC.
pub const ALGORITHMS: &[Algorithm] = &[Algorithm::RS256, Algorithm::ES256, Algorithm::EdDSA];
pub const ALGORITHM_NAMES: &[&str] = &["RS256", "ES256", "EdDSA"];
/// How far in the future an assertion's `exp` may lie. Assertions are for one request, but
/// common client libraries (authlib) sign them for an hour; each `jti` is remembered until its
/// `exp`, so a long-lived assertion still cannot be replayed.
const MAX_LIFETIME: i64 = 3600 + 60;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum AssertionError {
    #[error("the client assertion is not a JWT")]
    Malformed,
    #[error("the client assertion uses algorithm {0}; accepted are RS256, ES256 and EdDSA")]
    Algorithm(String),
    #[error("the client publishes no keys (jwks_uri or jwks)")]
    NoKeys,
    #[error("cannot fetch the client's keys: {0}")]
    Keys(String),
    #[error("unknown kid: none of the client's published keys matches the assertion")]
    UnknownKey,
    #[error("bad signature on the client assertion")]
    BadSignature,
    #[error("the client assertion has expired")]
    Expired,
    #[error("the client assertion lives too long: exp must be within {MAX_LIFETIME} s")]
    TooLong,
    #[error(
        "wrong aud: the client assertion must name this authorization server or its token endpoint"
    )]
    WrongAudience,
    #[error("the client assertion's iss and sub must both be the client_id")]
    WrongSubject,
    #[error("the client assertion has no jti")]
    NoJti,
    #[error("replayed jti: this client assertion was already used")]
    Replayed,
    #[error("the client assertion is invalid: {0}")]
    Invalid(String),
}

impl AssertionError {
    /// A short reason for the audit log.
    pub fn reason(&self) -> &'static str {
        match self {
            Self::Malformed => "malformed",
            Self::Algorithm(_) => "algorithm not accepted",
            Self::NoKeys => "no keys",
            Self::Keys(_) => "keys unavailable",
            Self::UnknownKey => "unknown kid",
            Self::BadSignature => "bad signature",
            Self::Expired => "expired",
            Self::TooLong => "lifetime too long",
            Self::WrongAudience => "wrong aud",
            Self::WrongSubject => "iss or sub is not the client",
            Self::NoJti => "no jti",
            Self::Replayed => "replayed jti",
            Self::Invalid(_) => "invalid",
        }
    }
}

#[derive(Debug, Deserialize)]
struct Claims {
    sub: String,
    exp: i64,
    jti: Option<String>,
}

/// The `iss` of an assertion, read before it is verified: only to find the client whose keys
/// then verify it.
pub fn claimed_client(assertion: &str) -> Option<String> {
    let payload = assertion.split('.').nth(1)?;
    let bytes =
        base64::Engine::decode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, payload).ok()?;
    let claims: Value = serde_json::from_slice(&bytes).ok()?;
    claims["iss"].as_str().map(str::to_owned)
}

/// Verifies `assertion` for `client` and records its `jti`.
pub async fn verify(
    state: &AppState,
    client: &Client,
    assertion: &str,
) -> Result<(), AssertionError> {
    let header = decode_header(assertion).map_err(|_| AssertionError::Malformed)?;
    if !ALGORITHMS.contains(&header.alg) {
        return Err(AssertionError::Algorithm(format!("{:?}", header.alg)));
    }
    let key = match find_key(state, client, header.kid.as_deref(), header.alg, false).await? {
        Some(key) => key,
        // Perhaps the client rotated its keys since they were cached: fetch them once more.
        None => find_key(state, client, header.kid.as_deref(), header.alg, true)
            .await?
            .ok_or(AssertionError::UnknownKey)?,
    };
    let claims = check(
        assertion,
        &key,
        header.alg,
        &client.client_id,
        &state.issuer,
    )?;
    if claims.exp - now() > MAX_LIFETIME {
        return Err(AssertionError::TooLong);
    }
    let jti = claims
        .jti
        .filter(|j| !j.is_empty())
        .ok_or(AssertionError::NoJti)?;
    let (id, exp) = (client.client_id.clone(), claims.exp);
    let fresh = state
        .db
        .call(move |db| db.write(|tx| assertions::remember(tx, &id, &jti, exp)))
        .await
        .map_err(|e| AssertionError::Keys(e.to_string()))?;
    if fresh {
        Ok(())
    } else {
        Err(AssertionError::Replayed)
    }
}

/// Signature, issuer, subject, audience and expiry.
fn check(
    assertion: &str,
    key: &DecodingKey,
    alg: Algorithm,
    client_id: &str,
    issuer: &Issuer,
) -> Result<Claims, AssertionError> {
    let mut validation = Validation::new(alg);
    validation.leeway = 30;
    validation.set_issuer(&[client_id]);
    validation.set_audience(&[
        issuer.as_str().to_owned(),
        issuer.url("/oauth/token"),
        issuer.url("/token"),
    ]);
    validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
    let claims = decode::<Claims>(assertion, key, &validation)
        .map_err(|e| match e.kind() {
            ErrorKind::InvalidSignature => AssertionError::BadSignature,
            ErrorKind::ExpiredSignature => AssertionError::Expired,
            ErrorKind::InvalidAudience => AssertionError::WrongAudience,
            ErrorKind::InvalidIssuer => AssertionError::WrongSubject,
            ErrorKind::InvalidToken
            | ErrorKind::Base64(_)
            | ErrorKind::Json(_)
            | ErrorKind::Utf8(_) => AssertionError::Malformed,
            _ => AssertionError::Invalid(e.to_string()),
        })?
        .claims;
    if claims.sub != client_id {
        return Err(AssertionError::WrongSubject);
    }
    Ok(claims)
}

/// The client's key for `kid` (or, without a kid, its only key usable with `alg`).
async fn find_key(
    state: &AppState,
    client: &Client,
    kid: Option<&str>,
    alg: Algorithm,
    refresh: bool,
) -> Result<Option<DecodingKey>, AssertionError> {
    let set = match (
        client.metadata.get("jwks"),
        client.metadata["jwks_uri"].as_str(),
    ) {
        (Some(inline), _) if inline["keys"].is_array() => {
            if refresh {
                return Ok(None);
            }
            inline.clone()
        }
        (_, Some(uri)) => state
            .documents
            .jwks(uri, refresh)
            .await
            .map_err(|e| AssertionError::Keys(e.to_string()))?,
        _ => return Err(AssertionError::NoKeys),
    };
    let set: JwkSet = serde_json::from_value(set)
        .map_err(|e| AssertionError::Keys(format!("malformed JWK set ({e})")))?;
    super::jwt::key_from_set(&set, kid, alg).map_err(|e| AssertionError::Keys(e.to_string()))
}
