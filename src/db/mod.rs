//! The SQLite database: where it lives, how it is opened, its migrations. Each table group has
//! a submodule holding its SQL; no SQL lives outside `db`.

pub mod allowlist;
pub mod assertions;
pub mod audit;
pub mod clients;
pub mod codes;
pub mod consents;
pub mod grants;
pub mod idps;
pub mod refresh_tokens;
pub mod sessions;
pub mod settings;
pub mod signing_keys;
pub mod upstreams;
pub mod users;

use std::fs::{DirBuilder, OpenOptions};
use std::io;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::types::{FromSql, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use rusqlite::{Connection, ErrorCode, OptionalExtension, Transaction, TransactionBehavior};
use serde::{Serialize, Serializer};

mod embedded {
    refinery::embed_migrations!("migrations");
}

/// How long a statement waits for another process's write lock before giving up. Admin commands
/// and the server share one file; writes are short, so this only matters under heavy contention.
const BUSY_TIMEOUT: Duration = Duration::from_secs(15);

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("no database at {} — run 'mcpauth init' first, or pass --db PATH", .0.display())]
    Missing(PathBuf),
    #[error("a database already exists at {} — choose another --db path or remove that file first", .0.display())]
    Exists(PathBuf),
    #[error("{} is not an mcpauth database ({reason})", path.display())]
    NotMcpauth { path: PathBuf, reason: &'static str },
    #[error(
        "{} was written by a newer mcpauth (schema version {found}; this mcpauth knows up to {known}) — upgrade mcpauth",
        path.display()
    )]
    NewerSchema {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error(
        "{} is readable by other users (mode {mode:04o}) and holds secrets — run 'chmod 600 {}'",
        path.display(),
        path.display()
    )]
    Permissions { path: PathBuf, mode: u32 },
    #[error("cannot open {}: {source}", path.display())]
    Io { path: PathBuf, source: io::Error },
    #[error("{} already exists — choose a new file for the backup", .0.display())]
    BackupExists(PathBuf),
    #[error("the backup did not finish: {0}")]
    Backup(String),
    #[error("cannot upgrade the database schema: {0}")]
    Migration(#[from] refinery::Error),
    #[error("{what} {key} already exists")]
    AlreadyExists { what: &'static str, key: String },
    #[error("no {what} {key}")]
    NotFound { what: &'static str, key: String },
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("database task failed: {0}")]
    Task(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn not_found(what: &'static str, key: impl Into<String>) -> Self {
        Self::NotFound {
            what,
            key: key.into(),
        }
    }

    pub fn already_exists(what: &'static str, key: impl Into<String>) -> Self {
        Self::AlreadyExists {
            what,
            key: key.into(),
        }
    }
}

/// Where the database lives when `--db`/`MCPAUTH_DB` is not given: systemd's state directory,
/// else the platform data directory.
pub fn default_path() -> Option<PathBuf> {
    if let Some(dirs) = std::env::var_os("STATE_DIRECTORY") {
        // systemd passes a colon-separated list when several StateDirectory= are set.
        let first = dirs.to_string_lossy().split(':').next().map(PathBuf::from);
        if let Some(dir) = first.filter(|d| !d.as_os_str().is_empty()) {
            return Some(dir.join("mcpauth.db"));
        }
    }
    dirs::data_dir().map(|d| d.join("mcpauth").join("mcpauth.db"))
}

/// An open database: one connection with WAL, foreign keys and a busy timeout.
pub struct Db {
    conn: Connection,
    path: PathBuf,
}

impl Db {
    /// Opens an existing mcpauth database, applying any migrations this binary has and the file
    /// lacks. Refuses files that are missing, foreign, readable by others, or from a newer mcpauth.
    pub fn open(path: &Path) -> Result<Db> {
        let meta = match std::fs::metadata(path) {
            Ok(meta) => meta,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Err(Error::Missing(path.to_owned()));
            }
            Err(source) => {
                return Err(Error::Io {
                    path: path.to_owned(),
                    source,
                });
            }
        };
        if !meta.is_file() {
            return Err(Error::NotMcpauth {
                path: path.to_owned(),
                reason: "not a regular file",
            });
        }
        let mode = meta.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            return Err(Error::Permissions {
                path: path.to_owned(),
                mode,
            });
        }
        let db = Self::connect(path)?;
        match db.schema_version()? {
            Some(_) => db.migrate(),
            None if db.is_empty()? => Err(Error::NotMcpauth {
                path: path.to_owned(),
                reason: "the file is empty; 'mcpauth init' creates a database",
            }),
            None => Err(Error::NotMcpauth {
                path: path.to_owned(),
                reason: "it has tables but no mcpauth schema history",
            }),
        }
    }

    /// Creates a new database file (mode 0600, its directory 0700 if created) with the full schema.
    pub fn create(path: &Path) -> Result<Db> {
        let io_err = |source| Error::Io {
            path: path.to_owned(),
            source,
        };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            DirBuilder::new()
                .recursive(true)
                .mode(0o700)
                .create(dir)
                .map_err(io_err)?;
        }
        OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(path)
            .map_err(|e| match e.kind() {
                io::ErrorKind::AlreadyExists => Error::Exists(path.to_owned()),
                _ => io_err(e),
            })?;
        Self::connect(path)?.migrate()
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` in an IMMEDIATE transaction: the write lock is taken up front (waiting politely
    /// for other processes) so a read-then-write never fails half-way with SQLITE_BUSY.
    pub fn write<T, E>(&mut self, f: impl FnOnce(&Transaction) -> Result<T, E>) -> Result<T, E>
    where
        E: From<Error>,
    {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(Error::from)?;
        let value = f(&tx)?;
        tx.commit().map_err(Error::from)?;
        Ok(value)
    }

    /// Copies the database into a new file (mode 0600) with SQLite's online backup API. One step
    /// copies every page under one read transaction: a consistent snapshot of every committed
    /// row, taken without blocking writers (WAL).
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(dest)
            .map_err(|e| match e.kind() {
                io::ErrorKind::AlreadyExists => Error::BackupExists(dest.to_owned()),
                _ => Error::Io {
                    path: dest.to_owned(),
                    source: e,
                },
            })?;
        let copy = || -> Result<()> {
            use rusqlite::backup::{Backup, StepResult};
            let mut dst = Connection::open(dest)?;
            let backup = Backup::new(&self.conn, &mut dst)?;
            for _ in 0..200 {
                match backup.step(-1)? {
                    StepResult::Done => return Ok(()),
                    StepResult::More | StepResult::Busy | StepResult::Locked => {
                        std::thread::sleep(Duration::from_millis(50));
                    }
                    _ => {}
                }
            }
            Err(Error::Backup(
                "the database stayed busy for 10 s; try again".into(),
            ))
        };
        copy().inspect_err(|_| {
            let _ = std::fs::remove_file(dest);
        })
    }

    /// An IMMEDIATE transaction the caller commits: for work that must keep some of its writes
    /// (an audit row, a revocation) even when it ends in a refusal.
    pub fn transaction(&mut self) -> Result<Transaction<'_>> {
        Ok(self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?)
    }

    fn connect(path: &Path) -> Result<Db> {
        let not_sqlite = |e: rusqlite::Error| match e.sqlite_error_code() {
            Some(ErrorCode::NotADatabase) => Error::NotMcpauth {
                path: path.to_owned(),
                reason: "not an SQLite file",
            },
            _ => e.into(),
        };
        let conn = Connection::open(path).map_err(not_sqlite)?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // Switching to WAL needs an exclusive lock; only do it when the file is not WAL yet.
        let mode: String = conn
            .pragma_query_value(None, "journal_mode", |r| r.get(0))
            .map_err(not_sqlite)?;
        if !mode.eq_ignore_ascii_case("wal") {
            conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get::<_, String>(0))?;
        }
        conn.pragma_update(None, "foreign_keys", true)?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        Ok(Db {
            conn,
            path: path.to_owned(),
        })
    }

    fn is_empty(&self) -> Result<bool> {
        let tables: i64 = self
            .conn
            .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
        Ok(tables == 0)
    }

    fn schema_version(&self) -> Result<Option<i64>> {
        let has_history = self
            .conn
            .query_row(
                "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'refinery_schema_history'",
                [],
                |_| Ok(()),
            )
            .optional()?
            .is_some();
        if !has_history {
            return Ok(None);
        }
        let version: Option<i64> = self.conn.query_row(
            "SELECT max(version) FROM refinery_schema_history",
            [],
            |r| r.get(0),
        )?;
        Ok(Some(version.unwrap_or(0)))
    }

    fn migrate(mut self) -> Result<Db> {
        let runner = embedded::migrations::runner();
        let known = runner
            .get_migrations()
            .iter()
            .map(|m| i64::from(m.version()))
            .max()
            .unwrap_or(0);
        let found = self.schema_version()?.unwrap_or(0);
        if found > known {
            return Err(Error::NewerSchema {
                path: self.path,
                found,
                known,
            });
        }
        if found < known {
            // Another process may be migrating the same file right now; if our run fails
            // because it got there first, its result is as good as ours.
            if let Err(e) = runner.set_grouped(true).run(&mut self.conn) {
                if self.schema_version()?.unwrap_or(0) < known {
                    return Err(e.into());
                }
            }
        }
        Ok(self)
    }
}

/// A database shared by the server's tasks. Calls run on the blocking pool so no async task
/// waits on SQLite, and no connection is held across an `.await`.
#[derive(Clone)]
pub struct SharedDb(std::sync::Arc<std::sync::Mutex<Db>>);

impl SharedDb {
    pub fn new(db: Db) -> Self {
        SharedDb(std::sync::Arc::new(std::sync::Mutex::new(db)))
    }

    pub async fn call<T, E, F>(&self, f: F) -> Result<T, E>
    where
        F: FnOnce(&mut Db) -> Result<T, E> + Send + 'static,
        T: Send + 'static,
        E: From<Error> + Send + 'static,
    {
        let db = self.0.clone();
        tokio::task::spawn_blocking(move || {
            // A panic while holding the lock leaves SQLite consistent (transactions roll back).
            let mut guard = db.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            f(&mut guard)
        })
        .await
        .map_err(|e| E::from(Error::Task(e.to_string())))?
    }
}

/// Notices changes that caches depend on, made by any connection in this process or another.
///
/// Whether anything at all was committed shows in SQLite's WAL-index header, which every commit
/// rewrites: while it reads the same, nothing was, and one `pread` answers. Otherwise `PRAGMA
/// data_version`, on a read-only connection of the calling thread (no lock shared between
/// threads), confirms it, and only then is the trigger-maintained `changes` counter read: audit
/// or session writes cost little and invalidate nothing.
pub struct ChangeWatch {
    path: PathBuf,
    /// The `-shm` file, whose first 96 bytes are two copies of the WAL-index header
    /// (<https://sqlite.org/walformat.html>). `None` if it cannot be opened: then the database
    /// is asked every time.
    shm: Option<std::fs::File>,
    /// Tells this watch's connections apart from other watches' on the same thread.
    id: u64,
    /// The highest `changes` counter any thread has read.
    counter: std::sync::atomic::AtomicI64,
}

struct WatchConnection {
    conn: Connection,
    data_version: i64,
    /// The WAL-index header as read just before the database was last asked.
    header: Option<[u8; 96]>,
}

thread_local! {
    static WATCH_CONNECTIONS: std::cell::RefCell<std::collections::HashMap<u64, WatchConnection>> =
        Default::default();
}

impl ChangeWatch {
    pub fn open(path: &Path) -> Result<ChangeWatch> {
        static IDS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let mut watch = ChangeWatch {
            path: path.to_owned(),
            shm: None,
            id: IDS.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            counter: std::sync::atomic::AtomicI64::new(i64::MIN),
        };
        // Fail now, at start-up, rather than at the first request. Reading also makes sure
        // the -shm file exists.
        watch.read()?;
        let mode: String =
            Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?
                .pragma_query_value(None, "journal_mode", |r| r.get(0))?;
        if mode.eq_ignore_ascii_case("wal") {
            let mut shm = path.as_os_str().to_owned();
            shm.push("-shm");
            watch.shm = std::fs::File::open(shm).ok();
        }
        Ok(watch)
    }

    /// Both copies of the WAL-index header, if they agree (they differ while a commit is
    /// writing them).
    fn wal_index_header(&self) -> Option<[u8; 96]> {
        use std::os::unix::fs::FileExt;
        let mut header = [0u8; 96];
        self.shm.as_ref()?.read_exact_at(&mut header, 0).ok()?;
        (header[..48] == header[48..]).then_some(header)
    }

    /// The database's change generation as of now: it grows with every commit that matters to
    /// caches. A cache entry made at one generation is good while the generation is the same.
    /// `None` when the database cannot be read: then nothing cached may be trusted.
    pub fn generation(&self) -> Option<i64> {
        self.read().ok()
    }

    fn read(&self) -> Result<i64> {
        use std::sync::atomic::Ordering;
        WATCH_CONNECTIONS.with(|connections| {
            let mut connections = connections.borrow_mut();
            let watch = match connections.entry(self.id) {
                std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                std::collections::hash_map::Entry::Vacant(e) => {
                    let conn = Connection::open_with_flags(
                        &self.path,
                        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
                    )?;
                    conn.busy_timeout(BUSY_TIMEOUT)?;
                    e.insert(WatchConnection {
                        conn,
                        data_version: i64::MIN,
                        header: None,
                    })
                }
            };
            // Read before asking the database, so what the database says is at least as new.
            let header = self.wal_index_header();
            if header.is_some() && header == watch.header {
                return Ok(self.counter.load(Ordering::Acquire));
            }
            let read = |sql: &str| -> rusqlite::Result<i64> {
                watch.conn.prepare_cached(sql)?.query_row([], |r| r.get(0))
            };
            let data_version = read("PRAGMA data_version")?;
            if data_version != watch.data_version {
                let counter = read("SELECT n FROM changes")?;
                self.counter.fetch_max(counter, Ordering::AcqRel);
                // Only now: if reading the counter failed, the next call reads it again.
                watch.data_version = data_version;
            }
            watch.header = header;
            Ok(self.counter.load(Ordering::Acquire))
        })
    }
}

/// The current time as stored in the database: unix seconds, UTC.
pub fn now() -> i64 {
    Utc::now().timestamp()
}

/// A point in time as stored (unix seconds); shown and serialised as RFC 3339.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Timestamp(pub i64);

impl Timestamp {
    pub fn now() -> Self {
        Self(now())
    }

    pub fn rfc3339(self) -> String {
        DateTime::<Utc>::from_timestamp(self.0, 0)
            .map(|t| t.to_rfc3339_opts(SecondsFormat::Secs, true))
            .unwrap_or_else(|| self.0.to_string())
    }
}

impl std::fmt::Display for Timestamp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.rfc3339())
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&self.rfc3339())
    }
}

impl FromSql for Timestamp {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        i64::column_result(value).map(Timestamp)
    }
}

impl ToSql for Timestamp {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.0))
    }
}

/// Reads a JSON column into a value, reporting bad JSON as a conversion error of that column.
fn json_column<T: serde::de::DeserializeOwned>(
    row: &rusqlite::Row<'_>,
    column: &str,
) -> rusqlite::Result<T> {
    let text: String = row.get(column)?;
    serde_json::from_str(&text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_change_watch_sees_commits_from_other_connections_on_every_thread() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.db");
        let mut db = Db::create(&path).unwrap();
        let watch = ChangeWatch::open(&path).unwrap();
        assert!(watch.wal_index_header().is_some(), "the -shm file is read");
        let first = watch.generation().unwrap();
        assert_eq!(watch.generation(), Some(first), "nothing changed");
        let mut seen = first;
        for round in 0..3 {
            db.write(|tx| settings::set(tx, "k", &round.to_string()))
                .unwrap();
            let now = watch.generation().unwrap();
            assert!(now > seen, "round {round}: a commit is noticed");
            assert_eq!(watch.generation(), Some(now), "round {round}: once");
            seen = now;
        }
        let mut other = Db::open(&path).unwrap();
        other.write(|tx| settings::set(tx, "k", "x")).unwrap();
        std::thread::scope(|s| {
            s.spawn(|| {
                let there = watch.generation().unwrap();
                assert!(
                    there > seen,
                    "another thread sees it through its own connection"
                );
            });
        });
        assert!(watch.generation().unwrap() > seen, "and so does this one");
        let before = watch.generation();
        audit::append(&db.conn, &audit::Event::new("test", "test")).unwrap();
        assert_eq!(
            watch.generation(),
            before,
            "audit rows change nothing cached"
        );
    }
}
