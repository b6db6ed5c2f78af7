//! Signing in with GitHub, against a small stand-in for GitHub's endpoints on loopback that
//! answers as GitHub does: the OAuth app endpoints (PKCE, client secret, errors as 200 with an
//! `error` field) and the REST API's `/user` and `/user/emails`.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode as AxumStatus, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Json, Router};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::harness::*;

const CLIENT_ID: &str = "Iv1.standin0123";
const CLIENT_SECRET: &str = "standin-secret";

/// The GitHub account signed in at the stand-in.
#[derive(Clone)]
struct Account {
    id: u64,
    login: &'static str,
    emails: Value,
}

#[derive(Default)]
struct Hub {
    account: Option<Account>,
    /// code → (PKCE challenge, redirect_uri, account)
    codes: HashMap<String, (String, String, Account)>,
    tokens: HashMap<String, Account>,
}

type Shared = Arc<Mutex<Hub>>;

async fn authorize(
    State(hub): State<Shared>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    if q.get("client_id").map(String::as_str) != Some(CLIENT_ID) {
        return (AxumStatus::NOT_FOUND, "unknown client").into_response();
    }
    assert_eq!(q["code_challenge_method"], "S256");
    assert!(q["scope"].contains("user:email"), "asks for the emails");
    let code = mcpauth::crypto::random_token(10);
    let mut hub = hub.lock().unwrap();
    let account = hub.account.clone().expect("a signed-in GitHub account");
    hub.codes.insert(
        code.clone(),
        (
            q["code_challenge"].clone(),
            q["redirect_uri"].clone(),
            account,
        ),
    );
    let sep = if q["redirect_uri"].contains('?') {
        '&'
    } else {
        '?'
    };
    Redirect::to(&format!(
        "{}{sep}code={code}&state={}",
        q["redirect_uri"], q["state"]
    ))
    .into_response()
}

async fn access_token(
    State(hub): State<Shared>,
    headers: HeaderMap,
    Form(f): Form<HashMap<String, String>>,
) -> Response {
    let mut hub = hub.lock().unwrap();
    let error =
        |code: &str| Json(json!({ "error": code, "error_description": code })).into_response();
    if f.get("client_id").map(String::as_str) != Some(CLIENT_ID)
        || f.get("client_secret").map(String::as_str) != Some(CLIENT_SECRET)
    {
        return error("incorrect_client_credentials");
    }
    let Some((challenge, redirect_uri, account)) = f.get("code").and_then(|c| hub.codes.remove(c))
    else {
        return error("bad_verification_code");
    };
    let verifier = f.get("code_verifier").cloned().unwrap_or_default();
    if URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes())) != challenge
        || f.get("redirect_uri") != Some(&redirect_uri)
    {
        return error("bad_verification_code");
    }
    let token = format!("gho_{}", mcpauth::crypto::random_token(12));
    hub.tokens.insert(token.clone(), account);
    // Like GitHub: JSON only when asked for, else a form-encoded body.
    let wants_json = headers
        .get(header::ACCEPT)
        .is_some_and(|a| a.to_str().unwrap().contains("application/json"));
    if wants_json {
        Json(json!({ "access_token": token, "token_type": "bearer", "scope": "read:user,user:email" }))
            .into_response()
    } else {
        format!("access_token={token}&scope=read%3Auser%2Cuser%3Aemail&token_type=bearer")
            .into_response()
    }
}

/// The account a request's token belongs to; GitHub also insists on a User-Agent.
fn caller(hub: &Shared, headers: &HeaderMap) -> Result<Account, Box<Response>> {
    if !headers.contains_key(header::USER_AGENT) {
        let refusal = "Request forbidden by administrative rules. Please make sure your request has a User-Agent header";
        return Err(Box::new((AxumStatus::FORBIDDEN, refusal).into_response()));
    }
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.strip_prefix("Bearer ")
                .or_else(|| v.strip_prefix("token "))
        })
        .unwrap_or_default();
    let account = hub.lock().unwrap().tokens.get(token).cloned();
    account.ok_or_else(|| {
        let body = Json(json!({ "message": "Bad credentials", "status": "401" }));
        Box::new((AxumStatus::UNAUTHORIZED, body).into_response())
    })
}

async fn user(State(hub): State<Shared>, headers: HeaderMap) -> Response {
    match caller(&hub, &headers) {
        Ok(a) => Json(json!({
            "login": a.login, "id": a.id, "node_id": "MDQ6VXNlcjE=", "type": "User",
            "name": "The Octocat", "email": null,
        }))
        .into_response(),
        Err(response) => *response,
    }
}

async fn emails(State(hub): State<Shared>, headers: HeaderMap) -> Response {
    match caller(&hub, &headers) {
        Ok(a) => Json(a.emails).into_response(),
        Err(response) => *response,
    }
}

/// The stand-in, served like GitHub Enterprise: the site at its root, the API under /api/v3.
async fn start_github(srv: &TestServer, secret: &str) -> Shared {
    let hub = Shared::default();
    let app = Router::new()
        .route("/login/oauth/authorize", get(authorize))
        .route("/login/oauth/access_token", post(access_token))
        .route("/api/v3/user", get(user))
        .route("/api/v3/user/emails", get(emails))
        .with_state(hub.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    let env = &srv.env;
    env.mcpauth(["settings", "set", "github_url", &base])
        .succeeds();
    env.mcpauth([
        "settings",
        "set",
        "github_api_url",
        &format!("{base}/api/v3"),
    ])
    .succeeds();
    env.mcpauth([
        "idp",
        "add",
        "github",
        "--client-id",
        CLIENT_ID,
        "--client-secret-stdin",
    ])
    .stdin(secret)
    .succeeds();
    hub
}

fn octocat(emails: Value) -> Account {
    Account {
        id: 583231,
        login: "octocat",
        emails,
    }
}

/// From the sign-in page's GitHub button to mcpauth's callback and what it answers.
async fn sign_in_with_github(
    srv: &TestServer,
    hub: &Shared,
    account: Account,
) -> (StatusCode, Option<String>, String) {
    hub.lock().unwrap().account = Some(account);
    let mut browser = Browser::new();
    let page = browser.get(&srv.at("/login")).await;
    assert!(page.contains("Sign in with GitHub"), "{page}");
    let (status, to_github) = browser
        .submit(
            &srv.at("/login/idp/github"),
            form_of(&page, "/login/idp/github"),
            &[],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, back, body) = browser.request(Method::GET, &to_github, None).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let back = back.unwrap();
    assert!(
        back.starts_with(&srv.at("/oauth/callback/github?")),
        "{back}"
    );
    browser.request(Method::GET, &back, None).await
}

fn address(email: &str, primary: bool, verified: bool) -> Value {
    json!({ "email": email, "primary": primary, "verified": verified, "visibility": if primary { json!("public") } else { Value::Null } })
}

#[tokio::test(flavor = "multi_thread")]
async fn a_verified_primary_email_on_the_allowlist_signs_in() {
    let srv = TestServer::start().await;
    let hub = start_github(&srv, CLIENT_SECRET).await;
    srv.env
        .mcpauth(["allowlist", "add", "@example.com"])
        .succeeds();
    let account = octocat(json!([
        address("octocat@example.com", true, true),
        address("octo@work.example", false, true),
    ]));
    let (status, location, body) = sign_in_with_github(&srv, &hub, account).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    assert_eq!(location.as_deref(), Some("/"));
    let users = srv.env.json(["user", "list"]);
    let octo = users
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["email"] == "octocat@example.com")
        .expect("the user was created");
    assert_eq!(octo["idp"], "github");
    let created = srv.env.audit("user.created");
    assert_eq!(created[0]["detail"]["subject"], "583231");
}

#[tokio::test(flavor = "multi_thread")]
async fn an_unverified_primary_email_is_refused_even_when_another_is_verified() {
    let srv = TestServer::start().await;
    let hub = start_github(&srv, CLIENT_SECRET).await;
    srv.env
        .mcpauth([
            "allowlist",
            "add",
            "octocat@example.com",
            "octo@work.example",
        ])
        .succeeds();
    let account = octocat(json!([
        address("octocat@example.com", true, false),
        address("octo@work.example", false, true),
    ]));
    let (status, _, body) = sign_in_with_github(&srv, &hub, account).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(body.contains("no verified email"), "{body}");
    let refused = srv.env.audit("login.refused");
    assert_eq!(refused[0]["detail"]["reason"], "email_unverified");
    assert_eq!(srv.env.audit("user.created").len(), 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_primary_address_counts_not_a_secondary_one() {
    let srv = TestServer::start().await;
    let hub = start_github(&srv, CLIENT_SECRET).await;
    srv.env
        .mcpauth(["allowlist", "add", "@work.example"])
        .succeeds();
    let account = octocat(json!([
        address("octo@work.example", false, true),
        address("octocat@personal.example", true, true),
    ]));
    let (status, _, body) = sign_in_with_github(&srv, &hub, account).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(body.contains("may not sign in"), "{body}");
    let refused = srv.env.audit("login.refused");
    assert_eq!(refused[0]["user"], "octocat@personal.example");
    assert_eq!(refused[0]["detail"]["reason"], "not_allowed");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_wrong_client_secret_fails_with_a_clear_page_and_log() {
    let srv = TestServer::start().await;
    let hub = start_github(&srv, "not the secret").await;
    srv.env
        .mcpauth(["allowlist", "add", "@example.com"])
        .succeeds();
    let account = octocat(json!([address("octocat@example.com", true, true)]));
    let (status, _, body) = sign_in_with_github(&srv, &hub, account).await;
    assert_eq!(status, StatusCode::BAD_GATEWAY);
    assert!(
        body.contains("could not complete the sign-in with GitHub"),
        "{body}"
    );
    let refused = srv.env.audit("login.refused");
    let detail = refused[0]["detail"]["detail"].as_str().unwrap();
    assert!(detail.contains("incorrect_client_credentials"), "{detail}");
    assert!(!detail.contains("not the secret"));
}
