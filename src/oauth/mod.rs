//! OAuth 2.1 authorization server pieces.

pub mod keys;
pub mod redirect_uri;
