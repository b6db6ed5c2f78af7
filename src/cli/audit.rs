//! `mcpauth audit`: read the audit log, or follow it as other processes write.

use std::time::Duration;

use clap::Subcommand;
use tokio::signal::unix::{SignalKind, signal};

use super::{Context, Table};
use crate::db::audit::{self, Entry, Filter};

/// How often `audit tail -f` looks for new events.
const FOLLOW_INTERVAL: Duration = Duration::from_millis(250);

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show the latest events
    Tail {
        /// How many events to show
        #[arg(short = 'n', long, default_value_t = 20, value_name = "N")]
        lines: u32,
        /// Keep printing new events until interrupted
        #[arg(short, long)]
        follow: bool,
        /// Only events of this kind, or of this family (user → user.added, user.removed, ...)
        #[arg(long, value_name = "KIND")]
        event: Option<String>,
        /// Only events about this user
        #[arg(long, value_name = "EMAIL")]
        user: Option<String>,
    },
}

impl Command {
    pub fn run(self, cx: &mut Context) -> anyhow::Result<()> {
        let Command::Tail {
            lines,
            follow,
            event,
            user,
        } = self;
        let filter = Filter {
            event: event.as_deref(),
            user: user.as_deref(),
        };
        // Read the high-water mark first so no event falls between the tail and the follow.
        let seen = audit::last_id(cx.db.conn())?;
        let recent = audit::tail(cx.db.conn(), lines, filter)?;
        if !follow {
            return if cx.out.is_json() {
                recent
                    .iter()
                    .try_for_each(|e| cx.out.json_line(e))
                    .map_err(Into::into)
            } else {
                cx.out.list(&recent).map_err(Into::into)
            };
        }
        print_lines(cx, &recent)?;
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?
            .block_on(follow_events(cx, seen, filter))
    }
}

/// Prints new events as they are committed, until SIGINT or SIGTERM.
async fn follow_events(cx: &Context, mut seen: i64, filter: Filter<'_>) -> anyhow::Result<()> {
    let mut interrupt = signal(SignalKind::interrupt())?;
    let mut terminate = signal(SignalKind::terminate())?;
    loop {
        tokio::select! {
            _ = interrupt.recv() => return Ok(()),
            _ = terminate.recv() => return Ok(()),
            () = tokio::time::sleep(FOLLOW_INTERVAL) => {}
        }
        let upto = audit::last_id(cx.db.conn())?;
        if upto > seen {
            print_lines(cx, &audit::between(cx.db.conn(), seen, upto, filter)?)?;
            seen = upto;
        }
    }
}

/// Events as lines that can keep growing: JSON Lines, or one aligned line per event.
fn print_lines(cx: &Context, events: &[Entry]) -> std::io::Result<()> {
    use std::io::Write;
    if cx.out.is_json() {
        return events.iter().try_for_each(|e| cx.out.json_line(e));
    }
    let mut stdout = std::io::stdout().lock();
    for e in events {
        writeln!(stdout, "{}", e.cells().join("  "))?;
    }
    stdout.flush()
}

impl Table for Entry {
    const HEADERS: &'static [&'static str] =
        &["TIME", "EVENT", "ACTOR", "USER", "CLIENT", "IP", "DETAIL"];

    fn cells(&self) -> Vec<String> {
        let opt = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
        vec![
            self.at.to_string(),
            self.event.clone(),
            self.actor.clone(),
            opt(&self.user),
            opt(&self.client_id),
            opt(&self.ip),
            if self.detail.as_object().is_some_and(|o| o.is_empty()) {
                "-".into()
            } else {
                self.detail.to_string()
            },
        ]
    }
}
