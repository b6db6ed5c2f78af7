//! The streaming reverse proxy to HTTP upstreams (Streamable HTTP, and legacy HTTP+SSE).
//! It never forwards the client's credentials; it reads the JSON-RPC body only to enforce
//! scopes and audit tool calls, and passes response streams through as they arrive.

use std::collections::{BTreeMap, HashMap};
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use futures_util::Stream;
use serde_json::{Value, json};

use super::gate::Caller;
use crate::db::upstreams::{self, Target, Upstream};
use crate::server::AppState;

/// How long an upstream's tool annotations are trusted before they are listed again.
const TOOLS_TTL: Duration = Duration::from_secs(60);
/// How long to wait for an upstream to start answering.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// Request headers passed to upstreams, besides every `Mcp-*` header. Never `Authorization`
/// or `Cookie`: those belong to mcpauth, not to the upstream.
const FORWARDED: &[HeaderName] = &[header::ACCEPT, header::CONTENT_TYPE, header::CACHE_CONTROL];
/// Response headers passed back, besides every `Mcp-*` header.
const RETURNED: &[HeaderName] = &[header::CONTENT_TYPE, header::CACHE_CONTROL];

/// Mount name → upstream.
type Mounts = HashMap<String, Arc<Upstream>>;

/// A legacy HTTP+SSE session as mcpauth hands it out. The client is told to post to
/// `/mcp/NAME/messages/ID` with mcpauth's own random ID; the upstream's endpoint (and its
/// session id) never leaves mcpauth, and only the user who opened the stream may post to it.
struct LegacySession {
    owner: i64,
    mount: String,
    /// The upstream's endpoint for this session, as an absolute URL.
    endpoint: String,
}

/// Tool name → read-only, as an upstream listed them, and when.
type ListedTools = (HashMap<String, bool>, Instant);

/// The client requests are forwarded with: hyper's own pooled keep-alive client, which
/// passes bodies through as they are, over plain HTTP or rustls.
type Forwarder = hyper_util::client::legacy::Client<
    hyper_rustls::HttpsConnector<hyper_util::client::legacy::connect::HttpConnector>,
    Body,
>;

/// Upstream definitions and what is known of their tools.
pub struct Proxy {
    forwarder: Forwarder,
    /// For mcpauth's own requests to upstreams (listing their tools).
    http: reqwest::Client,
    /// Name → upstream, as of the database generation noted.
    mounts: Mutex<(Option<i64>, Mounts)>,
    /// Name → (tool → read-only?, when listed).
    tools: Mutex<HashMap<String, ListedTools>>,
    /// mcpauth's session ID → legacy SSE session, while its stream is open.
    legacy: Mutex<HashMap<String, LegacySession>>,
}

impl Default for Proxy {
    fn default() -> Self {
        let mut connector = hyper_util::client::legacy::connect::HttpConnector::new();
        connector.set_connect_timeout(Some(CONNECT_TIMEOUT));
        connector.set_nodelay(true);
        connector.enforce_http(false);
        let connector = hyper_rustls::HttpsConnectorBuilder::new()
            .with_webpki_roots()
            .https_or_http()
            .enable_http1()
            .wrap_connector(connector);
        Proxy {
            forwarder: hyper_util::client::legacy::Client::builder(
                hyper_util::rt::TokioExecutor::new(),
            )
            .pool_idle_timeout(Duration::from_secs(90))
            .build(connector),
            http: reqwest::Client::builder()
                .connect_timeout(CONNECT_TIMEOUT)
                .pool_idle_timeout(Duration::from_secs(90))
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap_or_default(),
            mounts: Mutex::new((None, HashMap::new())),
            tools: Mutex::new(HashMap::new()),
            legacy: Mutex::new(HashMap::new()),
        }
    }
}

impl Proxy {
    /// The upstream mounted as `name`, from a cache kept for one database generation.
    pub async fn upstream(
        &self,
        state: &AppState,
        name: &str,
        generation: Option<i64>,
    ) -> Result<Option<Arc<Upstream>>, crate::db::Error> {
        {
            let mounts = self.mounts.lock().unwrap_or_else(PoisonError::into_inner);
            if generation.is_some() && mounts.0 == generation {
                return Ok(mounts.1.get(name).cloned());
            }
        }
        let all = state.db.call(|db| upstreams::list(db.conn())).await?;
        let map: HashMap<String, Arc<Upstream>> = all
            .into_iter()
            .map(|u| (u.name.clone(), Arc::new(u)))
            .collect();
        let found = map.get(name).cloned();
        let mut mounts = self.mounts.lock().unwrap_or_else(PoisonError::into_inner);
        if generation.is_some() && generation > mounts.0 {
            *mounts = (generation, map);
            self.tools
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .clear();
        }
        Ok(found)
    }

    /// The upstream endpoint of legacy session `id`, if it is open on `mount` and `user` opened
    /// it. Someone else's session reads as unknown.
    fn legacy_endpoint(&self, id: &str, mount: &str, user: i64) -> Option<String> {
        let sessions = self.legacy.lock().unwrap_or_else(PoisonError::into_inner);
        sessions
            .get(id)
            .filter(|s| s.owner == user && s.mount == mount)
            .map(|s| s.endpoint.clone())
    }

    /// Whether the upstream marks `tool` read-only (`readOnlyHint: true`). Unknown tools and
    /// upstreams that cannot be asked count as not read-only, so they need `mcp:write`.
    pub async fn is_read_only(
        &self,
        state: &AppState,
        upstream: &Arc<Upstream>,
        caller: &Caller,
        tool: &str,
    ) -> bool {
        let fresh = |tools: &HashMap<String, ListedTools>| {
            tools
                .get(&upstream.name)
                .filter(|(_, at)| at.elapsed() < TOOLS_TTL)
                .map(|(t, _)| t.get(tool).copied())
        };
        let known = fresh(&self.tools.lock().unwrap_or_else(PoisonError::into_inner));
        if let Some(Some(read_only)) = known {
            return read_only;
        }
        let listed = match &upstream.target {
            Target::Http { url } => list_tools(&self.http, url, &upstream.headers).await,
            Target::Stdio { .. } => state.stdio.tool_annotations(upstream, caller).await,
        };
        match listed {
            Ok(listed) => {
                let read_only = listed.get(tool).copied().unwrap_or(false);
                self.tools
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .insert(upstream.name.clone(), (listed, Instant::now()));
                read_only
            }
            Err(e) => {
                tracing::warn!(upstream = %upstream.name, error = %e, "cannot list the upstream's tools");
                false
            }
        }
    }
}

/// Lists an HTTP upstream's tools as its own MCP client: tool name → `readOnlyHint`.
async fn list_tools(
    http: &reqwest::Client,
    url: &str,
    headers: &BTreeMap<String, String>,
) -> Result<HashMap<String, bool>, String> {
    let mut lister = Lister {
        http,
        headers,
        url: url.to_owned(),
        session: None,
        events: None,
    };
    let res = lister.post(&initialize(LISTING_VERSION)).send().await;
    let res = res.map_err(|e| e.to_string())?;
    if res.status().is_client_error() {
        // How the MCP specification tells a legacy HTTP+SSE server apart.
        lister.open_legacy_stream().await?;
        lister.ask(initialize("2024-11-05")).await?;
    } else {
        lister.session = res
            .headers()
            .get("mcp-session-id")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        first_message(res).await?;
    }
    let _ = lister.post(&initialized()).send().await;
    let tools = lister.all_tools().await;
    if let Some(s) = &lister.session {
        let req = lister.with_headers(http.delete(url).header("mcp-session-id", s));
        let _ = req.send().await;
    }
    tools
}

/// How long each request of a tool listing may take.
const LISTING_TIMEOUT: Duration = Duration::from_secs(15);
const LISTING_VERSION: &str = "2025-06-18";

fn initialize(version: &str) -> Value {
    json!({ "jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
        "protocolVersion": version, "capabilities": {},
        "clientInfo": { "name": "mcpauth", "version": env!("CARGO_PKG_VERSION") } } })
}

fn initialized() -> Value {
    json!({ "jsonrpc": "2.0", "method": "notifications/initialized" })
}

/// mcpauth as an MCP client of an HTTP upstream, over Streamable HTTP or legacy HTTP+SSE.
struct Lister<'a> {
    http: &'a reqwest::Client,
    headers: &'a BTreeMap<String, String>,
    /// Where messages are posted: the upstream's URL, or the endpoint a legacy server named.
    url: String,
    /// The session a Streamable HTTP upstream opened.
    session: Option<String>,
    /// The stream a legacy server answers on.
    events: Option<Events>,
}

impl Lister<'_> {
    fn with_headers(&self, mut req: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        for (k, v) in self.headers {
            req = req.header(k, v);
        }
        req.timeout(LISTING_TIMEOUT)
    }

    fn post(&self, message: &Value) -> reqwest::RequestBuilder {
        let mut req = self.http.post(&self.url).json(message);
        if self.events.is_none() {
            req = req
                .header(header::ACCEPT, "application/json, text/event-stream")
                .header("mcp-protocol-version", LISTING_VERSION);
        }
        if let Some(s) = &self.session {
            req = req.header("mcp-session-id", s);
        }
        self.with_headers(req)
    }

    /// Opens a legacy server's stream and reads the endpoint it names.
    async fn open_legacy_stream(&mut self) -> Result<(), String> {
        let req = self
            .http
            .get(&self.url)
            .header(header::ACCEPT, "text/event-stream");
        let res = self.with_headers(req).send().await;
        let res = res.map_err(|e| e.to_string())?;
        if !res.status().is_success() {
            return Err(format!("the upstream answered {}", res.status()));
        }
        let mut events = Events::new(res);
        let base = url::Url::parse(&self.url).map_err(|e| e.to_string())?;
        loop {
            let (kind, data) = events.next().await?;
            if kind == "endpoint" {
                self.url = base.join(data.trim()).map_err(|e| e.to_string())?.into();
                self.events = Some(events);
                return Ok(());
            }
        }
    }

    /// Sends a request and returns its response.
    async fn ask(&mut self, message: Value) -> Result<Value, String> {
        let res = self
            .post(&message)
            .send()
            .await
            .map_err(|e| e.to_string())?;
        let Some(events) = &mut self.events else {
            return first_message(res).await;
        };
        if !res.status().is_success() {
            return Err(format!("the upstream answered {}", res.status()));
        }
        loop {
            let (_, data) = events.next().await?;
            match serde_json::from_str::<Value>(&data) {
                Ok(answer) if answer["id"] == message["id"] => return Ok(answer),
                _ => {}
            }
        }
    }

    /// Every page of `tools/list`: tool name → `readOnlyHint`.
    async fn all_tools(&mut self) -> Result<HashMap<String, bool>, String> {
        let mut tools = HashMap::new();
        let mut cursor: Option<String> = None;
        for page in 0..20 {
            let params = cursor
                .as_ref()
                .map_or(json!({}), |c| json!({ "cursor": c }));
            let list = json!({ "jsonrpc": "2.0", "id": 2 + page, "method": "tools/list", "params": params });
            let message = self.ask(list).await?;
            for t in message["result"]["tools"].as_array().into_iter().flatten() {
                if let Some(name) = t["name"].as_str() {
                    tools.insert(name.to_owned(), marked_read_only(t));
                }
            }
            cursor = message["result"]["nextCursor"].as_str().map(str::to_owned);
            if cursor.is_none() {
                break;
            }
        }
        Ok(tools)
    }
}

/// The events of an SSE response, as (event type, data).
struct Events {
    response: reqwest::Response,
    buffer: String,
}

impl Events {
    fn new(response: reqwest::Response) -> Self {
        Events {
            response,
            buffer: String::new(),
        }
    }

    async fn next(&mut self) -> Result<(String, String), String> {
        loop {
            if let Some(end) = self.buffer.find("\n\n") {
                let event: String = self.buffer.drain(..end + 2).collect();
                return Ok(sse_event(&event));
            }
            if self.buffer.len() > super::gate::MAX_MESSAGE {
                return Err("the upstream sent an event too large to read".into());
            }
            let chunk = self.response.chunk().await.map_err(|e| e.to_string())?;
            let chunk = chunk.ok_or("the upstream's stream ended")?;
            self.buffer.push_str(&String::from_utf8_lossy(&chunk));
            // Line ends may be CRLF, split across chunks.
            if self.buffer.contains('\r') {
                self.buffer = self.buffer.replace("\r\n", "\n");
            }
        }
    }
}

/// One SSE event's type (`message` when it names none) and data.
fn sse_event(event: &str) -> (String, String) {
    let (mut kind, mut data) = ("message".to_owned(), Vec::new());
    for line in event.lines() {
        if let Some(k) = line.strip_prefix("event:") {
            kind = k.trim().to_owned();
        } else if let Some(d) = line.strip_prefix("data:") {
            data.push(d.strip_prefix(' ').unwrap_or(d));
        }
    }
    (kind, data.join("\n"))
}

/// Whether a listed tool is annotated `readOnlyHint: true`.
fn marked_read_only(tool: &Value) -> bool {
    tool["annotations"]["readOnlyHint"] == true
}

/// The JSON-RPC response in a JSON body or the first `data:` event of an SSE body.
async fn first_message(res: reqwest::Response) -> Result<Value, String> {
    if !res.status().is_success() {
        return Err(format!("the upstream answered {}", res.status()));
    }
    let text = res.text().await.map_err(|e| e.to_string())?;
    serde_json::from_str(&text)
        .ok()
        .or_else(|| {
            text.lines()
                .filter_map(|l| l.strip_prefix("data:"))
                .filter_map(|d| serde_json::from_str::<Value>(d.trim()).ok())
                .find(|m| m.get("id").is_some())
        })
        .ok_or_else(|| "the upstream's answer held no JSON-RPC response".to_owned())
}

/// A refusal as a JSON-RPC error, so the client's model can read it.
pub fn jsonrpc_error(id: &Value, message: &str) -> Response {
    let body =
        json!({ "jsonrpc": "2.0", "id": id, "error": { "code": -32600, "message": message } });
    (StatusCode::OK, axum::Json(body)).into_response()
}

/// Forwards one request to an HTTP upstream and streams its answer back.
pub async fn forward(State(state): State<AppState>, req: Request) -> Response {
    let path = req.uri().path().to_owned();
    let rest = path.strip_prefix(state.issuer.base_path()).unwrap_or(&path);
    let Some(tail) = rest
        .strip_prefix("/mcp/")
        .map(|r| r.split_once('/').map_or("", |(_, tail)| tail))
    else {
        return StatusCode::NOT_FOUND.into_response();
    };
    // The gate found it, for this request's database generation.
    let Some(upstream) = req.extensions().get::<Arc<Upstream>>().cloned() else {
        return (StatusCode::NOT_FOUND, "no MCP server is mounted there").into_response();
    };
    let Target::Http { url } = &upstream.target else {
        return super::stdio::forward(state.clone(), upstream.clone(), req).await;
    };
    let Some(caller) = req.extensions().get::<Arc<Caller>>().cloned() else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    let call = req.extensions().get::<ToolCall>().cloned();

    // The mount's URL is the upstream's; below it, only the legacy sessions mcpauth handed
    // out (`/mcp/NAME/messages/ID`) lead anywhere.
    let target = match tail {
        "" => {
            let mut target = url.clone();
            if let Some(q) = req.uri().query() {
                target.push(if target.contains('?') { '&' } else { '?' });
                target.push_str(q);
            }
            target
        }
        tail => match tail.strip_prefix("messages/").and_then(|id| {
            state
                .proxy
                .legacy_endpoint(id, &upstream.name, caller.user_id)
        }) {
            Some(endpoint) => endpoint,
            None => {
                return (
                    StatusCode::NOT_FOUND,
                    "session not found: open a new one with GET on the mount's URL",
                )
                    .into_response();
            }
        },
    };
    let Ok(target) = axum::http::Uri::try_from(target) else {
        return StatusCode::BAD_REQUEST.into_response();
    };
    let method = req.method().clone();
    let mut outbound = Request::new(Body::empty());
    *outbound.method_mut() = method.clone();
    *outbound.uri_mut() = target;
    let headers = outbound.headers_mut();
    for (name, value) in req.headers() {
        if FORWARDED.contains(name) || name.as_str().starts_with("mcp-") || name == "last-event-id"
        {
            headers.append(name, value.clone());
        }
    }
    for (k, v) in &upstream.headers {
        match (HeaderName::try_from(k), HeaderValue::try_from(v)) {
            (Ok(k), Ok(v)) => {
                headers.insert(k, v);
            }
            _ => {
                tracing::warn!(upstream = %upstream.name, header = %k, "skipping an invalid upstream header")
            }
        }
    }
    // A read-only mount lists only the tools it lets through.
    let mut lists_tools = false;
    if method == Method::POST {
        // The gate has read the message whole: send it with its length rather than chunked.
        match axum::body::to_bytes(req.into_body(), super::gate::MAX_MESSAGE).await {
            Ok(bytes) => {
                lists_tools = upstream.read_only && is_tools_list(&bytes);
                headers.insert(header::CONTENT_LENGTH, HeaderValue::from(bytes.len()));
                *outbound.body_mut() = Body::from(bytes);
            }
            Err(_) => return (StatusCode::PAYLOAD_TOO_LARGE, "message too large").into_response(),
        }
    }
    let started = Instant::now();
    let answer = match state.proxy.forwarder.request(outbound).await {
        Ok(answer) => answer,
        Err(e) => {
            tracing::warn!(upstream = %upstream.name, error = %with_causes(&e), "upstream unreachable");
            if let Some(call) = call {
                caller.record_tool_call(
                    &state.audit,
                    &upstream.name,
                    &call.tool,
                    started,
                    "upstream_unreachable",
                );
            }
            return (
                StatusCode::BAD_GATEWAY,
                format!("the MCP server '{}' is unreachable", upstream.name),
            )
                .into_response();
        }
    };
    let status = answer.status();
    if status == StatusCode::UNAUTHORIZED || status == StatusCode::FORBIDDEN {
        // The upstream refused mcpauth's own credentials: its challenge means nothing to the
        // client, whose token is mcpauth's.
        tracing::warn!(upstream = %upstream.name, %status, "the upstream refused mcpauth's credentials");
        return (
            StatusCode::BAD_GATEWAY,
            format!(
                "the MCP server '{}' refused mcpauth's credentials",
                upstream.name
            ),
        )
            .into_response();
    }
    let mut headers = HeaderMap::new();
    for (name, value) in answer.headers() {
        if RETURNED.contains(name) || name.as_str().starts_with("mcp-") {
            headers.insert(name.clone(), value.clone());
        }
    }
    let is_sse = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("text/event-stream"));
    if !is_sse && let Some(length) = answer.headers().get(header::CONTENT_LENGTH) {
        // A plain JSON answer passes unchanged: keep its length rather than re-chunk it.
        headers.insert(header::CONTENT_LENGTH, length.clone());
    }
    if lists_tools && status.is_success() {
        let listed = axum::body::to_bytes(Body::new(answer.into_body()), super::gate::MAX_MESSAGE);
        let Ok(listed) = listed.await else {
            return (
                StatusCode::BAD_GATEWAY,
                format!(
                    "the MCP server '{}' sent an unreadable tool list",
                    upstream.name
                ),
            )
                .into_response();
        };
        headers.remove(header::CONTENT_LENGTH);
        let mut response = Response::new(Body::from(read_only_tools(&listed)));
        *response.status_mut() = status;
        *response.headers_mut() = headers;
        return response;
    }
    let stream = http_body_util::BodyExt::into_data_stream(answer.into_body());
    // A GET stream may be a legacy server's, which first announces where to post.
    let session = (is_sse && method == Method::GET).then(|| {
        let id = crate::crypto::random_id(16);
        let public = state
            .issuer
            .path(&format!("/mcp/{}/messages/{id}", upstream.name));
        let slot = SessionSlot {
            state: state.clone(),
            id,
            owner: caller.user_id,
            mount: upstream.name.clone(),
            open: false,
        };
        (EndpointRewrite::new(public, url.clone()), slot)
    });
    let (rewrite, session) = session.unzip();
    let body = Body::from_stream(Passthrough {
        inner: Box::pin(stream),
        rewrite,
        session,
        on_end: call.map(|call| {
            let (audit, caller, name) =
                (state.audit.clone(), caller.clone(), upstream.name.clone());
            let outcome = if status.is_success() {
                "ok"
            } else {
                "upstream_error"
            };
            Box::new(move || caller.record_tool_call(&audit, &name, &call.tool, started, outcome))
                as Box<dyn FnOnce() + Send>
        }),
    });
    let mut response = Response::new(body);
    *response.status_mut() = status;
    *response.headers_mut() = headers;
    if is_sse {
        // Tell reverse proxies in front of mcpauth not to buffer the stream either.
        response
            .headers_mut()
            .insert("x-accel-buffering", HeaderValue::from_static("no"));
    }
    response
}

/// An error and what caused it, on one line ("client error (Connect): tcp connect error: ...").
fn with_causes(e: &dyn std::error::Error) -> String {
    let mut line = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        line.push_str(": ");
        line.push_str(&c.to_string());
        cause = c.source();
    }
    line
}

fn is_tools_list(message: &[u8]) -> bool {
    #[derive(serde::Deserialize)]
    struct Message<'a> {
        #[serde(borrow)]
        method: Option<std::borrow::Cow<'a, str>>,
    }
    serde_json::from_slice::<Message<'_>>(message)
        .is_ok_and(|m| m.method.as_deref() == Some("tools/list"))
}

/// A `tools/list` answer, as JSON or as SSE `data:` lines, with only the tools annotated
/// `readOnlyHint: true`. Anything that is not a tool list passes as it is.
fn read_only_tools(body: &[u8]) -> Vec<u8> {
    let filter = |text: &str| {
        let mut message: Value = serde_json::from_str(text).ok()?;
        let tools = message
            .get_mut("result")?
            .get_mut("tools")?
            .as_array_mut()?;
        tools.retain(marked_read_only);
        Some(message.to_string())
    };
    let Ok(text) = std::str::from_utf8(body) else {
        return body.to_vec();
    };
    if let Some(json) = filter(text) {
        return json.into_bytes();
    }
    text.split_inclusive('\n')
        .map(|line| {
            line.strip_prefix("data:")
                .and_then(|data| filter(data.trim()))
                .map_or_else(|| line.to_owned(), |json| format!("data: {json}\n"))
        })
        .collect::<String>()
        .into_bytes()
}

/// A `tools/call` the gate saw in a request, for the audit log.
#[derive(Debug, Clone)]
pub struct ToolCall {
    pub tool: String,
}

/// What a legacy SSE server's first event said, once it has been read.
#[derive(Debug, PartialEq)]
struct Rewritten {
    /// The bytes to send on.
    out: Vec<u8>,
    /// Where the upstream takes this session's messages, if the event was `endpoint`.
    endpoint: Option<String>,
}

/// Rewrites a legacy SSE server's `endpoint` event so the client posts back through mcpauth,
/// to the session URL mcpauth hands out instead of the upstream's.
struct EndpointRewrite {
    public: String,
    upstream: String,
    buffer: Vec<u8>,
}

impl EndpointRewrite {
    fn new(public: String, upstream: String) -> Self {
        EndpointRewrite {
            public,
            upstream,
            buffer: Vec::new(),
        }
    }

    /// Feeds bytes; `None` until the first event is complete.
    fn feed(&mut self, chunk: &[u8]) -> Option<Rewritten> {
        self.buffer.extend_from_slice(chunk);
        let text = String::from_utf8_lossy(&self.buffer).into_owned();
        let pass = |buffer: &mut Vec<u8>| Rewritten {
            out: std::mem::take(buffer),
            endpoint: None,
        };
        let Some(end) = text.find("\n\n").or_else(|| text.find("\r\n\r\n")) else {
            return (self.buffer.len() > 16 * 1024).then(|| pass(&mut self.buffer));
        };
        let (event, rest) = text.split_at(end);
        let (kind, data) = sse_event(event);
        let endpoint = (kind == "endpoint" && !data.trim().is_empty())
            .then(|| url::Url::parse(&self.upstream).ok()?.join(data.trim()).ok())
            .flatten();
        let Some(endpoint) = endpoint else {
            return Some(pass(&mut self.buffer));
        };
        let mut data = Some(format!("data: {}", self.public));
        let event: Vec<String> = event
            .lines()
            .filter_map(|line| match line.strip_prefix("data:") {
                Some(_) => data.take(),
                None => Some(line.to_owned()),
            })
            .collect();
        self.buffer.clear();
        Some(Rewritten {
            out: format!("{}{rest}", event.join("\n")).into_bytes(),
            endpoint: Some(endpoint.to_string()),
        })
    }
}

/// A legacy session's place in [`Proxy`]'s table: filled once the upstream names its endpoint,
/// emptied when the stream ends.
struct SessionSlot {
    state: AppState,
    id: String,
    owner: i64,
    mount: String,
    open: bool,
}

impl SessionSlot {
    fn open(&mut self, endpoint: String) {
        let session = LegacySession {
            owner: self.owner,
            mount: self.mount.clone(),
            endpoint,
        };
        self.state
            .proxy
            .legacy
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(self.id.clone(), session);
        self.open = true;
    }
}

impl Drop for SessionSlot {
    fn drop(&mut self) {
        if self.open {
            self.state
                .proxy
                .legacy
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .remove(&self.id);
        }
    }
}

type ByteStream = Pin<Box<dyn Stream<Item = Result<Bytes, hyper::Error>> + Send>>;

/// The upstream's body, chunk by chunk as it arrives, with the optional endpoint rewrite and
/// a hook that runs once the stream ends (or is dropped: the client went away).
struct Passthrough {
    inner: ByteStream,
    rewrite: Option<EndpointRewrite>,
    /// Open while the stream is.
    session: Option<SessionSlot>,
    on_end: Option<Box<dyn FnOnce() + Send>>,
}

impl Stream for Passthrough {
    type Item = Result<Bytes, std::io::Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        loop {
            match self.inner.as_mut().poll_next(cx) {
                Poll::Ready(Some(Ok(chunk))) => {
                    let Some(rewrite) = self.rewrite.as_mut() else {
                        return Poll::Ready(Some(Ok(chunk)));
                    };
                    let Some(Rewritten { out, endpoint }) = rewrite.feed(&chunk) else {
                        continue;
                    };
                    self.rewrite = None;
                    match (endpoint, self.session.as_mut()) {
                        (Some(endpoint), Some(slot)) => slot.open(endpoint),
                        // Not a legacy stream: no session to keep.
                        _ => self.session = None,
                    }
                    if !out.is_empty() {
                        return Poll::Ready(Some(Ok(Bytes::from(out))));
                    }
                }
                Poll::Ready(Some(Err(e))) => {
                    return Poll::Ready(Some(Err(std::io::Error::other(e))));
                }
                Poll::Ready(None) => {
                    if let Some(end) = self.on_end.take() {
                        end();
                    }
                    return Poll::Ready(None);
                }
                Poll::Pending => return Poll::Pending,
            }
        }
    }
}

impl Drop for Passthrough {
    fn drop(&mut self) {
        if let Some(end) = self.on_end.take() {
            end();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_legacy_endpoint_event_is_pointed_back_through_mcpauth() {
        let mut r = EndpointRewrite::new(
            "/mcp/notes/messages/1f".into(),
            "http://127.0.0.1:9000/a/sse".into(),
        );
        assert_eq!(r.feed(b"event: endpoint\ndata: messages?session"), None);
        let done = r.feed(b"_id=abc\n\nevent: message\n").unwrap();
        assert_eq!(
            String::from_utf8(done.out).unwrap(),
            "event: endpoint\ndata: /mcp/notes/messages/1f\n\nevent: message\n"
        );
        assert_eq!(
            done.endpoint.as_deref(),
            Some("http://127.0.0.1:9000/a/messages?session_id=abc")
        );
    }

    #[test]
    fn a_read_only_mount_lists_only_read_only_tools() {
        let list = json!({ "jsonrpc": "2.0", "id": 1, "result": { "tools": [
            { "name": "look", "annotations": { "readOnlyHint": true } },
            { "name": "erase", "annotations": { "readOnlyHint": false } },
            { "name": "plain" } ] } });
        let names = |v: Value| -> Vec<String> {
            v["result"]["tools"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t["name"].as_str().unwrap().to_owned())
                .collect()
        };
        let json = read_only_tools(list.to_string().as_bytes());
        assert_eq!(names(serde_json::from_slice(&json).unwrap()), ["look"]);
        let sse = format!("id: 7\r\nevent: message\r\ndata: {list}\r\n\r\n");
        let sse = String::from_utf8(read_only_tools(sse.as_bytes())).unwrap();
        let data = sse.lines().find_map(|l| l.strip_prefix("data: ")).unwrap();
        assert_eq!(names(serde_json::from_str(data).unwrap()), ["look"]);
        assert!(sse.starts_with("id: 7\r\nevent: message\r\n") && sse.ends_with("\n\r\n"));
        assert_eq!(read_only_tools(b"not json"), b"not json");
    }

    #[test]
    fn other_streams_pass_unchanged() {
        let mut r = EndpointRewrite::new("/mcp/notes/messages/1f".into(), "http://h/mcp".into());
        let done = r.feed(b"id: 1\ndata: {}\n\n").unwrap();
        assert_eq!(done.out, b"id: 1\ndata: {}\n\n");
        assert_eq!(done.endpoint, None);
    }
}
