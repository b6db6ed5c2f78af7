//! Browser sign-in sessions, by hash of the cookie value.

use rusqlite::{Connection, OptionalExtension, named_params};

use super::users::User;
use super::{Result, now};

pub fn insert(
    c: &Connection,
    id_hash: &str,
    user_id: i64,
    expires_at: i64,
    ip: Option<&str>,
    user_agent: Option<&str>,
) -> Result<()> {
    c.prepare_cached(
        "INSERT INTO sessions (id_hash, user_id, created_at, expires_at, ip, user_agent)
         VALUES (:hash, :user, :now, :expires, :ip, :ua)",
    )?
    .execute(named_params! {
        ":hash": id_hash, ":user": user_id, ":now": now(), ":expires": expires_at, ":ip": ip, ":ua": user_agent,
    })?;
    Ok(())
}

/// The signed-in user of a live session: none for a disabled user, or one who came in through
/// an identity provider and is off the allowlist since.
pub fn user(c: &Connection, id_hash: &str) -> Result<Option<User>> {
    Ok(c.prepare_cached(&format!(
        "SELECT u.* FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.id_hash = ?1 AND s.expires_at > ?2 AND {}",
        super::users::ADMITTED
    ))?
    .query_row(rusqlite::params![id_hash, now()], User::from_row)
    .optional()?)
}

pub fn delete(c: &Connection, id_hash: &str) -> Result<()> {
    c.prepare_cached("DELETE FROM sessions WHERE id_hash = ?1")?
        .execute([id_hash])?;
    Ok(())
}

pub fn prune(c: &Connection) -> Result<usize> {
    Ok(
        c.prepare_cached("DELETE FROM sessions WHERE expires_at < ?1")?
            .execute([now()])?,
    )
}
