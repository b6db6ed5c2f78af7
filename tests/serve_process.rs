//! `mcpauth serve` as a process: readiness, systemd notification, TLS, shutdown, and logs
//! that never hold a secret.

use std::io::{BufRead, BufReader};
use std::os::unix::net::UnixDatagram;
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use reqwest::StatusCode;

use crate::harness::*;
use crate::util::*;

struct Process {
    child: Child,
    url: String,
    log: Arc<Mutex<String>>,
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Starts `mcpauth serve` and waits for its "listening on" log line.
fn spawn_serve(
    env: &Env,
    scheme: &str,
    extra: &[&str],
    notify: Option<&std::path::Path>,
) -> Process {
    let port = free_port();
    let url = format!("{scheme}://127.0.0.1:{port}");
    let listen = format!("127.0.0.1:{port}");
    let mut run = env.mcpauth(["-vv", "serve", "--listen", &listen, "--issuer", &url]);
    for arg in extra {
        run = run.arg(arg);
    }
    if let Some(socket) = notify {
        run = run.env("NOTIFY_SOCKET", socket);
    }
    let mut child = run
        .cmd
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let log = Arc::new(Mutex::new(String::new()));
    let stderr = child.stderr.take().unwrap();
    let sink = log.clone();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            sink.lock().unwrap().push_str(&(line + "\n"));
        }
    });
    let deadline = Instant::now() + Duration::from_secs(20);
    while !log.lock().unwrap().contains("listening on") {
        assert!(
            Instant::now() < deadline,
            "serve did not start: {}",
            log.lock().unwrap()
        );
        assert!(
            child.try_wait().unwrap().is_none(),
            "serve exited: {}",
            log.lock().unwrap()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    Process { child, url, log }
}

impl Process {
    /// Sends SIGTERM and waits (bounded) for the exit code.
    fn terminate(&mut self) -> Option<i32> {
        let pid = self.child.id().to_string();
        assert!(
            std::process::Command::new("kill")
                .args(["-TERM", &pid])
                .status()
                .unwrap()
                .success()
        );
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code();
            }
            assert!(
                Instant::now() < deadline,
                "serve did not stop after SIGTERM"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn serve_reports_readiness_stops_on_sigterm_and_never_logs_secrets() {
    let env = Env::init();
    let socket_path = env.path("notify.sock");
    let notify = UnixDatagram::bind(&socket_path).unwrap();
    notify
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let mut proc = spawn_serve(&env, "http", &[], Some(&socket_path));
    let mut buf = [0u8; 256];
    let n = notify.recv(&mut buf).unwrap();
    assert!(String::from_utf8_lossy(&buf[..n]).contains("READY=1"));

    // A whole sign-in through the process, with a confidential client.
    let srv = ExternalServer::new(&proc.url, env);
    let client = srv.0.confidential_client().await;
    let mut browser = srv.0.signed_in_browser().await;
    let pkce = Pkce::new();
    let code = srv.0.authorize(&mut browser, &client, &pkce, &[]).await;
    let (status, tokens) = srv
        .0
        .token(
            &client,
            &[
                ("grant_type", "authorization_code"),
                ("code", &code),
                ("code_verifier", &pkce.verifier),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let session = browser.cookies["mcpauth_session"].clone();

    // An idle keep-alive connection must not hold up the shutdown.
    let _idle = std::net::TcpStream::connect(proc.url.trim_start_matches("http://")).unwrap();
    assert_eq!(proc.terminate(), Some(0));
    let n = notify.recv(&mut buf).unwrap();
    assert!(String::from_utf8_lossy(&buf[..n]).contains("STOPPING=1"));

    let log = proc.log.lock().unwrap().clone();
    assert!(
        log.contains("/oauth/token") && log.contains("stopped"),
        "{log}"
    );
    for secret in [
        PASSWORD,
        &code,
        tokens["access_token"].as_str().unwrap(),
        tokens["refresh_token"].as_str().unwrap(),
        client.secret.as_deref().unwrap(),
        &session,
        &pkce.verifier,
    ] {
        assert!(!log.contains(secret), "a secret reached the log");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn serve_speaks_tls_with_the_given_certificate() {
    let env = Env::init();
    let cert =
        rcgen::generate_simple_self_signed(vec!["127.0.0.1".into(), "localhost".into()]).unwrap();
    std::fs::write(env.path("cert.pem"), cert.cert.pem()).unwrap();
    std::fs::write(env.path("key.pem"), cert.signing_key.serialize_pem()).unwrap();
    let (cert_path, key_path) = (env.path("cert.pem"), env.path("key.pem"));
    let mut proc = spawn_serve(
        &env,
        "https",
        &[
            "--tls-cert",
            cert_path.to_str().unwrap(),
            "--tls-key",
            key_path.to_str().unwrap(),
        ],
        None,
    );
    let http = reqwest::Client::builder()
        .add_root_certificate(reqwest::Certificate::from_pem(cert.cert.pem().as_bytes()).unwrap())
        .build()
        .unwrap();
    let meta: serde_json::Value = http
        .get(format!(
            "{}/.well-known/oauth-authorization-server",
            proc.url
        ))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(meta["issuer"], proc.url);
    assert!(proc.url.starts_with("https://"));
    let res = http
        .get(format!("{}/login", proc.url))
        .send()
        .await
        .unwrap();
    assert!(
        res.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .contains("Secure"),
        "cookies are Secure on https"
    );
    assert_eq!(proc.terminate(), Some(0));
}

#[test]
fn serve_refuses_bad_settings_clearly() {
    let env = Env::init();
    env.mcpauth(["serve", "--listen", "nope"])
        .fails_with("--listen");
    env.mcpauth(["serve", "--issuer", "ftp://x"])
        .fails_with("issuer");
    env.mcpauth([
        "serve",
        "--tls-cert",
        "/nonexistent.pem",
        "--tls-key",
        "/nonexistent.key",
    ])
    .fails_with("cannot read /nonexistent.pem");
    env.mcpauth(["serve", "--tls-cert", "/x.pem"])
        .fails_with_code(2, "--tls-key");
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    env.mcpauth(["-q", "serve", "--listen", &addr])
        .fails_with("cannot listen on");
    Env::empty()
        .mcpauth(["serve"])
        .fails_with("run 'mcpauth init' first");
}

/// The harness's client steps, pointed at a server started as a process.
struct ExternalServer(TestServer);

impl ExternalServer {
    fn new(url: &str, env: Env) -> ExternalServer {
        ExternalServer(TestServer::external(env, url))
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn serve_with_a_command_mounts_it_at_mcp_without_storing_it() {
    let env = Env::init();
    let python = crate::e2e::python();
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/e2e/tool_server.py");
    let mut proc = spawn_serve(&env, "http", &["--", &python, script, "stdio"], None);
    let srv = ExternalServer::new(&proc.url, env);
    let client = srv.0.public_client().await;
    let token = srv.0.tokens_for(&client).await["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let meta = crate::mcp_builtin::meta_2026();
    let res = srv
        .0
        .http()
        .post(srv.0.at("/mcp"))
        .bearer_auth(&token)
        .header("accept", "application/json, text/event-stream")
        .header("mcp-protocol-version", "2026-07-28")
        .header("mcp-method", "tools/call")
        .header("mcp-name", "echo")
        .json(&serde_json::json!({ "jsonrpc": "2.0", "id": 1, "method": "tools/call",
                                   "params": { "name": "echo", "arguments": { "text": "from the command" }, "_meta": meta } }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(
        body["result"]["content"][0]["text"], "from the command",
        "{body}"
    );
    assert_eq!(
        srv.0.env.json(["upstream", "list"]),
        serde_json::json!([]),
        "nothing was stored"
    );
    assert_eq!(proc.terminate(), Some(0));
    let log = proc.log.lock().unwrap().clone();
    assert!(log.contains("started a stdio server"), "{log}");
}
