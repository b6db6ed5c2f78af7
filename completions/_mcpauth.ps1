
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'mcpauth' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'mcpauth'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'mcpauth' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of tables (JSON Lines for audit tail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create the database with its first administrator and signing key')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Run the authorization server, its pages and the MCP endpoints')
            [CompletionResult]::new('user', 'user', [CompletionResultType]::ParameterValue, 'Manage the people who may sign in')
            [CompletionResult]::new('allowlist', 'allowlist', [CompletionResultType]::ParameterValue, 'Manage who may sign in through an identity provider')
            [CompletionResult]::new('idp', 'idp', [CompletionResultType]::ParameterValue, 'Manage the identity providers people may sign in with (GitHub, Google, ...)')
            [CompletionResult]::new('client', 'client', [CompletionResultType]::ParameterValue, 'Manage OAuth clients')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'List and revoke granted access')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Read the audit log')
            [CompletionResult]::new('secret', 'secret', [CompletionResultType]::ParameterValue, 'Manage token signing keys')
            [CompletionResult]::new('upstream', 'upstream', [CompletionResultType]::ParameterValue, 'Manage the MCP servers mounted behind mcpauth')
            [CompletionResult]::new('settings', 'settings', [CompletionResultType]::ParameterValue, 'Show and change settings')
            [CompletionResult]::new('backup', 'backup', [CompletionResultType]::ParameterValue, 'Copy the database to a new file, safely while it is in use')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mcpauth;init' {
            [CompletionResult]::new('--issuer', '--issuer', [CompletionResultType]::ParameterName, 'Public base URL clients will reach this server at, e.g. https://mcp.example.com')
            [CompletionResult]::new('--listen', '--listen', [CompletionResultType]::ParameterName, 'Address and port to listen on [default: 127.0.0.1:8080]')
            [CompletionResult]::new('--admin', '--admin', [CompletionResultType]::ParameterName, 'Email of the first administrator')
            [CompletionResult]::new('--files-root', '--files-root', [CompletionResultType]::ParameterName, 'Directory the built-in file tools may use [default: files/ beside the database]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the administrator''s password from standard input')
            [CompletionResult]::new('--no-password', '--no-password', [CompletionResultType]::ParameterName, 'Give the administrator no password (sign-in through an identity provider only)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Ask nothing: take every value from flags and the environment')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Ask nothing: take every value from flags and the environment')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of tables (JSON Lines for audit tail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mcpauth;serve' {
            [CompletionResult]::new('--listen', '--listen', [CompletionResultType]::ParameterName, 'Address and port to listen on [default: the listen setting]')
            [CompletionResult]::new('--issuer', '--issuer', [CompletionResultType]::ParameterName, 'Public base URL clients reach this server at [default: the issuer setting]')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Serve https with this PEM certificate chain')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'The PEM private key of --tls-cert')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log line format')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]')
            [CompletionResult]::new('--allow-private-documents', '--allow-private-documents', [CompletionResultType]::ParameterName, 'Fetch client metadata documents from loopback and private addresses (testing only)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of tables (JSON Lines for audit tail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mcpauth;user' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of tables (JSON Lines for audit tail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a user; asks for a password on a terminal')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List users')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a user with their grants and sessions')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Refuse a user''s sign-ins and tokens until enabled again')
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Let a disabled user sign in again')
            [CompletionResult]::new('passwd', 'passwd', [CompletionResultType]::ParameterValue, 'Set a user''s password; asks on a terminal')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mcpauth;user;add' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]')
            [CompletionResult]::new('--admin', '--admin', [CompletionResultType]::ParameterName, 'Make the user an administrator')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from standard input')
            [CompletionResult]::new('--no-password', '--no-password', [CompletionResultType]::ParameterName, 'No password: the user signs in through an identity provider')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of tables (JSON Lines for audit tail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mcpauth;user;list' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of tables (JSON Lines for audit tail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mcpauth;user;remove' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of tables (JSON Lines for audit tail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mcpauth;user;disable' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of tables (JSON Lines for audit tail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mcpauth;user;enable' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of tables (JSON Lines for audit tail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mcpauth;user;passwd' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from standard input')
            [CompletionResult]::new('--clear', '--clear', [CompletionResultType]::ParameterName, 'Remove the password: the user signs in through an identity provider only')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of tables (JSON Lines for audit tail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mcpauth;user;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a user; asks for a password on a terminal')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List users')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a user with their grants and sessions')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Refuse a user''s sign-ins and tokens until enabled again')
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Let a disabled user sign in again')
            [CompletionResult]::new('passwd', 'passwd', [CompletionResultType]::ParameterValue, 'Set a user''s password; asks on a terminal')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mcpauth;user;help;add' {
            break
        }
        'mcpauth;user;help;list' {
            break
        }
        'mcpauth;user;help;remove' {
            break
        }
        'mcpauth;user;help;disable' {
            break
        }
        'mcpauth;user;help;enable' {
            break
        }
        'mcpauth;user;help;passwd' {
            break
        }
        'mcpauth;user;help;help' {
            break
        }
        'mcpauth;allowlist' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of tables (JSON Lines for audit tail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Allow addresses (me@example.com) or whole domains (@example.com)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a pattern')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the allowlist')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mcpauth;allowlist;add' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of tables (JSON Lines for audit tail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mcpauth;allowlist;remove' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of tables (JSON Lines for audit tail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mcpauth;allowlist;list' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of tables (JSON Lines for audit tail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mcpauth;allowlist;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Allow addresses (me@example.com) or whole domains (@example.com)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a pattern')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the allowlist')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mcpauth;allowlist;help;add' {
            break
        }
        'mcpauth;allowlist;help;remove' {
            break
        }
        'mcpauth;allowlist;help;list' {
            break
        }
        'mcpauth;allowlist;help;help' {
            break
        }
        'mcpauth;idp' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of tables (JSON Lines for audit tail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Let people sign in with an identity provider')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List identity providers')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove an identity provider (its users stay)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mcpauth;idp;add' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of tables (JSON Lines for audit tail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('github', 'github', [CompletionResultType]::ParameterValue, 'GitHub (or GitHub Enterprise: settings github_url and github_api_url)')
            [CompletionResult]::new('google', 'google', [CompletionResultType]::ParameterValue, 'Google')
            [CompletionResult]::new('microsoft', 'microsoft', [CompletionResultType]::ParameterValue, 'Microsoft Entra ID or personal Microsoft accounts')
            [CompletionResult]::new('oidc', 'oidc', [CompletionResultType]::ParameterValue, 'Any OpenID Connect provider (Authentik, Keycloak, Authelia, Zitadel, ...)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mcpauth;idp;add;github' {
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'The client id the provider gave mcpauth')
            [CompletionResult]::new('--scopes', '--scopes', [CompletionResultType]::ParameterName, 'Scopes to ask for, space-separated [default: openid email; GitHub: read:user user:email]')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name for this provider, to add more than one of a kind [default: the kind]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]')
            [CompletionResult]::new('--client-secret-stdin', '--client-secret-stdin', [CompletionResultType]::ParameterName, 'Read the client secret from standard input (else it is asked for)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of tables (JSON Lines for audit tail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mcpauth;idp;add;google' {
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'The client id the provider gave mcpauth')
            [CompletionResult]::new('--scopes', '--scopes', [CompletionResultType]::ParameterName, 'Scopes to ask for, space-separated [default: openid email; GitHub: read:user user:email]')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name for this provider, to add more than one of a kind [default: the kind]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]')
            [CompletionResult]::new('--client-secret-stdin', '--client-secret-stdin', [CompletionResultType]::ParameterName, 'Read the client secret from standard input (else it is asked for)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of tables (JSON Lines for audit tail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mcpauth;idp;add;microsoft' {
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'The client id the provider gave mcpauth')
            [CompletionResult]::new('--scopes', '--scopes', [CompletionResultType]::ParameterName, 'Scopes to ask for, space-separated [default: openid email; GitHub: read:user user:email]')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name for this provider, to add more than one of a kind [default: the kind]')
            [CompletionResult]::new('--tenant', '--tenant', [CompletionResultType]::ParameterName, 'Tenant: a tenant id or domain, or common, organizations, consumers')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]')
            [CompletionResult]::new('--client-secret-stdin', '--client-secret-stdin', [CompletionResultType]::ParameterName, 'Read the client secret from standard input (else it is asked for)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of tables (JSON Lines for audit tail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mcpauth;idp;add;oidc' {
            [CompletionResult]::new('--issuer', '--issuer', [CompletionResultType]::ParameterName, 'The provider''s issuer URL (its discovery document is at ISSUER/.well-known/openid-configuration)')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'The client id the provider gave mcpauth')
            [CompletionResult]::new('--scopes', '--scopes', [CompletionResultType]::ParameterName, 'Scopes to ask for, space-separated [default: openid email; GitHub: read:user user:email]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]')
            [CompletionResult]::new('--client-secret-stdin', '--client-secret-stdin', [CompletionResultType]::ParameterName, 'Read the client secret from standard input (else it is asked for)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of tables (JSON Lines for audit tail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mcpauth;idp;add;help' {
            [CompletionResult]::new('github', 'github', [CompletionResultType]::ParameterValue, 'GitHub (or GitHub Enterprise: settings github_url and github_api_url)')
            [CompletionResult]::new('google', 'google', [CompletionResultType]::ParameterValue, 'Google')
            [CompletionResult]::new('microsoft', 'microsoft', [CompletionResultType]::ParameterValue, 'Microsoft Entra ID or personal Microsoft accounts')
            [CompletionResult]::new('oidc', 'oidc', [CompletionResultType]::ParameterValue, 'Any OpenID Connect provider (Authentik, Keycloak, Authelia, Zitadel, ...)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mcpauth;idp;add;help;github' {
            break
        }
        'mcpauth;idp;add;help;google' {
            break
        }
        'mcpauth;idp;add;help;microsoft' {
            break
        }
        'mcpauth;idp;add;help;oidc' {
            break
        }
        'mcpauth;idp;add;help;help' {
            break
        }
        'mcpauth;idp;list' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of tables (JSON Lines for audit tail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mcpauth;idp;remove' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of tables (JSON Lines for audit tail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mcpauth;idp;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Let people sign in with an identity provider')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List identity providers')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove an identity provider (its users stay)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mcpauth;idp;help;add' {
            [CompletionResult]::new('github', 'github', [CompletionResultType]::ParameterValue, 'GitHub (or GitHub Enterprise: settings github_url and github_api_url)')
            [CompletionResult]::new('google', 'google', [CompletionResultType]::ParameterValue, 'Google')
            [CompletionResult]::new('microsoft', 'microsoft', [CompletionResultType]::ParameterValue, 'Microsoft Entra ID or personal Microsoft accounts')
            [CompletionResult]::new('oidc', 'oidc', [CompletionResultType]::ParameterValue, 'Any OpenID Connect provider (Authentik, Keycloak, Authelia, Zitadel, ...)')
            break
        }
        'mcpauth;idp;help;add;github' {
            break
        }
        'mcpauth;idp;help;add;google' {
            break
        }
        'mcpauth;idp;help;add;microsoft' {
            break
        }
        'mcpauth;idp;help;add;oidc' {
            break
        }
        'mcpauth;idp;help;list' {
            break
        }
        'mcpauth;idp;help;remove' {
            break
        }
        'mcpauth;idp;help;help' {
            break
        }
        'mcpauth;client' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of tables (JSON Lines for audit tail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List clients')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one client')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Pre-register a client; prints its id (and secret, once)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a client with its grants')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mcpauth;client;list' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of tables (JSON Lines for audit tail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mcpauth;client;show' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of tables (JSON Lines for audit tail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mcpauth;client;add' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name shown on the consent page')
            [CompletionResult]::new('--redirect-uri', '--redirect-uri', [CompletionResultType]::ParameterName, 'Where the client may receive codes (repeat for several)')
            [CompletionResult]::new('--jwks-uri', '--jwks-uri', [CompletionResultType]::ParameterName, 'Authenticate the client with private_key_jwt, against the keys published here')
            [CompletionResult]::new('--preset', '--preset', [CompletionResultType]::ParameterName, 'Use the redirect URIs of a well-known client')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]')
            [CompletionResult]::new('--confidential', '--confidential', [CompletionResultType]::ParameterName, 'Issue a client secret (client_secret_basic or client_secret_post)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of tables (JSON Lines for audit tail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mcpauth;client;remove' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of tables (JSON Lines for audit tail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mcpauth;client;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List clients')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one client')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Pre-register a client; prints its id (and secret, once)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a client with its grants')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mcpauth;client;help;list' {
            break
        }
        'mcpauth;client;help;show' {
            break
        }
        'mcpauth;client;help;add' {
            break
        }
        'mcpauth;client;help;remove' {
            break
        }
        'mcpauth;client;help;help' {
            break
        }
        'mcpauth;token' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of tables (JSON Lines for audit tail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List active grants (each one a client''s access on a user''s behalf)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke grants by id, user, client or all; their tokens stop working at once')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mcpauth;token;list' {
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Only this user''s grants')
            [CompletionResult]::new('--client', '--client', [CompletionResultType]::ParameterName, 'Only this client''s grants')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of tables (JSON Lines for audit tail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mcpauth;token;revoke' {
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Every grant of this user')
            [CompletionResult]::new('--client', '--client', [CompletionResultType]::ParameterName, 'Every grant of this client')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every grant')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of tables (JSON Lines for audit tail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mcpauth;token;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List active grants (each one a client''s access on a user''s behalf)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke grants by id, user, client or all; their tokens stop working at once')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mcpauth;token;help;list' {
            break
        }
        'mcpauth;token;help;revoke' {
            break
        }
        'mcpauth;token;help;help' {
            break
        }
        'mcpauth;audit' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of tables (JSON Lines for audit tail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('tail', 'tail', [CompletionResultType]::ParameterValue, 'Show the latest events')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mcpauth;audit;tail' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'How many events to show')
            [CompletionResult]::new('--lines', '--lines', [CompletionResultType]::ParameterName, 'How many events to show')
            [CompletionResult]::new('--event', '--event', [CompletionResultType]::ParameterName, 'Only events of this kind, or of this family (user → user.added, user.removed, ...)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Only events about this user')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Keep printing new events until interrupted')
            [CompletionResult]::new('--follow', '--follow', [CompletionResultType]::ParameterName, 'Keep printing new events until interrupted')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of tables (JSON Lines for audit tail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mcpauth;audit;help' {
            [CompletionResult]::new('tail', 'tail', [CompletionResultType]::ParameterValue, 'Show the latest events')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mcpauth;audit;help;tail' {
            break
        }
        'mcpauth;audit;help;help' {
            break
        }
        'mcpauth;secret' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of tables (JSON Lines for audit tail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'Make a new signing key active; earlier keys keep verifying until retired')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List signing keys (never their private part)')
            [CompletionResult]::new('retire', 'retire', [CompletionResultType]::ParameterValue, 'Stop an old key from verifying: tokens it signed are refused')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mcpauth;secret;rotate' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of tables (JSON Lines for audit tail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mcpauth;secret;list' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of tables (JSON Lines for audit tail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mcpauth;secret;retire' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of tables (JSON Lines for audit tail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mcpauth;secret;help' {
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'Make a new signing key active; earlier keys keep verifying until retired')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List signing keys (never their private part)')
            [CompletionResult]::new('retire', 'retire', [CompletionResultType]::ParameterValue, 'Stop an old key from verifying: tokens it signed are refused')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mcpauth;secret;help;rotate' {
            break
        }
        'mcpauth;secret;help;list' {
            break
        }
        'mcpauth;secret;help;retire' {
            break
        }
        'mcpauth;secret;help;help' {
            break
        }
        'mcpauth;upstream' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of tables (JSON Lines for audit tail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Mount an MCP server: a Streamable HTTP/SSE URL, or a stdio command after --')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List mounted upstreams')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Unmount an upstream')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mcpauth;upstream;add' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'URL of a Streamable HTTP (or legacy SSE) MCP server')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'Header sent to an HTTP upstream, e.g. "Authorization: Bearer ..." (repeatable)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment variable for a stdio command (repeatable)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]')
            [CompletionResult]::new('--read-only', '--read-only', [CompletionResultType]::ParameterName, 'Let only tools the upstream marks read-only through')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of tables (JSON Lines for audit tail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mcpauth;upstream;list' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of tables (JSON Lines for audit tail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mcpauth;upstream;remove' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of tables (JSON Lines for audit tail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mcpauth;upstream;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Mount an MCP server: a Streamable HTTP/SSE URL, or a stdio command after --')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List mounted upstreams')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Unmount an upstream')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mcpauth;upstream;help;add' {
            break
        }
        'mcpauth;upstream;help;list' {
            break
        }
        'mcpauth;upstream;help;remove' {
            break
        }
        'mcpauth;upstream;help;help' {
            break
        }
        'mcpauth;settings' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of tables (JSON Lines for audit tail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List every setting with its value')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Change a setting; the server uses it from its next start or request')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mcpauth;settings;list' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of tables (JSON Lines for audit tail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mcpauth;settings;set' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of tables (JSON Lines for audit tail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mcpauth;settings;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List every setting with its value')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Change a setting; the server uses it from its next start or request')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mcpauth;settings;help;list' {
            break
        }
        'mcpauth;settings;help;set' {
            break
        }
        'mcpauth;settings;help;help' {
            break
        }
        'mcpauth;backup' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user''s data directory]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of tables (JSON Lines for audit tail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors, no notes (serve: log warnings and errors only)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more (serve): -v debug, -vv trace')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'mcpauth;help' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create the database with its first administrator and signing key')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Run the authorization server, its pages and the MCP endpoints')
            [CompletionResult]::new('user', 'user', [CompletionResultType]::ParameterValue, 'Manage the people who may sign in')
            [CompletionResult]::new('allowlist', 'allowlist', [CompletionResultType]::ParameterValue, 'Manage who may sign in through an identity provider')
            [CompletionResult]::new('idp', 'idp', [CompletionResultType]::ParameterValue, 'Manage the identity providers people may sign in with (GitHub, Google, ...)')
            [CompletionResult]::new('client', 'client', [CompletionResultType]::ParameterValue, 'Manage OAuth clients')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'List and revoke granted access')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Read the audit log')
            [CompletionResult]::new('secret', 'secret', [CompletionResultType]::ParameterValue, 'Manage token signing keys')
            [CompletionResult]::new('upstream', 'upstream', [CompletionResultType]::ParameterValue, 'Manage the MCP servers mounted behind mcpauth')
            [CompletionResult]::new('settings', 'settings', [CompletionResultType]::ParameterValue, 'Show and change settings')
            [CompletionResult]::new('backup', 'backup', [CompletionResultType]::ParameterValue, 'Copy the database to a new file, safely while it is in use')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mcpauth;help;init' {
            break
        }
        'mcpauth;help;serve' {
            break
        }
        'mcpauth;help;user' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a user; asks for a password on a terminal')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List users')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a user with their grants and sessions')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Refuse a user''s sign-ins and tokens until enabled again')
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Let a disabled user sign in again')
            [CompletionResult]::new('passwd', 'passwd', [CompletionResultType]::ParameterValue, 'Set a user''s password; asks on a terminal')
            break
        }
        'mcpauth;help;user;add' {
            break
        }
        'mcpauth;help;user;list' {
            break
        }
        'mcpauth;help;user;remove' {
            break
        }
        'mcpauth;help;user;disable' {
            break
        }
        'mcpauth;help;user;enable' {
            break
        }
        'mcpauth;help;user;passwd' {
            break
        }
        'mcpauth;help;allowlist' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Allow addresses (me@example.com) or whole domains (@example.com)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a pattern')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the allowlist')
            break
        }
        'mcpauth;help;allowlist;add' {
            break
        }
        'mcpauth;help;allowlist;remove' {
            break
        }
        'mcpauth;help;allowlist;list' {
            break
        }
        'mcpauth;help;idp' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Let people sign in with an identity provider')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List identity providers')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove an identity provider (its users stay)')
            break
        }
        'mcpauth;help;idp;add' {
            [CompletionResult]::new('github', 'github', [CompletionResultType]::ParameterValue, 'GitHub (or GitHub Enterprise: settings github_url and github_api_url)')
            [CompletionResult]::new('google', 'google', [CompletionResultType]::ParameterValue, 'Google')
            [CompletionResult]::new('microsoft', 'microsoft', [CompletionResultType]::ParameterValue, 'Microsoft Entra ID or personal Microsoft accounts')
            [CompletionResult]::new('oidc', 'oidc', [CompletionResultType]::ParameterValue, 'Any OpenID Connect provider (Authentik, Keycloak, Authelia, Zitadel, ...)')
            break
        }
        'mcpauth;help;idp;add;github' {
            break
        }
        'mcpauth;help;idp;add;google' {
            break
        }
        'mcpauth;help;idp;add;microsoft' {
            break
        }
        'mcpauth;help;idp;add;oidc' {
            break
        }
        'mcpauth;help;idp;list' {
            break
        }
        'mcpauth;help;idp;remove' {
            break
        }
        'mcpauth;help;client' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List clients')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one client')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Pre-register a client; prints its id (and secret, once)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a client with its grants')
            break
        }
        'mcpauth;help;client;list' {
            break
        }
        'mcpauth;help;client;show' {
            break
        }
        'mcpauth;help;client;add' {
            break
        }
        'mcpauth;help;client;remove' {
            break
        }
        'mcpauth;help;token' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List active grants (each one a client''s access on a user''s behalf)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke grants by id, user, client or all; their tokens stop working at once')
            break
        }
        'mcpauth;help;token;list' {
            break
        }
        'mcpauth;help;token;revoke' {
            break
        }
        'mcpauth;help;audit' {
            [CompletionResult]::new('tail', 'tail', [CompletionResultType]::ParameterValue, 'Show the latest events')
            break
        }
        'mcpauth;help;audit;tail' {
            break
        }
        'mcpauth;help;secret' {
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'Make a new signing key active; earlier keys keep verifying until retired')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List signing keys (never their private part)')
            [CompletionResult]::new('retire', 'retire', [CompletionResultType]::ParameterValue, 'Stop an old key from verifying: tokens it signed are refused')
            break
        }
        'mcpauth;help;secret;rotate' {
            break
        }
        'mcpauth;help;secret;list' {
            break
        }
        'mcpauth;help;secret;retire' {
            break
        }
        'mcpauth;help;upstream' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Mount an MCP server: a Streamable HTTP/SSE URL, or a stdio command after --')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List mounted upstreams')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Unmount an upstream')
            break
        }
        'mcpauth;help;upstream;add' {
            break
        }
        'mcpauth;help;upstream;list' {
            break
        }
        'mcpauth;help;upstream;remove' {
            break
        }
        'mcpauth;help;settings' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List every setting with its value')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Change a setting; the server uses it from its next start or request')
            break
        }
        'mcpauth;help;settings;list' {
            break
        }
        'mcpauth;help;settings;set' {
            break
        }
        'mcpauth;help;backup' {
            break
        }
        'mcpauth;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
