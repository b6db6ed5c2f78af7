//! The settings mcpauth knows: their keys, defaults, and how a value is checked.

use std::net::SocketAddr;
use std::time::Duration;

use url::Url;

#[derive(Debug, thiserror::Error)]
pub enum Invalid {
    #[error("unknown setting '{0}' — 'mcpauth settings list' shows them all")]
    UnknownKey(String),
    #[error("{key}: {reason}")]
    Value { key: &'static str, reason: String },
}

/// One known setting.
pub struct Setting {
    pub key: &'static str,
    pub default: Option<&'static str>,
    pub about: &'static str,
    check: fn(&str) -> Result<String, String>,
}

pub const ISSUER: &str = "issuer";
pub const LISTEN: &str = "listen";
pub const FILES_ROOT: &str = "files_root";
pub const ACCESS_TOKEN_TTL: &str = "access_token_ttl";
pub const REFRESH_TOKEN_TTL: &str = "refresh_token_ttl";
pub const AUTH_CODE_TTL: &str = "auth_code_ttl";
pub const UPSTREAM_IDLE_TIMEOUT: &str = "upstream_idle_timeout";
pub const TRUSTED_PROXIES: &str = "trusted_proxies";
pub const PASSWORD_LOGIN: &str = "password_login";
pub const GITHUB_URL: &str = "github_url";
pub const GITHUB_API_URL: &str = "github_api_url";
pub const GOOGLE_ISSUER: &str = "google_issuer";
pub const MICROSOFT_URL: &str = "microsoft_url";

pub const DEFAULT_LISTEN: &str = "127.0.0.1:8080";

pub static ALL: &[Setting] = &[
    Setting {
        key: ISSUER,
        default: None,
        about: "Public base URL clients reach mcpauth at",
        check: |v| issuer(v).map(|u| issuer_string(&u)),
    },
    Setting {
        key: LISTEN,
        default: Some(DEFAULT_LISTEN),
        about: "Address and port to listen on",
        check: |v| listen(v).map(|a| a.to_string()),
    },
    Setting {
        key: FILES_ROOT,
        default: None,
        about: "Directory the built-in file tools may use",
        check: |v| {
            if v.starts_with('/') {
                Ok(v.trim_end_matches('/').to_owned())
                    .map(|s| if s.is_empty() { "/".into() } else { s })
            } else {
                Err("must be an absolute path".into())
            }
        },
    },
    Setting {
        key: ACCESS_TOKEN_TTL,
        default: Some("3600"),
        about: "Access token lifetime in seconds (or 1h, 30m, ...)",
        check: |v| duration(v, Duration::from_secs(60)),
    },
    Setting {
        key: REFRESH_TOKEN_TTL,
        default: Some("2592000"),
        about: "Refresh token lifetime in seconds (or 30d, ...)",
        check: |v| duration(v, Duration::from_secs(60)),
    },
    Setting {
        key: AUTH_CODE_TTL,
        default: Some("60"),
        about: "Authorization code lifetime in seconds",
        check: |v| duration(v, Duration::from_secs(10)),
    },
    Setting {
        key: TRUSTED_PROXIES,
        default: Some(""),
        about: "Reverse proxies whose X-Forwarded-For is believed (addresses or CIDRs, comma-separated)",
        check: |v| {
            trusted_proxies(v).map(|nets| {
                nets.iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(",")
            })
        },
    },
    Setting {
        key: PASSWORD_LOGIN,
        default: Some("on"),
        about: "Offer the password form on the sign-in page (on|off; with no identity provider it stays on)",
        check: |v| match v {
            "on" | "off" => Ok(v.to_owned()),
            _ => Err(format!("'{v}' must be on or off")),
        },
    },
    Setting {
        key: GITHUB_URL,
        default: Some("https://github.com"),
        about: "GitHub's sign-in site (GitHub Enterprise: https://HOST)",
        check: base_url,
    },
    Setting {
        key: GITHUB_API_URL,
        default: Some("https://api.github.com"),
        about: "GitHub's API (GitHub Enterprise: https://HOST/api/v3)",
        check: base_url,
    },
    Setting {
        key: GOOGLE_ISSUER,
        default: Some("https://accounts.google.com"),
        about: "Google's OpenID Connect issuer",
        check: base_url,
    },
    Setting {
        key: MICROSOFT_URL,
        default: Some("https://login.microsoftonline.com"),
        about: "Microsoft's sign-in authority (the tenant and /v2.0 are added to it)",
        check: base_url,
    },
    Setting {
        key: UPSTREAM_IDLE_TIMEOUT,
        default: Some("600"),
        about: "Seconds an idle stdio upstream process is kept (or 10m, ...)",
        check: |v| duration(v, Duration::from_secs(5)),
    },
];

pub fn find(key: &str) -> Result<&'static Setting, Invalid> {
    ALL.iter()
        .find(|s| s.key == key)
        .ok_or_else(|| Invalid::UnknownKey(key.to_owned()))
}

/// Checks `value` for `key` and returns the form to store.
pub fn normalize(key: &str, value: &str) -> Result<String, Invalid> {
    let setting = find(key)?;
    (setting.check)(value.trim()).map_err(|reason| Invalid::Value {
        key: setting.key,
        reason,
    })
}

/// An issuer URL: http(s), no query or fragment, stored without a trailing slash.
pub fn issuer(value: &str) -> Result<Url, String> {
    let mut url = Url::parse(value).map_err(|e| format!("'{value}' is not a URL ({e})"))?;
    if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
        return Err(format!("'{value}' must be an http:// or https:// URL"));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(format!("'{value}' must not have a query or fragment"));
    }
    let path = url.path().trim_end_matches('/').to_owned();
    url.set_path(&path);
    Ok(url)
}

/// The issuer as stored: its URL without a trailing slash.
pub fn issuer_string(url: &Url) -> String {
    url.as_str().trim_end_matches('/').to_owned()
}

/// A provider's base URL: like an issuer.
fn base_url(value: &str) -> Result<String, String> {
    issuer(value).map(|u| issuer_string(&u))
}

/// A setting as stored, else its default.
pub fn value(c: &rusqlite::Connection, key: &str) -> crate::db::Result<String> {
    let stored = crate::db::settings::get(c, key)?;
    Ok(stored
        .or_else(|| find(key).ok().and_then(|s| s.default.map(str::to_owned)))
        .unwrap_or_default())
}

/// `127.0.0.1, 10.0.0.0/8, ::1` → networks; an address alone is a single-host network.
pub fn trusted_proxies(value: &str) -> Result<Vec<ipnet::IpNet>, String> {
    value
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| {
            p.parse::<ipnet::IpNet>()
                .or_else(|_| p.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
                .map_err(|_| format!("'{p}' is not an IP address or CIDR such as 10.0.0.0/8"))
        })
        .collect()
}

pub fn listen(value: &str) -> Result<SocketAddr, String> {
    value.parse().map_err(|_| {
        format!("'{value}' is not an address and port such as 127.0.0.1:8080 or [::]:8080")
    })
}

/// A lifetime setting in seconds, as stored, else its default.
pub fn seconds(c: &rusqlite::Connection, key: &str) -> crate::db::Result<i64> {
    let stored = crate::db::settings::get(c, key)?;
    let default = find(key).ok().and_then(|s| s.default);
    Ok(stored
        .as_deref()
        .or(default)
        .and_then(|v| v.parse().ok())
        .unwrap_or(60))
}

fn duration(value: &str, min: Duration) -> Result<String, String> {
    let d = match value.parse::<u64>() {
        Ok(secs) => Duration::from_secs(secs),
        Err(_) => humantime::parse_duration(value).map_err(|_| {
            format!("'{value}' is not a duration: use seconds or e.g. 90s, 1h, 30d")
        })?,
    };
    if d < min {
        return Err(format!(
            "'{value}' is too short: at least {}s",
            min.as_secs()
        ));
    }
    Ok(d.as_secs().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_checked_and_normalised() {
        assert_eq!(normalize("access_token_ttl", "1h").unwrap(), "3600");
        assert_eq!(normalize("refresh_token_ttl", "30d").unwrap(), "2592000");
        assert!(normalize("auth_code_ttl", "1s").is_err());
        assert_eq!(
            normalize("issuer", "https://Auth.Example.com/").unwrap(),
            "https://auth.example.com"
        );
        assert!(normalize("issuer", "ftp://x").is_err());
        assert!(normalize("listen", "localhost").is_err());
        assert!(matches!(
            normalize("nope", "1"),
            Err(Invalid::UnknownKey(_))
        ));
    }

    #[test]
    fn issuer_loses_its_trailing_slash() {
        assert_eq!(
            issuer_string(&issuer("https://x.example/").unwrap()),
            "https://x.example"
        );
        assert_eq!(
            issuer_string(&issuer("https://x.example/auth/").unwrap()),
            "https://x.example/auth"
        );
    }
}
