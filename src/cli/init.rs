//! `mcpauth init`: create the database, its first administrator and signing key.

use std::io::{self, IsTerminal};
use std::net::SocketAddr;
use std::os::unix::fs::DirBuilderExt;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, anyhow, bail};
use dialoguer::Input;
use serde_json::json;

use super::Output;
use crate::db::{self, Db, audit, settings as stored, signing_keys, users};
use crate::email::Email;
use crate::oauth::keys;
use crate::settings::{self, DEFAULT_LISTEN};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Public base URL clients will reach this server at, e.g. https://mcp.example.com
    #[arg(
        long,
        env = "MCPAUTH_ISSUER",
        hide_env_values = true,
        value_name = "URL"
    )]
    issuer: Option<String>,

    /// Address and port to listen on [default: 127.0.0.1:8080]
    #[arg(
        long,
        env = "MCPAUTH_LISTEN",
        hide_env_values = true,
        value_name = "ADDR"
    )]
    listen: Option<String>,

    /// Email of the first administrator
    #[arg(
        long,
        env = "MCPAUTH_ADMIN",
        hide_env_values = true,
        value_name = "EMAIL"
    )]
    admin: Option<String>,

    /// Read the administrator's password from standard input
    #[arg(long, conflicts_with = "no_password")]
    password_stdin: bool,

    /// Give the administrator no password (sign-in through an identity provider only)
    #[arg(long)]
    no_password: bool,

    /// Directory the built-in file tools may use [default: files/ beside the database]
    #[arg(
        long,
        env = "MCPAUTH_FILES_ROOT",
        hide_env_values = true,
        value_name = "DIR"
    )]
    files_root: Option<PathBuf>,

    /// Ask nothing: take every value from flags and the environment
    #[arg(short, long)]
    yes: bool,
}

pub fn run(path: &Path, args: Args, out: &Output) -> anyhow::Result<()> {
    if path.exists() {
        return Err(db::Error::Exists(path.to_owned()).into());
    }
    let ask = !args.yes && io::stdin().is_terminal() && io::stderr().is_terminal();

    let listen = Prompt::new("--listen", "Listen address", |v| {
        settings::listen(v).map(drop)
    })
    .default(DEFAULT_LISTEN)
    .value(args.listen, ask)?;
    let listen = settings::listen(&listen).map_err(|e| anyhow!("--listen: {e}"))?;
    let issuer = Prompt::new("--issuer", "Public URL (issuer)", |v| {
        settings::issuer(v).map(drop)
    })
    .default(&default_issuer(listen))
    .value(args.issuer, ask)?;
    let issuer = settings::issuer(&issuer).map_err(|e| anyhow!("--issuer: {e}"))?;
    let admin = Prompt::new("--admin EMAIL", "Administrator email", |v| {
        Email::parse(v).map(drop).map_err(|e| e.to_string())
    })
    .value(args.admin, ask)?;
    let admin = Email::parse(&admin)?;
    let password_hash = if args.no_password {
        None
    } else if args.password_stdin || ask {
        let password = super::new_password(args.password_stdin)?;
        Some(crate::crypto::hash_password(&password)?)
    } else {
        bail!(
            "no password for {admin}: pass --password-stdin, or --no-password to sign in through an identity provider only"
        );
    };
    let default_root = path.with_file_name("files");
    let files_root = Prompt::new(
        "--files-root",
        "Directory for the built-in file tools",
        |_| Ok(()),
    )
    .default(&default_root.display().to_string())
    .value(args.files_root.map(|p| p.display().to_string()), ask)?;
    let files_root = PathBuf::from(files_root);
    let files_root = prepare_files_root(&files_root)?;
    let key = keys::generate_es256()?;

    let mut db = Db::create(path)?;
    let issuer_str = settings::issuer_string(&issuer);
    let created = db.write(|tx| -> db::Result<()> {
        stored::set(tx, settings::ISSUER, &issuer_str)?;
        stored::set(tx, settings::LISTEN, &listen.to_string())?;
        stored::set(tx, settings::FILES_ROOT, &files_root.display().to_string())?;
        for s in settings::ALL {
            if let (Some(default), None) = (s.default, stored::get(tx, s.key)?) {
                stored::set(tx, s.key, default)?;
            }
        }
        signing_keys::insert(tx, &key)?;
        users::insert(tx, &admin, password_hash.as_deref(), users::Role::Admin)?;
        audit::append(
            tx,
            &audit::Event::new("init", super::actor())
                .user(admin.as_str())
                .detail(json!({ "issuer": issuer_str, "signing_key": key.kid })),
        )
    });
    if let Err(e) = created {
        drop(db);
        remove_database(path);
        return Err(e.into());
    }

    if out.is_json() {
        out.json_value(&json!({
            "db": path, "issuer": issuer_str, "listen": listen.to_string(), "admin": admin.as_str(),
            "files_root": files_root, "signing_key": key.kid,
        }))?;
    }
    if issuer.scheme() == "http" && !crate::oauth::redirect_uri::is_loopback_host(&issuer) {
        out.note(format!(
            "warning: {issuer_str} is plain http; ChatGPT and Claude only connect over https, so put mcpauth behind TLS (--tls-cert, a reverse proxy, or 'tailscale serve')"
        ));
    }
    out.note(next_steps(path, &issuer_str, &admin, &files_root));
    Ok(())
}

/// One value `init` needs: a flag's value, else the answer to a prompt on a terminal (asked
/// again until `check` accepts it), else the default.
struct Prompt<'a> {
    flag: &'a str,
    question: &'a str,
    default: Option<String>,
    check: fn(&str) -> Result<(), String>,
}

impl<'a> Prompt<'a> {
    fn new(flag: &'a str, question: &'a str, check: fn(&str) -> Result<(), String>) -> Self {
        Prompt {
            flag,
            question,
            default: None,
            check,
        }
    }

    fn default(mut self, value: &str) -> Self {
        self.default = Some(value.to_owned());
        self
    }

    fn value(self, given: Option<String>, ask: bool) -> anyhow::Result<String> {
        if let Some(v) = given {
            return Ok(v);
        }
        if ask {
            let check = self.check;
            let mut input = Input::<String>::new()
                .with_prompt(self.question)
                .validate_with(move |v: &String| check(v.trim()));
            if let Some(d) = self.default {
                input = input.default(d);
            }
            return Ok(input.interact_text()?.trim().to_owned());
        }
        self.default.ok_or_else(|| {
            anyhow!(
                "missing {}: no terminal to ask on, so pass it as a flag (or MCPAUTH_* variable)",
                self.flag
            )
        })
    }
}

fn default_issuer(listen: SocketAddr) -> String {
    if listen.ip().is_unspecified() || listen.ip().is_loopback() {
        format!("http://localhost:{}", listen.port())
    } else {
        format!("http://{listen}")
    }
}

/// The files root as an absolute path, created (0700) when missing.
fn prepare_files_root(dir: &Path) -> anyhow::Result<PathBuf> {
    if !dir.exists() {
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
            .with_context(|| format!("cannot create the files directory {}", dir.display()))?;
    }
    if !dir.is_dir() {
        bail!("--files-root {} is not a directory", dir.display());
    }
    dir.canonicalize()
        .with_context(|| format!("cannot resolve the files directory {}", dir.display()))
}

fn remove_database(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(p);
    }
}

fn next_steps(path: &Path, issuer: &str, admin: &Email, files_root: &Path) -> String {
    let db = path.display();
    format!(
        "\
Created {db}
  administrator  {admin}
  issuer         {issuer}
  file tools in  {}

Next steps:
  1. Start the server:      mcpauth --db {db} serve
  2. Make {issuer} reachable over https (reverse proxy, --tls-cert, or 'tailscale serve').
  3. Connect a client to    {issuer}/mcp
       ChatGPT      Settings > Connectors > Create, MCP server URL {issuer}/mcp
       Claude       Settings > Connectors > Add custom connector, {issuer}/mcp
       Claude Code  claude mcp add --transport http mcpauth {issuer}/mcp
  Others may sign in after 'mcpauth user add EMAIL' or 'mcpauth allowlist add @your.domain'.",
        files_root.display()
    )
}
