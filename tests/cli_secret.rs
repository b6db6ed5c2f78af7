use crate::util::*;

#[test]
fn rotation_activates_a_new_key_and_keeps_the_old_one_verifying() {
    let env = Env::init();
    let first = env.json(["secret", "list"])[0]["kid"]
        .as_str()
        .unwrap()
        .to_owned();
    let rotated = env.json(["secret", "rotate"]);
    let second = rotated["kid"].as_str().unwrap().to_owned();
    assert_ne!(first, second);

    let keys = env.json(["secret", "list"]);
    assert_eq!(field(&keys, "kid"), [first.as_str(), second.as_str()]);
    assert_eq!(field(&keys, "status"), ["previous", "active"]);
    let listing = keys.to_string() + &env.mcpauth(["secret", "list"]).succeeds();
    assert!(
        !listing.contains("private") && !listing.contains("\"d\""),
        "never the private key: {listing}"
    );

    env.mcpauth(["secret", "retire", &second])
        .fails_with("is the active signing key");
    env.mcpauth(["secret", "retire", &first]).succeeds();
    assert_eq!(
        field(&env.json(["secret", "list"]), "status"),
        ["retired", "active"]
    );
    env.mcpauth(["secret", "retire", &first])
        .fails_with("no unretired signing key");

    let events: Vec<_> = env
        .audit("secret")
        .iter()
        .map(|e| e["event"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(events, ["secret.rotated", "secret.retired"]);
}

#[test]
fn stored_keys_are_usable_es256_keys() {
    use p256::ecdsa::signature::{Signer, Verifier};
    use p256::pkcs8::DecodePrivateKey;

    let env = Env::init();
    let c = rusqlite::Connection::open(&env.db).unwrap();
    let (der, jwk): (Vec<u8>, String) = c
        .query_row(
            "SELECT private_key, public_jwk FROM signing_keys",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let signing = p256::ecdsa::SigningKey::from_pkcs8_der(&der).expect("PKCS#8 private key");
    let jwk: serde_json::Value = serde_json::from_str(&jwk).unwrap();
    assert_eq!(
        (
            jwk["kty"].as_str(),
            jwk["crv"].as_str(),
            jwk["alg"].as_str()
        ),
        (Some("EC"), Some("P-256"), Some("ES256"))
    );
    let (x, y) = (jwk["x"].as_str().unwrap(), jwk["y"].as_str().unwrap());
    let public = p256::PublicKey::from_jwk_str(&format!(
        r#"{{"kty":"EC","crv":"P-256","x":"{x}","y":"{y}"}}"#
    ))
    .expect("public JWK");
    let signature: p256::ecdsa::Signature = signing.sign(b"header.payload");
    p256::ecdsa::VerifyingKey::from(public)
        .verify(b"header.payload", &signature)
        .expect("the JWK verifies");
}

#[test]
fn a_key_id_starting_with_a_hyphen_can_be_retired() {
    let env = Env::init();
    // Thumbprint kids are base64url and may start with '-'; give one such a kid.
    let c = rusqlite::Connection::open(&env.db).unwrap();
    c.execute("UPDATE signing_keys SET kid = '-leading-hyphen'", [])
        .unwrap();
    drop(c);
    env.mcpauth(["secret", "rotate"]).succeeds();
    env.mcpauth(["secret", "retire", "-leading-hyphen"])
        .succeeds();
    assert_eq!(
        field(&env.json(["secret", "list"]), "status"),
        ["retired", "active"]
    );
}
