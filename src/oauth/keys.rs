//! Token signing keys: generation (ES256) and their public JWK.

use p256::SecretKey;
use p256::pkcs8::EncodePrivateKey;
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::crypto::base64url;
use crate::db::signing_keys::NewKey;

#[derive(Debug, thiserror::Error)]
#[error("cannot generate a signing key: {0}")]
pub struct KeyError(String);

/// A fresh ES256 key pair; its kid is the RFC 7638 JWK thumbprint.
pub fn generate_es256() -> Result<NewKey, KeyError> {
    let secret = loop {
        let mut bytes = [0u8; 32];
        rand::rng().fill_bytes(&mut bytes);
        // Rejects the (astronomically rare) values outside the curve order; draw again.
        if let Ok(key) = SecretKey::from_slice(&bytes) {
            break key;
        }
    };
    let private_pkcs8 = secret
        .to_pkcs8_der()
        .map_err(|e| KeyError(e.to_string()))?
        .as_bytes()
        .to_vec();
    let jwk: serde_json::Value = serde_json::from_str(&secret.public_key().to_jwk_string())
        .map_err(|e| KeyError(e.to_string()))?;
    let (x, y) = (
        jwk["x"].as_str().unwrap_or(""),
        jwk["y"].as_str().unwrap_or(""),
    );
    // RFC 7638 §3.2: required members only, lexicographic order, no whitespace.
    let canonical = format!(r#"{{"crv":"P-256","kty":"EC","x":"{x}","y":"{y}"}}"#);
    let kid = base64url(&Sha256::digest(canonical.as_bytes()));
    let public_jwk = serde_json::json!({
        "kty": "EC", "crv": "P-256", "x": x, "y": y, "kid": kid, "alg": "ES256", "use": "sig",
    })
    .to_string();
    Ok(NewKey {
        kid,
        alg: "ES256",
        private_pkcs8,
        public_jwk,
    })
}
