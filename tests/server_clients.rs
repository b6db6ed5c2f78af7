//! How clients come to be known: metadata documents, path issuers, pruning.

use axum::Json;
use axum::http::HeaderMap;
use axum::routing::get;
use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::harness::*;
use crate::server_flow::urlencode;
use crate::util::*;

/// Serves `document` at http://127.0.0.1:PORT/client.json, counting fetches.
async fn document_host(
    make: impl Fn(&str) -> serde_json::Value + Send + Sync + 'static,
    cache_control: &'static str,
) -> (String, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/client.json", listener.local_addr().unwrap());
    let fetches = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let (doc_url, counter, make) = (url.clone(), fetches.clone(), std::sync::Arc::new(make));
    let app = axum::Router::new().route(
        "/client.json",
        get(move || {
            counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            let body = make(&doc_url);
            async move {
                let mut h = HeaderMap::new();
                h.insert("cache-control", cache_control.parse().unwrap());
                (h, Json(body))
            }
        }),
    );
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (url, fetches)
}

#[tokio::test]
async fn a_metadata_document_client_signs_in_without_registering() {
    let (doc, fetches) = document_host(
        |url| json!({ "client_id": url, "client_name": "Doc Agent", "redirect_uris": [REDIRECT], "token_endpoint_auth_method": "none" }),
        "max-age=600",
    )
    .await;
    let srv = TestServer::start_with(Env::init(), true).await;
    let client = Client {
        id: doc.clone(),
        secret: None,
    };
    let mut browser = srv.signed_in_browser().await;
    let pkce = Pkce::new();
    let url = format!(
        "{}?response_type=code&client_id={}&redirect_uri={}&code_challenge={}&code_challenge_method=S256&state=xyz",
        srv.at("/oauth/authorize"),
        urlencode(&doc),
        urlencode(REDIRECT),
        pkce.challenge
    );
    let consent = browser.get(&url).await;
    assert!(
        consent.contains("Doc Agent") && consent.contains("metadata document at 127.0.0.1"),
        "{consent}"
    );
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
    assert_eq!(status, StatusCode::OK, "{tokens}");
    assert_eq!(
        claims(tokens["access_token"].as_str().unwrap())["client_id"],
        doc.as_str()
    );

    // The document is cached as its Cache-Control allows: a second sign-in does not refetch.
    srv.authorize(&mut browser, &client, &pkce, &[]).await;
    assert_eq!(fetches.load(std::sync::atomic::Ordering::SeqCst), 1);
    let listed = srv.env.json(["client", "list"]);
    assert_eq!(field(&listed, "source"), ["cimd"]);
}

#[tokio::test]
async fn a_document_must_name_itself_and_list_the_redirect_uri() {
    let (wrong_id, _) = document_host(
        |_| json!({ "client_id": "https://elsewhere.example/c.json", "redirect_uris": [REDIRECT] }),
        "no-store",
    )
    .await;
    let (other_redirect, _) = document_host(
        |url| json!({ "client_id": url, "redirect_uris": ["https://app.example/cb"] }),
        "no-store",
    )
    .await;
    let (secret, _) = document_host(
        |url| json!({ "client_id": url, "redirect_uris": [REDIRECT], "token_endpoint_auth_method": "client_secret_post" }),
        "no-store",
    )
    .await;
    let srv = TestServer::start_with(Env::init(), true).await;
    let mut browser = srv.signed_in_browser().await;
    let pkce = Pkce::new();
    for (doc, why) in [
        (&wrong_id, "client_id is not the URL"),
        (&other_redirect, "not registered"),
        (&secret, "shared secret"),
    ] {
        let url = format!(
            "{}?response_type=code&client_id={}&redirect_uri={}&code_challenge={}&code_challenge_method=S256",
            srv.at("/oauth/authorize"),
            urlencode(doc),
            urlencode(REDIRECT),
            pkce.challenge
        );
        let (status, location, body) = browser.request(Method::GET, &url, None).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{doc}");
        assert!(location.is_none());
        assert!(body.contains(why), "{why}: {body}");
    }
}

#[tokio::test]
async fn an_issuer_with_a_path_serves_everything_under_it() {
    let srv = TestServer::start_at(Env::init(), false, "/auth").await;
    let root = srv.url.trim_end_matches("/auth").to_owned();
    let inserted: serde_json::Value = srv
        .http()
        .get(format!(
            "{root}/.well-known/oauth-authorization-server/auth"
        ))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(inserted["issuer"], srv.url);
    assert_eq!(
        inserted["token_endpoint"],
        format!("{root}/auth/oauth/token")
    );
    let appended = srv
        .http()
        .get(srv.at("/.well-known/openid-configuration"))
        .send()
        .await
        .unwrap();
    assert_eq!(appended.status(), StatusCode::OK);
    let client = srv.public_client().await;
    let tokens = srv.tokens_for(&client).await;
    assert_eq!(
        claims(tokens["access_token"].as_str().unwrap())["aud"],
        format!("{root}/auth/mcp")
    );
}

#[tokio::test]
async fn unused_dynamic_clients_are_pruned_after_a_day() {
    let srv = TestServer::start().await;
    let stale = srv.public_client().await;
    let used = srv.public_client().await;
    srv.tokens_for(&used).await;
    let c = rusqlite::Connection::open(&srv.env.db).unwrap();
    c.execute("UPDATE clients SET created_at = created_at - 2 * 86400", [])
        .unwrap();
    srv.public_client().await;
    let ids: Vec<String> = field(&srv.env.json(["client", "list"]), "client_id")
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert!(
        !ids.contains(&stale.id),
        "a client that never signed in is pruned"
    );
    assert!(
        ids.contains(&used.id),
        "a client that completed a sign-in is kept"
    );
    assert_eq!(ids.len(), 2);
}
