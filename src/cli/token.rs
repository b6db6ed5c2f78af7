//! `mcpauth token`: granted access, listed and revoked.

use clap::{ArgGroup, Subcommand};
use serde_json::json;

use super::output::when;
use super::{Context, Table};
use crate::db::audit::{self, Event};
use crate::db::grants::{self, Filter, Grant};
use crate::db::{self};
use crate::email::Email;

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List active grants (each one a client's access on a user's behalf)
    List {
        /// Only this user's grants
        #[arg(long, value_name = "EMAIL")]
        user: Option<String>,
        /// Only this client's grants
        #[arg(long, value_name = "ID", allow_hyphen_values = true)]
        client: Option<String>,
    },
    /// Revoke grants by id, user, client or all; their tokens stop working at once
    #[command(group(ArgGroup::new("which").required(true).args(["id", "user", "client", "all"])))]
    Revoke {
        /// Grant id, as shown by 'token list'
        id: Option<i64>,
        /// Every grant of this user
        #[arg(long, value_name = "EMAIL")]
        user: Option<String>,
        /// Every grant of this client
        #[arg(long, value_name = "ID", allow_hyphen_values = true)]
        client: Option<String>,
        /// Every grant
        #[arg(long)]
        all: bool,
    },
}

impl Command {
    pub fn run(self, cx: &mut Context) -> anyhow::Result<()> {
        match self {
            Command::List { user, client } => {
                let user = user.map(|u| Email::parse(&u)).transpose()?;
                let filter = Filter {
                    id: None,
                    user: user.as_ref().map(Email::as_str),
                    client_id: client.as_deref(),
                };
                cx.out.list(&grants::list(cx.db.conn(), filter)?)?;
            }
            Command::Revoke {
                id,
                user,
                client,
                all,
            } => {
                let user = user.map(|u| Email::parse(&u)).transpose()?;
                let filter = Filter {
                    id,
                    user: user.as_ref().map(Email::as_str),
                    client_id: client.as_deref(),
                };
                let detail =
                    json!({ "grant": id, "user": filter.user, "client": client, "all": all });
                let actor = cx.actor.clone();
                let revoked = cx.db.write(|tx| {
                    let revoked = grants::revoke(tx, filter)?;
                    let mut event = Event::new("token.revoked", actor).detail(json!({
                        "selector": detail, "grants": revoked,
                    }));
                    event.user = filter.user.map(str::to_owned);
                    event.client_id = client.clone();
                    audit::append(tx, &event)?;
                    Ok::<_, db::Error>(revoked)
                })?;
                if cx.out.is_json() {
                    cx.out.json_value(&json!({ "revoked": revoked }))?;
                }
                cx.out.note(format!(
                    "revoked {revoked} grant{}",
                    if revoked == 1 { "" } else { "s" }
                ));
            }
        }
        Ok(())
    }
}

impl Table for Grant {
    const HEADERS: &'static [&'static str] = &[
        "ID",
        "USER",
        "CLIENT",
        "SCOPE",
        "AUDIENCE",
        "CREATED",
        "LAST USED",
        "EXPIRES",
    ];

    fn cells(&self) -> Vec<String> {
        vec![
            self.id.to_string(),
            self.user.clone(),
            format!("{} ({})", self.client_name, self.client_id),
            self.scope.clone(),
            self.audience.clone(),
            self.created_at.to_string(),
            when(self.last_used_at),
            self.expires_at.to_string(),
        ]
    }
}
