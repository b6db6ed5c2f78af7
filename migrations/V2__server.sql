-- What the authorization server needs beyond the initial tables.

-- Client ID metadata documents are cached as clients; this is when the copy must be refetched.
ALTER TABLE clients ADD COLUMN cache_until INTEGER;

CREATE INDEX clients_source_unused ON clients (source, last_used_at);
CREATE INDEX refresh_tokens_parent ON refresh_tokens (parent_hash);
CREATE INDEX auth_codes_expiry ON auth_codes (expires_at);
CREATE INDEX sessions_expiry ON sessions (expires_at);
