//! The command line: argument definitions, dispatch, printing and error reporting.
//! Each command group lives in its own file; commands return values and `Output` prints them.

mod allowlist;
mod audit;
mod backup;
mod client;
mod idp;
mod init;
mod output;
mod secret;
mod serve;
mod settings;
mod token;
mod upstream;
mod user;

use std::io::{self, BufRead, IsTerminal};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context as _, bail};
use clap::{Parser, Subcommand};

use crate::db::Db;
pub use output::{Output, Table};

/// A self-hosted OAuth 2.1 gate for MCP servers
///
/// mcpauth puts MCP tools behind a real login: an OAuth 2.1 authorization server, login and
/// consent pages, and protected MCP endpoints, in one binary over one SQLite file. Admin
/// commands change that file while the server runs.
#[derive(Debug, Parser)]
#[command(
    name = "mcpauth",
    version,
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    /// Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user's data directory]
    #[arg(
        long,
        global = true,
        env = "MCPAUTH_DB",
        hide_env_values = true,
        value_name = "PATH"
    )]
    pub db: Option<PathBuf>,

    /// Print JSON instead of tables (JSON Lines for audit tail)
    #[arg(long, global = true)]
    pub json: bool,

    /// Print only data and errors, no notes (serve: log warnings and errors only)
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,

    /// Log more (serve): -v debug, -vv trace
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create the database with its first administrator and signing key
    Init(init::Args),
    /// Run the authorization server, its pages and the MCP endpoints
    Serve(serve::Args),
    /// Manage the people who may sign in
    #[command(subcommand)]
    User(user::Command),
    /// Manage who may sign in through an identity provider
    #[command(subcommand)]
    Allowlist(allowlist::Command),
    /// Manage the identity providers people may sign in with (GitHub, Google, ...)
    #[command(subcommand)]
    Idp(idp::Command),
    /// Manage OAuth clients
    #[command(subcommand)]
    Client(client::Command),
    /// List and revoke granted access
    #[command(subcommand)]
    Token(token::Command),
    /// Read the audit log
    #[command(subcommand)]
    Audit(audit::Command),
    /// Manage token signing keys
    #[command(subcommand)]
    Secret(secret::Command),
    /// Manage the MCP servers mounted behind mcpauth
    #[command(subcommand)]
    Upstream(upstream::Command),
    /// Show and change settings
    #[command(subcommand)]
    Settings(settings::Command),
    /// Copy the database to a new file, safely while it is in use
    Backup(backup::Args),
}

/// What every command but `init` runs with.
pub struct Context {
    pub db: Db,
    pub out: Output,
    /// Who the audit log names for changes made here: `cli:` and the OS user.
    pub actor: String,
}

pub fn run(cli: Cli) -> anyhow::Result<()> {
    let out = Output::new(cli.json, cli.quiet);
    let path = match cli.db {
        Some(path) => path,
        None => crate::db::default_path()
            .context("cannot tell where the database lives: pass --db PATH or set MCPAUTH_DB")?,
    };
    let open = || -> anyhow::Result<Context> {
        Ok(Context {
            db: Db::open(&path)?,
            out,
            actor: actor(),
        })
    };
    match cli.command {
        Command::Init(args) => init::run(&path, args, &out),
        Command::Serve(args) => {
            let verbosity = if cli.quiet {
                -1
            } else {
                i8::try_from(cli.verbose).unwrap_or(i8::MAX)
            };
            serve::run(&path, args, verbosity)
        }
        Command::User(cmd) => cmd.run(&mut open()?),
        Command::Allowlist(cmd) => cmd.run(&mut open()?),
        Command::Idp(cmd) => cmd.run(&mut open()?),
        Command::Client(cmd) => cmd.run(&mut open()?),
        Command::Token(cmd) => cmd.run(&mut open()?),
        Command::Audit(cmd) => cmd.run(&mut open()?),
        Command::Secret(cmd) => cmd.run(&mut open()?),
        Command::Upstream(cmd) => cmd.run(&mut open()?),
        Command::Settings(cmd) => cmd.run(&mut open()?),
        Command::Backup(args) => args.run(&mut open()?),
    }
}

/// Who the audit log names for changes made from the command line.
fn actor() -> String {
    format!("cli:{}", whoami::username())
}

/// Prints an error as one line and picks the exit code; a closed pipe is not an error.
pub fn report(e: &anyhow::Error) -> ExitCode {
    let broken_pipe = e.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    });
    if broken_pipe {
        return ExitCode::SUCCESS;
    }
    eprintln!("error: {e:#}");
    ExitCode::FAILURE
}

/// One line of standard input, without its line ending.
fn stdin_line(what: &str) -> anyhow::Result<String> {
    let mut line = String::new();
    io::stdin()
        .lock()
        .read_line(&mut line)
        .with_context(|| format!("cannot read the {what} from standard input"))?;
    let value = line.trim_end_matches(['\n', '\r']).to_owned();
    if value.is_empty() {
        bail!("standard input held no {what}");
    }
    Ok(value)
}

/// A secret that must not appear in argv: from standard input, else asked on a terminal.
fn read_secret(from_stdin: bool, prompt: &str, flag: &str) -> anyhow::Result<String> {
    if from_stdin {
        return stdin_line(&prompt.to_lowercase());
    }
    if !io::stdin().is_terminal() {
        bail!(
            "no terminal to ask for the {}: pass {flag}",
            prompt.to_lowercase()
        );
    }
    Ok(dialoguer::Password::new().with_prompt(prompt).interact()?)
}

/// A new password: from standard input with `--password-stdin`, else asked twice on a terminal.
fn new_password(from_stdin: bool) -> anyhow::Result<String> {
    if from_stdin {
        return stdin_line("password");
    }
    if !io::stdin().is_terminal() {
        bail!("no terminal to ask for a password: pass --password-stdin (or --no-password)");
    }
    Ok(dialoguer::Password::new()
        .with_prompt("Password")
        .with_confirmation("Repeat password", "the passwords differ, try again")
        .validate_with(|p: &String| crate::crypto::check_password(p))
        .interact()?)
}
