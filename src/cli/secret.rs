//! `mcpauth secret`: token signing keys.

use clap::Subcommand;
use serde_json::json;

use super::output::when;
use super::{Context, Table};
use crate::db::audit::{self, Event};
use crate::db::signing_keys::{self, KeyInfo, Status};
use crate::oauth::keys;

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Make a new signing key active; earlier keys keep verifying until retired
    Rotate,
    /// List signing keys (never their private part)
    List,
    /// Stop an old key from verifying: tokens it signed are refused
    Retire {
        /// Key id, as shown by 'secret list' (may start with '-')
        #[arg(allow_hyphen_values = true)]
        kid: String,
    },
}

impl Command {
    pub fn run(self, cx: &mut Context) -> anyhow::Result<()> {
        match self {
            Command::Rotate => {
                let key = keys::generate_es256()?;
                let event = Event::new("secret.rotated", cx.actor.clone())
                    .detail(json!({ "kid": key.kid, "alg": key.alg }));
                cx.db.write(|tx| {
                    signing_keys::insert(tx, &key)?;
                    audit::append(tx, &event)
                })?;
                if cx.out.is_json() {
                    cx.out
                        .json_value(&json!({ "kid": key.kid, "alg": key.alg }))?;
                }
                cx.out.note(format!(
                    "new signing key {} is active; earlier keys still verify the tokens they signed",
                    key.kid
                ));
            }
            Command::List => cx.out.list(&signing_keys::list(cx.db.conn())?)?,
            Command::Retire { kid } => {
                let event =
                    Event::new("secret.retired", cx.actor.clone()).detail(json!({ "kid": kid }));
                cx.db.write(|tx| -> anyhow::Result<()> {
                    signing_keys::retire(tx, &kid)?;
                    audit::append(tx, &event)?;
                    Ok(())
                })?;
                cx.out.note(format!(
                    "retired {kid}: tokens it signed are no longer accepted"
                ));
            }
        }
        Ok(())
    }
}

impl Table for KeyInfo {
    const HEADERS: &'static [&'static str] = &["KID", "ALG", "STATUS", "CREATED", "RETIRED"];

    fn cells(&self) -> Vec<String> {
        let status = match self.status {
            Status::Active => "active",
            Status::Previous => "verifies only",
            Status::Retired => "retired",
        };
        vec![
            self.kid.clone(),
            self.alg.clone(),
            status.to_owned(),
            self.created_at.to_string(),
            when(self.retired_at),
        ]
    }
}
