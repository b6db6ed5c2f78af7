//! The authorization endpoint's rules: which requests are valid, where refusals go, and the
//! codes a consented request gets.

use serde::Deserialize;
use serde_json::json;
use url::Url;

use super::scope::Scopes;
use super::{OAuthError, cimd, redirect_uri};
use crate::crypto::{random_token, secret_hash};
use crate::db::audit::{self, Event};
use crate::db::clients::{self, Client, NewClient, Source};
use crate::db::users::User;
use crate::db::{codes, now, upstreams};
use crate::server::AppState;
use crate::settings;

/// The query of an authorization request, as sent.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Params {
    pub response_type: Option<String>,
    pub client_id: Option<String>,
    pub redirect_uri: Option<String>,
    pub scope: Option<String>,
    pub state: Option<String>,
    pub code_challenge: Option<String>,
    pub code_challenge_method: Option<String>,
    pub resource: Option<String>,
    pub prompt: Option<String>,
    pub nonce: Option<String>,
}

/// A valid authorization request.
#[derive(Debug, Clone)]
pub struct Request {
    pub client: Client,
    pub redirect_uri: String,
    pub state: Option<String>,
    pub code_challenge: String,
    pub scope: Scopes,
    pub resource: String,
    pub nonce: Option<String>,
    /// `prompt=consent`: ask even when an earlier consent covers the request.
    pub force_consent: bool,
    /// `prompt=none`: never show a page; fail instead.
    pub no_prompt: bool,
}

/// Why a request is refused, and where that is said.
#[derive(Debug)]
pub enum Refusal {
    /// The client or redirect URI cannot be trusted with the answer: tell the person.
    Page(String),
    /// Sent to the client's (validated) redirect URI.
    Redirect(String),
}

pub async fn validate(state: &AppState, params: Params) -> Result<Request, Refusal> {
    let client_id = params
        .client_id
        .clone()
        .filter(|c| !c.is_empty())
        .ok_or_else(|| {
            Refusal::Page("The request names no client (client_id is missing).".into())
        })?;
    let client = find_client(state, &client_id).await?;
    let redirect = match params.redirect_uri.as_deref() {
        Some(given) if registered(&client, given) => given.to_owned(),
        Some(_) => {
            return Err(Refusal::Page(format!(
                "The redirect URI is not registered for {}; mcpauth will not send anything there.",
                client.name
            )));
        }
        None if client.redirect_uris.len() == 1 => client.redirect_uris[0].clone(),
        None => {
            return Err(Refusal::Page(
                "The request has no redirect_uri and the client registered several.".into(),
            ));
        }
    };
    let fail = |code: &str, description: &str| {
        Refusal::Redirect(error_redirect(
            state,
            &redirect,
            params.state.as_deref(),
            code,
            description,
        ))
    };

    if params.response_type.as_deref() != Some("code") {
        return Err(fail(
            "unsupported_response_type",
            "response_type must be code",
        ));
    }
    if !client.grant_types.iter().any(|g| g == "authorization_code") {
        return Err(fail(
            "unauthorized_client",
            "this client may not use the authorization code grant",
        ));
    }
    let challenge = params.code_challenge.clone().ok_or_else(|| {
        fail(
            "invalid_request",
            "PKCE is required: send code_challenge with code_challenge_method=S256",
        )
    })?;
    if params.code_challenge_method.as_deref() != Some("S256") {
        return Err(fail(
            "invalid_request",
            "code_challenge_method must be S256 (plain is not accepted)",
        ));
    }
    if !is_pkce_value(&challenge) {
        return Err(fail(
            "invalid_request",
            "code_challenge is not a base64url S256 challenge",
        ));
    }
    let resource = match params.resource.as_deref() {
        None => state.issuer.resource(None),
        Some(r) => match state.issuer.mount_of(r) {
            Some(None) => state.issuer.resource(None),
            Some(Some(name)) => {
                let lookup = name.clone();
                let exists = state
                    .db
                    .call(move |db| upstreams::exists(db.conn(), &lookup))
                    .await
                    .map_err(|_| {
                        Refusal::Page("mcpauth could not read its database; try again.".into())
                    })?;
                if !exists {
                    return Err(fail(
                        "invalid_target",
                        "resource names no MCP server mounted here",
                    ));
                }
                state.issuer.resource(Some(&name))
            }
            None => {
                return Err(fail(
                    "invalid_target",
                    "resource is not an MCP server of this authorization server",
                ));
            }
        },
    };
    let prompt: Vec<&str> = params
        .prompt
        .as_deref()
        .unwrap_or("")
        .split_whitespace()
        .collect();
    Ok(Request {
        client,
        redirect_uri: redirect,
        state: params.state,
        code_challenge: challenge,
        scope: Scopes::requested(params.scope.as_deref()),
        resource,
        nonce: params.nonce,
        force_consent: prompt.contains(&"consent") || prompt.contains(&"login"),
        no_prompt: prompt.contains(&"none"),
    })
}

/// A registered client, or the client a metadata document URL describes (fetched when the
/// cached copy is missing or stale).
async fn find_client(state: &AppState, client_id: &str) -> Result<Client, Refusal> {
    let db_error = |_| Refusal::Page("mcpauth could not read its database; try again.".into());
    let id = client_id.to_owned();
    let known = state
        .db
        .call(move |db| clients::find(db.conn(), &id))
        .await
        .map_err(db_error)?;
    if !cimd::Fetcher::is_document_url(client_id) {
        return known.ok_or_else(|| {
            Refusal::Page("This client is not registered here. Remove the connection in the app and add it again.".into())
        });
    }
    if let Some(client) =
        known.filter(|c| c.source == Source::Cimd && c.cache_until.unwrap_or(0) > now())
    {
        return Ok(client);
    }
    let document = match state.documents.fetch(client_id).await {
        Ok(document) => document,
        Err(e) => {
            let event = Event::new("client.document_refused", "server")
                .client(client_id)
                .detail(json!({ "reason": e.to_string() }));
            let _ = state
                .db
                .call(move |db| db.write(|tx| audit::append(tx, &event)))
                .await;
            return Err(Refusal::Page(e.to_string()));
        }
    };
    let id = client_id.to_owned();
    state
        .db
        .call(move |db| {
            db.write(|tx| {
                let client = clients::upsert_document(
                    tx,
                    &NewClient {
                        client_id: &id,
                        secret_hash: None,
                        name: &document.name,
                        redirect_uris: &document.redirect_uris,
                        grant_types: &document.grant_types,
                        auth_method: &document.auth_method,
                        source: Source::Cimd,
                        metadata: &document.metadata,
                    },
                    now() + document.max_age,
                )?;
                audit::append(
                    tx,
                    &Event::new("client.document_fetched", "server").client(&id),
                )?;
                Ok(client)
            })
        })
        .await
        .map_err(db_error)
}

/// Exact match, except that a loopback redirect URI matches on any port (RFC 8252 §7.3).
pub fn registered(client: &Client, given: &str) -> bool {
    if client.redirect_uris.iter().any(|r| r == given) {
        return true;
    }
    let Some(given) = Url::parse(given).ok().filter(redirect_uri::is_loopback) else {
        return false;
    };
    client
        .redirect_uris
        .iter()
        .filter_map(|r| Url::parse(r).ok())
        .any(|mut r| {
            let mut g = given.clone();
            r.set_port(None).is_ok()
                && g.set_port(None).is_ok()
                && redirect_uri::is_loopback(&r)
                && r == g
        })
}

/// RFC 7636 §4.1: 43–128 characters of the unreserved set.
pub fn is_pkce_value(v: &str) -> bool {
    (43..=128).contains(&v.len())
        && v.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~'))
}

/// The client's redirect URI with an error, `state` and `iss` (RFC 9207).
pub fn error_redirect(
    state: &AppState,
    redirect: &str,
    client_state: Option<&str>,
    code: &str,
    description: &str,
) -> String {
    with_params(
        redirect,
        &[
            ("error", Some(code)),
            ("error_description", Some(description)),
            ("state", client_state),
            ("iss", Some(state.issuer.as_str())),
        ],
    )
}

fn with_params(redirect: &str, params: &[(&str, Option<&str>)]) -> String {
    match Url::parse(redirect) {
        Ok(mut url) => {
            {
                let mut query = url.query_pairs_mut();
                for (key, value) in params {
                    if let Some(value) = value {
                        query.append_pair(key, value);
                    }
                }
            }
            url.to_string()
        }
        Err(_) => redirect.to_owned(),
    }
}

/// Issues a code for a consented request and returns where to send the browser.
pub async fn issue_code(
    state: &AppState,
    request: &Request,
    user: &User,
) -> Result<String, OAuthError> {
    let code = random_token(32);
    let (hash, request_clone, user_id) = (secret_hash(&code), request.clone(), user.id);
    state
        .db
        .call(move |db| {
            db.write(|tx| {
                let ttl = settings::seconds(tx, settings::AUTH_CODE_TTL)?;
                let scope = request_clone.scope.to_string();
                codes::insert(
                    tx,
                    &codes::NewCode {
                        code_hash: &hash,
                        client_id: &request_clone.client.client_id,
                        user_id,
                        redirect_uri: &request_clone.redirect_uri,
                        code_challenge: &request_clone.code_challenge,
                        scope: &scope,
                        resource: &request_clone.resource,
                        nonce: request_clone.nonce.as_deref(),
                        expires_at: now() + ttl,
                    },
                )?;
                codes::prune(tx, now() - 3600)?;
                // A client that reaches a code has completed a sign-in: it is kept.
                clients::touch(tx, &request_clone.client.client_id)
            })
        })
        .await?;
    Ok(with_params(
        &request.redirect_uri,
        &[
            ("code", Some(&code)),
            ("state", request.state.as_deref()),
            ("iss", Some(state.issuer.as_str())),
        ],
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn client(uris: &[&str]) -> Client {
        Client {
            client_id: "c".into(),
            name: "C".into(),
            redirect_uris: uris.iter().map(|s| s.to_string()).collect(),
            grant_types: vec![],
            auth_method: "none".into(),
            source: Source::Dcr,
            confidential: false,
            created_at: crate::db::Timestamp(0),
            last_used_at: None,
            secret_hash: None,
            cache_until: None,
            metadata: json!({}),
        }
    }

    #[test]
    fn redirect_uris_match_exactly_or_on_any_loopback_port() {
        let c = client(&[
            "https://app.example/cb",
            "http://127.0.0.1/callback",
            "http://localhost/cb",
        ]);
        assert!(registered(&c, "https://app.example/cb"));
        assert!(registered(&c, "http://127.0.0.1:49152/callback"));
        assert!(registered(&c, "http://localhost:3000/cb"));
        for near_miss in [
            "https://app.example/cb/",
            "https://app.example/cb?x=1",
            "https://app.example.evil.com/cb",
            "https://app.example:8443/cb",
            "http://127.0.0.1:49152/callbackx",
            "http://localhost:3000/callback",
            "http://127.0.0.2/callback",
        ] {
            assert!(!registered(&c, near_miss), "{near_miss} must not match");
        }
    }
}
