# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_usermgr_global_optspecs
    string join \n db= org= o/output= no-input q/quiet h/help V/version
end

function __fish_usermgr_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_usermgr_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_usermgr_using_subcommand
    set -l cmd (__fish_usermgr_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c usermgr -n "__fish_usermgr_needs_command" -l db -d 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)' -r -F
complete -c usermgr -n "__fish_usermgr_needs_command" -l org -d 'Organization to act in (default: the one of the current session)' -r
complete -c usermgr -n "__fish_usermgr_needs_command" -s o -l output -d 'Output format for results' -r -f -a "table\t'Human-readable tables'
json\t'One JSON document'
csv\t'Comma-separated values with a header (lists)'"
complete -c usermgr -n "__fish_usermgr_needs_command" -l no-input -d 'Never prompt; a missing value is an error naming the flag that gives it'
complete -c usermgr -n "__fish_usermgr_needs_command" -s q -l quiet -d 'Print no messages on stderr, only results and errors'
complete -c usermgr -n "__fish_usermgr_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c usermgr -n "__fish_usermgr_needs_command" -s V -l version -d 'Print version'
complete -c usermgr -n "__fish_usermgr_needs_command" -f -a "init" -d 'Create the database, the first organization and its first administrator, and log in'
complete -c usermgr -n "__fish_usermgr_needs_command" -f -a "login" -d 'Log in; runs the timed password reset when one is required'
complete -c usermgr -n "__fish_usermgr_needs_command" -f -a "logout" -d 'End the stored session'
complete -c usermgr -n "__fish_usermgr_needs_command" -f -a "whoami" -d 'Show who is logged in, in which organization, with which permissions'
complete -c usermgr -n "__fish_usermgr_needs_command" -f -a "add-users" -d 'Add users to the current organization (guided on a terminal when no email is given)'
complete -c usermgr -n "__fish_usermgr_needs_command" -f -a "reset" -d 'Set a new password with a token, or (admin) change a member\'s password'
complete -c usermgr -n "__fish_usermgr_needs_command" -f -a "passwd" -d 'Change your own password (asks for the current one first)'
complete -c usermgr -n "__fish_usermgr_needs_command" -f -a "send-instructions" -d 'Email password instructions or reset emails'
complete -c usermgr -n "__fish_usermgr_needs_command" -f -a "users" -d 'Inspect and manage members'
complete -c usermgr -n "__fish_usermgr_needs_command" -f -a "orgs" -d 'List your organizations or create one'
complete -c usermgr -n "__fish_usermgr_needs_command" -f -a "permission-sets" -d 'Manage the current organization\'s permission sets'
complete -c usermgr -n "__fish_usermgr_needs_command" -f -a "groups" -d 'Manage the current organization\'s groups'
complete -c usermgr -n "__fish_usermgr_needs_command" -f -a "sites" -d 'Manage the current organization\'s sites'
complete -c usermgr -n "__fish_usermgr_needs_command" -f -a "fields" -d 'Manage the current organization\'s user field definitions'
complete -c usermgr -n "__fish_usermgr_needs_command" -f -a "audit" -d 'Read the audit log'
complete -c usermgr -n "__fish_usermgr_needs_command" -f -a "outbox" -d 'Read the outbox of emails'
complete -c usermgr -n "__fish_usermgr_needs_command" -f -a "config" -d 'Read and change settings'
complete -c usermgr -n "__fish_usermgr_needs_command" -f -a "doctor" -d 'Check the database, settings, session, config file and email transport'
complete -c usermgr -n "__fish_usermgr_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c usermgr -n "__fish_usermgr_needs_command" -f -a "man" -d 'Print the man page of usermgr'
complete -c usermgr -n "__fish_usermgr_needs_command" -f -a "generate" -d 'Write completions/ and man/ under DIR (for maintainers)'
complete -c usermgr -n "__fish_usermgr_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c usermgr -n "__fish_usermgr_using_subcommand init" -l org -d 'Name of the first organization' -r
complete -c usermgr -n "__fish_usermgr_using_subcommand init" -l admin -d 'Email of the first administrator' -r
complete -c usermgr -n "__fish_usermgr_using_subcommand init" -l name -d 'Full name of the first administrator' -r
complete -c usermgr -n "__fish_usermgr_using_subcommand init" -l db -d 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)' -r -F
complete -c usermgr -n "__fish_usermgr_using_subcommand init" -s o -l output -d 'Output format for results' -r -f -a "table\t'Human-readable tables'
json\t'One JSON document'
csv\t'Comma-separated values with a header (lists)'"
complete -c usermgr -n "__fish_usermgr_using_subcommand init" -l password-stdin -d 'Read the administrator\'s password from one line of standard input'
complete -c usermgr -n "__fish_usermgr_using_subcommand init" -l no-input -d 'Never prompt; a missing value is an error naming the flag that gives it'
complete -c usermgr -n "__fish_usermgr_using_subcommand init" -s q -l quiet -d 'Print no messages on stderr, only results and errors'
complete -c usermgr -n "__fish_usermgr_using_subcommand init" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c usermgr -n "__fish_usermgr_using_subcommand init" -s V -l version -d 'Print version'
complete -c usermgr -n "__fish_usermgr_using_subcommand login" -l db -d 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)' -r -F
complete -c usermgr -n "__fish_usermgr_using_subcommand login" -l org -d 'Organization to act in (default: the one of the current session)' -r
complete -c usermgr -n "__fish_usermgr_using_subcommand login" -s o -l output -d 'Output format for results' -r -f -a "table\t'Human-readable tables'
json\t'One JSON document'
csv\t'Comma-separated values with a header (lists)'"
complete -c usermgr -n "__fish_usermgr_using_subcommand login" -l password-stdin -d 'Read the password (and, for a required reset, nothing else) from standard input'
complete -c usermgr -n "__fish_usermgr_using_subcommand login" -l print-token -d 'Print the session token on stdout instead of only storing it'
complete -c usermgr -n "__fish_usermgr_using_subcommand login" -l no-input -d 'Never prompt; a missing value is an error naming the flag that gives it'
complete -c usermgr -n "__fish_usermgr_using_subcommand login" -s q -l quiet -d 'Print no messages on stderr, only results and errors'
complete -c usermgr -n "__fish_usermgr_using_subcommand login" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c usermgr -n "__fish_usermgr_using_subcommand login" -s V -l version -d 'Print version'
complete -c usermgr -n "__fish_usermgr_using_subcommand logout" -l db -d 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)' -r -F
complete -c usermgr -n "__fish_usermgr_using_subcommand logout" -l org -d 'Organization to act in (default: the one of the current session)' -r
complete -c usermgr -n "__fish_usermgr_using_subcommand logout" -s o -l output -d 'Output format for results' -r -f -a "table\t'Human-readable tables'
json\t'One JSON document'
csv\t'Comma-separated values with a header (lists)'"
complete -c usermgr -n "__fish_usermgr_using_subcommand logout" -l no-input -d 'Never prompt; a missing value is an error naming the flag that gives it'
complete -c usermgr -n "__fish_usermgr_using_subcommand logout" -s q -l quiet -d 'Print no messages on stderr, only results and errors'
complete -c usermgr -n "__fish_usermgr_using_subcommand logout" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c usermgr -n "__fish_usermgr_using_subcommand logout" -s V -l version -d 'Print version'
complete -c usermgr -n "__fish_usermgr_using_subcommand whoami" -l db -d 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)' -r -F
complete -c usermgr -n "__fish_usermgr_using_subcommand whoami" -l org -d 'Organization to act in (default: the one of the current session)' -r
complete -c usermgr -n "__fish_usermgr_using_subcommand whoami" -s o -l output -d 'Output format for results' -r -f -a "table\t'Human-readable tables'
json\t'One JSON document'
csv\t'Comma-separated values with a header (lists)'"
complete -c usermgr -n "__fish_usermgr_using_subcommand whoami" -l no-input -d 'Never prompt; a missing value is an error naming the flag that gives it'
complete -c usermgr -n "__fish_usermgr_using_subcommand whoami" -s q -l quiet -d 'Print no messages on stderr, only results and errors'
complete -c usermgr -n "__fish_usermgr_using_subcommand whoami" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c usermgr -n "__fish_usermgr_using_subcommand whoami" -s V -l version -d 'Print version'
complete -c usermgr -n "__fish_usermgr_using_subcommand add-users" -l from -d 'Read users from a CSV or JSON file (`-` for standard input)' -r
complete -c usermgr -n "__fish_usermgr_using_subcommand add-users" -l name -d 'Full name (for a single email)' -r
complete -c usermgr -n "__fish_usermgr_using_subcommand add-users" -l password-file -d 'Read one password (for every new account) from the first line of a file' -r -F
complete -c usermgr -n "__fish_usermgr_using_subcommand add-users" -l message -d 'Custom message included verbatim in the email' -r
complete -c usermgr -n "__fish_usermgr_using_subcommand add-users" -l message-file -d 'Read the custom message from a file' -r -F
complete -c usermgr -n "__fish_usermgr_using_subcommand add-users" -l permission-set -d 'Permission set of the new members (needs Platform management: Permissions)' -r
complete -c usermgr -n "__fish_usermgr_using_subcommand add-users" -l group -d 'Add the new members to this group (repeatable)' -r
complete -c usermgr -n "__fish_usermgr_using_subcommand add-users" -l site -d 'Add the new members to this site (repeatable)' -r
complete -c usermgr -n "__fish_usermgr_using_subcommand add-users" -l field -d 'Set a user field (repeatable)' -r
complete -c usermgr -n "__fish_usermgr_using_subcommand add-users" -l db -d 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)' -r -F
complete -c usermgr -n "__fish_usermgr_using_subcommand add-users" -l org -d 'Organization to act in (default: the one of the current session)' -r
complete -c usermgr -n "__fish_usermgr_using_subcommand add-users" -s o -l output -d 'Output format for results' -r -f -a "table\t'Human-readable tables'
json\t'One JSON document'
csv\t'Comma-separated values with a header (lists)'"
complete -c usermgr -n "__fish_usermgr_using_subcommand add-users" -l password-stdin -d 'Read one password (for every new account) from one line of standard input'
complete -c usermgr -n "__fish_usermgr_using_subcommand add-users" -l generate-password -d 'Generate a password of at least 20 characters for each new account, shown once'
complete -c usermgr -n "__fish_usermgr_using_subcommand add-users" -l no-password -d 'Create accounts without a password; they set one from an emailed token'
complete -c usermgr -n "__fish_usermgr_using_subcommand add-users" -l require-reset -d 'Require each new account to choose a new password at first login'
complete -c usermgr -n "__fish_usermgr_using_subcommand add-users" -l send-instructions -d 'Email password instructions to each added user'
complete -c usermgr -n "__fish_usermgr_using_subcommand add-users" -l skip-existing -d 'Report users who are already members as skipped instead of failing'
complete -c usermgr -n "__fish_usermgr_using_subcommand add-users" -l dry-run -d 'Validate and show what would happen, write nothing'
complete -c usermgr -n "__fish_usermgr_using_subcommand add-users" -l no-input -d 'Never prompt; a missing value is an error naming the flag that gives it'
complete -c usermgr -n "__fish_usermgr_using_subcommand add-users" -s q -l quiet -d 'Print no messages on stderr, only results and errors'
complete -c usermgr -n "__fish_usermgr_using_subcommand add-users" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c usermgr -n "__fish_usermgr_using_subcommand add-users" -s V -l version -d 'Print version'
complete -c usermgr -n "__fish_usermgr_using_subcommand reset" -l token -d 'The token on the command line, where other local users can see it (ps, shell history): prefer --token-stdin or the prompt' -r
complete -c usermgr -n "__fish_usermgr_using_subcommand reset" -l db -d 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)' -r -F
complete -c usermgr -n "__fish_usermgr_using_subcommand reset" -l org -d 'Organization to act in (default: the one of the current session)' -r
complete -c usermgr -n "__fish_usermgr_using_subcommand reset" -s o -l output -d 'Output format for results' -r -f -a "table\t'Human-readable tables'
json\t'One JSON document'
csv\t'Comma-separated values with a header (lists)'"
complete -c usermgr -n "__fish_usermgr_using_subcommand reset" -l token-stdin -d 'Read the reset-window, reset-email or set-password token from the first line of standard input (with --password-stdin the password is the next line)'
complete -c usermgr -n "__fish_usermgr_using_subcommand reset" -l password-stdin -d 'Read the new password from one line of standard input'
complete -c usermgr -n "__fish_usermgr_using_subcommand reset" -l generate-password -d 'Generate the new password (admin change only), shown once'
complete -c usermgr -n "__fish_usermgr_using_subcommand reset" -l no-input -d 'Never prompt; a missing value is an error naming the flag that gives it'
complete -c usermgr -n "__fish_usermgr_using_subcommand reset" -s q -l quiet -d 'Print no messages on stderr, only results and errors'
complete -c usermgr -n "__fish_usermgr_using_subcommand reset" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c usermgr -n "__fish_usermgr_using_subcommand reset" -s V -l version -d 'Print version'
complete -c usermgr -n "__fish_usermgr_using_subcommand passwd" -l db -d 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)' -r -F
complete -c usermgr -n "__fish_usermgr_using_subcommand passwd" -l org -d 'Organization to act in (default: the one of the current session)' -r
complete -c usermgr -n "__fish_usermgr_using_subcommand passwd" -s o -l output -d 'Output format for results' -r -f -a "table\t'Human-readable tables'
json\t'One JSON document'
csv\t'Comma-separated values with a header (lists)'"
complete -c usermgr -n "__fish_usermgr_using_subcommand passwd" -l password-stdin -d 'Read the current password from the first line of standard input and the new one from the second'
complete -c usermgr -n "__fish_usermgr_using_subcommand passwd" -l no-input -d 'Never prompt; a missing value is an error naming the flag that gives it'
complete -c usermgr -n "__fish_usermgr_using_subcommand passwd" -s q -l quiet -d 'Print no messages on stderr, only results and errors'
complete -c usermgr -n "__fish_usermgr_using_subcommand passwd" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c usermgr -n "__fish_usermgr_using_subcommand passwd" -s V -l version -d 'Print version'
complete -c usermgr -n "__fish_usermgr_using_subcommand send-instructions" -l message -d 'Custom message included verbatim in the email' -r
complete -c usermgr -n "__fish_usermgr_using_subcommand send-instructions" -l message-file -d 'Read the custom message from a file' -r -F
complete -c usermgr -n "__fish_usermgr_using_subcommand send-instructions" -l db -d 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)' -r -F
complete -c usermgr -n "__fish_usermgr_using_subcommand send-instructions" -l org -d 'Organization to act in (default: the one of the current session)' -r
complete -c usermgr -n "__fish_usermgr_using_subcommand send-instructions" -s o -l output -d 'Output format for results' -r -f -a "table\t'Human-readable tables'
json\t'One JSON document'
csv\t'Comma-separated values with a header (lists)'"
complete -c usermgr -n "__fish_usermgr_using_subcommand send-instructions" -l reset -d 'Send reset emails instead of instructions'
complete -c usermgr -n "__fish_usermgr_using_subcommand send-instructions" -l retry-failed -d 'Send again every email of this organization whose delivery failed (fresh tokens)'
complete -c usermgr -n "__fish_usermgr_using_subcommand send-instructions" -l no-input -d 'Never prompt; a missing value is an error naming the flag that gives it'
complete -c usermgr -n "__fish_usermgr_using_subcommand send-instructions" -s q -l quiet -d 'Print no messages on stderr, only results and errors'
complete -c usermgr -n "__fish_usermgr_using_subcommand send-instructions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c usermgr -n "__fish_usermgr_using_subcommand send-instructions" -s V -l version -d 'Print version'
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and not __fish_seen_subcommand_from list show unlock remove set-permission-set update disable enable help" -l db -d 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)' -r -F
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and not __fish_seen_subcommand_from list show unlock remove set-permission-set update disable enable help" -l org -d 'Organization to act in (default: the one of the current session)' -r
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and not __fish_seen_subcommand_from list show unlock remove set-permission-set update disable enable help" -s o -l output -d 'Output format for results' -r -f -a "table\t'Human-readable tables'
json\t'One JSON document'
csv\t'Comma-separated values with a header (lists)'"
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and not __fish_seen_subcommand_from list show unlock remove set-permission-set update disable enable help" -l no-input -d 'Never prompt; a missing value is an error naming the flag that gives it'
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and not __fish_seen_subcommand_from list show unlock remove set-permission-set update disable enable help" -s q -l quiet -d 'Print no messages on stderr, only results and errors'
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and not __fish_seen_subcommand_from list show unlock remove set-permission-set update disable enable help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and not __fish_seen_subcommand_from list show unlock remove set-permission-set update disable enable help" -s V -l version -d 'Print version'
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and not __fish_seen_subcommand_from list show unlock remove set-permission-set update disable enable help" -f -a "list" -d 'List members of the current organization'
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and not __fish_seen_subcommand_from list show unlock remove set-permission-set update disable enable help" -f -a "show" -d 'Show one member, including the state of a required reset'
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and not __fish_seen_subcommand_from list show unlock remove set-permission-set update disable enable help" -f -a "unlock" -d 'End a lockout after too many failed logins'
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and not __fish_seen_subcommand_from list show unlock remove set-permission-set update disable enable help" -f -a "remove" -d 'Remove a member from the current organization (asks first; --yes in scripts)'
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and not __fish_seen_subcommand_from list show unlock remove set-permission-set update disable enable help" -f -a "set-permission-set" -d 'Change a member\'s permission set (needs Platform management: Permissions)'
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and not __fish_seen_subcommand_from list show unlock remove set-permission-set update disable enable help" -f -a "update" -d 'Change a member\'s groups, sites and field values, or many members\' with --from'
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and not __fish_seen_subcommand_from list show unlock remove set-permission-set update disable enable help" -f -a "disable" -d 'Stop every login of a member\'s account, end its sessions and void its tokens'
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and not __fish_seen_subcommand_from list show unlock remove set-permission-set update disable enable help" -f -a "enable" -d 'Let a disabled account log in again'
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and not __fish_seen_subcommand_from list show unlock remove set-permission-set update disable enable help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and __fish_seen_subcommand_from list" -l group -d 'Only members of this group' -r
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and __fish_seen_subcommand_from list" -l site -d 'Only members of this site' -r
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and __fish_seen_subcommand_from list" -l search -d 'Only members whose email or name contains this text' -r
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and __fish_seen_subcommand_from list" -l db -d 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)' -r -F
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and __fish_seen_subcommand_from list" -l org -d 'Organization to act in (default: the one of the current session)' -r
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format for results' -r -f -a "table\t'Human-readable tables'
json\t'One JSON document'
csv\t'Comma-separated values with a header (lists)'"
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and __fish_seen_subcommand_from list" -l reset-pending -d 'Only accounts whose required reset is still pending'
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and __fish_seen_subcommand_from list" -l disabled -d 'Only disabled accounts'
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; a missing value is an error naming the flag that gives it'
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print no messages on stderr, only results and errors'
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and __fish_seen_subcommand_from show" -l db -d 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)' -r -F
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and __fish_seen_subcommand_from show" -l org -d 'Organization to act in (default: the one of the current session)' -r
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and __fish_seen_subcommand_from show" -s o -l output -d 'Output format for results' -r -f -a "table\t'Human-readable tables'
json\t'One JSON document'
csv\t'Comma-separated values with a header (lists)'"
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt; a missing value is an error naming the flag that gives it'
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print no messages on stderr, only results and errors'
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and __fish_seen_subcommand_from unlock" -l db -d 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)' -r -F
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and __fish_seen_subcommand_from unlock" -l org -d 'Organization to act in (default: the one of the current session)' -r
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and __fish_seen_subcommand_from unlock" -s o -l output -d 'Output format for results' -r -f -a "table\t'Human-readable tables'
json\t'One JSON document'
csv\t'Comma-separated values with a header (lists)'"
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and __fish_seen_subcommand_from unlock" -l no-input -d 'Never prompt; a missing value is an error naming the flag that gives it'
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and __fish_seen_subcommand_from unlock" -s q -l quiet -d 'Print no messages on stderr, only results and errors'
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and __fish_seen_subcommand_from unlock" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and __fish_seen_subcommand_from unlock" -s V -l version -d 'Print version'
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and __fish_seen_subcommand_from remove" -l db -d 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)' -r -F
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and __fish_seen_subcommand_from remove" -l org -d 'Organization to act in (default: the one of the current session)' -r
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and __fish_seen_subcommand_from remove" -s o -l output -d 'Output format for results' -r -f -a "table\t'Human-readable tables'
json\t'One JSON document'
csv\t'Comma-separated values with a header (lists)'"
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and __fish_seen_subcommand_from remove" -s y -l yes -d 'Do it without asking (needed when there is no terminal to ask on)'
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and __fish_seen_subcommand_from remove" -l dry-run -d 'Say what would be deleted, and delete nothing'
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and __fish_seen_subcommand_from remove" -l no-input -d 'Never prompt; a missing value is an error naming the flag that gives it'
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print no messages on stderr, only results and errors'
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and __fish_seen_subcommand_from set-permission-set" -l db -d 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)' -r -F
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and __fish_seen_subcommand_from set-permission-set" -l org -d 'Organization to act in (default: the one of the current session)' -r
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and __fish_seen_subcommand_from set-permission-set" -s o -l output -d 'Output format for results' -r -f -a "table\t'Human-readable tables'
json\t'One JSON document'
csv\t'Comma-separated values with a header (lists)'"
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and __fish_seen_subcommand_from set-permission-set" -l no-input -d 'Never prompt; a missing value is an error naming the flag that gives it'
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and __fish_seen_subcommand_from set-permission-set" -s q -l quiet -d 'Print no messages on stderr, only results and errors'
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and __fish_seen_subcommand_from set-permission-set" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and __fish_seen_subcommand_from set-permission-set" -s V -l version -d 'Print version'
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and __fish_seen_subcommand_from update" -l from -d 'Update many members from a CSV or JSON file (- for standard input)' -r
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and __fish_seen_subcommand_from update" -l add-group -d 'Add to this group (repeatable)' -r
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and __fish_seen_subcommand_from update" -l remove-group -d 'Remove from this group (repeatable)' -r
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and __fish_seen_subcommand_from update" -l add-site -d 'Add to this site (repeatable)' -r
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and __fish_seen_subcommand_from update" -l remove-site -d 'Remove from this site (repeatable)' -r
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and __fish_seen_subcommand_from update" -l field -d 'Set a user field (repeatable)' -r
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and __fish_seen_subcommand_from update" -l clear-field -d 'Clear a user field (repeatable)' -r
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and __fish_seen_subcommand_from update" -l db -d 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)' -r -F
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and __fish_seen_subcommand_from update" -l org -d 'Organization to act in (default: the one of the current session)' -r
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and __fish_seen_subcommand_from update" -s o -l output -d 'Output format for results' -r -f -a "table\t'Human-readable tables'
json\t'One JSON document'
csv\t'Comma-separated values with a header (lists)'"
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and __fish_seen_subcommand_from update" -l no-input -d 'Never prompt; a missing value is an error naming the flag that gives it'
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and __fish_seen_subcommand_from update" -s q -l quiet -d 'Print no messages on stderr, only results and errors'
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and __fish_seen_subcommand_from update" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and __fish_seen_subcommand_from update" -s V -l version -d 'Print version'
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and __fish_seen_subcommand_from disable" -l db -d 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)' -r -F
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and __fish_seen_subcommand_from disable" -l org -d 'Organization to act in (default: the one of the current session)' -r
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and __fish_seen_subcommand_from disable" -s o -l output -d 'Output format for results' -r -f -a "table\t'Human-readable tables'
json\t'One JSON document'
csv\t'Comma-separated values with a header (lists)'"
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and __fish_seen_subcommand_from disable" -l no-input -d 'Never prompt; a missing value is an error naming the flag that gives it'
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and __fish_seen_subcommand_from disable" -s q -l quiet -d 'Print no messages on stderr, only results and errors'
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and __fish_seen_subcommand_from disable" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and __fish_seen_subcommand_from disable" -s V -l version -d 'Print version'
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and __fish_seen_subcommand_from enable" -l db -d 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)' -r -F
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and __fish_seen_subcommand_from enable" -l org -d 'Organization to act in (default: the one of the current session)' -r
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and __fish_seen_subcommand_from enable" -s o -l output -d 'Output format for results' -r -f -a "table\t'Human-readable tables'
json\t'One JSON document'
csv\t'Comma-separated values with a header (lists)'"
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and __fish_seen_subcommand_from enable" -l no-input -d 'Never prompt; a missing value is an error naming the flag that gives it'
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and __fish_seen_subcommand_from enable" -s q -l quiet -d 'Print no messages on stderr, only results and errors'
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and __fish_seen_subcommand_from enable" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and __fish_seen_subcommand_from enable" -s V -l version -d 'Print version'
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and __fish_seen_subcommand_from help" -f -a "list" -d 'List members of the current organization'
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one member, including the state of a required reset'
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and __fish_seen_subcommand_from help" -f -a "unlock" -d 'End a lockout after too many failed logins'
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove a member from the current organization (asks first; --yes in scripts)'
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and __fish_seen_subcommand_from help" -f -a "set-permission-set" -d 'Change a member\'s permission set (needs Platform management: Permissions)'
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and __fish_seen_subcommand_from help" -f -a "update" -d 'Change a member\'s groups, sites and field values, or many members\' with --from'
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and __fish_seen_subcommand_from help" -f -a "disable" -d 'Stop every login of a member\'s account, end its sessions and void its tokens'
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and __fish_seen_subcommand_from help" -f -a "enable" -d 'Let a disabled account log in again'
complete -c usermgr -n "__fish_usermgr_using_subcommand users; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c usermgr -n "__fish_usermgr_using_subcommand orgs; and not __fish_seen_subcommand_from list create help" -l db -d 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)' -r -F
complete -c usermgr -n "__fish_usermgr_using_subcommand orgs; and not __fish_seen_subcommand_from list create help" -l org -d 'Organization to act in (default: the one of the current session)' -r
complete -c usermgr -n "__fish_usermgr_using_subcommand orgs; and not __fish_seen_subcommand_from list create help" -s o -l output -d 'Output format for results' -r -f -a "table\t'Human-readable tables'
json\t'One JSON document'
csv\t'Comma-separated values with a header (lists)'"
complete -c usermgr -n "__fish_usermgr_using_subcommand orgs; and not __fish_seen_subcommand_from list create help" -l no-input -d 'Never prompt; a missing value is an error naming the flag that gives it'
complete -c usermgr -n "__fish_usermgr_using_subcommand orgs; and not __fish_seen_subcommand_from list create help" -s q -l quiet -d 'Print no messages on stderr, only results and errors'
complete -c usermgr -n "__fish_usermgr_using_subcommand orgs; and not __fish_seen_subcommand_from list create help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c usermgr -n "__fish_usermgr_using_subcommand orgs; and not __fish_seen_subcommand_from list create help" -s V -l version -d 'Print version'
complete -c usermgr -n "__fish_usermgr_using_subcommand orgs; and not __fish_seen_subcommand_from list create help" -f -a "list" -d 'List the organizations you belong to'
complete -c usermgr -n "__fish_usermgr_using_subcommand orgs; and not __fish_seen_subcommand_from list create help" -f -a "create" -d 'Create an organization; you become its Administrator'
complete -c usermgr -n "__fish_usermgr_using_subcommand orgs; and not __fish_seen_subcommand_from list create help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c usermgr -n "__fish_usermgr_using_subcommand orgs; and __fish_seen_subcommand_from list" -l db -d 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)' -r -F
complete -c usermgr -n "__fish_usermgr_using_subcommand orgs; and __fish_seen_subcommand_from list" -l org -d 'Organization to act in (default: the one of the current session)' -r
complete -c usermgr -n "__fish_usermgr_using_subcommand orgs; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format for results' -r -f -a "table\t'Human-readable tables'
json\t'One JSON document'
csv\t'Comma-separated values with a header (lists)'"
complete -c usermgr -n "__fish_usermgr_using_subcommand orgs; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; a missing value is an error naming the flag that gives it'
complete -c usermgr -n "__fish_usermgr_using_subcommand orgs; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print no messages on stderr, only results and errors'
complete -c usermgr -n "__fish_usermgr_using_subcommand orgs; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c usermgr -n "__fish_usermgr_using_subcommand orgs; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c usermgr -n "__fish_usermgr_using_subcommand orgs; and __fish_seen_subcommand_from create" -l db -d 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)' -r -F
complete -c usermgr -n "__fish_usermgr_using_subcommand orgs; and __fish_seen_subcommand_from create" -l org -d 'Organization to act in (default: the one of the current session)' -r
complete -c usermgr -n "__fish_usermgr_using_subcommand orgs; and __fish_seen_subcommand_from create" -s o -l output -d 'Output format for results' -r -f -a "table\t'Human-readable tables'
json\t'One JSON document'
csv\t'Comma-separated values with a header (lists)'"
complete -c usermgr -n "__fish_usermgr_using_subcommand orgs; and __fish_seen_subcommand_from create" -l no-input -d 'Never prompt; a missing value is an error naming the flag that gives it'
complete -c usermgr -n "__fish_usermgr_using_subcommand orgs; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Print no messages on stderr, only results and errors'
complete -c usermgr -n "__fish_usermgr_using_subcommand orgs; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c usermgr -n "__fish_usermgr_using_subcommand orgs; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c usermgr -n "__fish_usermgr_using_subcommand orgs; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the organizations you belong to'
complete -c usermgr -n "__fish_usermgr_using_subcommand orgs; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create an organization; you become its Administrator'
complete -c usermgr -n "__fish_usermgr_using_subcommand orgs; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c usermgr -n "__fish_usermgr_using_subcommand permission-sets; and not __fish_seen_subcommand_from list create delete help" -l db -d 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)' -r -F
complete -c usermgr -n "__fish_usermgr_using_subcommand permission-sets; and not __fish_seen_subcommand_from list create delete help" -l org -d 'Organization to act in (default: the one of the current session)' -r
complete -c usermgr -n "__fish_usermgr_using_subcommand permission-sets; and not __fish_seen_subcommand_from list create delete help" -s o -l output -d 'Output format for results' -r -f -a "table\t'Human-readable tables'
json\t'One JSON document'
csv\t'Comma-separated values with a header (lists)'"
complete -c usermgr -n "__fish_usermgr_using_subcommand permission-sets; and not __fish_seen_subcommand_from list create delete help" -l no-input -d 'Never prompt; a missing value is an error naming the flag that gives it'
complete -c usermgr -n "__fish_usermgr_using_subcommand permission-sets; and not __fish_seen_subcommand_from list create delete help" -s q -l quiet -d 'Print no messages on stderr, only results and errors'
complete -c usermgr -n "__fish_usermgr_using_subcommand permission-sets; and not __fish_seen_subcommand_from list create delete help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c usermgr -n "__fish_usermgr_using_subcommand permission-sets; and not __fish_seen_subcommand_from list create delete help" -s V -l version -d 'Print version'
complete -c usermgr -n "__fish_usermgr_using_subcommand permission-sets; and not __fish_seen_subcommand_from list create delete help" -f -a "list" -d 'List permission sets and their permissions'
complete -c usermgr -n "__fish_usermgr_using_subcommand permission-sets; and not __fish_seen_subcommand_from list create delete help" -f -a "create" -d 'Create a permission set'
complete -c usermgr -n "__fish_usermgr_using_subcommand permission-sets; and not __fish_seen_subcommand_from list create delete help" -f -a "delete" -d 'Delete a permission set that no member uses (asks first; --yes in scripts)'
complete -c usermgr -n "__fish_usermgr_using_subcommand permission-sets; and not __fish_seen_subcommand_from list create delete help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c usermgr -n "__fish_usermgr_using_subcommand permission-sets; and __fish_seen_subcommand_from list" -l db -d 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)' -r -F
complete -c usermgr -n "__fish_usermgr_using_subcommand permission-sets; and __fish_seen_subcommand_from list" -l org -d 'Organization to act in (default: the one of the current session)' -r
complete -c usermgr -n "__fish_usermgr_using_subcommand permission-sets; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format for results' -r -f -a "table\t'Human-readable tables'
json\t'One JSON document'
csv\t'Comma-separated values with a header (lists)'"
complete -c usermgr -n "__fish_usermgr_using_subcommand permission-sets; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; a missing value is an error naming the flag that gives it'
complete -c usermgr -n "__fish_usermgr_using_subcommand permission-sets; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print no messages on stderr, only results and errors'
complete -c usermgr -n "__fish_usermgr_using_subcommand permission-sets; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c usermgr -n "__fish_usermgr_using_subcommand permission-sets; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c usermgr -n "__fish_usermgr_using_subcommand permission-sets; and __fish_seen_subcommand_from create" -l permission -d 'A permission (platform.users, platform.permissions, platform.groups, platform.sites, platform.fields); repeatable' -r
complete -c usermgr -n "__fish_usermgr_using_subcommand permission-sets; and __fish_seen_subcommand_from create" -l db -d 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)' -r -F
complete -c usermgr -n "__fish_usermgr_using_subcommand permission-sets; and __fish_seen_subcommand_from create" -l org -d 'Organization to act in (default: the one of the current session)' -r
complete -c usermgr -n "__fish_usermgr_using_subcommand permission-sets; and __fish_seen_subcommand_from create" -s o -l output -d 'Output format for results' -r -f -a "table\t'Human-readable tables'
json\t'One JSON document'
csv\t'Comma-separated values with a header (lists)'"
complete -c usermgr -n "__fish_usermgr_using_subcommand permission-sets; and __fish_seen_subcommand_from create" -l no-input -d 'Never prompt; a missing value is an error naming the flag that gives it'
complete -c usermgr -n "__fish_usermgr_using_subcommand permission-sets; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Print no messages on stderr, only results and errors'
complete -c usermgr -n "__fish_usermgr_using_subcommand permission-sets; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c usermgr -n "__fish_usermgr_using_subcommand permission-sets; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c usermgr -n "__fish_usermgr_using_subcommand permission-sets; and __fish_seen_subcommand_from delete" -l db -d 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)' -r -F
complete -c usermgr -n "__fish_usermgr_using_subcommand permission-sets; and __fish_seen_subcommand_from delete" -l org -d 'Organization to act in (default: the one of the current session)' -r
complete -c usermgr -n "__fish_usermgr_using_subcommand permission-sets; and __fish_seen_subcommand_from delete" -s o -l output -d 'Output format for results' -r -f -a "table\t'Human-readable tables'
json\t'One JSON document'
csv\t'Comma-separated values with a header (lists)'"
complete -c usermgr -n "__fish_usermgr_using_subcommand permission-sets; and __fish_seen_subcommand_from delete" -s y -l yes -d 'Do it without asking (needed when there is no terminal to ask on)'
complete -c usermgr -n "__fish_usermgr_using_subcommand permission-sets; and __fish_seen_subcommand_from delete" -l dry-run -d 'Say what would be deleted, and delete nothing'
complete -c usermgr -n "__fish_usermgr_using_subcommand permission-sets; and __fish_seen_subcommand_from delete" -l no-input -d 'Never prompt; a missing value is an error naming the flag that gives it'
complete -c usermgr -n "__fish_usermgr_using_subcommand permission-sets; and __fish_seen_subcommand_from delete" -s q -l quiet -d 'Print no messages on stderr, only results and errors'
complete -c usermgr -n "__fish_usermgr_using_subcommand permission-sets; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c usermgr -n "__fish_usermgr_using_subcommand permission-sets; and __fish_seen_subcommand_from delete" -s V -l version -d 'Print version'
complete -c usermgr -n "__fish_usermgr_using_subcommand permission-sets; and __fish_seen_subcommand_from help" -f -a "list" -d 'List permission sets and their permissions'
complete -c usermgr -n "__fish_usermgr_using_subcommand permission-sets; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a permission set'
complete -c usermgr -n "__fish_usermgr_using_subcommand permission-sets; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete a permission set that no member uses (asks first; --yes in scripts)'
complete -c usermgr -n "__fish_usermgr_using_subcommand permission-sets; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c usermgr -n "__fish_usermgr_using_subcommand groups; and not __fish_seen_subcommand_from list create delete help" -l db -d 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)' -r -F
complete -c usermgr -n "__fish_usermgr_using_subcommand groups; and not __fish_seen_subcommand_from list create delete help" -l org -d 'Organization to act in (default: the one of the current session)' -r
complete -c usermgr -n "__fish_usermgr_using_subcommand groups; and not __fish_seen_subcommand_from list create delete help" -s o -l output -d 'Output format for results' -r -f -a "table\t'Human-readable tables'
json\t'One JSON document'
csv\t'Comma-separated values with a header (lists)'"
complete -c usermgr -n "__fish_usermgr_using_subcommand groups; and not __fish_seen_subcommand_from list create delete help" -l no-input -d 'Never prompt; a missing value is an error naming the flag that gives it'
complete -c usermgr -n "__fish_usermgr_using_subcommand groups; and not __fish_seen_subcommand_from list create delete help" -s q -l quiet -d 'Print no messages on stderr, only results and errors'
complete -c usermgr -n "__fish_usermgr_using_subcommand groups; and not __fish_seen_subcommand_from list create delete help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c usermgr -n "__fish_usermgr_using_subcommand groups; and not __fish_seen_subcommand_from list create delete help" -s V -l version -d 'Print version'
complete -c usermgr -n "__fish_usermgr_using_subcommand groups; and not __fish_seen_subcommand_from list create delete help" -f -a "list" -d 'List them with their member counts'
complete -c usermgr -n "__fish_usermgr_using_subcommand groups; and not __fish_seen_subcommand_from list create delete help" -f -a "create" -d 'Create one'
complete -c usermgr -n "__fish_usermgr_using_subcommand groups; and not __fish_seen_subcommand_from list create delete help" -f -a "delete" -d 'Delete one; its members stay members of the organization (asks first; --yes in scripts)'
complete -c usermgr -n "__fish_usermgr_using_subcommand groups; and not __fish_seen_subcommand_from list create delete help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c usermgr -n "__fish_usermgr_using_subcommand groups; and __fish_seen_subcommand_from list" -l db -d 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)' -r -F
complete -c usermgr -n "__fish_usermgr_using_subcommand groups; and __fish_seen_subcommand_from list" -l org -d 'Organization to act in (default: the one of the current session)' -r
complete -c usermgr -n "__fish_usermgr_using_subcommand groups; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format for results' -r -f -a "table\t'Human-readable tables'
json\t'One JSON document'
csv\t'Comma-separated values with a header (lists)'"
complete -c usermgr -n "__fish_usermgr_using_subcommand groups; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; a missing value is an error naming the flag that gives it'
complete -c usermgr -n "__fish_usermgr_using_subcommand groups; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print no messages on stderr, only results and errors'
complete -c usermgr -n "__fish_usermgr_using_subcommand groups; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c usermgr -n "__fish_usermgr_using_subcommand groups; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c usermgr -n "__fish_usermgr_using_subcommand groups; and __fish_seen_subcommand_from create" -l db -d 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)' -r -F
complete -c usermgr -n "__fish_usermgr_using_subcommand groups; and __fish_seen_subcommand_from create" -l org -d 'Organization to act in (default: the one of the current session)' -r
complete -c usermgr -n "__fish_usermgr_using_subcommand groups; and __fish_seen_subcommand_from create" -s o -l output -d 'Output format for results' -r -f -a "table\t'Human-readable tables'
json\t'One JSON document'
csv\t'Comma-separated values with a header (lists)'"
complete -c usermgr -n "__fish_usermgr_using_subcommand groups; and __fish_seen_subcommand_from create" -l no-input -d 'Never prompt; a missing value is an error naming the flag that gives it'
complete -c usermgr -n "__fish_usermgr_using_subcommand groups; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Print no messages on stderr, only results and errors'
complete -c usermgr -n "__fish_usermgr_using_subcommand groups; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c usermgr -n "__fish_usermgr_using_subcommand groups; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c usermgr -n "__fish_usermgr_using_subcommand groups; and __fish_seen_subcommand_from delete" -l db -d 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)' -r -F
complete -c usermgr -n "__fish_usermgr_using_subcommand groups; and __fish_seen_subcommand_from delete" -l org -d 'Organization to act in (default: the one of the current session)' -r
complete -c usermgr -n "__fish_usermgr_using_subcommand groups; and __fish_seen_subcommand_from delete" -s o -l output -d 'Output format for results' -r -f -a "table\t'Human-readable tables'
json\t'One JSON document'
csv\t'Comma-separated values with a header (lists)'"
complete -c usermgr -n "__fish_usermgr_using_subcommand groups; and __fish_seen_subcommand_from delete" -s y -l yes -d 'Do it without asking (needed when there is no terminal to ask on)'
complete -c usermgr -n "__fish_usermgr_using_subcommand groups; and __fish_seen_subcommand_from delete" -l dry-run -d 'Say what would be deleted, and delete nothing'
complete -c usermgr -n "__fish_usermgr_using_subcommand groups; and __fish_seen_subcommand_from delete" -l no-input -d 'Never prompt; a missing value is an error naming the flag that gives it'
complete -c usermgr -n "__fish_usermgr_using_subcommand groups; and __fish_seen_subcommand_from delete" -s q -l quiet -d 'Print no messages on stderr, only results and errors'
complete -c usermgr -n "__fish_usermgr_using_subcommand groups; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c usermgr -n "__fish_usermgr_using_subcommand groups; and __fish_seen_subcommand_from delete" -s V -l version -d 'Print version'
complete -c usermgr -n "__fish_usermgr_using_subcommand groups; and __fish_seen_subcommand_from help" -f -a "list" -d 'List them with their member counts'
complete -c usermgr -n "__fish_usermgr_using_subcommand groups; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create one'
complete -c usermgr -n "__fish_usermgr_using_subcommand groups; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete one; its members stay members of the organization (asks first; --yes in scripts)'
complete -c usermgr -n "__fish_usermgr_using_subcommand groups; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c usermgr -n "__fish_usermgr_using_subcommand sites; and not __fish_seen_subcommand_from list create delete help" -l db -d 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)' -r -F
complete -c usermgr -n "__fish_usermgr_using_subcommand sites; and not __fish_seen_subcommand_from list create delete help" -l org -d 'Organization to act in (default: the one of the current session)' -r
complete -c usermgr -n "__fish_usermgr_using_subcommand sites; and not __fish_seen_subcommand_from list create delete help" -s o -l output -d 'Output format for results' -r -f -a "table\t'Human-readable tables'
json\t'One JSON document'
csv\t'Comma-separated values with a header (lists)'"
complete -c usermgr -n "__fish_usermgr_using_subcommand sites; and not __fish_seen_subcommand_from list create delete help" -l no-input -d 'Never prompt; a missing value is an error naming the flag that gives it'
complete -c usermgr -n "__fish_usermgr_using_subcommand sites; and not __fish_seen_subcommand_from list create delete help" -s q -l quiet -d 'Print no messages on stderr, only results and errors'
complete -c usermgr -n "__fish_usermgr_using_subcommand sites; and not __fish_seen_subcommand_from list create delete help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c usermgr -n "__fish_usermgr_using_subcommand sites; and not __fish_seen_subcommand_from list create delete help" -s V -l version -d 'Print version'
complete -c usermgr -n "__fish_usermgr_using_subcommand sites; and not __fish_seen_subcommand_from list create delete help" -f -a "list" -d 'List them with their member counts'
complete -c usermgr -n "__fish_usermgr_using_subcommand sites; and not __fish_seen_subcommand_from list create delete help" -f -a "create" -d 'Create one'
complete -c usermgr -n "__fish_usermgr_using_subcommand sites; and not __fish_seen_subcommand_from list create delete help" -f -a "delete" -d 'Delete one; its members stay members of the organization (asks first; --yes in scripts)'
complete -c usermgr -n "__fish_usermgr_using_subcommand sites; and not __fish_seen_subcommand_from list create delete help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c usermgr -n "__fish_usermgr_using_subcommand sites; and __fish_seen_subcommand_from list" -l db -d 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)' -r -F
complete -c usermgr -n "__fish_usermgr_using_subcommand sites; and __fish_seen_subcommand_from list" -l org -d 'Organization to act in (default: the one of the current session)' -r
complete -c usermgr -n "__fish_usermgr_using_subcommand sites; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format for results' -r -f -a "table\t'Human-readable tables'
json\t'One JSON document'
csv\t'Comma-separated values with a header (lists)'"
complete -c usermgr -n "__fish_usermgr_using_subcommand sites; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; a missing value is an error naming the flag that gives it'
complete -c usermgr -n "__fish_usermgr_using_subcommand sites; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print no messages on stderr, only results and errors'
complete -c usermgr -n "__fish_usermgr_using_subcommand sites; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c usermgr -n "__fish_usermgr_using_subcommand sites; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c usermgr -n "__fish_usermgr_using_subcommand sites; and __fish_seen_subcommand_from create" -l db -d 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)' -r -F
complete -c usermgr -n "__fish_usermgr_using_subcommand sites; and __fish_seen_subcommand_from create" -l org -d 'Organization to act in (default: the one of the current session)' -r
complete -c usermgr -n "__fish_usermgr_using_subcommand sites; and __fish_seen_subcommand_from create" -s o -l output -d 'Output format for results' -r -f -a "table\t'Human-readable tables'
json\t'One JSON document'
csv\t'Comma-separated values with a header (lists)'"
complete -c usermgr -n "__fish_usermgr_using_subcommand sites; and __fish_seen_subcommand_from create" -l no-input -d 'Never prompt; a missing value is an error naming the flag that gives it'
complete -c usermgr -n "__fish_usermgr_using_subcommand sites; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Print no messages on stderr, only results and errors'
complete -c usermgr -n "__fish_usermgr_using_subcommand sites; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c usermgr -n "__fish_usermgr_using_subcommand sites; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c usermgr -n "__fish_usermgr_using_subcommand sites; and __fish_seen_subcommand_from delete" -l db -d 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)' -r -F
complete -c usermgr -n "__fish_usermgr_using_subcommand sites; and __fish_seen_subcommand_from delete" -l org -d 'Organization to act in (default: the one of the current session)' -r
complete -c usermgr -n "__fish_usermgr_using_subcommand sites; and __fish_seen_subcommand_from delete" -s o -l output -d 'Output format for results' -r -f -a "table\t'Human-readable tables'
json\t'One JSON document'
csv\t'Comma-separated values with a header (lists)'"
complete -c usermgr -n "__fish_usermgr_using_subcommand sites; and __fish_seen_subcommand_from delete" -s y -l yes -d 'Do it without asking (needed when there is no terminal to ask on)'
complete -c usermgr -n "__fish_usermgr_using_subcommand sites; and __fish_seen_subcommand_from delete" -l dry-run -d 'Say what would be deleted, and delete nothing'
complete -c usermgr -n "__fish_usermgr_using_subcommand sites; and __fish_seen_subcommand_from delete" -l no-input -d 'Never prompt; a missing value is an error naming the flag that gives it'
complete -c usermgr -n "__fish_usermgr_using_subcommand sites; and __fish_seen_subcommand_from delete" -s q -l quiet -d 'Print no messages on stderr, only results and errors'
complete -c usermgr -n "__fish_usermgr_using_subcommand sites; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c usermgr -n "__fish_usermgr_using_subcommand sites; and __fish_seen_subcommand_from delete" -s V -l version -d 'Print version'
complete -c usermgr -n "__fish_usermgr_using_subcommand sites; and __fish_seen_subcommand_from help" -f -a "list" -d 'List them with their member counts'
complete -c usermgr -n "__fish_usermgr_using_subcommand sites; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create one'
complete -c usermgr -n "__fish_usermgr_using_subcommand sites; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete one; its members stay members of the organization (asks first; --yes in scripts)'
complete -c usermgr -n "__fish_usermgr_using_subcommand sites; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c usermgr -n "__fish_usermgr_using_subcommand fields; and not __fish_seen_subcommand_from list create delete help" -l db -d 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)' -r -F
complete -c usermgr -n "__fish_usermgr_using_subcommand fields; and not __fish_seen_subcommand_from list create delete help" -l org -d 'Organization to act in (default: the one of the current session)' -r
complete -c usermgr -n "__fish_usermgr_using_subcommand fields; and not __fish_seen_subcommand_from list create delete help" -s o -l output -d 'Output format for results' -r -f -a "table\t'Human-readable tables'
json\t'One JSON document'
csv\t'Comma-separated values with a header (lists)'"
complete -c usermgr -n "__fish_usermgr_using_subcommand fields; and not __fish_seen_subcommand_from list create delete help" -l no-input -d 'Never prompt; a missing value is an error naming the flag that gives it'
complete -c usermgr -n "__fish_usermgr_using_subcommand fields; and not __fish_seen_subcommand_from list create delete help" -s q -l quiet -d 'Print no messages on stderr, only results and errors'
complete -c usermgr -n "__fish_usermgr_using_subcommand fields; and not __fish_seen_subcommand_from list create delete help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c usermgr -n "__fish_usermgr_using_subcommand fields; and not __fish_seen_subcommand_from list create delete help" -s V -l version -d 'Print version'
complete -c usermgr -n "__fish_usermgr_using_subcommand fields; and not __fish_seen_subcommand_from list create delete help" -f -a "list" -d 'List user field definitions'
complete -c usermgr -n "__fish_usermgr_using_subcommand fields; and not __fish_seen_subcommand_from list create delete help" -f -a "create" -d 'Define a user field'
complete -c usermgr -n "__fish_usermgr_using_subcommand fields; and not __fish_seen_subcommand_from list create delete help" -f -a "delete" -d 'Delete a user field and its values (asks first; --yes in scripts)'
complete -c usermgr -n "__fish_usermgr_using_subcommand fields; and not __fish_seen_subcommand_from list create delete help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c usermgr -n "__fish_usermgr_using_subcommand fields; and __fish_seen_subcommand_from list" -l db -d 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)' -r -F
complete -c usermgr -n "__fish_usermgr_using_subcommand fields; and __fish_seen_subcommand_from list" -l org -d 'Organization to act in (default: the one of the current session)' -r
complete -c usermgr -n "__fish_usermgr_using_subcommand fields; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format for results' -r -f -a "table\t'Human-readable tables'
json\t'One JSON document'
csv\t'Comma-separated values with a header (lists)'"
complete -c usermgr -n "__fish_usermgr_using_subcommand fields; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; a missing value is an error naming the flag that gives it'
complete -c usermgr -n "__fish_usermgr_using_subcommand fields; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print no messages on stderr, only results and errors'
complete -c usermgr -n "__fish_usermgr_using_subcommand fields; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c usermgr -n "__fish_usermgr_using_subcommand fields; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c usermgr -n "__fish_usermgr_using_subcommand fields; and __fish_seen_subcommand_from create" -l type -d 'Type of the field' -r -f -a "text\t'Free text'
number\t'A number'
date\t'A date, YYYY-MM-DD'
select\t'One of a fixed list of options'"
complete -c usermgr -n "__fish_usermgr_using_subcommand fields; and __fish_seen_subcommand_from create" -l option -d 'An allowed value of a select field (repeatable)' -r
complete -c usermgr -n "__fish_usermgr_using_subcommand fields; and __fish_seen_subcommand_from create" -l db -d 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)' -r -F
complete -c usermgr -n "__fish_usermgr_using_subcommand fields; and __fish_seen_subcommand_from create" -l org -d 'Organization to act in (default: the one of the current session)' -r
complete -c usermgr -n "__fish_usermgr_using_subcommand fields; and __fish_seen_subcommand_from create" -s o -l output -d 'Output format for results' -r -f -a "table\t'Human-readable tables'
json\t'One JSON document'
csv\t'Comma-separated values with a header (lists)'"
complete -c usermgr -n "__fish_usermgr_using_subcommand fields; and __fish_seen_subcommand_from create" -l no-input -d 'Never prompt; a missing value is an error naming the flag that gives it'
complete -c usermgr -n "__fish_usermgr_using_subcommand fields; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Print no messages on stderr, only results and errors'
complete -c usermgr -n "__fish_usermgr_using_subcommand fields; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c usermgr -n "__fish_usermgr_using_subcommand fields; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c usermgr -n "__fish_usermgr_using_subcommand fields; and __fish_seen_subcommand_from delete" -l db -d 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)' -r -F
complete -c usermgr -n "__fish_usermgr_using_subcommand fields; and __fish_seen_subcommand_from delete" -l org -d 'Organization to act in (default: the one of the current session)' -r
complete -c usermgr -n "__fish_usermgr_using_subcommand fields; and __fish_seen_subcommand_from delete" -s o -l output -d 'Output format for results' -r -f -a "table\t'Human-readable tables'
json\t'One JSON document'
csv\t'Comma-separated values with a header (lists)'"
complete -c usermgr -n "__fish_usermgr_using_subcommand fields; and __fish_seen_subcommand_from delete" -s y -l yes -d 'Do it without asking (needed when there is no terminal to ask on)'
complete -c usermgr -n "__fish_usermgr_using_subcommand fields; and __fish_seen_subcommand_from delete" -l dry-run -d 'Say what would be deleted, and delete nothing'
complete -c usermgr -n "__fish_usermgr_using_subcommand fields; and __fish_seen_subcommand_from delete" -l no-input -d 'Never prompt; a missing value is an error naming the flag that gives it'
complete -c usermgr -n "__fish_usermgr_using_subcommand fields; and __fish_seen_subcommand_from delete" -s q -l quiet -d 'Print no messages on stderr, only results and errors'
complete -c usermgr -n "__fish_usermgr_using_subcommand fields; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c usermgr -n "__fish_usermgr_using_subcommand fields; and __fish_seen_subcommand_from delete" -s V -l version -d 'Print version'
complete -c usermgr -n "__fish_usermgr_using_subcommand fields; and __fish_seen_subcommand_from help" -f -a "list" -d 'List user field definitions'
complete -c usermgr -n "__fish_usermgr_using_subcommand fields; and __fish_seen_subcommand_from help" -f -a "create" -d 'Define a user field'
complete -c usermgr -n "__fish_usermgr_using_subcommand fields; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete a user field and its values (asks first; --yes in scripts)'
complete -c usermgr -n "__fish_usermgr_using_subcommand fields; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c usermgr -n "__fish_usermgr_using_subcommand audit" -l user -d 'Only events about or by this account' -r
complete -c usermgr -n "__fish_usermgr_using_subcommand audit" -l action -d 'Only events with this action (e.g. login, add_user, reset; a wrong one lists them)' -r
complete -c usermgr -n "__fish_usermgr_using_subcommand audit" -l outcome -d 'Only events with this outcome (ok, failed, denied, reset_required, skipped, sent)' -r
complete -c usermgr -n "__fish_usermgr_using_subcommand audit" -l since -d 'Only events since this time (RFC 3339, YYYY-MM-DD, or a duration ago such as 1h)' -r
complete -c usermgr -n "__fish_usermgr_using_subcommand audit" -l until -d 'Only events before this time (RFC 3339, YYYY-MM-DD, or a duration ago such as 1h)' -r
complete -c usermgr -n "__fish_usermgr_using_subcommand audit" -l limit -d 'At most this many events (newest first)' -r
complete -c usermgr -n "__fish_usermgr_using_subcommand audit" -l db -d 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)' -r -F
complete -c usermgr -n "__fish_usermgr_using_subcommand audit" -l org -d 'Organization to act in (default: the one of the current session)' -r
complete -c usermgr -n "__fish_usermgr_using_subcommand audit" -s o -l output -d 'Output format for results' -r -f -a "table\t'Human-readable tables'
json\t'One JSON document'
csv\t'Comma-separated values with a header (lists)'"
complete -c usermgr -n "__fish_usermgr_using_subcommand audit" -l no-input -d 'Never prompt; a missing value is an error naming the flag that gives it'
complete -c usermgr -n "__fish_usermgr_using_subcommand audit" -s q -l quiet -d 'Print no messages on stderr, only results and errors'
complete -c usermgr -n "__fish_usermgr_using_subcommand audit" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c usermgr -n "__fish_usermgr_using_subcommand audit" -s V -l version -d 'Print version'
complete -c usermgr -n "__fish_usermgr_using_subcommand outbox" -l db -d 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)' -r -F
complete -c usermgr -n "__fish_usermgr_using_subcommand outbox" -l org -d 'Organization to act in (default: the one of the current session)' -r
complete -c usermgr -n "__fish_usermgr_using_subcommand outbox" -s o -l output -d 'Output format for results' -r -f -a "table\t'Human-readable tables'
json\t'One JSON document'
csv\t'Comma-separated values with a header (lists)'"
complete -c usermgr -n "__fish_usermgr_using_subcommand outbox" -l failed -d 'Only emails whose delivery failed'
complete -c usermgr -n "__fish_usermgr_using_subcommand outbox" -l no-input -d 'Never prompt; a missing value is an error naming the flag that gives it'
complete -c usermgr -n "__fish_usermgr_using_subcommand outbox" -s q -l quiet -d 'Print no messages on stderr, only results and errors'
complete -c usermgr -n "__fish_usermgr_using_subcommand outbox" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c usermgr -n "__fish_usermgr_using_subcommand outbox" -s V -l version -d 'Print version'
complete -c usermgr -n "__fish_usermgr_using_subcommand config; and not __fish_seen_subcommand_from list get set help" -l db -d 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)' -r -F
complete -c usermgr -n "__fish_usermgr_using_subcommand config; and not __fish_seen_subcommand_from list get set help" -l org -d 'Organization to act in (default: the one of the current session)' -r
complete -c usermgr -n "__fish_usermgr_using_subcommand config; and not __fish_seen_subcommand_from list get set help" -s o -l output -d 'Output format for results' -r -f -a "table\t'Human-readable tables'
json\t'One JSON document'
csv\t'Comma-separated values with a header (lists)'"
complete -c usermgr -n "__fish_usermgr_using_subcommand config; and not __fish_seen_subcommand_from list get set help" -l no-input -d 'Never prompt; a missing value is an error naming the flag that gives it'
complete -c usermgr -n "__fish_usermgr_using_subcommand config; and not __fish_seen_subcommand_from list get set help" -s q -l quiet -d 'Print no messages on stderr, only results and errors'
complete -c usermgr -n "__fish_usermgr_using_subcommand config; and not __fish_seen_subcommand_from list get set help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c usermgr -n "__fish_usermgr_using_subcommand config; and not __fish_seen_subcommand_from list get set help" -s V -l version -d 'Print version'
complete -c usermgr -n "__fish_usermgr_using_subcommand config; and not __fish_seen_subcommand_from list get set help" -f -a "list" -d 'List every setting with its value'
complete -c usermgr -n "__fish_usermgr_using_subcommand config; and not __fish_seen_subcommand_from list get set help" -f -a "get" -d 'Print one setting'
complete -c usermgr -n "__fish_usermgr_using_subcommand config; and not __fish_seen_subcommand_from list get set help" -f -a "set" -d 'Change one setting'
complete -c usermgr -n "__fish_usermgr_using_subcommand config; and not __fish_seen_subcommand_from list get set help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c usermgr -n "__fish_usermgr_using_subcommand config; and __fish_seen_subcommand_from list" -l db -d 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)' -r -F
complete -c usermgr -n "__fish_usermgr_using_subcommand config; and __fish_seen_subcommand_from list" -l org -d 'Organization to act in (default: the one of the current session)' -r
complete -c usermgr -n "__fish_usermgr_using_subcommand config; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format for results' -r -f -a "table\t'Human-readable tables'
json\t'One JSON document'
csv\t'Comma-separated values with a header (lists)'"
complete -c usermgr -n "__fish_usermgr_using_subcommand config; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; a missing value is an error naming the flag that gives it'
complete -c usermgr -n "__fish_usermgr_using_subcommand config; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print no messages on stderr, only results and errors'
complete -c usermgr -n "__fish_usermgr_using_subcommand config; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c usermgr -n "__fish_usermgr_using_subcommand config; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c usermgr -n "__fish_usermgr_using_subcommand config; and __fish_seen_subcommand_from get" -l db -d 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)' -r -F
complete -c usermgr -n "__fish_usermgr_using_subcommand config; and __fish_seen_subcommand_from get" -l org -d 'Organization to act in (default: the one of the current session)' -r
complete -c usermgr -n "__fish_usermgr_using_subcommand config; and __fish_seen_subcommand_from get" -s o -l output -d 'Output format for results' -r -f -a "table\t'Human-readable tables'
json\t'One JSON document'
csv\t'Comma-separated values with a header (lists)'"
complete -c usermgr -n "__fish_usermgr_using_subcommand config; and __fish_seen_subcommand_from get" -l no-input -d 'Never prompt; a missing value is an error naming the flag that gives it'
complete -c usermgr -n "__fish_usermgr_using_subcommand config; and __fish_seen_subcommand_from get" -s q -l quiet -d 'Print no messages on stderr, only results and errors'
complete -c usermgr -n "__fish_usermgr_using_subcommand config; and __fish_seen_subcommand_from get" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c usermgr -n "__fish_usermgr_using_subcommand config; and __fish_seen_subcommand_from get" -s V -l version -d 'Print version'
complete -c usermgr -n "__fish_usermgr_using_subcommand config; and __fish_seen_subcommand_from set" -l db -d 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)' -r -F
complete -c usermgr -n "__fish_usermgr_using_subcommand config; and __fish_seen_subcommand_from set" -l org -d 'Organization to act in (default: the one of the current session)' -r
complete -c usermgr -n "__fish_usermgr_using_subcommand config; and __fish_seen_subcommand_from set" -s o -l output -d 'Output format for results' -r -f -a "table\t'Human-readable tables'
json\t'One JSON document'
csv\t'Comma-separated values with a header (lists)'"
complete -c usermgr -n "__fish_usermgr_using_subcommand config; and __fish_seen_subcommand_from set" -l no-input -d 'Never prompt; a missing value is an error naming the flag that gives it'
complete -c usermgr -n "__fish_usermgr_using_subcommand config; and __fish_seen_subcommand_from set" -s q -l quiet -d 'Print no messages on stderr, only results and errors'
complete -c usermgr -n "__fish_usermgr_using_subcommand config; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c usermgr -n "__fish_usermgr_using_subcommand config; and __fish_seen_subcommand_from set" -s V -l version -d 'Print version'
complete -c usermgr -n "__fish_usermgr_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "list" -d 'List every setting with its value'
complete -c usermgr -n "__fish_usermgr_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "get" -d 'Print one setting'
complete -c usermgr -n "__fish_usermgr_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "set" -d 'Change one setting'
complete -c usermgr -n "__fish_usermgr_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c usermgr -n "__fish_usermgr_using_subcommand doctor" -l send-test-email -d 'Also send a test email to ADDRESS (recorded in the outbox like any email)' -r
complete -c usermgr -n "__fish_usermgr_using_subcommand doctor" -l db -d 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)' -r -F
complete -c usermgr -n "__fish_usermgr_using_subcommand doctor" -l org -d 'Organization to act in (default: the one of the current session)' -r
complete -c usermgr -n "__fish_usermgr_using_subcommand doctor" -s o -l output -d 'Output format for results' -r -f -a "table\t'Human-readable tables'
json\t'One JSON document'
csv\t'Comma-separated values with a header (lists)'"
complete -c usermgr -n "__fish_usermgr_using_subcommand doctor" -l no-input -d 'Never prompt; a missing value is an error naming the flag that gives it'
complete -c usermgr -n "__fish_usermgr_using_subcommand doctor" -s q -l quiet -d 'Print no messages on stderr, only results and errors'
complete -c usermgr -n "__fish_usermgr_using_subcommand doctor" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c usermgr -n "__fish_usermgr_using_subcommand doctor" -s V -l version -d 'Print version'
complete -c usermgr -n "__fish_usermgr_using_subcommand completions" -l db -d 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)' -r -F
complete -c usermgr -n "__fish_usermgr_using_subcommand completions" -l org -d 'Organization to act in (default: the one of the current session)' -r
complete -c usermgr -n "__fish_usermgr_using_subcommand completions" -s o -l output -d 'Output format for results' -r -f -a "table\t'Human-readable tables'
json\t'One JSON document'
csv\t'Comma-separated values with a header (lists)'"
complete -c usermgr -n "__fish_usermgr_using_subcommand completions" -l no-input -d 'Never prompt; a missing value is an error naming the flag that gives it'
complete -c usermgr -n "__fish_usermgr_using_subcommand completions" -s q -l quiet -d 'Print no messages on stderr, only results and errors'
complete -c usermgr -n "__fish_usermgr_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c usermgr -n "__fish_usermgr_using_subcommand completions" -s V -l version -d 'Print version'
complete -c usermgr -n "__fish_usermgr_using_subcommand man" -l db -d 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)' -r -F
complete -c usermgr -n "__fish_usermgr_using_subcommand man" -l org -d 'Organization to act in (default: the one of the current session)' -r
complete -c usermgr -n "__fish_usermgr_using_subcommand man" -s o -l output -d 'Output format for results' -r -f -a "table\t'Human-readable tables'
json\t'One JSON document'
csv\t'Comma-separated values with a header (lists)'"
complete -c usermgr -n "__fish_usermgr_using_subcommand man" -l no-input -d 'Never prompt; a missing value is an error naming the flag that gives it'
complete -c usermgr -n "__fish_usermgr_using_subcommand man" -s q -l quiet -d 'Print no messages on stderr, only results and errors'
complete -c usermgr -n "__fish_usermgr_using_subcommand man" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c usermgr -n "__fish_usermgr_using_subcommand man" -s V -l version -d 'Print version'
complete -c usermgr -n "__fish_usermgr_using_subcommand generate" -l db -d 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)' -r -F
complete -c usermgr -n "__fish_usermgr_using_subcommand generate" -l org -d 'Organization to act in (default: the one of the current session)' -r
complete -c usermgr -n "__fish_usermgr_using_subcommand generate" -s o -l output -d 'Output format for results' -r -f -a "table\t'Human-readable tables'
json\t'One JSON document'
csv\t'Comma-separated values with a header (lists)'"
complete -c usermgr -n "__fish_usermgr_using_subcommand generate" -l no-input -d 'Never prompt; a missing value is an error naming the flag that gives it'
complete -c usermgr -n "__fish_usermgr_using_subcommand generate" -s q -l quiet -d 'Print no messages on stderr, only results and errors'
complete -c usermgr -n "__fish_usermgr_using_subcommand generate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c usermgr -n "__fish_usermgr_using_subcommand generate" -s V -l version -d 'Print version'
complete -c usermgr -n "__fish_usermgr_using_subcommand help; and not __fish_seen_subcommand_from init login logout whoami add-users reset passwd send-instructions users orgs permission-sets groups sites fields audit outbox config doctor completions man generate help" -f -a "init" -d 'Create the database, the first organization and its first administrator, and log in'
complete -c usermgr -n "__fish_usermgr_using_subcommand help; and not __fish_seen_subcommand_from init login logout whoami add-users reset passwd send-instructions users orgs permission-sets groups sites fields audit outbox config doctor completions man generate help" -f -a "login" -d 'Log in; runs the timed password reset when one is required'
complete -c usermgr -n "__fish_usermgr_using_subcommand help; and not __fish_seen_subcommand_from init login logout whoami add-users reset passwd send-instructions users orgs permission-sets groups sites fields audit outbox config doctor completions man generate help" -f -a "logout" -d 'End the stored session'
complete -c usermgr -n "__fish_usermgr_using_subcommand help; and not __fish_seen_subcommand_from init login logout whoami add-users reset passwd send-instructions users orgs permission-sets groups sites fields audit outbox config doctor completions man generate help" -f -a "whoami" -d 'Show who is logged in, in which organization, with which permissions'
complete -c usermgr -n "__fish_usermgr_using_subcommand help; and not __fish_seen_subcommand_from init login logout whoami add-users reset passwd send-instructions users orgs permission-sets groups sites fields audit outbox config doctor completions man generate help" -f -a "add-users" -d 'Add users to the current organization (guided on a terminal when no email is given)'
complete -c usermgr -n "__fish_usermgr_using_subcommand help; and not __fish_seen_subcommand_from init login logout whoami add-users reset passwd send-instructions users orgs permission-sets groups sites fields audit outbox config doctor completions man generate help" -f -a "reset" -d 'Set a new password with a token, or (admin) change a member\'s password'
complete -c usermgr -n "__fish_usermgr_using_subcommand help; and not __fish_seen_subcommand_from init login logout whoami add-users reset passwd send-instructions users orgs permission-sets groups sites fields audit outbox config doctor completions man generate help" -f -a "passwd" -d 'Change your own password (asks for the current one first)'
complete -c usermgr -n "__fish_usermgr_using_subcommand help; and not __fish_seen_subcommand_from init login logout whoami add-users reset passwd send-instructions users orgs permission-sets groups sites fields audit outbox config doctor completions man generate help" -f -a "send-instructions" -d 'Email password instructions or reset emails'
complete -c usermgr -n "__fish_usermgr_using_subcommand help; and not __fish_seen_subcommand_from init login logout whoami add-users reset passwd send-instructions users orgs permission-sets groups sites fields audit outbox config doctor completions man generate help" -f -a "users" -d 'Inspect and manage members'
complete -c usermgr -n "__fish_usermgr_using_subcommand help; and not __fish_seen_subcommand_from init login logout whoami add-users reset passwd send-instructions users orgs permission-sets groups sites fields audit outbox config doctor completions man generate help" -f -a "orgs" -d 'List your organizations or create one'
complete -c usermgr -n "__fish_usermgr_using_subcommand help; and not __fish_seen_subcommand_from init login logout whoami add-users reset passwd send-instructions users orgs permission-sets groups sites fields audit outbox config doctor completions man generate help" -f -a "permission-sets" -d 'Manage the current organization\'s permission sets'
complete -c usermgr -n "__fish_usermgr_using_subcommand help; and not __fish_seen_subcommand_from init login logout whoami add-users reset passwd send-instructions users orgs permission-sets groups sites fields audit outbox config doctor completions man generate help" -f -a "groups" -d 'Manage the current organization\'s groups'
complete -c usermgr -n "__fish_usermgr_using_subcommand help; and not __fish_seen_subcommand_from init login logout whoami add-users reset passwd send-instructions users orgs permission-sets groups sites fields audit outbox config doctor completions man generate help" -f -a "sites" -d 'Manage the current organization\'s sites'
complete -c usermgr -n "__fish_usermgr_using_subcommand help; and not __fish_seen_subcommand_from init login logout whoami add-users reset passwd send-instructions users orgs permission-sets groups sites fields audit outbox config doctor completions man generate help" -f -a "fields" -d 'Manage the current organization\'s user field definitions'
complete -c usermgr -n "__fish_usermgr_using_subcommand help; and not __fish_seen_subcommand_from init login logout whoami add-users reset passwd send-instructions users orgs permission-sets groups sites fields audit outbox config doctor completions man generate help" -f -a "audit" -d 'Read the audit log'
complete -c usermgr -n "__fish_usermgr_using_subcommand help; and not __fish_seen_subcommand_from init login logout whoami add-users reset passwd send-instructions users orgs permission-sets groups sites fields audit outbox config doctor completions man generate help" -f -a "outbox" -d 'Read the outbox of emails'
complete -c usermgr -n "__fish_usermgr_using_subcommand help; and not __fish_seen_subcommand_from init login logout whoami add-users reset passwd send-instructions users orgs permission-sets groups sites fields audit outbox config doctor completions man generate help" -f -a "config" -d 'Read and change settings'
complete -c usermgr -n "__fish_usermgr_using_subcommand help; and not __fish_seen_subcommand_from init login logout whoami add-users reset passwd send-instructions users orgs permission-sets groups sites fields audit outbox config doctor completions man generate help" -f -a "doctor" -d 'Check the database, settings, session, config file and email transport'
complete -c usermgr -n "__fish_usermgr_using_subcommand help; and not __fish_seen_subcommand_from init login logout whoami add-users reset passwd send-instructions users orgs permission-sets groups sites fields audit outbox config doctor completions man generate help" -f -a "completions" -d 'Print a shell completion script'
complete -c usermgr -n "__fish_usermgr_using_subcommand help; and not __fish_seen_subcommand_from init login logout whoami add-users reset passwd send-instructions users orgs permission-sets groups sites fields audit outbox config doctor completions man generate help" -f -a "man" -d 'Print the man page of usermgr'
complete -c usermgr -n "__fish_usermgr_using_subcommand help; and not __fish_seen_subcommand_from init login logout whoami add-users reset passwd send-instructions users orgs permission-sets groups sites fields audit outbox config doctor completions man generate help" -f -a "generate" -d 'Write completions/ and man/ under DIR (for maintainers)'
complete -c usermgr -n "__fish_usermgr_using_subcommand help; and not __fish_seen_subcommand_from init login logout whoami add-users reset passwd send-instructions users orgs permission-sets groups sites fields audit outbox config doctor completions man generate help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c usermgr -n "__fish_usermgr_using_subcommand help; and __fish_seen_subcommand_from users" -f -a "list" -d 'List members of the current organization'
complete -c usermgr -n "__fish_usermgr_using_subcommand help; and __fish_seen_subcommand_from users" -f -a "show" -d 'Show one member, including the state of a required reset'
complete -c usermgr -n "__fish_usermgr_using_subcommand help; and __fish_seen_subcommand_from users" -f -a "unlock" -d 'End a lockout after too many failed logins'
complete -c usermgr -n "__fish_usermgr_using_subcommand help; and __fish_seen_subcommand_from users" -f -a "remove" -d 'Remove a member from the current organization (asks first; --yes in scripts)'
complete -c usermgr -n "__fish_usermgr_using_subcommand help; and __fish_seen_subcommand_from users" -f -a "set-permission-set" -d 'Change a member\'s permission set (needs Platform management: Permissions)'
complete -c usermgr -n "__fish_usermgr_using_subcommand help; and __fish_seen_subcommand_from users" -f -a "update" -d 'Change a member\'s groups, sites and field values, or many members\' with --from'
complete -c usermgr -n "__fish_usermgr_using_subcommand help; and __fish_seen_subcommand_from users" -f -a "disable" -d 'Stop every login of a member\'s account, end its sessions and void its tokens'
complete -c usermgr -n "__fish_usermgr_using_subcommand help; and __fish_seen_subcommand_from users" -f -a "enable" -d 'Let a disabled account log in again'
complete -c usermgr -n "__fish_usermgr_using_subcommand help; and __fish_seen_subcommand_from orgs" -f -a "list" -d 'List the organizations you belong to'
complete -c usermgr -n "__fish_usermgr_using_subcommand help; and __fish_seen_subcommand_from orgs" -f -a "create" -d 'Create an organization; you become its Administrator'
complete -c usermgr -n "__fish_usermgr_using_subcommand help; and __fish_seen_subcommand_from permission-sets" -f -a "list" -d 'List permission sets and their permissions'
complete -c usermgr -n "__fish_usermgr_using_subcommand help; and __fish_seen_subcommand_from permission-sets" -f -a "create" -d 'Create a permission set'
complete -c usermgr -n "__fish_usermgr_using_subcommand help; and __fish_seen_subcommand_from permission-sets" -f -a "delete" -d 'Delete a permission set that no member uses (asks first; --yes in scripts)'
complete -c usermgr -n "__fish_usermgr_using_subcommand help; and __fish_seen_subcommand_from groups" -f -a "list" -d 'List them with their member counts'
complete -c usermgr -n "__fish_usermgr_using_subcommand help; and __fish_seen_subcommand_from groups" -f -a "create" -d 'Create one'
complete -c usermgr -n "__fish_usermgr_using_subcommand help; and __fish_seen_subcommand_from groups" -f -a "delete" -d 'Delete one; its members stay members of the organization (asks first; --yes in scripts)'
complete -c usermgr -n "__fish_usermgr_using_subcommand help; and __fish_seen_subcommand_from sites" -f -a "list" -d 'List them with their member counts'
complete -c usermgr -n "__fish_usermgr_using_subcommand help; and __fish_seen_subcommand_from sites" -f -a "create" -d 'Create one'
complete -c usermgr -n "__fish_usermgr_using_subcommand help; and __fish_seen_subcommand_from sites" -f -a "delete" -d 'Delete one; its members stay members of the organization (asks first; --yes in scripts)'
complete -c usermgr -n "__fish_usermgr_using_subcommand help; and __fish_seen_subcommand_from fields" -f -a "list" -d 'List user field definitions'
complete -c usermgr -n "__fish_usermgr_using_subcommand help; and __fish_seen_subcommand_from fields" -f -a "create" -d 'Define a user field'
complete -c usermgr -n "__fish_usermgr_using_subcommand help; and __fish_seen_subcommand_from fields" -f -a "delete" -d 'Delete a user field and its values (asks first; --yes in scripts)'
complete -c usermgr -n "__fish_usermgr_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "list" -d 'List every setting with its value'
complete -c usermgr -n "__fish_usermgr_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "get" -d 'Print one setting'
complete -c usermgr -n "__fish_usermgr_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "set" -d 'Change one setting'
