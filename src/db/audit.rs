//! The append-only audit log.

use rusqlite::{Connection, Row, named_params};
use serde::Serialize;
use serde_json::Value;

use super::{Result, Timestamp, now};

/// One event to record.
#[derive(Debug, Clone, Default)]
pub struct Event {
    pub kind: &'static str,
    pub actor: String,
    pub user: Option<String>,
    pub client_id: Option<String>,
    pub ip: Option<String>,
    detail: Option<Detail>,
}

/// What an event says besides who, which client and from where.
#[derive(Debug, Clone)]
enum Detail {
    Json(Value),
    /// A tool call: made into JSON by the background writer, not on the request's path.
    ToolCall {
        mount: String,
        tool: String,
        outcome: &'static str,
        duration_ms: u64,
    },
}

impl Detail {
    fn to_json(&self) -> String {
        match self {
            Detail::Json(v) => v.to_string(),
            Detail::ToolCall {
                mount,
                tool,
                outcome,
                duration_ms,
            } => serde_json::json!({ "mount": mount, "tool": tool, "outcome": outcome,
                                     "duration_ms": duration_ms })
            .to_string(),
        }
    }
}

impl Event {
    pub fn new(kind: &'static str, actor: impl Into<String>) -> Self {
        Event {
            kind,
            actor: actor.into(),
            ..Event::default()
        }
    }

    pub fn user(mut self, email: impl Into<String>) -> Self {
        self.user = Some(email.into());
        self
    }

    pub fn client(mut self, client_id: impl Into<String>) -> Self {
        self.client_id = Some(client_id.into());
        self
    }

    pub fn ip(mut self, ip: impl Into<String>) -> Self {
        self.ip = Some(ip.into());
        self
    }

    pub fn detail(mut self, detail: Value) -> Self {
        self.detail = Some(Detail::Json(detail));
        self
    }

    pub fn tool_call(
        mut self,
        mount: &str,
        tool: &str,
        outcome: &'static str,
        duration_ms: u64,
    ) -> Self {
        self.detail = Some(Detail::ToolCall {
            mount: mount.to_owned(),
            tool: tool.to_owned(),
            outcome,
            duration_ms,
        });
        self
    }
}

/// A recorded event.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    pub id: i64,
    pub at: Timestamp,
    pub event: String,
    pub actor: String,
    pub user: Option<String>,
    pub client_id: Option<String>,
    pub ip: Option<String>,
    pub detail: Value,
}

impl Entry {
    fn from_row(r: &Row<'_>) -> rusqlite::Result<Entry> {
        Ok(Entry {
            id: r.get("id")?,
            at: r.get("at")?,
            event: r.get("event")?,
            actor: r.get("actor")?,
            user: r.get("user")?,
            client_id: r.get("client_id")?,
            ip: r.get("ip")?,
            detail: super::json_column(r, "detail")?,
        })
    }
}

pub fn append(c: &Connection, e: &Event) -> Result<()> {
    let detail = e
        .detail
        .as_ref()
        .map_or_else(|| "{}".to_owned(), Detail::to_json);
    c.prepare_cached(
        "INSERT INTO audit (at, event, actor, user, client_id, ip, detail)
         VALUES (:at, :event, :actor, :user, :client, :ip, :detail)",
    )?
    .execute(named_params! {
        ":at": now(), ":event": e.kind, ":actor": e.actor, ":user": e.user,
        ":client": e.client_id, ":ip": e.ip, ":detail": detail,
    })?;
    Ok(())
}

/// Which events to read. `event` matches a kind exactly or as a prefix (`user` → `user.added`).
#[derive(Debug, Default, Clone, Copy)]
pub struct Filter<'a> {
    pub event: Option<&'a str>,
    pub user: Option<&'a str>,
}

const MATCHING: &str =
    "(:event IS NULL OR event = :event OR substr(event, 1, length(:event) + 1) = :event || '.')
    AND (:user IS NULL OR user = :user COLLATE NOCASE)";

/// The last `n` matching events, oldest first.
pub fn tail(c: &Connection, n: u32, filter: Filter<'_>) -> Result<Vec<Entry>> {
    let mut stmt = c.prepare_cached(&format!(
        "SELECT * FROM (SELECT * FROM audit WHERE {MATCHING} ORDER BY id DESC LIMIT :n) ORDER BY id"
    ))?;
    let rows = stmt
        .query_map(
            named_params! { ":event": filter.event, ":user": filter.user, ":n": n },
            Entry::from_row,
        )?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Matching events with `after < id <= upto`, oldest first.
pub fn between(c: &Connection, after: i64, upto: i64, filter: Filter<'_>) -> Result<Vec<Entry>> {
    let mut stmt = c.prepare_cached(&format!(
        "SELECT * FROM audit WHERE id > :after AND id <= :upto AND {MATCHING} ORDER BY id"
    ))?;
    let rows = stmt
        .query_map(
            named_params! { ":event": filter.event, ":user": filter.user, ":after": after, ":upto": upto },
            Entry::from_row,
        )?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The id of the newest event, or 0.
pub fn last_id(c: &Connection) -> Result<i64> {
    Ok(c.query_row("SELECT coalesce(max(id), 0) FROM audit", [], |r| r.get(0))?)
}

enum Queued {
    Event(Event),
    Flush(tokio::sync::oneshot::Sender<()>),
}

/// Audit rows from request paths: the request only queues its event; a background task writes
/// whatever has queued up in one transaction, so requests never wait on the audit log.
#[derive(Clone)]
pub struct Writer {
    queue: tokio::sync::mpsc::UnboundedSender<Queued>,
}

/// Most events written in one transaction.
const BATCH: usize = 1024;
/// How long the first event of a batch waits for others.
const LINGER: std::time::Duration = std::time::Duration::from_millis(100);

impl Writer {
    pub fn spawn(db: super::SharedDb) -> Writer {
        let (queue, mut queued) = tokio::sync::mpsc::unbounded_channel::<Queued>();
        tokio::spawn(async move {
            while let Some(first) = queued.recv().await {
                if matches!(first, Queued::Event(_)) {
                    // Let a burst gather: one commit for many events is far cheaper than one
                    // each, and every commit makes each server cache look for changes.
                    tokio::time::sleep(LINGER).await;
                }
                let mut events = Vec::new();
                let mut flushed = Vec::new();
                let mut next = Some(first);
                while let Some(item) = next.take() {
                    match item {
                        Queued::Event(e) => events.push(e),
                        Queued::Flush(done) => flushed.push(done),
                    }
                    if events.len() < BATCH {
                        next = queued.try_recv().ok();
                    }
                }
                if !events.is_empty() {
                    let n = events.len();
                    let written = db
                        .call(move |db| {
                            db.write(|tx| events.iter().try_for_each(|e| append(tx, e)))
                        })
                        .await;
                    if let Err(e) = written {
                        tracing::error!(error = %e, events = n, "writing audit events failed");
                    }
                }
                for done in flushed {
                    let _ = done.send(());
                }
            }
        });
        Writer { queue }
    }

    pub fn record(&self, event: Event) {
        if self.queue.send(Queued::Event(event)).is_err() {
            tracing::error!("the audit writer has stopped; an event was lost");
        }
    }

    /// Waits until everything queued so far is written.
    pub async fn flush(&self) {
        let (done, written) = tokio::sync::oneshot::channel();
        if self.queue.send(Queued::Flush(done)).is_ok() {
            let _ = written.await;
        }
    }
}
