//! `mcpauth idp`: the identity providers people may sign in with.

use anyhow::bail;
use clap::{Args, Subcommand};
use serde_json::json;

use super::{Context, Table, read_secret, upstream::is_mount_name};
use crate::db::audit::{self, Event};
use crate::db::idps::{self, Kind, Provider};
use crate::db::{Timestamp, settings as stored};
use crate::settings;

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Let people sign in with an identity provider
    #[command(subcommand)]
    Add(Add),
    /// List identity providers
    List,
    /// Remove an identity provider (its users stay)
    Remove { name: String },
}

#[derive(Debug, Subcommand)]
pub enum Add {
    /// GitHub (or GitHub Enterprise: settings github_url and github_api_url)
    #[command(
        after_help = "Register an OAuth app at https://github.com/settings/developers with the callback URL this command prints.\nExample:\n  mcpauth idp add github --client-id Iv1.0123abcd --client-secret-stdin < secret.txt"
    )]
    Github(Named),
    /// Google
    #[command(
        after_help = "Create an OAuth client (web application) at https://console.cloud.google.com/apis/credentials with the callback URL this command prints."
    )]
    Google(Named),
    /// Microsoft Entra ID or personal Microsoft accounts
    #[command(
        after_help = "Register an app at https://entra.microsoft.com with the callback URL this command prints (platform: Web)."
    )]
    Microsoft {
        #[command(flatten)]
        named: Named,
        /// Tenant: a tenant id or domain, or common, organizations, consumers
        #[arg(long, default_value = "common")]
        tenant: String,
    },
    /// Any OpenID Connect provider (Authentik, Keycloak, Authelia, Zitadel, ...)
    Oidc {
        /// Name shown on the sign-in button and used in the callback URL
        name: String,
        /// The provider's issuer URL (its discovery document is at
        /// ISSUER/.well-known/openid-configuration)
        #[arg(long)]
        issuer: String,
        #[command(flatten)]
        common: Common,
    },
}

#[derive(Debug, Args)]
pub struct Common {
    /// The client id the provider gave mcpauth
    #[arg(long)]
    client_id: String,
    /// Read the client secret from standard input (else it is asked for)
    #[arg(long)]
    client_secret_stdin: bool,
    /// Scopes to ask for, space-separated [default: openid email; GitHub: read:user user:email]
    #[arg(long, value_name = "SCOPES")]
    scopes: Option<String>,
}

#[derive(Debug, Args)]
pub struct Named {
    #[command(flatten)]
    common: Common,
    /// Name for this provider, to add more than one of a kind [default: the kind]
    #[arg(long, value_name = "NAME")]
    name: Option<String>,
}

impl Command {
    pub fn run(self, cx: &mut Context) -> anyhow::Result<()> {
        match self {
            Command::Add(add) => {
                let provider = add.into_provider()?;
                let event = Event::new("idp.added", cx.actor.clone()).detail(json!({
                    "name": provider.name, "kind": provider.kind, "issuer": provider.issuer,
                }));
                cx.db.write(|tx| {
                    idps::insert(tx, &provider)?;
                    audit::append(tx, &event)
                })?;
                let issuer = stored::get(cx.db.conn(), settings::ISSUER)?.unwrap_or_default();
                let callback = format!("{issuer}/oauth/callback/{}", provider.name);
                if cx.out.is_json() {
                    cx.out
                        .json_value(&json!({ "name": provider.name, "callback_url": callback }))?;
                } else {
                    println!("{callback}");
                }
                cx.out.note(format!(
                    "added {}: register the callback URL above at the provider; only verified emails of known users or on the allowlist get in",
                    provider.name
                ));
            }
            Command::List => cx.out.list(&idps::list(cx.db.conn())?)?,
            Command::Remove { name } => {
                let event =
                    Event::new("idp.removed", cx.actor.clone()).detail(json!({ "name": name }));
                cx.db.write(|tx| {
                    idps::delete(tx, &name)?;
                    audit::append(tx, &event)
                })?;
                cx.out.note(format!("removed identity provider {name}"));
            }
        }
        Ok(())
    }
}

impl Add {
    fn into_provider(self) -> anyhow::Result<Provider> {
        let (kind, common, name, issuer, tenant) = match self {
            Add::Github(n) => (Kind::Github, n.common, n.name, None, None),
            Add::Google(n) => (Kind::Google, n.common, n.name, None, None),
            Add::Microsoft { named, tenant } => {
                if tenant.is_empty()
                    || !tenant
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || ".-".contains(c))
                {
                    bail!("--tenant '{tenant}' is not a tenant id or domain");
                }
                (
                    Kind::Microsoft,
                    named.common,
                    named.name,
                    None,
                    Some(tenant),
                )
            }
            Add::Oidc {
                name,
                issuer,
                common,
            } => {
                let url = settings::issuer(&issuer).map_err(|e| anyhow::anyhow!("--issuer {e}"))?;
                (
                    Kind::Oidc,
                    common,
                    Some(name),
                    Some(settings::issuer_string(&url)),
                    None,
                )
            }
        };
        let name = name.unwrap_or_else(|| kind.as_str().to_owned());
        if !is_mount_name(&name) {
            bail!(
                "'{name}' cannot be a provider name: use 1-32 lower-case letters, digits, '-' or '_', starting with a letter or digit"
            );
        }
        if common.client_id.trim().is_empty() {
            bail!("--client-id must not be empty");
        }
        let client_secret = read_secret(
            common.client_secret_stdin,
            "Client secret",
            "--client-secret-stdin",
        )?;
        Ok(Provider {
            name,
            kind,
            client_id: common.client_id.trim().to_owned(),
            client_secret,
            issuer,
            scopes: common
                .scopes
                .unwrap_or_default()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
            tenant,
            created_at: Timestamp::now(),
        })
    }
}

impl Table for Provider {
    const HEADERS: &'static [&'static str] = &["NAME", "KIND", "CLIENT ID", "ISSUER", "CREATED"];

    fn cells(&self) -> Vec<String> {
        let issuer = match (&self.issuer, &self.tenant) {
            (Some(issuer), _) => issuer.clone(),
            (None, Some(tenant)) => format!("tenant {tenant}"),
            (None, None) => "-".to_owned(),
        };
        vec![
            self.name.clone(),
            self.kind.as_str().to_owned(),
            self.client_id.clone(),
            issuer,
            self.created_at.to_string(),
        ]
    }
}
