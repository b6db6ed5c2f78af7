//! OAuth clients: dynamically registered, fetched from a metadata document, or added by the CLI.

use rusqlite::{Connection, OptionalExtension, Row, named_params};
use serde::Serialize;

use super::{Error, Result, Timestamp, json_column, now};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// RFC 7591 dynamic client registration.
    Dcr,
    /// A client ID metadata document fetched from the client_id URL.
    Cimd,
    /// Pre-registered with `mcpauth client add`.
    Cli,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Dcr => "dcr",
            Source::Cimd => "cimd",
            Source::Cli => "cli",
        }
    }

    fn parse(s: &str) -> Source {
        match s {
            "dcr" => Source::Dcr,
            "cimd" => Source::Cimd,
            _ => Source::Cli,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Client {
    pub client_id: String,
    pub name: String,
    pub redirect_uris: Vec<String>,
    pub grant_types: Vec<String>,
    pub auth_method: String,
    pub source: Source,
    pub confidential: bool,
    pub created_at: Timestamp,
    pub last_used_at: Option<Timestamp>,
    #[serde(skip)]
    pub secret_hash: Option<String>,
}

/// What a new client is registered with.
pub struct NewClient<'a> {
    pub client_id: &'a str,
    pub secret_hash: Option<&'a str>,
    pub name: &'a str,
    pub redirect_uris: &'a [String],
    pub auth_method: &'a str,
    pub source: Source,
}

const COLUMNS: &str = "client_id, secret_hash, name, redirect_uris, grant_types, auth_method, source, created_at, last_used_at";

impl Client {
    fn from_row(r: &Row<'_>) -> rusqlite::Result<Client> {
        let secret_hash: Option<String> = r.get("secret_hash")?;
        let source: String = r.get("source")?;
        Ok(Client {
            client_id: r.get("client_id")?,
            name: r.get("name")?,
            redirect_uris: json_column(r, "redirect_uris")?,
            grant_types: json_column(r, "grant_types")?,
            auth_method: r.get("auth_method")?,
            source: Source::parse(&source),
            confidential: secret_hash.is_some(),
            created_at: r.get("created_at")?,
            last_used_at: r.get("last_used_at")?,
            secret_hash,
        })
    }
}

pub fn insert(c: &Connection, new: &NewClient<'_>) -> Result<Client> {
    let uris = serde_json::to_string(new.redirect_uris).unwrap_or_else(|_| "[]".into());
    let n = c
        .prepare_cached(
            "INSERT INTO clients (client_id, secret_hash, name, redirect_uris, auth_method, source, created_at)
             VALUES (:id, :secret, :name, :uris, :method, :source, :now)
             ON CONFLICT (client_id) DO NOTHING",
        )?
        .execute(named_params! {
            ":id": new.client_id, ":secret": new.secret_hash, ":name": new.name, ":uris": uris,
            ":method": new.auth_method, ":source": new.source.as_str(), ":now": now(),
        })?;
    if n == 0 {
        return Err(Error::already_exists("client", new.client_id));
    }
    find(c, new.client_id)?.ok_or_else(|| Error::not_found("client", new.client_id))
}

pub fn find(c: &Connection, client_id: &str) -> Result<Option<Client>> {
    Ok(c.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM clients WHERE client_id = ?1"
    ))?
    .query_row([client_id], Client::from_row)
    .optional()?)
}

pub fn list(c: &Connection) -> Result<Vec<Client>> {
    let mut stmt = c.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM clients ORDER BY created_at, client_id"
    ))?;
    let clients = stmt
        .query_map([], Client::from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(clients)
}

/// Removes the client with its grants, codes and consents (foreign-key cascade).
pub fn delete(c: &Connection, client_id: &str) -> Result<()> {
    match c
        .prepare_cached("DELETE FROM clients WHERE client_id = ?1")?
        .execute([client_id])?
    {
        0 => Err(Error::not_found("client", client_id)),
        _ => Ok(()),
    }
}
