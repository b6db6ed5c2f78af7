use crate::util::*;

#[test]
fn a_public_client_is_added_shown_listed_and_removed() {
    let env = Env::init();
    let added = env.json([
        "client",
        "add",
        "--name",
        "My Agent",
        "--redirect-uri",
        "https://agent.example/cb",
        "--redirect-uri",
        "http://127.0.0.1/callback",
    ]);
    let id = added["client_id"].as_str().unwrap().to_owned();
    assert_eq!(added["auth_method"], "none");
    assert_eq!(added["confidential"], false);
    assert!(added.get("client_secret").is_none());
    assert_eq!(added["source"], "cli");

    let shown = env.json(["client", "show", &id]);
    assert_eq!(shown["name"], "My Agent");
    assert_eq!(
        shown["redirect_uris"],
        serde_json::json!(["https://agent.example/cb", "http://127.0.0.1/callback"])
    );
    assert_eq!(
        field(&env.json(["client", "list"]), "client_id"),
        [id.as_str()]
    );

    env.mcpauth(["client", "remove", &id]).succeeds();
    assert_eq!(env.json(["client", "list"]), serde_json::json!([]));
    let events: Vec<_> = env
        .audit("client")
        .iter()
        .map(|e| e["event"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(events, ["client.added", "client.removed"]);
    assert_eq!(env.audit("client")[0]["client_id"], id.as_str());
}

#[test]
fn a_confidential_client_gets_its_secret_once_and_only_a_hash_is_stored() {
    let env = Env::init();
    let added = env.json([
        "client",
        "add",
        "--name",
        "Backend",
        "--redirect-uri",
        "https://backend.example/cb",
        "--confidential",
    ]);
    let secret = added["client_secret"].as_str().unwrap();
    assert!(secret.len() >= 43, "256-bit secret");
    assert_eq!(added["auth_method"], "client_secret_basic");
    let id = added["client_id"].as_str().unwrap();
    let shown = env.json(["client", "show", id]);
    assert!(shown.get("client_secret").is_none());
    assert!(!env.mcpauth(["client", "list"]).succeeds().contains(secret));

    let c = rusqlite::Connection::open(&env.db).unwrap();
    let stored: String = c
        .query_row(
            "SELECT secret_hash FROM clients WHERE client_id = ?1",
            [id],
            |r| r.get(0),
        )
        .unwrap();
    assert_ne!(stored, secret);
    assert_eq!(stored.len(), 64, "hex SHA-256");
}

#[test]
fn presets_register_the_products_redirect_uris() {
    let env = Env::init();
    let cases = [
        (
            "chatgpt",
            "ChatGPT",
            vec!["https://chatgpt.com/connector_platform_oauth_redirect"],
        ),
        (
            "claude",
            "Claude",
            vec![
                "https://claude.ai/api/mcp/auth_callback",
                "https://claude.com/api/mcp/auth_callback",
            ],
        ),
        (
            "cursor",
            "Cursor",
            vec!["cursor://anysphere.cursor-mcp/oauth/callback"],
        ),
        (
            "vscode",
            "VS Code",
            vec!["http://127.0.0.1/", "https://vscode.dev/redirect"],
        ),
        (
            "claude-code",
            "Claude Code",
            vec!["http://localhost/callback", "http://127.0.0.1/callback"],
        ),
    ];
    for (preset, name, uris) in cases {
        let added = env.json(["client", "add", "--preset", preset]);
        assert_eq!(added["name"], name);
        assert_eq!(added["redirect_uris"], serde_json::json!(uris), "{preset}");
    }
    // A preset's name can be overridden.
    assert_eq!(
        env.json([
            "client",
            "add",
            "--preset",
            "claude",
            "--name",
            "Work Claude"
        ])["name"],
        "Work Claude"
    );
}

#[test]
fn unsafe_redirect_uris_are_refused() {
    let env = Env::init();
    for (uri, why) in [
        ("http://agent.example/cb", "plain http"),
        ("https://agent.example/cb#x", "fragment"),
        ("javascript:alert(1)", "scheme"),
        ("/relative", "not an absolute URI"),
    ] {
        env.mcpauth(["client", "add", "--name", "X", "--redirect-uri", uri])
            .fails_with(why);
    }
    assert_eq!(env.json(["client", "list"]), serde_json::json!([]));
}

#[test]
fn client_errors_are_clear() {
    let env = Env::init();
    env.mcpauth(["client", "show", "nope"])
        .fails_with("no client nope");
    env.mcpauth(["client", "remove", "nope"])
        .fails_with("no client nope");
    env.mcpauth(["client", "add", "--redirect-uri", "https://x.example/cb"])
        .fails_with_code(2, "--name");
    env.mcpauth(["client", "add", "--name", "X"])
        .fails_with_code(2, "--redirect-uri");
    env.mcpauth(["client", "add", "--preset", "netscape"])
        .fails_with_code(2, "invalid value");
}

#[test]
fn client_ids_are_hex_so_they_never_look_like_flags() {
    let env = Env::init();
    for _ in 0..20 {
        let id = env.json(["client", "add", "--preset", "cursor"])["client_id"]
            .as_str()
            .unwrap()
            .to_owned();
        assert!(
            id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit()),
            "{id}"
        );
        env.mcpauth(["client", "show", &id]).succeeds();
    }
}
