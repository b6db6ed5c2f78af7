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
    /// For metadata-document clients: when the cached document must be fetched again.
    #[serde(skip)]
    pub cache_until: Option<i64>,
    /// The registered or fetched metadata, as received.
    #[serde(skip)]
    pub metadata: serde_json::Value,
}

/// What a new client is registered with.
pub struct NewClient<'a> {
    pub client_id: &'a str,
    pub secret_hash: Option<&'a str>,
    pub name: &'a str,
    pub redirect_uris: &'a [String],
    pub grant_types: &'a [String],
    pub auth_method: &'a str,
    pub source: Source,
    pub metadata: &'a serde_json::Value,
}

const COLUMNS: &str = "client_id, secret_hash, name, redirect_uris, grant_types, auth_method, source, metadata, created_at, last_used_at, cache_until";

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
            cache_until: r.get("cache_until")?,
            metadata: json_column(r, "metadata")?,
        })
    }
}

pub fn insert(c: &Connection, new: &NewClient<'_>) -> Result<Client> {
    let n = c
        .prepare_cached(
            "INSERT INTO clients (client_id, secret_hash, name, redirect_uris, grant_types, auth_method, source,
                                  metadata, created_at)
             VALUES (:id, :secret, :name, :uris, :grants, :method, :source, :metadata, :now)
             ON CONFLICT (client_id) DO NOTHING",
        )?
        .execute(named_params! {
            ":id": new.client_id, ":secret": new.secret_hash, ":name": new.name,
            ":uris": json_text(new.redirect_uris), ":grants": json_text(new.grant_types),
            ":method": new.auth_method, ":source": new.source.as_str(),
            ":metadata": new.metadata.to_string(), ":now": now(),
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

fn json_text<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "[]".into())
}

/// Stores a freshly fetched metadata document's client, replacing an older copy.
pub fn upsert_document(c: &Connection, new: &NewClient<'_>, cache_until: i64) -> Result<Client> {
    c.prepare_cached(
        "INSERT INTO clients (client_id, name, redirect_uris, grant_types, auth_method, source, metadata,
                              created_at, cache_until)
         VALUES (:id, :name, :uris, :grants, :method, 'cimd', :metadata, :now, :cache_until)
         ON CONFLICT (client_id) DO UPDATE SET name = excluded.name, redirect_uris = excluded.redirect_uris,
             grant_types = excluded.grant_types, auth_method = excluded.auth_method,
             metadata = excluded.metadata, cache_until = excluded.cache_until",
    )?
    .execute(named_params! {
        ":id": new.client_id, ":name": new.name, ":uris": json_text(new.redirect_uris),
        ":grants": json_text(new.grant_types), ":method": new.auth_method,
        ":metadata": new.metadata.to_string(), ":now": now(), ":cache_until": cache_until,
    })?;
    find(c, new.client_id)?.ok_or_else(|| Error::not_found("client", new.client_id))
}

pub fn touch(c: &Connection, client_id: &str) -> Result<()> {
    c.prepare_cached("UPDATE clients SET last_used_at = ?2 WHERE client_id = ?1")?
        .execute(rusqlite::params![client_id, now()])?;
    Ok(())
}

/// Dynamically registered clients that never completed a sign-in.
pub fn count_unused_dynamic(c: &Connection) -> Result<i64> {
    Ok(c.prepare_cached(
        "SELECT count(*) FROM clients WHERE source = 'dcr' AND last_used_at IS NULL",
    )?
    .query_row([], |r| r.get(0))?)
}

/// Deletes dynamically registered clients unused since `before`.
pub fn prune_unused_dynamic(c: &Connection, before: i64) -> Result<usize> {
    Ok(c.prepare_cached(
        "DELETE FROM clients WHERE source = 'dcr' AND last_used_at IS NULL AND created_at < ?1",
    )?
    .execute([before])?)
}
