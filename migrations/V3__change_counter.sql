-- A counter of the changes that in-memory caches depend on (who may sign in, which tokens
-- and keys are good, what is mounted). The server reads it only when PRAGMA data_version says
-- something was committed, so busy tables such as audit and sessions invalidate nothing.
CREATE TABLE changes (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n  INTEGER NOT NULL
) STRICT;
INSERT INTO changes (id, n) VALUES (1, 0);

CREATE TRIGGER users_insert_counted AFTER INSERT ON users BEGIN UPDATE changes SET n = n + 1; END;
CREATE TRIGGER users_update_counted AFTER UPDATE ON users BEGIN UPDATE changes SET n = n + 1; END;
CREATE TRIGGER users_delete_counted AFTER DELETE ON users BEGIN UPDATE changes SET n = n + 1; END;
CREATE TRIGGER allowlist_insert_counted AFTER INSERT ON allowlist BEGIN UPDATE changes SET n = n + 1; END;
CREATE TRIGGER allowlist_update_counted AFTER UPDATE ON allowlist BEGIN UPDATE changes SET n = n + 1; END;
CREATE TRIGGER allowlist_delete_counted AFTER DELETE ON allowlist BEGIN UPDATE changes SET n = n + 1; END;
CREATE TRIGGER identity_providers_insert_counted AFTER INSERT ON identity_providers BEGIN UPDATE changes SET n = n + 1; END;
CREATE TRIGGER identity_providers_update_counted AFTER UPDATE ON identity_providers BEGIN UPDATE changes SET n = n + 1; END;
CREATE TRIGGER identity_providers_delete_counted AFTER DELETE ON identity_providers BEGIN UPDATE changes SET n = n + 1; END;
CREATE TRIGGER clients_insert_counted AFTER INSERT ON clients BEGIN UPDATE changes SET n = n + 1; END;
CREATE TRIGGER clients_update_counted AFTER UPDATE ON clients BEGIN UPDATE changes SET n = n + 1; END;
CREATE TRIGGER clients_delete_counted AFTER DELETE ON clients BEGIN UPDATE changes SET n = n + 1; END;
CREATE TRIGGER grants_insert_counted AFTER INSERT ON grants BEGIN UPDATE changes SET n = n + 1; END;
CREATE TRIGGER grants_update_counted AFTER UPDATE ON grants BEGIN UPDATE changes SET n = n + 1; END;
CREATE TRIGGER grants_delete_counted AFTER DELETE ON grants BEGIN UPDATE changes SET n = n + 1; END;
CREATE TRIGGER signing_keys_insert_counted AFTER INSERT ON signing_keys BEGIN UPDATE changes SET n = n + 1; END;
CREATE TRIGGER signing_keys_update_counted AFTER UPDATE ON signing_keys BEGIN UPDATE changes SET n = n + 1; END;
CREATE TRIGGER signing_keys_delete_counted AFTER DELETE ON signing_keys BEGIN UPDATE changes SET n = n + 1; END;
CREATE TRIGGER upstreams_insert_counted AFTER INSERT ON upstreams BEGIN UPDATE changes SET n = n + 1; END;
CREATE TRIGGER upstreams_update_counted AFTER UPDATE ON upstreams BEGIN UPDATE changes SET n = n + 1; END;
CREATE TRIGGER upstreams_delete_counted AFTER DELETE ON upstreams BEGIN UPDATE changes SET n = n + 1; END;
CREATE TRIGGER settings_insert_counted AFTER INSERT ON settings BEGIN UPDATE changes SET n = n + 1; END;
CREATE TRIGGER settings_update_counted AFTER UPDATE ON settings BEGIN UPDATE changes SET n = n + 1; END;
CREATE TRIGGER settings_delete_counted AFTER DELETE ON settings BEGIN UPDATE changes SET n = n + 1; END;
