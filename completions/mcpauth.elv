
use builtin;
use str;

set edit:completion:arg-completer[mcpauth] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'mcpauth'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'mcpauth'= {
            cand --db 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]'
            cand --json 'Print JSON instead of tables (JSON Lines for audit tail)'
            cand -q 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand --quiet 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand -v 'Log more (serve): -v debug, -vv trace'
            cand --verbose 'Log more (serve): -v debug, -vv trace'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand init 'Create the database with its first administrator and signing key'
            cand serve 'Run the authorization server, its pages and the MCP endpoints'
            cand user 'Manage the people who may sign in'
            cand allowlist 'Manage who may sign in through an identity provider'
            cand idp 'Manage the identity providers people may sign in with (GitHub, Google, ...)'
            cand client 'Manage OAuth clients'
            cand token 'List and revoke granted access'
            cand audit 'Read the audit log'
            cand secret 'Manage token signing keys'
            cand upstream 'Manage the MCP servers mounted behind mcpauth'
            cand settings 'Show and change settings'
            cand backup 'Copy the database to a new file, safely while it is in use'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mcpauth;init'= {
            cand --issuer 'Public base URL clients will reach this server at, e.g. https://mcp.example.com'
            cand --listen 'Address and port to listen on [default: 127.0.0.1:8080]'
            cand --admin 'Email of the first administrator'
            cand --files-root 'Directory the built-in file tools may use [default: files/ beside the database]'
            cand --db 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]'
            cand --password-stdin 'Read the administrator''s password from standard input'
            cand --no-password 'Give the administrator no password (sign-in through an identity provider only)'
            cand -y 'Ask nothing: take every value from flags and the environment'
            cand --yes 'Ask nothing: take every value from flags and the environment'
            cand --json 'Print JSON instead of tables (JSON Lines for audit tail)'
            cand -q 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand --quiet 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand -v 'Log more (serve): -v debug, -vv trace'
            cand --verbose 'Log more (serve): -v debug, -vv trace'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mcpauth;serve'= {
            cand --listen 'Address and port to listen on [default: the listen setting]'
            cand --issuer 'Public base URL clients reach this server at [default: the issuer setting]'
            cand --tls-cert 'Serve https with this PEM certificate chain'
            cand --tls-key 'The PEM private key of --tls-cert'
            cand --log-format 'Log line format'
            cand --db 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]'
            cand --allow-private-documents 'Fetch client metadata documents from loopback and private addresses (testing only)'
            cand --json 'Print JSON instead of tables (JSON Lines for audit tail)'
            cand -q 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand --quiet 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand -v 'Log more (serve): -v debug, -vv trace'
            cand --verbose 'Log more (serve): -v debug, -vv trace'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mcpauth;user'= {
            cand --db 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]'
            cand --json 'Print JSON instead of tables (JSON Lines for audit tail)'
            cand -q 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand --quiet 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand -v 'Log more (serve): -v debug, -vv trace'
            cand --verbose 'Log more (serve): -v debug, -vv trace'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand add 'Add a user; asks for a password on a terminal'
            cand list 'List users'
            cand remove 'Remove a user with their grants and sessions'
            cand disable 'Refuse a user''s sign-ins and tokens until enabled again'
            cand enable 'Let a disabled user sign in again'
            cand passwd 'Set a user''s password; asks on a terminal'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mcpauth;user;add'= {
            cand --db 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]'
            cand --admin 'Make the user an administrator'
            cand --password-stdin 'Read the password from standard input'
            cand --no-password 'No password: the user signs in through an identity provider'
            cand --json 'Print JSON instead of tables (JSON Lines for audit tail)'
            cand -q 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand --quiet 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand -v 'Log more (serve): -v debug, -vv trace'
            cand --verbose 'Log more (serve): -v debug, -vv trace'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mcpauth;user;list'= {
            cand --db 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]'
            cand --json 'Print JSON instead of tables (JSON Lines for audit tail)'
            cand -q 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand --quiet 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand -v 'Log more (serve): -v debug, -vv trace'
            cand --verbose 'Log more (serve): -v debug, -vv trace'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mcpauth;user;remove'= {
            cand --db 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]'
            cand --json 'Print JSON instead of tables (JSON Lines for audit tail)'
            cand -q 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand --quiet 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand -v 'Log more (serve): -v debug, -vv trace'
            cand --verbose 'Log more (serve): -v debug, -vv trace'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mcpauth;user;disable'= {
            cand --db 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]'
            cand --json 'Print JSON instead of tables (JSON Lines for audit tail)'
            cand -q 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand --quiet 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand -v 'Log more (serve): -v debug, -vv trace'
            cand --verbose 'Log more (serve): -v debug, -vv trace'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mcpauth;user;enable'= {
            cand --db 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]'
            cand --json 'Print JSON instead of tables (JSON Lines for audit tail)'
            cand -q 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand --quiet 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand -v 'Log more (serve): -v debug, -vv trace'
            cand --verbose 'Log more (serve): -v debug, -vv trace'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mcpauth;user;passwd'= {
            cand --db 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]'
            cand --password-stdin 'Read the password from standard input'
            cand --clear 'Remove the password: the user signs in through an identity provider only'
            cand --json 'Print JSON instead of tables (JSON Lines for audit tail)'
            cand -q 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand --quiet 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand -v 'Log more (serve): -v debug, -vv trace'
            cand --verbose 'Log more (serve): -v debug, -vv trace'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mcpauth;user;help'= {
            cand add 'Add a user; asks for a password on a terminal'
            cand list 'List users'
            cand remove 'Remove a user with their grants and sessions'
            cand disable 'Refuse a user''s sign-ins and tokens until enabled again'
            cand enable 'Let a disabled user sign in again'
            cand passwd 'Set a user''s password; asks on a terminal'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mcpauth;user;help;add'= {
        }
        &'mcpauth;user;help;list'= {
        }
        &'mcpauth;user;help;remove'= {
        }
        &'mcpauth;user;help;disable'= {
        }
        &'mcpauth;user;help;enable'= {
        }
        &'mcpauth;user;help;passwd'= {
        }
        &'mcpauth;user;help;help'= {
        }
        &'mcpauth;allowlist'= {
            cand --db 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]'
            cand --json 'Print JSON instead of tables (JSON Lines for audit tail)'
            cand -q 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand --quiet 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand -v 'Log more (serve): -v debug, -vv trace'
            cand --verbose 'Log more (serve): -v debug, -vv trace'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand add 'Allow addresses (me@example.com) or whole domains (@example.com)'
            cand remove 'Remove a pattern'
            cand list 'List the allowlist'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mcpauth;allowlist;add'= {
            cand --db 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]'
            cand --json 'Print JSON instead of tables (JSON Lines for audit tail)'
            cand -q 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand --quiet 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand -v 'Log more (serve): -v debug, -vv trace'
            cand --verbose 'Log more (serve): -v debug, -vv trace'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mcpauth;allowlist;remove'= {
            cand --db 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]'
            cand --json 'Print JSON instead of tables (JSON Lines for audit tail)'
            cand -q 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand --quiet 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand -v 'Log more (serve): -v debug, -vv trace'
            cand --verbose 'Log more (serve): -v debug, -vv trace'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mcpauth;allowlist;list'= {
            cand --db 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]'
            cand --json 'Print JSON instead of tables (JSON Lines for audit tail)'
            cand -q 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand --quiet 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand -v 'Log more (serve): -v debug, -vv trace'
            cand --verbose 'Log more (serve): -v debug, -vv trace'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mcpauth;allowlist;help'= {
            cand add 'Allow addresses (me@example.com) or whole domains (@example.com)'
            cand remove 'Remove a pattern'
            cand list 'List the allowlist'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mcpauth;allowlist;help;add'= {
        }
        &'mcpauth;allowlist;help;remove'= {
        }
        &'mcpauth;allowlist;help;list'= {
        }
        &'mcpauth;allowlist;help;help'= {
        }
        &'mcpauth;idp'= {
            cand --db 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]'
            cand --json 'Print JSON instead of tables (JSON Lines for audit tail)'
            cand -q 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand --quiet 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand -v 'Log more (serve): -v debug, -vv trace'
            cand --verbose 'Log more (serve): -v debug, -vv trace'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand add 'Let people sign in with an identity provider'
            cand list 'List identity providers'
            cand remove 'Remove an identity provider (its users stay)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mcpauth;idp;add'= {
            cand --db 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]'
            cand --json 'Print JSON instead of tables (JSON Lines for audit tail)'
            cand -q 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand --quiet 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand -v 'Log more (serve): -v debug, -vv trace'
            cand --verbose 'Log more (serve): -v debug, -vv trace'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand github 'GitHub (or GitHub Enterprise: settings github_url and github_api_url)'
            cand google 'Google'
            cand microsoft 'Microsoft Entra ID or personal Microsoft accounts'
            cand oidc 'Any OpenID Connect provider (Authentik, Keycloak, Authelia, Zitadel, ...)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mcpauth;idp;add;github'= {
            cand --client-id 'The client id the provider gave mcpauth'
            cand --scopes 'Scopes to ask for, space-separated [default: openid email; GitHub: read:user user:email]'
            cand --name 'Name for this provider, to add more than one of a kind [default: the kind]'
            cand --db 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]'
            cand --client-secret-stdin 'Read the client secret from standard input (else it is asked for)'
            cand --json 'Print JSON instead of tables (JSON Lines for audit tail)'
            cand -q 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand --quiet 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand -v 'Log more (serve): -v debug, -vv trace'
            cand --verbose 'Log more (serve): -v debug, -vv trace'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mcpauth;idp;add;google'= {
            cand --client-id 'The client id the provider gave mcpauth'
            cand --scopes 'Scopes to ask for, space-separated [default: openid email; GitHub: read:user user:email]'
            cand --name 'Name for this provider, to add more than one of a kind [default: the kind]'
            cand --db 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]'
            cand --client-secret-stdin 'Read the client secret from standard input (else it is asked for)'
            cand --json 'Print JSON instead of tables (JSON Lines for audit tail)'
            cand -q 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand --quiet 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand -v 'Log more (serve): -v debug, -vv trace'
            cand --verbose 'Log more (serve): -v debug, -vv trace'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mcpauth;idp;add;microsoft'= {
            cand --client-id 'The client id the provider gave mcpauth'
            cand --scopes 'Scopes to ask for, space-separated [default: openid email; GitHub: read:user user:email]'
            cand --name 'Name for this provider, to add more than one of a kind [default: the kind]'
            cand --tenant 'Tenant: a tenant id or domain, or common, organizations, consumers'
            cand --db 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]'
            cand --client-secret-stdin 'Read the client secret from standard input (else it is asked for)'
            cand --json 'Print JSON instead of tables (JSON Lines for audit tail)'
            cand -q 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand --quiet 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand -v 'Log more (serve): -v debug, -vv trace'
            cand --verbose 'Log more (serve): -v debug, -vv trace'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mcpauth;idp;add;oidc'= {
            cand --issuer 'The provider''s issuer URL (its discovery document is at ISSUER/.well-known/openid-configuration)'
            cand --client-id 'The client id the provider gave mcpauth'
            cand --scopes 'Scopes to ask for, space-separated [default: openid email; GitHub: read:user user:email]'
            cand --db 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]'
            cand --client-secret-stdin 'Read the client secret from standard input (else it is asked for)'
            cand --json 'Print JSON instead of tables (JSON Lines for audit tail)'
            cand -q 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand --quiet 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand -v 'Log more (serve): -v debug, -vv trace'
            cand --verbose 'Log more (serve): -v debug, -vv trace'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mcpauth;idp;add;help'= {
            cand github 'GitHub (or GitHub Enterprise: settings github_url and github_api_url)'
            cand google 'Google'
            cand microsoft 'Microsoft Entra ID or personal Microsoft accounts'
            cand oidc 'Any OpenID Connect provider (Authentik, Keycloak, Authelia, Zitadel, ...)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mcpauth;idp;add;help;github'= {
        }
        &'mcpauth;idp;add;help;google'= {
        }
        &'mcpauth;idp;add;help;microsoft'= {
        }
        &'mcpauth;idp;add;help;oidc'= {
        }
        &'mcpauth;idp;add;help;help'= {
        }
        &'mcpauth;idp;list'= {
            cand --db 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]'
            cand --json 'Print JSON instead of tables (JSON Lines for audit tail)'
            cand -q 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand --quiet 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand -v 'Log more (serve): -v debug, -vv trace'
            cand --verbose 'Log more (serve): -v debug, -vv trace'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mcpauth;idp;remove'= {
            cand --db 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]'
            cand --json 'Print JSON instead of tables (JSON Lines for audit tail)'
            cand -q 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand --quiet 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand -v 'Log more (serve): -v debug, -vv trace'
            cand --verbose 'Log more (serve): -v debug, -vv trace'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mcpauth;idp;help'= {
            cand add 'Let people sign in with an identity provider'
            cand list 'List identity providers'
            cand remove 'Remove an identity provider (its users stay)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mcpauth;idp;help;add'= {
            cand github 'GitHub (or GitHub Enterprise: settings github_url and github_api_url)'
            cand google 'Google'
            cand microsoft 'Microsoft Entra ID or personal Microsoft accounts'
            cand oidc 'Any OpenID Connect provider (Authentik, Keycloak, Authelia, Zitadel, ...)'
        }
        &'mcpauth;idp;help;add;github'= {
        }
        &'mcpauth;idp;help;add;google'= {
        }
        &'mcpauth;idp;help;add;microsoft'= {
        }
        &'mcpauth;idp;help;add;oidc'= {
        }
        &'mcpauth;idp;help;list'= {
        }
        &'mcpauth;idp;help;remove'= {
        }
        &'mcpauth;idp;help;help'= {
        }
        &'mcpauth;client'= {
            cand --db 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]'
            cand --json 'Print JSON instead of tables (JSON Lines for audit tail)'
            cand -q 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand --quiet 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand -v 'Log more (serve): -v debug, -vv trace'
            cand --verbose 'Log more (serve): -v debug, -vv trace'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List clients'
            cand show 'Show one client'
            cand add 'Pre-register a client; prints its id (and secret, once)'
            cand remove 'Remove a client with its grants'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mcpauth;client;list'= {
            cand --db 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]'
            cand --json 'Print JSON instead of tables (JSON Lines for audit tail)'
            cand -q 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand --quiet 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand -v 'Log more (serve): -v debug, -vv trace'
            cand --verbose 'Log more (serve): -v debug, -vv trace'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mcpauth;client;show'= {
            cand --db 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]'
            cand --json 'Print JSON instead of tables (JSON Lines for audit tail)'
            cand -q 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand --quiet 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand -v 'Log more (serve): -v debug, -vv trace'
            cand --verbose 'Log more (serve): -v debug, -vv trace'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mcpauth;client;add'= {
            cand --name 'Name shown on the consent page'
            cand --redirect-uri 'Where the client may receive codes (repeat for several)'
            cand --jwks-uri 'Authenticate the client with private_key_jwt, against the keys published here'
            cand --preset 'Use the redirect URIs of a well-known client'
            cand --db 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]'
            cand --confidential 'Issue a client secret (client_secret_basic or client_secret_post)'
            cand --json 'Print JSON instead of tables (JSON Lines for audit tail)'
            cand -q 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand --quiet 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand -v 'Log more (serve): -v debug, -vv trace'
            cand --verbose 'Log more (serve): -v debug, -vv trace'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mcpauth;client;remove'= {
            cand --db 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]'
            cand --json 'Print JSON instead of tables (JSON Lines for audit tail)'
            cand -q 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand --quiet 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand -v 'Log more (serve): -v debug, -vv trace'
            cand --verbose 'Log more (serve): -v debug, -vv trace'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mcpauth;client;help'= {
            cand list 'List clients'
            cand show 'Show one client'
            cand add 'Pre-register a client; prints its id (and secret, once)'
            cand remove 'Remove a client with its grants'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mcpauth;client;help;list'= {
        }
        &'mcpauth;client;help;show'= {
        }
        &'mcpauth;client;help;add'= {
        }
        &'mcpauth;client;help;remove'= {
        }
        &'mcpauth;client;help;help'= {
        }
        &'mcpauth;token'= {
            cand --db 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]'
            cand --json 'Print JSON instead of tables (JSON Lines for audit tail)'
            cand -q 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand --quiet 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand -v 'Log more (serve): -v debug, -vv trace'
            cand --verbose 'Log more (serve): -v debug, -vv trace'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List active grants (each one a client''s access on a user''s behalf)'
            cand revoke 'Revoke grants by id, user, client or all; their tokens stop working at once'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mcpauth;token;list'= {
            cand --user 'Only this user''s grants'
            cand --client 'Only this client''s grants'
            cand --db 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]'
            cand --json 'Print JSON instead of tables (JSON Lines for audit tail)'
            cand -q 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand --quiet 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand -v 'Log more (serve): -v debug, -vv trace'
            cand --verbose 'Log more (serve): -v debug, -vv trace'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mcpauth;token;revoke'= {
            cand --user 'Every grant of this user'
            cand --client 'Every grant of this client'
            cand --db 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]'
            cand --all 'Every grant'
            cand --json 'Print JSON instead of tables (JSON Lines for audit tail)'
            cand -q 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand --quiet 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand -v 'Log more (serve): -v debug, -vv trace'
            cand --verbose 'Log more (serve): -v debug, -vv trace'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mcpauth;token;help'= {
            cand list 'List active grants (each one a client''s access on a user''s behalf)'
            cand revoke 'Revoke grants by id, user, client or all; their tokens stop working at once'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mcpauth;token;help;list'= {
        }
        &'mcpauth;token;help;revoke'= {
        }
        &'mcpauth;token;help;help'= {
        }
        &'mcpauth;audit'= {
            cand --db 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]'
            cand --json 'Print JSON instead of tables (JSON Lines for audit tail)'
            cand -q 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand --quiet 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand -v 'Log more (serve): -v debug, -vv trace'
            cand --verbose 'Log more (serve): -v debug, -vv trace'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand tail 'Show the latest events'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mcpauth;audit;tail'= {
            cand -n 'How many events to show'
            cand --lines 'How many events to show'
            cand --event 'Only events of this kind, or of this family (user → user.added, user.removed, ...)'
            cand --user 'Only events about this user'
            cand --db 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]'
            cand -f 'Keep printing new events until interrupted'
            cand --follow 'Keep printing new events until interrupted'
            cand --json 'Print JSON instead of tables (JSON Lines for audit tail)'
            cand -q 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand --quiet 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand -v 'Log more (serve): -v debug, -vv trace'
            cand --verbose 'Log more (serve): -v debug, -vv trace'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mcpauth;audit;help'= {
            cand tail 'Show the latest events'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mcpauth;audit;help;tail'= {
        }
        &'mcpauth;audit;help;help'= {
        }
        &'mcpauth;secret'= {
            cand --db 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]'
            cand --json 'Print JSON instead of tables (JSON Lines for audit tail)'
            cand -q 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand --quiet 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand -v 'Log more (serve): -v debug, -vv trace'
            cand --verbose 'Log more (serve): -v debug, -vv trace'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand rotate 'Make a new signing key active; earlier keys keep verifying until retired'
            cand list 'List signing keys (never their private part)'
            cand retire 'Stop an old key from verifying: tokens it signed are refused'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mcpauth;secret;rotate'= {
            cand --db 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]'
            cand --json 'Print JSON instead of tables (JSON Lines for audit tail)'
            cand -q 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand --quiet 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand -v 'Log more (serve): -v debug, -vv trace'
            cand --verbose 'Log more (serve): -v debug, -vv trace'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mcpauth;secret;list'= {
            cand --db 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]'
            cand --json 'Print JSON instead of tables (JSON Lines for audit tail)'
            cand -q 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand --quiet 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand -v 'Log more (serve): -v debug, -vv trace'
            cand --verbose 'Log more (serve): -v debug, -vv trace'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mcpauth;secret;retire'= {
            cand --db 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]'
            cand --json 'Print JSON instead of tables (JSON Lines for audit tail)'
            cand -q 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand --quiet 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand -v 'Log more (serve): -v debug, -vv trace'
            cand --verbose 'Log more (serve): -v debug, -vv trace'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mcpauth;secret;help'= {
            cand rotate 'Make a new signing key active; earlier keys keep verifying until retired'
            cand list 'List signing keys (never their private part)'
            cand retire 'Stop an old key from verifying: tokens it signed are refused'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mcpauth;secret;help;rotate'= {
        }
        &'mcpauth;secret;help;list'= {
        }
        &'mcpauth;secret;help;retire'= {
        }
        &'mcpauth;secret;help;help'= {
        }
        &'mcpauth;upstream'= {
            cand --db 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]'
            cand --json 'Print JSON instead of tables (JSON Lines for audit tail)'
            cand -q 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand --quiet 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand -v 'Log more (serve): -v debug, -vv trace'
            cand --verbose 'Log more (serve): -v debug, -vv trace'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand add 'Mount an MCP server: a Streamable HTTP/SSE URL, or a stdio command after --'
            cand list 'List mounted upstreams'
            cand remove 'Unmount an upstream'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mcpauth;upstream;add'= {
            cand --url 'URL of a Streamable HTTP (or legacy SSE) MCP server'
            cand --header 'Header sent to an HTTP upstream, e.g. "Authorization: Bearer ..." (repeatable)'
            cand --env 'Environment variable for a stdio command (repeatable)'
            cand --db 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]'
            cand --read-only 'Let only tools the upstream marks read-only through'
            cand --json 'Print JSON instead of tables (JSON Lines for audit tail)'
            cand -q 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand --quiet 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand -v 'Log more (serve): -v debug, -vv trace'
            cand --verbose 'Log more (serve): -v debug, -vv trace'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mcpauth;upstream;list'= {
            cand --db 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]'
            cand --json 'Print JSON instead of tables (JSON Lines for audit tail)'
            cand -q 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand --quiet 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand -v 'Log more (serve): -v debug, -vv trace'
            cand --verbose 'Log more (serve): -v debug, -vv trace'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mcpauth;upstream;remove'= {
            cand --db 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]'
            cand --json 'Print JSON instead of tables (JSON Lines for audit tail)'
            cand -q 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand --quiet 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand -v 'Log more (serve): -v debug, -vv trace'
            cand --verbose 'Log more (serve): -v debug, -vv trace'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mcpauth;upstream;help'= {
            cand add 'Mount an MCP server: a Streamable HTTP/SSE URL, or a stdio command after --'
            cand list 'List mounted upstreams'
            cand remove 'Unmount an upstream'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mcpauth;upstream;help;add'= {
        }
        &'mcpauth;upstream;help;list'= {
        }
        &'mcpauth;upstream;help;remove'= {
        }
        &'mcpauth;upstream;help;help'= {
        }
        &'mcpauth;settings'= {
            cand --db 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]'
            cand --json 'Print JSON instead of tables (JSON Lines for audit tail)'
            cand -q 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand --quiet 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand -v 'Log more (serve): -v debug, -vv trace'
            cand --verbose 'Log more (serve): -v debug, -vv trace'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List every setting with its value'
            cand set 'Change a setting; the server uses it from its next start or request'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mcpauth;settings;list'= {
            cand --db 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]'
            cand --json 'Print JSON instead of tables (JSON Lines for audit tail)'
            cand -q 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand --quiet 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand -v 'Log more (serve): -v debug, -vv trace'
            cand --verbose 'Log more (serve): -v debug, -vv trace'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mcpauth;settings;set'= {
            cand --db 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]'
            cand --json 'Print JSON instead of tables (JSON Lines for audit tail)'
            cand -q 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand --quiet 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand -v 'Log more (serve): -v debug, -vv trace'
            cand --verbose 'Log more (serve): -v debug, -vv trace'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mcpauth;settings;help'= {
            cand list 'List every setting with its value'
            cand set 'Change a setting; the server uses it from its next start or request'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mcpauth;settings;help;list'= {
        }
        &'mcpauth;settings;help;set'= {
        }
        &'mcpauth;settings;help;help'= {
        }
        &'mcpauth;backup'= {
            cand --db 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]'
            cand --json 'Print JSON instead of tables (JSON Lines for audit tail)'
            cand -q 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand --quiet 'Print only data and errors, no notes (serve: log warnings and errors only)'
            cand -v 'Log more (serve): -v debug, -vv trace'
            cand --verbose 'Log more (serve): -v debug, -vv trace'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'mcpauth;help'= {
            cand init 'Create the database with its first administrator and signing key'
            cand serve 'Run the authorization server, its pages and the MCP endpoints'
            cand user 'Manage the people who may sign in'
            cand allowlist 'Manage who may sign in through an identity provider'
            cand idp 'Manage the identity providers people may sign in with (GitHub, Google, ...)'
            cand client 'Manage OAuth clients'
            cand token 'List and revoke granted access'
            cand audit 'Read the audit log'
            cand secret 'Manage token signing keys'
            cand upstream 'Manage the MCP servers mounted behind mcpauth'
            cand settings 'Show and change settings'
            cand backup 'Copy the database to a new file, safely while it is in use'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mcpauth;help;init'= {
        }
        &'mcpauth;help;serve'= {
        }
        &'mcpauth;help;user'= {
            cand add 'Add a user; asks for a password on a terminal'
            cand list 'List users'
            cand remove 'Remove a user with their grants and sessions'
            cand disable 'Refuse a user''s sign-ins and tokens until enabled again'
            cand enable 'Let a disabled user sign in again'
            cand passwd 'Set a user''s password; asks on a terminal'
        }
        &'mcpauth;help;user;add'= {
        }
        &'mcpauth;help;user;list'= {
        }
        &'mcpauth;help;user;remove'= {
        }
        &'mcpauth;help;user;disable'= {
        }
        &'mcpauth;help;user;enable'= {
        }
        &'mcpauth;help;user;passwd'= {
        }
        &'mcpauth;help;allowlist'= {
            cand add 'Allow addresses (me@example.com) or whole domains (@example.com)'
            cand remove 'Remove a pattern'
            cand list 'List the allowlist'
        }
        &'mcpauth;help;allowlist;add'= {
        }
        &'mcpauth;help;allowlist;remove'= {
        }
        &'mcpauth;help;allowlist;list'= {
        }
        &'mcpauth;help;idp'= {
            cand add 'Let people sign in with an identity provider'
            cand list 'List identity providers'
            cand remove 'Remove an identity provider (its users stay)'
        }
        &'mcpauth;help;idp;add'= {
            cand github 'GitHub (or GitHub Enterprise: settings github_url and github_api_url)'
            cand google 'Google'
            cand microsoft 'Microsoft Entra ID or personal Microsoft accounts'
            cand oidc 'Any OpenID Connect provider (Authentik, Keycloak, Authelia, Zitadel, ...)'
        }
        &'mcpauth;help;idp;add;github'= {
        }
        &'mcpauth;help;idp;add;google'= {
        }
        &'mcpauth;help;idp;add;microsoft'= {
        }
        &'mcpauth;help;idp;add;oidc'= {
        }
        &'mcpauth;help;idp;list'= {
        }
        &'mcpauth;help;idp;remove'= {
        }
        &'mcpauth;help;client'= {
            cand list 'List clients'
            cand show 'Show one client'
            cand add 'Pre-register a client; prints its id (and secret, once)'
            cand remove 'Remove a client with its grants'
        }
        &'mcpauth;help;client;list'= {
        }
        &'mcpauth;help;client;show'= {
        }
        &'mcpauth;help;client;add'= {
        }
        &'mcpauth;help;client;remove'= {
        }
        &'mcpauth;help;token'= {
            cand list 'List active grants (each one a client''s access on a user''s behalf)'
            cand revoke 'Revoke grants by id, user, client or all; their tokens stop working at once'
        }
        &'mcpauth;help;token;list'= {
        }
        &'mcpauth;help;token;revoke'= {
        }
        &'mcpauth;help;audit'= {
            cand tail 'Show the latest events'
        }
        &'mcpauth;help;audit;tail'= {
        }
        &'mcpauth;help;secret'= {
            cand rotate 'Make a new signing key active; earlier keys keep verifying until retired'
            cand list 'List signing keys (never their private part)'
            cand retire 'Stop an old key from verifying: tokens it signed are refused'
        }
        &'mcpauth;help;secret;rotate'= {
        }
        &'mcpauth;help;secret;list'= {
        }
        &'mcpauth;help;secret;retire'= {
        }
        &'mcpauth;help;upstream'= {
            cand add 'Mount an MCP server: a Streamable HTTP/SSE URL, or a stdio command after --'
            cand list 'List mounted upstreams'
            cand remove 'Unmount an upstream'
        }
        &'mcpauth;help;upstream;add'= {
        }
        &'mcpauth;help;upstream;list'= {
        }
        &'mcpauth;help;upstream;remove'= {
        }
        &'mcpauth;help;settings'= {
            cand list 'List every setting with its value'
            cand set 'Change a setting; the server uses it from its next start or request'
        }
        &'mcpauth;help;settings;list'= {
        }
        &'mcpauth;help;settings;set'= {
        }
        &'mcpauth;help;backup'= {
        }
        &'mcpauth;help;help'= {
        }
    ]
    $completions[$command]
}
