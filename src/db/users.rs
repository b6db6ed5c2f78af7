//! Users: email, optional argon2id password hash, role, disabled flag.

use rusqlite::{Connection, OptionalExtension, Row, named_params};
use serde::Serialize;

use super::{Error, Result, Timestamp, now};
use crate::email::Email;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Admin,
    User,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::User => "user",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct User {
    #[serde(skip)]
    pub id: i64,
    pub email: String,
    pub role: Role,
    pub disabled: bool,
    pub has_password: bool,
    pub idp: Option<String>,
    #[serde(skip)]
    pub idp_subject: Option<String>,
    pub created_at: Timestamp,
    pub last_login_at: Option<Timestamp>,
    #[serde(skip)]
    pub password_hash: Option<String>,
}

/// SQL condition on a user row `u`: it may still sign in and use what it was given. Enabled,
/// and a user who came in through an identity provider only while the allowlist matches.
pub(super) const ADMITTED: &str = "u.disabled = 0 AND (u.idp IS NULL OR EXISTS (
    SELECT 1 FROM allowlist a
    WHERE a.pattern = u.email OR a.pattern = '@' || substr(u.email, instr(u.email, '@') + 1)))";

const COLUMNS: &str =
    "id, email, role, disabled, password_hash, idp, idp_subject, created_at, last_login_at";

impl User {
    pub(super) fn from_row(r: &Row<'_>) -> rusqlite::Result<User> {
        let role: String = r.get("role")?;
        let password_hash: Option<String> = r.get("password_hash")?;
        Ok(User {
            id: r.get("id")?,
            email: r.get("email")?,
            role: if role == "admin" {
                Role::Admin
            } else {
                Role::User
            },
            disabled: r.get("disabled")?,
            has_password: password_hash.is_some(),
            idp: r.get("idp")?,
            idp_subject: r.get("idp_subject")?,
            created_at: r.get("created_at")?,
            last_login_at: r.get("last_login_at")?,
            password_hash,
        })
    }
}

pub fn insert(
    c: &Connection,
    email: &Email,
    password_hash: Option<&str>,
    role: Role,
) -> Result<User> {
    let inserted = c
        .prepare_cached(
            "INSERT INTO users (email, password_hash, role, created_at)
             VALUES (:email, :hash, :role, :now) ON CONFLICT (email) DO NOTHING",
        )?
        .execute(named_params! {
            ":email": email.as_str(), ":hash": password_hash, ":role": role.as_str(), ":now": now(),
        })?;
    if inserted == 0 {
        return Err(Error::already_exists("user", email.as_str()));
    }
    find(c, email)?.ok_or_else(|| Error::not_found("user", email.as_str()))
}

/// A user who first came in through identity provider `idp` as `subject`.
pub fn insert_from_idp(c: &Connection, email: &Email, idp: &str, subject: &str) -> Result<User> {
    c.prepare_cached(
        "INSERT INTO users (email, role, idp, idp_subject, created_at)
         VALUES (:email, 'user', :idp, :subject, :now)",
    )?
    .execute(named_params! {
        ":email": email.as_str(), ":idp": idp, ":subject": subject, ":now": now(),
    })?;
    find(c, email)?.ok_or_else(|| Error::not_found("user", email.as_str()))
}

pub fn find_by_subject(c: &Connection, idp: &str, subject: &str) -> Result<Option<User>> {
    Ok(c.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM users WHERE idp = ?1 AND idp_subject = ?2"
    ))?
    .query_row([idp, subject], User::from_row)
    .optional()?)
}

pub fn find(c: &Connection, email: &Email) -> Result<Option<User>> {
    Ok(
        c.prepare_cached(&format!("SELECT {COLUMNS} FROM users WHERE email = ?1"))?
            .query_row([email.as_str()], User::from_row)
            .optional()?,
    )
}

pub fn find_by_id(c: &Connection, id: i64) -> Result<Option<User>> {
    Ok(
        c.prepare_cached(&format!("SELECT {COLUMNS} FROM users WHERE id = ?1"))?
            .query_row([id], User::from_row)
            .optional()?,
    )
}

pub fn record_login(c: &Connection, id: i64) -> Result<()> {
    c.prepare_cached("UPDATE users SET last_login_at = ?2 WHERE id = ?1")?
        .execute([id, now()])?;
    Ok(())
}

pub fn list(c: &Connection) -> Result<Vec<User>> {
    let mut stmt = c.prepare_cached(&format!("SELECT {COLUMNS} FROM users ORDER BY email"))?;
    let users = stmt
        .query_map([], User::from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(users)
}

/// Removes the user together with their grants, sessions and consents (foreign-key cascade).
pub fn delete(c: &Connection, email: &Email) -> Result<()> {
    let n = c
        .prepare_cached("DELETE FROM users WHERE email = ?1")?
        .execute([email.as_str()])?;
    expect_one(n, email)
}

pub fn set_disabled(c: &Connection, email: &Email, disabled: bool) -> Result<()> {
    let n = c
        .prepare_cached("UPDATE users SET disabled = ?2 WHERE email = ?1")?
        .execute(rusqlite::params![email.as_str(), disabled])?;
    expect_one(n, email)
}

pub fn set_password(c: &Connection, email: &Email, password_hash: Option<&str>) -> Result<()> {
    let n = c
        .prepare_cached("UPDATE users SET password_hash = ?2 WHERE email = ?1")?
        .execute(rusqlite::params![email.as_str(), password_hash])?;
    expect_one(n, email)
}

fn expect_one(changed: usize, email: &Email) -> Result<()> {
    if changed == 0 {
        Err(Error::not_found("user", email.as_str()))
    } else {
        Ok(())
    }
}
