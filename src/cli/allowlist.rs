//! `mcpauth allowlist`: who may sign in through an identity provider.

use clap::Subcommand;

use super::{Context, Table};
use crate::db::audit::{self, Event};
use crate::db::{self, allowlist};
use crate::email::AllowPattern;

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Allow addresses (me@example.com) or whole domains (@example.com)
    Add {
        #[arg(required = true, value_name = "PATTERN")]
        patterns: Vec<String>,
    },
    /// Remove a pattern
    Remove {
        #[arg(value_name = "PATTERN")]
        pattern: String,
    },
    /// List the allowlist
    List,
}

impl Command {
    pub fn run(self, cx: &mut Context) -> anyhow::Result<()> {
        let actor = cx.actor.clone();
        match self {
            Command::Add { patterns } => {
                // All or nothing: one bad pattern rejects the whole command.
                let patterns = patterns
                    .iter()
                    .map(|p| AllowPattern::parse(p))
                    .collect::<Result<Vec<_>, _>>()?;
                let added = cx.db.write(|tx| {
                    let mut added = Vec::new();
                    for p in &patterns {
                        if allowlist::insert(tx, p, &actor)? {
                            let event = Event::new("allowlist.added", actor.clone())
                                .detail(serde_json::json!({ "pattern": p.to_string() }));
                            audit::append(tx, &event)?;
                            added.push(p);
                        }
                    }
                    Ok::<_, db::Error>(added)
                })?;
                for p in &patterns {
                    let verb = if added.contains(&p) {
                        "allowed"
                    } else {
                        "already allowed:"
                    };
                    cx.out.note(format!("{verb} {p}"));
                }
            }
            Command::Remove { pattern } => {
                let pattern = AllowPattern::parse(&pattern)?;
                let event = Event::new("allowlist.removed", actor)
                    .detail(serde_json::json!({ "pattern": pattern.to_string() }));
                cx.db.write(|tx| {
                    allowlist::delete(tx, &pattern)?;
                    audit::append(tx, &event)
                })?;
                cx.out.note(format!("removed {pattern}"));
            }
            Command::List => cx.out.list(&allowlist::list(cx.db.conn())?)?,
        }
        Ok(())
    }
}

impl Table for allowlist::Entry {
    const HEADERS: &'static [&'static str] = &["PATTERN", "ADDED", "BY"];

    fn cells(&self) -> Vec<String> {
        vec![
            self.pattern.clone(),
            self.created_at.to_string(),
            self.created_by.clone(),
        ]
    }
}
