use crate::util::*;

#[test]
fn http_and_stdio_upstreams_are_stored_listed_and_removed() {
    let env = Env::init();
    env.mcpauth([
        "upstream",
        "add",
        "notes",
        "--url",
        "http://127.0.0.1:9000/mcp",
        "--header",
        "Authorization: Bearer s3cret",
        "--read-only",
    ])
    .succeeds();
    env.mcpauth([
        "upstream",
        "add",
        "files",
        "--env",
        "TOKEN=hidden",
        "--",
        "npx",
        "-y",
        "server-fs",
        "/srv",
    ])
    .succeeds();

    let list = env.json(["upstream", "list"]);
    assert_eq!(field(&list, "name"), ["files", "notes"]);
    assert_eq!(list[0]["kind"], "stdio");
    assert_eq!(
        list[0]["command"],
        serde_json::json!(["npx", "-y", "server-fs", "/srv"])
    );
    assert_eq!(list[0]["env"], serde_json::json!(["TOKEN"]));
    assert_eq!(list[1]["kind"], "http");
    assert_eq!(list[1]["url"], "http://127.0.0.1:9000/mcp");
    assert_eq!(list[1]["read_only"], true);
    assert_eq!(list[1]["headers"], serde_json::json!(["Authorization"]));
    let shown = list.to_string() + &env.mcpauth(["upstream", "list"]).succeeds();
    assert!(
        !shown.contains("s3cret") && !shown.contains("hidden"),
        "credential values are never listed"
    );

    env.mcpauth(["upstream", "remove", "notes"]).succeeds();
    assert_eq!(field(&env.json(["upstream", "list"]), "name"), ["files"]);
    let events: Vec<_> = env
        .audit("upstream")
        .iter()
        .map(|e| e["event"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        events,
        ["upstream.added", "upstream.added", "upstream.removed"]
    );
    assert!(
        !env.audit("upstream")
            .iter()
            .any(|e| e.to_string().contains("s3cret"))
    );
}

#[test]
fn bad_upstreams_are_refused() {
    let env = Env::init();
    env.mcpauth([
        "upstream",
        "add",
        "Bad Name",
        "--url",
        "http://127.0.0.1:1/mcp",
    ])
    .fails_with("cannot be a mount name");
    env.mcpauth(["upstream", "add", "../x", "--url", "http://127.0.0.1:1/mcp"])
        .fails_with("cannot be a mount name");
    env.mcpauth(["upstream", "add", "x", "--url", "file:///etc/passwd"])
        .fails_with("http:// or https://");
    env.mcpauth(["upstream", "add", "x", "--url", "not a url"])
        .fails_with("--url");
    env.mcpauth([
        "upstream",
        "add",
        "x",
        "--url",
        "http://h.example/mcp",
        "--header",
        "no-colon",
    ])
    .fails_with("NAME: VALUE");
    env.mcpauth(["upstream", "add", "x"])
        .fails_with_code(2, "required");
    env.mcpauth([
        "upstream",
        "add",
        "x",
        "--url",
        "http://h.example",
        "--",
        "cmd",
    ])
    .fails_with_code(2, "cannot be used with");
    env.mcpauth(["upstream", "add", "dup", "--url", "http://h.example/mcp"])
        .succeeds();
    env.mcpauth(["upstream", "add", "dup", "--", "cmd"])
        .fails_with("upstream dup already exists");
    env.mcpauth(["upstream", "remove", "ghost"])
        .fails_with("no upstream ghost");
    assert_eq!(field(&env.json(["upstream", "list"]), "name"), ["dup"]);
}
