use crate::util::*;

fn add(env: &Env, args: &[&str], secret: &str) -> Run {
    env.mcpauth(["idp", "add"].iter().chain(args)).stdin(secret)
}

#[test]
fn providers_of_every_kind_are_added_listed_and_removed() {
    let env = Env::init();
    env.mcpauth(["settings", "set", "issuer", "https://mcp.example.com/"])
        .succeeds();
    let out = add(
        &env,
        &["github", "--client-id", "Iv1.abc", "--client-secret-stdin"],
        "gh-secret",
    )
    .succeeds();
    assert_eq!(out.trim(), "https://mcp.example.com/oauth/callback/github");
    add(
        &env,
        &["google", "--client-id", "g.apps", "--client-secret-stdin"],
        "g-secret",
    )
    .succeeds();
    add(
        &env,
        &[
            "microsoft",
            "--client-id",
            "00000000-0000-0000-0000-000000000001",
            "--tenant",
            "contoso.onmicrosoft.com",
            "--client-secret-stdin",
        ],
        "ms-secret",
    )
    .succeeds();
    let out = add(
        &env,
        &[
            "oidc",
            "authentik",
            "--issuer",
            "https://auth.example.com/application/o/mcp/",
            "--client-id",
            "mcp",
            "--scopes",
            "email  profile",
            "--client-secret-stdin",
        ],
        "oidc-secret",
    )
    .arg("--json")
    .json();
    assert_eq!(
        out["callback_url"],
        "https://mcp.example.com/oauth/callback/authentik"
    );

    let list = env.json(["idp", "list"]);
    assert_eq!(
        field(&list, "name"),
        ["github", "google", "microsoft", "authentik"]
    );
    assert_eq!(
        field(&list, "kind"),
        ["github", "google", "microsoft", "oidc"]
    );
    assert_eq!(
        list[3]["issuer"],
        "https://auth.example.com/application/o/mcp"
    );
    assert_eq!(list[3]["scopes"], "email profile");
    assert_eq!(list[2]["tenant"], "contoso.onmicrosoft.com");
    let table = env.mcpauth(["idp", "list"]).succeeds();
    for secret in ["gh-secret", "g-secret", "ms-secret", "oidc-secret"] {
        assert!(!list.to_string().contains(secret), "list shows {secret}");
        assert!(!table.contains(secret), "the table shows {secret}");
    }

    env.mcpauth(["idp", "remove", "google"]).succeeds();
    assert_eq!(
        field(&env.json(["idp", "list"]), "name"),
        ["github", "microsoft", "authentik"]
    );
    let events: Vec<String> = env
        .audit("idp")
        .iter()
        .map(|e| {
            format!(
                "{} {}",
                e["event"].as_str().unwrap(),
                e["detail"]["name"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        events,
        [
            "idp.added github",
            "idp.added google",
            "idp.added microsoft",
            "idp.added authentik",
            "idp.removed google"
        ]
    );
}

#[test]
fn bad_input_is_refused_and_changes_nothing() {
    let env = Env::init();
    add(
        &env,
        &["github", "--client-id", "a", "--client-secret-stdin"],
        "s",
    )
    .succeeds();
    add(
        &env,
        &["github", "--client-id", "b", "--client-secret-stdin"],
        "s",
    )
    .fails_with("identity provider github already exists");
    // A second GitHub (Enterprise, say) needs a name of its own.
    add(
        &env,
        &[
            "github",
            "--name",
            "ghe",
            "--client-id",
            "b",
            "--client-secret-stdin",
        ],
        "s",
    )
    .succeeds();
    add(
        &env,
        &[
            "oidc",
            "Bad Name",
            "--issuer",
            "https://x.example",
            "--client-id",
            "c",
            "--client-secret-stdin",
        ],
        "s",
    )
    .fails_with("cannot be a provider name");
    add(
        &env,
        &[
            "oidc",
            "kc",
            "--issuer",
            "ftp://x.example",
            "--client-id",
            "c",
            "--client-secret-stdin",
        ],
        "s",
    )
    .fails_with("--issuer 'ftp://x.example' must be an http:// or https:// URL");
    add(
        &env,
        &[
            "microsoft",
            "--tenant",
            "a/b",
            "--client-id",
            "c",
            "--client-secret-stdin",
        ],
        "s",
    )
    .fails_with("--tenant 'a/b' is not a tenant id or domain");
    add(
        &env,
        &["google", "--client-id", "c", "--client-secret-stdin"],
        "",
    )
    .fails_with("standard input held no client secret");
    // The secret is never an argument; without a terminal it must come from stdin.
    env.mcpauth(["idp", "add", "google", "--client-id", "c"])
        .fails_with("no terminal to ask for the client secret: pass --client-secret-stdin");
    env.mcpauth([
        "idp",
        "add",
        "google",
        "--client-id",
        "c",
        "--client-secret",
        "x",
    ])
    .fails_with_code(2, "unexpected argument '--client-secret'");
    env.mcpauth(["idp", "remove", "nope"])
        .fails_with("no identity provider nope");
    assert_eq!(field(&env.json(["idp", "list"]), "name"), ["github", "ghe"]);
}
