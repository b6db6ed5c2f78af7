//! MCP endpoints: each mount is an OAuth protected resource (RFC 9728) behind the gate.
//! `/mcp` serves the built-in tools.

pub mod builtin;
pub mod files;
pub mod gate;
pub mod proxy;
pub mod stdio;

use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use rmcp::transport::streamable_http_server::session::local::LocalSessionManager;
use rmcp::transport::streamable_http_server::{StreamableHttpServerConfig, StreamableHttpService};
use serde_json::json;
use tokio_util::sync::CancellationToken;
use tower::ServiceExt;

use crate::db::upstreams;
use crate::oauth::scope;
use crate::server::AppState;

pub type BuiltinService = StreamableHttpService<builtin::Builtin, LocalSessionManager>;

/// How every MCP server behind the gate is served over HTTP by rmcp. Sessions serve the
/// handshake revisions; 2026-07-28 is served statelessly. Host and Origin are checked by the
/// gate, in front, and so is the message size.
fn http_config(shutdown: CancellationToken) -> StreamableHttpServerConfig {
    let mut config = StreamableHttpServerConfig::default();
    config.allowed_hosts = Vec::new();
    config.json_response = true;
    config.max_request_body_bytes = gate::MAX_MESSAGE;
    config.cancellation_token = shutdown;
    config
}

/// The built-in server as an HTTP service.
pub fn builtin_service(builtin: builtin::Builtin, shutdown: CancellationToken) -> BuiltinService {
    StreamableHttpService::new(
        move || Ok(builtin.clone()),
        Arc::new(LocalSessionManager::default()),
        http_config(shutdown),
    )
}

/// `/mcp` serving the built-in tools: stateless tool calls answered directly, the rest by rmcp.
pub async fn builtin_endpoint(State(state): State<AppState>, req: Request) -> Response {
    match state.builtin_tools.answer_directly(req).await {
        Ok(response) => response,
        Err(req) => match state.builtin.clone().oneshot(req).await {
            Ok(response) => response.into_response(),
            Err(never) => match never {},
        },
    }
}

fn metadata(state: &AppState, mount: Option<&str>) -> Response {
    let body = json!({
        "resource": state.issuer.resource(mount),
        "authorization_servers": [state.issuer.as_str()],
        "scopes_supported": scope::RESOURCE,
        "bearer_methods_supported": ["header"],
        "resource_name": match mount { Some(name) => format!("mcpauth: {name}"), None => "mcpauth".to_owned() },
    });
    (
        [(axum::http::header::CACHE_CONTROL, "public, max-age=300")],
        Json(body),
    )
        .into_response()
}

/// RFC 9728 metadata of the default mount.
pub async fn default_metadata(State(state): State<AppState>) -> Response {
    metadata(&state, None)
}

/// RFC 9728 metadata of an upstream's mount.
pub async fn mount_metadata(State(state): State<AppState>, Path(name): Path<String>) -> Response {
    let lookup = name.clone();
    match state
        .db
        .call(move |db| upstreams::exists(db.conn(), &lookup))
        .await
    {
        Ok(true) => metadata(&state, Some(&name)),
        Ok(false) => (StatusCode::NOT_FOUND, "no MCP server is mounted there").into_response(),
        Err(e) => {
            tracing::error!(error = %e, "upstream lookup failed");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}
