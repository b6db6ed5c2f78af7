//! Identity providers people may sign in with: GitHub, Google, Microsoft or any OpenID Connect
//! provider, and the sign-ins through them that are under way.

use rusqlite::{Connection, OptionalExtension, Row, named_params};
use serde::Serialize;

use super::{Error, Result, Timestamp, now};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Github,
    Google,
    Microsoft,
    Oidc,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Github => "github",
            Kind::Google => "google",
            Kind::Microsoft => "microsoft",
            Kind::Oidc => "oidc",
        }
    }

    /// How the provider is named on the sign-in page.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Github => "GitHub",
            Kind::Google => "Google",
            Kind::Microsoft => "Microsoft",
            Kind::Oidc => "OpenID Connect",
        }
    }

    fn parse(s: &str) -> Option<Kind> {
        [Kind::Github, Kind::Google, Kind::Microsoft, Kind::Oidc]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Provider {
    pub name: String,
    pub kind: Kind,
    pub client_id: String,
    /// mcpauth's own credential at the provider; it has to be sent, so it is stored as given.
    #[serde(skip)]
    pub client_secret: String,
    /// The OpenID Connect issuer (generic providers only).
    pub issuer: Option<String>,
    /// Extra scopes asked for, space-separated (empty: the kind's own).
    pub scopes: String,
    /// The Microsoft tenant.
    pub tenant: Option<String>,
    pub created_at: Timestamp,
}

impl Provider {
    fn from_row(r: &Row<'_>) -> rusqlite::Result<Provider> {
        let kind: String = r.get("kind")?;
        let config: String = r.get("config")?;
        let config: serde_json::Value = serde_json::from_str(&config).unwrap_or_default();
        Ok(Provider {
            name: r.get("name")?,
            kind: Kind::parse(&kind).unwrap_or(Kind::Oidc),
            client_id: r.get("client_id")?,
            client_secret: r.get("client_secret")?,
            issuer: r.get("issuer")?,
            scopes: r.get("scopes")?,
            tenant: config["tenant"].as_str().map(str::to_owned),
            created_at: r.get("created_at")?,
        })
    }
}

const COLUMNS: &str = "name, kind, client_id, client_secret, issuer, scopes, config, created_at";

pub fn insert(c: &Connection, p: &Provider) -> Result<()> {
    let config = match &p.tenant {
        Some(tenant) => serde_json::json!({ "tenant": tenant }),
        None => serde_json::json!({}),
    };
    let n = c
        .prepare_cached(
            "INSERT INTO identity_providers
                 (name, kind, client_id, client_secret, issuer, scopes, config, created_at)
             VALUES (:name, :kind, :client_id, :secret, :issuer, :scopes, :config, :now)
             ON CONFLICT (name) DO NOTHING",
        )?
        .execute(named_params! {
            ":name": p.name, ":kind": p.kind.as_str(), ":client_id": p.client_id,
            ":secret": p.client_secret, ":issuer": p.issuer, ":scopes": p.scopes,
            ":config": config.to_string(), ":now": now(),
        })?;
    if n == 0 {
        return Err(Error::already_exists("identity provider", &p.name));
    }
    Ok(())
}

pub fn find(c: &Connection, name: &str) -> Result<Option<Provider>> {
    Ok(c.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM identity_providers WHERE name = ?1"
    ))?
    .query_row([name], Provider::from_row)
    .optional()?)
}

pub fn list(c: &Connection) -> Result<Vec<Provider>> {
    let mut stmt = c.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM identity_providers ORDER BY rowid"
    ))?;
    let providers = stmt
        .query_map([], Provider::from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(providers)
}

pub fn delete(c: &Connection, name: &str) -> Result<()> {
    match c
        .prepare_cached("DELETE FROM identity_providers WHERE name = ?1")?
        .execute([name])?
    {
        0 => Err(Error::not_found("identity provider", name)),
        _ => Ok(()),
    }
}

/// A sign-in under way at a provider.
#[derive(Debug, Clone)]
pub struct Pending {
    pub idp: String,
    pub verifier: String,
    pub nonce: String,
    /// Where the browser goes once signed in.
    pub next: String,
}

pub fn begin(c: &Connection, state_hash: &str, pending: &Pending, ttl: i64) -> Result<()> {
    c.prepare_cached("DELETE FROM idp_logins WHERE expires_at <= ?1")?
        .execute([now()])?;
    c.prepare_cached(
        "INSERT INTO idp_logins (state_hash, idp, verifier, nonce, next, expires_at)
         VALUES (:state, :idp, :verifier, :nonce, :next, :expires)",
    )?
    .execute(named_params! {
        ":state": state_hash, ":idp": pending.idp, ":verifier": pending.verifier,
        ":nonce": pending.nonce, ":next": pending.next, ":expires": now() + ttl,
    })?;
    Ok(())
}

/// Takes the sign-in a state names: it can be used once, and only before it expires.
pub fn take(c: &Connection, state_hash: &str) -> Result<Option<Pending>> {
    Ok(c.prepare_cached(
        "DELETE FROM idp_logins WHERE state_hash = ?1
             RETURNING idp, verifier, nonce, next, expires_at",
    )?
    .query_row([state_hash], |r| {
        let pending = Pending {
            idp: r.get("idp")?,
            verifier: r.get("verifier")?,
            nonce: r.get("nonce")?,
            next: r.get("next")?,
        };
        Ok((pending, r.get::<_, i64>("expires_at")?))
    })
    .optional()?
    .filter(|(_, expires)| *expires > now())
    .map(|(pending, _)| pending))
}
