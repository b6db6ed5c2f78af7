use crate::util::*;

#[test]
fn users_can_be_added_listed_disabled_enabled_and_removed() {
    let env = Env::init();
    env.mcpauth(["user", "add", "Bob@Example.com", "--password-stdin"])
        .stdin(PASSWORD)
        .succeeds();
    let added = env.json([
        "user",
        "add",
        "carol@example.com",
        "--admin",
        "--no-password",
    ]);
    assert_eq!(added["email"], "carol@example.com");
    assert_eq!(added["role"], "admin");

    let users = env.json(["user", "list"]);
    assert_eq!(
        field(&users, "email"),
        [ADMIN, "bob@example.com", "carol@example.com"]
    );
    assert_eq!(users[1]["has_password"], true);
    assert_eq!(users[2]["has_password"], false);
    assert!(
        users[1]["created_at"].as_str().unwrap().ends_with('Z'),
        "RFC 3339 UTC times"
    );

    env.mcpauth(["user", "disable", "BOB@example.com"])
        .succeeds();
    assert_eq!(env.json(["user", "list"])[1]["disabled"], true);
    env.mcpauth(["user", "enable", "bob@example.com"])
        .succeeds();
    assert_eq!(env.json(["user", "list"])[1]["disabled"], false);

    env.mcpauth(["user", "remove", "bob@example.com"])
        .succeeds();
    assert_eq!(
        field(&env.json(["user", "list"]), "email"),
        [ADMIN, "carol@example.com"]
    );

    let kinds: Vec<String> = env
        .audit("user")
        .iter()
        .map(|e| {
            format!(
                "{} {}",
                e["event"].as_str().unwrap(),
                e["user"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "user.added bob@example.com",
            "user.added carol@example.com",
            "user.disabled bob@example.com",
            "user.enabled bob@example.com",
            "user.removed bob@example.com",
        ]
    );
    assert!(
        env.audit("user")
            .iter()
            .all(|e| e["actor"] == cli_actor().as_str())
    );
}

#[test]
fn the_user_table_shows_every_user() {
    let env = Env::init();
    env.mcpauth(["user", "add", "bob@example.com", "--no-password"])
        .succeeds();
    let table = env.mcpauth(["user", "list"]).succeeds();
    assert!(
        table.contains("EMAIL") && table.contains("LAST LOGIN"),
        "{table}"
    );
    assert!(
        table.contains(ADMIN) && table.contains("bob@example.com"),
        "{table}"
    );
}

#[test]
fn a_duplicate_user_is_refused_in_any_case() {
    let env = Env::init();
    env.mcpauth(["user", "add", "ADMIN@example.com", "--no-password"])
        .fails_with("user admin@example.com already exists");
    assert_eq!(env.json(["user", "list"]).as_array().unwrap().len(), 1);
}

#[test]
fn invalid_emails_are_refused() {
    let env = Env::init();
    for bad in [
        "bob",
        "bob@",
        "@example.com",
        "bob@localhost",
        "b ob@example.com",
    ] {
        env.mcpauth(["user", "add", bad, "--no-password"])
            .fails_with("is not an email address");
    }
    assert_eq!(env.json(["user", "list"]).as_array().unwrap().len(), 1);
}

#[test]
fn changing_an_unknown_user_fails() {
    let env = Env::init();
    for cmd in ["remove", "disable", "enable"] {
        env.mcpauth(["user", cmd, "ghost@example.com"])
            .fails_with("no user ghost@example.com");
    }
    env.mcpauth(["user", "passwd", "ghost@example.com", "--password-stdin"])
        .stdin(PASSWORD)
        .fails_with("no user ghost@example.com");
    assert!(
        env.audit("user").is_empty(),
        "failed changes leave no audit row"
    );
}

#[test]
fn passwords_are_set_cleared_and_checked() {
    let env = Env::init();
    env.mcpauth(["user", "add", "bob@example.com", "--password-stdin"])
        .stdin("short")
        .fails_with("too short");
    env.mcpauth(["user", "add", "bob@example.com"])
        .fails_with("no terminal to ask for a password");
    env.mcpauth(["user", "add", "bob@example.com", "--no-password"])
        .succeeds();
    env.mcpauth(["user", "passwd", "bob@example.com", "--password-stdin"])
        .stdin(PASSWORD)
        .succeeds();
    assert_eq!(env.json(["user", "list"])[1]["has_password"], true);
    env.mcpauth(["user", "passwd", "bob@example.com", "--clear"])
        .succeeds();
    assert_eq!(env.json(["user", "list"])[1]["has_password"], false);
    let events: Vec<_> = env
        .audit("user")
        .iter()
        .map(|e| e["event"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        events,
        ["user.added", "user.password_set", "user.password_cleared"]
    );
}

#[test]
fn passwords_are_stored_as_argon2id_hashes_only() {
    let env = Env::init();
    let c = rusqlite::Connection::open(&env.db).unwrap();
    let hash: String = c
        .query_row(
            "SELECT password_hash FROM users WHERE email = ?1",
            [ADMIN],
            |r| r.get(0),
        )
        .unwrap();
    assert!(hash.starts_with("$argon2id$"), "{hash}");
    assert!(!hash.contains(PASSWORD));
    let bytes = std::fs::read(&env.db).unwrap();
    let wal = std::fs::read(env.db.with_extension("db-wal")).unwrap_or_default();
    for file in [bytes, wal] {
        assert!(
            !file
                .windows(PASSWORD.len())
                .any(|w| w == PASSWORD.as_bytes())
        );
    }
}
