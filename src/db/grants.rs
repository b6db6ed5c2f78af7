//! Grants: one per completed authorization of a client by a user, with its refresh tokens.

use rusqlite::{Connection, Row, named_params};
use serde::Serialize;

use super::{Error, Result, Timestamp, now};

#[derive(Debug, Clone, Serialize)]
pub struct Grant {
    pub id: i64,
    pub user: String,
    pub client_id: String,
    pub client_name: String,
    pub scope: String,
    pub audience: String,
    pub created_at: Timestamp,
    pub last_used_at: Option<Timestamp>,
    pub expires_at: Timestamp,
}

/// Which grants a listing or revocation applies to.
#[derive(Debug, Default, Clone, Copy)]
pub struct Filter<'a> {
    pub id: Option<i64>,
    pub user: Option<&'a str>,
    pub client_id: Option<&'a str>,
}

/// Grants that are neither revoked nor expired.
const ACTIVE_MATCHING: &str = "g.revoked_at IS NULL AND g.expires_at > :now
    AND (:id IS NULL OR g.id = :id)
    AND (:user IS NULL OR u.email = :user)
    AND (:client IS NULL OR g.client_id = :client)";

impl Grant {
    fn from_row(r: &Row<'_>) -> rusqlite::Result<Grant> {
        Ok(Grant {
            id: r.get("id")?,
            user: r.get("email")?,
            client_id: r.get("client_id")?,
            client_name: r.get("name")?,
            scope: r.get("scope")?,
            audience: r.get("resource")?,
            created_at: r.get("created_at")?,
            last_used_at: r.get("last_used_at")?,
            expires_at: r.get("expires_at")?,
        })
    }
}

pub struct NewGrant<'a> {
    pub user_id: i64,
    pub client_id: &'a str,
    pub scope: &'a str,
    pub resource: &'a str,
    pub expires_at: i64,
}

pub fn insert(c: &Connection, new: &NewGrant<'_>) -> Result<i64> {
    c.prepare_cached(
        "INSERT INTO grants (user_id, client_id, scope, resource, created_at, expires_at)
         VALUES (:user, :client, :scope, :resource, :now, :expires)",
    )?
    .execute(named_params! {
        ":user": new.user_id, ":client": new.client_id, ":scope": new.scope,
        ":resource": new.resource, ":now": now(), ":expires": new.expires_at,
    })?;
    Ok(c.last_insert_rowid())
}

pub fn list(c: &Connection, filter: Filter<'_>) -> Result<Vec<Grant>> {
    let mut stmt = c.prepare_cached(&format!(
        "SELECT g.id, u.email, g.client_id, cl.name, g.scope, g.resource, g.created_at,
                g.last_used_at, g.expires_at
         FROM grants g JOIN users u ON u.id = g.user_id JOIN clients cl ON cl.client_id = g.client_id
         WHERE {ACTIVE_MATCHING} ORDER BY g.id"
    ))?;
    let grants = stmt
        .query_map(
            named_params! {
                ":now": now(), ":id": filter.id, ":user": filter.user, ":client": filter.client_id,
            },
            Grant::from_row,
        )?
        .collect::<rusqlite::Result<_>>()?;
    Ok(grants)
}

/// Revokes the matching active grants and their refresh tokens; returns how many grants.
/// Revoking one grant by id that is not active is an error, so a typo does not pass silently.
pub fn revoke(c: &Connection, filter: Filter<'_>) -> Result<usize> {
    let now = now();
    let revoked = c
        .prepare_cached(&format!(
            "UPDATE grants AS g SET revoked_at = :now FROM users u
             WHERE u.id = g.user_id AND {ACTIVE_MATCHING}"
        ))?
        .execute(named_params! {
            ":now": now, ":id": filter.id, ":user": filter.user, ":client": filter.client_id,
        })?;
    c.prepare_cached(
        "UPDATE refresh_tokens SET revoked_at = :now
         WHERE revoked_at IS NULL AND grant_id IN (SELECT id FROM grants WHERE revoked_at = :now)",
    )?
    .execute(named_params! { ":now": now })?;
    match (filter.id, revoked) {
        (Some(id), 0) => Err(Error::not_found("active grant", id.to_string())),
        _ => Ok(revoked),
    }
}

/// A grant as the token endpoint and resource servers check it.
#[derive(Debug, Clone)]
pub struct GrantState {
    pub id: i64,
    pub user_id: i64,
    pub email: String,
    pub client_id: String,
    pub scope: String,
    pub resource: String,
    pub expires_at: i64,
    /// Revoked, expired, its user disabled or (for a provider sign-in) off the allowlist:
    /// nothing may be issued or accepted for it.
    pub dead: bool,
}

pub fn state(c: &Connection, id: i64) -> Result<Option<GrantState>> {
    use rusqlite::OptionalExtension;
    Ok(c.prepare_cached(&format!(
        "SELECT g.id, g.user_id, u.email, g.client_id, g.scope, g.resource, g.expires_at,
                (g.revoked_at IS NOT NULL OR g.expires_at <= ?2 OR NOT ({})) AS dead
         FROM grants g JOIN users u ON u.id = g.user_id WHERE g.id = ?1",
        super::users::ADMITTED
    ))?
    .query_row([id, now()], |r| {
        Ok(GrantState {
            id: r.get("id")?,
            user_id: r.get("user_id")?,
            email: r.get("email")?,
            client_id: r.get("client_id")?,
            scope: r.get("scope")?,
            resource: r.get("resource")?,
            expires_at: r.get("expires_at")?,
            dead: r.get("dead")?,
        })
    })
    .optional()?)
}

/// Revokes one grant and its refresh tokens, whatever its state.
pub fn revoke_one(c: &Connection, id: i64) -> Result<()> {
    let now = now();
    c.prepare_cached("UPDATE grants SET revoked_at = coalesce(revoked_at, ?2) WHERE id = ?1")?
        .execute([id, now])?;
    c.prepare_cached(
        "UPDATE refresh_tokens SET revoked_at = coalesce(revoked_at, ?2) WHERE grant_id = ?1",
    )?
    .execute([id, now])?;
    Ok(())
}

/// Records a use of the grant and moves its expiry to that of its newest refresh token.
pub fn touch(c: &Connection, id: i64, expires_at: i64) -> Result<()> {
    c.prepare_cached(
        "UPDATE grants SET last_used_at = ?2, expires_at = max(expires_at, ?3) WHERE id = ?1",
    )?
    .execute([id, now(), expires_at])?;
    Ok(())
}
