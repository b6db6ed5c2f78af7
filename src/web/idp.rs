//! Signing in through an identity provider: the button on the sign-in page leaves for the
//! provider, and the provider sends the browser back to `/oauth/callback/{name}`. Access needs a
//! verified email that belongs to a known, enabled user or matches the allowlist.

use axum::extract::{ConnectInfo, Form, Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::Response;
use serde::Deserialize;
use serde_json::json;
use subtle::ConstantTimeEq;

use super::{
    cookie, csrf_ok, insert_session, message, record, safe_next, see_other, set_cookie,
    signed_in_to, user_agent,
};
use crate::crypto::secret_hash;
use crate::db::audit::{self, Event};
use crate::db::idps::{self, Kind, Pending, Provider};
use crate::db::{allowlist, users};
use crate::email::Email;
use crate::oauth::idp::{Bases, IdpError};
use crate::server::{AppState, Peer};

/// Binds a sign-in under way to the browser that started it.
const STATE_COOKIE: &str = "mcpauth_idp_state";
/// How long a person may take at the provider.
const PENDING_LIFETIME: i64 = 600;

/// How a provider is named on buttons and pages.
pub fn display_name(p: &Provider) -> String {
    match p.kind {
        Kind::Oidc => p.name.clone(),
        kind if p.name == kind.as_str() => kind.label().to_owned(),
        kind => format!("{} ({})", kind.label(), p.name),
    }
}

fn callback_url(state: &AppState, name: &str) -> String {
    state.issuer.url(&format!("/oauth/callback/{name}"))
}

async fn load(state: &AppState, name: String) -> Result<Option<(Provider, Bases)>, Response> {
    state
        .db
        .call(move |db| {
            let Some(provider) = idps::find(db.conn(), &name)? else {
                return Ok(None);
            };
            Ok::<_, crate::db::Error>(Some((provider, Bases::load(db.conn())?)))
        })
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "reading an identity provider failed");
            message(
                state,
                StatusCode::INTERNAL_SERVER_ERROR,
                "Something went wrong",
                "mcpauth could not start the sign-in; try again.",
            )
        })
}

fn unknown_provider(state: &AppState) -> Response {
    message(
        state,
        StatusCode::NOT_FOUND,
        "No such sign-in option",
        "This server does not offer that way to sign in. Go back and choose another.",
    )
}

#[derive(Debug, Deserialize)]
pub struct BeginForm {
    #[serde(default)]
    csrf: String,
    next: Option<String>,
}

/// `POST /login/idp/{name}`: remember the sign-in, then send the browser to the provider.
pub async fn begin(
    State(state): State<AppState>,
    Path(name): Path<String>,
    headers: HeaderMap,
    Form(form): Form<BeginForm>,
) -> Response {
    if !csrf_ok(&headers, &form.csrf) {
        return message(
            &state,
            StatusCode::BAD_REQUEST,
            "This form expired",
            "Go back, reload the page and try again.",
        );
    }
    let (provider, bases) = match load(&state, name).await {
        Ok(Some(found)) => found,
        Ok(None) => return unknown_provider(&state),
        Err(response) => return response,
    };
    let begun = match state
        .idps
        .begin(&provider, &bases, &callback_url(&state, &provider.name))
        .await
    {
        Ok(begun) => begun,
        Err(e) => return provider_failed(&state, &provider, &e),
    };
    let pending = Pending {
        idp: provider.name.clone(),
        verifier: begun.verifier,
        nonce: begun.nonce,
        next: safe_next(&state, form.next.as_deref()),
    };
    let state_hash = secret_hash(&begun.state);
    let stored = state
        .db
        .call(move |db| db.write(|tx| idps::begin(tx, &state_hash, &pending, PENDING_LIFETIME)))
        .await;
    if let Err(e) = stored {
        tracing::error!(error = %e, "storing a provider sign-in failed");
        return message(
            &state,
            StatusCode::INTERNAL_SERVER_ERROR,
            "Something went wrong",
            "mcpauth could not start the sign-in; try again.",
        );
    }
    let mut response = see_other(&begun.url);
    // Lax: the provider's redirect back is a top-level navigation from another site.
    if let Some(c) = set_cookie(&state, STATE_COOKIE, &begun.state, PENDING_LIFETIME, "Lax") {
        response.headers_mut().append(header::SET_COOKIE, c);
    }
    response
}

fn provider_failed(state: &AppState, provider: &Provider, e: &IdpError) -> Response {
    tracing::warn!(idp = provider.name, error = %e, "sign-in through a provider failed");
    message(
        state,
        StatusCode::BAD_GATEWAY,
        "Sign-in failed",
        &format!(
            "mcpauth could not complete the sign-in with {}. Try again, or ask the administrator of this server to look at its log.",
            display_name(provider)
        ),
    )
}

#[derive(Debug, Deserialize)]
pub struct CallbackQuery {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

/// `GET /oauth/callback/{name}`: the provider sends the browser back here.
pub async fn callback(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<Peer>,
    Path(name): Path<String>,
    headers: HeaderMap,
    Query(q): Query<CallbackQuery>,
) -> Response {
    let ip = state.client_ip(&peer, &headers);
    let refused = |reason: &str, detail: serde_json::Value| {
        Event::new("login.refused", "server")
            .ip(&ip)
            .detail(json!({ "idp": name, "reason": reason, "detail": detail }))
    };
    // The state must be the one this browser was given; otherwise someone else's sign-in is
    // being slipped into this browser.
    let returned = q.state.as_deref().unwrap_or_default();
    let ours = cookie(&headers, STATE_COOKIE).unwrap_or_default();
    if returned.is_empty() || !bool::from(returned.as_bytes().ct_eq(ours.as_bytes())) {
        record(&state, refused("state_mismatch", json!(null))).await;
        return start_again(&state, "This sign-in did not start in this browser.");
    }
    let state_hash = secret_hash(returned);
    let taken = state
        .db
        .call(move |db| db.write(|tx| idps::take(tx, &state_hash)))
        .await;
    let pending = match taken {
        Ok(Some(pending)) if pending.idp == name => pending,
        Ok(_) => {
            record(&state, refused("state_unknown", json!(null))).await;
            return start_again(&state, "This sign-in expired or was already used.");
        }
        Err(e) => {
            tracing::error!(error = %e, "reading a provider sign-in failed");
            return start_again(&state, "mcpauth could not finish the sign-in.");
        }
    };
    let (provider, bases) = match load(&state, name.clone()).await {
        Ok(Some(found)) => found,
        Ok(None) => return unknown_provider(&state),
        Err(response) => return response,
    };
    if let Some(error) = q.error {
        record(&state, refused("provider_error", json!(error))).await;
        return message(
            &state,
            StatusCode::FORBIDDEN,
            "Sign-in cancelled",
            &format!(
                "{} did not sign you in ({error}). Go back to the app to try again.",
                display_name(&provider)
            ),
        );
    }
    let Some(code) = q.code.filter(|c| !c.is_empty()) else {
        record(&state, refused("no_code", json!(null))).await;
        return start_again(&state, "The provider sent no authorization code.");
    };
    let identity = match state
        .idps
        .identity(
            &provider,
            &bases,
            &callback_url(&state, &name),
            &code,
            &pending.verifier,
            &pending.nonce,
        )
        .await
    {
        Ok(identity) => identity,
        Err(e) => {
            record(&state, refused("provider_failed", json!(e.to_string()))).await;
            return provider_failed(&state, &provider, &e);
        }
    };
    let email = match (
        identity.email.as_deref().map(Email::parse),
        identity.email_verified,
    ) {
        (Some(Ok(email)), true) => email,
        (email, _) => {
            let mut event = refused(
                "email_unverified",
                json!({ "subject": identity.subject, "email": identity.email }),
            );
            event.user = email.and_then(Result::ok).map(|e| e.to_string());
            record(&state, event).await;
            return message(
                &state,
                StatusCode::FORBIDDEN,
                "No verified email address",
                &format!(
                    "Your {0} account has no verified email address, and mcpauth needs one to know who you are. Verify your address with {0}, then try again.",
                    display_name(&provider)
                ),
            );
        }
    };

    let agent = user_agent(&headers);
    let (subject, idp, ip_for_db) = (identity.subject, provider.name.clone(), ip.clone());
    let admitted = state
        .db
        .call(move |db| {
            db.write(|tx| {
                let admission = admit(tx, &idp, &subject, &email)?;
                let base = |kind| {
                    Event::new(kind, "server")
                        .user(email.as_str())
                        .ip(&ip_for_db)
                };
                let user = match admission {
                    Admission::Refused(reason) => {
                        audit::append(
                            tx,
                            &base("login.refused").detail(
                                json!({ "idp": idp, "reason": reason, "subject": subject }),
                            ),
                        )?;
                        return Ok(None);
                    }
                    Admission::Created(user) => {
                        audit::append(
                            tx,
                            &base("user.created").detail(json!({ "idp": idp, "subject": subject })),
                        )?;
                        user
                    }
                    Admission::Known(user) => user,
                };
                audit::append(tx, &base("login.succeeded").detail(json!({ "idp": idp })))?;
                insert_session(tx, user.id, &ip_for_db, agent.as_deref()).map(Some)
            })
        })
        .await;
    let mut response = match admitted {
        Ok(Some(session)) => signed_in_to(&state, &pending.next, &session),
        // The same words whatever the reason: nothing about the allowlist or accounts leaks.
        Ok(None) => message(
            &state,
            StatusCode::FORBIDDEN,
            "Access not allowed",
            "This account may not sign in to this server. If you think it should, ask the server's administrator.",
        ),
        Err(e) => {
            tracing::error!(error = %e, "storing a provider sign-in failed");
            return start_again(&state, "mcpauth could not finish the sign-in.");
        }
    };
    if let Some(c) = set_cookie(&state, STATE_COOKIE, "", 0, "Lax") {
        response.headers_mut().append(header::SET_COOKIE, c);
    }
    response
}

fn start_again(state: &AppState, why: &str) -> Response {
    message(
        state,
        StatusCode::BAD_REQUEST,
        "Sign-in not completed",
        &format!("{why} Go back to the app and connect again."),
    )
}

enum Admission {
    Known(users::User),
    Created(users::User),
    Refused(&'static str),
}

/// Who may come in with a verified email from provider `idp`: a known, enabled user, or anyone
/// the allowlist matches (created on first sign-in). Users who came in through the allowlist
/// stay only while it still matches, and a provider account stays bound to its user.
fn admit(
    tx: &rusqlite::Connection,
    idp: &str,
    subject: &str,
    email: &Email,
) -> Result<Admission, crate::db::Error> {
    let allowed = allowlist::allows(tx, email)?;
    match users::find(tx, email)? {
        Some(user) if user.disabled => Ok(Admission::Refused("disabled")),
        Some(user)
            if user.idp.as_deref() == Some(idp) && user.idp_subject.as_deref() != Some(subject) =>
        {
            Ok(Admission::Refused("another_account_of_this_provider"))
        }
        Some(user) if user.idp.is_some() && !allowed => Ok(Admission::Refused("not_allowed")),
        Some(user) => Ok(Admission::Known(user)),
        None if !allowed => Ok(Admission::Refused("not_allowed")),
        // The provider account is bound to a user whose address has since changed.
        None if users::find_by_subject(tx, idp, subject)?.is_some() => {
            Ok(Admission::Refused("email_changed"))
        }
        None => Ok(Admission::Created(users::insert_from_idp(
            tx, email, idp, subject,
        )?)),
    }
}
