//! Server-rendered pages: the authorization endpoint's sign-in and consent steps, sign-out and
//! a landing page. No JavaScript; every form carries a CSRF token that must match a cookie.

pub mod idp;

use std::sync::OnceLock;

use askama::Template;
use axum::extract::{ConnectInfo, Form, OriginalUri, Query, RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::json;
use subtle::ConstantTimeEq;

use crate::crypto::{self, random_token, secret_hash};
use crate::db::audit::{self, Event};
use crate::db::clients::Source;
use crate::db::users::User;
use crate::db::{consents, now, sessions, users};
use crate::email::Email;
use crate::oauth::authorize::{self, Params, Refusal, Request};
use crate::oauth::scope::Scopes;
use crate::server::{AppState, Peer};

const SESSION_COOKIE: &str = "mcpauth_session";
const CSRF_COOKIE: &str = "mcpauth_csrf";
/// How long a sign-in lasts in the browser.
const SESSION_LIFETIME: i64 = 12 * 3600;

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage<'a> {
    base: &'a str,
    csrf: &'a str,
    next: &'a str,
    email: &'a str,
    error: Option<&'a str>,
    options: &'a LoginOptions,
}

/// The ways to sign in this server offers.
#[derive(Debug, Default)]
struct LoginOptions {
    /// (name, button text) of each identity provider.
    providers: Vec<(String, String)>,
    password: bool,
}

impl LoginOptions {
    async fn load(state: &AppState) -> LoginOptions {
        let loaded = state
            .db
            .call(|db| {
                let password = crate::settings::value(db.conn(), crate::settings::PASSWORD_LOGIN)?;
                Ok::<_, crate::db::Error>((crate::db::idps::list(db.conn())?, password))
            })
            .await;
        match loaded {
            Ok((providers, password)) => LoginOptions {
                // With no provider the password form stays, so nobody is locked out.
                password: password != "off" || providers.is_empty(),
                providers: providers
                    .into_iter()
                    .map(|p| {
                        let text = format!("Sign in with {}", idp::display_name(&p));
                        (p.name, text)
                    })
                    .collect(),
            },
            Err(e) => {
                tracing::error!(error = %e, "reading the sign-in options failed");
                LoginOptions {
                    providers: Vec::new(),
                    password: true,
                }
            }
        }
    }
}

#[derive(Template)]
#[template(path = "consent.html")]
struct ConsentPage<'a> {
    base: &'a str,
    csrf: &'a str,
    request: &'a str,
    client_name: &'a str,
    redirect_host: &'a str,
    registration: &'a str,
    resource: &'a str,
    scopes: Vec<(String, &'static str)>,
    email: &'a str,
}

#[derive(Template)]
#[template(path = "message.html")]
struct MessagePage<'a> {
    base: &'a str,
    title: &'a str,
    message: &'a str,
    is_error: bool,
    logout_csrf: Option<&'a str>,
}

#[derive(Template)]
#[template(path = "landing.html")]
struct LandingPage<'a> {
    base: &'a str,
    mcp_url: &'a str,
    email: Option<&'a str>,
}

/// An HTML response with the cookies it sets.
struct Page {
    status: StatusCode,
    html: String,
    cookies: Vec<HeaderValue>,
}

impl Page {
    fn new(status: StatusCode, template: &impl Template) -> Page {
        let html = template.render().unwrap_or_else(|e| {
            tracing::error!(error = %e, "page rendering failed");
            "<!doctype html><title>mcpauth</title><p>Something went wrong; try again.</p>".into()
        });
        Page {
            status,
            html,
            cookies: Vec::new(),
        }
    }

    fn cookie(mut self, cookie: Option<HeaderValue>) -> Page {
        self.cookies.extend(cookie);
        self
    }
}

impl IntoResponse for Page {
    fn into_response(self) -> Response {
        let mut response = (self.status, axum::response::Html(self.html)).into_response();
        for cookie in self.cookies {
            response.headers_mut().append(header::SET_COOKIE, cookie);
        }
        response
    }
}

fn message(state: &AppState, status: StatusCode, title: &str, text: &str) -> Response {
    let page = MessagePage {
        base: state.issuer.base_path(),
        title,
        message: text,
        is_error: status.is_client_error() || status.is_server_error(),
        logout_csrf: None,
    };
    Page::new(status, &page).into_response()
}

fn see_other(location: &str) -> Response {
    let mut response = StatusCode::SEE_OTHER.into_response();
    if let Ok(value) = HeaderValue::from_str(location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}

fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// A `Set-Cookie` value; `max_age` 0 deletes the cookie.
fn set_cookie(
    state: &AppState,
    name: &str,
    value: &str,
    max_age: i64,
    same_site: &str,
) -> Option<HeaderValue> {
    let path = if state.issuer.base_path().is_empty() {
        "/"
    } else {
        state.issuer.base_path()
    };
    let secure = if state.issuer.is_https() {
        "; Secure"
    } else {
        ""
    };
    HeaderValue::from_str(&format!(
        "{name}={value}; Path={path}; Max-Age={max_age}; HttpOnly; SameSite={same_site}{secure}"
    ))
    .ok()
}

/// The CSRF token for a new form: the browser's own, or a fresh one and the cookie to set.
fn csrf_token(state: &AppState, headers: &HeaderMap) -> (String, Option<HeaderValue>) {
    match cookie(headers, CSRF_COOKIE).filter(|v| v.len() == 43) {
        Some(existing) => (existing.to_owned(), None),
        None => {
            let token = random_token(32);
            let set = set_cookie(state, CSRF_COOKIE, &token, 24 * 3600, "Strict");
            (token, set)
        }
    }
}

fn csrf_ok(headers: &HeaderMap, submitted: &str) -> bool {
    cookie(headers, CSRF_COOKIE).is_some_and(|c| {
        !submitted.is_empty() && bool::from(c.as_bytes().ct_eq(submitted.as_bytes()))
    })
}

/// The signed-in user of this browser, if any (a disabled user has no session).
async fn signed_in(state: &AppState, headers: &HeaderMap) -> Option<User> {
    let hash = secret_hash(cookie(headers, SESSION_COOKIE)?);
    match state
        .db
        .call(move |db| sessions::user(db.conn(), &hash))
        .await
    {
        Ok(user) => user,
        Err(e) => {
            tracing::error!(error = %e, "session lookup failed");
            None
        }
    }
}

pub async fn landing(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let user = signed_in(&state, &headers).await;
    let page = LandingPage {
        base: state.issuer.base_path(),
        mcp_url: &state.issuer.resource(None),
        email: user.as_ref().map(|u| u.email.as_str()),
    };
    Page::new(StatusCode::OK, &page).into_response()
}

pub async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("mcpauth.css"),
    )
        .into_response()
}

/// `GET /oauth/authorize`: validate, then sign in, then consent (or reuse an earlier consent).
pub async fn authorize(
    State(state): State<AppState>,
    headers: HeaderMap,
    OriginalUri(uri): OriginalUri,
    RawQuery(query): RawQuery,
) -> Response {
    let query = query.unwrap_or_default();
    let request = match parse_and_validate(&state, &query).await {
        Ok(request) => request,
        Err(response) => return response,
    };
    let Some(user) = signed_in(&state, &headers).await else {
        if request.no_prompt {
            return refuse(
                &state,
                &request,
                "login_required",
                "the user is not signed in",
            );
        }
        return to_login(&state, &format!("{}?{query}", uri.path()));
    };
    let (user_id, client_id) = (user.id, request.client.client_id.clone());
    let earlier = state
        .db
        .call(move |db| consents::find(db.conn(), user_id, &client_id))
        .await;
    let covered =
        matches!(&earlier, Ok(Some(scope)) if request.scope.is_subset(&Scopes::parse(scope)));
    if covered && !request.force_consent {
        return finish(&state, &request, &user).await;
    }
    if request.no_prompt {
        return refuse(
            &state,
            &request,
            "consent_required",
            "the user has not approved this client",
        );
    }
    consent_page(&state, &headers, &request, &user, &query)
}

async fn parse_and_validate(state: &AppState, query: &str) -> Result<Request, Response> {
    let params: Params = serde_urlencoded::from_str(query).map_err(|e| {
        message(
            state,
            StatusCode::BAD_REQUEST,
            "Invalid request",
            &format!("The authorization request is malformed: {e}."),
        )
    })?;
    authorize::validate(state, params)
        .await
        .map_err(|refusal| match refusal {
            Refusal::Page(text) => message(
                state,
                StatusCode::BAD_REQUEST,
                "This request cannot be completed",
                &text,
            ),
            Refusal::Redirect(location) => see_other(&location),
        })
}

fn refuse(state: &AppState, request: &Request, code: &str, description: &str) -> Response {
    see_other(&authorize::error_redirect(
        state,
        &request.redirect_uri,
        request.state.as_deref(),
        code,
        description,
    ))
}

async fn finish(state: &AppState, request: &Request, user: &User) -> Response {
    match authorize::issue_code(state, request, user).await {
        Ok(location) => see_other(&location),
        Err(e) => {
            tracing::error!(error = %e, "issuing a code failed");
            message(
                state,
                StatusCode::INTERNAL_SERVER_ERROR,
                "Something went wrong",
                "mcpauth could not finish the sign-in; try again.",
            )
        }
    }
}

fn consent_page(
    state: &AppState,
    headers: &HeaderMap,
    request: &Request,
    user: &User,
    query: &str,
) -> Response {
    let (csrf, set) = csrf_token(state, headers);
    let redirect_host = url::Url::parse(&request.redirect_uri)
        .ok()
        .map(|u| match u.host_str() {
            _ if crate::oauth::redirect_uri::is_loopback(&u) => {
                format!(
                    "{} (an app on this device)",
                    u.host_str().unwrap_or_default()
                )
            }
            Some(host) => host.to_owned(),
            None => format!("{}: (an app on this device)", u.scheme()),
        })
        .unwrap_or_default();
    let registration = match request.client.source {
        Source::Dcr => "by itself (dynamic registration)".to_owned(),
        Source::Cimd => format!(
            "by its metadata document at {}",
            url::Url::parse(&request.client.client_id)
                .ok()
                .and_then(|u| u.host_str().map(str::to_owned))
                .unwrap_or_default()
        ),
        Source::Cli => "by the administrator".to_owned(),
    };
    // A metadata document names itself; its host says who really stands behind the name, so a
    // look-alike document elsewhere cannot pass as another product.
    let client_name = match (
        request.client.source,
        url::Url::parse(&request.client.client_id),
    ) {
        (Source::Cimd, Ok(url)) => format!(
            "{} — {}",
            request.client.name,
            url.host_str().unwrap_or_default()
        ),
        _ => request.client.name.clone(),
    };
    let page = ConsentPage {
        base: state.issuer.base_path(),
        csrf: &csrf,
        request: query,
        client_name: &client_name,
        redirect_host: &redirect_host,
        registration: &registration,
        resource: &request.resource,
        scopes: request.scope.described(),
        email: &user.email,
    };
    Page::new(StatusCode::OK, &page).cookie(set).into_response()
}

/// Sends the browser to sign in, then back to `next` (an authorization request).
fn to_login(state: &AppState, next: &str) -> Response {
    let query = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("next", next)
        .finish();
    see_other(&format!("{}?{query}", state.issuer.path("/login")))
}

#[derive(Debug, Deserialize)]
pub struct LoginQuery {
    next: Option<String>,
}

pub async fn login_form(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<LoginQuery>,
) -> Response {
    let (csrf, set) = csrf_token(&state, &headers);
    let next = safe_next(&state, q.next.as_deref());
    let options = LoginOptions::load(&state).await;
    let page = LoginPage {
        base: state.issuer.base_path(),
        csrf: &csrf,
        next: &next,
        email: "",
        error: None,
        options: &options,
    };
    Page::new(StatusCode::OK, &page).cookie(set).into_response()
}

/// Where to go after signing in: only back into an authorization request, else home.
fn safe_next(state: &AppState, next: Option<&str>) -> String {
    let allowed = [
        state.issuer.path("/oauth/authorize?"),
        state.issuer.path("/authorize?"),
    ];
    match next {
        Some(n) if allowed.iter().any(|prefix| n.starts_with(prefix.as_str())) => n.to_owned(),
        _ => state.issuer.path("/"),
    }
}

#[derive(Debug, Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    csrf: String,
    next: Option<String>,
}

/// A hash to verify against when the email is unknown, so both cases take as long.
fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| crypto::hash_password(&random_token(16)).unwrap_or_default())
}

pub async fn login_submit(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<Peer>,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> Response {
    let next = safe_next(&state, form.next.as_deref());
    let ip = state.client_ip(&peer, &headers);
    let options = LoginOptions::load(&state).await;
    let again = |status: StatusCode, error: &str| {
        let (csrf, set) = csrf_token(&state, &headers);
        let page = LoginPage {
            base: state.issuer.base_path(),
            csrf: &csrf,
            next: &next,
            email: &form.email,
            error: Some(error),
            options: &options,
        };
        Page::new(status, &page).cookie(set).into_response()
    };
    if !options.password {
        return again(
            StatusCode::FORBIDDEN,
            "Signing in with a password is turned off on this server.",
        );
    }
    if !csrf_ok(&headers, &form.csrf) {
        return again(
            StatusCode::BAD_REQUEST,
            "This form expired. Please sign in again.",
        );
    }
    let email = Email::parse(&form.email).ok();
    let account = format!("account:{}", email.as_ref().map_or("", Email::as_str));
    if state.limits.login_ip.is_exhausted(&ip) || state.limits.login_account.is_exhausted(&account)
    {
        record(
            &state,
            Event::new("rate_limited", "server")
                .ip(&ip)
                .detail(json!({ "endpoint": "login", "email": form.email })),
        )
        .await;
        return again(
            StatusCode::TOO_MANY_REQUESTS,
            "Too many failed attempts. Wait a few minutes and try again.",
        );
    }

    let lookup = email.clone();
    let user = match lookup {
        Some(e) => state
            .db
            .call(move |db| users::find(db.conn(), &e))
            .await
            .unwrap_or(None),
        None => None,
    };
    let stored = user.as_ref().and_then(|u| u.password_hash.clone());
    let password = form.password.clone();
    let verified = tokio::task::spawn_blocking(move || {
        let hash = stored.as_deref().unwrap_or_else(|| dummy_hash());
        crypto::verify_password(hash, &password) && stored.is_some()
    })
    .await
    .unwrap_or(false);

    let user = match (user, verified) {
        (Some(user), true) => user,
        (user, _) => {
            state.limits.login_ip.hit(&ip);
            state.limits.login_account.hit(&account);
            let reason = match user {
                None => "unknown email",
                Some(u) if u.password_hash.is_none() => "no password set",
                Some(_) => "wrong password",
            };
            let mut event = Event::new("login.failed", "server")
                .ip(&ip)
                .detail(json!({ "reason": reason }));
            event.user = Some(email.map_or(form.email.clone(), |e| e.to_string()));
            record(&state, event).await;
            // The same words whether the email is unknown or the password wrong.
            return again(StatusCode::UNAUTHORIZED, "Wrong email or password.");
        }
    };
    if user.disabled {
        record(
            &state,
            Event::new("login.refused", "server")
                .user(&user.email)
                .ip(&ip)
                .detail(json!({ "reason": "disabled" })),
        )
        .await;
        return again(
            StatusCode::FORBIDDEN,
            "This account is disabled. Ask the administrator of this server.",
        );
    }

    state.limits.login_account.reset(&account);
    let (user_id, agent, ip_for_db) = (user.id, user_agent(&headers), ip.clone());
    let succeeded = Event::new("login.succeeded", "server")
        .user(&user.email)
        .ip(&ip);
    let stored = state
        .db
        .call(move |db| {
            db.write(|tx| {
                audit::append(tx, &succeeded)?;
                insert_session(tx, user_id, &ip_for_db, agent.as_deref())
            })
        })
        .await;
    match stored {
        Ok(session) => signed_in_to(&state, &next, &session),
        Err(e) => {
            tracing::error!(error = %e, "storing a session failed");
            again(
                StatusCode::INTERNAL_SERVER_ERROR,
                "mcpauth could not sign you in; try again.",
            )
        }
    }
}

/// Starts a browser session for the user, inside the transaction that decided to sign them
/// in; returns the cookie value.
fn insert_session(
    tx: &rusqlite::Connection,
    user_id: i64,
    ip: &str,
    agent: Option<&str>,
) -> Result<String, crate::db::Error> {
    let session = random_token(32);
    sessions::prune(tx)?;
    sessions::insert(
        tx,
        &secret_hash(&session),
        user_id,
        now() + SESSION_LIFETIME,
        Some(ip),
        agent,
    )?;
    users::record_login(tx, user_id)?;
    Ok(session)
}

fn user_agent(headers: &HeaderMap) -> Option<String> {
    headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .map(|s| s.chars().take(200).collect())
}

/// Sends a freshly signed-in browser on to `next` with its session cookie.
fn signed_in_to(state: &AppState, next: &str, session: &str) -> Response {
    let mut response = see_other(next);
    if let Some(c) = set_cookie(state, SESSION_COOKIE, session, SESSION_LIFETIME, "Lax") {
        response.headers_mut().append(header::SET_COOKIE, c);
    }
    response
}

async fn record(state: &AppState, event: Event) {
    if let Err(e) = state
        .db
        .call(move |db| db.write(|tx| audit::append(tx, &event)))
        .await
    {
        tracing::error!(error = %e, "audit write failed");
    }
}

#[derive(Debug, Deserialize)]
pub struct ConsentForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    request: String,
    #[serde(default)]
    decision: String,
}

/// `POST /consent`: the request is validated again, so the form cannot widen it.
pub async fn consent_submit(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<Peer>,
    headers: HeaderMap,
    Form(form): Form<ConsentForm>,
) -> Response {
    if !csrf_ok(&headers, &form.csrf) {
        return message(
            &state,
            StatusCode::BAD_REQUEST,
            "This form expired",
            "Go back to the app and connect again.",
        );
    }
    let request = match parse_and_validate(&state, &form.request).await {
        Ok(request) => request,
        Err(response) => return response,
    };
    let Some(user) = signed_in(&state, &headers).await else {
        return to_login(
            &state,
            &format!("{}?{}", state.issuer.path("/oauth/authorize"), form.request),
        );
    };
    let ip = state.client_ip(&peer, &headers);
    let event = |kind| {
        Event::new(kind, "server")
            .user(&user.email)
            .client(&request.client.client_id)
            .ip(&ip)
            .detail(json!({ "scope": request.scope.to_string(), "resource": request.resource }))
    };
    if form.decision != "allow" {
        record(&state, event("consent.denied")).await;
        return refuse(&state, &request, "access_denied", "the user denied access");
    }
    let (user_id, client_id, scope, given) = (
        user.id,
        request.client.client_id.clone(),
        request.scope.clone(),
        event("consent.given"),
    );
    let saved = state
        .db
        .call(move |db| {
            db.write(|tx| {
                // Remember the union, so a client asking for less later is not asked again.
                let mut all = scope.to_string();
                if let Some(earlier) = consents::find(tx, user_id, &client_id)? {
                    all = format!("{earlier} {all}");
                }
                consents::upsert(tx, user_id, &client_id, &Scopes::parse(&all).to_string())?;
                audit::append(tx, &given)
            })
        })
        .await;
    if let Err(e) = saved {
        tracing::error!(error = %e, "storing consent failed");
        return message(
            &state,
            StatusCode::INTERNAL_SERVER_ERROR,
            "Something went wrong",
            "Try again.",
        );
    }
    finish(&state, &request, &user).await
}

pub async fn logout_form(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let user = signed_in(&state, &headers).await;
    let (csrf, set) = csrf_token(&state, &headers);
    let text = match &user {
        Some(u) => format!("You are signed in as {}.", u.email),
        None => "You are not signed in.".to_owned(),
    };
    let page = MessagePage {
        base: state.issuer.base_path(),
        title: "Sign out",
        message: &text,
        is_error: false,
        logout_csrf: user.is_some().then_some(csrf.as_str()),
    };
    Page::new(StatusCode::OK, &page).cookie(set).into_response()
}

#[derive(Debug, Deserialize)]
pub struct LogoutForm {
    #[serde(default)]
    csrf: String,
}

pub async fn logout_submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(form): Form<LogoutForm>,
) -> Response {
    if !csrf_ok(&headers, &form.csrf) {
        return message(
            &state,
            StatusCode::BAD_REQUEST,
            "This form expired",
            "Reload the page and try again.",
        );
    }
    if let Some(value) = cookie(&headers, SESSION_COOKIE) {
        let hash = secret_hash(value);
        if let Some(user) = signed_in(&state, &headers).await {
            record(&state, Event::new("logout", "server").user(&user.email)).await;
        }
        if let Err(e) = state
            .db
            .call(move |db| db.write(|tx| sessions::delete(tx, &hash)))
            .await
        {
            tracing::error!(error = %e, "deleting a session failed");
        }
    }
    let mut response = message(
        &state,
        StatusCode::OK,
        "Signed out",
        "You are signed out of mcpauth.",
    );
    if let Some(c) = set_cookie(&state, SESSION_COOKIE, "", 0, "Lax") {
        response.headers_mut().append(header::SET_COOKIE, c);
    }
    response
}
