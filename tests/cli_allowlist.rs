use crate::util::*;

#[test]
fn patterns_are_normalised_listed_and_removed() {
    let env = Env::init();
    env.mcpauth([
        "allowlist",
        "add",
        "@Example.ORG",
        "Me@X.com",
        "*@corp.example",
    ])
    .succeeds();
    let list = env.json(["allowlist", "list"]);
    assert_eq!(
        field(&list, "pattern"),
        ["@corp.example", "@example.org", "me@x.com"]
    );
    assert!(
        list.as_array()
            .unwrap()
            .iter()
            .all(|e| e["created_by"] == cli_actor().as_str())
    );

    env.mcpauth(["allowlist", "remove", "@example.org"])
        .succeeds();
    assert_eq!(
        field(&env.json(["allowlist", "list"]), "pattern"),
        ["@corp.example", "me@x.com"]
    );

    let events: Vec<String> = env
        .audit("allowlist")
        .iter()
        .map(|e| {
            format!(
                "{} {}",
                e["event"].as_str().unwrap(),
                e["detail"]["pattern"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        events,
        [
            "allowlist.added @example.org",
            "allowlist.added me@x.com",
            "allowlist.added @corp.example",
            "allowlist.removed @example.org",
        ]
    );
}

#[test]
fn adding_an_existing_pattern_is_a_no_op() {
    let env = Env::init();
    env.mcpauth(["allowlist", "add", "@example.org"]).succeeds();
    let out = env.mcpauth(["allowlist", "add", "@EXAMPLE.org"]).output();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("already allowed"));
    assert_eq!(env.json(["allowlist", "list"]).as_array().unwrap().len(), 1);
    assert_eq!(env.audit("allowlist.added").len(), 1);
}

#[test]
fn one_invalid_pattern_rejects_the_whole_command() {
    let env = Env::init();
    for bad in [
        "example.com",
        "@",
        "@localhost",
        "me@@x.com",
        "*.example.com",
    ] {
        env.mcpauth(["allowlist", "add", "@good.example", bad])
            .fails_with("is not an allowlist pattern");
    }
    assert_eq!(env.json(["allowlist", "list"]), serde_json::json!([]));
}

#[test]
fn removing_an_absent_pattern_fails() {
    let env = Env::init();
    env.mcpauth(["allowlist", "remove", "@nowhere.example"])
        .fails_with("no allowlist entry @nowhere.example");
    env.mcpauth(["allowlist", "add"])
        .fails_with_code(2, "PATTERN");
}
