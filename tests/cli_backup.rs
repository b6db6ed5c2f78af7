use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::util::*;

#[test]
fn backup_while_another_process_writes_keeps_every_committed_row() {
    let env = Arc::new(Env::init());
    let committed = Arc::new(AtomicUsize::new(0));
    let writer = {
        let (env, committed) = (Arc::clone(&env), Arc::clone(&committed));
        std::thread::spawn(move || {
            for i in 0..40 {
                env.mcpauth([
                    "user",
                    "add",
                    &format!("w{i:02}@example.com"),
                    "--no-password",
                ])
                .succeeds();
                committed.store(i + 1, Ordering::SeqCst);
            }
        })
    };
    let deadline = Instant::now() + Duration::from_secs(60);
    while committed.load(Ordering::SeqCst) < 10 {
        assert!(Instant::now() < deadline, "the writer made no progress");
        std::thread::sleep(Duration::from_millis(20));
    }
    let before = committed.load(Ordering::SeqCst);
    let backup = env.path("copy.db");
    env.mcpauth(["backup"]).arg(&backup).succeeds();
    writer.join().unwrap();

    assert_eq!(mode(&backup), 0o600);
    let copy = env.bare(["--db"]).arg(&backup).args_json(["user", "list"]);
    let emails = field(&copy, "email");
    for i in 0..before {
        let email = format!("w{i:02}@example.com");
        assert!(
            emails.contains(&email.as_str()),
            "{email} was committed before the backup began"
        );
    }
    let c = rusqlite::Connection::open(&backup).unwrap();
    let check: String = c
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    assert_eq!(env.audit("backup.created").len(), 1);
}

#[test]
fn backup_never_overwrites() {
    let env = Env::init();
    let target = env.path("existing.db");
    std::fs::write(&target, b"precious").unwrap();
    env.mcpauth(["backup"])
        .arg(&target)
        .fails_with("already exists");
    assert_eq!(std::fs::read(&target).unwrap(), b"precious");
    env.mcpauth(["backup"])
        .arg(env.path("no/such/dir/x.db"))
        .fails_with("cannot open");
}

trait ArgsJson {
    fn args_json(self, args: [&str; 2]) -> serde_json::Value;
}

impl ArgsJson for Run {
    fn args_json(self, args: [&str; 2]) -> serde_json::Value {
        self.arg(args[0]).arg(args[1]).arg("--json").json()
    }
}
