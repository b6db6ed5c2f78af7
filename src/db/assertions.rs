//! Client assertions (RFC 7523) already accepted: their `jti`s, until they expire.

use rusqlite::Connection;

use super::{Result, now};

/// Records a `jti`; `false` when the client used it before (a replay).
pub fn remember(c: &Connection, client_id: &str, jti: &str, expires_at: i64) -> Result<bool> {
    c.prepare_cached("DELETE FROM client_assertions WHERE expires_at < ?1")?
        .execute([now() - 60])?;
    let n = c
        .prepare_cached(
            "INSERT INTO client_assertions (client_id, jti, expires_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (client_id, jti) DO NOTHING",
        )?
        .execute(rusqlite::params![client_id, jti, expires_at])?;
    Ok(n == 1)
}
