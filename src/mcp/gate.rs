//! What stands in front of every MCP mount: the Origin check, bearer-token authentication,
//! the scope a call needs (read from the JSON-RPC body), and session ownership.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::db::upstreams::Upstream;
use crate::db::{ChangeWatch, now};
use crate::oauth::scope::{self, Scopes};
use crate::oauth::token::{TokenRefusal, check_access_token};
use crate::server::AppState;

/// Largest JSON-RPC message accepted on an MCP mount.
pub const MAX_MESSAGE: usize = 4 * 1024 * 1024;
/// Sessions not seen for this long are forgotten by the ownership map.
const SESSION_IDLE: Duration = Duration::from_secs(24 * 3600);

/// Who is calling: established from a verified access token.
#[derive(Debug, Clone)]
pub struct Caller {
    pub user_id: i64,
    pub email: String,
    pub client_id: String,
    pub scopes: Scopes,
    pub grant_id: i64,
    pub(super) audience: String,
    pub(super) expires_at: i64,
}

impl Caller {
    pub fn has(&self, scope: &str) -> bool {
        self.scopes.contains(scope)
    }

    /// The caller the gate established, as an rmcp handler sees the request.
    pub fn of(
        context: &rmcp::service::RequestContext<rmcp::RoleServer>,
    ) -> Result<Arc<Caller>, rmcp::ErrorData> {
        context
            .extensions
            .get::<axum::http::request::Parts>()
            .and_then(|parts| parts.extensions.get::<Arc<Caller>>())
            .cloned()
            .ok_or_else(|| {
                rmcp::ErrorData::internal_error(
                    "request reached an MCP server unauthenticated",
                    None,
                )
            })
    }

    /// Audits one tool call through any mount: who, which client, which tool, how it went and
    /// how long it took. Never the arguments.
    pub fn record_tool_call(
        &self,
        audit: &crate::db::audit::Writer,
        mount: &str,
        tool: &str,
        started: std::time::Instant,
        outcome: &'static str,
    ) {
        audit.record(
            crate::db::audit::Event::new("tool.call", "server")
                .user(&self.email)
                .client(&self.client_id)
                .tool_call(mount, tool, outcome, started.elapsed().as_millis() as u64),
        );
    }
}

/// Token hash → the caller it was verified as.
type Callers = HashMap<[u8; 32], Arc<Caller>>;

/// Verified tokens and session owners, kept in memory.
pub struct Gate {
    /// Token hash → caller, as of one database generation: a revocation, a disabled user or a
    /// removed client changes the generation, so each is noticed at the next request.
    callers: Mutex<(Option<i64>, Callers)>,
    watch: ChangeWatch,
    /// Mcp-Session-Id → (user, last seen): a session belongs to the user who opened it.
    sessions: Mutex<HashMap<String, (i64, Instant)>>,
}

impl Gate {
    pub fn new(watch: ChangeWatch) -> Gate {
        Gate {
            callers: Mutex::new((None, HashMap::new())),
            watch,
            sessions: Mutex::new(HashMap::new()),
        }
    }

    /// The database's change generation as of now (see [`ChangeWatch::generation`]): read
    /// once per request, and what every cache the request consults is checked against.
    pub fn generation(&self) -> Option<i64> {
        self.watch.generation()
    }

    async fn caller(
        &self,
        state: &AppState,
        token: &str,
        mount: Option<&str>,
        generation: Option<i64>,
    ) -> Result<Arc<Caller>, Response> {
        let resource = || state.issuer.resource(mount);
        let key: [u8; 32] = Sha256::digest(token.as_bytes()).into();
        let cached = generation.and_then(|generation| {
            let mut callers = self.callers.lock().unwrap_or_else(PoisonError::into_inner);
            if Some(generation) > callers.0 {
                *callers = (Some(generation), HashMap::new());
            }
            // A request that read an older generation than the cache's does not use it.
            (callers.0 == Some(generation))
                .then(|| callers.1.get(&key).cloned())
                .flatten()
        });
        let caller = match cached {
            Some(c) if c.expires_at > now() => c,
            _ => {
                let (issuer, token) = (state.issuer.clone(), token.to_owned());
                let checked = state
                    .db
                    .call(move |db| {
                        Ok::<_, crate::db::Error>(check_access_token(
                            db.conn(),
                            &issuer,
                            &token,
                            None,
                        ))
                    })
                    .await;
                let (claims, grant) = match checked {
                    Ok(Ok(ok)) => ok,
                    Ok(Err(TokenRefusal::Db(e))) | Err(e) => {
                        tracing::error!(error = %e, "token check failed");
                        return Err((StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
                            .into_response());
                    }
                    Ok(Err(refusal)) => {
                        return Err(unauthorized(state, &resource(), Some(&refusal.to_string())));
                    }
                };
                let caller = Arc::new(Caller {
                    user_id: grant.user_id,
                    email: grant.email,
                    client_id: claims.client_id,
                    scopes: Scopes::parse(&claims.scope),
                    grant_id: grant.id,
                    audience: claims.aud,
                    expires_at: claims.exp,
                });
                // Checked after `generation` was read, so at least as fresh as it.
                let mut callers = self.callers.lock().unwrap_or_else(PoisonError::into_inner);
                if generation.is_some() && callers.0 == generation {
                    let now = now();
                    if callers.1.len() > 10_000 {
                        callers.1.retain(|_, c| c.expires_at > now);
                    }
                    callers.1.insert(key, caller.clone());
                }
                caller
            }
        };
        // RFC 8707: a token minted for one mount is no good at another.
        if !state.issuer.is_resource_of(&caller.audience, mount) {
            return Err(unauthorized(
                state,
                &resource(),
                Some("the token is for another resource"),
            ));
        }
        Ok(caller)
    }

    fn session_owner(&self, id: &str) -> Option<i64> {
        let mut sessions = self.sessions.lock().unwrap_or_else(PoisonError::into_inner);
        let entry = sessions.get_mut(id)?;
        entry.1 = Instant::now();
        Some(entry.0)
    }

    fn open_session(&self, id: &str, user_id: i64) {
        let mut sessions = self.sessions.lock().unwrap_or_else(PoisonError::into_inner);
        if sessions.len() > 10_000 {
            sessions.retain(|_, (_, seen)| seen.elapsed() < SESSION_IDLE);
        }
        sessions.insert(id.to_owned(), (user_id, Instant::now()));
    }

    fn close_session(&self, id: &str) {
        self.sessions
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(id);
    }
}

/// The mount a request path names: `None` for `/mcp`, `Some(name)` for `/mcp/{name}`.
fn mount(state: &AppState, path: &str) -> Option<String> {
    let rest = path.strip_prefix(state.issuer.base_path()).unwrap_or(path);
    let name = rest.strip_prefix("/mcp/")?.split('/').next()?;
    (!name.is_empty()).then(|| name.to_owned())
}

/// The middleware in front of every MCP mount.
pub async fn protect(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let Admitted {
        mount,
        caller,
        session,
        upstream,
    } = match admit(&state, req.uri().path(), req.headers()).await {
        Ok(admitted) => admitted,
        Err(refusal) => return before_the_body(refusal, req.headers()),
    };
    let resource = || state.issuer.resource(mount.as_deref());

    let method = req.method().clone();
    let (mut parts, body) = req.into_parts();
    let body = if method == Method::POST {
        // Read in a task of its own: hyper feeds the body from this connection's task, so
        // reading it here would have this task wake itself, which Tokio takes for a yield and
        // answers by waking an idle worker (a futex round trip and two context switches).
        let bytes = match tokio::spawn(axum::body::to_bytes(body, MAX_MESSAGE)).await {
            Ok(Ok(b)) => b,
            Ok(Err(_)) => {
                let refusal = (StatusCode::PAYLOAD_TOO_LARGE, "message too large").into_response();
                return before_the_body(refusal, &parts.headers);
            }
            Err(e) => {
                tracing::error!(error = %e, "reading a request body failed");
                return StatusCode::INTERNAL_SERVER_ERROR.into_response();
            }
        };
        // A batch would carry calls past the scope check below; only 2025-03-26 allowed them
        // and clients do not send them, so they are refused whole.
        if bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[') {
            let body = json!({ "jsonrpc": "2.0", "id": null,
                               "error": { "code": -32600, "message": "JSON-RPC batches are not supported: send one message per request" } });
            return (StatusCode::BAD_REQUEST, axum::Json(body)).into_response();
        }
        if let Some((id, tool)) = tool_call(&bytes) {
            let needed = match &upstream {
                None => super::builtin::required_scope(&tool),
                Some(upstream) => {
                    let read_only = state
                        .proxy
                        .is_read_only(&state, upstream, &caller, &tool)
                        .await;
                    if upstream.read_only && !read_only {
                        return super::proxy::jsonrpc_error(
                            &id,
                            &format!(
                                "'{tool}' may change things, and this server is mounted read-only"
                            ),
                        );
                    }
                    Some(if read_only { scope::READ } else { scope::WRITE })
                }
            };
            if let Some(needed) = needed.filter(|n| !caller.has(n)) {
                return insufficient_scope(&state, &resource(), needed);
            }
            parts.extensions.insert(super::proxy::ToolCall { tool });
        }
        Body::from(bytes)
    } else {
        body
    };
    parts.extensions.insert(caller.clone());
    if let Some(upstream) = upstream {
        parts.extensions.insert(upstream);
    }
    let response = next.run(Request::from_parts(parts, body)).await;

    match (
        &session,
        response
            .headers()
            .get("mcp-session-id")
            .and_then(|v| v.to_str().ok()),
    ) {
        (None, Some(opened)) => state.gate.open_session(opened, caller.user_id),
        (Some(id), _) if method == Method::DELETE && response.status().is_success() => {
            state.gate.close_session(id)
        }
        _ => {}
    }
    response
}

/// What the gate knows of a request it lets in, before reading its body.
struct Admitted {
    mount: Option<String>,
    caller: Arc<Caller>,
    session: Option<String>,
    upstream: Option<Arc<Upstream>>,
}

/// The checks that need only the request's head: Origin, token, audience, scope, session
/// owner, and the mount.
async fn admit(state: &AppState, path: &str, headers: &HeaderMap) -> Result<Admitted, Response> {
    let mount = mount(state, path);
    // Only refusals need it.
    let resource = || state.issuer.resource(mount.as_deref());
    if !origin_allowed(state, headers) {
        return Err((StatusCode::FORBIDDEN, "Origin not allowed").into_response());
    }
    let Some(token) = bearer(headers) else {
        return Err(unauthorized(state, &resource(), None));
    };
    let generation = state.gate.generation();
    let caller = state
        .gate
        .caller(state, token, mount.as_deref(), generation)
        .await?;
    if !(caller.has(scope::READ) || caller.has(scope::WRITE)) {
        return Err(insufficient_scope(state, &resource(), scope::READ));
    }

    let session = headers
        .get("mcp-session-id")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    if let Some(id) = &session {
        // An unknown session and another user's session read the same: 404, so the client
        // starts a new one (and learns nothing about anyone else's).
        if state
            .gate
            .session_owner(id)
            .is_some_and(|owner| owner != caller.user_id)
        {
            return Err((StatusCode::NOT_FOUND, "session not found").into_response());
        }
    }

    let upstream = match (&mount, &state.default_upstream) {
        (None, default) => default.clone(),
        (Some(name), _) => match state.proxy.upstream(state, name, generation).await {
            Ok(Some(upstream)) => Some(upstream),
            Ok(None) => {
                return Err(
                    (StatusCode::NOT_FOUND, "no MCP server is mounted there").into_response()
                );
            }
            Err(e) => {
                tracing::error!(error = %e, "upstream lookup failed");
                return Err(StatusCode::SERVICE_UNAVAILABLE.into_response());
            }
        },
    };

    Ok(Admitted {
        mount,
        caller,
        session,
        upstream,
    })
}

/// A refusal sent before the request's body was read. hyper closes such a connection rather
/// than read the rest of the body, so the response says so: otherwise the client may send its
/// next request on a connection that is closing.
fn before_the_body(mut refusal: Response, request: &HeaderMap) -> Response {
    let carries_body = request.contains_key(header::TRANSFER_ENCODING)
        || request
            .get(header::CONTENT_LENGTH)
            .is_some_and(|length| length != "0");
    if carries_body {
        refusal
            .headers_mut()
            .insert(header::CONNECTION, HeaderValue::from_static("close"));
    }
    refusal
}

/// The id and tool name of a `tools/call` message. Scopes are decided from the body, never
/// from headers alone. Only the fields needed are read.
fn tool_call(body: &Bytes) -> Option<(Value, String)> {
    #[derive(serde::Deserialize)]
    struct Params<'a> {
        #[serde(borrow)]
        name: Option<std::borrow::Cow<'a, str>>,
    }
    #[derive(serde::Deserialize)]
    struct Message<'a> {
        #[serde(borrow)]
        method: Option<std::borrow::Cow<'a, str>>,
        #[serde(default)]
        id: Value,
        #[serde(borrow)]
        params: Option<Params<'a>>,
    }
    let message: Message<'_> = serde_json::from_slice(body).ok()?;
    if message.method.as_deref() != Some("tools/call") {
        return None;
    }
    Some((message.id, message.params?.name?.into_owned()))
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (kind, token) = value.split_once(' ')?;
    let token = token.trim();
    (kind.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

/// DNS-rebinding protection: a browser request must come from this server's own origin or a
/// loopback page (local tools such as the MCP Inspector). Requests without Origin are not
/// from browsers and pass.
fn origin_allowed(state: &AppState, headers: &HeaderMap) -> bool {
    let Some(origin) = headers.get(header::ORIGIN) else {
        return true;
    };
    let Ok(origin) = origin.to_str() else {
        return false;
    };
    if origin.eq_ignore_ascii_case(state.issuer.origin()) {
        return true;
    }
    url::Url::parse(origin).is_ok_and(|u| {
        matches!(u.scheme(), "http" | "https") && crate::oauth::redirect_uri::is_loopback_host(&u)
    })
}

fn challenge(state: &AppState, resource: &str, extra: &str) -> HeaderValue {
    let metadata = state.issuer.resource_metadata_url(resource);
    let scopes = scope::RESOURCE.join(" ");
    HeaderValue::from_str(&format!(
        "Bearer resource_metadata=\"{metadata}\", scope=\"{scopes}\"{extra}"
    ))
    .unwrap_or_else(|_| HeaderValue::from_static("Bearer"))
}

/// 401 with the RFC 9728 challenge; `problem` when a token was presented and refused.
pub fn unauthorized(state: &AppState, resource: &str, problem: Option<&str>) -> Response {
    let extra = problem
        .map(|p| {
            format!(
                ", error=\"invalid_token\", error_description=\"{}\"",
                p.replace('"', "'")
            )
        })
        .unwrap_or_default();
    let body = json!({ "error": if problem.is_some() { "invalid_token" } else { "unauthorized" },
                       "error_description": problem.unwrap_or("sign in: this MCP server needs an access token") });
    let mut response = (StatusCode::UNAUTHORIZED, axum::Json(body)).into_response();
    response
        .headers_mut()
        .insert(header::WWW_AUTHENTICATE, challenge(state, resource, &extra));
    response
}

/// 403 naming the scope the call needs (RFC 6750 §3.1).
fn insufficient_scope(state: &AppState, resource: &str, needed: &str) -> Response {
    let metadata = state.issuer.resource_metadata_url(resource);
    let value = format!(
        "Bearer error=\"insufficient_scope\", scope=\"{needed}\", resource_metadata=\"{metadata}\", error_description=\"this call needs the {needed} scope\""
    );
    let body = json!({ "error": "insufficient_scope", "error_description": format!("this call needs the {needed} scope"), "scope": needed });
    let mut response = (StatusCode::FORBIDDEN, axum::Json(body)).into_response();
    if let Ok(v) = HeaderValue::from_str(&value) {
        response.headers_mut().insert(header::WWW_AUTHENTICATE, v);
    }
    response
}
