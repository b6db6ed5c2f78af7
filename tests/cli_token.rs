use mcpauth::db::grants::{self, NewGrant};
use mcpauth::db::{Db, clients, users};
use mcpauth::email::Email;

use crate::util::*;

/// Grants as the authorization server leaves them: alice and bob each authorised two clients,
/// and one old grant of alice's has expired.
fn env_with_grants() -> (Env, String, String) {
    let env = Env::init();
    env.mcpauth(["user", "add", "alice@example.com", "--no-password"])
        .succeeds();
    env.mcpauth(["user", "add", "bob@example.com", "--no-password"])
        .succeeds();
    let claude = env.json(["client", "add", "--preset", "claude"])["client_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let cursor = env.json(["client", "add", "--preset", "cursor"])["client_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let db = Db::open(&env.db).unwrap();
    let c = db.conn();
    let future = mcpauth::db::now() + 3600;
    for email in ["alice@example.com", "bob@example.com"] {
        let user = users::find(c, &Email::parse(email).unwrap())
            .unwrap()
            .unwrap();
        for client in [&claude, &cursor] {
            let grant = grants::insert(
                c,
                &NewGrant {
                    user_id: user.id,
                    client_id: client,
                    scope: "mcp:read mcp:write",
                    resource: "https://mcp.example.com/mcp",
                    expires_at: future,
                },
            )
            .unwrap();
            c.execute(
                "INSERT INTO refresh_tokens (token_hash, grant_id, created_at, expires_at) VALUES (?1, ?2, 0, ?3)",
                rusqlite::params![format!("hash-{grant}"), grant, future],
            )
            .unwrap();
        }
    }
    let alice = users::find(c, &Email::parse("alice@example.com").unwrap())
        .unwrap()
        .unwrap();
    let new = NewGrant {
        user_id: alice.id,
        client_id: &claude,
        scope: "mcp:read",
        resource: "https://mcp.example.com/mcp",
        expires_at: mcpauth::db::now() - 1,
    };
    grants::insert(c, &new).unwrap();
    assert!(clients::find(c, &claude).unwrap().is_some());
    (env, claude, cursor)
}

fn live_refresh_tokens(env: &Env) -> i64 {
    let c = rusqlite::Connection::open(&env.db).unwrap();
    c.query_row(
        "SELECT count(*) FROM refresh_tokens WHERE revoked_at IS NULL",
        [],
        |r| r.get(0),
    )
    .unwrap()
}

#[test]
fn token_list_shows_active_grants_with_filters() {
    let (env, claude, _) = env_with_grants();
    let all = env.json(["token", "list"]);
    assert_eq!(
        all.as_array().unwrap().len(),
        4,
        "the expired grant is not listed"
    );
    let g = &all[0];
    for key in [
        "id",
        "user",
        "client_id",
        "client_name",
        "scope",
        "audience",
        "created_at",
        "last_used_at",
        "expires_at",
    ] {
        assert!(g.get(key).is_some(), "grant lacks {key}: {g}");
    }
    assert_eq!(g["audience"], "https://mcp.example.com/mcp");
    assert_eq!(
        env.json(["token", "list", "--user", "Alice@example.com"])
            .as_array()
            .unwrap()
            .len(),
        2
    );
    let claude_grants = env.json(["token", "list", "--client", &claude]);
    assert_eq!(
        field(&claude_grants, "user"),
        ["alice@example.com", "bob@example.com"]
    );
    let both = env.json([
        "token",
        "list",
        "--user",
        "bob@example.com",
        "--client",
        &claude,
    ]);
    assert_eq!(both.as_array().unwrap().len(), 1);
    let table = env.mcpauth(["token", "list"]).succeeds();
    assert!(
        table.contains("AUDIENCE") && table.contains("Claude"),
        "{table}"
    );
}

#[test]
fn token_revoke_by_id_user_client_and_all_reports_counts() {
    let (env, _, cursor) = env_with_grants();
    let first = env.json(["token", "list"])[0]["id"].as_i64().unwrap();
    assert_eq!(
        env.json(["token", "revoke", &first.to_string()])["revoked"],
        1
    );
    assert_eq!(
        live_refresh_tokens(&env),
        3,
        "the grant's refresh tokens are revoked with it"
    );
    env.mcpauth(["token", "revoke", &first.to_string()])
        .fails_with(&format!("no active grant {first}"));

    assert_eq!(
        env.json(["token", "revoke", "--client", &cursor])["revoked"],
        2
    );
    assert_eq!(
        env.json(["token", "revoke", "--user", "bob@example.com"])["revoked"],
        1
    );
    assert_eq!(env.json(["token", "revoke", "--all"])["revoked"], 0);
    assert_eq!(env.json(["token", "list"]), serde_json::json!([]));
    assert_eq!(live_refresh_tokens(&env), 0);

    let counts: Vec<i64> = env
        .audit("token.revoked")
        .iter()
        .map(|e| e["detail"]["grants"].as_i64().unwrap())
        .collect();
    assert_eq!(counts, [1, 2, 1, 0]);
}

#[test]
fn token_revoke_all_revokes_everything() {
    let (env, _, _) = env_with_grants();
    let out = env.mcpauth(["token", "revoke", "--all"]).output();
    assert!(String::from_utf8_lossy(&out.stderr).contains("revoked 4 grants"));
    assert_eq!(live_refresh_tokens(&env), 0);
}

#[test]
fn token_revoke_needs_exactly_one_selector() {
    let (env, claude, _) = env_with_grants();
    env.mcpauth(["token", "revoke"])
        .fails_with_code(2, "required");
    env.mcpauth(["token", "revoke", "--all", "--client", &claude])
        .fails_with_code(2, "cannot be used with");
    env.mcpauth(["token", "revoke", "--user", "nobody"])
        .fails_with("not an email address");
    assert_eq!(env.json(["token", "list"]).as_array().unwrap().len(), 4);
}
