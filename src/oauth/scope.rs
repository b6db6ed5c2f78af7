//! Scopes: what mcpauth knows, what a request gets, how they read on the consent page.

use std::collections::BTreeSet;
use std::fmt;

pub const READ: &str = "mcp:read";
pub const WRITE: &str = "mcp:write";
pub const OFFLINE: &str = "offline_access";
pub const OPENID: &str = "openid";

/// Every scope mcpauth grants, with what it means to the person asked.
pub const KNOWN: &[(&str, &str)] = &[
    (READ, "List tools and use the ones that only read"),
    (WRITE, "Use tools that change things"),
    (OFFLINE, "Stay connected without asking you again"),
    (OPENID, "Know who you are"),
    ("email", "See your email address"),
    ("profile", "See your profile"),
];

/// The scopes of an MCP resource, granted when a request names none.
pub const RESOURCE: &[&str] = &[READ, WRITE];

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scopes(BTreeSet<String>);

impl Scopes {
    /// Space-separated scopes exactly as given.
    pub fn parse(raw: &str) -> Scopes {
        Scopes(raw.split_whitespace().map(str::to_owned).collect())
    }

    /// What an authorization request gets: unknown scopes are dropped rather than refused
    /// (clients ask for scopes of other servers), and a request naming no resource scope gets
    /// the resource's scopes.
    pub fn requested(raw: Option<&str>) -> Scopes {
        let mut scopes: BTreeSet<String> = Scopes::parse(raw.unwrap_or(""))
            .0
            .into_iter()
            .filter(|s| KNOWN.iter().any(|(k, _)| k == s))
            .collect();
        if !RESOURCE.iter().any(|r| scopes.contains(*r)) {
            scopes.extend(RESOURCE.iter().map(|s| s.to_string()));
        }
        Scopes(scopes)
    }

    pub fn contains(&self, scope: &str) -> bool {
        self.0.contains(scope)
    }

    pub fn is_subset(&self, other: &Scopes) -> bool {
        self.0.is_subset(&other.0)
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(String::as_str)
    }

    /// (scope, description) for the consent page.
    pub fn described(&self) -> Vec<(String, &'static str)> {
        self.iter()
            .map(|s| {
                let about = KNOWN.iter().find(|(k, _)| *k == s).map_or("", |(_, d)| *d);
                (s.to_owned(), about)
            })
            .collect()
    }
}

impl fmt::Display for Scopes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let joined: Vec<&str> = self.iter().collect();
        f.write_str(&joined.join(" "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_scopes_are_dropped_and_defaults_added() {
        assert_eq!(Scopes::requested(None).to_string(), "mcp:read mcp:write");
        assert_eq!(
            Scopes::requested(Some("offline_access")).to_string(),
            "mcp:read mcp:write offline_access"
        );
        assert_eq!(
            Scopes::requested(Some("mcp:read repo admin")).to_string(),
            "mcp:read"
        );
        assert!(Scopes::parse("mcp:read").is_subset(&Scopes::parse("mcp:read mcp:write")));
    }
}
