//! `mcpauth backup`: an online copy of the database.

use std::path::PathBuf;

use serde_json::json;

use super::Context;
use crate::db::audit::{self, Event};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// New file to write the copy to (never overwritten)
    path: PathBuf,
}

impl Args {
    pub fn run(self, cx: &mut Context) -> anyhow::Result<()> {
        cx.db.backup_to(&self.path)?;
        let path = std::path::absolute(&self.path).unwrap_or(self.path);
        let event = Event::new("backup.created", cx.actor.clone())
            .detail(json!({ "path": path.display().to_string() }));
        cx.db.write(|tx| audit::append(tx, &event))?;
        cx.out.note(format!(
            "backed up {} to {}",
            cx.db.path().display(),
            path.display()
        ));
        Ok(())
    }
}
