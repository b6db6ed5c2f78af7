use std::process::{Child, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use mcpauth::db::Db;
use mcpauth::db::audit::{self, Event};

use crate::util::*;

#[test]
fn thirty_admin_commands_at_once_all_succeed_and_lose_nothing() {
    let env = Env::init();
    // A long-lived reader and a steady writer stand in for a serving process.
    let mut follower = env.mcpauth(["audit", "tail", "-f", "-n", "0"]).cmd;
    let mut follower = follower
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let background = {
        let (path, stop) = (env.db.clone(), Arc::clone(&stop));
        std::thread::spawn(move || {
            let mut db = Db::open(&path).unwrap();
            let mut writes = 0;
            while !stop.load(Ordering::SeqCst) && writes < 10_000 {
                db.write(|tx| audit::append(tx, &Event::new("test.background", "test")))
                    .unwrap();
                writes += 1;
            }
            writes
        })
    };

    let mut children: Vec<(String, Child)> = Vec::new();
    for i in 0..10 {
        let runs = [
            env.mcpauth(["user", "add", &format!("u{i}@example.com"), "--no-password"]),
            env.mcpauth(["allowlist", "add", &format!("@d{i}.example.com")]),
            env.mcpauth(["audit", "tail", "-n", "5", "--json"]),
        ];
        for mut run in runs {
            let name = format!("{:?}", run.cmd);
            let child = run
                .cmd
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            children.push((name, child));
        }
    }
    for (name, child) in children {
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{name} failed: {stderr}");
        assert!(!stderr.contains("locked"), "{name}: {stderr}");
    }
    stop.store(true, Ordering::SeqCst);
    assert!(background.join().unwrap() > 0);
    follower.kill().unwrap();
    let _ = follower.wait();

    assert_eq!(env.json(["user", "list"]).as_array().unwrap().len(), 11);
    assert_eq!(
        env.json(["allowlist", "list"]).as_array().unwrap().len(),
        10
    );
    assert_eq!(env.audit("user.added").len(), 10);
    assert_eq!(env.audit("allowlist.added").len(), 10);
}
