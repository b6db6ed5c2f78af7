//! ChatGPT-shaped clients: a client ID metadata document with `private_key_jwt` (RFC 7523).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use axum::Json;
use axum::routing::get;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::harness::*;
use crate::mcp_builtin::audited;
use crate::server_flow::urlencode;
use crate::util::*;

const CHATGPT_REDIRECT: &str = "https://chatgpt.com/connector/oauth/test-connector";

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn jwk(name: &str) -> Value {
    serde_json::from_str(&fixture(&format!("{name}_rsa.jwk.json"))).unwrap()
}

/// A loopback host for a client's metadata document and key set.
struct ClientHost {
    client_id: String,
    jwks: Arc<Mutex<Value>>,
    jwks_fetches: Arc<AtomicUsize>,
}

async fn chatgpt_host(
    document: impl Fn(&str, &str) -> Value + Send + Sync + 'static,
) -> ClientHost {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let client_id = format!("{base}/oauth/test/client.json");
    let jwks_uri = format!("{base}/oauth/jwks.json");
    let doc = Arc::new(document(&client_id, &jwks_uri));
    let jwks = Arc::new(Mutex::new(json!({ "keys": [jwk("client")] })));
    let fetches = Arc::new(AtomicUsize::new(0));
    let (served, counter) = (jwks.clone(), fetches.clone());
    let app = axum::Router::new()
        .route(
            "/oauth/test/client.json",
            get(move || {
                let doc = doc.clone();
                async move { Json((*doc).clone()) }
            }),
        )
        .route(
            "/oauth/jwks.json",
            get(move || {
                counter.fetch_add(1, Ordering::SeqCst);
                let keys = served.lock().unwrap().clone();
                async move { ([("cache-control", "max-age=3600")], Json(keys)) }
            }),
        );
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    ClientHost {
        client_id,
        jwks,
        jwks_fetches: fetches,
    }
}

/// What ChatGPT publishes today.
fn chatgpt_document(client_id: &str, jwks_uri: &str) -> Value {
    json!({
        "client_id": client_id, "client_name": "ChatGPT", "redirect_uris": [CHATGPT_REDIRECT],
        "grant_types": ["authorization_code", "refresh_token"], "response_types": ["code"],
        "token_endpoint_auth_method": "private_key_jwt", "token_endpoint_auth_signing_alg": "RS256",
        "jwks_uri": jwks_uri,
    })
}

struct Assertion<'a> {
    key: &'a str,
    kid: &'a str,
    alg: Algorithm,
    claims: Value,
}

impl<'a> Assertion<'a> {
    fn new(srv: &TestServer, client_id: &str) -> Assertion<'a> {
        let now = chrono::Utc::now().timestamp();
        Assertion {
            key: "client",
            kid: "chatgpt-key-1",
            alg: Algorithm::RS256,
            claims: json!({ "iss": client_id, "sub": client_id, "aud": srv.at("/oauth/token"),
                            "iat": now, "exp": now + 60, "jti": mcpauth::crypto::random_token(12) }),
        }
    }

    fn sign(&self) -> String {
        let mut header = Header::new(self.alg);
        header.kid = Some(self.kid.to_owned());
        let key = EncodingKey::from_rsa_pem(fixture(&format!("{}_rsa.pem", self.key)).as_bytes())
            .unwrap();
        jsonwebtoken::encode(&header, &self.claims, &key).unwrap()
    }
}

async fn server() -> TestServer {
    TestServer::start_with(Env::init(), true).await
}

/// Signs in and consents for the document client; returns the code and PKCE verifier.
async fn code_for(srv: &TestServer, client_id: &str) -> (String, Pkce) {
    let mut browser = srv.signed_in_browser().await;
    let pkce = Pkce::new();
    let url = format!(
        "{}?response_type=code&client_id={}&redirect_uri={}&code_challenge={}&code_challenge_method=S256&state=s&scope=offline_access",
        srv.at("/oauth/authorize"),
        urlencode(client_id),
        urlencode(CHATGPT_REDIRECT),
        pkce.challenge
    );
    let (status, location, page) = browser.request(reqwest::Method::GET, &url, None).await;
    let location = match status {
        StatusCode::OK => {
            let (status, location) = browser
                .submit(&srv.at("/consent"), &page, &[("decision", "allow")])
                .await;
            assert_eq!(status, StatusCode::SEE_OTHER, "{location}");
            location
        }
        _ => location.unwrap_or_else(|| panic!("authorize answered {status}: {page}")),
    };
    assert!(location.starts_with(CHATGPT_REDIRECT), "{location}");
    let code = url::Url::parse(&location)
        .unwrap()
        .query_pairs()
        .find(|(k, _)| k == "code")
        .unwrap()
        .1
        .into_owned();
    (code, pkce)
}

async fn token_with(srv: &TestServer, form: &[(&str, &str)]) -> (StatusCode, Value) {
    let res = srv
        .http()
        .post(srv.at("/oauth/token"))
        .form(form)
        .send()
        .await
        .unwrap();
    (res.status(), res.json().await.unwrap_or(Value::Null))
}

async fn exchange(
    srv: &TestServer,
    client_id: &str,
    code: &str,
    pkce: &Pkce,
    assertion: &str,
) -> (StatusCode, Value) {
    token_with(
        srv,
        &[
            ("grant_type", "authorization_code"),
            ("code", code),
            ("code_verifier", &pkce.verifier),
            ("redirect_uri", CHATGPT_REDIRECT),
            ("client_id", client_id),
            (
                "client_assertion_type",
                "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            ),
            ("client_assertion", assertion),
        ],
    )
    .await
}

/// A refused assertion: 401 invalid_client naming the reason, and an audit row with it.
async fn refused(srv: &TestServer, host: &ClientHost, assertion: &str, reason: &str) {
    let (code, pkce) = code_for(srv, &host.client_id).await;
    let (status, body) = exchange(srv, &host.client_id, &code, &pkce, assertion).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
    assert_eq!(body["error"], "invalid_client");
    assert!(
        body["error_description"].as_str().unwrap().contains(reason),
        "{reason}: {body}"
    );
    let rows = audited(&srv.env, "client.assertion_refused", 1).await;
    assert!(
        rows.iter()
            .any(|r| r["client_id"] == host.client_id.as_str()),
        "{rows:?}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_chatgpt_shaped_client_signs_in_with_private_key_jwt_refreshes_and_calls_a_tool() {
    let srv = server().await;
    let meta: Value = srv
        .http()
        .get(srv.at("/.well-known/oauth-authorization-server"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(
        meta["token_endpoint_auth_methods_supported"]
            .as_array()
            .unwrap()
            .contains(&json!("private_key_jwt"))
    );
    assert_eq!(
        meta["token_endpoint_auth_signing_alg_values_supported"],
        json!(["RS256", "ES256", "EdDSA"])
    );

    let host = chatgpt_host(chatgpt_document).await;
    let mut browser = srv.signed_in_browser().await;
    let pkce = Pkce::new();
    let url = format!(
        "{}?response_type=code&client_id={}&redirect_uri={}&code_challenge={}&code_challenge_method=S256&state=s",
        srv.at("/oauth/authorize"),
        urlencode(&host.client_id),
        urlencode(CHATGPT_REDIRECT),
        pkce.challenge
    );
    let consent = browser.get(&url).await;
    assert!(
        consent.contains("ChatGPT — 127.0.0.1"),
        "the consent page names the document's host"
    );
    assert!(consent.contains("chatgpt.com"), "and where it sends you");
    let (_, location) = browser
        .submit(&srv.at("/consent"), &consent, &[("decision", "allow")])
        .await;
    let code = url::Url::parse(&location)
        .unwrap()
        .query_pairs()
        .find(|(k, _)| k == "code")
        .unwrap()
        .1
        .into_owned();

    // No assertion: a private_key_jwt client cannot fall back to nothing.
    let (status, _) = token_with(
        &srv,
        &[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("code_verifier", &pkce.verifier),
            ("client_id", &host.client_id),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, tokens) = exchange(
        &srv,
        &host.client_id,
        &code,
        &pkce,
        &Assertion::new(&srv, &host.client_id).sign(),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{tokens}");
    let (status, refreshed) = token_with(
        &srv,
        &[
            ("grant_type", "refresh_token"),
            ("refresh_token", tokens["refresh_token"].as_str().unwrap()),
            (
                "client_assertion_type",
                "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            ),
            (
                "client_assertion",
                &Assertion::new(&srv, &host.client_id).sign(),
            ),
        ],
    )
    .await;
    assert_eq!(
        status,
        StatusCode::OK,
        "a refresh with a fresh assertion: {refreshed}"
    );
    let (status, _, body) = crate::mcp_builtin::call_2026(
        &srv,
        refreshed["access_token"].as_str().unwrap(),
        "tools/call",
        json!({ "name": "whoami", "arguments": {} }),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        body["result"]["structuredContent"]["client_id"],
        host.client_id.as_str()
    );
    assert_eq!(
        host.jwks_fetches.load(Ordering::SeqCst),
        1,
        "keys are cached"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_rotated_key_is_found_by_fetching_the_keys_once_more() {
    let srv = server().await;
    let host = chatgpt_host(chatgpt_document).await;
    let (code, pkce) = code_for(&srv, &host.client_id).await;
    assert_eq!(
        exchange(
            &srv,
            &host.client_id,
            &code,
            &pkce,
            &Assertion::new(&srv, &host.client_id).sign()
        )
        .await
        .0,
        StatusCode::OK
    );
    *host.jwks.lock().unwrap() = json!({ "keys": [jwk("rotated")] });
    let (code, pkce) = code_for(&srv, &host.client_id).await;
    let rotated = Assertion {
        key: "rotated",
        kid: "chatgpt-key-2",
        ..Assertion::new(&srv, &host.client_id)
    };
    let (status, body) = exchange(&srv, &host.client_id, &code, &pkce, &rotated.sign()).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(host.jwks_fetches.load(Ordering::SeqCst), 2);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_document_offering_none_as_well_may_authenticate_with_none_and_pkce() {
    let srv = server().await;
    let host = chatgpt_host(|id, jwks| {
        let mut doc = chatgpt_document(id, jwks);
        doc["token_endpoint_auth_methods_supported"] = json!(["none", "private_key_jwt"]);
        doc
    })
    .await;
    let (code, pkce) = code_for(&srv, &host.client_id).await;
    let (status, body) = token_with(
        &srv,
        &[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("code_verifier", &pkce.verifier),
            ("client_id", &host.client_id),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

#[tokio::test(flavor = "multi_thread")]
async fn an_assertion_signed_by_another_key_is_refused() {
    let srv = server().await;
    let host = chatgpt_host(chatgpt_document).await;
    let forged = Assertion {
        key: "attacker",
        ..Assertion::new(&srv, &host.client_id)
    };
    refused(&srv, &host, &forged.sign(), "bad signature").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_unsigned_assertion_is_refused() {
    let srv = server().await;
    let host = chatgpt_host(chatgpt_document).await;
    let signed = Assertion::new(&srv, &host.client_id).sign();
    let payload = signed.split('.').nth(1).unwrap();
    let header = base64::Engine::encode(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD,
        br#"{"alg":"none","kid":"chatgpt-key-1"}"#,
    );
    refused(&srv, &host, &format!("{header}.{payload}."), "not a JWT").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_hmac_assertion_keyed_with_the_public_key_is_refused() {
    let srv = server().await;
    let host = chatgpt_host(chatgpt_document).await;
    let a = Assertion::new(&srv, &host.client_id);
    let mut header = Header::new(Algorithm::HS256);
    header.kid = Some("chatgpt-key-1".into());
    let public = jwk("client").to_string();
    let hs = jsonwebtoken::encode(
        &header,
        &a.claims,
        &EncodingKey::from_secret(public.as_bytes()),
    )
    .unwrap();
    refused(&srv, &host, &hs, "algorithm").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_expired_assertion_is_refused() {
    let srv = server().await;
    let host = chatgpt_host(chatgpt_document).await;
    let mut a = Assertion::new(&srv, &host.client_id);
    a.claims["exp"] = json!(chrono::Utc::now().timestamp() - 600);
    refused(&srv, &host, &a.sign(), "expired").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_assertion_for_another_audience_is_refused() {
    let srv = server().await;
    let host = chatgpt_host(chatgpt_document).await;
    let mut a = Assertion::new(&srv, &host.client_id);
    a.claims["aud"] = json!("https://other-server.example/oauth/token");
    refused(&srv, &host, &a.sign(), "wrong aud").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_assertion_whose_iss_and_sub_differ_is_refused() {
    let srv = server().await;
    let host = chatgpt_host(chatgpt_document).await;
    let mut a = Assertion::new(&srv, &host.client_id);
    a.claims["sub"] = json!("someone-else");
    refused(&srv, &host, &a.sign(), "iss and sub").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_replayed_assertion_is_refused() {
    let srv = server().await;
    let host = chatgpt_host(chatgpt_document).await;
    let once = Assertion::new(&srv, &host.client_id).sign();
    let (code, pkce) = code_for(&srv, &host.client_id).await;
    assert_eq!(
        exchange(&srv, &host.client_id, &code, &pkce, &once).await.0,
        StatusCode::OK
    );
    refused(&srv, &host, &once, "replayed jti").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_unknown_kid_is_refused_after_one_refetch() {
    let srv = server().await;
    let host = chatgpt_host(chatgpt_document).await;
    let a = Assertion {
        kid: "no-such-key",
        ..Assertion::new(&srv, &host.client_id)
    };
    refused(&srv, &host, &a.sign(), "unknown kid").await;
    assert_eq!(
        host.jwks_fetches.load(Ordering::SeqCst),
        2,
        "fetched, then fetched again for the unknown kid"
    );
}

/// Authorizing for a document client that must be refused: a page (no redirect) saying why,
/// and an audit row.
async fn refused_at_authorize(
    document: impl Fn(&str, &str) -> Value + Send + Sync + 'static,
    why: &str,
) {
    let srv = server().await;
    let host = chatgpt_host(document).await;
    let mut browser = srv.signed_in_browser().await;
    let url = format!(
        "{}?response_type=code&client_id={}&redirect_uri={}&code_challenge={}&code_challenge_method=S256",
        srv.at("/oauth/authorize"),
        urlencode(&host.client_id),
        urlencode(CHATGPT_REDIRECT),
        Pkce::new().challenge
    );
    let (status, location, body) = browser.request(reqwest::Method::GET, &url, None).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(location.is_none());
    assert!(body.contains(why), "{why}: {body}");
    let rows = srv.env.audit("client.document_refused");
    assert_eq!(rows.len(), 1);
    assert!(rows[0]["detail"]["reason"].as_str().unwrap().contains(why));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_document_declaring_a_shared_secret_is_refused_at_authorize() {
    refused_at_authorize(
        |id, _| json!({ "client_id": id, "redirect_uris": [CHATGPT_REDIRECT], "token_endpoint_auth_method": "client_secret_post" }),
        "shared secret",
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_document_declaring_private_key_jwt_without_keys_is_refused_at_authorize() {
    refused_at_authorize(
        |id, _| json!({ "client_id": id, "redirect_uris": [CHATGPT_REDIRECT], "token_endpoint_auth_method": "private_key_jwt" }),
        "publishes no keys",
    )
    .await;
}

#[tokio::test]
async fn dynamic_and_cli_clients_can_use_private_key_jwt_too() {
    let srv = server().await;
    let res = srv
        .http()
        .post(srv.at("/oauth/register"))
        .json(&json!({ "redirect_uris": [REDIRECT], "token_endpoint_auth_method": "private_key_jwt", "jwks": { "keys": [jwk("client")] } }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["token_endpoint_auth_method"], "private_key_jwt");
    assert!(
        body.get("client_secret").is_none(),
        "no shared secret for a key-holding client"
    );
    let res = srv
        .http()
        .post(srv.at("/oauth/register"))
        .json(&json!({ "redirect_uris": [REDIRECT], "token_endpoint_auth_method": "private_key_jwt" }))
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.status(),
        StatusCode::BAD_REQUEST,
        "private_key_jwt without keys"
    );

    let client_id = body["client_id"].as_str().unwrap().to_owned();
    let client = Client {
        id: client_id.clone(),
        secret: None,
    };
    let mut browser = srv.signed_in_browser().await;
    let pkce = Pkce::new();
    let code = srv.authorize(&mut browser, &client, &pkce, &[]).await;
    let assertion = Assertion::new(&srv, &client_id).sign();
    let (status, tokens) = token_with(
        &srv,
        &[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("code_verifier", &pkce.verifier),
            ("client_id", &client_id),
            (
                "client_assertion_type",
                "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            ),
            ("client_assertion", &assertion),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{tokens}");

    let added = srv.env.json([
        "client",
        "add",
        "--name",
        "Agent",
        "--redirect-uri",
        REDIRECT,
        "--jwks-uri",
        "https://agent.example/jwks.json",
    ]);
    assert_eq!(added["auth_method"], "private_key_jwt");
    assert!(added.get("client_secret").is_none());
    srv.env
        .mcpauth([
            "client",
            "add",
            "--name",
            "A",
            "--redirect-uri",
            REDIRECT,
            "--jwks-uri",
            "http://agent.example/jwks.json",
        ])
        .fails_with("https");
}

#[tokio::test(flavor = "multi_thread")]
async fn authlib_completes_the_flow_with_private_key_jwt() {
    let srv = server().await;
    let host = chatgpt_host(chatgpt_document).await;
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/e2e/private_key_jwt_flow.py"
    );
    let key = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/client_rsa.pem");
    let out = tokio::process::Command::new(crate::e2e::python())
        .args([
            script,
            &srv.url,
            &host.client_id,
            CHATGPT_REDIRECT,
            key,
            "chatgpt-key-1",
            ADMIN,
            PASSWORD,
        ])
        .kill_on_drop(true)
        .output()
        .await
        .unwrap();
    assert!(
        out.status.success(),
        "authlib private_key_jwt flow failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let run: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(run["rotated"], true);
    assert_eq!(run["whoami"]["email"], ADMIN);
    assert_eq!(run["whoami"]["client_id"], host.client_id.as_str());
    assert!(srv.env.audit("client.assertion_refused").is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn an_assertion_living_longer_than_an_hour_is_refused() {
    let srv = server().await;
    let host = chatgpt_host(chatgpt_document).await;
    let mut a = Assertion::new(&srv, &host.client_id);
    a.claims["exp"] = json!(chrono::Utc::now().timestamp() + 86_400);
    refused(&srv, &host, &a.sign(), "lives too long").await;
}
