//! mcpauth's integration tests: they run the real binary against temporary databases.

// Panicking on a broken expectation is how a test fails.
#![allow(clippy::unwrap_used)]

mod harness;
mod upstream;
mod util;

mod cli_allowlist;
mod cli_audit;
mod cli_backup;
mod cli_client;
mod cli_idp;
mod cli_init;
mod cli_secret;
mod cli_settings;
mod cli_token;
mod cli_upstream;
mod cli_user;
mod concurrency;
mod db_open;
mod e2e;
mod generated;
mod idp_github;
mod idp_oidc;
mod mcp_builtin;
mod mcp_proxy;
mod mcp_stdio;
mod pkjwt;
mod serve_process;
mod server_clients;
mod server_flow;
mod server_refusals;
