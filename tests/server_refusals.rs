//! Every bad input gets a clear refusal and changes nothing it should not.

use jsonwebtoken::{Algorithm, EncodingKey, Header};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::harness::*;
use crate::server_flow::urlencode;
use crate::util::*;

fn authorize_url(srv: &TestServer, client_id: &str, redirect: &str, extra: &str) -> String {
    format!(
        "{}?response_type=code&client_id={}&redirect_uri={}&state=xyz{extra}",
        srv.at("/oauth/authorize"),
        urlencode(client_id),
        urlencode(redirect)
    )
}

async fn userinfo_status(srv: &TestServer, token: &str) -> (StatusCode, String) {
    let res = srv
        .http()
        .get(srv.at("/oauth/userinfo"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    let challenge = res
        .headers()
        .get("www-authenticate")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (res.status(), challenge)
}

#[tokio::test]
async fn pkce_is_required_and_must_be_s256() {
    let srv = TestServer::start().await;
    let client = srv.public_client().await;
    let mut browser = srv.signed_in_browser().await;
    let pkce = Pkce::new();
    for (extra, why) in [
        (String::new(), "PKCE is required"),
        (
            format!(
                "&code_challenge={}&code_challenge_method=plain",
                pkce.challenge
            ),
            "S256",
        ),
        (format!("&code_challenge={}", pkce.challenge), "S256"),
        (
            "&code_challenge=short&code_challenge_method=S256".to_owned(),
            "code_challenge",
        ),
    ] {
        let (status, location, _) = browser
            .request(
                Method::GET,
                &authorize_url(&srv, &client.id, REDIRECT, &extra),
                None,
            )
            .await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let location = location.unwrap();
        assert!(location.starts_with(REDIRECT), "{location}");
        let q: std::collections::HashMap<_, _> = url::Url::parse(&location)
            .unwrap()
            .query_pairs()
            .into_owned()
            .collect();
        assert_eq!(q["error"], "invalid_request");
        assert!(
            q["error_description"].contains(why),
            "{}",
            q["error_description"]
        );
        assert_eq!(q["state"], "xyz");
        assert_eq!(q["iss"], srv.url);
    }
}

#[tokio::test]
async fn a_wrong_code_verifier_is_refused_and_burns_the_code() {
    let srv = TestServer::start().await;
    let client = srv.public_client().await;
    let mut browser = srv.signed_in_browser().await;
    let pkce = Pkce::new();
    let code = srv.authorize(&mut browser, &client, &pkce, &[]).await;
    let wrong = Pkce::new();
    let (status, body) = srv
        .token(
            &client,
            &[
                ("grant_type", "authorization_code"),
                ("code", &code),
                ("code_verifier", &wrong.verifier),
            ],
        )
        .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_grant"))
    );
    assert!(
        body["error_description"]
            .as_str()
            .unwrap()
            .contains("code_verifier")
    );
    let (_, body) = srv
        .token(
            &client,
            &[
                ("grant_type", "authorization_code"),
                ("code", &code),
                ("code_verifier", &pkce.verifier),
            ],
        )
        .await;
    assert_eq!(
        body["error"], "invalid_grant",
        "a code that failed PKCE cannot be tried again"
    );
    let fresh = srv.authorize(&mut browser, &client, &pkce, &[]).await;
    let (_, body) = srv
        .token(
            &client,
            &[("grant_type", "authorization_code"), ("code", &fresh)],
        )
        .await;
    assert_eq!(
        body["error"], "invalid_request",
        "no verifier at all: {body}"
    );
}

#[tokio::test]
async fn unregistered_and_near_miss_redirect_uris_get_a_page_not_a_redirect() {
    let srv = TestServer::start().await;
    let client = srv.public_client().await;
    let mut browser = srv.signed_in_browser().await;
    let pkce = Pkce::new();
    let extra = format!(
        "&code_challenge={}&code_challenge_method=S256",
        pkce.challenge
    );
    for evil in [
        "https://evil.example/callback",
        "http://127.0.0.1:53682/callback/",
        "http://127.0.0.1:53682/callback?x=1",
        "http://127.0.0.1:53682/other",
        "http://localhost:53682/callback",
        "http://127.0.0.1.evil.example/callback",
    ] {
        let (status, location, body) = browser
            .request(
                Method::GET,
                &authorize_url(&srv, &client.id, evil, &extra),
                None,
            )
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{evil}");
        assert!(
            location.is_none(),
            "{evil}: never redirect to an unregistered URI"
        );
        assert!(body.contains("not registered"), "{evil}: {body}");
    }
    // Loopback on another port is fine (RFC 8252 §7.3).
    let (status, _, body) = browser
        .request(
            Method::GET,
            &authorize_url(&srv, &client.id, "http://127.0.0.1:9/callback", &extra),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, _, body) = browser
        .request(
            Method::GET,
            &authorize_url(&srv, "no-such-client", REDIRECT, &extra),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("not registered here"), "{body}");
}

#[tokio::test]
async fn a_replayed_code_is_refused_and_revokes_what_it_issued() {
    let srv = TestServer::start().await;
    let client = srv.public_client().await;
    let mut browser = srv.signed_in_browser().await;
    let pkce = Pkce::new();
    let code = srv.authorize(&mut browser, &client, &pkce, &[]).await;
    let form = [
        ("grant_type", "authorization_code"),
        ("code", code.as_str()),
        ("code_verifier", pkce.verifier.as_str()),
    ];
    let (status, tokens) = srv.token(&client, &form).await;
    assert_eq!(status, StatusCode::OK);
    let (status, body) = srv.token(&client, &form).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_grant"))
    );
    assert!(
        body["error_description"]
            .as_str()
            .unwrap()
            .contains("already used")
    );
    assert_eq!(
        userinfo_status(&srv, tokens["access_token"].as_str().unwrap())
            .await
            .0,
        StatusCode::UNAUTHORIZED
    );
    let (_, body) = srv
        .token(
            &client,
            &[
                ("grant_type", "refresh_token"),
                ("refresh_token", tokens["refresh_token"].as_str().unwrap()),
            ],
        )
        .await;
    assert_eq!(body["error"], "invalid_grant");
    assert_eq!(srv.env.audit("code.replayed").len(), 1);
}

#[tokio::test]
async fn refresh_token_reuse_revokes_the_whole_grant() {
    let srv = TestServer::start().await;
    let client = srv.public_client().await;
    let tokens = srv.tokens_for(&client).await;
    let rt1 = tokens["refresh_token"].as_str().unwrap().to_owned();
    let refresh = |rt: String| {
        let (srv, client) = (&srv, &client);
        async move {
            srv.token(
                client,
                &[("grant_type", "refresh_token"), ("refresh_token", &rt)],
            )
            .await
        }
    };
    let (_, second) = refresh(rt1.clone()).await;
    let rt2 = second["refresh_token"].as_str().unwrap().to_owned();
    let (_, third) = refresh(rt2.clone()).await;
    let rt3 = third["refresh_token"].as_str().unwrap().to_owned();
    // rt1's successor was used: presenting rt1 again is reuse.
    let (status, body) = refresh(rt1).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_grant"))
    );
    let (_, body) = refresh(rt3).await;
    assert_eq!(
        body["error"], "invalid_grant",
        "the newest token dies with its grant"
    );
    assert_eq!(
        userinfo_status(&srv, third["access_token"].as_str().unwrap())
            .await
            .0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(srv.env.audit("refresh.reuse_detected").len(), 1);
    assert_eq!(srv.env.json(["token", "list"]), json!([]));
}

#[tokio::test]
async fn an_expired_code_is_refused() {
    let srv = TestServer::start().await;
    let client = srv.public_client().await;
    let mut browser = srv.signed_in_browser().await;
    let pkce = Pkce::new();
    let code = srv.authorize(&mut browser, &client, &pkce, &[]).await;
    let c = rusqlite::Connection::open(&srv.env.db).unwrap();
    c.execute("UPDATE auth_codes SET expires_at = expires_at - 3600", [])
        .unwrap();
    let (_, body) = srv
        .token(
            &client,
            &[
                ("grant_type", "authorization_code"),
                ("code", &code),
                ("code_verifier", &pkce.verifier),
            ],
        )
        .await;
    assert_eq!(body["error"], "invalid_grant");
    assert!(
        body["error_description"]
            .as_str()
            .unwrap()
            .contains("expired")
    );
}

#[tokio::test]
async fn resources_must_be_this_servers_and_tokens_stay_bound_to_theirs() {
    let srv = TestServer::start().await;
    let client = srv.public_client().await;
    let mut browser = srv.signed_in_browser().await;
    let pkce = Pkce::new();
    for foreign in [
        "https://evil.example/mcp",
        &srv.at("/mcp/nosuchmount"),
        &srv.at("/other"),
    ] {
        let location = srv
            .authorize_location(&mut browser, &client, &pkce, &[("resource", foreign)])
            .await;
        assert!(
            location.contains("error=invalid_target"),
            "{foreign}: {location}"
        );
    }
    // The same resource written differently is the same resource.
    let upper = srv.url.replace("http://", "HTTP://") + "/mcp/";
    let code = srv
        .authorize(&mut browser, &client, &pkce, &[("resource", &upper)])
        .await;
    let (status, body) = srv
        .token(
            &client,
            &[
                ("grant_type", "authorization_code"),
                ("code", &code),
                ("code_verifier", &pkce.verifier),
                ("resource", &srv.at("/mcp/notes")),
            ],
        )
        .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_target"))
    );

    srv.env
        .mcpauth([
            "upstream",
            "add",
            "notes",
            "--url",
            "http://127.0.0.1:9/mcp",
        ])
        .succeeds();
    let code = srv
        .authorize(
            &mut browser,
            &client,
            &pkce,
            &[("resource", &srv.at("/mcp/notes"))],
        )
        .await;
    let (status, tokens) = srv
        .token(
            &client,
            &[
                ("grant_type", "authorization_code"),
                ("code", &code),
                ("code_verifier", &pkce.verifier),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        claims(tokens["access_token"].as_str().unwrap())["aud"],
        srv.at("/mcp/notes")
    );
    let (_, body) = srv
        .token(
            &client,
            &[
                ("grant_type", "refresh_token"),
                ("refresh_token", tokens["refresh_token"].as_str().unwrap()),
                ("resource", &srv.resource()),
            ],
        )
        .await;
    assert_eq!(
        body["error"], "invalid_target",
        "a refresh cannot move a token to another resource"
    );
}

#[tokio::test]
async fn forged_expired_unsigned_and_wrong_key_tokens_are_refused() {
    let srv = TestServer::start().await;
    let client = srv.public_client().await;
    let tokens = srv.tokens_for(&client).await;
    let good = tokens["access_token"].as_str().unwrap();
    let mut real = claims(good);
    let kid = {
        let c = rusqlite::Connection::open(&srv.env.db).unwrap();
        c.query_row("SELECT kid FROM signing_keys", [], |r| {
            r.get::<_, String>(0)
        })
        .unwrap()
    };
    let der: Vec<u8> = rusqlite::Connection::open(&srv.env.db)
        .unwrap()
        .query_row("SELECT private_key FROM signing_keys", [], |r| r.get(0))
        .unwrap();
    let sign = |claims: &Value, key: &[u8], kid: &str| {
        let mut h = Header::new(Algorithm::ES256);
        h.kid = Some(kid.to_owned());
        jsonwebtoken::encode(&h, claims, &EncodingKey::from_ec_der(key)).unwrap()
    };
    assert_eq!(sign(&real, &der, &kid).split('.').count(), 3);
    assert_eq!(
        userinfo_status(&srv, &sign(&real, &der, &kid)).await.0,
        StatusCode::OK,
        "control: a correctly signed token"
    );

    let other = mcpauth::oauth::keys::generate_es256().unwrap();
    let forged_key = sign(&real, &other.private_pkcs8, &kid);
    let unknown_kid = sign(&real, &other.private_pkcs8, &other.kid);
    real["exp"] = json!(1_000_000);
    let expired = sign(&real, &der, &kid);
    real["exp"] = json!(4_000_000_000u64);
    real["iss"] = json!("https://evil.example");
    let wrong_issuer = sign(&real, &der, &kid);
    let payload = good.split('.').nth(1).unwrap();
    let none_header = base64::Engine::encode(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD,
        br#"{"alg":"none","typ":"JWT"}"#,
    );
    let alg_none = format!("{none_header}.{payload}.");
    let tampered = {
        let mut c = claims(good);
        c["email"] = json!("root@example.com");
        let body = base64::Engine::encode(
            &base64::engine::general_purpose::URL_SAFE_NO_PAD,
            c.to_string(),
        );
        let parts: Vec<&str> = good.split('.').collect();
        format!("{}.{body}.{}", parts[0], parts[2])
    };
    for (name, token) in [
        ("wrong key, same kid", forged_key),
        ("unknown kid", unknown_kid),
        ("expired", expired),
        ("wrong issuer", wrong_issuer),
        ("alg none", alg_none),
        ("tampered payload", tampered),
        ("not a JWT", "abc".to_owned()),
    ] {
        let (status, challenge) = userinfo_status(&srv, &token).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{name}");
        assert!(
            challenge.contains("error=\"invalid_token\""),
            "{name}: {challenge}"
        );
    }
    let res = srv
        .http()
        .get(srv.at("/oauth/userinfo"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(res.headers()["www-authenticate"], "Bearer");
}

#[tokio::test]
async fn forms_without_the_csrf_token_are_refused() {
    let srv = TestServer::start().await;
    let mut browser = Browser::new();
    let page = browser.get(&srv.at("/login")).await;
    let (status, _, body) = browser
        .request(
            Method::POST,
            &srv.at("/login"),
            Some(&[("email", ADMIN), ("password", PASSWORD), ("csrf", "forged")]),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("expired"), "{body}");
    let mut stranger = Browser::new();
    let (status, _) = stranger
        .submit(
            &srv.at("/login"),
            &page,
            &[("email", ADMIN), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(
        status,
        StatusCode::BAD_REQUEST,
        "a token without its cookie is refused"
    );

    let client = srv.public_client().await;
    let mut signed_in = srv.signed_in_browser().await;
    let pkce = Pkce::new();
    let consent = signed_in
        .get(&authorize_url(
            &srv,
            &client.id,
            REDIRECT,
            &format!(
                "&code_challenge={}&code_challenge_method=S256",
                pkce.challenge
            ),
        ))
        .await;
    let request = hidden_fields(&consent)
        .into_iter()
        .find(|(k, _)| k == "request")
        .unwrap()
        .1;
    let (status, _, _) = signed_in
        .request(
            Method::POST,
            &srv.at("/consent"),
            Some(&[
                ("csrf", "nope"),
                ("request", &request),
                ("decision", "allow"),
            ]),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(srv.env.audit("consent.given").is_empty());
}

#[tokio::test]
async fn repeated_failed_sign_ins_are_throttled() {
    let srv = TestServer::start().await;
    let mut browser = Browser::new();
    let attempt = |password: &'static str| {
        let url = srv.at("/login");
        async move {
            let mut b = Browser::new();
            let page = b.get(&url).await;
            b.submit(&url, &page, &[("email", ADMIN), ("password", password)])
                .await
        }
    };
    for _ in 0..5 {
        let (status, body) = attempt("wrong password!").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert!(body.contains("Wrong email or password"), "{body}");
    }
    let (status, body) = attempt(PASSWORD).await;
    assert_eq!(
        status,
        StatusCode::TOO_MANY_REQUESTS,
        "even the right password waits"
    );
    assert!(body.contains("Too many failed attempts"), "{body}");
    assert_eq!(srv.env.audit("login.failed").len(), 5);
    assert!(!srv.env.audit("rate_limited").is_empty());
    // An unknown email reads exactly like a wrong password.
    let page = browser.get(&srv.at("/login")).await;
    let (status, body) = browser
        .submit(
            &srv.at("/login"),
            &page,
            &[("email", "ghost@example.com"), ("password", "whatever1")],
        )
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(body.contains("Wrong email or password"));
    let reasons: Vec<String> = srv
        .env
        .audit("login.failed")
        .iter()
        .map(|e| e["detail"]["reason"].as_str().unwrap().to_owned())
        .collect();
    assert!(
        reasons.contains(&"unknown email".to_owned())
            && reasons.contains(&"wrong password".to_owned())
    );
}

#[tokio::test]
async fn oversized_and_malformed_bodies_are_refused() {
    let srv = TestServer::start().await;
    let big = "x".repeat(200 * 1024);
    let res = srv
        .http()
        .post(srv.at("/oauth/token"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("grant_type=authorization_code&code={big}"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);

    let res = srv
        .http()
        .post(srv.at("/oauth/token"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("grant_type=authorization_code&grant_type=refresh_token")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        res.json::<Value>().await.unwrap()["error"],
        "invalid_request"
    );

    let res = srv
        .http()
        .post(srv.at("/oauth/register"))
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        res.json::<Value>().await.unwrap()["error"],
        "invalid_client_metadata"
    );

    let client = srv.public_client().await;
    let (status, body) = srv.token(&client, &[("grant_type", "password")]).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("unsupported_grant_type"))
    );
    let (_, body) = srv.token(&client, &[]).await;
    assert_eq!(body["error"], "invalid_request");
    let (status, _, body) = Browser::new()
        .request(
            Method::GET,
            &format!("{}?client_id=a&client_id=b", srv.at("/oauth/authorize")),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("malformed"), "{body}");
}

#[tokio::test]
async fn client_authentication_is_enforced() {
    let srv = TestServer::start().await;
    let confidential = srv.confidential_client().await;
    let tokens = srv.tokens_for(&confidential).await;
    let rt = tokens["refresh_token"].as_str().unwrap();
    let no_secret = Client {
        id: confidential.id.clone(),
        secret: None,
    };
    let (status, body) = srv
        .token(
            &no_secret,
            &[("grant_type", "refresh_token"), ("refresh_token", rt)],
        )
        .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::UNAUTHORIZED, Some("invalid_client"))
    );
    // client_secret_post works as well as basic.
    let res = srv
        .http()
        .post(srv.at("/oauth/token"))
        .form(&[
            ("grant_type", "refresh_token"),
            ("refresh_token", rt),
            ("client_id", &confidential.id),
            ("client_secret", confidential.secret.as_deref().unwrap()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);

    let public = srv.public_client().await;
    let with_secret = Client {
        id: public.id.clone(),
        secret: Some("made-up".into()),
    };
    let (status, _) = srv
        .token(
            &with_secret,
            &[("grant_type", "refresh_token"), ("refresh_token", "x")],
        )
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    // A code issued to one client cannot be redeemed by another.
    let mut browser = srv.signed_in_browser().await;
    let pkce = Pkce::new();
    let code = srv.authorize(&mut browser, &public, &pkce, &[]).await;
    let other = srv.public_client().await;
    let (_, body) = srv
        .token(
            &other,
            &[
                ("grant_type", "authorization_code"),
                ("code", &code),
                ("code_verifier", &pkce.verifier),
            ],
        )
        .await;
    assert_eq!(body["error"], "invalid_grant");
}

#[tokio::test]
async fn registration_validates_metadata_leniently_and_is_rate_limited() {
    let srv = TestServer::start().await;
    let post = |body: Value| {
        let (http, url) = (srv.http(), srv.at("/oauth/register"));
        async move {
            let res = http.post(url).json(&body).send().await.unwrap();
            (res.status(), res.json::<Value>().await.unwrap())
        }
    };
    let (status, body) = post(json!({ "redirect_uris": ["http://evil.example/cb"] })).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_redirect_uri"))
    );
    let (_, body) = post(json!({ "redirect_uris": [] })).await;
    assert_eq!(body["error"], "invalid_redirect_uri");
    let (_, body) =
        post(json!({ "redirect_uris": [REDIRECT], "grant_types": ["client_credentials"] })).await;
    assert_eq!(body["error"], "invalid_client_metadata");
    let (_, body) = post(json!({ "redirect_uris": [REDIRECT], "token_endpoint_auth_method": "private_key_jwt_typo" })).await;
    assert_eq!(body["error"], "invalid_client_metadata");

    // Claude's shape: client_secret_post, read back from the response.
    let (status, body) = post(json!({
        "client_name": "Claude", "redirect_uris": ["https://claude.ai/api/mcp/auth_callback"],
        "token_endpoint_auth_method": "client_secret_post", "grant_types": ["authorization_code", "refresh_token"],
        "response_types": ["code"], "scope": "mcp:read mcp:write",
    }))
    .await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(body["token_endpoint_auth_method"], "client_secret_post");
    assert!(body["client_secret"].as_str().unwrap().len() >= 43);
    // Several unusual-but-safe redirect URIs together.
    let (status, body) = post(json!({
        "redirect_uris": ["cursor://anysphere.cursor-mcp/oauth/callback", "http://[::1]:33418/", "http://localhost/cb", "https://vscode.dev/redirect"],
        "token_endpoint_auth_method": "none", "application_type": "native",
    }))
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert!(body.get("client_secret").is_none());

    for _ in 0..20 {
        let _ = post(json!({ "redirect_uris": [REDIRECT], "token_endpoint_auth_method": "none" }))
            .await;
    }
    let (status, body) =
        post(json!({ "redirect_uris": [REDIRECT], "token_endpoint_auth_method": "none" })).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");
    assert!(!srv.env.audit("rate_limited").is_empty());
    // Registrations persist: the CLI sees them.
    let names = srv.env.json(["client", "list"]);
    assert!(field(&names, "name").contains(&"Claude"));
    assert!(field(&names, "source").iter().all(|s| *s == "dcr"));
}

#[tokio::test]
async fn metadata_documents_on_private_addresses_are_not_fetched() {
    let srv = TestServer::start().await;
    let mut browser = srv.signed_in_browser().await;
    let pkce = format!(
        "&code_challenge={}&code_challenge_method=S256",
        Pkce::new().challenge
    );
    for id in [
        "https://127.0.0.1/client.json",
        "https://localhost/client.json",
        "https://[::1]/c.json",
        "https://10.0.0.1/c.json",
    ] {
        let (status, location, body) = browser
            .request(Method::GET, &authorize_url(&srv, id, REDIRECT, &pkce), None)
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{id}");
        assert!(location.is_none());
        assert!(body.contains("private or loopback"), "{id}: {body}");
    }
    assert_eq!(srv.env.audit("client.document_refused").len(), 4);
    assert_eq!(srv.env.json(["client", "list"]), json!([]));
}

#[tokio::test]
async fn prompt_none_without_a_session_answers_login_required() {
    let srv = TestServer::start().await;
    let client = srv.public_client().await;
    let pkce = Pkce::new();
    let url = authorize_url(
        &srv,
        &client.id,
        REDIRECT,
        &format!(
            "&code_challenge={}&code_challenge_method=S256&prompt=none",
            pkce.challenge
        ),
    );
    let (status, location, _) = Browser::new().request(Method::GET, &url, None).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(location.unwrap().contains("error=login_required"));
}

async fn register_from(srv: &TestServer, forwarded_for: &str) -> StatusCode {
    srv.http()
        .post(srv.at("/oauth/register"))
        .header("x-forwarded-for", forwarded_for)
        .json(&json!({ "redirect_uris": [REDIRECT], "token_endpoint_auth_method": "none" }))
        .send()
        .await
        .unwrap()
        .status()
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_forwarded_client_is_limited_and_audited_on_its_own() {
    let env = Env::init();
    env.mcpauth(["settings", "set", "trusted_proxies", "127.0.0.1, ::1"])
        .succeeds();
    let srv = TestServer::start_with(env, false).await;
    for i in 0..25 {
        assert_eq!(
            register_from(&srv, &format!("203.0.113.{i}")).await,
            StatusCode::CREATED,
            "client {i}"
        );
    }
    // A client cannot dodge its limit by prepending addresses: the nearest untrusted hop counts.
    for i in 0..20 {
        assert_eq!(
            register_from(&srv, &format!("10.9.9.{i}, 198.51.100.7")).await,
            StatusCode::CREATED
        );
    }
    assert_eq!(
        register_from(&srv, "10.9.9.99, 198.51.100.7").await,
        StatusCode::TOO_MANY_REQUESTS
    );
    let ips: Vec<String> = srv
        .env
        .audit("client.registered")
        .iter()
        .map(|e| e["ip"].as_str().unwrap().to_owned())
        .collect();
    assert!(
        ips.contains(&"203.0.113.0".to_owned()) && ips.contains(&"198.51.100.7".to_owned()),
        "{ips:?}"
    );
}

#[tokio::test]
async fn without_trusted_proxies_a_forwarded_for_header_is_ignored() {
    let srv = TestServer::start().await;
    for i in 0..20 {
        assert_eq!(
            register_from(&srv, &format!("203.0.113.{i}")).await,
            StatusCode::CREATED
        );
    }
    assert_eq!(
        register_from(&srv, "203.0.113.200").await,
        StatusCode::TOO_MANY_REQUESTS,
        "all came from 127.0.0.1"
    );
    assert!(
        srv.env
            .audit("client.registered")
            .iter()
            .all(|e| e["ip"] == "127.0.0.1")
    );
}
