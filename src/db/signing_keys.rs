//! Token signing keys. The newest key that is not retired signs; every key that is not retired
//! still verifies, so tokens minted before a rotation stay valid until they expire.

use rusqlite::{Connection, OptionalExtension, Row, named_params};
use serde::Serialize;

use super::{Error, Result, Timestamp, now};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Signs new tokens.
    Active,
    /// Only verifies tokens signed before the last rotation.
    Previous,
    /// Neither signs nor verifies.
    Retired,
}

/// A key as listed: never the private half.
#[derive(Debug, Clone, Serialize)]
pub struct KeyInfo {
    pub kid: String,
    pub alg: String,
    pub status: Status,
    pub created_at: Timestamp,
    pub retired_at: Option<Timestamp>,
}

pub struct NewKey {
    pub kid: String,
    pub alg: &'static str,
    pub private_pkcs8: Vec<u8>,
    pub public_jwk: String,
}

pub fn insert(c: &Connection, key: &NewKey) -> Result<()> {
    c.prepare_cached(
        "INSERT INTO signing_keys (kid, alg, private_key, public_jwk, created_at)
         VALUES (:kid, :alg, :private, :jwk, :now)",
    )?
    .execute(named_params! {
        ":kid": key.kid, ":alg": key.alg, ":private": key.private_pkcs8, ":jwk": key.public_jwk, ":now": now(),
    })?;
    Ok(())
}

fn active_kid(c: &Connection) -> Result<Option<String>> {
    Ok(c.prepare_cached(
        "SELECT kid FROM signing_keys WHERE retired_at IS NULL ORDER BY created_at DESC, rowid DESC LIMIT 1",
    )?
    .query_row([], |r| r.get(0))
    .optional()?)
}

pub fn list(c: &Connection) -> Result<Vec<KeyInfo>> {
    let active = active_kid(c)?;
    let from_row = |r: &Row<'_>| -> rusqlite::Result<KeyInfo> {
        let kid: String = r.get("kid")?;
        let retired_at: Option<Timestamp> = r.get("retired_at")?;
        let status = match (&retired_at, active.as_deref() == Some(kid.as_str())) {
            (Some(_), _) => Status::Retired,
            (None, true) => Status::Active,
            (None, false) => Status::Previous,
        };
        Ok(KeyInfo {
            kid,
            alg: r.get("alg")?,
            status,
            created_at: r.get("created_at")?,
            retired_at,
        })
    };
    let mut stmt = c.prepare_cached(
        "SELECT kid, alg, created_at, retired_at FROM signing_keys ORDER BY created_at, rowid",
    )?;
    let keys = stmt
        .query_map([], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(keys)
}

#[derive(Debug, thiserror::Error)]
pub enum RetireError {
    #[error("{0} is the active signing key — run 'mcpauth secret rotate' first, then retire it")]
    Active(String),
    #[error(transparent)]
    Db(#[from] Error),
}

/// Retires a key that no longer signs: tokens it signed stop verifying.
pub fn retire(c: &Connection, kid: &str) -> Result<(), RetireError> {
    if active_kid(c)?.as_deref() == Some(kid) {
        return Err(RetireError::Active(kid.to_owned()));
    }
    let n = c
        .prepare_cached(
            "UPDATE signing_keys SET retired_at = ?2 WHERE kid = ?1 AND retired_at IS NULL",
        )
        .map_err(Error::from)?
        .execute(rusqlite::params![kid, now()])
        .map_err(Error::from)?;
    match n {
        0 => Err(Error::not_found("unretired signing key", kid).into()),
        _ => Ok(()),
    }
}

/// The key that signs new tokens: kid, alg and PKCS#8 DER private key.
pub fn active(c: &Connection) -> Result<Option<(String, String, Vec<u8>)>> {
    Ok(c.prepare_cached(
        "SELECT kid, alg, private_key FROM signing_keys WHERE retired_at IS NULL
         ORDER BY created_at DESC, rowid DESC LIMIT 1",
    )?
    .query_row([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
    .optional()?)
}

/// Public JWKs of every key that still verifies, newest first.
pub fn verifying_jwks(c: &Connection) -> Result<Vec<String>> {
    let mut stmt = c.prepare_cached(
        "SELECT public_jwk FROM signing_keys WHERE retired_at IS NULL ORDER BY created_at DESC, rowid DESC",
    )?;
    let keys = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(keys)
}
