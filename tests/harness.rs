//! A running server for tests: the real router on 127.0.0.1:0 over a database made by the
//! real `init`, a browser that keeps cookies and fills forms, and OAuth client steps.

use std::collections::HashMap;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use reqwest::header::{COOKIE, LOCATION, SET_COOKIE};
use reqwest::{Method, StatusCode};
use serde_json::Value;
use sha2::{Digest, Sha256};
use tokio::sync::oneshot;

use crate::util::*;
use mcpauth::db::Db;
use mcpauth::server::{self, AppState, Config};

pub struct TestServer {
    pub env: Env,
    /// Base URL and issuer, e.g. `http://127.0.0.1:41234`.
    pub url: String,
    stop: Option<oneshot::Sender<()>>,
}

impl TestServer {
    pub async fn start() -> TestServer {
        Self::start_with(Env::init(), false).await
    }

    pub async fn start_with(env: Env, allow_private_documents: bool) -> TestServer {
        Self::start_at(env, allow_private_documents, "").await
    }

    /// A server whose issuer has a path (`/auth`): every route lives under it.
    pub async fn start_at(env: Env, allow_private_documents: bool, path: &str) -> TestServer {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}{path}", listener.local_addr().unwrap());
        let config = Config {
            issuer: url::Url::parse(&url).unwrap(),
            allow_private_documents,
            default_command: None,
        };
        let app = server::router(AppState::new(Db::open(&env.db).unwrap(), &config).unwrap());
        let (stop, stopped) = oneshot::channel::<()>();
        tokio::spawn(server::serve(app, listener, async {
            let _ = stopped.await;
        }));
        TestServer {
            env,
            url,
            stop: Some(stop),
        }
    }

    /// Client steps against a server running elsewhere (e.g. `mcpauth serve` as a process).
    pub fn external(env: Env, url: &str) -> TestServer {
        TestServer {
            env,
            url: url.to_owned(),
            stop: None,
        }
    }

    pub fn at(&self, path: &str) -> String {
        format!("{}{path}", self.url)
    }

    pub fn resource(&self) -> String {
        self.at("/mcp")
    }

    /// A plain HTTP client that does not follow redirects.
    pub fn http(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap()
    }

    pub async fn register(&self, metadata: Value) -> Value {
        let res = self
            .http()
            .post(self.at("/oauth/register"))
            .json(&metadata)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::CREATED, "registration failed");
        res.json().await.unwrap()
    }

    /// A public client with one loopback redirect URI.
    pub async fn public_client(&self) -> Client {
        let reg = self
            .register(serde_json::json!({
                "client_name": "Test Agent", "redirect_uris": [REDIRECT], "token_endpoint_auth_method": "none",
            }))
            .await;
        Client {
            id: reg["client_id"].as_str().unwrap().to_owned(),
            secret: None,
        }
    }

    /// A confidential client (client_secret_basic).
    pub async fn confidential_client(&self) -> Client {
        let reg = self
            .register(serde_json::json!({ "client_name": "Backend", "redirect_uris": [REDIRECT] }))
            .await;
        Client {
            id: reg["client_id"].as_str().unwrap().to_owned(),
            secret: Some(reg["client_secret"].as_str().unwrap().to_owned()),
        }
    }

    /// POST a form to the token endpoint as `client`; the status and JSON body.
    pub async fn token(&self, client: &Client, form: &[(&str, &str)]) -> (StatusCode, Value) {
        self.client_post(client, "/oauth/token", form).await
    }

    pub async fn client_post(
        &self,
        client: &Client,
        path: &str,
        form: &[(&str, &str)],
    ) -> (StatusCode, Value) {
        let mut fields: Vec<(&str, &str)> = form.to_vec();
        let mut req = self.http().post(self.at(path));
        match &client.secret {
            Some(secret) => req = req.basic_auth(&client.id, Some(secret)),
            None => fields.push(("client_id", &client.id)),
        }
        let res = req.form(&fields).send().await.unwrap();
        let status = res.status();
        if path == "/oauth/token" {
            assert_eq!(res.headers().get("cache-control").unwrap(), "no-store");
        }
        let text = res.text().await.unwrap();
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    /// Signs in as ADMIN through the pages and returns the browser.
    pub async fn signed_in_browser(&self) -> Browser {
        self.signed_in_browser_as(ADMIN, PASSWORD).await
    }

    pub async fn signed_in_browser_as(&self, email: &str, password: &str) -> Browser {
        let mut browser = Browser::new();
        let page = browser.get(&self.at("/login")).await;
        let (status, _) = browser
            .submit(
                &self.at("/login"),
                &page,
                &[("email", email), ("password", password)],
            )
            .await;
        assert_eq!(status, StatusCode::SEE_OTHER, "sign-in failed");
        browser
    }

    /// Runs the authorization step as a signed-in user who allows access; returns the code.
    pub async fn authorize(
        &self,
        browser: &mut Browser,
        client: &Client,
        pkce: &Pkce,
        extra: &[(&str, &str)],
    ) -> String {
        let location = self.authorize_location(browser, client, pkce, extra).await;
        let redirect = url::Url::parse(&location).unwrap();
        let params: HashMap<String, String> = redirect.query_pairs().into_owned().collect();
        assert_eq!(
            params.get("iss"),
            Some(&self.url),
            "RFC 9207 iss in the response"
        );
        assert_eq!(params.get("state").map(String::as_str), Some("xyz"));
        params
            .get("code")
            .unwrap_or_else(|| panic!("no code in {location}"))
            .clone()
    }

    /// Where the authorization step sends the browser (allowing consent when asked).
    pub async fn authorize_location(
        &self,
        browser: &mut Browser,
        client: &Client,
        pkce: &Pkce,
        extra: &[(&str, &str)],
    ) -> String {
        let mut params = vec![
            ("response_type", "code"),
            ("client_id", client.id.as_str()),
            ("redirect_uri", REDIRECT),
            ("code_challenge", pkce.challenge.as_str()),
            ("code_challenge_method", "S256"),
            ("state", "xyz"),
        ];
        params.extend_from_slice(extra);
        let url = format!(
            "{}?{}",
            self.at("/oauth/authorize"),
            serde_urlencoded::to_string(&params).unwrap()
        );
        let (status, location, body) = browser.request(Method::GET, &url, None).await;
        assert!(
            status == StatusCode::SEE_OTHER || status == StatusCode::OK,
            "authorize: {status} {body}"
        );
        if status == StatusCode::OK {
            assert!(body.contains("Allow"), "expected the consent page: {body}");
            let (status, location) = browser
                .submit(&self.at("/consent"), &body, &[("decision", "allow")])
                .await;
            assert_eq!(status, StatusCode::SEE_OTHER);
            return location;
        }
        location.unwrap()
    }

    /// A full sign-in: browser, authorization, code exchange. Returns the token response.
    pub async fn tokens_for(&self, client: &Client) -> Value {
        let mut browser = self.signed_in_browser().await;
        let pkce = Pkce::new();
        let code = self.authorize(&mut browser, client, &pkce, &[]).await;
        let (status, body) = self
            .token(
                client,
                &[
                    ("grant_type", "authorization_code"),
                    ("code", &code),
                    ("redirect_uri", REDIRECT),
                    ("code_verifier", &pkce.verifier),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        body
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

pub const REDIRECT: &str = "http://127.0.0.1:53682/callback";

pub struct Client {
    pub id: String,
    pub secret: Option<String>,
}

pub struct Pkce {
    pub verifier: String,
    pub challenge: String,
}

impl Pkce {
    pub fn new() -> Pkce {
        let verifier = mcpauth::crypto::random_token(32);
        let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()));
        Pkce {
            verifier,
            challenge,
        }
    }
}

/// A minimal browser: keeps cookies, does not follow redirects, submits a page's form with its
/// hidden fields.
pub struct Browser {
    http: reqwest::Client,
    pub cookies: HashMap<String, String>,
}

impl Browser {
    pub fn new() -> Browser {
        Browser {
            http: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            cookies: HashMap::new(),
        }
    }

    pub async fn request(
        &mut self,
        method: Method,
        url: &str,
        form: Option<&[(&str, &str)]>,
    ) -> (StatusCode, Option<String>, String) {
        let mut req = self.http.request(method, url);
        if !self.cookies.is_empty() {
            let jar: Vec<String> = self
                .cookies
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            req = req.header(COOKIE, jar.join("; "));
        }
        if let Some(form) = form {
            req = req.form(form);
        }
        let res = req.send().await.unwrap();
        for c in res.headers().get_all(SET_COOKIE) {
            let c = c.to_str().unwrap();
            let (pair, attrs) = c.split_once(';').unwrap_or((c, ""));
            let (k, v) = pair.split_once('=').unwrap();
            if attrs.contains("Max-Age=0") {
                self.cookies.remove(k);
            } else {
                self.cookies.insert(k.to_owned(), v.to_owned());
            }
        }
        let status = res.status();
        let location = res
            .headers()
            .get(LOCATION)
            .map(|l| l.to_str().unwrap().to_owned());
        (status, location, res.text().await.unwrap())
    }

    pub async fn get(&mut self, url: &str) -> String {
        let (status, _, body) = self.request(Method::GET, url, None).await;
        assert_eq!(status, StatusCode::OK, "GET {url}: {body}");
        body
    }

    /// Posts `fields` plus every hidden field of `page` to `url`.
    pub async fn submit(
        &mut self,
        url: &str,
        page: &str,
        fields: &[(&str, &str)],
    ) -> (StatusCode, String) {
        let hidden = hidden_fields(page);
        let mut form: Vec<(&str, &str)> = hidden
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        form.extend_from_slice(fields);
        let (status, location, body) = self.request(Method::POST, url, Some(&form)).await;
        (status, location.unwrap_or(body))
    }
}

/// The part of `page` holding the form that posts to `action`, for `Browser::submit` to take
/// that form's hidden fields only.
pub fn form_of<'a>(page: &'a str, action: &str) -> &'a str {
    let start = page.find(&format!("action=\"{action}\"")).unwrap();
    &page[start..start + page[start..].find("</form>").unwrap()]
}

/// `name="…" value="…"` of every hidden input, unescaped as a browser would.
pub fn hidden_fields(page: &str) -> Vec<(String, String)> {
    page.split("<input type=\"hidden\" ")
        .skip(1)
        .filter_map(|rest| {
            let name = rest.split("name=\"").nth(1)?.split('"').next()?;
            let value = rest.split("value=\"").nth(1)?.split('"').next()?;
            Some((name.to_owned(), unescape(value)))
        })
        .collect()
}

fn unescape(s: &str) -> String {
    s.replace("&#38;", "&")
        .replace("&amp;", "&")
        .replace("&#34;", "\"")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#60;", "<")
        .replace("&lt;", "<")
        .replace("&#62;", ">")
        .replace("&gt;", ">")
}

/// The claims of a JWT, unverified (the server's verification is what is under test).
pub fn claims(jwt: &str) -> Value {
    let payload = jwt.split('.').nth(1).unwrap();
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).unwrap()).unwrap()
}

/// The JSON-RPC messages of an MCP response body: the JSON body, or every SSE `data:` event.
/// A body that holds neither comes back as one string, so assertions can show it.
pub fn messages(text: &str) -> Vec<Value> {
    if let Ok(v) = serde_json::from_str::<Value>(text) {
        return vec![v];
    }
    let events: Vec<Value> = text
        .lines()
        .filter_map(|l| l.strip_prefix("data:"))
        .filter_map(|d| serde_json::from_str(d.trim()).ok())
        .collect();
    if events.is_empty() && !text.is_empty() {
        vec![Value::String(text.to_owned())]
    } else {
        events
    }
}

/// The response among a body's messages: the one with an `id`, else the first.
pub fn response(text: &str) -> Value {
    let all = messages(text);
    all.iter()
        .find(|m| m.get("id").is_some())
        .or(all.first())
        .cloned()
        .unwrap_or(Value::Null)
}
