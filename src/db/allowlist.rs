//! The allowlist: exact emails and `@domain` patterns allowed to sign in through a provider.

use rusqlite::{Connection, Row};
use serde::Serialize;

use super::{Error, Result, Timestamp, now};
use crate::email::{AllowPattern, Email};

#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    pub pattern: String,
    pub created_at: Timestamp,
    pub created_by: String,
}

impl Entry {
    fn from_row(r: &Row<'_>) -> rusqlite::Result<Entry> {
        Ok(Entry {
            pattern: r.get("pattern")?,
            created_at: r.get("created_at")?,
            created_by: r.get("created_by")?,
        })
    }
}

/// Adds a pattern; `false` when it was already there.
pub fn insert(c: &Connection, pattern: &AllowPattern, actor: &str) -> Result<bool> {
    let n = c
        .prepare_cached(
            "INSERT INTO allowlist (pattern, created_at, created_by) VALUES (?1, ?2, ?3)
             ON CONFLICT (pattern) DO NOTHING",
        )?
        .execute(rusqlite::params![pattern.to_string(), now(), actor])?;
    Ok(n == 1)
}

pub fn delete(c: &Connection, pattern: &AllowPattern) -> Result<()> {
    let key = pattern.to_string();
    match c
        .prepare_cached("DELETE FROM allowlist WHERE pattern = ?1")?
        .execute([&key])?
    {
        0 => Err(Error::not_found("allowlist entry", key)),
        _ => Ok(()),
    }
}

/// Whether the address, or its whole domain, is on the allowlist.
pub fn allows(c: &Connection, email: &Email) -> Result<bool> {
    let domain = email.as_str().rsplit_once('@').map_or("", |(_, d)| d);
    Ok(c.prepare_cached(
        "SELECT EXISTS (SELECT 1 FROM allowlist WHERE pattern IN (?1, '@' || ?2))",
    )?
    .query_row([email.as_str(), domain], |r| r.get(0))?)
}

pub fn list(c: &Connection) -> Result<Vec<Entry>> {
    let mut stmt =
        c.prepare_cached("SELECT pattern, created_at, created_by FROM allowlist ORDER BY pattern")?;
    let entries = stmt
        .query_map([], Entry::from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(entries)
}
