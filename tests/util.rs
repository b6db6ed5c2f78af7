//! Test helpers: a temporary directory with a database, and a runner for the real binary.

use std::ffi::OsStr;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;
use tempfile::TempDir;

pub const BIN: &str = env!("CARGO_BIN_EXE_mcpauth");
pub const ADMIN: &str = "admin@example.com";
pub const PASSWORD: &str = "correct horse battery";

/// How the audit log names changes made by the CLI in these tests.
pub fn cli_actor() -> String {
    format!("cli:{}", whoami::username())
}

/// A temporary home with a database path in it.
pub struct Env {
    pub dir: TempDir,
    pub db: PathBuf,
}

impl Env {
    /// An empty directory: no database yet.
    pub fn empty() -> Env {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("state").join("mcpauth.db");
        Env { dir, db }
    }

    /// A database made by a non-interactive `init`, with ADMIN as administrator.
    pub fn init() -> Env {
        let env = Env::empty();
        env.mcpauth(["init", "--yes", "--admin", ADMIN, "--password-stdin"])
            .stdin(PASSWORD)
            .succeeds();
        env
    }

    /// The binary with `--db` pointing at this env's database.
    pub fn mcpauth<I, S>(&self, args: I) -> Run
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut run = self.bare(["--db".as_ref(), self.db.as_os_str()]);
        run.cmd.args(args);
        run
    }

    /// The binary with a clean environment whose HOME is this env's directory, and no `--db`.
    pub fn bare<I, S>(&self, args: I) -> Run
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut cmd = Command::new(BIN);
        cmd.args(args)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.dir.path())
            .current_dir(self.dir.path());
        Run { cmd, stdin: None }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// `--json` output of a command that must succeed.
    pub fn json<I, S>(&self, args: I) -> Value
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.mcpauth(args).arg("--json").json()
    }

    /// The audit events of a kind or family (all of them for ""), oldest first.
    pub fn audit(&self, kind: &str) -> Vec<Value> {
        let mut run = self.mcpauth(["audit", "tail", "-n", "100000", "--json"]);
        if !kind.is_empty() {
            run = run.arg("--event").arg(kind);
        }
        let out = run.succeeds();
        out.lines()
            .map(|l| serde_json::from_str(l).expect("audit tail --json prints JSON Lines"))
            .collect()
    }
}

pub struct Run {
    pub cmd: Command,
    stdin: Option<String>,
}

impl Run {
    pub fn arg(mut self, arg: impl AsRef<OsStr>) -> Run {
        self.cmd.arg(arg);
        self
    }

    pub fn env(mut self, key: &str, value: impl AsRef<OsStr>) -> Run {
        self.cmd.env(key, value);
        self
    }

    pub fn stdin(mut self, input: &str) -> Run {
        self.stdin = Some(input.to_owned());
        self
    }

    pub fn output(mut self) -> Output {
        self.cmd
            .stdin(if self.stdin.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = self.cmd.spawn().expect("spawn mcpauth");
        if let Some(input) = self.stdin {
            // A command may fail before it reads its input; a closed pipe is then expected.
            let mut stdin = child.stdin.take().expect("stdin");
            let _ = stdin.write_all(format!("{input}\n").as_bytes());
        }
        child.wait_with_output().expect("wait for mcpauth")
    }

    /// Runs, asserts exit 0, returns stdout.
    pub fn succeeds(self) -> String {
        let what = format!("{:?}", self.cmd);
        let out = self.output();
        assert!(
            out.status.success(),
            "{what} failed ({}):\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8 stdout")
    }

    /// Runs a command that must succeed and parses its stdout as JSON.
    pub fn json(self) -> Value {
        let stdout = self.succeeds();
        serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {stdout}"))
    }

    /// Runs, asserts exit 1 with one line on stderr containing `needle`; returns that line.
    pub fn fails_with(self, needle: &str) -> String {
        self.fails_with_code(1, needle)
    }

    pub fn fails_with_code(self, code: i32, needle: &str) -> String {
        let what = format!("{:?}", self.cmd);
        let out = self.output();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(
            out.status.code(),
            Some(code),
            "{what}: unexpected exit; stderr:\n{stderr}"
        );
        assert!(
            stderr.contains(needle),
            "{what}: stderr lacks {needle:?}:\n{stderr}"
        );
        if code == 1 {
            assert_eq!(
                stderr.trim_end().lines().count(),
                1,
                "{what}: error is not one line:\n{stderr}"
            );
            assert!(stderr.starts_with("error: "), "{what}: {stderr}");
            assert!(!stderr.contains("panicked"), "{what}: {stderr}");
        }
        stderr
    }
}

/// The `field` of every object in a JSON array.
pub fn field<'a>(list: &'a Value, field: &str) -> Vec<&'a str> {
    list.as_array()
        .expect("a JSON array")
        .iter()
        .map(|v| v[field].as_str().expect("a string field"))
        .collect()
}

pub fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path)
        .expect("metadata")
        .permissions()
        .mode()
        & 0o777
}
