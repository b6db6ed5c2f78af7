use std::os::unix::fs::PermissionsExt;

use crate::util::*;

#[test]
fn a_missing_database_says_to_run_init() {
    let env = Env::empty();
    env.mcpauth(["user", "list"])
        .fails_with("run 'mcpauth init' first");
    assert!(!env.db.exists(), "reading must not create a database");
}

#[test]
fn a_file_that_is_not_sqlite_is_named_as_such() {
    let env = Env::empty();
    std::fs::create_dir_all(env.db.parent().unwrap()).unwrap();
    std::fs::write(&env.db, vec![b'x'; 4096]).unwrap();
    std::fs::set_permissions(&env.db, std::fs::Permissions::from_mode(0o600)).unwrap();
    env.mcpauth(["user", "list"])
        .fails_with("is not an mcpauth database (not an SQLite file)");
}

#[test]
fn a_foreign_sqlite_database_is_refused_untouched() {
    let env = Env::empty();
    std::fs::create_dir_all(env.db.parent().unwrap()).unwrap();
    let c = rusqlite::Connection::open(&env.db).unwrap();
    c.execute_batch("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine');")
        .unwrap();
    drop(c);
    std::fs::set_permissions(&env.db, std::fs::Permissions::from_mode(0o600)).unwrap();
    env.mcpauth(["user", "list"])
        .fails_with("not an mcpauth database");
    let c = rusqlite::Connection::open(&env.db).unwrap();
    let tables: i64 = c
        .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
        .unwrap();
    assert_eq!(tables, 1, "nothing was added to someone else's database");
}

#[test]
fn a_database_from_a_newer_mcpauth_is_refused() {
    let env = Env::init();
    let c = rusqlite::Connection::open(&env.db).unwrap();
    c.execute(
        "INSERT INTO refinery_schema_history (version, name, applied_on, checksum) VALUES (999, 'future', '', '0')",
        [],
    )
    .unwrap();
    drop(c);
    env.mcpauth(["user", "list"])
        .fails_with("written by a newer mcpauth (schema version 999");
    env.mcpauth(["user", "add", "x@example.com", "--no-password"])
        .fails_with("upgrade mcpauth");
}

#[test]
fn a_database_readable_by_others_is_refused_with_the_fix() {
    let env = Env::init();
    std::fs::set_permissions(&env.db, std::fs::Permissions::from_mode(0o644)).unwrap();
    let line = env.mcpauth(["user", "list"]).fails_with("mode 0644");
    assert!(
        line.contains(&format!("chmod 600 {}", env.db.display())),
        "{line}"
    );
    std::fs::set_permissions(&env.db, std::fs::Permissions::from_mode(0o600)).unwrap();
    env.mcpauth(["user", "list"]).succeeds();
}

#[test]
fn the_database_path_comes_from_flag_env_state_directory_or_home() {
    let env = Env::empty();
    // No --db, no MCPAUTH_DB: the platform data directory under HOME.
    env.bare(["init", "--admin", ADMIN, "--no-password"])
        .succeeds();
    assert!(env.path(".local/share/mcpauth/mcpauth.db").is_file());

    // systemd's StateDirectory wins over HOME.
    let state = env.path("var-lib-mcpauth");
    std::fs::create_dir(&state).unwrap();
    env.bare(["init", "--admin", ADMIN, "--no-password"])
        .env("STATE_DIRECTORY", &state)
        .succeeds();
    assert!(state.join("mcpauth.db").is_file());

    // MCPAUTH_DB wins over STATE_DIRECTORY, and --db over MCPAUTH_DB.
    let via_env = env.path("env.db");
    env.bare(["init", "--admin", ADMIN, "--no-password"])
        .env("STATE_DIRECTORY", &state)
        .env("MCPAUTH_DB", &via_env)
        .succeeds();
    assert!(via_env.is_file());
    let via_flag = env.path("flag.db");
    env.bare(["--db"])
        .arg(&via_flag)
        .arg("user")
        .arg("list")
        .env("MCPAUTH_DB", &via_env)
        .fails_with("no database at");
}

#[test]
fn usage_errors_exit_with_2() {
    let env = Env::init();
    env.mcpauth(["user", "frobnicate"])
        .fails_with_code(2, "unrecognized subcommand");
    env.mcpauth(["token", "revoke"])
        .fails_with_code(2, "required");
    env.mcpauth([
        "user",
        "add",
        "x@example.com",
        "--password-stdin",
        "--no-password",
    ])
    .fails_with_code(2, "cannot be used with");
}
