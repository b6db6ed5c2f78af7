-- RFC 7523 client assertions already accepted, so a replayed one is refused. Kept until the
-- assertion expires.
CREATE TABLE client_assertions (
    client_id  TEXT NOT NULL,
    jti        TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    PRIMARY KEY (client_id, jti)
) STRICT;
CREATE INDEX client_assertions_expiry ON client_assertions (expires_at);
