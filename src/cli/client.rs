//! `mcpauth client`: OAuth clients, including pre-registration of well-known products.

use anyhow::bail;
use clap::{Subcommand, ValueEnum};
use serde::Serialize;
use serde_json::json;

use super::output::when;
use super::{Context, Table};
use crate::crypto;
use crate::db::audit::{self, Event};
use crate::db::clients::{self, Client, NewClient, Source};
use crate::db::{self};
use crate::oauth::redirect_uri;

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List clients
    List,
    /// Show one client
    Show {
        #[arg(value_name = "ID", allow_hyphen_values = true)]
        client_id: String,
    },
    /// Pre-register a client; prints its id (and secret, once)
    Add(AddArgs),
    /// Remove a client with its grants
    Remove {
        #[arg(value_name = "ID", allow_hyphen_values = true)]
        client_id: String,
    },
}

#[derive(Debug, clap::Args)]
pub struct AddArgs {
    /// Name shown on the consent page
    #[arg(long, required_unless_present = "preset")]
    name: Option<String>,

    /// Where the client may receive codes (repeat for several)
    #[arg(
        long = "redirect-uri",
        value_name = "URI",
        required_unless_present = "preset"
    )]
    redirect_uris: Vec<String>,

    /// Issue a client secret (client_secret_basic or client_secret_post)
    #[arg(long, conflicts_with = "jwks_uri")]
    confidential: bool,

    /// Authenticate the client with private_key_jwt, against the keys published here
    #[arg(long, value_name = "URL")]
    jwks_uri: Option<String>,

    /// Use the redirect URIs of a well-known client
    #[arg(long, value_enum)]
    preset: Option<Preset>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Preset {
    Chatgpt,
    Claude,
    ClaudeCode,
    Cursor,
    Vscode,
    Inspector,
}

impl Preset {
    fn name(self) -> &'static str {
        match self {
            Preset::Chatgpt => "ChatGPT",
            Preset::Claude => "Claude",
            Preset::ClaudeCode => "Claude Code",
            Preset::Cursor => "Cursor",
            Preset::Vscode => "VS Code",
            Preset::Inspector => "MCP Inspector",
        }
    }

    /// Loopback entries match any port at authorization time (RFC 8252 §7.3).
    fn redirect_uris(self) -> &'static [&'static str] {
        match self {
            Preset::Chatgpt => &["https://chatgpt.com/connector_platform_oauth_redirect"],
            Preset::Claude => &[
                "https://claude.ai/api/mcp/auth_callback",
                "https://claude.com/api/mcp/auth_callback",
            ],
            Preset::ClaudeCode => &["http://localhost/callback", "http://127.0.0.1/callback"],
            Preset::Cursor => &["cursor://anysphere.cursor-mcp/oauth/callback"],
            Preset::Vscode => &["http://127.0.0.1/", "https://vscode.dev/redirect"],
            Preset::Inspector => &[
                "http://localhost:6274/oauth/callback",
                "http://localhost:6274/oauth/callback/debug",
            ],
        }
    }
}

/// A client just added: the only time its secret is shown.
#[derive(Serialize)]
struct Added {
    #[serde(flatten)]
    client: Client,
    #[serde(skip_serializing_if = "Option::is_none")]
    client_secret: Option<String>,
}

impl Command {
    pub fn run(self, cx: &mut Context) -> anyhow::Result<()> {
        match self {
            Command::List => cx.out.list(&clients::list(cx.db.conn())?)?,
            Command::Show { client_id } => {
                let client = clients::find(cx.db.conn(), &client_id)?
                    .ok_or_else(|| db::Error::not_found("client", &client_id))?;
                cx.out.record(&client)?;
            }
            Command::Add(args) => add(cx, args)?,
            Command::Remove { client_id } => {
                let event = Event::new("client.removed", cx.actor.clone()).client(&client_id);
                cx.db.write(|tx| {
                    clients::delete(tx, &client_id)?;
                    audit::append(tx, &event)
                })?;
                cx.out
                    .note(format!("removed client {client_id} with its grants"));
            }
        }
        Ok(())
    }
}

fn add(cx: &mut Context, args: AddArgs) -> anyhow::Result<()> {
    let preset = args.preset;
    let name = args
        .name
        .or_else(|| preset.map(|p| p.name().to_owned()))
        .unwrap_or_default();
    if name.trim().is_empty() {
        bail!("--name must not be empty");
    }
    let mut uris: Vec<String> = preset
        .map(|p| p.redirect_uris().iter().map(|u| u.to_string()).collect())
        .unwrap_or_default();
    for uri in args.redirect_uris {
        redirect_uri::validate(&uri)?;
        if !uris.contains(&uri) {
            uris.push(uri);
        }
    }
    if let Some(uri) = &args.jwks_uri {
        let parsed =
            url::Url::parse(uri).map_err(|e| anyhow::anyhow!("--jwks-uri '{uri}': {e}"))?;
        if parsed.scheme() != "https" {
            bail!("--jwks-uri '{uri}' must be an https URL");
        }
    }
    let client_id = crypto::random_id(16);
    let secret = args.confidential.then(|| crypto::random_token(32));
    let secret_hash = secret.as_deref().map(crypto::secret_hash);
    let new = NewClient {
        client_id: &client_id,
        secret_hash: secret_hash.as_deref(),
        name: name.trim(),
        redirect_uris: &uris,
        grant_types: &["authorization_code".into(), "refresh_token".into()],
        auth_method: match (&secret, &args.jwks_uri) {
            (Some(_), _) => "client_secret_basic",
            (None, Some(_)) => "private_key_jwt",
            (None, None) => "none",
        },
        source: Source::Cli,
        metadata: &match &args.jwks_uri {
            Some(uri) => serde_json::json!({ "jwks_uri": uri }),
            None => serde_json::json!({}),
        },
    };
    let event = Event::new("client.added", cx.actor.clone())
        .client(&client_id)
        .detail(
            json!({ "name": new.name, "redirect_uris": uris, "confidential": secret.is_some() }),
        );
    let client = cx.db.write(|tx| {
        let client = clients::insert(tx, &new)?;
        audit::append(tx, &event)?;
        Ok::<_, db::Error>(client)
    })?;
    if secret.is_some() {
        cx.out
            .note("The client secret is shown only now: store it in the client.");
    }
    cx.out.record(&Added {
        client,
        client_secret: secret,
    })?;
    Ok(())
}

impl Table for Client {
    const HEADERS: &'static [&'static str] = &[
        "CLIENT ID",
        "NAME",
        "SOURCE",
        "AUTH",
        "REDIRECT URIS",
        "CREATED",
        "LAST USED",
    ];

    fn cells(&self) -> Vec<String> {
        vec![
            self.client_id.clone(),
            self.name.clone(),
            self.source.as_str().to_owned(),
            self.auth_method.clone(),
            self.redirect_uris.join("\n"),
            self.created_at.to_string(),
            when(self.last_used_at),
        ]
    }
}

impl Table for Added {
    const HEADERS: &'static [&'static str] = &[
        "CLIENT ID",
        "NAME",
        "SOURCE",
        "AUTH",
        "REDIRECT URIS",
        "CREATED",
        "LAST USED",
        "CLIENT SECRET",
    ];

    fn cells(&self) -> Vec<String> {
        let mut cells = self.client.cells();
        cells.push(self.client_secret.clone().unwrap_or_else(|| "-".into()));
        cells
    }
}
