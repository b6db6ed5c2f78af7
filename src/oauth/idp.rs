//! Signing in through another identity provider: GitHub, Google, Microsoft or any OpenID
//! Connect provider. Here mcpauth is the OAuth client (authorization code with PKCE and state,
//! plus a nonce for OpenID Connect); what it takes away is the account's subject and email,
//! and whether the provider vouches for that email.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use jsonwebtoken::jwk::JwkSet;
use jsonwebtoken::{Algorithm, DecodingKey, Validation, decode, decode_header};
use oauth2::basic::{
    BasicErrorResponse, BasicRevocationErrorResponse, BasicTokenIntrospectionResponse,
    BasicTokenType,
};
use oauth2::{
    AuthType, AuthUrl, AuthorizationCode, ClientId, ClientSecret, CsrfToken, ExtraTokenFields,
    PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, RequestTokenError, Scope,
    StandardRevocableToken, StandardTokenResponse, TokenResponse, TokenUrl,
};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use subtle::ConstantTimeEq;
use url::Url;

use crate::crypto::random_token;
use crate::db::idps::{Kind, Provider};

const TIMEOUT: Duration = Duration::from_secs(10);
/// Largest document read from a provider.
const MAX_BYTES: usize = 256 * 1024;
/// How long discovery documents and key sets are kept.
const CACHE_FOR: Duration = Duration::from_secs(3600);
/// Microsoft's tenant of personal accounts, whose addresses Microsoft has verified.
const MICROSOFT_CONSUMERS: &str = "9188040d-6c67-4c5b-b112-36a304b66dad";
/// Signature algorithms accepted on ID tokens: asymmetric ones only.
const ID_TOKEN_ALGORITHMS: &[Algorithm] = &[
    Algorithm::RS256,
    Algorithm::RS384,
    Algorithm::RS512,
    Algorithm::PS256,
    Algorithm::PS384,
    Algorithm::PS512,
    Algorithm::ES256,
    Algorithm::ES384,
    Algorithm::EdDSA,
];

#[derive(Debug, thiserror::Error)]
pub enum IdpError {
    #[error("the provider's configuration is unusable: {0}")]
    Config(String),
    #[error("cannot read {what} from the provider: {reason}")]
    Fetch { what: &'static str, reason: String },
    #[error("the provider refused the authorization code: {0}")]
    Exchange(String),
    #[error("the provider's ID token was refused: {0}")]
    IdToken(String),
}

impl IdpError {
    fn fetch(what: &'static str, reason: impl ToString) -> IdpError {
        IdpError::Fetch {
            what,
            reason: reason.to_string(),
        }
    }
}

/// Where the providers of each kind live: settings, so tests and GitHub Enterprise can point
/// elsewhere.
#[derive(Debug, Clone)]
pub struct Bases {
    pub github: String,
    pub github_api: String,
    pub google: String,
    pub microsoft: String,
}

impl Bases {
    pub fn load(c: &rusqlite::Connection) -> crate::db::Result<Bases> {
        use crate::settings::{GITHUB_API_URL, GITHUB_URL, GOOGLE_ISSUER, MICROSOFT_URL, value};
        Ok(Bases {
            github: value(c, GITHUB_URL)?,
            github_api: value(c, GITHUB_API_URL)?,
            google: value(c, GOOGLE_ISSUER)?,
            microsoft: value(c, MICROSOFT_URL)?,
        })
    }
}

/// What the provider says about the person who signed in.
#[derive(Debug, Clone)]
pub struct Identity {
    pub subject: String,
    pub email: Option<String>,
    /// Whether the provider vouches that the person controls `email`.
    pub email_verified: bool,
}

/// What the callback needs to finish a sign-in begun by [`Idps::begin`].
#[derive(Debug)]
pub struct Begun {
    pub url: String,
    pub state: String,
    pub verifier: String,
    pub nonce: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct IdTokenField {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    id_token: Option<String>,
}
impl ExtraTokenFields for IdTokenField {}

type ProviderToken = StandardTokenResponse<IdTokenField, BasicTokenType>;
type OauthClient<HasAuth, HasToken> = oauth2::Client<
    BasicErrorResponse,
    ProviderToken,
    BasicTokenIntrospectionResponse,
    StandardRevocableToken,
    BasicRevocationErrorResponse,
    HasAuth,
    oauth2::EndpointNotSet,
    oauth2::EndpointNotSet,
    oauth2::EndpointNotSet,
    HasToken,
>;

/// A provider's endpoints, from its kind and (for OpenID Connect) its discovery document.
#[derive(Debug, Clone)]
struct Endpoints {
    authorize: Url,
    token: Url,
    auth_type: AuthType,
    flavour: Flavour,
}

#[derive(Debug, Clone)]
enum Flavour {
    Oidc {
        /// As the discovery document gives it; Microsoft's multi-tenant one holds `{tenantid}`.
        issuer: String,
        jwks_uri: String,
        userinfo: Option<String>,
    },
    Github {
        api: String,
    },
}

/// The client side of upstream sign-ins, with caches of discovery documents and key sets.
pub struct Idps {
    http: reqwest::Client,
    cache: Mutex<HashMap<String, (Value, Instant)>>,
}

impl Default for Idps {
    fn default() -> Self {
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(TIMEOUT)
            .user_agent(concat!("mcpauth/", env!("CARGO_PKG_VERSION")))
            .build()
            .unwrap_or_default();
        Idps {
            http,
            cache: Mutex::new(HashMap::new()),
        }
    }
}

impl Idps {
    /// The URL to send the browser to, and the secrets to keep until it comes back.
    pub async fn begin(
        &self,
        provider: &Provider,
        bases: &Bases,
        redirect_uri: &str,
    ) -> Result<Begun, IdpError> {
        let endpoints = self.endpoints(provider, bases).await?;
        let client = oauth_client(provider, &endpoints, redirect_uri)?;
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let nonce = random_token(32);
        let mut request = client
            .authorize_url(CsrfToken::new_random)
            .set_pkce_challenge(challenge)
            .add_scopes(scopes(provider).into_iter().map(Scope::new));
        if matches!(endpoints.flavour, Flavour::Oidc { .. }) {
            request = request.add_extra_param("nonce", nonce.clone());
        }
        if provider.kind == Kind::Google || provider.kind == Kind::Microsoft {
            // Let people with several accounts pick the one to use.
            request = request.add_extra_param("prompt", "select_account");
        }
        let (url, state) = request.url();
        Ok(Begun {
            url: url.into(),
            state: state.secret().clone(),
            verifier: verifier.secret().clone(),
            nonce,
        })
    }

    /// Redeems the code the provider sent back and learns who signed in.
    pub async fn identity(
        &self,
        provider: &Provider,
        bases: &Bases,
        redirect_uri: &str,
        code: &str,
        verifier: &str,
        nonce: &str,
    ) -> Result<Identity, IdpError> {
        let endpoints = self.endpoints(provider, bases).await?;
        let client = oauth_client(provider, &endpoints, redirect_uri)?;
        let token = client
            .exchange_code(AuthorizationCode::new(code.to_owned()))
            .set_pkce_verifier(PkceCodeVerifier::new(verifier.to_owned()))
            .request_async(&self.http)
            .await
            .map_err(|e| IdpError::Exchange(exchange_error(&e)))?;
        let access_token = token.access_token().secret();
        match &endpoints.flavour {
            Flavour::Github { api } => self.github_identity(api, access_token).await,
            Flavour::Oidc {
                issuer,
                jwks_uri,
                userinfo,
            } => {
                let id_token = token.extra_fields().id_token.as_deref().ok_or_else(|| {
                    IdpError::IdToken("the token response has no id_token".into())
                })?;
                let claims = self
                    .verify_id_token(provider, id_token, issuer, jwks_uri, nonce)
                    .await?;
                let mut identity = identity_from_claims(provider.kind, &claims);
                if identity.email.is_none()
                    && let Some(userinfo) = userinfo
                {
                    // Some providers keep the email out of the ID token; ask for it, and make
                    // sure the answer is about the same person.
                    let info = self
                        .get_json("userinfo", userinfo, Some(access_token))
                        .await?;
                    if info["sub"].as_str() != Some(identity.subject.as_str()) {
                        return Err(IdpError::IdToken(
                            "the userinfo response is about another subject".into(),
                        ));
                    }
                    identity = identity_from_claims(provider.kind, &info);
                }
                Ok(identity)
            }
        }
    }

    async fn endpoints(&self, provider: &Provider, bases: &Bases) -> Result<Endpoints, IdpError> {
        let issuer = match provider.kind {
            Kind::Github => {
                let base = bases.github.trim_end_matches('/');
                return Ok(Endpoints {
                    authorize: parse_url(&format!("{base}/login/oauth/authorize"))?,
                    token: parse_url(&format!("{base}/login/oauth/access_token"))?,
                    auth_type: AuthType::RequestBody,
                    flavour: Flavour::Github {
                        api: bases.github_api.trim_end_matches('/').to_owned(),
                    },
                });
            }
            Kind::Google => bases.google.trim_end_matches('/').to_owned(),
            Kind::Microsoft => format!(
                "{}/{}/v2.0",
                bases.microsoft.trim_end_matches('/'),
                provider.tenant.as_deref().unwrap_or("common")
            ),
            Kind::Oidc => provider
                .issuer
                .clone()
                .ok_or_else(|| {
                    IdpError::Config("an OpenID Connect provider needs --issuer".into())
                })?
                .trim_end_matches('/')
                .to_owned(),
        };
        let doc = self
            .cached_json(
                "the OpenID configuration",
                &format!("{issuer}/.well-known/openid-configuration"),
            )
            .await?;
        let field = |name: &str| {
            doc[name].as_str().map(str::to_owned).ok_or_else(|| {
                IdpError::fetch(
                    "the OpenID configuration",
                    format!("it has no {name} (is {issuer} an OpenID Connect issuer?)"),
                )
            })
        };
        let named_issuer = field("issuer")?;
        // Discovery must describe the issuer it was fetched from (OpenID Connect Discovery
        // 4.3). Microsoft's shared tenants name a templated or another tenant's issuer.
        if provider.kind != Kind::Microsoft && named_issuer.trim_end_matches('/') != issuer {
            return Err(IdpError::Config(format!(
                "{issuer}'s OpenID configuration names another issuer, {named_issuer}"
            )));
        }
        let basic = doc["token_endpoint_auth_methods_supported"]
            .as_array()
            .is_none_or(|methods| methods.iter().any(|m| m == "client_secret_basic"));
        Ok(Endpoints {
            authorize: parse_url(&field("authorization_endpoint")?)?,
            token: parse_url(&field("token_endpoint")?)?,
            auth_type: if basic {
                AuthType::BasicAuth
            } else {
                AuthType::RequestBody
            },
            flavour: Flavour::Oidc {
                issuer: named_issuer,
                jwks_uri: field("jwks_uri")?,
                userinfo: doc["userinfo_endpoint"].as_str().map(str::to_owned),
            },
        })
    }

    /// Signature (with the provider's published keys), issuer, audience, expiry and nonce.
    async fn verify_id_token(
        &self,
        provider: &Provider,
        id_token: &str,
        issuer: &str,
        jwks_uri: &str,
        nonce: &str,
    ) -> Result<Value, IdpError> {
        let refused = |m: &str| IdpError::IdToken(m.to_owned());
        let header = decode_header(id_token).map_err(|_| refused("it is not a JWT"))?;
        if !ID_TOKEN_ALGORITHMS.contains(&header.alg) {
            return Err(refused(&format!(
                "it is signed with {:?}, which mcpauth does not accept",
                header.alg
            )));
        }
        let key = match self
            .key(jwks_uri, header.kid.as_deref(), header.alg, false)
            .await?
        {
            Some(key) => key,
            // The provider may have rotated its keys since they were cached.
            None => self
                .key(jwks_uri, header.kid.as_deref(), header.alg, true)
                .await?
                .ok_or_else(|| refused("it is signed with a key the provider does not publish"))?,
        };
        let mut validation = Validation::new(header.alg);
        validation.leeway = 60;
        validation.set_audience(&[&provider.client_id]);
        validation.set_required_spec_claims(&["exp", "aud", "iss", "sub"]);
        let claims = decode::<Value>(id_token, &key, &validation)
            .map_err(|e| refused(&e.to_string()))?
            .claims;
        let expected_issuer = match claims["tid"].as_str() {
            Some(tid) => issuer.replace("{tenantid}", tid),
            None => issuer.to_owned(),
        };
        let iss = claims["iss"].as_str().unwrap_or_default();
        // Google has issued tokens naming its issuer without the scheme.
        let google_short = provider.kind == Kind::Google
            && format!("https://{iss}") == expected_issuer.trim_end_matches('/');
        if iss.trim_end_matches('/') != expected_issuer.trim_end_matches('/') && !google_short {
            return Err(refused("it was issued by another issuer"));
        }
        if claims["aud"].is_array()
            && claims["azp"]
                .as_str()
                .is_some_and(|azp| azp != provider.client_id)
        {
            return Err(refused("it was issued to another client (azp)"));
        }
        let got = claims["nonce"].as_str().unwrap_or_default();
        if got.is_empty() || !bool::from(got.as_bytes().ct_eq(nonce.as_bytes())) {
            return Err(refused("its nonce is not the one this sign-in sent"));
        }
        Ok(claims)
    }

    /// The key for `kid` (or the only key of the algorithm's family) from the provider's key set.
    async fn key(
        &self,
        jwks_uri: &str,
        kid: Option<&str>,
        alg: Algorithm,
        refresh: bool,
    ) -> Result<Option<DecodingKey>, IdpError> {
        if refresh {
            self.forget(jwks_uri);
        }
        let set = self.cached_json("the provider's keys", jwks_uri).await?;
        let set: JwkSet = serde_json::from_value(set)
            .map_err(|e| IdpError::fetch("the provider's keys", format!("not a JWK set ({e})")))?;
        super::jwt::key_from_set(&set, kid, alg)
            .map_err(|e| IdpError::fetch("the provider's keys", e))
    }

    async fn github_identity(&self, api: &str, token: &str) -> Result<Identity, IdpError> {
        let user = self
            .get_json("the GitHub user", &format!("{api}/user"), Some(token))
            .await?;
        let subject = match &user["id"] {
            Value::Number(id) => id.to_string(),
            _ => return Err(IdpError::fetch("the GitHub user", "it has no id")),
        };
        let emails = self
            .get_json(
                "the GitHub emails",
                &format!("{api}/user/emails"),
                Some(token),
            )
            .await?;
        // The account's primary address is who they are; it counts only once verified.
        let primary = emails
            .as_array()
            .and_then(|all| all.iter().find(|e| e["primary"] == true));
        Ok(Identity {
            subject,
            email: primary.and_then(|e| e["email"].as_str().map(str::to_owned)),
            email_verified: primary.is_some_and(|e| e["verified"] == true),
        })
    }

    async fn cached_json(&self, what: &'static str, url: &str) -> Result<Value, IdpError> {
        let cached = self
            .cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(url)
            .filter(|(_, until)| *until > Instant::now())
            .map(|(value, _)| value.clone());
        if let Some(value) = cached {
            return Ok(value);
        }
        let value = self.get_json(what, url, None).await?;
        self.cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(url.to_owned(), (value.clone(), Instant::now() + CACHE_FOR));
        Ok(value)
    }

    fn forget(&self, url: &str) {
        self.cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .remove(url);
    }

    async fn get_json(
        &self,
        what: &'static str,
        url: &str,
        bearer: Option<&str>,
    ) -> Result<Value, IdpError> {
        let mut request = self
            .http
            .get(url)
            .header(reqwest::header::ACCEPT, "application/json");
        if let Some(token) = bearer {
            request = request.bearer_auth(token);
        }
        let response = request
            .send()
            .await
            .map_err(|e| IdpError::fetch(what, e.without_url()))?;
        if !response.status().is_success() {
            return Err(IdpError::fetch(
                what,
                format!("{url} answered {}", response.status()),
            ));
        }
        let body = super::capped_body(response, MAX_BYTES)
            .await
            .map_err(|e| IdpError::fetch(what, e.without_url()))?
            .ok_or_else(|| IdpError::fetch(what, "the answer is too large"))?;
        serde_json::from_slice(&body).map_err(|e| IdpError::fetch(what, format!("not JSON ({e})")))
    }
}

fn oauth_client(
    provider: &Provider,
    endpoints: &Endpoints,
    redirect_uri: &str,
) -> Result<OauthClient<oauth2::EndpointSet, oauth2::EndpointSet>, IdpError> {
    Ok(OauthClient::new(ClientId::new(provider.client_id.clone()))
        .set_client_secret(ClientSecret::new(provider.client_secret.clone()))
        .set_auth_type(endpoints.auth_type.clone())
        .set_auth_uri(AuthUrl::from_url(endpoints.authorize.clone()))
        .set_token_uri(TokenUrl::from_url(endpoints.token.clone()))
        .set_redirect_uri(
            RedirectUrl::new(redirect_uri.to_owned())
                .map_err(|e| IdpError::Config(format!("bad callback URL ({e})")))?,
        ))
}

/// The scopes asked for: the kind's own, or the configured ones (always with `openid` for
/// OpenID Connect providers).
fn scopes(provider: &Provider) -> Vec<String> {
    let configured: Vec<String> = provider
        .scopes
        .split_whitespace()
        .map(str::to_owned)
        .collect();
    match provider.kind {
        Kind::Github if configured.is_empty() => vec!["read:user".into(), "user:email".into()],
        Kind::Github => configured,
        _ if configured.is_empty() => vec!["openid".into(), "email".into()],
        _ => {
            let mut all = vec!["openid".to_owned()];
            all.extend(configured.into_iter().filter(|s| s != "openid"));
            all
        }
    }
}

fn identity_from_claims(kind: Kind, claims: &Value) -> Identity {
    // Some providers send booleans as strings.
    let yes = |v: &Value| v == true || v == "true";
    let email_verified = yes(&claims["email_verified"])
        // Microsoft sends no email_verified: its optional xms_edov claim says the domain owner
        // verified the address, and personal accounts' addresses are verified by Microsoft.
        || (kind == Kind::Microsoft
            && (yes(&claims["xms_edov"]) || claims["tid"] == MICROSOFT_CONSUMERS));
    Identity {
        subject: claims["sub"].as_str().unwrap_or_default().to_owned(),
        email: claims["email"].as_str().map(str::to_owned),
        email_verified,
    }
}

fn parse_url(raw: &str) -> Result<Url, IdpError> {
    Url::parse(raw).map_err(|e| IdpError::Config(format!("'{raw}' is not a URL ({e})")))
}

fn exchange_error<E: std::error::Error>(e: &RequestTokenError<E, BasicErrorResponse>) -> String {
    match e {
        RequestTokenError::ServerResponse(r) => match r.error_description() {
            Some(d) => format!("{} ({d})", r.error()),
            None => r.error().to_string(),
        },
        RequestTokenError::Request(e) => format!("the request failed: {e}"),
        // GitHub answers errors with 200 and an `error` field. Nothing else of an unreadable
        // body is repeated: it might hold a token.
        RequestTokenError::Parse(_, body) => {
            let answer: Value = serde_json::from_slice(body).unwrap_or_default();
            match (
                answer["error"].as_str(),
                answer["error_description"].as_str(),
            ) {
                (Some(error), Some(d)) => format!("{error} ({d})"),
                (Some(error), None) => error.to_owned(),
                _ => "the token endpoint's answer is not a token response".to_owned(),
            }
        }
        RequestTokenError::Other(m) => m.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn provider(kind: Kind, scopes: &str) -> Provider {
        Provider {
            name: "p".into(),
            kind,
            client_id: "c".into(),
            client_secret: "s".into(),
            issuer: None,
            scopes: scopes.into(),
            tenant: None,
            created_at: crate::db::Timestamp::now(),
        }
    }

    #[test]
    fn openid_is_always_asked_for() {
        assert_eq!(scopes(&provider(Kind::Oidc, "")), ["openid", "email"]);
        assert_eq!(
            scopes(&provider(Kind::Oidc, "email profile")),
            ["openid", "email", "profile"]
        );
        assert_eq!(
            scopes(&provider(Kind::Github, "")),
            ["read:user", "user:email"]
        );
    }

    #[test]
    fn only_vouched_emails_are_verified() {
        let id = |kind, claims: Value| identity_from_claims(kind, &claims).email_verified;
        assert!(id(Kind::Oidc, serde_json::json!({"email_verified": true})));
        assert!(id(
            Kind::Oidc,
            serde_json::json!({"email_verified": "true"})
        ));
        assert!(!id(
            Kind::Oidc,
            serde_json::json!({"email_verified": false})
        ));
        assert!(!id(Kind::Oidc, serde_json::json!({})));
        assert!(!id(Kind::Oidc, serde_json::json!({"xms_edov": true})));
        assert!(id(Kind::Microsoft, serde_json::json!({"xms_edov": true})));
        assert!(id(
            Kind::Microsoft,
            serde_json::json!({"tid": MICROSOFT_CONSUMERS})
        ));
        assert!(!id(Kind::Microsoft, serde_json::json!({"tid": "other"})));
    }
}
