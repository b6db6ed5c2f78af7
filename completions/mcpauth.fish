# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_mcpauth_global_optspecs
    string join \n db= json q/quiet v/verbose h/help V/version
end

function __fish_mcpauth_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_mcpauth_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_mcpauth_using_subcommand
    set -l cmd (__fish_mcpauth_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c mcpauth -n "__fish_mcpauth_needs_command" -l db -d 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user\'s data directory]' -r -F
complete -c mcpauth -n "__fish_mcpauth_needs_command" -l json -d 'Print JSON instead of tables (JSON Lines for audit tail)'
complete -c mcpauth -n "__fish_mcpauth_needs_command" -s q -l quiet -d 'Print only data and errors, no notes (serve: log warnings and errors only)'
complete -c mcpauth -n "__fish_mcpauth_needs_command" -s v -l verbose -d 'Log more (serve): -v debug, -vv trace'
complete -c mcpauth -n "__fish_mcpauth_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mcpauth -n "__fish_mcpauth_needs_command" -s V -l version -d 'Print version'
complete -c mcpauth -n "__fish_mcpauth_needs_command" -f -a "init" -d 'Create the database with its first administrator and signing key'
complete -c mcpauth -n "__fish_mcpauth_needs_command" -f -a "serve" -d 'Run the authorization server, its pages and the MCP endpoints'
complete -c mcpauth -n "__fish_mcpauth_needs_command" -f -a "user" -d 'Manage the people who may sign in'
complete -c mcpauth -n "__fish_mcpauth_needs_command" -f -a "allowlist" -d 'Manage who may sign in through an identity provider'
complete -c mcpauth -n "__fish_mcpauth_needs_command" -f -a "idp" -d 'Manage the identity providers people may sign in with (GitHub, Google, ...)'
complete -c mcpauth -n "__fish_mcpauth_needs_command" -f -a "client" -d 'Manage OAuth clients'
complete -c mcpauth -n "__fish_mcpauth_needs_command" -f -a "token" -d 'List and revoke granted access'
complete -c mcpauth -n "__fish_mcpauth_needs_command" -f -a "audit" -d 'Read the audit log'
complete -c mcpauth -n "__fish_mcpauth_needs_command" -f -a "secret" -d 'Manage token signing keys'
complete -c mcpauth -n "__fish_mcpauth_needs_command" -f -a "upstream" -d 'Manage the MCP servers mounted behind mcpauth'
complete -c mcpauth -n "__fish_mcpauth_needs_command" -f -a "settings" -d 'Show and change settings'
complete -c mcpauth -n "__fish_mcpauth_needs_command" -f -a "backup" -d 'Copy the database to a new file, safely while it is in use'
complete -c mcpauth -n "__fish_mcpauth_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand init" -l issuer -d 'Public base URL clients will reach this server at, e.g. https://mcp.example.com' -r
complete -c mcpauth -n "__fish_mcpauth_using_subcommand init" -l listen -d 'Address and port to listen on [default: 127.0.0.1:8080]' -r
complete -c mcpauth -n "__fish_mcpauth_using_subcommand init" -l admin -d 'Email of the first administrator' -r
complete -c mcpauth -n "__fish_mcpauth_using_subcommand init" -l files-root -d 'Directory the built-in file tools may use [default: files/ beside the database]' -r -F
complete -c mcpauth -n "__fish_mcpauth_using_subcommand init" -l db -d 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user\'s data directory]' -r -F
complete -c mcpauth -n "__fish_mcpauth_using_subcommand init" -l password-stdin -d 'Read the administrator\'s password from standard input'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand init" -l no-password -d 'Give the administrator no password (sign-in through an identity provider only)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand init" -s y -l yes -d 'Ask nothing: take every value from flags and the environment'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand init" -l json -d 'Print JSON instead of tables (JSON Lines for audit tail)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand init" -s q -l quiet -d 'Print only data and errors, no notes (serve: log warnings and errors only)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand init" -s v -l verbose -d 'Log more (serve): -v debug, -vv trace'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand init" -s h -l help -d 'Print help'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand init" -s V -l version -d 'Print version'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand serve" -l listen -d 'Address and port to listen on [default: the listen setting]' -r
complete -c mcpauth -n "__fish_mcpauth_using_subcommand serve" -l issuer -d 'Public base URL clients reach this server at [default: the issuer setting]' -r
complete -c mcpauth -n "__fish_mcpauth_using_subcommand serve" -l tls-cert -d 'Serve https with this PEM certificate chain' -r -F
complete -c mcpauth -n "__fish_mcpauth_using_subcommand serve" -l tls-key -d 'The PEM private key of --tls-cert' -r -F
complete -c mcpauth -n "__fish_mcpauth_using_subcommand serve" -l log-format -d 'Log line format' -r -f -a "text\t''
json\t''"
complete -c mcpauth -n "__fish_mcpauth_using_subcommand serve" -l db -d 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user\'s data directory]' -r -F
complete -c mcpauth -n "__fish_mcpauth_using_subcommand serve" -l allow-private-documents -d 'Fetch client metadata documents from loopback and private addresses (testing only)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand serve" -l json -d 'Print JSON instead of tables (JSON Lines for audit tail)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand serve" -s q -l quiet -d 'Print only data and errors, no notes (serve: log warnings and errors only)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand serve" -s v -l verbose -d 'Log more (serve): -v debug, -vv trace'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand serve" -s h -l help -d 'Print help'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand serve" -s V -l version -d 'Print version'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand user; and not __fish_seen_subcommand_from add list remove disable enable passwd help" -l db -d 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user\'s data directory]' -r -F
complete -c mcpauth -n "__fish_mcpauth_using_subcommand user; and not __fish_seen_subcommand_from add list remove disable enable passwd help" -l json -d 'Print JSON instead of tables (JSON Lines for audit tail)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand user; and not __fish_seen_subcommand_from add list remove disable enable passwd help" -s q -l quiet -d 'Print only data and errors, no notes (serve: log warnings and errors only)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand user; and not __fish_seen_subcommand_from add list remove disable enable passwd help" -s v -l verbose -d 'Log more (serve): -v debug, -vv trace'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand user; and not __fish_seen_subcommand_from add list remove disable enable passwd help" -s h -l help -d 'Print help'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand user; and not __fish_seen_subcommand_from add list remove disable enable passwd help" -s V -l version -d 'Print version'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand user; and not __fish_seen_subcommand_from add list remove disable enable passwd help" -f -a "add" -d 'Add a user; asks for a password on a terminal'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand user; and not __fish_seen_subcommand_from add list remove disable enable passwd help" -f -a "list" -d 'List users'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand user; and not __fish_seen_subcommand_from add list remove disable enable passwd help" -f -a "remove" -d 'Remove a user with their grants and sessions'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand user; and not __fish_seen_subcommand_from add list remove disable enable passwd help" -f -a "disable" -d 'Refuse a user\'s sign-ins and tokens until enabled again'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand user; and not __fish_seen_subcommand_from add list remove disable enable passwd help" -f -a "enable" -d 'Let a disabled user sign in again'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand user; and not __fish_seen_subcommand_from add list remove disable enable passwd help" -f -a "passwd" -d 'Set a user\'s password; asks on a terminal'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand user; and not __fish_seen_subcommand_from add list remove disable enable passwd help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand user; and __fish_seen_subcommand_from add" -l db -d 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user\'s data directory]' -r -F
complete -c mcpauth -n "__fish_mcpauth_using_subcommand user; and __fish_seen_subcommand_from add" -l admin -d 'Make the user an administrator'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand user; and __fish_seen_subcommand_from add" -l password-stdin -d 'Read the password from standard input'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand user; and __fish_seen_subcommand_from add" -l no-password -d 'No password: the user signs in through an identity provider'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand user; and __fish_seen_subcommand_from add" -l json -d 'Print JSON instead of tables (JSON Lines for audit tail)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand user; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print only data and errors, no notes (serve: log warnings and errors only)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand user; and __fish_seen_subcommand_from add" -s v -l verbose -d 'Log more (serve): -v debug, -vv trace'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand user; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand user; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand user; and __fish_seen_subcommand_from list" -l db -d 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user\'s data directory]' -r -F
complete -c mcpauth -n "__fish_mcpauth_using_subcommand user; and __fish_seen_subcommand_from list" -l json -d 'Print JSON instead of tables (JSON Lines for audit tail)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand user; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only data and errors, no notes (serve: log warnings and errors only)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand user; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log more (serve): -v debug, -vv trace'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand user; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand user; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand user; and __fish_seen_subcommand_from remove" -l db -d 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user\'s data directory]' -r -F
complete -c mcpauth -n "__fish_mcpauth_using_subcommand user; and __fish_seen_subcommand_from remove" -l json -d 'Print JSON instead of tables (JSON Lines for audit tail)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand user; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print only data and errors, no notes (serve: log warnings and errors only)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand user; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'Log more (serve): -v debug, -vv trace'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand user; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand user; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand user; and __fish_seen_subcommand_from disable" -l db -d 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user\'s data directory]' -r -F
complete -c mcpauth -n "__fish_mcpauth_using_subcommand user; and __fish_seen_subcommand_from disable" -l json -d 'Print JSON instead of tables (JSON Lines for audit tail)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand user; and __fish_seen_subcommand_from disable" -s q -l quiet -d 'Print only data and errors, no notes (serve: log warnings and errors only)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand user; and __fish_seen_subcommand_from disable" -s v -l verbose -d 'Log more (serve): -v debug, -vv trace'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand user; and __fish_seen_subcommand_from disable" -s h -l help -d 'Print help'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand user; and __fish_seen_subcommand_from disable" -s V -l version -d 'Print version'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand user; and __fish_seen_subcommand_from enable" -l db -d 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user\'s data directory]' -r -F
complete -c mcpauth -n "__fish_mcpauth_using_subcommand user; and __fish_seen_subcommand_from enable" -l json -d 'Print JSON instead of tables (JSON Lines for audit tail)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand user; and __fish_seen_subcommand_from enable" -s q -l quiet -d 'Print only data and errors, no notes (serve: log warnings and errors only)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand user; and __fish_seen_subcommand_from enable" -s v -l verbose -d 'Log more (serve): -v debug, -vv trace'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand user; and __fish_seen_subcommand_from enable" -s h -l help -d 'Print help'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand user; and __fish_seen_subcommand_from enable" -s V -l version -d 'Print version'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand user; and __fish_seen_subcommand_from passwd" -l db -d 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user\'s data directory]' -r -F
complete -c mcpauth -n "__fish_mcpauth_using_subcommand user; and __fish_seen_subcommand_from passwd" -l password-stdin -d 'Read the password from standard input'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand user; and __fish_seen_subcommand_from passwd" -l clear -d 'Remove the password: the user signs in through an identity provider only'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand user; and __fish_seen_subcommand_from passwd" -l json -d 'Print JSON instead of tables (JSON Lines for audit tail)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand user; and __fish_seen_subcommand_from passwd" -s q -l quiet -d 'Print only data and errors, no notes (serve: log warnings and errors only)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand user; and __fish_seen_subcommand_from passwd" -s v -l verbose -d 'Log more (serve): -v debug, -vv trace'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand user; and __fish_seen_subcommand_from passwd" -s h -l help -d 'Print help'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand user; and __fish_seen_subcommand_from passwd" -s V -l version -d 'Print version'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add a user; asks for a password on a terminal'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "list" -d 'List users'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove a user with their grants and sessions'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "disable" -d 'Refuse a user\'s sign-ins and tokens until enabled again'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "enable" -d 'Let a disabled user sign in again'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "passwd" -d 'Set a user\'s password; asks on a terminal'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand allowlist; and not __fish_seen_subcommand_from add remove list help" -l db -d 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user\'s data directory]' -r -F
complete -c mcpauth -n "__fish_mcpauth_using_subcommand allowlist; and not __fish_seen_subcommand_from add remove list help" -l json -d 'Print JSON instead of tables (JSON Lines for audit tail)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand allowlist; and not __fish_seen_subcommand_from add remove list help" -s q -l quiet -d 'Print only data and errors, no notes (serve: log warnings and errors only)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand allowlist; and not __fish_seen_subcommand_from add remove list help" -s v -l verbose -d 'Log more (serve): -v debug, -vv trace'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand allowlist; and not __fish_seen_subcommand_from add remove list help" -s h -l help -d 'Print help'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand allowlist; and not __fish_seen_subcommand_from add remove list help" -s V -l version -d 'Print version'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand allowlist; and not __fish_seen_subcommand_from add remove list help" -f -a "add" -d 'Allow addresses (me@example.com) or whole domains (@example.com)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand allowlist; and not __fish_seen_subcommand_from add remove list help" -f -a "remove" -d 'Remove a pattern'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand allowlist; and not __fish_seen_subcommand_from add remove list help" -f -a "list" -d 'List the allowlist'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand allowlist; and not __fish_seen_subcommand_from add remove list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand allowlist; and __fish_seen_subcommand_from add" -l db -d 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user\'s data directory]' -r -F
complete -c mcpauth -n "__fish_mcpauth_using_subcommand allowlist; and __fish_seen_subcommand_from add" -l json -d 'Print JSON instead of tables (JSON Lines for audit tail)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand allowlist; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print only data and errors, no notes (serve: log warnings and errors only)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand allowlist; and __fish_seen_subcommand_from add" -s v -l verbose -d 'Log more (serve): -v debug, -vv trace'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand allowlist; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand allowlist; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand allowlist; and __fish_seen_subcommand_from remove" -l db -d 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user\'s data directory]' -r -F
complete -c mcpauth -n "__fish_mcpauth_using_subcommand allowlist; and __fish_seen_subcommand_from remove" -l json -d 'Print JSON instead of tables (JSON Lines for audit tail)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand allowlist; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print only data and errors, no notes (serve: log warnings and errors only)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand allowlist; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'Log more (serve): -v debug, -vv trace'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand allowlist; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand allowlist; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand allowlist; and __fish_seen_subcommand_from list" -l db -d 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user\'s data directory]' -r -F
complete -c mcpauth -n "__fish_mcpauth_using_subcommand allowlist; and __fish_seen_subcommand_from list" -l json -d 'Print JSON instead of tables (JSON Lines for audit tail)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand allowlist; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only data and errors, no notes (serve: log warnings and errors only)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand allowlist; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log more (serve): -v debug, -vv trace'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand allowlist; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand allowlist; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand allowlist; and __fish_seen_subcommand_from help" -f -a "add" -d 'Allow addresses (me@example.com) or whole domains (@example.com)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand allowlist; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove a pattern'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand allowlist; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the allowlist'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand allowlist; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand idp; and not __fish_seen_subcommand_from add list remove help" -l db -d 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user\'s data directory]' -r -F
complete -c mcpauth -n "__fish_mcpauth_using_subcommand idp; and not __fish_seen_subcommand_from add list remove help" -l json -d 'Print JSON instead of tables (JSON Lines for audit tail)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand idp; and not __fish_seen_subcommand_from add list remove help" -s q -l quiet -d 'Print only data and errors, no notes (serve: log warnings and errors only)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand idp; and not __fish_seen_subcommand_from add list remove help" -s v -l verbose -d 'Log more (serve): -v debug, -vv trace'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand idp; and not __fish_seen_subcommand_from add list remove help" -s h -l help -d 'Print help'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand idp; and not __fish_seen_subcommand_from add list remove help" -s V -l version -d 'Print version'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand idp; and not __fish_seen_subcommand_from add list remove help" -f -a "add" -d 'Let people sign in with an identity provider'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand idp; and not __fish_seen_subcommand_from add list remove help" -f -a "list" -d 'List identity providers'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand idp; and not __fish_seen_subcommand_from add list remove help" -f -a "remove" -d 'Remove an identity provider (its users stay)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand idp; and not __fish_seen_subcommand_from add list remove help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand idp; and __fish_seen_subcommand_from add" -l db -d 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user\'s data directory]' -r -F
complete -c mcpauth -n "__fish_mcpauth_using_subcommand idp; and __fish_seen_subcommand_from add" -l json -d 'Print JSON instead of tables (JSON Lines for audit tail)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand idp; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print only data and errors, no notes (serve: log warnings and errors only)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand idp; and __fish_seen_subcommand_from add" -s v -l verbose -d 'Log more (serve): -v debug, -vv trace'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand idp; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand idp; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand idp; and __fish_seen_subcommand_from add" -f -a "github" -d 'GitHub (or GitHub Enterprise: settings github_url and github_api_url)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand idp; and __fish_seen_subcommand_from add" -f -a "google" -d 'Google'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand idp; and __fish_seen_subcommand_from add" -f -a "microsoft" -d 'Microsoft Entra ID or personal Microsoft accounts'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand idp; and __fish_seen_subcommand_from add" -f -a "oidc" -d 'Any OpenID Connect provider (Authentik, Keycloak, Authelia, Zitadel, ...)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand idp; and __fish_seen_subcommand_from add" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand idp; and __fish_seen_subcommand_from list" -l db -d 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user\'s data directory]' -r -F
complete -c mcpauth -n "__fish_mcpauth_using_subcommand idp; and __fish_seen_subcommand_from list" -l json -d 'Print JSON instead of tables (JSON Lines for audit tail)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand idp; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only data and errors, no notes (serve: log warnings and errors only)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand idp; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log more (serve): -v debug, -vv trace'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand idp; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand idp; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand idp; and __fish_seen_subcommand_from remove" -l db -d 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user\'s data directory]' -r -F
complete -c mcpauth -n "__fish_mcpauth_using_subcommand idp; and __fish_seen_subcommand_from remove" -l json -d 'Print JSON instead of tables (JSON Lines for audit tail)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand idp; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print only data and errors, no notes (serve: log warnings and errors only)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand idp; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'Log more (serve): -v debug, -vv trace'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand idp; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand idp; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand idp; and __fish_seen_subcommand_from help" -f -a "add" -d 'Let people sign in with an identity provider'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand idp; and __fish_seen_subcommand_from help" -f -a "list" -d 'List identity providers'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand idp; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove an identity provider (its users stay)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand idp; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand client; and not __fish_seen_subcommand_from list show add remove help" -l db -d 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user\'s data directory]' -r -F
complete -c mcpauth -n "__fish_mcpauth_using_subcommand client; and not __fish_seen_subcommand_from list show add remove help" -l json -d 'Print JSON instead of tables (JSON Lines for audit tail)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand client; and not __fish_seen_subcommand_from list show add remove help" -s q -l quiet -d 'Print only data and errors, no notes (serve: log warnings and errors only)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand client; and not __fish_seen_subcommand_from list show add remove help" -s v -l verbose -d 'Log more (serve): -v debug, -vv trace'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand client; and not __fish_seen_subcommand_from list show add remove help" -s h -l help -d 'Print help'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand client; and not __fish_seen_subcommand_from list show add remove help" -s V -l version -d 'Print version'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand client; and not __fish_seen_subcommand_from list show add remove help" -f -a "list" -d 'List clients'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand client; and not __fish_seen_subcommand_from list show add remove help" -f -a "show" -d 'Show one client'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand client; and not __fish_seen_subcommand_from list show add remove help" -f -a "add" -d 'Pre-register a client; prints its id (and secret, once)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand client; and not __fish_seen_subcommand_from list show add remove help" -f -a "remove" -d 'Remove a client with its grants'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand client; and not __fish_seen_subcommand_from list show add remove help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand client; and __fish_seen_subcommand_from list" -l db -d 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user\'s data directory]' -r -F
complete -c mcpauth -n "__fish_mcpauth_using_subcommand client; and __fish_seen_subcommand_from list" -l json -d 'Print JSON instead of tables (JSON Lines for audit tail)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand client; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only data and errors, no notes (serve: log warnings and errors only)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand client; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log more (serve): -v debug, -vv trace'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand client; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand client; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand client; and __fish_seen_subcommand_from show" -l db -d 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user\'s data directory]' -r -F
complete -c mcpauth -n "__fish_mcpauth_using_subcommand client; and __fish_seen_subcommand_from show" -l json -d 'Print JSON instead of tables (JSON Lines for audit tail)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand client; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only data and errors, no notes (serve: log warnings and errors only)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand client; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Log more (serve): -v debug, -vv trace'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand client; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand client; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand client; and __fish_seen_subcommand_from add" -l name -d 'Name shown on the consent page' -r
complete -c mcpauth -n "__fish_mcpauth_using_subcommand client; and __fish_seen_subcommand_from add" -l redirect-uri -d 'Where the client may receive codes (repeat for several)' -r
complete -c mcpauth -n "__fish_mcpauth_using_subcommand client; and __fish_seen_subcommand_from add" -l jwks-uri -d 'Authenticate the client with private_key_jwt, against the keys published here' -r
complete -c mcpauth -n "__fish_mcpauth_using_subcommand client; and __fish_seen_subcommand_from add" -l preset -d 'Use the redirect URIs of a well-known client' -r -f -a "chatgpt\t''
claude\t''
claude-code\t''
cursor\t''
vscode\t''
inspector\t''"
complete -c mcpauth -n "__fish_mcpauth_using_subcommand client; and __fish_seen_subcommand_from add" -l db -d 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user\'s data directory]' -r -F
complete -c mcpauth -n "__fish_mcpauth_using_subcommand client; and __fish_seen_subcommand_from add" -l confidential -d 'Issue a client secret (client_secret_basic or client_secret_post)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand client; and __fish_seen_subcommand_from add" -l json -d 'Print JSON instead of tables (JSON Lines for audit tail)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand client; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print only data and errors, no notes (serve: log warnings and errors only)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand client; and __fish_seen_subcommand_from add" -s v -l verbose -d 'Log more (serve): -v debug, -vv trace'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand client; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand client; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand client; and __fish_seen_subcommand_from remove" -l db -d 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user\'s data directory]' -r -F
complete -c mcpauth -n "__fish_mcpauth_using_subcommand client; and __fish_seen_subcommand_from remove" -l json -d 'Print JSON instead of tables (JSON Lines for audit tail)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand client; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print only data and errors, no notes (serve: log warnings and errors only)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand client; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'Log more (serve): -v debug, -vv trace'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand client; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand client; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand client; and __fish_seen_subcommand_from help" -f -a "list" -d 'List clients'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand client; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one client'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand client; and __fish_seen_subcommand_from help" -f -a "add" -d 'Pre-register a client; prints its id (and secret, once)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand client; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove a client with its grants'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand client; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand token; and not __fish_seen_subcommand_from list revoke help" -l db -d 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user\'s data directory]' -r -F
complete -c mcpauth -n "__fish_mcpauth_using_subcommand token; and not __fish_seen_subcommand_from list revoke help" -l json -d 'Print JSON instead of tables (JSON Lines for audit tail)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand token; and not __fish_seen_subcommand_from list revoke help" -s q -l quiet -d 'Print only data and errors, no notes (serve: log warnings and errors only)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand token; and not __fish_seen_subcommand_from list revoke help" -s v -l verbose -d 'Log more (serve): -v debug, -vv trace'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand token; and not __fish_seen_subcommand_from list revoke help" -s h -l help -d 'Print help'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand token; and not __fish_seen_subcommand_from list revoke help" -s V -l version -d 'Print version'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand token; and not __fish_seen_subcommand_from list revoke help" -f -a "list" -d 'List active grants (each one a client\'s access on a user\'s behalf)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand token; and not __fish_seen_subcommand_from list revoke help" -f -a "revoke" -d 'Revoke grants by id, user, client or all; their tokens stop working at once'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand token; and not __fish_seen_subcommand_from list revoke help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand token; and __fish_seen_subcommand_from list" -l user -d 'Only this user\'s grants' -r
complete -c mcpauth -n "__fish_mcpauth_using_subcommand token; and __fish_seen_subcommand_from list" -l client -d 'Only this client\'s grants' -r
complete -c mcpauth -n "__fish_mcpauth_using_subcommand token; and __fish_seen_subcommand_from list" -l db -d 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user\'s data directory]' -r -F
complete -c mcpauth -n "__fish_mcpauth_using_subcommand token; and __fish_seen_subcommand_from list" -l json -d 'Print JSON instead of tables (JSON Lines for audit tail)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand token; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only data and errors, no notes (serve: log warnings and errors only)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand token; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log more (serve): -v debug, -vv trace'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand token; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand token; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand token; and __fish_seen_subcommand_from revoke" -l user -d 'Every grant of this user' -r
complete -c mcpauth -n "__fish_mcpauth_using_subcommand token; and __fish_seen_subcommand_from revoke" -l client -d 'Every grant of this client' -r
complete -c mcpauth -n "__fish_mcpauth_using_subcommand token; and __fish_seen_subcommand_from revoke" -l db -d 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user\'s data directory]' -r -F
complete -c mcpauth -n "__fish_mcpauth_using_subcommand token; and __fish_seen_subcommand_from revoke" -l all -d 'Every grant'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand token; and __fish_seen_subcommand_from revoke" -l json -d 'Print JSON instead of tables (JSON Lines for audit tail)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand token; and __fish_seen_subcommand_from revoke" -s q -l quiet -d 'Print only data and errors, no notes (serve: log warnings and errors only)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand token; and __fish_seen_subcommand_from revoke" -s v -l verbose -d 'Log more (serve): -v debug, -vv trace'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand token; and __fish_seen_subcommand_from revoke" -s h -l help -d 'Print help'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand token; and __fish_seen_subcommand_from revoke" -s V -l version -d 'Print version'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "list" -d 'List active grants (each one a client\'s access on a user\'s behalf)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "revoke" -d 'Revoke grants by id, user, client or all; their tokens stop working at once'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand audit; and not __fish_seen_subcommand_from tail help" -l db -d 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user\'s data directory]' -r -F
complete -c mcpauth -n "__fish_mcpauth_using_subcommand audit; and not __fish_seen_subcommand_from tail help" -l json -d 'Print JSON instead of tables (JSON Lines for audit tail)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand audit; and not __fish_seen_subcommand_from tail help" -s q -l quiet -d 'Print only data and errors, no notes (serve: log warnings and errors only)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand audit; and not __fish_seen_subcommand_from tail help" -s v -l verbose -d 'Log more (serve): -v debug, -vv trace'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand audit; and not __fish_seen_subcommand_from tail help" -s h -l help -d 'Print help'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand audit; and not __fish_seen_subcommand_from tail help" -s V -l version -d 'Print version'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand audit; and not __fish_seen_subcommand_from tail help" -f -a "tail" -d 'Show the latest events'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand audit; and not __fish_seen_subcommand_from tail help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand audit; and __fish_seen_subcommand_from tail" -s n -l lines -d 'How many events to show' -r
complete -c mcpauth -n "__fish_mcpauth_using_subcommand audit; and __fish_seen_subcommand_from tail" -l event -d 'Only events of this kind, or of this family (user → user.added, user.removed, ...)' -r
complete -c mcpauth -n "__fish_mcpauth_using_subcommand audit; and __fish_seen_subcommand_from tail" -l user -d 'Only events about this user' -r
complete -c mcpauth -n "__fish_mcpauth_using_subcommand audit; and __fish_seen_subcommand_from tail" -l db -d 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user\'s data directory]' -r -F
complete -c mcpauth -n "__fish_mcpauth_using_subcommand audit; and __fish_seen_subcommand_from tail" -s f -l follow -d 'Keep printing new events until interrupted'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand audit; and __fish_seen_subcommand_from tail" -l json -d 'Print JSON instead of tables (JSON Lines for audit tail)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand audit; and __fish_seen_subcommand_from tail" -s q -l quiet -d 'Print only data and errors, no notes (serve: log warnings and errors only)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand audit; and __fish_seen_subcommand_from tail" -s v -l verbose -d 'Log more (serve): -v debug, -vv trace'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand audit; and __fish_seen_subcommand_from tail" -s h -l help -d 'Print help'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand audit; and __fish_seen_subcommand_from tail" -s V -l version -d 'Print version'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "tail" -d 'Show the latest events'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand secret; and not __fish_seen_subcommand_from rotate list retire help" -l db -d 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user\'s data directory]' -r -F
complete -c mcpauth -n "__fish_mcpauth_using_subcommand secret; and not __fish_seen_subcommand_from rotate list retire help" -l json -d 'Print JSON instead of tables (JSON Lines for audit tail)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand secret; and not __fish_seen_subcommand_from rotate list retire help" -s q -l quiet -d 'Print only data and errors, no notes (serve: log warnings and errors only)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand secret; and not __fish_seen_subcommand_from rotate list retire help" -s v -l verbose -d 'Log more (serve): -v debug, -vv trace'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand secret; and not __fish_seen_subcommand_from rotate list retire help" -s h -l help -d 'Print help'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand secret; and not __fish_seen_subcommand_from rotate list retire help" -s V -l version -d 'Print version'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand secret; and not __fish_seen_subcommand_from rotate list retire help" -f -a "rotate" -d 'Make a new signing key active; earlier keys keep verifying until retired'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand secret; and not __fish_seen_subcommand_from rotate list retire help" -f -a "list" -d 'List signing keys (never their private part)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand secret; and not __fish_seen_subcommand_from rotate list retire help" -f -a "retire" -d 'Stop an old key from verifying: tokens it signed are refused'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand secret; and not __fish_seen_subcommand_from rotate list retire help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand secret; and __fish_seen_subcommand_from rotate" -l db -d 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user\'s data directory]' -r -F
complete -c mcpauth -n "__fish_mcpauth_using_subcommand secret; and __fish_seen_subcommand_from rotate" -l json -d 'Print JSON instead of tables (JSON Lines for audit tail)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand secret; and __fish_seen_subcommand_from rotate" -s q -l quiet -d 'Print only data and errors, no notes (serve: log warnings and errors only)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand secret; and __fish_seen_subcommand_from rotate" -s v -l verbose -d 'Log more (serve): -v debug, -vv trace'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand secret; and __fish_seen_subcommand_from rotate" -s h -l help -d 'Print help'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand secret; and __fish_seen_subcommand_from rotate" -s V -l version -d 'Print version'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand secret; and __fish_seen_subcommand_from list" -l db -d 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user\'s data directory]' -r -F
complete -c mcpauth -n "__fish_mcpauth_using_subcommand secret; and __fish_seen_subcommand_from list" -l json -d 'Print JSON instead of tables (JSON Lines for audit tail)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand secret; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only data and errors, no notes (serve: log warnings and errors only)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand secret; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log more (serve): -v debug, -vv trace'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand secret; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand secret; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand secret; and __fish_seen_subcommand_from retire" -l db -d 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user\'s data directory]' -r -F
complete -c mcpauth -n "__fish_mcpauth_using_subcommand secret; and __fish_seen_subcommand_from retire" -l json -d 'Print JSON instead of tables (JSON Lines for audit tail)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand secret; and __fish_seen_subcommand_from retire" -s q -l quiet -d 'Print only data and errors, no notes (serve: log warnings and errors only)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand secret; and __fish_seen_subcommand_from retire" -s v -l verbose -d 'Log more (serve): -v debug, -vv trace'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand secret; and __fish_seen_subcommand_from retire" -s h -l help -d 'Print help'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand secret; and __fish_seen_subcommand_from retire" -s V -l version -d 'Print version'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand secret; and __fish_seen_subcommand_from help" -f -a "rotate" -d 'Make a new signing key active; earlier keys keep verifying until retired'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand secret; and __fish_seen_subcommand_from help" -f -a "list" -d 'List signing keys (never their private part)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand secret; and __fish_seen_subcommand_from help" -f -a "retire" -d 'Stop an old key from verifying: tokens it signed are refused'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand secret; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand upstream; and not __fish_seen_subcommand_from add list remove help" -l db -d 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user\'s data directory]' -r -F
complete -c mcpauth -n "__fish_mcpauth_using_subcommand upstream; and not __fish_seen_subcommand_from add list remove help" -l json -d 'Print JSON instead of tables (JSON Lines for audit tail)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand upstream; and not __fish_seen_subcommand_from add list remove help" -s q -l quiet -d 'Print only data and errors, no notes (serve: log warnings and errors only)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand upstream; and not __fish_seen_subcommand_from add list remove help" -s v -l verbose -d 'Log more (serve): -v debug, -vv trace'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand upstream; and not __fish_seen_subcommand_from add list remove help" -s h -l help -d 'Print help'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand upstream; and not __fish_seen_subcommand_from add list remove help" -s V -l version -d 'Print version'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand upstream; and not __fish_seen_subcommand_from add list remove help" -f -a "add" -d 'Mount an MCP server: a Streamable HTTP/SSE URL, or a stdio command after --'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand upstream; and not __fish_seen_subcommand_from add list remove help" -f -a "list" -d 'List mounted upstreams'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand upstream; and not __fish_seen_subcommand_from add list remove help" -f -a "remove" -d 'Unmount an upstream'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand upstream; and not __fish_seen_subcommand_from add list remove help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand upstream; and __fish_seen_subcommand_from add" -l url -d 'URL of a Streamable HTTP (or legacy SSE) MCP server' -r
complete -c mcpauth -n "__fish_mcpauth_using_subcommand upstream; and __fish_seen_subcommand_from add" -l header -d 'Header sent to an HTTP upstream, e.g. "Authorization: Bearer ..." (repeatable)' -r
complete -c mcpauth -n "__fish_mcpauth_using_subcommand upstream; and __fish_seen_subcommand_from add" -l env -d 'Environment variable for a stdio command (repeatable)' -r
complete -c mcpauth -n "__fish_mcpauth_using_subcommand upstream; and __fish_seen_subcommand_from add" -l db -d 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user\'s data directory]' -r -F
complete -c mcpauth -n "__fish_mcpauth_using_subcommand upstream; and __fish_seen_subcommand_from add" -l read-only -d 'Let only tools the upstream marks read-only through'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand upstream; and __fish_seen_subcommand_from add" -l json -d 'Print JSON instead of tables (JSON Lines for audit tail)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand upstream; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print only data and errors, no notes (serve: log warnings and errors only)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand upstream; and __fish_seen_subcommand_from add" -s v -l verbose -d 'Log more (serve): -v debug, -vv trace'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand upstream; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand upstream; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand upstream; and __fish_seen_subcommand_from list" -l db -d 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user\'s data directory]' -r -F
complete -c mcpauth -n "__fish_mcpauth_using_subcommand upstream; and __fish_seen_subcommand_from list" -l json -d 'Print JSON instead of tables (JSON Lines for audit tail)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand upstream; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only data and errors, no notes (serve: log warnings and errors only)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand upstream; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log more (serve): -v debug, -vv trace'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand upstream; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand upstream; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand upstream; and __fish_seen_subcommand_from remove" -l db -d 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user\'s data directory]' -r -F
complete -c mcpauth -n "__fish_mcpauth_using_subcommand upstream; and __fish_seen_subcommand_from remove" -l json -d 'Print JSON instead of tables (JSON Lines for audit tail)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand upstream; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print only data and errors, no notes (serve: log warnings and errors only)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand upstream; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'Log more (serve): -v debug, -vv trace'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand upstream; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand upstream; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand upstream; and __fish_seen_subcommand_from help" -f -a "add" -d 'Mount an MCP server: a Streamable HTTP/SSE URL, or a stdio command after --'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand upstream; and __fish_seen_subcommand_from help" -f -a "list" -d 'List mounted upstreams'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand upstream; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Unmount an upstream'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand upstream; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand settings; and not __fish_seen_subcommand_from list set help" -l db -d 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user\'s data directory]' -r -F
complete -c mcpauth -n "__fish_mcpauth_using_subcommand settings; and not __fish_seen_subcommand_from list set help" -l json -d 'Print JSON instead of tables (JSON Lines for audit tail)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand settings; and not __fish_seen_subcommand_from list set help" -s q -l quiet -d 'Print only data and errors, no notes (serve: log warnings and errors only)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand settings; and not __fish_seen_subcommand_from list set help" -s v -l verbose -d 'Log more (serve): -v debug, -vv trace'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand settings; and not __fish_seen_subcommand_from list set help" -s h -l help -d 'Print help'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand settings; and not __fish_seen_subcommand_from list set help" -s V -l version -d 'Print version'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand settings; and not __fish_seen_subcommand_from list set help" -f -a "list" -d 'List every setting with its value'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand settings; and not __fish_seen_subcommand_from list set help" -f -a "set" -d 'Change a setting; the server uses it from its next start or request'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand settings; and not __fish_seen_subcommand_from list set help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand settings; and __fish_seen_subcommand_from list" -l db -d 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user\'s data directory]' -r -F
complete -c mcpauth -n "__fish_mcpauth_using_subcommand settings; and __fish_seen_subcommand_from list" -l json -d 'Print JSON instead of tables (JSON Lines for audit tail)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand settings; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only data and errors, no notes (serve: log warnings and errors only)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand settings; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log more (serve): -v debug, -vv trace'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand settings; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand settings; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand settings; and __fish_seen_subcommand_from set" -l db -d 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user\'s data directory]' -r -F
complete -c mcpauth -n "__fish_mcpauth_using_subcommand settings; and __fish_seen_subcommand_from set" -l json -d 'Print JSON instead of tables (JSON Lines for audit tail)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand settings; and __fish_seen_subcommand_from set" -s q -l quiet -d 'Print only data and errors, no notes (serve: log warnings and errors only)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand settings; and __fish_seen_subcommand_from set" -s v -l verbose -d 'Log more (serve): -v debug, -vv trace'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand settings; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand settings; and __fish_seen_subcommand_from set" -s V -l version -d 'Print version'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand settings; and __fish_seen_subcommand_from help" -f -a "list" -d 'List every setting with its value'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand settings; and __fish_seen_subcommand_from help" -f -a "set" -d 'Change a setting; the server uses it from its next start or request'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand settings; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand backup" -l db -d 'Database file [default: $STATE_DIRECTORY/mcpauth.db, else the user\'s data directory]' -r -F
complete -c mcpauth -n "__fish_mcpauth_using_subcommand backup" -l json -d 'Print JSON instead of tables (JSON Lines for audit tail)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand backup" -s q -l quiet -d 'Print only data and errors, no notes (serve: log warnings and errors only)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand backup" -s v -l verbose -d 'Log more (serve): -v debug, -vv trace'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand backup" -s h -l help -d 'Print help'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand backup" -s V -l version -d 'Print version'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand help; and not __fish_seen_subcommand_from init serve user allowlist idp client token audit secret upstream settings backup help" -f -a "init" -d 'Create the database with its first administrator and signing key'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand help; and not __fish_seen_subcommand_from init serve user allowlist idp client token audit secret upstream settings backup help" -f -a "serve" -d 'Run the authorization server, its pages and the MCP endpoints'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand help; and not __fish_seen_subcommand_from init serve user allowlist idp client token audit secret upstream settings backup help" -f -a "user" -d 'Manage the people who may sign in'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand help; and not __fish_seen_subcommand_from init serve user allowlist idp client token audit secret upstream settings backup help" -f -a "allowlist" -d 'Manage who may sign in through an identity provider'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand help; and not __fish_seen_subcommand_from init serve user allowlist idp client token audit secret upstream settings backup help" -f -a "idp" -d 'Manage the identity providers people may sign in with (GitHub, Google, ...)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand help; and not __fish_seen_subcommand_from init serve user allowlist idp client token audit secret upstream settings backup help" -f -a "client" -d 'Manage OAuth clients'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand help; and not __fish_seen_subcommand_from init serve user allowlist idp client token audit secret upstream settings backup help" -f -a "token" -d 'List and revoke granted access'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand help; and not __fish_seen_subcommand_from init serve user allowlist idp client token audit secret upstream settings backup help" -f -a "audit" -d 'Read the audit log'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand help; and not __fish_seen_subcommand_from init serve user allowlist idp client token audit secret upstream settings backup help" -f -a "secret" -d 'Manage token signing keys'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand help; and not __fish_seen_subcommand_from init serve user allowlist idp client token audit secret upstream settings backup help" -f -a "upstream" -d 'Manage the MCP servers mounted behind mcpauth'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand help; and not __fish_seen_subcommand_from init serve user allowlist idp client token audit secret upstream settings backup help" -f -a "settings" -d 'Show and change settings'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand help; and not __fish_seen_subcommand_from init serve user allowlist idp client token audit secret upstream settings backup help" -f -a "backup" -d 'Copy the database to a new file, safely while it is in use'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand help; and not __fish_seen_subcommand_from init serve user allowlist idp client token audit secret upstream settings backup help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "add" -d 'Add a user; asks for a password on a terminal'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "list" -d 'List users'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "remove" -d 'Remove a user with their grants and sessions'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "disable" -d 'Refuse a user\'s sign-ins and tokens until enabled again'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "enable" -d 'Let a disabled user sign in again'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "passwd" -d 'Set a user\'s password; asks on a terminal'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand help; and __fish_seen_subcommand_from allowlist" -f -a "add" -d 'Allow addresses (me@example.com) or whole domains (@example.com)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand help; and __fish_seen_subcommand_from allowlist" -f -a "remove" -d 'Remove a pattern'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand help; and __fish_seen_subcommand_from allowlist" -f -a "list" -d 'List the allowlist'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand help; and __fish_seen_subcommand_from idp" -f -a "add" -d 'Let people sign in with an identity provider'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand help; and __fish_seen_subcommand_from idp" -f -a "list" -d 'List identity providers'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand help; and __fish_seen_subcommand_from idp" -f -a "remove" -d 'Remove an identity provider (its users stay)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand help; and __fish_seen_subcommand_from client" -f -a "list" -d 'List clients'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand help; and __fish_seen_subcommand_from client" -f -a "show" -d 'Show one client'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand help; and __fish_seen_subcommand_from client" -f -a "add" -d 'Pre-register a client; prints its id (and secret, once)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand help; and __fish_seen_subcommand_from client" -f -a "remove" -d 'Remove a client with its grants'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand help; and __fish_seen_subcommand_from token" -f -a "list" -d 'List active grants (each one a client\'s access on a user\'s behalf)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand help; and __fish_seen_subcommand_from token" -f -a "revoke" -d 'Revoke grants by id, user, client or all; their tokens stop working at once'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "tail" -d 'Show the latest events'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand help; and __fish_seen_subcommand_from secret" -f -a "rotate" -d 'Make a new signing key active; earlier keys keep verifying until retired'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand help; and __fish_seen_subcommand_from secret" -f -a "list" -d 'List signing keys (never their private part)'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand help; and __fish_seen_subcommand_from secret" -f -a "retire" -d 'Stop an old key from verifying: tokens it signed are refused'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand help; and __fish_seen_subcommand_from upstream" -f -a "add" -d 'Mount an MCP server: a Streamable HTTP/SSE URL, or a stdio command after --'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand help; and __fish_seen_subcommand_from upstream" -f -a "list" -d 'List mounted upstreams'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand help; and __fish_seen_subcommand_from upstream" -f -a "remove" -d 'Unmount an upstream'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand help; and __fish_seen_subcommand_from settings" -f -a "list" -d 'List every setting with its value'
complete -c mcpauth -n "__fish_mcpauth_using_subcommand help; and __fish_seen_subcommand_from settings" -f -a "set" -d 'Change a setting; the server uses it from its next start or request'
