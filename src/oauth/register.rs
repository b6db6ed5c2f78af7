//! RFC 7591 dynamic client registration, lenient where real MCP clients differ.

use axum::Json;
use axum::extract::{ConnectInfo, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Value, json};

use super::{OAuthError, redirect_uri};
use crate::crypto;
use crate::db::audit::{self, Event};
use crate::db::clients::{self, NewClient, Source};
use crate::server::{AppState, Peer};

/// Dynamically registered clients that never completed a sign-in, beyond which registration
/// is refused until old ones are pruned.
const MAX_UNUSED: i64 = 500;
/// How long a dynamically registered client may stay unused before it is deleted.
const UNUSED_LIFETIME: i64 = 24 * 3600;

#[derive(Debug, Deserialize)]
pub struct Metadata {
    #[serde(default)]
    redirect_uris: Vec<String>,
    client_name: Option<String>,
    token_endpoint_auth_method: Option<String>,
    grant_types: Option<Vec<String>>,
    response_types: Option<Vec<String>>,
    application_type: Option<String>,
    #[serde(flatten)]
    other: serde_json::Map<String, Value>,
}

pub async fn register(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<Peer>,
    headers: axum::http::HeaderMap,
    body: Result<Json<Metadata>, axum::extract::rejection::JsonRejection>,
) -> Result<Response, OAuthError> {
    let ip = state.client_ip(&peer, &headers);
    if !state.limits.register.hit(&ip) {
        let event = Event::new("rate_limited", "server")
            .ip(&ip)
            .detail(json!({ "endpoint": "register" }));
        state
            .db
            .call(move |db| db.write(|tx| audit::append(tx, &event)))
            .await?;
        return Err(OAuthError::RateLimited);
    }
    let Json(meta) = body?;
    let registration = validate(meta)?;
    let client_id = crypto::random_id(16);
    let secret = registration
        .auth_method
        .starts_with("client_secret")
        .then(|| crypto::random_token(32));
    let body = registration.response(&client_id, secret.as_deref());
    state
        .db
        .call(move |db| {
            db.write(|tx| {
                let now = crate::db::now();
                clients::prune_unused_dynamic(tx, now - UNUSED_LIFETIME)?;
                if clients::count_unused_dynamic(tx)? >= MAX_UNUSED {
                    return Err(OAuthError::Unavailable(
                        "too many registered clients have never been used; try again later".into(),
                    ));
                }
                let secret_hash = secret.as_deref().map(crypto::secret_hash);
                clients::insert(
                    tx,
                    &NewClient {
                        client_id: &client_id,
                        secret_hash: secret_hash.as_deref(),
                        name: &registration.name,
                        redirect_uris: &registration.redirect_uris,
                        grant_types: &registration.grant_types,
                        auth_method: &registration.auth_method,
                        source: Source::Dcr,
                        metadata: &registration.stored,
                    },
                )?;
                let event = Event::new("client.registered", "server")
                    .client(&client_id)
                    .ip(&ip)
                    .detail(json!({ "name": registration.name, "redirect_uris": registration.redirect_uris,
                                    "auth_method": registration.auth_method }));
                audit::append(tx, &event)?;
                Ok(())
            })
        })
        .await?;
    Ok((
        StatusCode::CREATED,
        [(axum::http::header::CACHE_CONTROL, "no-store")],
        Json(body),
    )
        .into_response())
}

struct Registration {
    name: String,
    redirect_uris: Vec<String>,
    grant_types: Vec<String>,
    auth_method: String,
    stored: Value,
}

fn validate(meta: Metadata) -> Result<Registration, OAuthError> {
    if meta.redirect_uris.is_empty() {
        return Err(OAuthError::InvalidRedirectUri(
            "redirect_uris must list at least one URI".into(),
        ));
    }
    for uri in &meta.redirect_uris {
        redirect_uri::validate(uri).map_err(|e| OAuthError::InvalidRedirectUri(e.to_string()))?;
    }
    // RFC 7591 §2 makes client_secret_basic the default; a client that wants to be public says so.
    let auth_method = meta
        .token_endpoint_auth_method
        .unwrap_or_else(|| "client_secret_basic".into());
    if !super::discovery::TOKEN_AUTH_METHODS.contains(&auth_method.as_str()) {
        return Err(OAuthError::InvalidClientMetadata(format!(
            "token_endpoint_auth_method '{auth_method}' is not supported: use none, client_secret_basic or client_secret_post"
        )));
    }
    let has_keys = meta
        .other
        .get("jwks_uri")
        .and_then(Value::as_str)
        .is_some_and(|u| u.starts_with("https://"))
        || meta
            .other
            .get("jwks")
            .is_some_and(|j| j["keys"].as_array().is_some_and(|k| !k.is_empty()));
    if auth_method == "private_key_jwt" && !has_keys {
        return Err(OAuthError::InvalidClientMetadata(
            "private_key_jwt needs the client's public keys: send jwks_uri (https) or jwks".into(),
        ));
    }
    let grant_types = meta
        .grant_types
        .unwrap_or_else(|| vec!["authorization_code".into(), "refresh_token".into()]);
    if let Some(bad) = grant_types
        .iter()
        .find(|g| !matches!(g.as_str(), "authorization_code" | "refresh_token"))
    {
        return Err(OAuthError::InvalidClientMetadata(format!(
            "grant type '{bad}' is not supported"
        )));
    }
    if !grant_types.iter().any(|g| g == "authorization_code") {
        return Err(OAuthError::InvalidClientMetadata(
            "grant_types must include authorization_code".into(),
        ));
    }
    if let Some(bad) = meta.response_types.iter().flatten().find(|r| *r != "code") {
        return Err(OAuthError::InvalidClientMetadata(format!(
            "response type '{bad}' is not supported"
        )));
    }
    if let Some(t) = meta
        .application_type
        .as_deref()
        .filter(|t| !matches!(*t, "web" | "native"))
    {
        return Err(OAuthError::InvalidClientMetadata(format!(
            "application_type '{t}' must be web or native"
        )));
    }
    let name = meta
        .client_name
        .map(|n| n.trim().chars().take(100).collect::<String>())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "Unnamed client".into());
    let mut stored = Value::Object(meta.other);
    stored["application_type"] = json!(meta.application_type.unwrap_or_else(|| "web".into()));
    Ok(Registration {
        name,
        redirect_uris: meta.redirect_uris,
        grant_types,
        auth_method,
        stored,
    })
}

impl Registration {
    /// RFC 7591 §3.2.1: the registered metadata, with the id and, once, the secret.
    fn response(&self, client_id: &str, secret: Option<&str>) -> Value {
        let mut body = self.stored.clone();
        body["client_id"] = json!(client_id);
        body["client_id_issued_at"] = json!(crate::db::now());
        body["client_name"] = json!(self.name);
        body["redirect_uris"] = json!(self.redirect_uris);
        body["grant_types"] = json!(self.grant_types);
        body["response_types"] = json!(["code"]);
        body["token_endpoint_auth_method"] = json!(self.auth_method);
        if let Some(secret) = secret {
            body["client_secret"] = json!(secret);
            body["client_secret_expires_at"] = json!(0);
        }
        body
    }
}
