//! Consents: the scopes a user has allowed a client, so the consent page is not asked twice.

use rusqlite::{Connection, OptionalExtension};

use super::{Result, now};

pub fn find(c: &Connection, user_id: i64, client_id: &str) -> Result<Option<String>> {
    Ok(
        c.prepare_cached("SELECT scope FROM consents WHERE user_id = ?1 AND client_id = ?2")?
            .query_row(rusqlite::params![user_id, client_id], |r| r.get(0))
            .optional()?,
    )
}

pub fn upsert(c: &Connection, user_id: i64, client_id: &str, scope: &str) -> Result<()> {
    c.prepare_cached(
        "INSERT INTO consents (user_id, client_id, scope, updated_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (user_id, client_id) DO UPDATE SET scope = excluded.scope, updated_at = excluded.updated_at",
    )?
    .execute(rusqlite::params![user_id, client_id, scope, now()])?;
    Ok(())
}
