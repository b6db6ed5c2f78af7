//! `mcpauth upstream`: the MCP servers mounted at /mcp/NAME.

use std::collections::BTreeMap;

use anyhow::{anyhow, bail};
use clap::Subcommand;
use serde_json::json;

use super::{Context, Table};
use crate::db::Timestamp;
use crate::db::audit::{self, Event};
use crate::db::upstreams::{self, Target, Upstream};

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Mount an MCP server: a Streamable HTTP/SSE URL, or a stdio command after --
    #[command(
        after_help = "Examples:\n  mcpauth upstream add notes --url http://127.0.0.1:9000/mcp\n  mcpauth upstream add files -- npx -y @modelcontextprotocol/server-filesystem /srv"
    )]
    Add(AddArgs),
    /// List mounted upstreams
    List,
    /// Unmount an upstream
    Remove { name: String },
}

#[derive(Debug, clap::Args)]
pub struct AddArgs {
    /// Mount name: the server is reached at /mcp/NAME
    name: String,

    /// URL of a Streamable HTTP (or legacy SSE) MCP server
    #[arg(long, conflicts_with = "command")]
    url: Option<String>,

    /// Header sent to an HTTP upstream, e.g. "Authorization: Bearer ..." (repeatable)
    #[arg(long = "header", value_name = "NAME: VALUE", requires = "url")]
    headers: Vec<String>,

    /// Environment variable for a stdio command (repeatable)
    #[arg(long = "env", value_name = "KEY=VALUE", conflicts_with = "url")]
    env: Vec<String>,

    /// Let only tools the upstream marks read-only through
    #[arg(long)]
    read_only: bool,

    /// Command that runs a stdio MCP server, with its arguments
    #[arg(last = true, value_name = "CMD", required_unless_present = "url")]
    command: Vec<String>,
}

impl Command {
    pub fn run(self, cx: &mut Context) -> anyhow::Result<()> {
        match self {
            Command::Add(args) => {
                let up = args.into_upstream()?;
                let event = Event::new("upstream.added", cx.actor.clone()).detail(
                    json!({ "name": up.name, "target": up.target, "read_only": up.read_only }),
                );
                cx.db.write(|tx| {
                    upstreams::insert(tx, &up)?;
                    audit::append(tx, &event)
                })?;
                cx.out.note(format!(
                    "mounted {} at /mcp/{}",
                    describe(&up.target),
                    up.name
                ));
            }
            Command::List => cx.out.list(&upstreams::list(cx.db.conn())?)?,
            Command::Remove { name } => {
                let event = Event::new("upstream.removed", cx.actor.clone())
                    .detail(json!({ "name": name }));
                cx.db.write(|tx| {
                    upstreams::delete(tx, &name)?;
                    audit::append(tx, &event)
                })?;
                cx.out.note(format!("removed upstream {name}"));
            }
        }
        Ok(())
    }
}

impl AddArgs {
    fn into_upstream(self) -> anyhow::Result<Upstream> {
        if !is_mount_name(&self.name) {
            bail!(
                "'{}' cannot be a mount name: use 1-32 lower-case letters, digits, '-' or '_', starting with a letter or digit",
                self.name
            );
        }
        let target = match self.url {
            Some(url) => {
                let parsed = url::Url::parse(&url).map_err(|e| anyhow!("--url '{url}': {e}"))?;
                if !matches!(parsed.scheme(), "http" | "https") || parsed.host().is_none() {
                    bail!("--url '{url}' must be an http:// or https:// URL");
                }
                Target::Http { url }
            }
            None => Target::Stdio {
                command: self.command,
            },
        };
        let headers = pairs(&self.headers, ':', "--header", "NAME: VALUE")?;
        if let Some(bad) = headers.keys().find(|k| !is_header_name(k)) {
            bail!("--header '{bad}' is not a valid header name");
        }
        Ok(Upstream {
            name: self.name,
            target,
            env: pairs(&self.env, '=', "--env", "KEY=VALUE")?,
            headers,
            read_only: self.read_only,
            created_at: Timestamp::now(),
        })
    }
}

fn pairs(
    items: &[String],
    sep: char,
    flag: &str,
    form: &str,
) -> anyhow::Result<BTreeMap<String, String>> {
    items
        .iter()
        .map(|item| {
            item.split_once(sep)
                .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
                .filter(|(k, _)| !k.is_empty())
                .ok_or_else(|| anyhow!("{flag} '{item}' must look like {form}"))
        })
        .collect()
}

pub(super) fn is_mount_name(name: &str) -> bool {
    (1..=32).contains(&name.len())
        && name.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

fn is_header_name(name: &str) -> bool {
    name.bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

fn describe(target: &Target) -> String {
    match target {
        Target::Http { url } => url.clone(),
        Target::Stdio { command } => format!("'{}'", command.join(" ")),
    }
}

impl Table for Upstream {
    const HEADERS: &'static [&'static str] =
        &["NAME", "KIND", "TARGET", "READ-ONLY", "SECRETS", "CREATED"];

    fn cells(&self) -> Vec<String> {
        let kind = match self.target {
            Target::Http { .. } => "http",
            Target::Stdio { .. } => "stdio",
        };
        // Header and env values may be credentials: only their names are shown.
        let secrets: Vec<&str> = self
            .headers
            .keys()
            .chain(self.env.keys())
            .map(String::as_str)
            .collect();
        vec![
            self.name.clone(),
            kind.to_owned(),
            describe(&self.target),
            if self.read_only { "yes" } else { "no" }.to_owned(),
            if secrets.is_empty() {
                "-".to_owned()
            } else {
                secrets.join(", ")
            },
            self.created_at.to_string(),
        ]
    }
}
