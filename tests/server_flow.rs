//! The whole OAuth flow over HTTP against the real server.

use reqwest::StatusCode;
use serde_json::json;

use crate::harness::*;
use crate::util::*;

#[tokio::test]
async fn discovery_documents_name_every_endpoint() {
    let srv = TestServer::start().await;
    for path in [
        "/.well-known/oauth-authorization-server",
        "/.well-known/openid-configuration",
    ] {
        let meta: serde_json::Value = srv
            .http()
            .get(srv.at(path))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(meta["issuer"], srv.url);
        assert_eq!(meta["authorization_endpoint"], srv.at("/oauth/authorize"));
        assert_eq!(meta["token_endpoint"], srv.at("/oauth/token"));
        assert_eq!(meta["registration_endpoint"], srv.at("/oauth/register"));
        assert_eq!(meta["revocation_endpoint"], srv.at("/oauth/revoke"));
        assert_eq!(meta["introspection_endpoint"], srv.at("/oauth/introspect"));
        assert_eq!(meta["userinfo_endpoint"], srv.at("/oauth/userinfo"));
        assert_eq!(meta["jwks_uri"], srv.at("/oauth/jwks"));
        assert_eq!(meta["response_types_supported"], json!(["code"]));
        assert_eq!(
            meta["grant_types_supported"],
            json!(["authorization_code", "refresh_token"])
        );
        assert_eq!(meta["code_challenge_methods_supported"], json!(["S256"]));
        assert_eq!(
            meta["token_endpoint_auth_methods_supported"],
            json!([
                "none",
                "client_secret_basic",
                "client_secret_post",
                "private_key_jwt"
            ])
        );
        assert_eq!(meta["authorization_response_iss_parameter_supported"], true);
        assert_eq!(meta["client_id_metadata_document_supported"], true);
        let scopes = meta["scopes_supported"].to_string();
        assert!(
            scopes.contains("mcp:read")
                && scopes.contains("mcp:write")
                && scopes.contains("offline_access")
        );
    }
    let jwks: serde_json::Value = srv
        .http()
        .get(srv.at("/oauth/jwks"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(jwks["keys"].as_array().unwrap().len(), 1);
    assert_eq!(jwks["keys"][0]["alg"], "ES256");
    assert!(jwks["keys"][0].get("d").is_none(), "never the private key");
    assert_eq!(
        srv.http()
            .get(srv.at("/healthz"))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_public_client_signs_in_consents_and_refreshes() {
    let srv = TestServer::start().await;
    let client = srv.public_client().await;

    // Not signed in: the authorization endpoint sends the browser to the sign-in page.
    let mut browser = Browser::new();
    let pkce = Pkce::new();
    let authorize = format!(
        "{}?response_type=code&client_id={}&redirect_uri={}&code_challenge={}&code_challenge_method=S256&state=xyz&scope=offline_access&resource={}",
        srv.at("/oauth/authorize"),
        client.id,
        urlencode(REDIRECT),
        pkce.challenge,
        urlencode(&srv.resource()),
    );
    let (status, location, _) = browser
        .request(reqwest::Method::GET, &authorize, None)
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let login = srv.at(&location.unwrap());
    assert!(login.contains("/login?next="), "{login}");

    let page = browser.get(&login).await;
    assert!(
        page.contains("name=\"csrf\""),
        "the form carries a CSRF token"
    );
    let (status, back) = browser
        .submit(
            &srv.at("/login"),
            &page,
            &[("email", ADMIN), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(
        back.starts_with("/oauth/authorize?"),
        "back to the request: {back}"
    );

    let (status, _, consent) = browser
        .request(reqwest::Method::GET, &srv.at(&back), None)
        .await;
    assert_eq!(status, StatusCode::OK);
    for shown in [
        "Test Agent",
        "127.0.0.1",
        "dynamic registration",
        "mcp:read",
        "mcp:write",
        "offline_access",
        ADMIN,
    ] {
        assert!(consent.contains(shown), "consent page lacks {shown}");
    }
    let (status, redirect) = browser
        .submit(&srv.at("/consent"), &consent, &[("decision", "allow")])
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let redirect = url::Url::parse(&redirect).unwrap();
    assert!(redirect.as_str().starts_with(REDIRECT));
    let q: std::collections::HashMap<_, _> = redirect.query_pairs().into_owned().collect();
    assert_eq!(q["state"], "xyz");
    assert_eq!(q["iss"], srv.url);

    let (status, tokens) = srv
        .token(
            &client,
            &[
                ("grant_type", "authorization_code"),
                ("code", &q["code"]),
                ("redirect_uri", REDIRECT),
                ("code_verifier", &pkce.verifier),
                ("resource", &srv.resource()),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{tokens}");
    assert_eq!(tokens["token_type"], "Bearer");
    assert_eq!(tokens["expires_in"], 3600);
    assert_eq!(tokens["scope"], "mcp:read mcp:write offline_access");
    let access = tokens["access_token"].as_str().unwrap();
    let c = claims(access);
    assert_eq!(c["iss"], srv.url);
    assert_eq!(c["aud"], srv.resource());
    assert_eq!(c["client_id"], client.id.as_str());
    assert_eq!(c["email"], ADMIN);
    for claim in ["sub", "jti", "iat", "exp", "scope"] {
        assert!(c.get(claim).is_some(), "access token lacks {claim}");
    }

    let me: serde_json::Value = srv
        .http()
        .get(srv.at("/oauth/userinfo"))
        .bearer_auth(access)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me["email"], ADMIN);

    // Rotation: each refresh returns a new refresh token.
    let first = tokens["refresh_token"].as_str().unwrap().to_owned();
    let (status, second) = srv
        .token(
            &client,
            &[("grant_type", "refresh_token"), ("refresh_token", &first)],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{second}");
    let second_rt = second["refresh_token"].as_str().unwrap().to_owned();
    assert_ne!(first, second_rt);
    // The response was "lost": the previous token still works while its successor is unused.
    let (status, third) = srv
        .token(
            &client,
            &[("grant_type", "refresh_token"), ("refresh_token", &first)],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{third}");
    let third_rt = third["refresh_token"].as_str().unwrap().to_owned();
    let (status, body) = srv
        .token(
            &client,
            &[
                ("grant_type", "refresh_token"),
                ("refresh_token", &second_rt),
            ],
        )
        .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_grant")),
        "the replaced successor is dead"
    );
    // Using the newest one retires its predecessor for good.
    let _ = third_rt;

    let events: Vec<String> = srv
        .env
        .audit("")
        .iter()
        .map(|e| e["event"].as_str().unwrap().to_owned())
        .collect();
    for kind in [
        "client.registered",
        "login.succeeded",
        "consent.given",
        "token.issued",
        "token.refreshed",
    ] {
        assert!(
            events.iter().any(|e| e == kind),
            "no {kind} in the audit log: {events:?}"
        );
    }
}

#[tokio::test]
async fn consent_is_remembered_until_a_client_asks_for_more_or_prompt_consent() {
    let srv = TestServer::start().await;
    let client = srv.public_client().await;
    let mut browser = srv.signed_in_browser().await;
    let pkce = Pkce::new();
    srv.authorize(&mut browser, &client, &pkce, &[("scope", "mcp:read")])
        .await;

    let again = srv
        .authorize_location(&mut browser, &client, &pkce, &[("scope", "mcp:read")])
        .await;
    assert!(
        again.starts_with(REDIRECT),
        "no second consent page for the same scopes"
    );
    let consent_pages_before = srv.env.audit("consent.given").len();
    srv.authorize(
        &mut browser,
        &client,
        &pkce,
        &[("scope", "mcp:read mcp:write")],
    )
    .await;
    assert_eq!(
        srv.env.audit("consent.given").len(),
        consent_pages_before + 1,
        "more scopes ask again"
    );
    srv.authorize(
        &mut browser,
        &client,
        &pkce,
        &[("scope", "mcp:read"), ("prompt", "consent")],
    )
    .await;
    assert_eq!(
        srv.env.audit("consent.given").len(),
        consent_pages_before + 2,
        "prompt=consent asks again"
    );
}

#[tokio::test]
async fn denying_consent_returns_access_denied() {
    let srv = TestServer::start().await;
    let client = srv.public_client().await;
    let mut browser = srv.signed_in_browser().await;
    let pkce = Pkce::new();
    let url = format!(
        "{}?response_type=code&client_id={}&redirect_uri={}&code_challenge={}&code_challenge_method=S256&state=s1",
        srv.at("/oauth/authorize"),
        client.id,
        urlencode(REDIRECT),
        pkce.challenge
    );
    let page = browser.get(&url).await;
    let (status, location) = browser
        .submit(&srv.at("/consent"), &page, &[("decision", "deny")])
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(
        location.starts_with(REDIRECT)
            && location.contains("error=access_denied")
            && location.contains("state=s1"),
        "{location}"
    );
    assert_eq!(srv.env.audit("consent.denied").len(), 1);
}

#[tokio::test]
async fn a_confidential_client_introspects_and_revokes() {
    let srv = TestServer::start().await;
    let client = srv.confidential_client().await;
    let tokens = srv.tokens_for(&client).await;
    let access = tokens["access_token"].as_str().unwrap();
    let refresh = tokens["refresh_token"].as_str().unwrap();

    let (status, info) = srv
        .client_post(&client, "/oauth/introspect", &[("token", access)])
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(info["active"], true);
    assert_eq!(info["username"], ADMIN);
    assert_eq!(info["aud"], srv.resource());
    let (_, info) = srv
        .client_post(&client, "/oauth/introspect", &[("token", refresh)])
        .await;
    assert_eq!(
        (info["active"].as_bool(), info["token_type"].as_str()),
        (Some(true), Some("refresh_token"))
    );
    let (_, info) = srv
        .client_post(&client, "/oauth/introspect", &[("token", "garbage")])
        .await;
    assert_eq!(info, json!({ "active": false }));

    // A public client cannot introspect.
    let public = srv.public_client().await;
    let (status, _) = srv
        .client_post(&public, "/oauth/introspect", &[("token", access)])
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    // Nor can a wrong secret.
    let wrong = Client {
        id: client.id.clone(),
        secret: Some("wrong".into()),
    };
    let (status, body) = srv
        .client_post(&wrong, "/oauth/introspect", &[("token", access)])
        .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::UNAUTHORIZED, Some("invalid_client"))
    );

    let (status, _) = srv
        .client_post(&client, "/oauth/revoke", &[("token", refresh)])
        .await;
    assert_eq!(status, StatusCode::OK);
    let (_, info) = srv
        .client_post(&client, "/oauth/introspect", &[("token", access)])
        .await;
    assert_eq!(
        info["active"], false,
        "revoking the refresh token revokes the grant"
    );
    let res = srv
        .http()
        .get(srv.at("/oauth/userinfo"))
        .bearer_auth(access)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    let (status, body) = srv
        .token(
            &client,
            &[("grant_type", "refresh_token"), ("refresh_token", refresh)],
        )
        .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_grant"))
    );
    // Unknown tokens are not an error (RFC 7009 §2.2).
    let (status, _) = srv
        .client_post(&client, "/oauth/revoke", &[("token", "unknown")])
        .await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn cli_changes_reach_the_running_server_at_the_next_request() {
    let srv = TestServer::start().await;
    let client = srv.public_client().await;
    let tokens = srv.tokens_for(&client).await;
    let access = tokens["access_token"].as_str().unwrap().to_owned();
    let refresh = tokens["refresh_token"].as_str().unwrap().to_owned();
    let userinfo = |token: String| {
        let http = srv.http();
        let url = srv.at("/oauth/userinfo");
        async move {
            http.get(url)
                .bearer_auth(token)
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    assert_eq!(userinfo(access.clone()).await, StatusCode::OK);

    let grant = srv.env.json(["token", "list"])[0]["id"]
        .as_i64()
        .unwrap()
        .to_string();
    srv.env.mcpauth(["token", "revoke", &grant]).succeeds();
    assert_eq!(
        userinfo(access).await,
        StatusCode::UNAUTHORIZED,
        "a revoked grant's access token is refused at once"
    );
    let (_, body) = srv
        .token(
            &client,
            &[("grant_type", "refresh_token"), ("refresh_token", &refresh)],
        )
        .await;
    assert_eq!(body["error"], "invalid_grant");

    let tokens = srv.tokens_for(&client).await;
    let access = tokens["access_token"].as_str().unwrap().to_owned();
    srv.env.mcpauth(["user", "disable", ADMIN]).succeeds();
    assert_eq!(
        userinfo(access).await,
        StatusCode::UNAUTHORIZED,
        "a disabled user's token is refused at once"
    );
    let mut browser = Browser::new();
    let page = browser.get(&srv.at("/login")).await;
    let (status, _, body) = {
        let hidden = hidden_fields(&page);
        let mut form: Vec<(&str, &str)> = hidden
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        form.extend([("email", ADMIN), ("password", PASSWORD)]);
        browser
            .request(reqwest::Method::POST, &srv.at("/login"), Some(&form))
            .await
    };
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(body.contains("disabled"), "{body}");

    srv.env.mcpauth(["user", "enable", ADMIN]).succeeds();
    srv.env.mcpauth(["secret", "rotate"]).succeeds();
    let tokens = srv.tokens_for(&client).await;
    let kid = {
        let header = tokens["access_token"]
            .as_str()
            .unwrap()
            .split('.')
            .next()
            .unwrap();
        let h: serde_json::Value = serde_json::from_slice(
            &base64::Engine::decode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, header)
                .unwrap(),
        )
        .unwrap();
        h["kid"].as_str().unwrap().to_owned()
    };
    let active = srv
        .env
        .json(["secret", "list"])
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["status"] == "active")
        .unwrap()["kid"]
        .clone();
    assert_eq!(
        kid,
        active.as_str().unwrap(),
        "new tokens are signed by the rotated-in key"
    );
    let jwks: serde_json::Value = srv
        .http()
        .get(srv.at("/oauth/jwks"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        jwks["keys"].as_array().unwrap().len(),
        2,
        "the previous key still verifies"
    );

    let access = tokens["access_token"].as_str().unwrap().to_owned();
    assert_eq!(userinfo(access.clone()).await, StatusCode::OK);
    srv.env.mcpauth(["client", "remove", &client.id]).succeeds();
    assert_eq!(
        userinfo(access).await,
        StatusCode::UNAUTHORIZED,
        "a removed client's tokens are refused at once"
    );
}

#[tokio::test]
async fn aliases_on_the_root_work_like_the_oauth_paths() {
    let srv = TestServer::start().await;
    let res = srv
        .http()
        .post(srv.at("/register"))
        .json(&json!({ "redirect_uris": [REDIRECT], "token_endpoint_auth_method": "none" }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    let client_id = res.json::<serde_json::Value>().await.unwrap()["client_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let mut browser = srv.signed_in_browser().await;
    let pkce = Pkce::new();
    let url = format!(
        "{}?response_type=code&client_id={client_id}&redirect_uri={}&code_challenge={}&code_challenge_method=S256",
        srv.at("/authorize"),
        urlencode(REDIRECT),
        pkce.challenge
    );
    let page = browser.get(&url).await;
    let (_, location) = browser
        .submit(&srv.at("/consent"), &page, &[("decision", "allow")])
        .await;
    let code = url::Url::parse(&location)
        .unwrap()
        .query_pairs()
        .find(|(k, _)| k == "code")
        .unwrap()
        .1
        .into_owned();
    let res = srv
        .http()
        .post(srv.at("/token"))
        .form(&[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("code_verifier", &pkce.verifier),
            ("client_id", &client_id),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
}

#[tokio::test]
async fn pages_carry_security_headers_and_apis_answer_preflight() {
    let srv = TestServer::start().await;
    let res = srv.http().get(srv.at("/login")).send().await.unwrap();
    let h = res.headers();
    let csp = h["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    assert!(
        !csp.contains("form-action"),
        "form-action would break the redirect after consent"
    );
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["referrer-policy"], "no-referrer");
    let cookie = h["set-cookie"].to_str().unwrap();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite"),
        "{cookie}"
    );

    let res = srv
        .http()
        .request(reqwest::Method::OPTIONS, srv.at("/oauth/token"))
        .header("origin", "https://inspector.example")
        .header("access-control-request-method", "POST")
        .header("access-control-request-headers", "content-type")
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success());
    assert_eq!(res.headers()["access-control-allow-origin"], "*");
}

pub fn urlencode(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}
