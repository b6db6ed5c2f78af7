//! Refresh tokens: opaque, stored by hash, rotated on every use (see oauth::token).

use rusqlite::{Connection, OptionalExtension, Row, named_params};

use super::{Result, now};

#[derive(Debug, Clone)]
pub struct RefreshToken {
    pub token_hash: String,
    pub grant_id: i64,
    pub parent_hash: Option<String>,
    pub expires_at: i64,
    pub used_at: Option<i64>,
    pub revoked_at: Option<i64>,
}

impl RefreshToken {
    fn from_row(r: &Row<'_>) -> rusqlite::Result<RefreshToken> {
        Ok(RefreshToken {
            token_hash: r.get("token_hash")?,
            grant_id: r.get("grant_id")?,
            parent_hash: r.get("parent_hash")?,
            expires_at: r.get("expires_at")?,
            used_at: r.get("used_at")?,
            revoked_at: r.get("revoked_at")?,
        })
    }
}

pub fn insert(
    c: &Connection,
    token_hash: &str,
    grant_id: i64,
    parent: Option<&str>,
    expires_at: i64,
) -> Result<()> {
    c.prepare_cached(
        "INSERT INTO refresh_tokens (token_hash, grant_id, parent_hash, created_at, expires_at)
         VALUES (:hash, :grant, :parent, :now, :expires)",
    )?
    .execute(named_params! {
        ":hash": token_hash, ":grant": grant_id, ":parent": parent, ":now": now(), ":expires": expires_at,
    })?;
    Ok(())
}

pub fn find(c: &Connection, token_hash: &str) -> Result<Option<RefreshToken>> {
    Ok(
        c.prepare_cached("SELECT * FROM refresh_tokens WHERE token_hash = ?1")?
            .query_row([token_hash], RefreshToken::from_row)
            .optional()?,
    )
}

/// The successor issued when `token_hash` was used, if it is still live.
pub fn live_child(c: &Connection, token_hash: &str) -> Result<Option<RefreshToken>> {
    Ok(c.prepare_cached(
        "SELECT * FROM refresh_tokens WHERE parent_hash = ?1 AND revoked_at IS NULL
         ORDER BY created_at DESC, rowid DESC LIMIT 1",
    )?
    .query_row([token_hash], RefreshToken::from_row)
    .optional()?)
}

pub fn mark_used(c: &Connection, token_hash: &str) -> Result<()> {
    c.prepare_cached(
        "UPDATE refresh_tokens SET used_at = coalesce(used_at, ?2) WHERE token_hash = ?1",
    )?
    .execute(rusqlite::params![token_hash, now()])?;
    Ok(())
}

pub fn revoke(c: &Connection, token_hash: &str) -> Result<()> {
    c.prepare_cached(
        "UPDATE refresh_tokens SET revoked_at = coalesce(revoked_at, ?2) WHERE token_hash = ?1",
    )?
    .execute(rusqlite::params![token_hash, now()])?;
    Ok(())
}
