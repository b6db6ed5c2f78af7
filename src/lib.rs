//! mcpauth: a self-hosted OAuth 2.1 gate for MCP servers. One binary, one SQLite file.
//!
//! `cli` parses and runs the commands; `db` owns the SQLite file and all SQL; `server`
//! assembles the HTTP routes served by `oauth` (the authorization server), `web` (pages) and
//! `mcp` (the protected MCP endpoints).

pub mod cli;
pub mod crypto;
pub mod db;
pub mod email;
pub mod limit;
pub mod mcp;
pub mod oauth;
pub mod server;
pub mod settings;
pub mod web;
