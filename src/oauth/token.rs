//! The token endpoint (authorization_code and rotating refresh_token grants), revocation
//! (RFC 7009), introspection (RFC 7662) and userinfo.

use axum::Json;
use axum::extract::{ConnectInfo, FromRequest, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use rusqlite::Transaction;
use serde::Deserialize;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use super::authorize::is_pkce_value;
use super::client_auth::{self, Presented};
use super::jwt::{self, AccessClaims, IdClaims, JwtError};
use super::scope::{self, Scopes};
use super::{Issuer, OAuthError, canonical_url};
use crate::crypto::{base64url, random_token, secret_hash};
use crate::db::audit::{self, Event};
use crate::db::clients::{self, Client};
use crate::db::grants::{self, GrantState, NewGrant};
use crate::db::{codes, now, refresh_tokens, signing_keys, users};
use crate::server::{AppState, Peer};
use crate::settings;

/// A form body whose rejection is an OAuth `invalid_request`.
#[derive(FromRequest)]
#[from_request(via(axum::Form), rejection(OAuthError))]
pub struct OAuthForm<T>(pub T);

#[derive(Debug, Default, Deserialize)]
pub struct TokenRequest {
    grant_type: Option<String>,
    code: Option<String>,
    redirect_uri: Option<String>,
    code_verifier: Option<String>,
    refresh_token: Option<String>,
    scope: Option<String>,
    resource: Option<String>,
    client_id: Option<String>,
    client_secret: Option<String>,
    client_assertion_type: Option<String>,
    client_assertion: Option<String>,
}

pub async fn token(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<Peer>,
    headers: HeaderMap,
    OAuthForm(req): OAuthForm<TokenRequest>,
) -> Result<Response, OAuthError> {
    let ip = state.client_ip(&peer, &headers);
    if !state.limits.token.hit(&ip) {
        let event = Event::new("rate_limited", "server")
            .ip(&ip)
            .detail(json!({ "endpoint": "token" }));
        state
            .db
            .call(move |db| db.write(|tx| audit::append(tx, &event)))
            .await?;
        return Err(OAuthError::RateLimited);
    }
    let mut presented = client_auth::presented(
        &headers,
        client_auth::FormCredentials {
            client_id: req.client_id.as_deref(),
            client_secret: req.client_secret.as_deref(),
            assertion_type: req.client_assertion_type.as_deref(),
            assertion: req.client_assertion.as_deref(),
        },
    )?;
    client_auth::verify_assertion(&state, &mut presented, &ip).await?;
    let grant_type = req
        .grant_type
        .clone()
        .ok_or_else(|| OAuthError::request("grant_type is missing"))?;
    let issuer = state.issuer.clone();
    let body = state
        .db
        .call(move |db| {
            let tx = db.transaction()?;
            let ctx = Ctx {
                tx: &tx,
                issuer: &issuer,
                ip: &ip,
            };
            let result = match grant_type.as_str() {
                "authorization_code" => ctx.exchange_code(&presented, &req),
                "refresh_token" => ctx.refresh(&presented, &req),
                other => Err(OAuthError::UnsupportedGrantType(format!(
                    "grant_type {other} is not supported: use authorization_code or refresh_token"
                ))),
            };
            // Refusals keep what they wrote (a revoked grant, an audit row); failures do not.
            if !matches!(result, Err(OAuthError::Db(_) | OAuthError::Internal(_))) {
                tx.commit().map_err(crate::db::Error::from)?;
            }
            result
        })
        .await?;
    let mut response = Json(body).into_response();
    let h = response.headers_mut();
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(header::PRAGMA, HeaderValue::from_static("no-cache"));
    Ok(response)
}

/// One token request's database transaction and context.
struct Ctx<'a> {
    tx: &'a Transaction<'a>,
    issuer: &'a Issuer,
    ip: &'a str,
}

impl Ctx<'_> {
    fn client(&self, presented: &Presented) -> Result<Client, OAuthError> {
        let client = clients::find(self.tx, &presented.client_id)?
            .ok_or_else(|| OAuthError::client("unknown client: register again"))?;
        presented.verify(&client)?;
        Ok(client)
    }

    fn audit(&self, event: Event) -> Result<(), OAuthError> {
        Ok(audit::append(self.tx, &event.ip(self.ip))?)
    }

    fn exchange_code(
        &self,
        presented: &Presented,
        req: &TokenRequest,
    ) -> Result<Value, OAuthError> {
        let client = self.client(presented)?;
        let code = req
            .code
            .as_deref()
            .ok_or_else(|| OAuthError::request("code is missing"))?;
        let hash = secret_hash(code);
        let code = codes::find(self.tx, &hash)?
            .ok_or_else(|| OAuthError::grant("the code is invalid or expired"))?;
        if code.client_id != client.client_id {
            return Err(OAuthError::grant("the code was issued to another client"));
        }
        if code.used_at.is_some() {
            // RFC 6749 §4.1.2: a code used twice may have been stolen; revoke what it issued.
            if let Some(grant) = code.grant_id {
                grants::revoke_one(self.tx, grant)?;
            }
            self.audit(
                Event::new("code.replayed", "server")
                    .client(&client.client_id)
                    .detail(json!({ "grant": code.grant_id })),
            )?;
            return Err(OAuthError::grant(
                "the code was already used; the tokens issued with it are revoked",
            ));
        }
        if code.expires_at <= now() {
            codes::burn(self.tx, &hash)?;
            return Err(OAuthError::grant(
                "the code has expired; start the sign-in again",
            ));
        }
        if req
            .redirect_uri
            .as_deref()
            .is_some_and(|r| r != code.redirect_uri)
        {
            return Err(OAuthError::grant(
                "redirect_uri differs from the one in the authorization request",
            ));
        }
        let verifier = req
            .code_verifier
            .as_deref()
            .ok_or_else(|| OAuthError::request("code_verifier is missing (PKCE)"))?;
        let computed = base64url(&Sha256::digest(verifier.as_bytes()));
        let pkce_ok: bool = computed
            .as_bytes()
            .ct_eq(code.code_challenge.as_bytes())
            .into();
        if !is_pkce_value(verifier) || !pkce_ok {
            codes::burn(self.tx, &hash)?;
            return Err(OAuthError::grant(
                "code_verifier does not match the code_challenge",
            ));
        }
        if req
            .resource
            .as_deref()
            .is_some_and(|r| canonical_url(r) != canonical_url(&code.resource))
        {
            return Err(OAuthError::InvalidTarget(
                "resource differs from the one authorized".into(),
            ));
        }
        let user = users::find_by_id(self.tx, code.user_id)?
            .filter(|u| !u.disabled)
            .ok_or_else(|| OAuthError::grant("the user may no longer sign in"))?;

        let refresh_ttl = settings::seconds(self.tx, settings::REFRESH_TOKEN_TTL)?;
        let grant_id = grants::insert(
            self.tx,
            &NewGrant {
                user_id: user.id,
                client_id: &client.client_id,
                scope: &code.scope,
                resource: &code.resource,
                expires_at: now() + refresh_ttl,
            },
        )?;
        codes::mark_used(self.tx, &hash, grant_id)?;
        clients::touch(self.tx, &client.client_id)?;
        let grant = grants::state(self.tx, grant_id)?
            .ok_or_else(|| OAuthError::Internal("grant vanished".into()))?;
        let refresh = self.new_refresh_token(&client, grant_id, None, refresh_ttl)?;
        self.audit(
            Event::new("token.issued", "server")
                .user(&user.email)
                .client(&client.client_id)
                .detail(
                    json!({ "grant": grant_id, "scope": code.scope, "resource": code.resource }),
                ),
        )?;
        let mut body = self.access_token(&grant, &Scopes::parse(&grant.scope), refresh)?;
        if Scopes::parse(&code.scope).contains(scope::OPENID) {
            body["id_token"] = json!(self.id_token(&grant, &client, code.nonce)?);
        }
        Ok(body)
    }

    /// Rotation: every use returns a new refresh token. The token before the presented one dies
    /// once its successor is used; a used token may be presented again only while the token it
    /// produced is unused (the client lost that response). Any other reuse revokes the grant.
    fn refresh(&self, presented: &Presented, req: &TokenRequest) -> Result<Value, OAuthError> {
        let client = self.client(presented)?;
        let raw = req
            .refresh_token
            .as_deref()
            .ok_or_else(|| OAuthError::request("refresh_token is missing"))?;
        let token = refresh_tokens::find(self.tx, &secret_hash(raw))?
            .ok_or_else(|| OAuthError::grant("the refresh token is invalid"))?;
        let grant = grants::state(self.tx, token.grant_id)?
            .ok_or_else(|| OAuthError::grant("the refresh token is invalid"))?;
        if grant.client_id != client.client_id {
            return Err(OAuthError::grant(
                "the refresh token was issued to another client",
            ));
        }
        if grant.dead {
            return Err(OAuthError::grant(
                "access was revoked or has expired; sign in again",
            ));
        }
        if token.expires_at <= now() {
            return Err(OAuthError::grant(
                "the refresh token has expired; sign in again",
            ));
        }
        let reused = match (token.revoked_at, token.used_at) {
            (Some(_), _) => true,
            (None, None) => false,
            (None, Some(_)) => match refresh_tokens::live_child(self.tx, &token.token_hash)? {
                Some(lost) if lost.used_at.is_none() => {
                    refresh_tokens::revoke(self.tx, &lost.token_hash)?;
                    false
                }
                _ => true,
            },
        };
        if reused {
            grants::revoke_one(self.tx, grant.id)?;
            self.audit(
                Event::new("refresh.reuse_detected", "server")
                    .user(&grant.email)
                    .client(&client.client_id)
                    .detail(json!({ "grant": grant.id })),
            )?;
            return Err(OAuthError::grant(
                "the refresh token was already used; access is revoked, sign in again",
            ));
        }
        let granted = Scopes::parse(&grant.scope);
        let scope = match req.scope.as_deref() {
            Some(asked) => {
                let asked = Scopes::parse(asked);
                if !asked.is_subset(&granted) {
                    return Err(OAuthError::InvalidScope(
                        "scope exceeds what was granted".into(),
                    ));
                }
                asked
            }
            None => granted,
        };
        if req
            .resource
            .as_deref()
            .is_some_and(|r| canonical_url(r) != canonical_url(&grant.resource))
        {
            return Err(OAuthError::InvalidTarget(
                "resource differs from the one authorized".into(),
            ));
        }

        refresh_tokens::mark_used(self.tx, &token.token_hash)?;
        if let Some(parent) = &token.parent_hash {
            refresh_tokens::revoke(self.tx, parent)?;
        }
        let refresh_ttl = settings::seconds(self.tx, settings::REFRESH_TOKEN_TTL)?;
        let refresh =
            self.new_refresh_token(&client, grant.id, Some(&token.token_hash), refresh_ttl)?;
        grants::touch(self.tx, grant.id, now() + refresh_ttl)?;
        clients::touch(self.tx, &client.client_id)?;
        self.audit(
            Event::new("token.refreshed", "server")
                .user(&grant.email)
                .client(&client.client_id)
                .detail(json!({ "grant": grant.id, "scope": scope.to_string() })),
        )?;
        self.access_token(&grant, &scope, refresh)
    }

    fn new_refresh_token(
        &self,
        client: &Client,
        grant: i64,
        parent: Option<&str>,
        ttl: i64,
    ) -> Result<Option<String>, OAuthError> {
        if !client.grant_types.iter().any(|g| g == "refresh_token") {
            return Ok(None);
        }
        let token = random_token(32);
        refresh_tokens::insert(self.tx, &secret_hash(&token), grant, parent, now() + ttl)?;
        Ok(Some(token))
    }

    fn signing_key(&self) -> Result<(String, Vec<u8>), OAuthError> {
        let (kid, _, der) = signing_keys::active(self.tx)?.ok_or_else(|| {
            OAuthError::Internal("no active signing key: run 'mcpauth secret rotate'".into())
        })?;
        Ok((kid, der))
    }

    fn access_token(
        &self,
        grant: &GrantState,
        scope: &Scopes,
        refresh: Option<String>,
    ) -> Result<Value, OAuthError> {
        let ttl = settings::seconds(self.tx, settings::ACCESS_TOKEN_TTL)?;
        let iat = now();
        let claims = AccessClaims {
            iss: self.issuer.as_str().to_owned(),
            sub: grant.user_id.to_string(),
            aud: grant.resource.clone(),
            client_id: grant.client_id.clone(),
            scope: scope.to_string(),
            jti: random_token(16),
            iat,
            exp: iat + ttl,
            email: grant.email.clone(),
            gid: grant.id,
        };
        let (kid, der) = self.signing_key()?;
        let access = jwt::sign(&kid, &der, "at+jwt", &claims)
            .map_err(|e| OAuthError::Internal(e.to_string()))?;
        let mut body = json!({
            "access_token": access,
            "token_type": "Bearer",
            "expires_in": ttl,
            "scope": scope.to_string(),
        });
        if let Some(refresh) = refresh {
            body["refresh_token"] = json!(refresh);
        }
        Ok(body)
    }

    fn id_token(
        &self,
        grant: &GrantState,
        client: &Client,
        nonce: Option<String>,
    ) -> Result<String, OAuthError> {
        let iat = now();
        let claims = IdClaims {
            iss: self.issuer.as_str().to_owned(),
            sub: grant.user_id.to_string(),
            aud: client.client_id.clone(),
            iat,
            exp: iat + 300,
            email: grant.email.clone(),
            email_verified: true,
            nonce,
        };
        let (kid, der) = self.signing_key()?;
        jwt::sign(&kid, &der, "JWT", &claims).map_err(|e| OAuthError::Internal(e.to_string()))
    }
}

/// Why a presented access token is not accepted.
#[derive(Debug, thiserror::Error)]
pub enum TokenRefusal {
    #[error(transparent)]
    Jwt(#[from] JwtError),
    #[error("access was revoked, has expired, or the user may no longer sign in")]
    Revoked,
    #[error(transparent)]
    Db(#[from] crate::db::Error),
}

/// Checks an access token: signature, issuer, expiry, audience (when given), and that its
/// grant is still alive (not revoked, its user not disabled).
pub fn check_access_token(
    c: &rusqlite::Connection,
    issuer: &Issuer,
    token: &str,
    audience: Option<&str>,
) -> Result<(AccessClaims, GrantState), TokenRefusal> {
    let jwks = signing_keys::verifying_jwks(c)?;
    let claims = jwt::verify_access(token, &jwks, issuer.as_str(), audience)?;
    match grants::state(c, claims.gid)? {
        Some(grant) if !grant.dead && grant.client_id == claims.client_id => Ok((claims, grant)),
        _ => Err(TokenRefusal::Revoked),
    }
}

#[derive(Debug, Deserialize)]
pub struct TokenOnly {
    token: Option<String>,
    #[allow(dead_code)] // Accepted as RFC 7009 allows; both kinds are looked up anyway.
    token_type_hint: Option<String>,
    client_id: Option<String>,
    client_secret: Option<String>,
    client_assertion_type: Option<String>,
    client_assertion: Option<String>,
}

impl TokenOnly {
    fn credentials(&self) -> client_auth::FormCredentials<'_> {
        client_auth::FormCredentials {
            client_id: self.client_id.as_deref(),
            client_secret: self.client_secret.as_deref(),
            assertion_type: self.client_assertion_type.as_deref(),
            assertion: self.client_assertion.as_deref(),
        }
    }
}

/// RFC 7009: revokes the grant behind an access or refresh token of the calling client.
/// Unknown tokens are not an error, so the answer tells an attacker nothing.
pub async fn revoke(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<Peer>,
    headers: HeaderMap,
    OAuthForm(req): OAuthForm<TokenOnly>,
) -> Result<Response, OAuthError> {
    let ip = state.client_ip(&peer, &headers);
    let mut presented = client_auth::presented(&headers, req.credentials())?;
    client_auth::verify_assertion(&state, &mut presented, &ip).await?;
    let token = req
        .token
        .ok_or_else(|| OAuthError::request("token is missing"))?;
    let issuer = state.issuer.clone();
    state
        .db
        .call(move |db| {
            db.write(|tx| {
                let ctx = Ctx {
                    tx,
                    issuer: &issuer,
                    ip: &ip,
                };
                let client = ctx.client(&presented)?;
                let grant = match check_access_token(tx, &issuer, &token, None) {
                    Ok((claims, grant)) if claims.client_id == client.client_id => Some(grant),
                    _ => refresh_tokens::find(tx, &secret_hash(&token))?
                        .and_then(|t| grants::state(tx, t.grant_id).ok().flatten())
                        .filter(|g| g.client_id == client.client_id),
                };
                if let Some(grant) = grant {
                    grants::revoke_one(tx, grant.id)?;
                    ctx.audit(
                        Event::new("token.revoked", "server")
                            .user(&grant.email)
                            .client(&client.client_id)
                            .detail(json!({ "grant": grant.id, "by": "client" })),
                    )?;
                }
                Ok::<_, OAuthError>(())
            })
        })
        .await?;
    Ok((StatusCode::OK, [(header::CACHE_CONTROL, "no-store")]).into_response())
}

/// RFC 7662, for confidential clients (resource servers).
pub async fn introspect(
    State(state): State<AppState>,
    headers: HeaderMap,
    OAuthForm(req): OAuthForm<TokenOnly>,
) -> Result<Response, OAuthError> {
    let presented = client_auth::presented(&headers, req.credentials())?;
    let token = req
        .token
        .ok_or_else(|| OAuthError::request("token is missing"))?;
    let issuer = state.issuer.clone();
    let body = state
        .db
        .call(move |db| {
            let c = db.conn();
            let client = clients::find(c, &presented.client_id)?
                .ok_or_else(|| OAuthError::client("unknown client"))?;
            if client.secret_hash.is_none() {
                return Err(OAuthError::client("introspection needs a confidential client"));
            }
            presented.verify(&client)?;
            if let Ok((claims, _)) = check_access_token(c, &issuer, &token, None) {
                return Ok(json!({
                    "active": true, "token_type": "access_token", "scope": claims.scope,
                    "client_id": claims.client_id, "username": claims.email, "sub": claims.sub,
                    "aud": claims.aud, "iss": claims.iss, "exp": claims.exp, "iat": claims.iat, "jti": claims.jti,
                }));
            }
            let refresh = refresh_tokens::find(c, &secret_hash(&token))?
                .filter(|t| t.revoked_at.is_none() && t.expires_at > now());
            if let Some(t) = refresh {
                if let Some(g) = grants::state(c, t.grant_id)?.filter(|g| !g.dead) {
                    return Ok(json!({
                        "active": true, "token_type": "refresh_token", "scope": g.scope,
                        "client_id": g.client_id, "username": g.email, "sub": g.user_id.to_string(),
                        "aud": g.resource, "iss": issuer.as_str(), "exp": t.expires_at,
                    }));
                }
            }
            Ok(json!({ "active": false }))
        })
        .await?;
    Ok(([(header::CACHE_CONTROL, "no-store")], Json(body)).into_response())
}

/// OIDC userinfo for a bearer access token.
pub async fn userinfo(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.strip_prefix("Bearer ")
                .or_else(|| v.strip_prefix("bearer "))
        })
        .map(str::to_owned);
    let Some(token) = token else {
        return bearer_error(StatusCode::UNAUTHORIZED, None);
    };
    let issuer = state.issuer.clone();
    let checked = state
        .db
        .call(move |db| {
            Ok::<_, crate::db::Error>(check_access_token(db.conn(), &issuer, &token, None))
        })
        .await;
    match checked {
        Ok(Ok((claims, _))) => {
            Json(json!({ "sub": claims.sub, "email": claims.email, "email_verified": true }))
                .into_response()
        }
        Ok(Err(TokenRefusal::Db(e))) | Err(e) => OAuthError::from(e).into_response(),
        Ok(Err(refusal)) => bearer_error(StatusCode::UNAUTHORIZED, Some(&refusal.to_string())),
    }
}

/// RFC 6750 §3: a 401 naming the problem, when a token was presented.
fn bearer_error(status: StatusCode, problem: Option<&str>) -> Response {
    let challenge = match problem {
        Some(p) => format!(
            "Bearer error=\"invalid_token\", error_description=\"{}\"",
            p.replace('"', "'")
        ),
        None => "Bearer".to_owned(),
    };
    let mut response = (status, Json(json!({ "error": "invalid_token" }))).into_response();
    if let Ok(value) = HeaderValue::from_str(&challenge) {
        response
            .headers_mut()
            .insert(header::WWW_AUTHENTICATE, value);
    }
    response
}
