//! Authorization codes: single-use, short-lived, stored by hash.

use rusqlite::{Connection, OptionalExtension, Row, named_params};

use super::{Result, now};

pub struct NewCode<'a> {
    pub code_hash: &'a str,
    pub client_id: &'a str,
    pub user_id: i64,
    pub redirect_uri: &'a str,
    pub code_challenge: &'a str,
    pub scope: &'a str,
    pub resource: &'a str,
    pub nonce: Option<&'a str>,
    pub expires_at: i64,
}

#[derive(Debug, Clone)]
pub struct Code {
    pub code_hash: String,
    pub client_id: String,
    pub user_id: i64,
    pub redirect_uri: String,
    pub code_challenge: String,
    pub scope: String,
    pub resource: String,
    pub nonce: Option<String>,
    pub expires_at: i64,
    pub used_at: Option<i64>,
    pub grant_id: Option<i64>,
}

impl Code {
    fn from_row(r: &Row<'_>) -> rusqlite::Result<Code> {
        Ok(Code {
            code_hash: r.get("code_hash")?,
            client_id: r.get("client_id")?,
            user_id: r.get("user_id")?,
            redirect_uri: r.get("redirect_uri")?,
            code_challenge: r.get("code_challenge")?,
            scope: r.get("scope")?,
            resource: r.get("resource")?,
            nonce: r.get("nonce")?,
            expires_at: r.get("expires_at")?,
            used_at: r.get("used_at")?,
            grant_id: r.get("grant_id")?,
        })
    }
}

pub fn insert(c: &Connection, new: &NewCode<'_>) -> Result<()> {
    c.prepare_cached(
        "INSERT INTO auth_codes (code_hash, client_id, user_id, redirect_uri, code_challenge, scope,
                                 resource, nonce, created_at, expires_at)
         VALUES (:hash, :client, :user, :redirect, :challenge, :scope, :resource, :nonce, :now, :expires)",
    )?
    .execute(named_params! {
        ":hash": new.code_hash, ":client": new.client_id, ":user": new.user_id,
        ":redirect": new.redirect_uri, ":challenge": new.code_challenge, ":scope": new.scope,
        ":resource": new.resource, ":nonce": new.nonce, ":now": now(), ":expires": new.expires_at,
    })?;
    Ok(())
}

pub fn find(c: &Connection, code_hash: &str) -> Result<Option<Code>> {
    Ok(
        c.prepare_cached("SELECT * FROM auth_codes WHERE code_hash = ?1")?
            .query_row([code_hash], Code::from_row)
            .optional()?,
    )
}

/// Marks the code used and remembers the grant it was exchanged for.
pub fn mark_used(c: &Connection, code_hash: &str, grant_id: i64) -> Result<()> {
    c.prepare_cached("UPDATE auth_codes SET used_at = ?2, grant_id = ?3 WHERE code_hash = ?1")?
        .execute(rusqlite::params![code_hash, now(), grant_id])?;
    Ok(())
}

/// Marks a code used without a grant (refused exchange), so it cannot be tried again.
pub fn burn(c: &Connection, code_hash: &str) -> Result<()> {
    c.prepare_cached("UPDATE auth_codes SET used_at = coalesce(used_at, ?2) WHERE code_hash = ?1")?
        .execute(rusqlite::params![code_hash, now()])?;
    Ok(())
}

/// Deletes codes that expired long enough ago that a replay could no longer matter.
pub fn prune(c: &Connection, older_than: i64) -> Result<usize> {
    Ok(
        c.prepare_cached("DELETE FROM auth_codes WHERE expires_at < ?1")?
            .execute([older_than])?,
    )
}
