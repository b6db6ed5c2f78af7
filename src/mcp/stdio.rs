//! stdio upstreams: the command runs as a child process speaking MCP on stdin/stdout, bridged
//! to Streamable HTTP with rmcp on both sides. A handshake session gets a child of its own,
//! ended with the session; stateless (2026-07-28) requests share one child per user, ended
//! after the idle timeout; every child ends when the server stops. A child that dies answers
//! the call in flight with a JSON-RPC error.

use std::collections::HashMap;
use std::process::Stdio as ProcessStdio;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::Request;
use axum::response::Response;
use rmcp::model::{
    CacheScope, CallToolRequestParams, CallToolResponse, GetPromptRequestParams, GetPromptResponse,
    Implementation, ListPromptsResult, ListResourceTemplatesResult, ListResourcesResult,
    ListToolsResult, PaginatedRequestParams, ReadResourceRequestParams, ReadResourceResponse,
    ResultType, ServerCapabilities, ServerConfig,
};
use rmcp::service::{RequestContext, RunningService, ServiceError};
use rmcp::transport::TokioChildProcess;
use rmcp::transport::streamable_http_server::StreamableHttpService;
use rmcp::transport::streamable_http_server::session::local::LocalSessionManager;
use rmcp::{ErrorData, RoleClient, RoleServer, ServerHandler, ServiceExt};
use tokio::io::AsyncBufReadExt;
use tokio_util::sync::CancellationToken;
use tower::ServiceExt as _;

use super::gate::Caller;
use crate::db::audit::Writer;
use crate::db::upstreams::{Target, Upstream};
use crate::server::AppState;

/// How long a child may take to start and answer `initialize` (a first `npx -y` downloads).
const START_TIMEOUT: Duration = Duration::from_secs(120);
/// Longest a single call into a child may take.
const CALL_TIMEOUT: Duration = Duration::from_secs(600);

type Child = RunningService<RoleClient, ()>;
type Service = StreamableHttpService<Bridge, LocalSessionManager>;

/// Every stdio mount's HTTP service, and the children shared by stateless requests.
pub struct Stdio {
    services: Mutex<HashMap<String, (Arc<Upstream>, Service)>>,
    pool: Arc<Pool>,
    audit: Writer,
    shutdown: CancellationToken,
}

impl Stdio {
    /// Starts the reaper of idle children; must run inside a Tokio runtime.
    pub fn new(audit: Writer, idle: Duration, shutdown: CancellationToken) -> Stdio {
        let pool = Arc::new(Pool {
            children: Mutex::new(HashMap::new()),
            idle,
        });
        let reaper = Arc::downgrade(&pool);
        let stop = shutdown.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_secs(5).min(idle));
            loop {
                tokio::select! {
                    _ = stop.cancelled() => break,
                    _ = tick.tick() => {}
                }
                let Some(pool) = reaper.upgrade() else { break };
                pool.reap();
            }
            if let Some(pool) = reaper.upgrade() {
                pool.children
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .clear();
            }
        });
        Stdio {
            services: Mutex::new(HashMap::new()),
            pool,
            audit,
            shutdown,
        }
    }

    fn service(&self, upstream: &Arc<Upstream>) -> Service {
        let mut services = self.services.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((known, service)) = services.get(&upstream.name) {
            if same_command(known, upstream) && known.read_only == upstream.read_only {
                return service.clone();
            }
        }
        let bridge = Bridge {
            upstream: upstream.clone(),
            own: Arc::new(tokio::sync::Mutex::new(None)),
            pool: self.pool.clone(),
            audit: self.audit.clone(),
        };
        let config = super::http_config(self.shutdown.child_token());
        // rmcp calls this once per session (handshake revisions) or per request (stateless):
        // each call gets a bridge with an empty child slot of its own.
        let service = StreamableHttpService::new(
            move || {
                Ok(Bridge {
                    own: Arc::new(tokio::sync::Mutex::new(None)),
                    ..bridge.clone()
                })
            },
            Arc::new(LocalSessionManager::default()),
            config,
        );
        services.insert(upstream.name.clone(), (upstream.clone(), service.clone()));
        service
    }

    /// Tool name → read-only, as the upstream lists them (through the caller's shared child).
    pub async fn tool_annotations(
        &self,
        upstream: &Arc<Upstream>,
        caller: &Caller,
    ) -> Result<HashMap<String, bool>, String> {
        let peer = self.pool.child(upstream, caller.user_id).await?;
        let listed = tokio::time::timeout(CALL_TIMEOUT, peer.list_all_tools())
            .await
            .map_err(|_| "timed out".to_owned())?
            .map_err(|e| e.to_string())?;
        Ok(listed
            .into_iter()
            .map(|t| (t.name.to_string(), marked_read_only(&t)))
            .collect())
    }
}

/// Serves one request to a stdio mount.
pub async fn forward(state: AppState, upstream: Arc<Upstream>, req: Request) -> Response {
    let service = state.stdio.service(&upstream);
    match service.oneshot(req).await {
        Ok(response) => response.map(Body::new),
        Err(never) => match never {},
    }
}

/// Whether a listed tool is annotated `readOnlyHint: true`.
fn marked_read_only(tool: &rmcp::model::Tool) -> bool {
    tool.annotations.as_ref().and_then(|a| a.read_only_hint) == Some(true)
}

/// Whether two definitions of a mount start the same process.
fn same_command(a: &Upstream, b: &Upstream) -> bool {
    a.target == b.target && a.env == b.env
}

/// (mount, user) → the shared child, the definition it was started from, and when it was last
/// used.
type Shared = HashMap<(String, i64), (Arc<Child>, Upstream, Instant)>;

/// Children shared by one user's stateless requests, per mount.
struct Pool {
    children: Mutex<Shared>,
    idle: Duration,
}

impl Pool {
    async fn child(
        &self,
        upstream: &Upstream,
        user_id: i64,
    ) -> Result<rmcp::Peer<RoleClient>, String> {
        let key = (upstream.name.clone(), user_id);
        {
            let mut children = self.children.lock().unwrap_or_else(PoisonError::into_inner);
            if let Some((child, started_as, used)) = children.get_mut(&key) {
                // A mount redefined while the server runs gets a child of its new command.
                if !child.is_closed() && same_command(started_as, upstream) {
                    *used = Instant::now();
                    return Ok(child.peer().clone());
                }
                children.remove(&key);
            }
        }
        let child = Arc::new(spawn(upstream).await?);
        let peer = child.peer().clone();
        self.children
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(key, (child, upstream.clone(), Instant::now()));
        Ok(peer)
    }

    fn forget(&self, name: &str, user_id: i64) {
        self.children
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(&(name.to_owned(), user_id));
    }

    /// Ends children idle past the timeout (dropping a child kills its process).
    fn reap(&self) {
        let mut children = self.children.lock().unwrap_or_else(PoisonError::into_inner);
        children.retain(|(name, _), (child, _, used)| {
            let keep = used.elapsed() < self.idle && !child.is_closed();
            if !keep {
                tracing::info!(upstream = %name, "stopping an idle stdio server");
            }
            keep
        });
    }
}

/// Starts the upstream's command and completes the MCP handshake with it.
async fn spawn(upstream: &Upstream) -> Result<Child, String> {
    let Target::Stdio { command } = &upstream.target else {
        return Err("not a stdio upstream".into());
    };
    let Some((program, args)) = command.split_first() else {
        return Err("the upstream has no command".into());
    };
    let mut cmd = tokio::process::Command::new(program);
    cmd.args(args).envs(&upstream.env).kill_on_drop(true);
    let (transport, stderr) = TokioChildProcess::builder(cmd)
        .stderr(ProcessStdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start '{program}': {e}"))?;
    if let Some(stderr) = stderr {
        let name = upstream.name.clone();
        tokio::spawn(async move {
            let mut lines = tokio::io::BufReader::new(stderr).lines();
            while let Ok(Some(line)) = lines.next_line().await {
                tracing::info!(upstream = %name, "{line}");
            }
        });
    }
    tracing::info!(upstream = %upstream.name, "started a stdio server");
    match tokio::time::timeout(START_TIMEOUT, ().serve(transport)).await {
        Ok(Ok(child)) => Ok(child),
        Ok(Err(e)) => Err(format!(
            "the stdio server '{}' did not start: {e}",
            upstream.name
        )),
        Err(_) => Err(format!(
            "the stdio server '{}' did not answer within {}s",
            upstream.name,
            START_TIMEOUT.as_secs()
        )),
    }
}

#[derive(Clone)]
struct Bridge {
    upstream: Arc<Upstream>,
    /// This session's own child (handshake revisions); dropped, and killed, with the session.
    own: Arc<tokio::sync::Mutex<Option<Child>>>,
    pool: Arc<Pool>,
    audit: Writer,
}

impl Bridge {
    async fn peer(
        &self,
        context: &RequestContext<RoleServer>,
    ) -> Result<rmcp::Peer<RoleClient>, ErrorData> {
        let parts = context.extensions.get::<axum::http::request::Parts>();
        let in_session = parts.is_some_and(|p| p.headers.contains_key("mcp-session-id"));
        let unavailable = |e: String| ErrorData::internal_error(e, None);
        if in_session {
            let mut own = self.own.lock().await;
            if let Some(child) = own.as_ref().filter(|c| !c.is_closed()) {
                return Ok(child.peer().clone());
            }
            let child = spawn(&self.upstream).await.map_err(unavailable)?;
            let peer = child.peer().clone();
            *own = Some(child);
            return Ok(peer);
        }
        let caller = Caller::of(context)?;
        self.pool
            .child(&self.upstream, caller.user_id)
            .await
            .map_err(unavailable)
    }

    /// A failed call into the child: its own MCP errors pass through; anything else (it
    /// exited, it hung) becomes an error the client can show.
    fn failed(&self, e: ServiceError) -> ErrorData {
        match e {
            ServiceError::McpError(e) => e,
            ServiceError::TransportClosed | ServiceError::TransportSend(_) => {
                ErrorData::internal_error(
                    format!("the stdio server '{}' exited", self.upstream.name),
                    None,
                )
            }
            other => ErrorData::internal_error(
                format!("the stdio server '{}' failed: {other}", self.upstream.name),
                None,
            ),
        }
    }

    /// Runs a call into the child. When the child is gone (or hung), it is discarded here, so
    /// the next call starts a fresh one rather than finding the dead one again.
    async fn call<T>(
        &self,
        context: &RequestContext<RoleServer>,
        work: impl Future<Output = Result<T, ServiceError>>,
    ) -> Result<T, ErrorData> {
        let outcome = tokio::time::timeout(CALL_TIMEOUT, work).await;
        let dead = match &outcome {
            Ok(Err(ServiceError::TransportClosed | ServiceError::TransportSend(_))) | Err(_) => {
                true
            }
            Ok(_) => false,
        };
        if dead {
            *self.own.lock().await = None;
            if let Ok(caller) = Caller::of(context) {
                self.pool.forget(&self.upstream.name, caller.user_id);
            }
        }
        match outcome {
            Ok(result) => result.map_err(|e| self.failed(e)),
            Err(_) => Err(ErrorData::internal_error(
                format!("the stdio server '{}' did not answer", self.upstream.name),
                None,
            )),
        }
    }
}

// Results from a child that speaks an older revision lack `resultType`, which 2026-07-28
// clients require; rmcp removes it again for peers on older revisions. Lists get `ttlMs` and
// a private `cacheScope`: they come from this user's own process.
impl ServerHandler for Bridge {
    fn get_info(&self) -> ServerConfig {
        ServerConfig::new(
            ServerCapabilities::builder()
                .enable_tools()
                .enable_resources()
                .enable_prompts()
                .build(),
        )
        .with_server_info(Implementation::new(
            format!("mcpauth: {}", self.upstream.name),
            env!("CARGO_PKG_VERSION"),
        ))
    }

    async fn list_tools(
        &self,
        request: Option<PaginatedRequestParams>,
        context: RequestContext<RoleServer>,
    ) -> Result<ListToolsResult, ErrorData> {
        let peer = self.peer(&context).await?;
        let mut result = self.call(&context, peer.list_tools(request)).await?;
        if self.upstream.read_only {
            // A read-only mount lists only the tools it lets through.
            result.tools.retain(marked_read_only);
        }
        result.ttl_ms = Some(60_000);
        result.cache_scope = Some(CacheScope::Private);
        result.result_type = Some(ResultType::COMPLETE);
        Ok(result)
    }

    async fn call_tool(
        &self,
        request: CallToolRequestParams,
        context: RequestContext<RoleServer>,
    ) -> Result<CallToolResponse, ErrorData> {
        let caller = Caller::of(&context)?;
        let (name, started) = (request.name.to_string(), Instant::now());
        let result = match self.peer(&context).await {
            Ok(peer) => self
                .call(&context, peer.call_tool(request))
                .await
                .map(|mut r| {
                    r.result_type = Some(ResultType::COMPLETE);
                    r
                }),
            Err(e) => Err(e),
        };
        let outcome = match &result {
            Ok(r) if r.is_error == Some(true) => "tool_error",
            Ok(_) => "ok",
            Err(_) => "upstream_error",
        };
        caller.record_tool_call(&self.audit, &self.upstream.name, &name, started, outcome);
        result.map(CallToolResponse::Complete)
    }

    async fn list_resources(
        &self,
        request: Option<PaginatedRequestParams>,
        context: RequestContext<RoleServer>,
    ) -> Result<ListResourcesResult, ErrorData> {
        let peer = self.peer(&context).await?;
        let mut result = self.call(&context, peer.list_resources(request)).await?;
        result.ttl_ms = Some(0);
        result.cache_scope = Some(CacheScope::Private);
        result.result_type = Some(ResultType::COMPLETE);
        Ok(result)
    }

    async fn list_resource_templates(
        &self,
        request: Option<PaginatedRequestParams>,
        context: RequestContext<RoleServer>,
    ) -> Result<ListResourceTemplatesResult, ErrorData> {
        let peer = self.peer(&context).await?;
        let mut result = self
            .call(&context, peer.list_resource_templates(request))
            .await?;
        result.ttl_ms = Some(0);
        result.cache_scope = Some(CacheScope::Private);
        result.result_type = Some(ResultType::COMPLETE);
        Ok(result)
    }

    async fn read_resource(
        &self,
        request: ReadResourceRequestParams,
        context: RequestContext<RoleServer>,
    ) -> Result<ReadResourceResponse, ErrorData> {
        let peer = self.peer(&context).await?;
        let mut result = self.call(&context, peer.read_resource(request)).await?;
        result.result_type = Some(ResultType::COMPLETE);
        Ok(ReadResourceResponse::Complete(result))
    }

    async fn list_prompts(
        &self,
        request: Option<PaginatedRequestParams>,
        context: RequestContext<RoleServer>,
    ) -> Result<ListPromptsResult, ErrorData> {
        let peer = self.peer(&context).await?;
        let mut result = self.call(&context, peer.list_prompts(request)).await?;
        result.ttl_ms = Some(0);
        result.cache_scope = Some(CacheScope::Private);
        result.result_type = Some(ResultType::COMPLETE);
        Ok(result)
    }

    async fn get_prompt(
        &self,
        request: GetPromptRequestParams,
        context: RequestContext<RoleServer>,
    ) -> Result<GetPromptResponse, ErrorData> {
        let peer = self.peer(&context).await?;
        let mut result = self.call(&context, peer.get_prompt(request)).await?;
        result.result_type = Some(ResultType::COMPLETE);
        Ok(GetPromptResponse::Complete(result))
    }
}
