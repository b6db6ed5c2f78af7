use crate::util::*;

fn value(env: &Env, key: &str) -> serde_json::Value {
    let all = env.json(["settings", "list"]);
    all.as_array()
        .unwrap()
        .iter()
        .find(|s| s["key"] == key)
        .unwrap()["value"]
        .clone()
}

#[test]
fn settings_are_validated_normalised_and_audited() {
    let env = Env::init();
    env.mcpauth(["settings", "set", "access_token_ttl", "12h"])
        .succeeds();
    assert_eq!(value(&env, "access_token_ttl"), "43200");
    env.mcpauth(["settings", "set", "issuer", "https://MCP.example.com/"])
        .succeeds();
    assert_eq!(value(&env, "issuer"), "https://mcp.example.com");
    let changed = env.audit("settings.changed");
    assert_eq!(changed.len(), 2);
    assert_eq!(changed[0]["detail"]["value"], "43200");
}

#[test]
fn bad_settings_are_refused_and_change_nothing() {
    let env = Env::init();
    env.mcpauth(["settings", "set", "colour", "blue"])
        .fails_with("unknown setting 'colour'");
    env.mcpauth(["settings", "set", "access_token_ttl", "soon"])
        .fails_with("not a duration");
    env.mcpauth(["settings", "set", "auth_code_ttl", "1"])
        .fails_with("too short");
    env.mcpauth(["settings", "set", "listen", "8080"])
        .fails_with("listen");
    env.mcpauth(["settings", "set", "files_root", "relative/dir"])
        .fails_with("absolute path");
    assert_eq!(value(&env, "access_token_ttl"), "3600");
    assert!(env.audit("settings").is_empty());
}
