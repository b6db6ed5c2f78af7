-- Sign-ins through an identity provider that are under way: created when the browser leaves
-- for the provider, taken (deleted) when it comes back. The state is the key, stored hashed;
-- the PKCE verifier and nonce must be kept, as they are checked against what comes back.
CREATE TABLE idp_logins (
    state_hash TEXT PRIMARY KEY,
    idp        TEXT NOT NULL,
    verifier   TEXT NOT NULL,
    nonce      TEXT NOT NULL,
    next       TEXT NOT NULL,
    expires_at INTEGER NOT NULL
) STRICT;

-- A provider's account is one user, whatever its email becomes.
CREATE UNIQUE INDEX users_idp_subject ON users (idp, idp_subject) WHERE idp IS NOT NULL;
