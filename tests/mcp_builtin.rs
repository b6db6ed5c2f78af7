//! The protected MCP endpoint with the built-in tools, over raw HTTP.

use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use serde_json::{Value, json};

use crate::harness::*;
use crate::util::*;

/// The `_meta` every 2026-07-28 request carries.
pub fn meta_2026() -> Value {
    json!({ "io.modelcontextprotocol/protocolVersion": "2026-07-28", "io.modelcontextprotocol/clientCapabilities": {},
            "io.modelcontextprotocol/clientInfo": { "name": "test", "version": "1" } })
}

/// A stateless 2026-07-28 request.
pub async fn call_2026(
    srv: &TestServer,
    token: &str,
    method: &str,
    mut params: Value,
) -> (StatusCode, HeaderMap, Value) {
    params["_meta"] = meta_2026();
    let name = params["name"].as_str().map(str::to_owned);
    let mut headers = vec![
        ("mcp-protocol-version", "2026-07-28"),
        ("mcp-method", method),
    ];
    if let Some(name) = &name {
        headers.push(("mcp-name", name));
    }
    rpc(
        srv,
        token,
        &headers,
        json!({ "jsonrpc": "2.0", "id": 7, "method": method, "params": params }),
    )
    .await
}

async fn token_with_scope(srv: &TestServer, client: &Client, scope: &str) -> String {
    let mut browser = srv.signed_in_browser().await;
    let pkce = Pkce::new();
    let code = srv
        .authorize(&mut browser, client, &pkce, &[("scope", scope)])
        .await;
    let (_, tokens) = srv
        .token(
            client,
            &[
                ("grant_type", "authorization_code"),
                ("code", &code),
                ("code_verifier", &pkce.verifier),
            ],
        )
        .await;
    tokens["access_token"].as_str().unwrap().to_owned()
}

/// Polls the audit log (written in the background) for `kind` until `n` rows exist.
pub async fn audited(env: &Env, kind: &str, n: usize) -> Vec<Value> {
    for _ in 0..100 {
        let rows = env.audit(kind);
        if rows.len() >= n {
            return rows;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("fewer than {n} {kind} audit rows");
}

/// A JSON-RPC exchange with /mcp: status, headers, and the JSON-RPC message (from a JSON body
/// or the first SSE `data:` line).
pub async fn rpc(
    srv: &TestServer,
    token: &str,
    headers: &[(&str, &str)],
    body: Value,
) -> (StatusCode, HeaderMap, Value) {
    let mut req = srv
        .http()
        .post(srv.at("/mcp"))
        .bearer_auth(token)
        .header("accept", "application/json, text/event-stream")
        .json(&body);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let res = req.send().await.unwrap();
    let (status, headers) = (res.status(), res.headers().clone());
    let text = res.text().await.unwrap();
    let message = response(&text);
    (status, headers, message)
}

pub fn initialize(version: &str) -> Value {
    json!({ "jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
        "protocolVersion": version, "capabilities": {}, "clientInfo": { "name": "test", "version": "1" } } })
}

/// Opens a handshake session; returns its id.
pub async fn open_session(srv: &TestServer, token: &str, version: &str) -> String {
    let (status, headers, message) = rpc(srv, token, &[], initialize(version)).await;
    assert_eq!(status, StatusCode::OK, "{message}");
    assert_eq!(message["result"]["protocolVersion"], version, "{message}");
    let session = headers["mcp-session-id"].to_str().unwrap().to_owned();
    let (status, _, _) = rpc(
        srv,
        token,
        &[
            ("mcp-session-id", &session),
            ("mcp-protocol-version", version),
        ],
        json!({ "jsonrpc": "2.0", "method": "notifications/initialized" }),
    )
    .await;
    assert_eq!(status, StatusCode::ACCEPTED);
    session
}

#[tokio::test]
async fn unauthenticated_requests_get_the_rfc_9728_challenge() {
    let srv = TestServer::start().await;
    let res = srv
        .http()
        .post(srv.at("/mcp"))
        .json(&initialize("2025-06-18"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    let metadata = srv.at("/.well-known/oauth-protected-resource/mcp");
    assert_eq!(
        res.headers()["www-authenticate"],
        format!("Bearer resource_metadata=\"{metadata}\", scope=\"mcp:read mcp:write\"").as_str()
    );
    let res = srv
        .http()
        .post(srv.at("/mcp"))
        .bearer_auth("not-a-token")
        .json(&initialize("2025-06-18"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    let challenge = res.headers()["www-authenticate"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(challenge.starts_with(&format!("Bearer resource_metadata=\"{metadata}\", scope=\"mcp:read mcp:write\", error=\"invalid_token\"")), "{challenge}");

    // Refused before its body was read, a request's connection is not kept: the response says
    // so, rather than leave the client to send its next request into a closing connection.
    let mut large = initialize("2025-06-18");
    large["params"]["padding"] = Value::String("x".repeat(200_000));
    let res = srv
        .http()
        .post(srv.at("/mcp"))
        .json(&large)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(res.headers()["connection"], "close");
    let res = srv.http().get(srv.at("/mcp")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert!(
        res.headers().get("connection").is_none(),
        "no body, nothing to close for"
    );

    // The metadata names this server and the resource exactly as clients address it.
    for path in [
        "/.well-known/oauth-protected-resource",
        "/.well-known/oauth-protected-resource/mcp",
    ] {
        let prm: Value = srv
            .http()
            .get(srv.at(path))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(prm["resource"], srv.resource());
        assert_eq!(prm["authorization_servers"], json!([srv.url]));
        assert_eq!(prm["scopes_supported"], json!(["mcp:read", "mcp:write"]));
    }
    let missing = srv
        .http()
        .get(srv.at("/.well-known/oauth-protected-resource/mcp/notes"))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    srv.env
        .mcpauth([
            "upstream",
            "add",
            "notes",
            "--url",
            "http://127.0.0.1:9/mcp",
        ])
        .succeeds();
    let prm: Value = srv
        .http()
        .get(srv.at("/.well-known/oauth-protected-resource/mcp/notes"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(prm["resource"], srv.at("/mcp/notes"));
}

#[tokio::test]
async fn a_token_for_another_mount_is_refused() {
    let srv = TestServer::start().await;
    srv.env
        .mcpauth([
            "upstream",
            "add",
            "notes",
            "--url",
            "http://127.0.0.1:9/mcp",
        ])
        .succeeds();
    let client = srv.public_client().await;
    let mut browser = srv.signed_in_browser().await;
    let pkce = Pkce::new();
    let code = srv
        .authorize(
            &mut browser,
            &client,
            &pkce,
            &[("resource", &srv.at("/mcp/notes"))],
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
    let (status, headers, _) = rpc(
        &srv,
        tokens["access_token"].as_str().unwrap(),
        &[],
        initialize("2025-06-18"),
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(
        headers["www-authenticate"]
            .to_str()
            .unwrap()
            .contains("another resource")
    );
}

#[tokio::test]
async fn a_read_only_token_lists_and_reads_but_may_not_write() {
    let srv = TestServer::start().await;
    std::fs::write(srv.env.path("state/files/hello.txt"), "hi there").unwrap();
    let client = srv.public_client().await;
    let token = token_with_scope(&srv, &client, "mcp:read").await;
    let session = open_session(&srv, &token, "2025-06-18").await;
    let h = [
        ("mcp-session-id", session.as_str()),
        ("mcp-protocol-version", "2025-06-18"),
    ];
    let (_, _, listed) = rpc(
        &srv,
        &token,
        &h,
        json!({ "jsonrpc": "2.0", "id": 2, "method": "tools/list" }),
    )
    .await;
    let names: Vec<&str> = listed["result"]["tools"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["whoami", "list_directory", "read_file", "search_files"]
    );
    let read = json!({ "jsonrpc": "2.0", "id": 3, "method": "tools/call", "params": { "name": "read_file", "arguments": { "path": "hello.txt" } } });
    let (status, _, result) = rpc(&srv, &token, &h, read).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(result["result"]["content"][0]["text"], "hi there");

    let write = json!({ "jsonrpc": "2.0", "id": 4, "method": "tools/call", "params": { "name": "write_file", "arguments": { "path": "x.txt", "content": "no" } } });
    let (status, headers, body) = rpc(&srv, &token, &h, write).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let challenge = headers["www-authenticate"].to_str().unwrap();
    assert!(
        challenge.starts_with("Bearer error=\"insufficient_scope\", scope=\"mcp:write\""),
        "{challenge}"
    );
    assert!(challenge.contains(&format!(
        "resource_metadata=\"{}\"",
        srv.at("/.well-known/oauth-protected-resource/mcp")
    )));
    assert_eq!(body["error"], "insufficient_scope");
    assert!(!srv.env.path("state/files/x.txt").exists());
    // Nor can a batch carry the call past the check.
    let batch = json!([{ "jsonrpc": "2.0", "id": 5, "method": "tools/call", "params": { "name": "write_file", "arguments": { "path": "x.txt", "content": "no" } } }]);
    let (status, _, body) = rpc(&srv, &token, &h, batch).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(!srv.env.path("state/files/x.txt").exists());

    // With mcp:write the same call goes through.
    let writer = token_with_scope(&srv, &client, "mcp:read mcp:write").await;
    let (status, _, body) = call_2026(
        &srv,
        &writer,
        "tools/call",
        json!({ "name": "write_file", "arguments": { "path": "x.txt", "content": "yes" } }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        std::fs::read_to_string(srv.env.path("state/files/x.txt")).unwrap(),
        "yes"
    );
}

#[tokio::test]
async fn a_session_belongs_to_the_user_who_opened_it() {
    let srv = TestServer::start().await;
    srv.env
        .mcpauth(["user", "add", "bob@example.com", "--password-stdin"])
        .stdin(PASSWORD)
        .succeeds();
    let client = srv.public_client().await;
    let alice = srv.tokens_for(&client).await["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let bob = {
        let mut browser = srv.signed_in_browser_as("bob@example.com", PASSWORD).await;
        let pkce = Pkce::new();
        let code = srv.authorize(&mut browser, &client, &pkce, &[]).await;
        let (_, t) = srv
            .token(
                &client,
                &[
                    ("grant_type", "authorization_code"),
                    ("code", &code),
                    ("code_verifier", &pkce.verifier),
                ],
            )
            .await;
        t["access_token"].as_str().unwrap().to_owned()
    };
    let session = open_session(&srv, &alice, "2025-11-25").await;
    let h = [
        ("mcp-session-id", session.as_str()),
        ("mcp-protocol-version", "2025-11-25"),
    ];
    let whoami = json!({ "jsonrpc": "2.0", "id": 2, "method": "tools/call", "params": { "name": "whoami", "arguments": {} } });
    let (status, _, me) = rpc(&srv, &alice, &h, whoami.clone()).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(me["result"]["structuredContent"]["email"], ADMIN);
    let (status, _, _) = rpc(&srv, &bob, &h, whoami.clone()).await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "another user cannot use the session"
    );
    let res = srv
        .http()
        .delete(srv.at("/mcp"))
        .bearer_auth(&bob)
        .header("mcp-session-id", &session)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND, "nor end it");
    let res = srv
        .http()
        .delete(srv.at("/mcp"))
        .bearer_auth(&alice)
        .header("mcp-session-id", &session)
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success());
    let (status, _, _) = rpc(&srv, &alice, &h, whoami).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "an ended session is gone");
}

#[tokio::test]
async fn origin_is_checked_and_preflight_needs_no_token() {
    let srv = TestServer::start().await;
    let client = srv.public_client().await;
    let token = srv.tokens_for(&client).await["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let (status, _, _) = rpc(
        &srv,
        &token,
        &[("origin", "https://evil.example")],
        initialize("2025-06-18"),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _, _) = rpc(
        &srv,
        &token,
        &[("origin", &srv.url)],
        initialize("2025-06-18"),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let (status, _, _) = rpc(
        &srv,
        &token,
        &[("origin", "http://localhost:6274")],
        initialize("2025-06-18"),
    )
    .await;
    assert_eq!(
        status,
        StatusCode::OK,
        "local tools such as the MCP Inspector"
    );
    let res = srv
        .http()
        .request(reqwest::Method::OPTIONS, srv.at("/mcp"))
        .header("origin", "http://localhost:6274")
        .header("access-control-request-method", "POST")
        .header(
            "access-control-request-headers",
            "authorization, content-type, mcp-protocol-version",
        )
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success());
    let res = srv
        .http()
        .post(srv.at("/mcp"))
        .header("origin", "http://localhost:6274")
        .json(&initialize("2025-06-18"))
        .send()
        .await
        .unwrap();
    let exposed = res.headers()["access-control-expose-headers"]
        .to_str()
        .unwrap()
        .to_lowercase();
    for h in ["www-authenticate", "mcp-session-id", "mcp-protocol-version"] {
        assert!(exposed.contains(h), "{exposed}");
    }
}

#[tokio::test]
async fn the_files_tools_refuse_traversal_absolute_paths_and_symlink_escapes() {
    let srv = TestServer::start().await;
    let root = srv.env.path("state/files");
    std::fs::write(srv.env.path("secret.txt"), "keep out").unwrap();
    std::os::unix::fs::symlink(srv.env.path("secret.txt"), root.join("link")).unwrap();
    std::os::unix::fs::symlink(srv.env.dir.path(), root.join("up")).unwrap();
    let client = srv.public_client().await;
    let token = srv.tokens_for(&client).await["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    for (tool, args) in [
        ("read_file", json!({ "path": "../../secret.txt" })),
        (
            "read_file",
            json!({ "path": srv.env.path("secret.txt").to_str().unwrap() }),
        ),
        ("read_file", json!({ "path": "link" })),
        ("read_file", json!({ "path": "up/secret.txt" })),
        ("list_directory", json!({ "path": ".." })),
        ("search_files", json!({ "query": "keep", "path": "../.." })),
        (
            "write_file",
            json!({ "path": "../../secret.txt", "content": "owned" }),
        ),
        ("write_file", json!({ "path": "link", "content": "owned" })),
        (
            "write_file",
            json!({ "path": "up/secret.txt", "content": "owned" }),
        ),
    ] {
        let (status, _, body) = call_2026(
            &srv,
            &token,
            "tools/call",
            json!({ "name": tool, "arguments": args }),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{tool} {args}: {body}");
        assert_eq!(body["result"]["isError"], true, "{tool} {args}: {body}");
        assert!(
            body["result"]["content"][0]["text"]
                .as_str()
                .unwrap()
                .contains("outside the files directory"),
            "{body}"
        );
    }
    assert_eq!(
        std::fs::read_to_string(srv.env.path("secret.txt")).unwrap(),
        "keep out"
    );
    let (_, _, found) = call_2026(
        &srv,
        &token,
        "tools/call",
        json!({ "name": "search_files", "arguments": { "query": "keep" } }),
    )
    .await;
    assert_eq!(
        found["result"]["structuredContent"]["matches"],
        json!([]),
        "search does not follow symlinks out"
    );
    std::fs::write(root.join("photo.bin"), [0u8, 1, 2, 255]).unwrap();
    let (_, _, binary) = call_2026(
        &srv,
        &token,
        "tools/call",
        json!({ "name": "read_file", "arguments": { "path": "photo.bin" } }),
    )
    .await;
    assert!(
        binary["result"]["content"][0]["text"]
            .as_str()
            .unwrap()
            .contains("binary"),
        "{binary}"
    );
}

#[tokio::test]
async fn the_stateless_revision_discovers_and_marks_cacheable_results() {
    let srv = TestServer::start().await;
    let client = srv.public_client().await;
    let token = srv.tokens_for(&client).await["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let (status, headers, found) = call_2026(&srv, &token, "server/discover", json!({})).await;
    assert_eq!(status, StatusCode::OK, "{found}");
    assert!(
        headers.get("mcp-session-id").is_none(),
        "no sessions at 2026-07-28"
    );
    let result = &found["result"];
    assert!(
        result["supportedVersions"]
            .to_string()
            .contains("2025-06-18")
            && result["supportedVersions"]
                .to_string()
                .contains("2026-07-28")
    );
    assert!(
        result["ttlMs"].is_u64() && result["cacheScope"].is_string(),
        "{result}"
    );
    let (_, _, listed) = call_2026(&srv, &token, "tools/list", json!({})).await;
    assert_eq!(
        listed["result"]["cacheScope"], "private",
        "the list is filtered by the caller's scopes"
    );
    assert!(listed["result"]["ttlMs"].as_u64().unwrap() > 0);

    let (status, _, _) = rpc(
        &srv,
        &token,
        &[("mcp-protocol-version", "1999-01-01")],
        json!({ "jsonrpc": "2.0", "id": 1, "method": "tools/list" }),
    )
    .await;
    assert_eq!(
        status,
        StatusCode::BAD_REQUEST,
        "an unsupported MCP-Protocol-Version"
    );
}

#[tokio::test]
async fn tool_calls_are_audited_and_cli_revocation_bites_at_the_next_call() {
    let srv = TestServer::start().await;
    let client = srv.public_client().await;
    let token = srv.tokens_for(&client).await["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let whoami = json!({ "name": "whoami", "arguments": {} });
    let (status, _, _) = call_2026(&srv, &token, "tools/call", whoami.clone()).await;
    assert_eq!(status, StatusCode::OK);
    let rows = audited(&srv.env, "tool.call", 1).await;
    assert_eq!(rows[0]["user"], ADMIN);
    assert_eq!(rows[0]["client_id"], client.id.as_str());
    assert_eq!(rows[0]["detail"]["tool"], "whoami");
    assert_eq!(rows[0]["detail"]["outcome"], "ok");
    assert!(rows[0]["detail"]["duration_ms"].is_u64());
    assert!(
        rows[0]["detail"].get("arguments").is_none(),
        "arguments are not stored"
    );

    // The verified token is cached; a revocation from the CLI still bites at once.
    let (status, _, _) = call_2026(&srv, &token, "tools/call", whoami.clone()).await;
    assert_eq!(status, StatusCode::OK);
    srv.env.mcpauth(["token", "revoke", "--all"]).succeeds();
    let (status, _, _) = call_2026(&srv, &token, "tools/call", whoami.clone()).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    let token = srv.tokens_for(&client).await["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let (status, _, _) = call_2026(&srv, &token, "tools/call", whoami.clone()).await;
    assert_eq!(status, StatusCode::OK);
    srv.env.mcpauth(["user", "disable", ADMIN]).succeeds();
    let (status, _, _) = call_2026(&srv, &token, "tools/call", whoami).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}
