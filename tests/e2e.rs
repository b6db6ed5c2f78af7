//! Independent clients against the real server.

use crate::harness::*;

use crate::util::*;

/// The Python interpreter of the e2e venv that tests/run.sh installs.
pub fn python() -> String {
    std::env::var("MCPAUTH_TEST_PYTHON").unwrap_or_else(|_| {
        let venv = concat!(env!("CARGO_MANIFEST_DIR"), "/target/e2e-venv/bin/python");
        assert!(
            std::path::Path::new(venv).exists(),
            "the end-to-end tests need their Python venv: run the suite with 'bash tests/run.sh'"
        );
        venv.to_owned()
    })
}

#[tokio::test(flavor = "multi_thread")]
async fn authlib_registers_signs_in_and_refreshes() {
    let srv = TestServer::start().await;
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/e2e/authlib_flow.py");
    let out = tokio::process::Command::new(python())
        .args([script, &srv.url, ADMIN, PASSWORD])
        .output()
        .await
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "authlib flow failed:\n{stderr}");
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary["email"], ADMIN);
    assert_eq!(summary["scope"], "mcp:read mcp:write offline_access");
    assert_eq!(summary["reuse_status"], 400);
    assert_eq!(summary["reuse_error"], "invalid_grant");
    assert_eq!(srv.env.audit("refresh.reuse_detected").len(), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn chromium_signs_in_consents_and_lands_on_the_client_with_accessible_pages() {
    let srv = TestServer::start().await;
    // The sign-in page then offers a provider's button beside the password form.
    srv.env
        .mcpauth([
            "idp",
            "add",
            "github",
            "--client-id",
            "x",
            "--client-secret-stdin",
        ])
        .stdin("unused")
        .succeeds();
    let client = srv
        .register(serde_json::json!({
            "client_name": "Browser Agent", "redirect_uris": ["http://127.0.0.1/callback"], "token_endpoint_auth_method": "none",
        }))
        .await;
    let client = Client {
        id: client["client_id"].as_str().unwrap().to_owned(),
        secret: None,
    };
    let pkce = Pkce::new();
    let modules = std::env::var("MCPAUTH_TEST_NODE_MODULES").unwrap_or_else(|_| {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/target/e2e-node/node_modules");
        assert!(
            std::path::Path::new(dir).exists(),
            "the browser tests need their Node packages: run 'bash tests/run.sh'"
        );
        dir.to_owned()
    });
    let shots = concat!(env!("CARGO_MANIFEST_DIR"), "/target/screenshots");
    std::fs::create_dir_all(shots).unwrap();
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/e2e/browser_flow.mjs");
    let out = tokio::time::timeout(
        std::time::Duration::from_secs(120),
        tokio::process::Command::new("node")
            .args([
                script,
                &srv.url,
                &client.id,
                &pkce.challenge,
                ADMIN,
                PASSWORD,
                shots,
            ])
            .env("MCPAUTH_TEST_NODE_MODULES", modules)
            .kill_on_drop(true)
            .output(),
    )
    .await
    .expect("the browser run finished in time")
    .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "browser flow failed:\n{stderr}");
    let run: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        run["landed"], run["redirectUri"],
        "Chrome followed the redirect after consent"
    );
    assert_eq!(run["state"], "browser-state");
    assert_eq!(run["iss"], srv.url);
    let consent = run["consentText"].as_str().unwrap();
    assert!(
        consent.contains("Browser Agent") && consent.contains("127.0.0.1"),
        "{consent}"
    );
    for page in ["login", "consent"] {
        assert_eq!(
            run["violations"][page],
            serde_json::json!([]),
            "accessibility problems on the {page} page"
        );
    }
    let (status, tokens) = srv
        .token(
            &client,
            &[
                ("grant_type", "authorization_code"),
                ("code", run["code"].as_str().unwrap()),
                ("redirect_uri", run["redirectUri"].as_str().unwrap()),
                ("code_verifier", &pkce.verifier),
            ],
        )
        .await;
    assert_eq!(status, reqwest::StatusCode::OK, "{tokens}");
}

async fn mcp_sdk(mode: &str) {
    let srv = TestServer::start().await;
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/e2e/mcp_sdk_flow.py");
    let out = tokio::time::timeout(
        std::time::Duration::from_secs(120),
        tokio::process::Command::new(python())
            .args([script, &srv.resource(), ADMIN, PASSWORD, mode])
            .kill_on_drop(true)
            .output(),
    )
    .await
    .expect("the SDK run finished in time")
    .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "MCP SDK flow ({mode}) failed:\n{stderr}"
    );
    let run: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        run["tools"],
        serde_json::json!([
            "list_directory",
            "read_file",
            "search_files",
            "whoami",
            "write_file"
        ])
    );
    assert_eq!(run["whoami"]["email"], ADMIN);
    assert_eq!(run["written_error"], false);
    assert_eq!(run["read"], "written by the SDK");
    assert_eq!(run["escape_error"], true);
    assert!(
        run["escape_text"]
            .as_str()
            .unwrap()
            .contains("outside the files directory")
    );
    assert_eq!(
        srv.env.audit("client.registered").len(),
        1,
        "the SDK registered itself"
    );
    assert_eq!(
        std::fs::read_to_string(srv.env.path("state/files/sdk.txt")).unwrap(),
        "written by the SDK"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_official_mcp_sdk_signs_in_and_calls_tools_statelessly() {
    mcp_sdk("auto").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_official_mcp_sdk_signs_in_and_calls_tools_over_a_session() {
    mcp_sdk("legacy").await;
}

/// The SDK client signs in for `mount` and calls `tool`; returns its summary.
async fn sdk_call(
    srv: &TestServer,
    mount: &str,
    mode: &str,
    tool: &str,
    args: serde_json::Value,
) -> serde_json::Value {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/e2e/mcp_sdk_flow.py");
    let url = srv.at(&format!("/mcp/{mount}"));
    let out = tokio::time::timeout(
        std::time::Duration::from_secs(180),
        tokio::process::Command::new(python())
            .args([script, &url, ADMIN, PASSWORD, mode, tool, &args.to_string()])
            .kill_on_drop(true)
            .output(),
    )
    .await
    .expect("the SDK run finished in time")
    .unwrap();
    assert!(
        out.status.success(),
        "MCP SDK call to {mount} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

pub fn node_modules() -> String {
    std::env::var("MCPAUTH_TEST_NODE_MODULES").unwrap_or_else(|_| {
        concat!(env!("CARGO_MANIFEST_DIR"), "/target/e2e-node/node_modules").to_owned()
    })
}

#[tokio::test(flavor = "multi_thread")]
async fn the_official_mcp_sdk_reaches_an_npm_stdio_server_through_mcpauth() {
    let env = Env::init();
    let shared = env.path("shared");
    std::fs::create_dir(&shared).unwrap();
    std::fs::write(
        shared.join("greeting.txt"),
        "hello from the filesystem server",
    )
    .unwrap();
    let server = format!(
        "{}/@modelcontextprotocol/server-filesystem/dist/index.js",
        node_modules()
    );
    assert!(
        std::path::Path::new(&server).exists(),
        "run the suite with 'bash tests/run.sh' (it installs {server})"
    );
    env.mcpauth(["upstream", "add", "fs", "--", "node", &server])
        .arg(&shared)
        .succeeds();
    let srv = TestServer::start_with(env, false).await;
    let path = shared.join("greeting.txt");
    for mode in ["auto", "legacy"] {
        let run = sdk_call(
            &srv,
            "fs",
            mode,
            "read_text_file",
            serde_json::json!({ "path": path }),
        )
        .await;
        assert!(
            run["tools"]
                .as_array()
                .unwrap()
                .iter()
                .any(|t| t == "read_text_file"),
            "{run}"
        );
        assert_eq!(run["is_error"], false, "{run}");
        assert!(
            run["text"]
                .as_str()
                .unwrap()
                .contains("hello from the filesystem server"),
            "{run}"
        );
    }
    let rows = crate::mcp_builtin::audited(&srv.env, "tool.call", 2).await;
    assert!(
        rows.iter()
            .all(|r| r["detail"]["mount"] == "fs" && r["detail"]["tool"] == "read_text_file")
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_official_mcp_sdk_reaches_a_streamable_http_server_through_mcpauth() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/e2e/tool_server.py");
    let mut upstream = tokio::process::Command::new(python())
        .args([script, "http", &port.to_string()])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let url = format!("http://127.0.0.1:{port}/mcp");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .is_err()
    {
        assert!(
            std::time::Instant::now() < deadline,
            "the Python upstream did not start"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let env = Env::init();
    env.mcpauth(["upstream", "add", "py", "--url", &url])
        .succeeds();
    let srv = TestServer::start_with(env, false).await;
    for mode in ["auto", "legacy"] {
        let run = sdk_call(
            &srv,
            "py",
            mode,
            "echo",
            serde_json::json!({ "text": "through mcpauth" }),
        )
        .await;
        assert_eq!(
            run["tools"],
            serde_json::json!(["crash", "echo", "pid", "remember"]),
            "{run}"
        );
        assert_eq!(run["text"], "through mcpauth", "{run}");
    }
    let _ = upstream.kill().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_official_mcp_sdk_reaches_a_legacy_sse_server_through_mcpauth() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/e2e/tool_server.py");
    let mut upstream = tokio::process::Command::new(python())
        .args([script, "sse", &port.to_string()])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .is_err()
    {
        assert!(
            std::time::Instant::now() < deadline,
            "the Python SSE upstream did not start"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let env = Env::init();
    env.mcpauth([
        "upstream",
        "add",
        "legacy",
        "--url",
        &format!("http://127.0.0.1:{port}/sse"),
    ])
    .succeeds();
    let srv = TestServer::start_with(env, false).await;
    let run = sdk_call(
        &srv,
        "legacy",
        "sse",
        "echo",
        serde_json::json!({ "text": "over legacy SSE" }),
    )
    .await;
    assert_eq!(
        run["tools"],
        serde_json::json!(["crash", "echo", "pid", "remember"]),
        "{run}"
    );
    assert_eq!(run["text"], "over legacy SSE", "{run}");
    let rows = crate::mcp_builtin::audited(&srv.env, "tool.call", 1).await;
    assert_eq!(rows[0]["detail"]["mount"], "legacy");
    let _ = upstream.kill().await;
}
