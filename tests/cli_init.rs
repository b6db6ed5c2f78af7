use std::process::Command;

use rexpect::process::WaitStatus;

use crate::util::*;

#[test]
fn init_creates_a_private_database_with_admin_key_and_defaults() {
    let env = Env::init();
    assert_eq!(mode(&env.db), 0o600, "database file must be owner-only");
    assert_eq!(
        mode(env.db.parent().unwrap()),
        0o700,
        "created directory must be owner-only"
    );
    assert!(
        env.path("state/files").is_dir(),
        "default files root beside the database"
    );

    let users = env.json(["user", "list"]);
    assert_eq!(users.as_array().unwrap().len(), 1);
    assert_eq!(users[0]["email"], ADMIN);
    assert_eq!(users[0]["role"], "admin");
    assert_eq!(users[0]["has_password"], true);

    let keys = env.json(["secret", "list"]);
    assert_eq!(keys.as_array().unwrap().len(), 1);
    assert_eq!(keys[0]["alg"], "ES256");
    assert_eq!(keys[0]["status"], "active");
    assert_eq!(
        keys[0]["kid"].as_str().unwrap().len(),
        43,
        "RFC 7638 thumbprint kid"
    );

    let settings = env.json(["settings", "list"]);
    let value = |key: &str| {
        settings
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["key"] == key)
            .unwrap()["value"]
            .clone()
    };
    assert_eq!(value("issuer"), "http://localhost:8080");
    assert_eq!(value("listen"), "127.0.0.1:8080");
    assert_eq!(value("access_token_ttl"), "3600");
    assert_eq!(value("refresh_token_ttl"), "2592000");
    assert_eq!(value("auth_code_ttl"), "60");
    let files_root = env.path("state/files").canonicalize().unwrap();
    assert_eq!(value("files_root"), files_root.display().to_string());

    let init = env.audit("init");
    assert_eq!(init.len(), 1);
    assert_eq!(init[0]["actor"], cli_actor().as_str());
    assert_eq!(init[0]["user"], ADMIN);
}

#[test]
fn init_prints_next_steps_and_json() {
    let env = Env::empty();
    let out = env
        .mcpauth([
            "init",
            "--json",
            "--admin",
            ADMIN,
            "--no-password",
            "--issuer",
            "https://mcp.example.com/",
        ])
        .output();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("Next steps"), "{stderr}");
    assert!(stderr.contains("serve"), "{stderr}");
    assert!(stderr.contains("https://mcp.example.com/mcp"), "{stderr}");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["issuer"], "https://mcp.example.com");
    assert_eq!(json["admin"], ADMIN);
    assert_eq!(env.json(["user", "list"])[0]["has_password"], false);
}

#[test]
fn init_takes_every_value_from_the_environment() {
    let env = Env::empty();
    let root = env.path("shared");
    env.bare(["init", "--no-password"])
        .env("MCPAUTH_DB", &env.db)
        .env("MCPAUTH_ISSUER", "https://auth.example.net")
        .env("MCPAUTH_LISTEN", "[::1]:9443")
        .env("MCPAUTH_ADMIN", "Boss@Example.NET")
        .env("MCPAUTH_FILES_ROOT", &root)
        .succeeds();
    assert!(root.is_dir());
    let settings = env.json(["settings", "list"]);
    let text = settings.to_string();
    assert!(text.contains("https://auth.example.net"), "{text}");
    assert!(text.contains("[::1]:9443"), "{text}");
    assert_eq!(env.json(["user", "list"])[0]["email"], "boss@example.net");
}

#[test]
fn init_refuses_to_overwrite_a_database() {
    let env = Env::init();
    env.mcpauth(["user", "add", "keep@example.com", "--no-password"])
        .succeeds();
    env.mcpauth([
        "init",
        "--yes",
        "--admin",
        "other@example.com",
        "--no-password",
    ])
    .fails_with("already exists");
    let users = env.json(["user", "list"]);
    assert_eq!(field(&users, "email"), [ADMIN, "keep@example.com"]);
}

#[test]
fn init_without_a_terminal_names_what_is_missing() {
    let env = Env::empty();
    env.mcpauth(["init", "--password-stdin"])
        .stdin(PASSWORD)
        .fails_with("missing --admin EMAIL");
    env.mcpauth(["init", "--admin", ADMIN])
        .fails_with("--password-stdin");
    assert!(!env.db.exists(), "a failed init leaves no database behind");
}

#[test]
fn init_rejects_bad_values_before_creating_anything() {
    let env = Env::empty();
    env.mcpauth(["init", "--admin", "not-an-email", "--no-password"])
        .fails_with("not an email address");
    env.mcpauth([
        "init",
        "--admin",
        ADMIN,
        "--no-password",
        "--issuer",
        "ftp://x.example",
    ])
    .fails_with("--issuer");
    env.mcpauth([
        "init",
        "--admin",
        ADMIN,
        "--no-password",
        "--listen",
        "localhost",
    ])
    .fails_with("--listen");
    env.mcpauth(["init", "--admin", ADMIN, "--password-stdin"])
        .stdin("short")
        .fails_with("too short");
    assert!(!env.db.exists());
}

#[test]
fn init_asks_on_a_terminal() {
    let env = Env::empty();
    let mut cmd = Command::new(BIN);
    cmd.arg("--db")
        .arg(&env.db)
        .arg("init")
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", env.dir.path())
        .env("TERM", "xterm")
        .current_dir(env.dir.path());
    let mut p = rexpect::session::spawn_command(cmd, Some(30_000)).expect("spawn in a pty");
    p.exp_string("Listen address").unwrap();
    p.send_line("127.0.0.1:9999").unwrap();
    p.exp_string("Public URL (issuer)").unwrap();
    p.exp_string("http://localhost:9999").unwrap(); // offered default, derived from the listen address
    p.send_line("").unwrap();
    p.exp_string("Administrator email").unwrap();
    p.send_line("nope").unwrap();
    p.exp_string("not an email address").unwrap(); // asked again
    p.send_line("Me@Example.com").unwrap();
    p.exp_string("Password").unwrap();
    p.send_line("short").unwrap();
    p.exp_string("too short").unwrap();
    p.send_line(PASSWORD).unwrap();
    p.exp_string("Repeat password").unwrap();
    p.send_line(PASSWORD).unwrap();
    p.exp_string("Directory for the built-in file tools")
        .unwrap();
    p.send_line("").unwrap();
    p.exp_string("Next steps").unwrap();
    p.exp_eof().unwrap();
    assert!(matches!(
        p.process().wait().unwrap(),
        WaitStatus::Exited(_, 0)
    ));

    let users = env.json(["user", "list"]);
    assert_eq!(users[0]["email"], "me@example.com");
    assert_eq!(users[0]["has_password"], true);
    let settings = env.json(["settings", "list"]).to_string();
    assert!(settings.contains("127.0.0.1:9999"), "{settings}");
    assert!(settings.contains("http://localhost:9999"), "{settings}");
}
