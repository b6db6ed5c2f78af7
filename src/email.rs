//! Email addresses and allowlist patterns: parsing, normalisation (lower case) and matching.

use std::fmt;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum Invalid {
    #[error("'{0}' is not an email address: expected name@example.com")]
    Email(String),
    #[error(
        "'{0}' is not an allowlist pattern: expected an email (me@example.com) or a domain (@example.com)"
    )]
    Pattern(String),
}

/// A syntactically valid email address, in lower case.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Email(String);

impl Email {
    pub fn parse(input: &str) -> Result<Self, Invalid> {
        let email = input.trim().to_ascii_lowercase();
        let valid = email
            .split_once('@')
            .is_some_and(|(local, domain)| is_local_part(local) && is_domain(domain));
        if valid {
            Ok(Email(email))
        } else {
            Err(Invalid::Email(input.to_owned()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Who may sign in through an identity provider: one address, or everyone at a domain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AllowPattern {
    Email(Email),
    Domain(String),
}

impl AllowPattern {
    /// Accepts `me@example.com`, `@example.com` and `*@example.com`, in any case.
    pub fn parse(input: &str) -> Result<Self, Invalid> {
        let trimmed = input.trim();
        let domain = trimmed
            .strip_prefix("*@")
            .or_else(|| trimmed.strip_prefix('@'));
        match domain {
            Some(d) if is_domain(&d.to_ascii_lowercase()) => {
                Ok(AllowPattern::Domain(d.to_ascii_lowercase()))
            }
            Some(_) => Err(Invalid::Pattern(input.to_owned())),
            None => Email::parse(trimmed)
                .map(AllowPattern::Email)
                .map_err(|_| Invalid::Pattern(input.to_owned())),
        }
    }
}

impl fmt::Display for AllowPattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AllowPattern::Email(e) => e.fmt(f),
            AllowPattern::Domain(d) => write!(f, "@{d}"),
        }
    }
}

// RFC 5322 dot-atom, which is what real addresses use; quoted local parts are not accepted.
fn is_local_part(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && !s.starts_with('.')
        && !s.ends_with('.')
        && !s.contains("..")
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c))
}

// A DNS name with at least two labels (internationalised names in their punycode form).
fn is_domain(s: &str) -> bool {
    let labels: Vec<&str> = s.split('.').collect();
    s.len() <= 253
        && labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_lowercased_and_checked() {
        assert_eq!(
            Email::parse(" Me@Example.COM ").unwrap().as_str(),
            "me@example.com"
        );
        for bad in [
            "",
            "me",
            "me@",
            "@x.com",
            "me@x",
            "a b@x.com",
            "me@-x.com",
            "a..b@x.com",
            "me@x..com",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad:?} should be rejected");
        }
    }

    #[test]
    fn patterns_are_an_address_or_a_domain() {
        let domain = |d: &str| AllowPattern::Domain(d.into());
        assert_eq!(
            AllowPattern::parse("@Example.com").unwrap(),
            domain("example.com")
        );
        assert_eq!(
            AllowPattern::parse("*@example.com").unwrap(),
            domain("example.com")
        );
        let me = AllowPattern::Email(Email::parse("me@example.com").unwrap());
        assert_eq!(AllowPattern::parse("ME@example.com").unwrap(), me);
        assert_eq!(
            AllowPattern::parse("@sub.example.com").unwrap(),
            domain("sub.example.com")
        );
        for bad in [
            "example.com",
            "@",
            "@localhost",
            "*@",
            "me@@x.com",
            "%@x.com@",
        ] {
            assert!(
                AllowPattern::parse(bad).is_err(),
                "{bad:?} should be rejected"
            );
        }
    }
}
