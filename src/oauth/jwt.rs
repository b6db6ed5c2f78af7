//! Access tokens (RFC 9068 JWTs) and ID tokens: signed by the active key, verified by any key
//! that is not retired, so tokens minted before `secret rotate` keep working.

use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::{
    Algorithm, DecodingKey, EncodingKey, Header, Validation, decode, decode_header, encode,
};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessClaims {
    pub iss: String,
    pub sub: String,
    pub aud: String,
    pub client_id: String,
    pub scope: String,
    pub jti: String,
    pub iat: i64,
    pub exp: i64,
    pub email: String,
    /// The grant the token belongs to: revoking the grant refuses the token at once.
    pub gid: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IdClaims {
    pub iss: String,
    pub sub: String,
    pub aud: String,
    pub iat: i64,
    pub exp: i64,
    pub email: String,
    pub email_verified: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nonce: Option<String>,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum JwtError {
    #[error("the token is not a JWT")]
    Malformed,
    #[error("the token was signed with an unknown or retired key")]
    UnknownKey,
    #[error("the token has expired")]
    Expired,
    #[error("the token is for another resource")]
    WrongAudience,
    #[error("the token is invalid: {0}")]
    Invalid(String),
    #[error("cannot sign the token: {0}")]
    Sign(String),
}

/// Signs `claims` with an ES256 key given as PKCS#8 DER.
pub fn sign<T: Serialize>(
    kid: &str,
    der: &[u8],
    typ: &str,
    claims: &T,
) -> Result<String, JwtError> {
    let mut header = Header::new(Algorithm::ES256);
    header.kid = Some(kid.to_owned());
    header.typ = Some(typ.to_owned());
    encode(&header, claims, &EncodingKey::from_ec_der(der))
        .map_err(|e| JwtError::Sign(e.to_string()))
}

/// Verifies an access token's signature (by its `kid` among `jwks`), issuer and expiry, and its
/// audience when one is given. Only ES256 is accepted, whatever the header claims.
pub fn verify_access(
    token: &str,
    jwks: &[String],
    issuer: &str,
    audience: Option<&str>,
) -> Result<AccessClaims, JwtError> {
    let header = decode_header(token).map_err(|_| JwtError::Malformed)?;
    if header.alg != Algorithm::ES256 {
        return Err(JwtError::Invalid(format!(
            "algorithm {:?} is not accepted",
            header.alg
        )));
    }
    let kid = header.kid.ok_or(JwtError::UnknownKey)?;
    let jwk = jwks
        .iter()
        .filter_map(|j| serde_json::from_str::<serde_json::Value>(j).ok())
        .find(|j| j["kid"].as_str() == Some(kid.as_str()))
        .ok_or(JwtError::UnknownKey)?;
    let (x, y) = (
        jwk["x"].as_str().unwrap_or(""),
        jwk["y"].as_str().unwrap_or(""),
    );
    let key =
        DecodingKey::from_ec_components(x, y).map_err(|e| JwtError::Invalid(e.to_string()))?;
    let mut validation = Validation::new(Algorithm::ES256);
    validation.leeway = 30;
    validation.set_issuer(&[issuer]);
    validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
    match audience {
        Some(aud) => validation.set_audience(&[aud]),
        None => validation.validate_aud = false,
    }
    decode::<AccessClaims>(token, &key, &validation)
        .map(|data| data.claims)
        .map_err(|e| match e.kind() {
            ErrorKind::ExpiredSignature => JwtError::Expired,
            ErrorKind::InvalidAudience => JwtError::WrongAudience,
            _ => JwtError::Invalid(e.to_string()),
        })
}

/// The key of a published key set to verify a JWT signed with `alg`: the one `kid` names, or,
/// without a kid, the only key of the algorithm's family (several would be ambiguous).
pub fn key_from_set(
    set: &jsonwebtoken::jwk::JwkSet,
    kid: Option<&str>,
    alg: Algorithm,
) -> jsonwebtoken::errors::Result<Option<DecodingKey>> {
    use jsonwebtoken::jwk::AlgorithmParameters as Params;
    let usable = |jwk: &&jsonwebtoken::jwk::Jwk| {
        let family_fits = match &jwk.algorithm {
            Params::RSA(_) => matches!(
                alg,
                Algorithm::RS256
                    | Algorithm::RS384
                    | Algorithm::RS512
                    | Algorithm::PS256
                    | Algorithm::PS384
                    | Algorithm::PS512
            ),
            Params::EllipticCurve(_) => matches!(alg, Algorithm::ES256 | Algorithm::ES384),
            Params::OctetKeyPair(_) => alg == Algorithm::EdDSA,
            _ => false,
        };
        family_fits && kid.is_none_or(|k| jwk.common.key_id.as_deref() == Some(k))
    };
    let mut candidates = set.keys.iter().filter(usable);
    match (candidates.next(), candidates.next(), kid) {
        (Some(jwk), _, Some(_)) | (Some(jwk), None, None) => DecodingKey::from_jwk(jwk).map(Some),
        _ => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::oauth::keys::generate_es256;

    fn claims(exp: i64) -> AccessClaims {
        AccessClaims {
            iss: "https://as.example".into(),
            sub: "1".into(),
            aud: "https://as.example/mcp".into(),
            client_id: "c".into(),
            scope: "mcp:read".into(),
            jti: "j".into(),
            iat: 0,
            exp,
            email: "a@example.com".into(),
            gid: 7,
        }
    }

    #[test]
    fn signed_tokens_verify_only_with_their_key_issuer_and_audience() {
        let key = generate_es256().unwrap();
        let other = generate_es256().unwrap();
        let exp = chrono::Utc::now().timestamp() + 60;
        let token = sign(&key.kid, &key.private_pkcs8, "at+jwt", &claims(exp)).unwrap();
        let jwks = vec![key.public_jwk.clone()];
        let ok = verify_access(
            &token,
            &jwks,
            "https://as.example",
            Some("https://as.example/mcp"),
        )
        .unwrap();
        assert_eq!(ok.gid, 7);
        assert_eq!(
            verify_access(
                &token,
                &jwks,
                "https://as.example",
                Some("https://as.example/mcp/x")
            ),
            Err(JwtError::WrongAudience)
        );
        assert!(verify_access(&token, &jwks, "https://evil.example", None).is_err());
        assert_eq!(
            verify_access(&token, &[other.public_jwk], "https://as.example", None),
            Err(JwtError::UnknownKey)
        );
        let expired = sign(&key.kid, &key.private_pkcs8, "at+jwt", &claims(1000)).unwrap();
        assert_eq!(
            verify_access(&expired, &jwks, "https://as.example", None),
            Err(JwtError::Expired)
        );
        assert_eq!(
            verify_access("nope", &jwks, "https://as.example", None),
            Err(JwtError::Malformed)
        );
    }
}
