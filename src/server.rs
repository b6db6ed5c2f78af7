//! The HTTP server: shared state, every route in one place, middleware, and serving with a
//! graceful shutdown.

use std::future::Future;
use std::net::SocketAddr;
use std::ops::Deref;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::connect_info::Connected;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{HeaderName, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::serve::{IncomingStream, Listener};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;
use tokio_rustls::TlsAcceptor;
use tokio_rustls::server::TlsStream;
use tower_http::cors::{Any, CorsLayer};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use url::Url;

use crate::db::{ChangeWatch, Db, SharedDb, audit};
use crate::limit::Limits;
use crate::mcp::{self, gate::Gate};
use crate::oauth::{self, Issuer, cimd};
use crate::web;
use tokio_util::sync::CancellationToken;

/// Largest request body the OAuth endpoints and pages accept.
const BODY_LIMIT: usize = 64 * 1024;
/// Longest an OAuth or page request may take. MCP requests are not bounded: tool calls may
/// run long and server streams stay open.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// How a server instance is set up beyond what the database holds.
#[derive(Debug, Clone)]
pub struct Config {
    /// Public base URL; every endpoint and resource URL derives from it.
    pub issuer: Url,
    /// Fetch client metadata documents from loopback and private addresses. Only for tests:
    /// on a real server it would let anyone make mcpauth fetch from the local network.
    pub allow_private_documents: bool,
    /// A stdio command served at `/mcp` instead of the built-in tools (`serve -- CMD ARGS`).
    pub default_command: Option<Vec<String>>,
}

#[derive(Clone)]
pub struct AppState(Arc<Inner>);

pub struct Inner {
    pub db: SharedDb,
    pub issuer: Issuer,
    pub limits: Limits,
    pub documents: cimd::Fetcher,
    pub idps: oauth::idp::Idps,
    pub gate: Gate,
    pub audit: audit::Writer,
    pub builtin: mcp::BuiltinService,
    /// The same tools, for calls answered without rmcp.
    pub builtin_tools: mcp::builtin::Builtin,
    pub proxy: mcp::proxy::Proxy,
    pub stdio: mcp::stdio::Stdio,
    /// Reverse proxies whose `X-Forwarded-For` is believed.
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// What `/mcp` serves when it is not the built-in tools.
    pub default_upstream: Option<Arc<crate::db::upstreams::Upstream>>,
    /// Cancelled when the server stops: ends long-lived MCP streams so draining can finish.
    pub shutdown: CancellationToken,
}

impl Deref for AppState {
    type Target = Inner;

    fn deref(&self) -> &Inner {
        &self.0
    }
}

impl AppState {
    /// Builds the state around an open database. Spawns the audit writer, so it must run
    /// inside a Tokio runtime.
    pub fn new(db: Db, config: &Config) -> Result<AppState, crate::db::Error> {
        let watch = ChangeWatch::open(db.path())?;
        let files_root = crate::db::settings::get(db.conn(), crate::settings::FILES_ROOT)?;
        let idle = crate::settings::seconds(db.conn(), crate::settings::UPSTREAM_IDLE_TIMEOUT)?;
        let proxies = crate::db::settings::get(db.conn(), crate::settings::TRUSTED_PROXIES)?
            .unwrap_or_default();
        let trusted_proxies = crate::settings::trusted_proxies(&proxies).unwrap_or_else(|e| {
            tracing::warn!(error = %e, "ignoring the trusted_proxies setting");
            Vec::new()
        });
        let files = files_root.and_then(|root| match mcp::files::Files::open(std::path::Path::new(&root)) {
            Ok(files) => Some(files),
            Err(e) => {
                tracing::warn!(error = %e, root, "the files directory is unusable; the file tools are off");
                None
            }
        });
        let db = SharedDb::new(db);
        let audit = audit::Writer::spawn(db.clone());
        let shutdown = CancellationToken::new();
        let builtin_tools = mcp::builtin::Builtin::new(files, audit.clone());
        let builtin = mcp::builtin_service(builtin_tools.clone(), shutdown.child_token());
        Ok(AppState(Arc::new(Inner {
            db,
            issuer: Issuer::new(&config.issuer),
            limits: Limits::default(),
            documents: cimd::Fetcher::new(config.allow_private_documents),
            idps: oauth::idp::Idps::default(),
            gate: Gate::new(watch),
            audit: audit.clone(),
            builtin,
            builtin_tools,
            proxy: mcp::proxy::Proxy::default(),
            stdio: mcp::stdio::Stdio::new(
                audit.clone(),
                std::time::Duration::from_secs(idle.max(1) as u64),
                shutdown.clone(),
            ),
            trusted_proxies,
            default_upstream: config.default_command.clone().map(|command| {
                Arc::new(crate::db::upstreams::Upstream {
                    name: "mcp".into(),
                    target: crate::db::upstreams::Target::Stdio { command },
                    env: Default::default(),
                    headers: Default::default(),
                    read_only: false,
                    created_at: crate::db::Timestamp::now(),
                })
            }),
            shutdown,
        })))
    }
}

/// Every route the server answers, under the issuer's path.
pub fn router(state: AppState) -> Router {
    // Browser-based MCP clients call these cross-origin; they carry no cookies.
    let cors = CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([Method::GET, Method::POST, Method::OPTIONS])
        .allow_headers([
            header::AUTHORIZATION,
            header::CONTENT_TYPE,
            HeaderName::from_static("mcp-protocol-version"),
        ])
        .expose_headers([header::WWW_AUTHENTICATE]);
    let api = Router::new()
        .route(
            "/.well-known/oauth-authorization-server",
            get(oauth::discovery::authorization_server),
        )
        .route(
            "/.well-known/openid-configuration",
            get(oauth::discovery::openid_configuration),
        )
        .route("/oauth/jwks", get(oauth::discovery::jwks))
        .route("/oauth/register", post(oauth::register::register))
        .route("/register", post(oauth::register::register))
        .route("/oauth/token", post(oauth::token::token))
        .route("/token", post(oauth::token::token))
        .route("/oauth/revoke", post(oauth::token::revoke))
        .route("/oauth/introspect", post(oauth::token::introspect))
        .route(
            "/oauth/userinfo",
            get(oauth::token::userinfo).post(oauth::token::userinfo),
        )
        .layer(cors)
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ));
    let pages = Router::new()
        .route("/", get(web::landing))
        .route("/oauth/authorize", get(web::authorize))
        .route("/authorize", get(web::authorize))
        .route("/login", get(web::login_form).post(web::login_submit))
        .route("/login/idp/{name}", post(web::idp::begin))
        .route("/oauth/callback/{name}", get(web::idp::callback))
        .route("/consent", post(web::consent_submit))
        .route("/logout", get(web::logout_form).post(web::logout_submit))
        .layer(axum::middleware::map_response(page_headers))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ));
    // MCP clients may run in browsers too; preflight never needs a token.
    let mcp_cors = CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([Method::GET, Method::POST, Method::DELETE, Method::OPTIONS])
        .allow_headers(Any)
        .expose_headers([
            header::WWW_AUTHENTICATE,
            HeaderName::from_static("mcp-session-id"),
            HeaderName::from_static("mcp-protocol-version"),
        ]);
    let default_mount = match state.default_upstream.clone() {
        Some(upstream) => Router::new().route(
            "/mcp",
            axum::routing::any(move |State(state): State<AppState>, req: Request| {
                mcp::stdio::forward(state, upstream.clone(), req)
            }),
        ),
        None => Router::new().route("/mcp", axum::routing::any(mcp::builtin_endpoint)),
    };
    let mcp = default_mount
        .route("/mcp/{name}", axum::routing::any(mcp::proxy::forward))
        .route(
            "/mcp/{name}/{*rest}",
            axum::routing::any(mcp::proxy::forward),
        )
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            mcp::gate::protect,
        ))
        .layer(mcp_cors.clone());
    let routes = Router::new()
        .merge(api)
        .merge(pages)
        .merge(mcp)
        .route("/static/mcpauth.css", get(web::stylesheet))
        .route("/healthz", get(healthz));

    let base = state.issuer.base_path().to_owned();
    let mut app = if base.is_empty() {
        routes
    } else {
        Router::new().nest(&base, routes)
    };
    if !base.is_empty() {
        // RFC 8414 §3.1: for an issuer with a path, metadata lives at the path-inserted URL.
        app = app.route(
            &format!("/.well-known/oauth-authorization-server{base}"),
            get(oauth::discovery::authorization_server),
        );
    }
    // RFC 9728 §3.1: each mount's metadata at the well-known path inserted before its path;
    // the bare well-known URL describes the default mount.
    let resource_metadata = Router::new()
        .route(
            "/.well-known/oauth-protected-resource",
            get(mcp::default_metadata),
        )
        .route(
            &format!("/.well-known/oauth-protected-resource{base}/mcp"),
            get(mcp::default_metadata),
        )
        .route(
            &format!("/.well-known/oauth-protected-resource{base}/mcp/{{name}}"),
            get(mcp::mount_metadata),
        )
        .layer(mcp_cors);
    app = app.merge(resource_metadata);
    app.layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(
            // Paths only: query strings may carry codes or state.
            TraceLayer::new_for_http()
                .make_span_with(|req: &Request| {
                    tracing::info_span!("http", method = %req.method(), path = %req.uri().path())
                })
                .on_response(DefaultOnResponse::new().level(tracing::Level::INFO)),
        )
        .with_state(state)
}

/// Security headers for HTML pages. No `form-action`: Chrome applies it to the redirect that
/// follows the consent form, which goes to the client's own redirect URI.
async fn page_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'",
        ),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// Liveness and a database round trip.
async fn healthz(State(state): State<AppState>) -> Response {
    let ok = state
        .db
        .call(|db| {
            db.conn()
                .query_row("SELECT 1", [], |r| r.get::<_, i64>(0))
                .map_err(crate::db::Error::from)
        })
        .await;
    match ok {
        Ok(_) => (StatusCode::OK, "ok\n").into_response(),
        Err(e) => {
            tracing::error!(error = %e, "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable\n").into_response()
        }
    }
}

/// Serves `app` on `listener` until `shutdown` completes, then lets in-flight requests finish.
pub async fn serve<L>(
    app: Router,
    listener: L,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()>
where
    L: Listener<Addr = SocketAddr>,
    Peer: for<'a> Connected<IncomingStream<'a, L>>,
{
    axum::serve(listener, app.into_make_service_with_connect_info::<Peer>())
        .with_graceful_shutdown(shutdown)
        .await
}

/// The TCP peer of a connection (behind a reverse proxy, the proxy).
#[derive(Debug, Clone, Copy)]
pub struct Peer(pub SocketAddr);

impl AppState {
    /// The client's address: the TCP peer, unless that is a trusted proxy, in which case the
    /// nearest `X-Forwarded-For` hop that is not itself a trusted proxy. Rate limits and the
    /// audit log use this.
    pub fn client_ip(&self, peer: &Peer, headers: &axum::http::HeaderMap) -> String {
        let trusted =
            |ip: &std::net::IpAddr| self.trusted_proxies.iter().any(|net| net.contains(ip));
        let mut ip = peer.0.ip();
        if trusted(&ip) {
            let hops = headers
                .get_all("x-forwarded-for")
                .iter()
                .filter_map(|v| v.to_str().ok())
                .flat_map(|v| v.split(','))
                .filter_map(|hop| hop.trim().parse::<std::net::IpAddr>().ok())
                .collect::<Vec<_>>();
            for hop in hops.into_iter().rev() {
                ip = hop;
                if !trusted(&hop) {
                    break;
                }
            }
        }
        ip.to_string()
    }
}

impl Connected<IncomingStream<'_, TcpListener>> for Peer {
    fn connect_info(stream: IncomingStream<'_, TcpListener>) -> Peer {
        Peer(*stream.remote_addr())
    }
}

impl Connected<IncomingStream<'_, TlsListener>> for Peer {
    fn connect_info(stream: IncomingStream<'_, TlsListener>) -> Peer {
        Peer(*stream.remote_addr())
    }
}

/// How long a client may take over its TLS handshake.
const TLS_HANDSHAKE: Duration = Duration::from_secs(10);

/// Accepts TCP connections and completes TLS handshakes off the accept path, so one slow
/// client cannot hold up the others.
pub struct TlsListener {
    ready: mpsc::Receiver<(TlsStream<TcpStream>, SocketAddr)>,
    local: SocketAddr,
}

impl TlsListener {
    pub fn new(tcp: TcpListener, acceptor: TlsAcceptor) -> TlsListener {
        let (tx, ready) = mpsc::channel(64);
        let local = tcp
            .local_addr()
            .unwrap_or_else(|_| SocketAddr::from(([0, 0, 0, 0], 0)));
        tokio::spawn(async move {
            loop {
                let (stream, peer) = match tcp.accept().await {
                    Ok(accepted) => accepted,
                    Err(e) => {
                        tracing::debug!(error = %e, "accept failed");
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                };
                let (acceptor, tx) = (acceptor.clone(), tx.clone());
                tokio::spawn(async move {
                    if let Ok(Ok(tls)) =
                        tokio::time::timeout(TLS_HANDSHAKE, acceptor.accept(stream)).await
                    {
                        let _ = tx.send((tls, peer)).await;
                    }
                });
            }
        });
        TlsListener { ready, local }
    }
}

impl Listener for TlsListener {
    type Io = TlsStream<TcpStream>;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        match self.ready.recv().await {
            Some(accepted) => accepted,
            // The accept task never ends while the listener lives; if it did, wait forever.
            None => std::future::pending().await,
        }
    }

    fn local_addr(&self) -> std::io::Result<Self::Addr> {
        Ok(self.local)
    }
}
