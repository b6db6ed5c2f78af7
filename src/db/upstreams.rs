//! Upstream MCP servers mounted at `/mcp/{name}`: an HTTP URL or a stdio command.

use std::collections::BTreeMap;

use rusqlite::{Connection, Row, named_params};
use serde::Serialize;

use super::{Error, Result, Timestamp, json_column, now};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Target {
    Http { url: String },
    Stdio { command: Vec<String> },
}

#[derive(Debug, Clone, Serialize)]
pub struct Upstream {
    pub name: String,
    #[serde(flatten)]
    pub target: Target,
    /// Environment for stdio commands; values may be credentials, so listings show names only.
    #[serde(serialize_with = "names_only")]
    pub env: BTreeMap<String, String>,
    /// Static headers sent to HTTP upstreams (the upstream's own credentials).
    #[serde(serialize_with = "names_only")]
    pub headers: BTreeMap<String, String>,
    pub read_only: bool,
    pub created_at: Timestamp,
}

fn names_only<S: serde::Serializer>(
    map: &BTreeMap<String, String>,
    s: S,
) -> Result<S::Ok, S::Error> {
    s.collect_seq(map.keys())
}

impl Upstream {
    fn from_row(r: &Row<'_>) -> rusqlite::Result<Upstream> {
        let url: Option<String> = r.get("url")?;
        let target = match url {
            Some(url) => Target::Http { url },
            None => Target::Stdio {
                command: json_column(r, "command")?,
            },
        };
        Ok(Upstream {
            name: r.get("name")?,
            target,
            env: json_column(r, "env")?,
            headers: json_column(r, "headers")?,
            read_only: r.get("read_only")?,
            created_at: r.get("created_at")?,
        })
    }
}

pub fn insert(c: &Connection, up: &Upstream) -> Result<()> {
    let (kind, url, command) = match &up.target {
        Target::Http { url } => ("http", Some(url.as_str()), None),
        Target::Stdio { command } => ("stdio", None, serde_json::to_string(command).ok()),
    };
    let n = c
        .prepare_cached(
            "INSERT INTO upstreams (name, kind, url, command, env, headers, read_only, created_at)
             VALUES (:name, :kind, :url, :command, :env, :headers, :read_only, :now)
             ON CONFLICT (name) DO NOTHING",
        )?
        .execute(named_params! {
            ":name": up.name, ":kind": kind, ":url": url, ":command": command,
            ":env": serde_json::to_string(&up.env).unwrap_or_else(|_| "{}".into()),
            ":headers": serde_json::to_string(&up.headers).unwrap_or_else(|_| "{}".into()),
            ":read_only": up.read_only, ":now": now(),
        })?;
    match n {
        0 => Err(Error::already_exists("upstream", &up.name)),
        _ => Ok(()),
    }
}

pub fn list(c: &Connection) -> Result<Vec<Upstream>> {
    let mut stmt = c.prepare_cached(
        "SELECT name, url, command, env, headers, read_only, created_at FROM upstreams
         WHERE kind != 'builtin' ORDER BY name",
    )?;
    let ups = stmt
        .query_map([], Upstream::from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ups)
}

pub fn delete(c: &Connection, name: &str) -> Result<()> {
    match c
        .prepare_cached("DELETE FROM upstreams WHERE name = ?1")?
        .execute([name])?
    {
        0 => Err(Error::not_found("upstream", name)),
        _ => Ok(()),
    }
}

pub fn exists(c: &Connection, name: &str) -> Result<bool> {
    let n: i64 = c
        .prepare_cached("SELECT count(*) FROM upstreams WHERE name = ?1")?
        .query_row([name], |r| r.get(0))?;
    Ok(n > 0)
}
