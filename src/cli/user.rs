//! `mcpauth user`: the people who may sign in.

use clap::Subcommand;
use serde_json::json;

use super::output::when;
use super::{Context, Table};
use crate::crypto;
use crate::db::audit::Event;
use crate::db::users::{self, Role, User};
use crate::db::{self, audit};
use crate::email::Email;

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Add a user; asks for a password on a terminal
    Add {
        email: String,
        /// Make the user an administrator
        #[arg(long)]
        admin: bool,
        /// Read the password from standard input
        #[arg(long, conflicts_with = "no_password")]
        password_stdin: bool,
        /// No password: the user signs in through an identity provider
        #[arg(long)]
        no_password: bool,
    },
    /// List users
    List,
    /// Remove a user with their grants and sessions
    Remove { email: String },
    /// Refuse a user's sign-ins and tokens until enabled again
    Disable { email: String },
    /// Let a disabled user sign in again
    Enable { email: String },
    /// Set a user's password; asks on a terminal
    Passwd {
        email: String,
        /// Read the password from standard input
        #[arg(long, conflicts_with = "clear")]
        password_stdin: bool,
        /// Remove the password: the user signs in through an identity provider only
        #[arg(long)]
        clear: bool,
    },
}

impl Command {
    pub fn run(self, cx: &mut Context) -> anyhow::Result<()> {
        let actor = cx.actor.clone();
        match self {
            Command::Add {
                email,
                admin,
                password_stdin,
                no_password,
            } => {
                let email = Email::parse(&email)?;
                let hash = if no_password {
                    None
                } else {
                    Some(crypto::hash_password(&super::new_password(
                        password_stdin,
                    )?)?)
                };
                let role = if admin { Role::Admin } else { Role::User };
                let user = cx.db.write(|tx| {
                    let user = users::insert(tx, &email, hash.as_deref(), role)?;
                    let detail = json!({ "role": role, "password": hash.is_some() });
                    audit::append(
                        tx,
                        &Event::new("user.added", actor)
                            .user(email.as_str())
                            .detail(detail),
                    )?;
                    Ok::<_, db::Error>(user)
                })?;
                cx.out
                    .note(format!("added {} ({})", user.email, role.as_str()));
                if cx.out.is_json() {
                    cx.out.json_value(&user)?;
                }
            }
            Command::List => cx.out.list(&users::list(cx.db.conn())?)?,
            Command::Remove { email } => {
                let email = Email::parse(&email)?;
                change(cx, &email, "user.removed", |tx| users::delete(tx, &email))?;
                cx.out
                    .note(format!("removed {email} with their grants and sessions"));
            }
            Command::Disable { email } => {
                let email = Email::parse(&email)?;
                change(cx, &email, "user.disabled", |tx| {
                    users::set_disabled(tx, &email, true)
                })?;
                cx.out
                    .note(format!("disabled {email}: sign-ins and tokens are refused"));
            }
            Command::Enable { email } => {
                let email = Email::parse(&email)?;
                change(cx, &email, "user.enabled", |tx| {
                    users::set_disabled(tx, &email, false)
                })?;
                cx.out.note(format!("enabled {email}"));
            }
            Command::Passwd {
                email,
                password_stdin,
                clear,
            } => {
                let email = Email::parse(&email)?;
                if users::find(cx.db.conn(), &email)?.is_none() {
                    return Err(db::Error::not_found("user", email.as_str()).into());
                }
                let hash = if clear {
                    None
                } else {
                    Some(crypto::hash_password(&super::new_password(
                        password_stdin,
                    )?)?)
                };
                let kind = if clear {
                    "user.password_cleared"
                } else {
                    "user.password_set"
                };
                change(cx, &email, kind, |tx| {
                    users::set_password(tx, &email, hash.as_deref())
                })?;
                cx.out.note(format!(
                    "{} the password of {email}",
                    if clear { "cleared" } else { "set" }
                ));
            }
        }
        Ok(())
    }
}

/// Applies one change to a user and records it, in one transaction.
fn change(
    cx: &mut Context,
    email: &Email,
    kind: &'static str,
    apply: impl FnOnce(&rusqlite::Transaction) -> db::Result<()>,
) -> db::Result<()> {
    let event = Event::new(kind, cx.actor.clone()).user(email.as_str());
    cx.db.write(|tx| {
        apply(tx)?;
        audit::append(tx, &event)
    })
}

impl Table for User {
    const HEADERS: &'static [&'static str] = &[
        "EMAIL",
        "ROLE",
        "STATUS",
        "PASSWORD",
        "CREATED",
        "LAST LOGIN",
    ];

    fn cells(&self) -> Vec<String> {
        vec![
            self.email.clone(),
            self.role.as_str().to_owned(),
            if self.disabled { "disabled" } else { "active" }.to_owned(),
            if self.has_password { "yes" } else { "no" }.to_owned(),
            self.created_at.to_string(),
            when(self.last_login_at),
        ]
    }
}
