//! mcpauth: a self-hosted OAuth 2.1 gate for MCP servers. One binary, one SQLite file.
//!
//! `cli` parses and runs the admin commands; `db` owns the SQLite file and all SQL; `oauth`
//! holds the authorization server's pieces.

pub mod cli;
pub mod crypto;
pub mod db;
pub mod email;
pub mod oauth;
pub mod settings;
