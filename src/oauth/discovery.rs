//! Discovery documents: RFC 8414 authorization server metadata, OIDC discovery, and the JWKS.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::OAuthError;
use super::scope::KNOWN;
use crate::db::signing_keys;
use crate::server::AppState;

/// The methods clients may authenticate with at the token endpoint.
pub const TOKEN_AUTH_METHODS: &[&str] = &[
    "none",
    "client_secret_basic",
    "client_secret_post",
    "private_key_jwt",
];

fn metadata(state: &AppState) -> Value {
    let i = &state.issuer;
    json!({
        "issuer": i.as_str(),
        "authorization_endpoint": i.url("/oauth/authorize"),
        "token_endpoint": i.url("/oauth/token"),
        "registration_endpoint": i.url("/oauth/register"),
        "revocation_endpoint": i.url("/oauth/revoke"),
        "introspection_endpoint": i.url("/oauth/introspect"),
        "userinfo_endpoint": i.url("/oauth/userinfo"),
        "jwks_uri": i.url("/oauth/jwks"),
        "scopes_supported": KNOWN.iter().map(|(s, _)| s).collect::<Vec<_>>(),
        "response_types_supported": ["code"],
        "response_modes_supported": ["query"],
        "grant_types_supported": ["authorization_code", "refresh_token"],
        "code_challenge_methods_supported": ["S256"],
        "token_endpoint_auth_methods_supported": TOKEN_AUTH_METHODS,
        "token_endpoint_auth_signing_alg_values_supported": super::assertion::ALGORITHM_NAMES,
        "revocation_endpoint_auth_methods_supported": TOKEN_AUTH_METHODS,
        "introspection_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
        "authorization_response_iss_parameter_supported": true,
        "client_id_metadata_document_supported": true,
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["ES256"],
        "claims_supported": ["iss", "sub", "aud", "exp", "iat", "email", "email_verified", "nonce"],
    })
}

fn cacheable(body: Value) -> Response {
    let mut response = Json(body).into_response();
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=300"),
    );
    response
}

pub async fn authorization_server(State(state): State<AppState>) -> Response {
    cacheable(metadata(&state))
}

pub async fn openid_configuration(State(state): State<AppState>) -> Response {
    cacheable(metadata(&state))
}

/// Every key that still verifies, so tokens signed before a rotation stay checkable.
pub async fn jwks(State(state): State<AppState>) -> Result<Response, OAuthError> {
    let keys = state
        .db
        .call(|db| signing_keys::verifying_jwks(db.conn()))
        .await?
        .iter()
        .filter_map(|k| serde_json::from_str::<Value>(k).ok())
        .collect::<Vec<_>>();
    let mut response = Json(json!({ "keys": keys })).into_response();
    // Short: a rotation or retirement should reach resource servers quickly.
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=60"),
    );
    Ok(response)
}
