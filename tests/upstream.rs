//! A real MCP server (rmcp) run on loopback as an upstream for the proxy tests.

use std::sync::Arc;
use std::time::Duration;

use rmcp::model::{
    CallToolRequestParams, CallToolResponse, CallToolResult, ContentBlock, JsonObject,
    ListToolsResult, PaginatedRequestParams, ProgressNotificationParam, ServerCapabilities,
    ServerConfig, Tool, ToolAnnotations,
};
use rmcp::service::RequestContext;
use rmcp::transport::streamable_http_server::session::local::LocalSessionManager;
use rmcp::transport::streamable_http_server::{StreamableHttpServerConfig, StreamableHttpService};
use rmcp::{ErrorData, RoleServer, ServerHandler};
use serde_json::json;

/// How long the `slow` tool waits between its notification and its result.
pub const SLOW: Duration = Duration::from_millis(800);

#[derive(Clone)]
struct Upstream;

fn tool(name: &'static str, read_only: bool) -> Tool {
    Tool::new(
        name,
        format!("the {name} tool"),
        Arc::new(JsonObject::new()),
    )
    .with_annotations(ToolAnnotations::new().read_only(read_only))
}

impl ServerHandler for Upstream {
    fn get_info(&self) -> ServerConfig {
        ServerConfig::new(ServerCapabilities::builder().enable_tools().build())
    }

    async fn list_tools(
        &self,
        _: Option<PaginatedRequestParams>,
        _: RequestContext<RoleServer>,
    ) -> Result<ListToolsResult, ErrorData> {
        Ok(ListToolsResult::with_all_items(vec![
            tool("echo", true),
            tool("headers", true),
            tool("slow", true),
            tool("erase", false),
        ]))
    }

    async fn call_tool(
        &self,
        request: CallToolRequestParams,
        context: RequestContext<RoleServer>,
    ) -> Result<CallToolResponse, ErrorData> {
        let args = request.arguments.unwrap_or_default();
        let text = match request.name.as_ref() {
            "echo" => args
                .get("text")
                .and_then(|v| v.as_str())
                .unwrap_or("")
                .to_owned(),
            "headers" => {
                let parts = context
                    .extensions
                    .get::<axum::http::request::Parts>()
                    .unwrap();
                let seen: serde_json::Map<String, serde_json::Value> = parts
                    .headers
                    .iter()
                    .map(|(k, v)| (k.to_string(), json!(v.to_str().unwrap_or(""))))
                    .collect();
                serde_json::Value::Object(seen).to_string()
            }
            "slow" => {
                let token = context
                    .meta
                    .get_progress_token()
                    .expect("slow is called with a progressToken");
                let _ = context
                    .peer
                    .notify_progress(
                        ProgressNotificationParam::new(token, 0.5).with_message("working"),
                    )
                    .await;
                tokio::time::sleep(SLOW).await;
                "done".to_owned()
            }
            "erase" => "erased".to_owned(),
            other => return Err(ErrorData::invalid_params(format!("no tool {other}"), None)),
        };
        Ok(CallToolResponse::Complete(CallToolResult::success(vec![
            ContentBlock::text(text),
        ])))
    }
}

/// Starts the upstream; returns its MCP URL.
pub async fn start() -> String {
    let mut config = StreamableHttpServerConfig::default();
    config.allowed_hosts = Vec::new();
    let service = StreamableHttpService::new(
        || Ok(Upstream),
        Arc::new(LocalSessionManager::default()),
        config,
    );
    let app = axum::Router::new().route_service("/mcp", service);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/mcp", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    url
}

/// Starts a legacy HTTP+SSE MCP server (protocol 2024-11-05) below a path; returns its SSE URL.
/// GET opens a stream whose first event names where to post; answers arrive on the stream.
pub async fn start_legacy() -> String {
    use axum::extract::{Query, State};
    use axum::http::StatusCode;
    use std::collections::HashMap;
    use std::sync::Mutex;
    use tokio::sync::mpsc::UnboundedSender;

    type Streams = Arc<Mutex<HashMap<String, UnboundedSender<String>>>>;
    async fn open(State(streams): State<Streams>) -> impl axum::response::IntoResponse {
        let id = format!("{:016x}", rand::random::<u64>());
        let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
        streams.lock().unwrap().insert(id.clone(), tx);
        let first = format!("event: endpoint\ndata: messages?session_id={id}\n\n");
        let events = futures_util::stream::unfold(rx, |mut rx| async move {
            let message = rx.recv().await?;
            Some((format!("event: message\ndata: {message}\n\n"), rx))
        });
        let body = futures_util::StreamExt::map(
            futures_util::StreamExt::chain(futures_util::stream::iter([first]), events),
            Ok::<_, std::convert::Infallible>,
        );
        (
            [("content-type", "text/event-stream")],
            axum::body::Body::from_stream(body),
        )
    }
    async fn message(
        State(streams): State<Streams>,
        Query(query): Query<HashMap<String, String>>,
        axum::Json(message): axum::Json<serde_json::Value>,
    ) -> StatusCode {
        let stream = query
            .get("session_id")
            .and_then(|id| streams.lock().unwrap().get(id).cloned());
        let Some(stream) = stream else {
            return StatusCode::NOT_FOUND;
        };
        if !message["id"].is_null() {
            let result = match message["method"].as_str() {
                Some("initialize") => json!({ "protocolVersion": "2024-11-05",
                    "capabilities": { "tools": {} }, "serverInfo": { "name": "legacy", "version": "1" } }),
                Some("tools/list") => json!({ "tools": [{ "name": "ping",
                    "inputSchema": { "type": "object" }, "annotations": { "readOnlyHint": true } }] }),
                _ => json!({ "content": [{ "type": "text", "text": "pong" }] }),
            };
            let _ = stream.send(
                json!({ "jsonrpc": "2.0", "id": message["id"], "result": result }).to_string(),
            );
        }
        StatusCode::ACCEPTED
    }
    let app = axum::Router::new()
        .route("/app/sse", axum::routing::get(open))
        .route("/app/messages", axum::routing::post(message))
        .with_state(Streams::default());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/app/sse", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    url
}
