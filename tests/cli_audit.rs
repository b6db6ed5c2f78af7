use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use mcpauth::db::Db;
use mcpauth::db::audit::{self, Event};

use crate::util::*;

#[test]
fn tail_shows_the_last_events_filtered_by_kind_family_or_user() {
    let env = Env::init();
    env.mcpauth(["user", "add", "bob@example.com", "--no-password"])
        .succeeds();
    env.mcpauth(["user", "disable", "bob@example.com"])
        .succeeds();
    env.mcpauth(["allowlist", "add", "@example.org"]).succeeds();

    let lines = env
        .mcpauth(["audit", "tail", "-n", "2", "--json"])
        .succeeds();
    let events: Vec<serde_json::Value> = lines
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(events.len(), 2);
    assert_eq!(events[0]["event"], "user.disabled");
    assert_eq!(events[1]["event"], "allowlist.added");
    assert!(
        events[0]["id"].as_i64() < events[1]["id"].as_i64(),
        "oldest first"
    );
    for key in [
        "id",
        "at",
        "event",
        "actor",
        "user",
        "client_id",
        "ip",
        "detail",
    ] {
        assert!(events[0].get(key).is_some(), "event lacks {key}");
    }

    assert_eq!(env.audit("user").len(), 2, "a family matches its kinds");
    assert_eq!(env.audit("user.added").len(), 1);
    assert_eq!(
        env.audit("use").len(),
        0,
        "a family is a whole dotted prefix"
    );
    let bobs = env
        .mcpauth(["audit", "tail", "--json", "--user", "BOB@example.com"])
        .succeeds();
    assert_eq!(bobs.lines().count(), 2);

    let table = env.mcpauth(["audit", "tail"]).succeeds();
    assert!(
        table.contains("EVENT") && table.contains("user.disabled") && table.contains("init"),
        "{table}"
    );
}

#[test]
fn follow_prints_events_other_processes_write_and_stops_cleanly_on_ctrl_c() {
    let env = Env::init();
    let mut follower = env
        .mcpauth(["audit", "tail", "-f", "-n", "1", "--json"])
        .cmd;
    let mut child = follower
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let next = || -> serde_json::Value {
        let line = rx
            .recv_timeout(Duration::from_secs(20))
            .expect("a line from audit tail -f");
        serde_json::from_str(&line).unwrap()
    };
    assert_eq!(next()["event"], "init", "the last event first");

    env.mcpauth(["user", "add", "bob@example.com", "--no-password"])
        .succeeds();
    let e = next();
    assert_eq!(
        (e["event"].as_str(), e["user"].as_str()),
        (Some("user.added"), Some("bob@example.com"))
    );
    env.mcpauth(["allowlist", "add", "@example.org"]).succeeds();
    assert_eq!(next()["event"], "allowlist.added");

    let status = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "Ctrl-C ends the follow cleanly");
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_closed_pipe_ends_tail_quietly() {
    let env = Env::init();
    let mut db = Db::open(&env.db).unwrap();
    db.write(|tx| {
        for i in 0..3000 {
            audit::append(
                tx,
                &Event::new("test.filler", "test").detail(serde_json::json!({ "i": i })),
            )?;
        }
        Ok::<_, mcpauth::db::Error>(())
    })
    .unwrap();
    let script = format!(
        "set -o pipefail; '{BIN}' --db '{}' audit tail -n 3000 --json | head -n 1 >/dev/null",
        env.db.display()
    );
    let out = Command::new("bash").args(["-c", &script]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
