//! Signing in through a real OpenID Connect provider (npm oidc-provider on loopback): the
//! allowlist decides, only verified emails count, and tampered state or nonce is refused.

use std::collections::HashMap;

use reqwest::{Method, StatusCode};
use tokio::io::{AsyncBufReadExt, BufReader};

use crate::e2e::node_modules;
use crate::harness::*;
use crate::util::*;

const CLIENT_ID: &str = "mcpauth-test";
const CLIENT_SECRET: &str = "provider-side secret";

/// The provider process; killed when dropped.
pub struct OidcProvider {
    pub issuer: String,
    _child: tokio::process::Child,
}

impl OidcProvider {
    pub async fn start(callback: &str) -> OidcProvider {
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/e2e/oidc_provider.mjs");
        let mut child = tokio::process::Command::new("node")
            .args([script, CLIENT_ID, CLIENT_SECRET, callback])
            .env("MCPAUTH_TEST_NODE_MODULES", node_modules())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .expect("node runs the OpenID Connect provider");
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let ready = tokio::time::timeout(std::time::Duration::from_secs(30), lines.next_line())
            .await
            .expect("the provider starts in time")
            .unwrap()
            .expect("the provider prints its issuer");
        let issuer = ready.strip_prefix("ready ").unwrap().to_owned();
        // Keep reading, or the provider dies writing to a closed pipe; pass on its errors,
        // not its development-mode warnings.
        tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
        let mut errors = BufReader::new(child.stderr.take().unwrap()).lines();
        tokio::spawn(async move {
            while let Ok(Some(line)) = errors.next_line().await {
                if !line.starts_with("oidc-provider WARNING") {
                    eprintln!("oidc-provider: {line}");
                }
            }
        });
        OidcProvider {
            issuer,
            _child: child,
        }
    }
}

/// A server with the provider configured as `test`, and the provider itself.
pub async fn server_with_provider() -> (TestServer, OidcProvider) {
    let srv = TestServer::start().await;
    let provider = OidcProvider::start(&srv.at("/oauth/callback/test")).await;
    srv.env
        .mcpauth(["settings", "set", "issuer", &srv.url])
        .succeeds();
    let out = srv
        .env
        .mcpauth([
            "idp",
            "add",
            "oidc",
            "test",
            "--issuer",
            &provider.issuer,
            "--client-id",
            CLIENT_ID,
            "--client-secret-stdin",
        ])
        .stdin(CLIENT_SECRET)
        .succeeds();
    assert_eq!(
        out.trim(),
        srv.at("/oauth/callback/test"),
        "prints the callback URL"
    );
    (srv, provider)
}

/// Where a sign-in through the provider ended.
#[derive(Debug)]
pub struct Landing {
    pub status: StatusCode,
    pub location: Option<String>,
    pub body: String,
}

/// From mcpauth's sign-in page (`next`: an authorization request, or none) through the
/// provider's own sign-in and consent forms, back to mcpauth's callback. `tamper` may change
/// the URL the browser is sent to at the provider, and the URL it comes back with.
pub async fn sign_in_through_provider(
    srv: &TestServer,
    browser: &mut Browser,
    login: &str,
    next: Option<&str>,
    tamper: impl Fn(&str) -> String,
) -> Landing {
    let login_url = match next {
        Some(next) => format!(
            "{}?{}",
            srv.at("/login"),
            serde_urlencoded::to_string([("next", next)]).unwrap()
        ),
        None => srv.at("/login"),
    };
    let page = browser.get(&login_url).await;
    assert!(page.contains("Sign in with test"), "a button per provider");
    let (status, mut url) = browser
        .submit(
            &srv.at("/login/idp/test"),
            form_of(&page, "/login/idp/test"),
            &[],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{url}");
    url = tamper(&url);
    for _ in 0..12 {
        if url.starts_with(&srv.at("/oauth/callback/")) {
            let (status, location, body) = browser.request(Method::GET, &tamper(&url), None).await;
            return Landing {
                status,
                location,
                body,
            };
        }
        let (status, location, body) = browser.request(Method::GET, &url, None).await;
        let next = match (status, location) {
            (s, Some(location)) if s.is_redirection() => location,
            (StatusCode::OK, _) if body.contains("name=\"login\"") => {
                let action = form_action(&body);
                let fields = [("login", login), ("password", "anything")];
                post(browser, &action, &body, &fields).await
            }
            (StatusCode::OK, _) if body.contains("value=\"consent\"") => {
                let action = form_action(&body);
                post(browser, &action, &body, &[]).await
            }
            (status, _) => panic!("unexpected page at {url}: {status} {body}"),
        };
        url = url::Url::parse(&url)
            .unwrap()
            .join(&next)
            .unwrap()
            .to_string();
    }
    panic!("the browser never came back to mcpauth");
}

async fn post(browser: &mut Browser, action: &str, page: &str, fields: &[(&str, &str)]) -> String {
    let (status, location) = browser.submit(action, page, fields).await;
    assert!(status.is_redirection(), "{action}: {status} {location}");
    location
}

fn form_action(page: &str) -> String {
    page.split("action=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_owned()
}

fn with_param(url: &str, name: &str, value: &str) -> String {
    let mut parsed = url::Url::parse(url).unwrap();
    let pairs: Vec<(String, String)> = parsed
        .query_pairs()
        .into_owned()
        .map(|(k, v)| {
            if k == name {
                (k, value.to_owned())
            } else {
                (k, v)
            }
        })
        .collect();
    parsed.query_pairs_mut().clear().extend_pairs(pairs);
    parsed.to_string()
}

fn unchanged(url: &str) -> String {
    url.to_owned()
}

fn users(srv: &TestServer) -> Vec<serde_json::Value> {
    srv.env.json(["user", "list"]).as_array().unwrap().clone()
}

#[tokio::test(flavor = "multi_thread")]
async fn an_allowed_email_signs_in_through_the_provider_and_finishes_the_oauth_flow() {
    let (srv, _provider) = server_with_provider().await;
    srv.env
        .mcpauth(["allowlist", "add", "@example.org"])
        .succeeds();
    let client = srv.public_client().await;
    let pkce = Pkce::new();
    let authorize = format!(
        "{}?{}",
        srv.at("/oauth/authorize"),
        serde_urlencoded::to_string([
            ("response_type", "code"),
            ("client_id", client.id.as_str()),
            ("redirect_uri", REDIRECT),
            ("code_challenge", pkce.challenge.as_str()),
            ("code_challenge_method", "S256"),
            ("state", "xyz"),
            ("scope", "mcp:read"),
        ])
        .unwrap()
    );
    let mut browser = Browser::new();
    // The authorization request sends the browser to sign in, and back once signed in.
    let (status, location, _) = browser.request(Method::GET, &authorize, None).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let next = url::Url::parse(&srv.at("/"))
        .unwrap()
        .join(&location.unwrap())
        .unwrap();
    let next: HashMap<String, String> = next.query_pairs().into_owned().collect();
    let landing = sign_in_through_provider(
        &srv,
        &mut browser,
        "Carol@Example.org",
        Some(&next["next"]),
        unchanged,
    )
    .await;
    assert_eq!(landing.status, StatusCode::SEE_OTHER, "{}", landing.body);
    let back = landing.location.unwrap();
    assert!(back.starts_with("/oauth/authorize?"), "{back}");
    let location = srv
        .authorize_location(&mut browser, &client, &pkce, &[("scope", "mcp:read")])
        .await;
    let code: HashMap<String, String> = url::Url::parse(&location)
        .unwrap()
        .query_pairs()
        .into_owned()
        .collect();
    let (status, tokens) = srv
        .token(
            &client,
            &[
                ("grant_type", "authorization_code"),
                ("code", &code["code"]),
                ("redirect_uri", REDIRECT),
                ("code_verifier", &pkce.verifier),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{tokens}");
    let access = tokens["access_token"].as_str().unwrap();
    let me = srv
        .http()
        .get(srv.at("/oauth/userinfo"))
        .bearer_auth(access)
        .send()
        .await
        .unwrap();
    let me: serde_json::Value = me.json().await.unwrap();
    assert_eq!(me["email"], "carol@example.org");

    // Created on first sign-in, bound to the provider; a second sign-in reuses the user.
    let carol: Vec<_> = users(&srv)
        .into_iter()
        .filter(|u| u["email"] == "carol@example.org")
        .collect();
    assert_eq!(carol.len(), 1);
    assert_eq!(carol[0]["idp"], "test");
    assert_eq!(carol[0]["has_password"], false);
    let mut carols_browser = Browser::new();
    let again = sign_in_through_provider(
        &srv,
        &mut carols_browser,
        "Carol@Example.org",
        None,
        unchanged,
    )
    .await;
    assert_eq!(again.status, StatusCode::SEE_OTHER, "{}", again.body);
    assert!(
        carols_browser
            .get(&srv.at("/"))
            .await
            .contains("carol@example.org")
    );
    assert_eq!(users(&srv).len(), 2);
    let created = srv.env.audit("user.created");
    assert_eq!(created.len(), 1);
    assert_eq!(created[0]["user"], "carol@example.org");
    assert_eq!(created[0]["detail"]["idp"], "test");
    let logins = srv.env.audit("login.succeeded");
    assert_eq!(logins.len(), 2);
    assert!(logins.iter().all(|l| l["detail"]["idp"] == "test"));
    // Another account at the provider claiming the same address is not carol.
    let other = sign_in_through_provider(
        &srv,
        &mut Browser::new(),
        "CAROL@example.org",
        None,
        unchanged,
    )
    .await;
    assert_eq!(other.status, StatusCode::FORBIDDEN);
    assert_eq!(
        srv.env.audit("login.refused")[0]["detail"]["reason"],
        "another_account_of_this_provider"
    );

    // Off the allowlist, the token and the browser session stop working, and the next sign-in
    // is refused.
    srv.env
        .mcpauth(["allowlist", "remove", "@example.org"])
        .succeeds();
    let refused = srv
        .http()
        .get(srv.at("/oauth/userinfo"))
        .bearer_auth(access)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::UNAUTHORIZED);
    assert!(
        !carols_browser
            .get(&srv.at("/"))
            .await
            .contains("carol@example.org"),
        "the browser session ended with the allowlist entry"
    );
    let landing = sign_in_through_provider(
        &srv,
        &mut Browser::new(),
        "Carol@Example.org",
        None,
        unchanged,
    )
    .await;
    assert_eq!(landing.status, StatusCode::FORBIDDEN);
}

#[tokio::test(flavor = "multi_thread")]
async fn emails_off_the_allowlist_are_refused_without_saying_why() {
    let (srv, _provider) = server_with_provider().await;
    srv.env
        .mcpauth(["allowlist", "add", "alice@example.com"])
        .succeeds();
    let landing = sign_in_through_provider(
        &srv,
        &mut Browser::new(),
        "mallory@example.net",
        None,
        unchanged,
    )
    .await;
    assert_eq!(landing.status, StatusCode::FORBIDDEN);
    assert!(landing.body.contains("may not sign in"), "{}", landing.body);
    for secret in ["allowlist", "example.com", "alice"] {
        assert!(!landing.body.contains(secret), "the page leaks '{secret}'");
    }
    assert!(
        !landing.body.contains("mcpauth_session") && landing.location.is_none(),
        "no session"
    );
    assert_eq!(users(&srv).len(), 1, "nobody was created");
    let refused = srv.env.audit("login.refused");
    assert_eq!(refused.len(), 1);
    assert_eq!(refused[0]["user"], "mallory@example.net");
    assert_eq!(refused[0]["detail"]["reason"], "not_allowed");
    assert_eq!(refused[0]["detail"]["idp"], "test");
}

#[tokio::test(flavor = "multi_thread")]
async fn known_users_need_no_allowlist_but_disabled_ones_are_refused() {
    let (srv, _provider) = server_with_provider().await;
    // The administrator was added by init, not through the allowlist.
    let landing = sign_in_through_provider(&srv, &mut Browser::new(), ADMIN, None, unchanged).await;
    assert_eq!(landing.status, StatusCode::SEE_OTHER, "{}", landing.body);
    assert_eq!(landing.location.as_deref(), Some("/"));
    srv.env.mcpauth(["user", "disable", ADMIN]).succeeds();
    let landing = sign_in_through_provider(&srv, &mut Browser::new(), ADMIN, None, unchanged).await;
    assert_eq!(landing.status, StatusCode::FORBIDDEN);
    assert!(landing.body.contains("may not sign in"));
    assert_eq!(
        srv.env.audit("login.refused")[0]["detail"]["reason"],
        "disabled"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn an_unverified_email_is_refused_even_on_the_allowlist() {
    let (srv, _provider) = server_with_provider().await;
    srv.env
        .mcpauth(["allowlist", "add", "bob@example.com"])
        .succeeds();
    let landing = sign_in_through_provider(
        &srv,
        &mut Browser::new(),
        "unverified:bob@example.com",
        None,
        unchanged,
    )
    .await;
    assert_eq!(landing.status, StatusCode::FORBIDDEN);
    assert!(
        landing.body.contains("no verified email"),
        "{}",
        landing.body
    );
    assert_eq!(users(&srv).len(), 1);
    let refused = srv.env.audit("login.refused");
    assert_eq!(refused[0]["detail"]["reason"], "email_unverified");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_tampered_or_replayed_state_is_refused() {
    let (srv, _provider) = server_with_provider().await;
    srv.env
        .mcpauth(["allowlist", "add", "alice@example.com"])
        .succeeds();
    // The provider sends back a state that is not the one this browser was given.
    let tampered = |url: &str| {
        if url.contains("/oauth/callback/") {
            with_param(url, "state", "forged-state")
        } else {
            url.to_owned()
        }
    };
    let landing = sign_in_through_provider(
        &srv,
        &mut Browser::new(),
        "alice@example.com",
        None,
        tampered,
    )
    .await;
    assert_eq!(landing.status, StatusCode::BAD_REQUEST);
    assert!(
        landing.body.contains("did not start in this browser"),
        "{}",
        landing.body
    );

    // A callback URL works once: replaying it (even in the same browser) is refused.
    let mut browser = Browser::new();
    let seen = std::sync::Mutex::new(None);
    let landing = sign_in_through_provider(&srv, &mut browser, "alice@example.com", None, |url| {
        if url.contains("/oauth/callback/") {
            *seen.lock().unwrap() = Some(url.to_owned());
        }
        url.to_owned()
    })
    .await;
    assert_eq!(landing.status, StatusCode::SEE_OTHER);
    let callback = seen.lock().unwrap().clone().unwrap();
    let cookie_state = url::Url::parse(&callback)
        .unwrap()
        .query_pairs()
        .find(|(k, _)| k == "state")
        .unwrap()
        .1
        .into_owned();
    browser
        .cookies
        .insert("mcpauth_idp_state".into(), cookie_state);
    let (status, _, body) = browser.request(Method::GET, &callback, None).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("expired or was already used"), "{body}");
    let reasons: Vec<_> = srv
        .env
        .audit("login.refused")
        .iter()
        .map(|e| e["detail"]["reason"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(reasons, ["state_mismatch", "state_unknown"]);
}

#[tokio::test(flavor = "multi_thread")]
async fn an_id_token_with_another_nonce_is_refused() {
    let (srv, _provider) = server_with_provider().await;
    srv.env
        .mcpauth(["allowlist", "add", "alice@example.com"])
        .succeeds();
    // The request reaching the provider carries another nonce, so its ID token does too.
    let tampered = |url: &str| {
        if url.contains("nonce=") {
            with_param(url, "nonce", "attackers-nonce")
        } else {
            url.to_owned()
        }
    };
    let landing = sign_in_through_provider(
        &srv,
        &mut Browser::new(),
        "alice@example.com",
        None,
        tampered,
    )
    .await;
    assert_eq!(landing.status, StatusCode::BAD_GATEWAY, "{}", landing.body);
    assert!(landing.body.contains("could not complete the sign-in"));
    let refused = srv.env.audit("login.refused");
    assert_eq!(refused[0]["detail"]["reason"], "provider_failed");
    assert!(
        refused[0]["detail"]["detail"]
            .as_str()
            .unwrap()
            .contains("nonce"),
        "{refused:?}"
    );
    assert_eq!(users(&srv).len(), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_password_form_can_be_turned_off_when_a_provider_is_configured() {
    let srv = TestServer::start().await;
    srv.env
        .mcpauth(["settings", "set", "password_login", "off"])
        .succeeds();
    // With no provider, the password form stays: nobody is locked out.
    let page = Browser::new().get(&srv.at("/login")).await;
    assert!(page.contains("name=\"password\""));

    let provider = OidcProvider::start(&srv.at("/oauth/callback/test")).await;
    srv.env
        .mcpauth([
            "idp",
            "add",
            "oidc",
            "test",
            "--issuer",
            &provider.issuer,
            "--client-id",
            CLIENT_ID,
            "--client-secret-stdin",
        ])
        .stdin(CLIENT_SECRET)
        .succeeds();
    let mut browser = Browser::new();
    let page = browser.get(&srv.at("/login")).await;
    assert!(page.contains("Sign in with test"));
    assert!(!page.contains("name=\"password\""), "{page}");
    let (status, body) = browser
        .submit(
            &srv.at("/login"),
            &page,
            &[("email", ADMIN), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(body.contains("turned off"));
}

#[tokio::test(flavor = "multi_thread")]
async fn the_official_mcp_sdk_connects_for_a_person_who_signs_in_through_the_provider() {
    let (srv, _provider) = server_with_provider().await;
    srv.env
        .mcpauth(["allowlist", "add", "@example.org"])
        .succeeds();
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/e2e/mcp_sdk_flow.py");
    let out = tokio::time::timeout(
        std::time::Duration::from_secs(120),
        tokio::process::Command::new(crate::e2e::python())
            .args([
                script,
                &srv.resource(),
                "dana@example.org",
                "idp:test",
                "auto",
            ])
            .kill_on_drop(true)
            .output(),
    )
    .await
    .expect("the SDK run finished in time")
    .unwrap();
    assert!(
        out.status.success(),
        "MCP SDK flow through the provider failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let run: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(run["whoami"]["email"], "dana@example.org");
    assert_eq!(run["read"], "written by the SDK");
    assert_eq!(srv.env.audit("user.created")[0]["user"], "dana@example.org");
}
