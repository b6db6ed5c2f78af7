//! `mcpauth settings`: values chosen at init, changeable later.

use clap::Subcommand;
use serde::Serialize;
use serde_json::json;

use super::{Context, Table};
use crate::db::audit::{self, Event};
use crate::db::settings as stored;
use crate::settings;

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List every setting with its value
    List,
    /// Change a setting; the server uses it from its next start or request
    Set { key: String, value: String },
}

#[derive(Serialize)]
struct Row {
    key: &'static str,
    value: Option<String>,
    default: Option<&'static str>,
    about: &'static str,
}

impl Command {
    pub fn run(self, cx: &mut Context) -> anyhow::Result<()> {
        match self {
            Command::List => {
                let values = stored::all(cx.db.conn())?;
                let rows: Vec<Row> = settings::ALL
                    .iter()
                    .map(|s| Row {
                        key: s.key,
                        value: values.get(s.key).cloned(),
                        default: s.default,
                        about: s.about,
                    })
                    .collect();
                cx.out.list(&rows)?;
            }
            Command::Set { key, value } => {
                let value = settings::normalize(&key, &value)?;
                let event = Event::new("settings.changed", cx.actor.clone())
                    .detail(json!({ "key": key, "value": value }));
                cx.db.write(|tx| {
                    stored::set(tx, &key, &value)?;
                    audit::append(tx, &event)
                })?;
                cx.out.note(format!("{key} = {value}"));
            }
        }
        Ok(())
    }
}

impl Table for Row {
    const HEADERS: &'static [&'static str] = &["KEY", "VALUE", "DEFAULT", "ABOUT"];

    fn cells(&self) -> Vec<String> {
        vec![
            self.key.to_owned(),
            self.value.clone().unwrap_or_else(|| "-".into()),
            self.default.unwrap_or("-").to_owned(),
            self.about.to_owned(),
        ]
    }
}
