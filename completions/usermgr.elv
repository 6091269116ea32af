
use builtin;
use str;

set edit:completion:arg-completer[usermgr] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'usermgr'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'usermgr'= {
            cand --db 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)'
            cand --org 'Organization to act in (default: the one of the current session)'
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --no-input 'Never prompt; a missing value is an error naming the flag that gives it'
            cand -q 'Print no messages on stderr, only results and errors'
            cand --quiet 'Print no messages on stderr, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand init 'Create the database, the first organization and its first administrator, and log in'
            cand login 'Log in; runs the timed password reset when one is required'
            cand logout 'End the stored session'
            cand whoami 'Show who is logged in, in which organization, with which permissions'
            cand add-users 'Add users to the current organization (guided on a terminal when no email is given)'
            cand reset 'Set a new password with a token, or (admin) change a member''s password'
            cand passwd 'Change your own password (asks for the current one first)'
            cand send-instructions 'Email password instructions or reset emails'
            cand users 'Inspect and manage members'
            cand orgs 'List your organizations or create one'
            cand permission-sets 'Manage the current organization''s permission sets'
            cand groups 'Manage the current organization''s groups'
            cand sites 'Manage the current organization''s sites'
            cand fields 'Manage the current organization''s user field definitions'
            cand audit 'Read the audit log'
            cand outbox 'Read the outbox of emails'
            cand config 'Read and change settings'
            cand doctor 'Check the database, settings, session, config file and email transport'
            cand completions 'Print a shell completion script'
            cand man 'Print the man page of usermgr'
            cand generate 'Write completions/ and man/ under DIR (for maintainers)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'usermgr;init'= {
            cand --org 'Name of the first organization'
            cand --admin 'Email of the first administrator'
            cand --name 'Full name of the first administrator'
            cand --db 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)'
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --password-stdin 'Read the administrator''s password from one line of standard input'
            cand --no-input 'Never prompt; a missing value is an error naming the flag that gives it'
            cand -q 'Print no messages on stderr, only results and errors'
            cand --quiet 'Print no messages on stderr, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'usermgr;login'= {
            cand --db 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)'
            cand --org 'Organization to act in (default: the one of the current session)'
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --password-stdin 'Read the password (and, for a required reset, nothing else) from standard input'
            cand --print-token 'Print the session token on stdout instead of only storing it'
            cand --no-input 'Never prompt; a missing value is an error naming the flag that gives it'
            cand -q 'Print no messages on stderr, only results and errors'
            cand --quiet 'Print no messages on stderr, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'usermgr;logout'= {
            cand --db 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)'
            cand --org 'Organization to act in (default: the one of the current session)'
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --no-input 'Never prompt; a missing value is an error naming the flag that gives it'
            cand -q 'Print no messages on stderr, only results and errors'
            cand --quiet 'Print no messages on stderr, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'usermgr;whoami'= {
            cand --db 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)'
            cand --org 'Organization to act in (default: the one of the current session)'
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --no-input 'Never prompt; a missing value is an error naming the flag that gives it'
            cand -q 'Print no messages on stderr, only results and errors'
            cand --quiet 'Print no messages on stderr, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'usermgr;add-users'= {
            cand --from 'Read users from a CSV or JSON file (`-` for standard input)'
            cand --name 'Full name (for a single email)'
            cand --password-file 'Read one password (for every new account) from the first line of a file'
            cand --message 'Custom message included verbatim in the email'
            cand --message-file 'Read the custom message from a file'
            cand --permission-set 'Permission set of the new members (needs Platform management: Permissions)'
            cand --group 'Add the new members to this group (repeatable)'
            cand --site 'Add the new members to this site (repeatable)'
            cand --field 'Set a user field (repeatable)'
            cand --db 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)'
            cand --org 'Organization to act in (default: the one of the current session)'
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --password-stdin 'Read one password (for every new account) from one line of standard input'
            cand --generate-password 'Generate a password of at least 20 characters for each new account, shown once'
            cand --no-password 'Create accounts without a password; they set one from an emailed token'
            cand --require-reset 'Require each new account to choose a new password at first login'
            cand --send-instructions 'Email password instructions to each added user'
            cand --skip-existing 'Report users who are already members as skipped instead of failing'
            cand --dry-run 'Validate and show what would happen, write nothing'
            cand --no-input 'Never prompt; a missing value is an error naming the flag that gives it'
            cand -q 'Print no messages on stderr, only results and errors'
            cand --quiet 'Print no messages on stderr, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'usermgr;reset'= {
            cand --token 'The token on the command line, where other local users can see it (ps, shell history): prefer --token-stdin or the prompt'
            cand --db 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)'
            cand --org 'Organization to act in (default: the one of the current session)'
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --token-stdin 'Read the reset-window, reset-email or set-password token from the first line of standard input (with --password-stdin the password is the next line)'
            cand --password-stdin 'Read the new password from one line of standard input'
            cand --generate-password 'Generate the new password (admin change only), shown once'
            cand --no-input 'Never prompt; a missing value is an error naming the flag that gives it'
            cand -q 'Print no messages on stderr, only results and errors'
            cand --quiet 'Print no messages on stderr, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'usermgr;passwd'= {
            cand --db 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)'
            cand --org 'Organization to act in (default: the one of the current session)'
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --password-stdin 'Read the current password from the first line of standard input and the new one from the second'
            cand --no-input 'Never prompt; a missing value is an error naming the flag that gives it'
            cand -q 'Print no messages on stderr, only results and errors'
            cand --quiet 'Print no messages on stderr, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'usermgr;send-instructions'= {
            cand --message 'Custom message included verbatim in the email'
            cand --message-file 'Read the custom message from a file'
            cand --db 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)'
            cand --org 'Organization to act in (default: the one of the current session)'
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --reset 'Send reset emails instead of instructions'
            cand --retry-failed 'Send again every email of this organization whose delivery failed (fresh tokens)'
            cand --no-input 'Never prompt; a missing value is an error naming the flag that gives it'
            cand -q 'Print no messages on stderr, only results and errors'
            cand --quiet 'Print no messages on stderr, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'usermgr;users'= {
            cand --db 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)'
            cand --org 'Organization to act in (default: the one of the current session)'
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --no-input 'Never prompt; a missing value is an error naming the flag that gives it'
            cand -q 'Print no messages on stderr, only results and errors'
            cand --quiet 'Print no messages on stderr, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List members of the current organization'
            cand show 'Show one member, including the state of a required reset'
            cand unlock 'End a lockout after too many failed logins'
            cand remove 'Remove a member from the current organization (asks first; --yes in scripts)'
            cand set-permission-set 'Change a member''s permission set (needs Platform management: Permissions)'
            cand update 'Change a member''s groups, sites and field values, or many members'' with --from'
            cand disable 'Stop every login of a member''s account, end its sessions and void its tokens'
            cand enable 'Let a disabled account log in again'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'usermgr;users;list'= {
            cand --group 'Only members of this group'
            cand --site 'Only members of this site'
            cand --search 'Only members whose email or name contains this text'
            cand --db 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)'
            cand --org 'Organization to act in (default: the one of the current session)'
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --reset-pending 'Only accounts whose required reset is still pending'
            cand --disabled 'Only disabled accounts'
            cand --no-input 'Never prompt; a missing value is an error naming the flag that gives it'
            cand -q 'Print no messages on stderr, only results and errors'
            cand --quiet 'Print no messages on stderr, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'usermgr;users;show'= {
            cand --db 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)'
            cand --org 'Organization to act in (default: the one of the current session)'
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --no-input 'Never prompt; a missing value is an error naming the flag that gives it'
            cand -q 'Print no messages on stderr, only results and errors'
            cand --quiet 'Print no messages on stderr, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'usermgr;users;unlock'= {
            cand --db 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)'
            cand --org 'Organization to act in (default: the one of the current session)'
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --no-input 'Never prompt; a missing value is an error naming the flag that gives it'
            cand -q 'Print no messages on stderr, only results and errors'
            cand --quiet 'Print no messages on stderr, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'usermgr;users;remove'= {
            cand --db 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)'
            cand --org 'Organization to act in (default: the one of the current session)'
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand -y 'Do it without asking (needed when there is no terminal to ask on)'
            cand --yes 'Do it without asking (needed when there is no terminal to ask on)'
            cand --dry-run 'Say what would be deleted, and delete nothing'
            cand --no-input 'Never prompt; a missing value is an error naming the flag that gives it'
            cand -q 'Print no messages on stderr, only results and errors'
            cand --quiet 'Print no messages on stderr, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'usermgr;users;set-permission-set'= {
            cand --db 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)'
            cand --org 'Organization to act in (default: the one of the current session)'
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --no-input 'Never prompt; a missing value is an error naming the flag that gives it'
            cand -q 'Print no messages on stderr, only results and errors'
            cand --quiet 'Print no messages on stderr, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'usermgr;users;update'= {
            cand --from 'Update many members from a CSV or JSON file (- for standard input)'
            cand --add-group 'Add to this group (repeatable)'
            cand --remove-group 'Remove from this group (repeatable)'
            cand --add-site 'Add to this site (repeatable)'
            cand --remove-site 'Remove from this site (repeatable)'
            cand --field 'Set a user field (repeatable)'
            cand --clear-field 'Clear a user field (repeatable)'
            cand --db 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)'
            cand --org 'Organization to act in (default: the one of the current session)'
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --no-input 'Never prompt; a missing value is an error naming the flag that gives it'
            cand -q 'Print no messages on stderr, only results and errors'
            cand --quiet 'Print no messages on stderr, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'usermgr;users;disable'= {
            cand --db 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)'
            cand --org 'Organization to act in (default: the one of the current session)'
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --no-input 'Never prompt; a missing value is an error naming the flag that gives it'
            cand -q 'Print no messages on stderr, only results and errors'
            cand --quiet 'Print no messages on stderr, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'usermgr;users;enable'= {
            cand --db 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)'
            cand --org 'Organization to act in (default: the one of the current session)'
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --no-input 'Never prompt; a missing value is an error naming the flag that gives it'
            cand -q 'Print no messages on stderr, only results and errors'
            cand --quiet 'Print no messages on stderr, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'usermgr;users;help'= {
            cand list 'List members of the current organization'
            cand show 'Show one member, including the state of a required reset'
            cand unlock 'End a lockout after too many failed logins'
            cand remove 'Remove a member from the current organization (asks first; --yes in scripts)'
            cand set-permission-set 'Change a member''s permission set (needs Platform management: Permissions)'
            cand update 'Change a member''s groups, sites and field values, or many members'' with --from'
            cand disable 'Stop every login of a member''s account, end its sessions and void its tokens'
            cand enable 'Let a disabled account log in again'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'usermgr;users;help;list'= {
        }
        &'usermgr;users;help;show'= {
        }
        &'usermgr;users;help;unlock'= {
        }
        &'usermgr;users;help;remove'= {
        }
        &'usermgr;users;help;set-permission-set'= {
        }
        &'usermgr;users;help;update'= {
        }
        &'usermgr;users;help;disable'= {
        }
        &'usermgr;users;help;enable'= {
        }
        &'usermgr;users;help;help'= {
        }
        &'usermgr;orgs'= {
            cand --db 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)'
            cand --org 'Organization to act in (default: the one of the current session)'
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --no-input 'Never prompt; a missing value is an error naming the flag that gives it'
            cand -q 'Print no messages on stderr, only results and errors'
            cand --quiet 'Print no messages on stderr, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List the organizations you belong to'
            cand create 'Create an organization; you become its Administrator'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'usermgr;orgs;list'= {
            cand --db 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)'
            cand --org 'Organization to act in (default: the one of the current session)'
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --no-input 'Never prompt; a missing value is an error naming the flag that gives it'
            cand -q 'Print no messages on stderr, only results and errors'
            cand --quiet 'Print no messages on stderr, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'usermgr;orgs;create'= {
            cand --db 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)'
            cand --org 'Organization to act in (default: the one of the current session)'
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --no-input 'Never prompt; a missing value is an error naming the flag that gives it'
            cand -q 'Print no messages on stderr, only results and errors'
            cand --quiet 'Print no messages on stderr, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'usermgr;orgs;help'= {
            cand list 'List the organizations you belong to'
            cand create 'Create an organization; you become its Administrator'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'usermgr;orgs;help;list'= {
        }
        &'usermgr;orgs;help;create'= {
        }
        &'usermgr;orgs;help;help'= {
        }
        &'usermgr;permission-sets'= {
            cand --db 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)'
            cand --org 'Organization to act in (default: the one of the current session)'
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --no-input 'Never prompt; a missing value is an error naming the flag that gives it'
            cand -q 'Print no messages on stderr, only results and errors'
            cand --quiet 'Print no messages on stderr, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List permission sets and their permissions'
            cand create 'Create a permission set'
            cand delete 'Delete a permission set that no member uses (asks first; --yes in scripts)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'usermgr;permission-sets;list'= {
            cand --db 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)'
            cand --org 'Organization to act in (default: the one of the current session)'
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --no-input 'Never prompt; a missing value is an error naming the flag that gives it'
            cand -q 'Print no messages on stderr, only results and errors'
            cand --quiet 'Print no messages on stderr, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'usermgr;permission-sets;create'= {
            cand --permission 'A permission (platform.users, platform.permissions, platform.groups, platform.sites, platform.fields); repeatable'
            cand --db 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)'
            cand --org 'Organization to act in (default: the one of the current session)'
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --no-input 'Never prompt; a missing value is an error naming the flag that gives it'
            cand -q 'Print no messages on stderr, only results and errors'
            cand --quiet 'Print no messages on stderr, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'usermgr;permission-sets;delete'= {
            cand --db 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)'
            cand --org 'Organization to act in (default: the one of the current session)'
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand -y 'Do it without asking (needed when there is no terminal to ask on)'
            cand --yes 'Do it without asking (needed when there is no terminal to ask on)'
            cand --dry-run 'Say what would be deleted, and delete nothing'
            cand --no-input 'Never prompt; a missing value is an error naming the flag that gives it'
            cand -q 'Print no messages on stderr, only results and errors'
            cand --quiet 'Print no messages on stderr, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'usermgr;permission-sets;help'= {
            cand list 'List permission sets and their permissions'
            cand create 'Create a permission set'
            cand delete 'Delete a permission set that no member uses (asks first; --yes in scripts)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'usermgr;permission-sets;help;list'= {
        }
        &'usermgr;permission-sets;help;create'= {
        }
        &'usermgr;permission-sets;help;delete'= {
        }
        &'usermgr;permission-sets;help;help'= {
        }
        &'usermgr;groups'= {
            cand --db 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)'
            cand --org 'Organization to act in (default: the one of the current session)'
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --no-input 'Never prompt; a missing value is an error naming the flag that gives it'
            cand -q 'Print no messages on stderr, only results and errors'
            cand --quiet 'Print no messages on stderr, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List them with their member counts'
            cand create 'Create one'
            cand delete 'Delete one; its members stay members of the organization (asks first; --yes in scripts)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'usermgr;groups;list'= {
            cand --db 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)'
            cand --org 'Organization to act in (default: the one of the current session)'
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --no-input 'Never prompt; a missing value is an error naming the flag that gives it'
            cand -q 'Print no messages on stderr, only results and errors'
            cand --quiet 'Print no messages on stderr, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'usermgr;groups;create'= {
            cand --db 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)'
            cand --org 'Organization to act in (default: the one of the current session)'
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --no-input 'Never prompt; a missing value is an error naming the flag that gives it'
            cand -q 'Print no messages on stderr, only results and errors'
            cand --quiet 'Print no messages on stderr, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'usermgr;groups;delete'= {
            cand --db 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)'
            cand --org 'Organization to act in (default: the one of the current session)'
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand -y 'Do it without asking (needed when there is no terminal to ask on)'
            cand --yes 'Do it without asking (needed when there is no terminal to ask on)'
            cand --dry-run 'Say what would be deleted, and delete nothing'
            cand --no-input 'Never prompt; a missing value is an error naming the flag that gives it'
            cand -q 'Print no messages on stderr, only results and errors'
            cand --quiet 'Print no messages on stderr, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'usermgr;groups;help'= {
            cand list 'List them with their member counts'
            cand create 'Create one'
            cand delete 'Delete one; its members stay members of the organization (asks first; --yes in scripts)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'usermgr;groups;help;list'= {
        }
        &'usermgr;groups;help;create'= {
        }
        &'usermgr;groups;help;delete'= {
        }
        &'usermgr;groups;help;help'= {
        }
        &'usermgr;sites'= {
            cand --db 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)'
            cand --org 'Organization to act in (default: the one of the current session)'
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --no-input 'Never prompt; a missing value is an error naming the flag that gives it'
            cand -q 'Print no messages on stderr, only results and errors'
            cand --quiet 'Print no messages on stderr, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List them with their member counts'
            cand create 'Create one'
            cand delete 'Delete one; its members stay members of the organization (asks first; --yes in scripts)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'usermgr;sites;list'= {
            cand --db 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)'
            cand --org 'Organization to act in (default: the one of the current session)'
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --no-input 'Never prompt; a missing value is an error naming the flag that gives it'
            cand -q 'Print no messages on stderr, only results and errors'
            cand --quiet 'Print no messages on stderr, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'usermgr;sites;create'= {
            cand --db 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)'
            cand --org 'Organization to act in (default: the one of the current session)'
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --no-input 'Never prompt; a missing value is an error naming the flag that gives it'
            cand -q 'Print no messages on stderr, only results and errors'
            cand --quiet 'Print no messages on stderr, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'usermgr;sites;delete'= {
            cand --db 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)'
            cand --org 'Organization to act in (default: the one of the current session)'
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand -y 'Do it without asking (needed when there is no terminal to ask on)'
            cand --yes 'Do it without asking (needed when there is no terminal to ask on)'
            cand --dry-run 'Say what would be deleted, and delete nothing'
            cand --no-input 'Never prompt; a missing value is an error naming the flag that gives it'
            cand -q 'Print no messages on stderr, only results and errors'
            cand --quiet 'Print no messages on stderr, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'usermgr;sites;help'= {
            cand list 'List them with their member counts'
            cand create 'Create one'
            cand delete 'Delete one; its members stay members of the organization (asks first; --yes in scripts)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'usermgr;sites;help;list'= {
        }
        &'usermgr;sites;help;create'= {
        }
        &'usermgr;sites;help;delete'= {
        }
        &'usermgr;sites;help;help'= {
        }
        &'usermgr;fields'= {
            cand --db 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)'
            cand --org 'Organization to act in (default: the one of the current session)'
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --no-input 'Never prompt; a missing value is an error naming the flag that gives it'
            cand -q 'Print no messages on stderr, only results and errors'
            cand --quiet 'Print no messages on stderr, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List user field definitions'
            cand create 'Define a user field'
            cand delete 'Delete a user field and its values (asks first; --yes in scripts)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'usermgr;fields;list'= {
            cand --db 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)'
            cand --org 'Organization to act in (default: the one of the current session)'
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --no-input 'Never prompt; a missing value is an error naming the flag that gives it'
            cand -q 'Print no messages on stderr, only results and errors'
            cand --quiet 'Print no messages on stderr, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'usermgr;fields;create'= {
            cand --type 'Type of the field'
            cand --option 'An allowed value of a select field (repeatable)'
            cand --db 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)'
            cand --org 'Organization to act in (default: the one of the current session)'
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --no-input 'Never prompt; a missing value is an error naming the flag that gives it'
            cand -q 'Print no messages on stderr, only results and errors'
            cand --quiet 'Print no messages on stderr, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'usermgr;fields;delete'= {
            cand --db 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)'
            cand --org 'Organization to act in (default: the one of the current session)'
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand -y 'Do it without asking (needed when there is no terminal to ask on)'
            cand --yes 'Do it without asking (needed when there is no terminal to ask on)'
            cand --dry-run 'Say what would be deleted, and delete nothing'
            cand --no-input 'Never prompt; a missing value is an error naming the flag that gives it'
            cand -q 'Print no messages on stderr, only results and errors'
            cand --quiet 'Print no messages on stderr, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'usermgr;fields;help'= {
            cand list 'List user field definitions'
            cand create 'Define a user field'
            cand delete 'Delete a user field and its values (asks first; --yes in scripts)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'usermgr;fields;help;list'= {
        }
        &'usermgr;fields;help;create'= {
        }
        &'usermgr;fields;help;delete'= {
        }
        &'usermgr;fields;help;help'= {
        }
        &'usermgr;audit'= {
            cand --user 'Only events about or by this account'
            cand --action 'Only events with this action (e.g. login, add_user, reset; a wrong one lists them)'
            cand --outcome 'Only events with this outcome (ok, failed, denied, reset_required, skipped, sent)'
            cand --since 'Only events since this time (RFC 3339, YYYY-MM-DD, or a duration ago such as 1h)'
            cand --until 'Only events before this time (RFC 3339, YYYY-MM-DD, or a duration ago such as 1h)'
            cand --limit 'At most this many events (newest first)'
            cand --db 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)'
            cand --org 'Organization to act in (default: the one of the current session)'
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --no-input 'Never prompt; a missing value is an error naming the flag that gives it'
            cand -q 'Print no messages on stderr, only results and errors'
            cand --quiet 'Print no messages on stderr, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'usermgr;outbox'= {
            cand --db 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)'
            cand --org 'Organization to act in (default: the one of the current session)'
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --failed 'Only emails whose delivery failed'
            cand --no-input 'Never prompt; a missing value is an error naming the flag that gives it'
            cand -q 'Print no messages on stderr, only results and errors'
            cand --quiet 'Print no messages on stderr, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'usermgr;config'= {
            cand --db 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)'
            cand --org 'Organization to act in (default: the one of the current session)'
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --no-input 'Never prompt; a missing value is an error naming the flag that gives it'
            cand -q 'Print no messages on stderr, only results and errors'
            cand --quiet 'Print no messages on stderr, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List every setting with its value'
            cand get 'Print one setting'
            cand set 'Change one setting'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'usermgr;config;list'= {
            cand --db 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)'
            cand --org 'Organization to act in (default: the one of the current session)'
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --no-input 'Never prompt; a missing value is an error naming the flag that gives it'
            cand -q 'Print no messages on stderr, only results and errors'
            cand --quiet 'Print no messages on stderr, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'usermgr;config;get'= {
            cand --db 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)'
            cand --org 'Organization to act in (default: the one of the current session)'
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --no-input 'Never prompt; a missing value is an error naming the flag that gives it'
            cand -q 'Print no messages on stderr, only results and errors'
            cand --quiet 'Print no messages on stderr, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'usermgr;config;set'= {
            cand --db 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)'
            cand --org 'Organization to act in (default: the one of the current session)'
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --no-input 'Never prompt; a missing value is an error naming the flag that gives it'
            cand -q 'Print no messages on stderr, only results and errors'
            cand --quiet 'Print no messages on stderr, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'usermgr;config;help'= {
            cand list 'List every setting with its value'
            cand get 'Print one setting'
            cand set 'Change one setting'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'usermgr;config;help;list'= {
        }
        &'usermgr;config;help;get'= {
        }
        &'usermgr;config;help;set'= {
        }
        &'usermgr;config;help;help'= {
        }
        &'usermgr;doctor'= {
            cand --send-test-email 'Also send a test email to ADDRESS (recorded in the outbox like any email)'
            cand --db 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)'
            cand --org 'Organization to act in (default: the one of the current session)'
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --no-input 'Never prompt; a missing value is an error naming the flag that gives it'
            cand -q 'Print no messages on stderr, only results and errors'
            cand --quiet 'Print no messages on stderr, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'usermgr;completions'= {
            cand --db 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)'
            cand --org 'Organization to act in (default: the one of the current session)'
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --no-input 'Never prompt; a missing value is an error naming the flag that gives it'
            cand -q 'Print no messages on stderr, only results and errors'
            cand --quiet 'Print no messages on stderr, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'usermgr;man'= {
            cand --db 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)'
            cand --org 'Organization to act in (default: the one of the current session)'
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --no-input 'Never prompt; a missing value is an error naming the flag that gives it'
            cand -q 'Print no messages on stderr, only results and errors'
            cand --quiet 'Print no messages on stderr, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'usermgr;generate'= {
            cand --db 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)'
            cand --org 'Organization to act in (default: the one of the current session)'
            cand -o 'Output format for results'
            cand --output 'Output format for results'
            cand --no-input 'Never prompt; a missing value is an error naming the flag that gives it'
            cand -q 'Print no messages on stderr, only results and errors'
            cand --quiet 'Print no messages on stderr, only results and errors'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'usermgr;help'= {
            cand init 'Create the database, the first organization and its first administrator, and log in'
            cand login 'Log in; runs the timed password reset when one is required'
            cand logout 'End the stored session'
            cand whoami 'Show who is logged in, in which organization, with which permissions'
            cand add-users 'Add users to the current organization (guided on a terminal when no email is given)'
            cand reset 'Set a new password with a token, or (admin) change a member''s password'
            cand passwd 'Change your own password (asks for the current one first)'
            cand send-instructions 'Email password instructions or reset emails'
            cand users 'Inspect and manage members'
            cand orgs 'List your organizations or create one'
            cand permission-sets 'Manage the current organization''s permission sets'
            cand groups 'Manage the current organization''s groups'
            cand sites 'Manage the current organization''s sites'
            cand fields 'Manage the current organization''s user field definitions'
            cand audit 'Read the audit log'
            cand outbox 'Read the outbox of emails'
            cand config 'Read and change settings'
            cand doctor 'Check the database, settings, session, config file and email transport'
            cand completions 'Print a shell completion script'
            cand man 'Print the man page of usermgr'
            cand generate 'Write completions/ and man/ under DIR (for maintainers)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'usermgr;help;init'= {
        }
        &'usermgr;help;login'= {
        }
        &'usermgr;help;logout'= {
        }
        &'usermgr;help;whoami'= {
        }
        &'usermgr;help;add-users'= {
        }
        &'usermgr;help;reset'= {
        }
        &'usermgr;help;passwd'= {
        }
        &'usermgr;help;send-instructions'= {
        }
        &'usermgr;help;users'= {
            cand list 'List members of the current organization'
            cand show 'Show one member, including the state of a required reset'
            cand unlock 'End a lockout after too many failed logins'
            cand remove 'Remove a member from the current organization (asks first; --yes in scripts)'
            cand set-permission-set 'Change a member''s permission set (needs Platform management: Permissions)'
            cand update 'Change a member''s groups, sites and field values, or many members'' with --from'
            cand disable 'Stop every login of a member''s account, end its sessions and void its tokens'
            cand enable 'Let a disabled account log in again'
        }
        &'usermgr;help;users;list'= {
        }
        &'usermgr;help;users;show'= {
        }
        &'usermgr;help;users;unlock'= {
        }
        &'usermgr;help;users;remove'= {
        }
        &'usermgr;help;users;set-permission-set'= {
        }
        &'usermgr;help;users;update'= {
        }
        &'usermgr;help;users;disable'= {
        }
        &'usermgr;help;users;enable'= {
        }
        &'usermgr;help;orgs'= {
            cand list 'List the organizations you belong to'
            cand create 'Create an organization; you become its Administrator'
        }
        &'usermgr;help;orgs;list'= {
        }
        &'usermgr;help;orgs;create'= {
        }
        &'usermgr;help;permission-sets'= {
            cand list 'List permission sets and their permissions'
            cand create 'Create a permission set'
            cand delete 'Delete a permission set that no member uses (asks first; --yes in scripts)'
        }
        &'usermgr;help;permission-sets;list'= {
        }
        &'usermgr;help;permission-sets;create'= {
        }
        &'usermgr;help;permission-sets;delete'= {
        }
        &'usermgr;help;groups'= {
            cand list 'List them with their member counts'
            cand create 'Create one'
            cand delete 'Delete one; its members stay members of the organization (asks first; --yes in scripts)'
        }
        &'usermgr;help;groups;list'= {
        }
        &'usermgr;help;groups;create'= {
        }
        &'usermgr;help;groups;delete'= {
        }
        &'usermgr;help;sites'= {
            cand list 'List them with their member counts'
            cand create 'Create one'
            cand delete 'Delete one; its members stay members of the organization (asks first; --yes in scripts)'
        }
        &'usermgr;help;sites;list'= {
        }
        &'usermgr;help;sites;create'= {
        }
        &'usermgr;help;sites;delete'= {
        }
        &'usermgr;help;fields'= {
            cand list 'List user field definitions'
            cand create 'Define a user field'
            cand delete 'Delete a user field and its values (asks first; --yes in scripts)'
        }
        &'usermgr;help;fields;list'= {
        }
        &'usermgr;help;fields;create'= {
        }
        &'usermgr;help;fields;delete'= {
        }
        &'usermgr;help;audit'= {
        }
        &'usermgr;help;outbox'= {
        }
        &'usermgr;help;config'= {
            cand list 'List every setting with its value'
            cand get 'Print one setting'
            cand set 'Change one setting'
        }
        &'usermgr;help;config;list'= {
        }
        &'usermgr;help;config;get'= {
        }
        &'usermgr;help;config;set'= {
        }
        &'usermgr;help;doctor'= {
        }
        &'usermgr;help;completions'= {
        }
        &'usermgr;help;man'= {
        }
        &'usermgr;help;generate'= {
        }
        &'usermgr;help;help'= {
        }
    ]
    $completions[$command]
}
