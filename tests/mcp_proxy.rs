//! HTTP upstreams through the proxy: streaming, credentials, scopes, read-only mounts, audit.

use std::time::Instant;

use futures_util::StreamExt;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::harness::*;
use crate::mcp_builtin::{audited, initialize};
use crate::util::{ADMIN, PASSWORD};

/// A token for the mount `name` with `scope`.
async fn mount_token(srv: &TestServer, name: &str, scope: &str) -> String {
    mount_token_as(srv, ADMIN, name, scope).await
}

async fn mount_token_as(srv: &TestServer, email: &str, name: &str, scope: &str) -> String {
    let client = srv.public_client().await;
    let mut browser = srv.signed_in_browser_as(email, PASSWORD).await;
    let pkce = Pkce::new();
    let code = srv
        .authorize(
            &mut browser,
            &client,
            &pkce,
            &[
                ("scope", scope),
                ("resource", &srv.at(&format!("/mcp/{name}"))),
            ],
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

/// POSTs to a mount; returns the status, the session id, and the messages of the body.
async fn post(
    srv: &TestServer,
    name: &str,
    token: &str,
    session: Option<&str>,
    body: Value,
) -> (StatusCode, Option<String>, Vec<Value>) {
    let mut req = srv
        .http()
        .post(srv.at(&format!("/mcp/{name}")))
        .bearer_auth(token)
        .header("accept", "application/json, text/event-stream")
        .header("mcp-protocol-version", "2025-06-18")
        .json(&body);
    if let Some(s) = session {
        req = req.header("mcp-session-id", s);
    }
    let res = req.send().await.unwrap();
    let status = res.status();
    let session = res
        .headers()
        .get("mcp-session-id")
        .map(|v| v.to_str().unwrap().to_owned());
    let text = res.text().await.unwrap();
    let messages = messages(&text);
    (status, session, messages)
}

async fn open(srv: &TestServer, name: &str, token: &str) -> String {
    let (status, session, messages) = post(srv, name, token, None, initialize("2025-06-18")).await;
    assert_eq!(status, StatusCode::OK, "{messages:?}");
    let session = session.expect("the upstream opened a session");
    let (status, _, _) = post(
        srv,
        name,
        token,
        Some(&session),
        json!({ "jsonrpc": "2.0", "method": "notifications/initialized" }),
    )
    .await;
    assert_eq!(status, StatusCode::ACCEPTED);
    session
}

fn call(tool: &str, args: Value) -> Value {
    json!({ "jsonrpc": "2.0", "id": 9, "method": "tools/call", "params": { "name": tool, "arguments": args } })
}

fn result_text(messages: &[Value]) -> String {
    let last = messages
        .iter()
        .find(|m| m.get("id").is_some())
        .unwrap_or_else(|| panic!("no response in {messages:?}"));
    last["result"]["content"][0]["text"]
        .as_str()
        .unwrap_or_else(|| panic!("no text in {last}"))
        .to_owned()
}

#[tokio::test(flavor = "multi_thread")]
async fn tools_of_an_http_upstream_pass_through_without_the_clients_token() {
    let upstream = crate::upstream::start().await;
    let srv = TestServer::start().await;
    srv.env
        .mcpauth([
            "upstream",
            "add",
            "notes",
            "--url",
            &upstream,
            "--header",
            "X-Upstream-Key: k3y",
        ])
        .succeeds();
    let token = mount_token(&srv, "notes", "mcp:read mcp:write").await;
    let session = open(&srv, "notes", &token).await;

    let (_, _, listed) = post(
        &srv,
        "notes",
        &token,
        Some(&session),
        json!({ "jsonrpc": "2.0", "id": 2, "method": "tools/list" }),
    )
    .await;
    let names: Vec<&str> = listed[0]["result"]["tools"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["echo", "headers", "slow", "erase"]);
    assert_eq!(
        result_text(
            &post(
                &srv,
                "notes",
                &token,
                Some(&session),
                call("echo", json!({ "text": "hi" }))
            )
            .await
            .2
        ),
        "hi"
    );

    let seen: Value = serde_json::from_str(&result_text(
        &post(
            &srv,
            "notes",
            &token,
            Some(&session),
            call("headers", json!({})),
        )
        .await
        .2,
    ))
    .unwrap();
    assert!(
        seen.get("authorization").is_none(),
        "the client's token never reaches the upstream: {seen}"
    );
    assert!(seen.get("cookie").is_none());
    assert_eq!(
        seen["x-upstream-key"], "k3y",
        "the upstream's own credential is added"
    );
    assert_eq!(seen["mcp-session-id"], session.as_str());

    let rows = audited(&srv.env, "tool.call", 2).await;
    assert_eq!(rows[0]["detail"]["mount"], "notes");
    assert_eq!(rows[0]["detail"]["tool"], "echo");
    assert_eq!(rows[0]["detail"]["outcome"], "ok");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_streamed_response_arrives_as_it_is_written() {
    let upstream = crate::upstream::start().await;
    let srv = TestServer::start().await;
    srv.env
        .mcpauth(["upstream", "add", "notes", "--url", &upstream])
        .succeeds();
    let token = mount_token(&srv, "notes", "mcp:read").await;
    let session = open(&srv, "notes", &token).await;
    let started = Instant::now();
    let res = srv
        .http()
        .post(srv.at("/mcp/notes"))
        .bearer_auth(&token)
        .header("accept", "application/json, text/event-stream")
        .header("mcp-protocol-version", "2025-06-18")
        .header("mcp-session-id", &session)
        .json(&json!({ "jsonrpc": "2.0", "id": 9, "method": "tools/call",
                       "params": { "name": "slow", "arguments": {}, "_meta": { "progressToken": 1 } } }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["content-type"], "text/event-stream");
    let mut stream = res.bytes_stream();
    let mut seen = String::new();
    let mut first_event = None;
    while let Some(chunk) = stream.next().await {
        seen.push_str(&String::from_utf8_lossy(&chunk.unwrap()));
        if first_event.is_none() && seen.contains("working") {
            first_event = Some(started.elapsed());
        }
    }
    let total = started.elapsed();
    let first_event = first_event.expect("the notification came through");
    assert!(seen.contains("done"));
    assert!(total >= crate::upstream::SLOW);
    assert!(
        first_event + crate::upstream::SLOW / 2 < total,
        "the notification was held back: first {first_event:?}, total {total:?}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn upstream_tools_need_the_scope_their_annotations_call_for() {
    let upstream = crate::upstream::start().await;
    let srv = TestServer::start().await;
    srv.env
        .mcpauth(["upstream", "add", "notes", "--url", &upstream])
        .succeeds();
    let reader = mount_token(&srv, "notes", "mcp:read").await;
    let session = open(&srv, "notes", &reader).await;
    let (status, _, _) = post(
        &srv,
        "notes",
        &reader,
        Some(&session),
        call("echo", json!({ "text": "ok" })),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let (status, _, body) = post(
        &srv,
        "notes",
        &reader,
        Some(&session),
        call("erase", json!({})),
    )
    .await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "erase is not read-only: {body:?}"
    );
    assert_eq!(body[0]["scope"], "mcp:write");
    let (status, _, body) = post(
        &srv,
        "notes",
        &reader,
        Some(&session),
        call("no_such_tool", json!({})),
    )
    .await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "an unknown tool counts as writing: {body:?}"
    );

    let writer = mount_token(&srv, "notes", "mcp:read mcp:write").await;
    let session = open(&srv, "notes", &writer).await;
    assert_eq!(
        result_text(
            &post(
                &srv,
                "notes",
                &writer,
                Some(&session),
                call("erase", json!({}))
            )
            .await
            .2
        ),
        "erased"
    );

    // A read-only mount refuses writing tools whatever the token.
    srv.env
        .mcpauth(["upstream", "add", "safe", "--url", &upstream, "--read-only"])
        .succeeds();
    let writer = mount_token(&srv, "safe", "mcp:read mcp:write").await;
    let session = open(&srv, "safe", &writer).await;
    let (status, _, body) = post(
        &srv,
        "safe",
        &writer,
        Some(&session),
        call("erase", json!({})),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        body[0]["error"]["message"]
            .as_str()
            .unwrap()
            .contains("read-only"),
        "{body:?}"
    );
    let (_, _, listed) = post(
        &srv,
        "safe",
        &writer,
        Some(&session),
        json!({ "jsonrpc": "2.0", "id": 2, "method": "tools/list" }),
    )
    .await;
    let names: Vec<&str> = listed[0]["result"]["tools"]
        .as_array()
        .unwrap_or_else(|| panic!("no tools: {listed:?}"))
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["echo", "headers", "slow"],
        "only read-only tools are listed"
    );
    assert_eq!(
        result_text(
            &post(
                &srv,
                "safe",
                &writer,
                Some(&session),
                call("echo", json!({ "text": "fine" }))
            )
            .await
            .2
        ),
        "fine"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn an_unreachable_upstream_is_a_clear_502() {
    let srv = TestServer::start().await;
    let dead = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    srv.env
        .mcpauth([
            "upstream",
            "add",
            "gone",
            "--url",
            &format!("http://{dead}/mcp"),
        ])
        .succeeds();
    let token = mount_token(&srv, "gone", "mcp:read").await;
    let (status, _, body) = post(&srv, "gone", &token, None, initialize("2025-06-18")).await;
    assert_eq!(status, StatusCode::BAD_GATEWAY);
    assert!(format!("{body:?}").contains("unreachable") || body.is_empty());
    srv.env.mcpauth(["upstream", "remove", "gone"]).succeeds();
    let (status, _, _) = post(&srv, "gone", &token, None, initialize("2025-06-18")).await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "a removed mount is gone at the next request"
    );
}

/// Reads a stream up to its next complete event; `None` when it ends or after 10 s.
async fn next_event(
    stream: &mut (impl futures_util::Stream<Item = reqwest::Result<axum::body::Bytes>> + Unpin),
    seen: &mut String,
) -> Option<String> {
    let deadline = Instant::now() + std::time::Duration::from_secs(10);
    loop {
        if let Some(end) = seen.find("\n\n") {
            let event = seen[..end].to_owned();
            seen.drain(..end + 2);
            return Some(event);
        }
        let left = deadline.checked_duration_since(Instant::now())?;
        let chunk = tokio::time::timeout(left, stream.next()).await.ok()??;
        seen.push_str(&String::from_utf8_lossy(&chunk.ok()?));
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_legacy_sse_session_belongs_to_whoever_opened_it() {
    let upstream = crate::upstream::start_legacy().await;
    let srv = TestServer::start().await;
    srv.env
        .mcpauth(["upstream", "add", "legacy", "--url", &upstream])
        .succeeds();
    srv.env
        .mcpauth(["user", "add", "bob@example.com", "--password-stdin"])
        .stdin(PASSWORD)
        .succeeds();
    let alice = mount_token(&srv, "legacy", "mcp:read").await;
    let bob = mount_token_as(&srv, "bob@example.com", "legacy", "mcp:read").await;

    let res = srv
        .http()
        .get(srv.at("/mcp/legacy"))
        .bearer_auth(&alice)
        .header("accept", "text/event-stream")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let mut stream = res.bytes_stream();
    let mut seen = String::new();
    let endpoint = next_event(&mut stream, &mut seen).await.unwrap();
    let path = endpoint
        .strip_prefix("event: endpoint\ndata: ")
        .unwrap_or_else(|| panic!("not an endpoint event: {endpoint:?}"))
        .to_owned();
    assert!(
        path.starts_with("/mcp/legacy/messages/") && !path.contains("session_id"),
        "the client is given mcpauth's session URL, not the upstream's: {path}"
    );
    let list = json!({ "jsonrpc": "2.0", "id": 1, "method": "tools/list" });
    let post = |token: &str, path: &str| {
        srv.http()
            .post(srv.at(path))
            .bearer_auth(token)
            .json(&list)
            .send()
    };

    let res = post(&bob, &path).await.unwrap();
    assert_eq!(
        res.status(),
        StatusCode::NOT_FOUND,
        "bob cannot post into alice's session"
    );
    let res = post(&alice, &path).await.unwrap();
    assert_eq!(res.status(), StatusCode::ACCEPTED);
    let answer = next_event(&mut stream, &mut seen).await.unwrap();
    let data: Value = serde_json::from_str(answer.split("data: ").nth(1).unwrap()).unwrap();
    assert_eq!(data["result"]["tools"][0]["name"], "ping", "{answer}");

    // mcpauth lists a legacy server's tools over its own stream, so a read-only tool needs
    // only mcp:read.
    let ping = json!({ "jsonrpc": "2.0", "id": 2, "method": "tools/call",
                       "params": { "name": "ping", "arguments": {} } });
    let res = srv
        .http()
        .post(srv.at(&path))
        .bearer_auth(&alice)
        .json(&ping)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::ACCEPTED);
    let answer = next_event(&mut stream, &mut seen).await.unwrap();
    assert!(answer.contains("pong"), "{answer}");

    // Below the mount, nothing else of the upstream is reachable, its own endpoint included.
    for other in [
        "/mcp/legacy/messages/0123",
        "/mcp/legacy/messages?session_id=x",
        "/mcp/legacy/admin",
    ] {
        let res = post(&alice, other).await.unwrap();
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{other}");
    }

    // Once alice's stream is gone, so is her session.
    drop(stream);
    let deadline = Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let status = post(&alice, &path).await.unwrap().status();
        if status == StatusCode::NOT_FOUND {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the session outlived its stream: {status}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}
