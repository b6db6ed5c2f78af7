//! stdio upstreams through the bridge: a child per session, shared children for stateless
//! requests, crashes, idle reaping, scopes.

use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::e2e::python;
use crate::harness::*;
use crate::mcp_builtin::{audited, meta_2026};
use crate::util::*;

fn tool_server() -> String {
    concat!(env!("CARGO_MANIFEST_DIR"), "/tests/e2e/tool_server.py").to_owned()
}

/// A server with the Python tool server mounted over stdio as `tools`.
async fn server_with_stdio_mount() -> TestServer {
    let env = Env::init();
    env.mcpauth([
        "upstream",
        "add",
        "tools",
        "--",
        &python(),
        &tool_server(),
        "stdio",
    ])
    .succeeds();
    TestServer::start_with(env, false).await
}

async fn token_for(srv: &TestServer, email: &str, scope: &str) -> String {
    let client = srv.public_client().await;
    let mut browser = srv.signed_in_browser_as(email, PASSWORD).await;
    let pkce = Pkce::new();
    let code = srv
        .authorize(
            &mut browser,
            &client,
            &pkce,
            &[("scope", scope), ("resource", &srv.at("/mcp/tools"))],
        )
        .await;
    let (_, tokens) = srv
        .token(
            &client,
            &[
                ("grant_type", "authorization_code"),
                ("code", &code),
                ("code_verifier", &pkce.verifier),
            ],
        )
        .await;
    tokens["access_token"].as_str().unwrap().to_owned()
}

async fn post(
    srv: &TestServer,
    token: &str,
    headers: &[(&str, &str)],
    body: Value,
) -> (StatusCode, Option<String>, Value) {
    let mut req = srv
        .http()
        .post(srv.at("/mcp/tools"))
        .bearer_auth(token)
        .header("accept", "application/json, text/event-stream")
        .timeout(Duration::from_secs(150))
        .json(&body);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let res = req.send().await.unwrap();
    let (status, session) = (
        res.status(),
        res.headers()
            .get("mcp-session-id")
            .map(|v| v.to_str().unwrap().to_owned()),
    );
    let text = res.text().await.unwrap();
    let message = response(&text);
    (status, session, message)
}

async fn open(srv: &TestServer, token: &str) -> String {
    let init = json!({ "jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
        "protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": { "name": "t", "version": "1" } } });
    let (status, session, body) = post(srv, token, &[], init).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let session = session.unwrap();
    let h = [
        ("mcp-session-id", session.as_str()),
        ("mcp-protocol-version", "2025-06-18"),
    ];
    post(
        srv,
        token,
        &h,
        json!({ "jsonrpc": "2.0", "method": "notifications/initialized" }),
    )
    .await;
    session
}

async fn call_in(
    srv: &TestServer,
    token: &str,
    session: &str,
    tool: &str,
    args: Value,
) -> (StatusCode, Value) {
    let h = [
        ("mcp-session-id", session),
        ("mcp-protocol-version", "2025-06-18"),
    ];
    let (status, _, body) = post(srv, token, &h, json!({ "jsonrpc": "2.0", "id": 5, "method": "tools/call", "params": { "name": tool, "arguments": args } })).await;
    (status, body)
}

async fn call_stateless(
    srv: &TestServer,
    token: &str,
    tool: &str,
    args: Value,
) -> (StatusCode, Value) {
    let h = [
        ("mcp-protocol-version", "2026-07-28"),
        ("mcp-method", "tools/call"),
        ("mcp-name", tool),
    ];
    let body = json!({ "jsonrpc": "2.0", "id": 6, "method": "tools/call", "params": { "name": tool, "arguments": args, "_meta": meta_2026() } });
    let (status, _, body) = post(srv, token, &h, body).await;
    (status, body)
}

fn text(body: &Value) -> String {
    body["result"]["content"][0]["text"]
        .as_str()
        .unwrap_or_else(|| panic!("no text: {body}"))
        .to_owned()
}

fn alive(pid: &str) -> bool {
    std::path::Path::new(&format!("/proc/{pid}")).exists()
        && !std::fs::read_to_string(format!("/proc/{pid}/stat"))
            .unwrap_or_default()
            .contains(") Z ")
}

async fn gone(pid: &str, within: Duration) -> bool {
    let deadline = Instant::now() + within;
    while Instant::now() < deadline {
        if !alive(pid) {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    false
}

#[tokio::test(flavor = "multi_thread")]
async fn each_session_gets_its_own_child_which_ends_with_the_session() {
    let srv = server_with_stdio_mount().await;
    let token = token_for(&srv, ADMIN, "mcp:read mcp:write").await;
    let first = open(&srv, &token).await;
    let (status, listed) = {
        let h = [
            ("mcp-session-id", first.as_str()),
            ("mcp-protocol-version", "2025-06-18"),
        ];
        let (s, _, b) = post(
            &srv,
            &token,
            &h,
            json!({ "jsonrpc": "2.0", "id": 2, "method": "tools/list" }),
        )
        .await;
        (s, b)
    };
    assert_eq!(status, StatusCode::OK);
    let mut names: Vec<&str> = listed["result"]["tools"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["crash", "echo", "pid", "remember"]);
    assert_eq!(
        text(
            &call_in(&srv, &token, &first, "echo", json!({ "text": "hello" }))
                .await
                .1
        ),
        "hello"
    );
    let pid_a = text(&call_in(&srv, &token, &first, "pid", json!({})).await.1);
    assert_eq!(
        text(&call_in(&srv, &token, &first, "pid", json!({})).await.1),
        pid_a,
        "one child per session"
    );
    let second = open(&srv, &token).await;
    let pid_b = text(&call_in(&srv, &token, &second, "pid", json!({})).await.1);
    assert_ne!(pid_a, pid_b, "another session, another child");
    assert!(alive(&pid_a) && alive(&pid_b));

    let res = srv
        .http()
        .delete(srv.at("/mcp/tools"))
        .bearer_auth(&token)
        .header("mcp-session-id", &first)
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success());
    assert!(
        gone(&pid_a, Duration::from_secs(10)).await,
        "ending the session ends its child"
    );
    assert!(alive(&pid_b));
    let rows = audited(&srv.env, "tool.call", 4).await;
    assert!(rows.iter().all(|r| r["detail"]["mount"] == "tools"));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_child_that_crashes_mid_call_answers_with_an_error_not_a_hang() {
    let srv = server_with_stdio_mount().await;
    let token = token_for(&srv, ADMIN, "mcp:read").await;
    let session = open(&srv, &token).await;
    let pid = text(&call_in(&srv, &token, &session, "pid", json!({})).await.1);
    let started = Instant::now();
    let (status, body) = call_in(&srv, &token, &session, "crash", json!({})).await;
    assert!(started.elapsed() < Duration::from_secs(30), "no hang");
    assert_eq!(status, StatusCode::OK);
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap_or("")
            .contains("exited"),
        "{body}"
    );
    assert!(gone(&pid, Duration::from_secs(5)).await);
    // The next call starts a fresh child.
    let again = text(&call_in(&srv, &token, &session, "pid", json!({})).await.1);
    assert_ne!(again, pid);
    let rows = audited(&srv.env, "tool.call", 3).await;
    assert!(
        rows.iter()
            .any(|r| r["detail"]["tool"] == "crash" && r["detail"]["outcome"] == "upstream_error")
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn stateless_requests_share_a_child_per_user_that_is_reaped_when_idle() {
    let env = Env::init();
    env.mcpauth(["settings", "set", "upstream_idle_timeout", "5"])
        .succeeds();
    env.mcpauth(["user", "add", "bob@example.com", "--password-stdin"])
        .stdin(PASSWORD)
        .succeeds();
    env.mcpauth([
        "upstream",
        "add",
        "tools",
        "--",
        &python(),
        &tool_server(),
        "stdio",
    ])
    .succeeds();
    let srv = TestServer::start_with(env, false).await;
    let alice = token_for(&srv, ADMIN, "mcp:read").await;
    let bob = token_for(&srv, "bob@example.com", "mcp:read").await;
    let (status, body) = call_stateless(&srv, &alice, "pid", json!({})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let alice_pid = text(&body);
    assert_eq!(
        text(&call_stateless(&srv, &alice, "pid", json!({})).await.1),
        alice_pid,
        "reused"
    );
    let bob_pid = text(&call_stateless(&srv, &bob, "pid", json!({})).await.1);
    assert_ne!(alice_pid, bob_pid, "users do not share a child");
    assert!(
        gone(&alice_pid, Duration::from_secs(20)).await,
        "an idle child is reaped"
    );
    assert!(gone(&bob_pid, Duration::from_secs(5)).await);
}

#[tokio::test(flavor = "multi_thread")]
async fn stdio_tools_need_the_scope_their_annotations_call_for() {
    let srv = server_with_stdio_mount().await;
    let reader = token_for(&srv, ADMIN, "mcp:read").await;
    let (status, body) = call_stateless(&srv, &reader, "remember", json!({ "note": "x" })).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert_eq!(
        text(
            &call_stateless(&srv, &reader, "echo", json!({ "text": "ok" }))
                .await
                .1
        ),
        "ok"
    );
    let writer = token_for(&srv, ADMIN, "mcp:read mcp:write").await;
    assert_eq!(
        text(
            &call_stateless(&srv, &writer, "remember", json!({ "note": "x" }))
                .await
                .1
        ),
        "remembered x"
    );

    // Mounted again, read-only and with another environment, while the server runs: the
    // change is honoured at the next request. Writing tools are neither listed nor let
    // through, whatever the token, and the shared child is one of the new definition.
    let before = text(&call_stateless(&srv, &writer, "pid", json!({})).await.1);
    srv.env.mcpauth(["upstream", "remove", "tools"]).succeeds();
    srv.env
        .mcpauth([
            "upstream",
            "add",
            "tools",
            "--read-only",
            "--env",
            "MOUNTED=again",
            "--",
            &python(),
            &tool_server(),
            "stdio",
        ])
        .succeeds();
    let h = [
        ("mcp-protocol-version", "2026-07-28"),
        ("mcp-method", "tools/list"),
    ];
    let list = json!({ "jsonrpc": "2.0", "id": 7, "method": "tools/list", "params": { "_meta": meta_2026() } });
    let (status, _, listed) = post(&srv, &writer, &h, list).await;
    assert_eq!(status, StatusCode::OK, "{listed}");
    let mut names: Vec<&str> = listed["result"]["tools"]
        .as_array()
        .unwrap_or_else(|| panic!("no tools: {listed}"))
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["crash", "echo", "pid"]);
    let after = text(&call_stateless(&srv, &writer, "pid", json!({})).await.1);
    assert_ne!(before, after, "a child of the old definition answered");
    let (_, refused) = call_stateless(&srv, &writer, "remember", json!({ "note": "x" })).await;
    assert!(
        refused["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("read-only")),
        "{refused}"
    );
}
