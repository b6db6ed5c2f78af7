//! `mcpauth serve`: run the HTTP server until SIGTERM or SIGINT.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context as _, anyhow};
use clap::ValueEnum;
use tokio::net::TcpListener;
use tokio::signal::unix::{SignalKind, signal};
use tokio_rustls::TlsAcceptor;
use tracing_subscriber::EnvFilter;

use crate::db::{Db, settings as stored};
use crate::server::{self, AppState, Config};
use crate::settings;

/// How long in-flight requests may run on after a stop signal.
const DRAIN: Duration = Duration::from_secs(10);

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Address and port to listen on [default: the listen setting]
    #[arg(
        long,
        env = "MCPAUTH_LISTEN",
        hide_env_values = true,
        value_name = "ADDR"
    )]
    listen: Option<String>,

    /// Public base URL clients reach this server at [default: the issuer setting]
    #[arg(
        long,
        env = "MCPAUTH_ISSUER",
        hide_env_values = true,
        value_name = "URL"
    )]
    issuer: Option<String>,

    /// Serve https with this PEM certificate chain
    #[arg(
        long,
        env = "MCPAUTH_TLS_CERT",
        hide_env_values = true,
        value_name = "FILE",
        requires = "tls_key"
    )]
    tls_cert: Option<PathBuf>,

    /// The PEM private key of --tls-cert
    #[arg(
        long,
        env = "MCPAUTH_TLS_KEY",
        hide_env_values = true,
        value_name = "FILE",
        requires = "tls_cert"
    )]
    tls_key: Option<PathBuf>,

    /// Log line format
    #[arg(long, value_enum, default_value_t = LogFormat::Text, env = "MCPAUTH_LOG_FORMAT", hide_env_values = true)]
    log_format: LogFormat,

    /// Serve this stdio MCP server at /mcp instead of the built-in tools (not stored)
    #[arg(last = true, value_name = "CMD")]
    command: Vec<String>,

    /// Fetch client metadata documents from loopback and private addresses (testing only)
    #[arg(
        long,
        hide = true,
        env = "MCPAUTH_ALLOW_PRIVATE_DOCUMENTS",
        hide_env_values = true
    )]
    allow_private_documents: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

pub fn run(path: &Path, args: Args, verbosity: i8) -> anyhow::Result<()> {
    init_logging(args.log_format, verbosity);
    let db = Db::open(path)?;
    let saved = stored::all(db.conn())?;
    let issuer = args
        .issuer
        .or_else(|| saved.get(settings::ISSUER).cloned())
        .context("no issuer: pass --issuer URL or run 'mcpauth settings set issuer URL'")?;
    let issuer = settings::issuer(&issuer).map_err(|e| anyhow!("issuer: {e}"))?;
    let listen = args
        .listen
        .or_else(|| saved.get(settings::LISTEN).cloned())
        .unwrap_or_else(|| settings::DEFAULT_LISTEN.into());
    let listen = settings::listen(&listen).map_err(|e| anyhow!("--listen: {e}"))?;
    let tls = match (&args.tls_cert, &args.tls_key) {
        (Some(cert), Some(key)) => Some(tls_acceptor(cert, key)?),
        _ => None,
    };
    let config = Config {
        issuer,
        allow_private_documents: args.allow_private_documents,
        default_command: (!args.command.is_empty()).then_some(args.command),
    };
    if config.allow_private_documents {
        tracing::warn!(
            "fetching client metadata documents from private addresses is allowed: for tests only"
        );
    }
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?
        .block_on(serve(db, config, listen, tls))
}

async fn serve(
    db: Db,
    config: Config,
    listen: SocketAddr,
    tls: Option<TlsAcceptor>,
) -> anyhow::Result<()> {
    let listener = TcpListener::bind(listen)
        .await
        .with_context(|| format!("cannot listen on {listen}: is another server using it?"))?;
    let local = listener.local_addr()?;
    let issuer = settings::issuer_string(&config.issuer);
    let state = AppState::new(db, &config)?;
    let app = server::router(state.clone());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let shutdown = async {
        let _ = stopped.await;
    };
    let scheme = if tls.is_some() { "https" } else { "http" };
    let mut running = match tls {
        Some(acceptor) => tokio::spawn(server::serve(
            app,
            server::TlsListener::new(listener, acceptor),
            shutdown,
        )),
        None => tokio::spawn(server::serve(app, listener, shutdown)),
    };
    tracing::info!(issuer = %issuer, "listening on {scheme}://{local}");
    notify_systemd(sd_notify::NotifyState::Ready);

    let mut interrupt = signal(SignalKind::interrupt())?;
    let mut terminate = signal(SignalKind::terminate())?;
    tokio::select! {
        _ = interrupt.recv() => {}
        _ = terminate.recv() => {}
        result = &mut running => {
            return match result {
                Ok(Ok(())) => Ok(()),
                Ok(Err(e)) => Err(anyhow!("the server stopped: {e}")),
                Err(e) => Err(anyhow!("the server task failed: {e}")),
            };
        }
    }
    tracing::info!(
        "stopping: finishing in-flight requests (up to {}s)",
        DRAIN.as_secs()
    );
    notify_systemd(sd_notify::NotifyState::Stopping);
    let _ = stop.send(());
    state.shutdown.cancel();
    match tokio::time::timeout(DRAIN, running).await {
        Ok(_) => tracing::info!("stopped"),
        Err(_) => tracing::warn!(
            "requests were still running after {}s; stopped anyway",
            DRAIN.as_secs()
        ),
    }
    state.audit.flush().await;
    Ok(())
}

fn notify_systemd(state: sd_notify::NotifyState<'_>) {
    // Outside systemd NOTIFY_SOCKET is unset and this does nothing.
    if let Err(e) = sd_notify::notify(false, &[state]) {
        tracing::warn!(error = %e, "cannot notify systemd");
    }
}

/// Logs to stderr; `RUST_LOG` overrides the level chosen with -v / -q.
fn init_logging(format: LogFormat, verbosity: i8) {
    let level = match verbosity {
        i8::MIN..=-1 => "warn",
        0 => "info",
        1 => "debug",
        _ => "trace",
    };
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new(format!("mcpauth={level},tower_http={level},warn")));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let _ = match format {
        LogFormat::Text => builder.try_init(),
        LogFormat::Json => builder.json().try_init(),
    };
}

fn tls_acceptor(cert: &Path, key: &Path) -> anyhow::Result<TlsAcceptor> {
    let read = |p: &Path| std::fs::read(p).with_context(|| format!("cannot read {}", p.display()));
    let certs = rustls_pemfile::certs(&mut read(cert)?.as_slice())
        .collect::<Result<Vec<_>, _>>()
        .with_context(|| format!("{} holds no PEM certificate", cert.display()))?;
    let key = rustls_pemfile::private_key(&mut read(key)?.as_slice())
        .ok()
        .flatten()
        .with_context(|| format!("{} holds no PEM private key", key.display()))?;
    let mut config = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()?
    .with_no_client_auth()
    .with_single_cert(certs, key)
    .context("the TLS certificate and key do not fit together")?;
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(TlsAcceptor::from(Arc::new(config)))
}
