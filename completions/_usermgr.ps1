
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'usermgr' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'usermgr'
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
        'usermgr' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization to act in (default: the one of the current session)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming the flag that gives it')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create the database, the first organization and its first administrator, and log in')
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Log in; runs the timed password reset when one is required')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'End the stored session')
            [CompletionResult]::new('whoami', 'whoami', [CompletionResultType]::ParameterValue, 'Show who is logged in, in which organization, with which permissions')
            [CompletionResult]::new('add-users', 'add-users', [CompletionResultType]::ParameterValue, 'Add users to the current organization (guided on a terminal when no email is given)')
            [CompletionResult]::new('reset', 'reset', [CompletionResultType]::ParameterValue, 'Set a new password with a token, or (admin) change a member''s password')
            [CompletionResult]::new('passwd', 'passwd', [CompletionResultType]::ParameterValue, 'Change your own password (asks for the current one first)')
            [CompletionResult]::new('send-instructions', 'send-instructions', [CompletionResultType]::ParameterValue, 'Email password instructions or reset emails')
            [CompletionResult]::new('users', 'users', [CompletionResultType]::ParameterValue, 'Inspect and manage members')
            [CompletionResult]::new('orgs', 'orgs', [CompletionResultType]::ParameterValue, 'List your organizations or create one')
            [CompletionResult]::new('permission-sets', 'permission-sets', [CompletionResultType]::ParameterValue, 'Manage the current organization''s permission sets')
            [CompletionResult]::new('groups', 'groups', [CompletionResultType]::ParameterValue, 'Manage the current organization''s groups')
            [CompletionResult]::new('sites', 'sites', [CompletionResultType]::ParameterValue, 'Manage the current organization''s sites')
            [CompletionResult]::new('fields', 'fields', [CompletionResultType]::ParameterValue, 'Manage the current organization''s user field definitions')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Read the audit log')
            [CompletionResult]::new('outbox', 'outbox', [CompletionResultType]::ParameterValue, 'Read the outbox of emails')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Read and change settings')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Check the database, settings, session, config file and email transport')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page of usermgr')
            [CompletionResult]::new('generate', 'generate', [CompletionResultType]::ParameterValue, 'Write completions/ and man/ under DIR (for maintainers)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'usermgr;init' {
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Name of the first organization')
            [CompletionResult]::new('--admin', '--admin', [CompletionResultType]::ParameterName, 'Email of the first administrator')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Full name of the first administrator')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the administrator''s password from one line of standard input')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming the flag that gives it')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'usermgr;login' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization to act in (default: the one of the current session)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password (and, for a required reset, nothing else) from standard input')
            [CompletionResult]::new('--print-token', '--print-token', [CompletionResultType]::ParameterName, 'Print the session token on stdout instead of only storing it')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming the flag that gives it')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'usermgr;logout' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization to act in (default: the one of the current session)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming the flag that gives it')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'usermgr;whoami' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization to act in (default: the one of the current session)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming the flag that gives it')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'usermgr;add-users' {
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'Read users from a CSV or JSON file (`-` for standard input)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Full name (for a single email)')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read one password (for every new account) from the first line of a file')
            [CompletionResult]::new('--message', '--message', [CompletionResultType]::ParameterName, 'Custom message included verbatim in the email')
            [CompletionResult]::new('--message-file', '--message-file', [CompletionResultType]::ParameterName, 'Read the custom message from a file')
            [CompletionResult]::new('--permission-set', '--permission-set', [CompletionResultType]::ParameterName, 'Permission set of the new members (needs Platform management: Permissions)')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Add the new members to this group (repeatable)')
            [CompletionResult]::new('--site', '--site', [CompletionResultType]::ParameterName, 'Add the new members to this site (repeatable)')
            [CompletionResult]::new('--field', '--field', [CompletionResultType]::ParameterName, 'Set a user field (repeatable)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization to act in (default: the one of the current session)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read one password (for every new account) from one line of standard input')
            [CompletionResult]::new('--generate-password', '--generate-password', [CompletionResultType]::ParameterName, 'Generate a password of at least 20 characters for each new account, shown once')
            [CompletionResult]::new('--no-password', '--no-password', [CompletionResultType]::ParameterName, 'Create accounts without a password; they set one from an emailed token')
            [CompletionResult]::new('--require-reset', '--require-reset', [CompletionResultType]::ParameterName, 'Require each new account to choose a new password at first login')
            [CompletionResult]::new('--send-instructions', '--send-instructions', [CompletionResultType]::ParameterName, 'Email password instructions to each added user')
            [CompletionResult]::new('--skip-existing', '--skip-existing', [CompletionResultType]::ParameterName, 'Report users who are already members as skipped instead of failing')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Validate and show what would happen, write nothing')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming the flag that gives it')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'usermgr;reset' {
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'The token on the command line, where other local users can see it (ps, shell history): prefer --token-stdin or the prompt')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization to act in (default: the one of the current session)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--token-stdin', '--token-stdin', [CompletionResultType]::ParameterName, 'Read the reset-window, reset-email or set-password token from the first line of standard input (with --password-stdin the password is the next line)')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the new password from one line of standard input')
            [CompletionResult]::new('--generate-password', '--generate-password', [CompletionResultType]::ParameterName, 'Generate the new password (admin change only), shown once')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming the flag that gives it')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'usermgr;passwd' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization to act in (default: the one of the current session)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the current password from the first line of standard input and the new one from the second')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming the flag that gives it')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'usermgr;send-instructions' {
            [CompletionResult]::new('--message', '--message', [CompletionResultType]::ParameterName, 'Custom message included verbatim in the email')
            [CompletionResult]::new('--message-file', '--message-file', [CompletionResultType]::ParameterName, 'Read the custom message from a file')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization to act in (default: the one of the current session)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--reset', '--reset', [CompletionResultType]::ParameterName, 'Send reset emails instead of instructions')
            [CompletionResult]::new('--retry-failed', '--retry-failed', [CompletionResultType]::ParameterName, 'Send again every email of this organization whose delivery failed (fresh tokens)')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming the flag that gives it')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'usermgr;users' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization to act in (default: the one of the current session)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming the flag that gives it')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List members of the current organization')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one member, including the state of a required reset')
            [CompletionResult]::new('unlock', 'unlock', [CompletionResultType]::ParameterValue, 'End a lockout after too many failed logins')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a member from the current organization (asks first; --yes in scripts)')
            [CompletionResult]::new('set-permission-set', 'set-permission-set', [CompletionResultType]::ParameterValue, 'Change a member''s permission set (needs Platform management: Permissions)')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change a member''s groups, sites and field values, or many members'' with --from')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Stop every login of a member''s account, end its sessions and void its tokens')
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Let a disabled account log in again')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'usermgr;users;list' {
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Only members of this group')
            [CompletionResult]::new('--site', '--site', [CompletionResultType]::ParameterName, 'Only members of this site')
            [CompletionResult]::new('--search', '--search', [CompletionResultType]::ParameterName, 'Only members whose email or name contains this text')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization to act in (default: the one of the current session)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--reset-pending', '--reset-pending', [CompletionResultType]::ParameterName, 'Only accounts whose required reset is still pending')
            [CompletionResult]::new('--disabled', '--disabled', [CompletionResultType]::ParameterName, 'Only disabled accounts')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming the flag that gives it')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'usermgr;users;show' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization to act in (default: the one of the current session)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming the flag that gives it')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'usermgr;users;unlock' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization to act in (default: the one of the current session)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming the flag that gives it')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'usermgr;users;remove' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization to act in (default: the one of the current session)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do it without asking (needed when there is no terminal to ask on)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do it without asking (needed when there is no terminal to ask on)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Say what would be deleted, and delete nothing')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming the flag that gives it')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'usermgr;users;set-permission-set' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization to act in (default: the one of the current session)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming the flag that gives it')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'usermgr;users;update' {
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'Update many members from a CSV or JSON file (- for standard input)')
            [CompletionResult]::new('--add-group', '--add-group', [CompletionResultType]::ParameterName, 'Add to this group (repeatable)')
            [CompletionResult]::new('--remove-group', '--remove-group', [CompletionResultType]::ParameterName, 'Remove from this group (repeatable)')
            [CompletionResult]::new('--add-site', '--add-site', [CompletionResultType]::ParameterName, 'Add to this site (repeatable)')
            [CompletionResult]::new('--remove-site', '--remove-site', [CompletionResultType]::ParameterName, 'Remove from this site (repeatable)')
            [CompletionResult]::new('--field', '--field', [CompletionResultType]::ParameterName, 'Set a user field (repeatable)')
            [CompletionResult]::new('--clear-field', '--clear-field', [CompletionResultType]::ParameterName, 'Clear a user field (repeatable)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization to act in (default: the one of the current session)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming the flag that gives it')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'usermgr;users;disable' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization to act in (default: the one of the current session)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming the flag that gives it')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'usermgr;users;enable' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization to act in (default: the one of the current session)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming the flag that gives it')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'usermgr;users;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List members of the current organization')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one member, including the state of a required reset')
            [CompletionResult]::new('unlock', 'unlock', [CompletionResultType]::ParameterValue, 'End a lockout after too many failed logins')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a member from the current organization (asks first; --yes in scripts)')
            [CompletionResult]::new('set-permission-set', 'set-permission-set', [CompletionResultType]::ParameterValue, 'Change a member''s permission set (needs Platform management: Permissions)')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change a member''s groups, sites and field values, or many members'' with --from')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Stop every login of a member''s account, end its sessions and void its tokens')
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Let a disabled account log in again')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'usermgr;users;help;list' {
            break
        }
        'usermgr;users;help;show' {
            break
        }
        'usermgr;users;help;unlock' {
            break
        }
        'usermgr;users;help;remove' {
            break
        }
        'usermgr;users;help;set-permission-set' {
            break
        }
        'usermgr;users;help;update' {
            break
        }
        'usermgr;users;help;disable' {
            break
        }
        'usermgr;users;help;enable' {
            break
        }
        'usermgr;users;help;help' {
            break
        }
        'usermgr;orgs' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization to act in (default: the one of the current session)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming the flag that gives it')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the organizations you belong to')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create an organization; you become its Administrator')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'usermgr;orgs;list' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization to act in (default: the one of the current session)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming the flag that gives it')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'usermgr;orgs;create' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization to act in (default: the one of the current session)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming the flag that gives it')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'usermgr;orgs;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the organizations you belong to')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create an organization; you become its Administrator')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'usermgr;orgs;help;list' {
            break
        }
        'usermgr;orgs;help;create' {
            break
        }
        'usermgr;orgs;help;help' {
            break
        }
        'usermgr;permission-sets' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization to act in (default: the one of the current session)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming the flag that gives it')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List permission sets and their permissions')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a permission set')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a permission set that no member uses (asks first; --yes in scripts)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'usermgr;permission-sets;list' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization to act in (default: the one of the current session)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming the flag that gives it')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'usermgr;permission-sets;create' {
            [CompletionResult]::new('--permission', '--permission', [CompletionResultType]::ParameterName, 'A permission (platform.users, platform.permissions, platform.groups, platform.sites, platform.fields); repeatable')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization to act in (default: the one of the current session)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming the flag that gives it')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'usermgr;permission-sets;delete' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization to act in (default: the one of the current session)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do it without asking (needed when there is no terminal to ask on)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do it without asking (needed when there is no terminal to ask on)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Say what would be deleted, and delete nothing')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming the flag that gives it')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'usermgr;permission-sets;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List permission sets and their permissions')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a permission set')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a permission set that no member uses (asks first; --yes in scripts)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'usermgr;permission-sets;help;list' {
            break
        }
        'usermgr;permission-sets;help;create' {
            break
        }
        'usermgr;permission-sets;help;delete' {
            break
        }
        'usermgr;permission-sets;help;help' {
            break
        }
        'usermgr;groups' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization to act in (default: the one of the current session)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming the flag that gives it')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List them with their member counts')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create one')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete one; its members stay members of the organization (asks first; --yes in scripts)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'usermgr;groups;list' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization to act in (default: the one of the current session)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming the flag that gives it')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'usermgr;groups;create' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization to act in (default: the one of the current session)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming the flag that gives it')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'usermgr;groups;delete' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization to act in (default: the one of the current session)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do it without asking (needed when there is no terminal to ask on)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do it without asking (needed when there is no terminal to ask on)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Say what would be deleted, and delete nothing')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming the flag that gives it')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'usermgr;groups;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List them with their member counts')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create one')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete one; its members stay members of the organization (asks first; --yes in scripts)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'usermgr;groups;help;list' {
            break
        }
        'usermgr;groups;help;create' {
            break
        }
        'usermgr;groups;help;delete' {
            break
        }
        'usermgr;groups;help;help' {
            break
        }
        'usermgr;sites' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization to act in (default: the one of the current session)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming the flag that gives it')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List them with their member counts')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create one')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete one; its members stay members of the organization (asks first; --yes in scripts)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'usermgr;sites;list' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization to act in (default: the one of the current session)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming the flag that gives it')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'usermgr;sites;create' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization to act in (default: the one of the current session)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming the flag that gives it')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'usermgr;sites;delete' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization to act in (default: the one of the current session)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do it without asking (needed when there is no terminal to ask on)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do it without asking (needed when there is no terminal to ask on)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Say what would be deleted, and delete nothing')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming the flag that gives it')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'usermgr;sites;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List them with their member counts')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create one')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete one; its members stay members of the organization (asks first; --yes in scripts)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'usermgr;sites;help;list' {
            break
        }
        'usermgr;sites;help;create' {
            break
        }
        'usermgr;sites;help;delete' {
            break
        }
        'usermgr;sites;help;help' {
            break
        }
        'usermgr;fields' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization to act in (default: the one of the current session)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming the flag that gives it')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List user field definitions')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Define a user field')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a user field and its values (asks first; --yes in scripts)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'usermgr;fields;list' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization to act in (default: the one of the current session)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming the flag that gives it')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'usermgr;fields;create' {
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Type of the field')
            [CompletionResult]::new('--option', '--option', [CompletionResultType]::ParameterName, 'An allowed value of a select field (repeatable)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization to act in (default: the one of the current session)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming the flag that gives it')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'usermgr;fields;delete' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization to act in (default: the one of the current session)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do it without asking (needed when there is no terminal to ask on)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do it without asking (needed when there is no terminal to ask on)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Say what would be deleted, and delete nothing')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming the flag that gives it')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'usermgr;fields;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List user field definitions')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Define a user field')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a user field and its values (asks first; --yes in scripts)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'usermgr;fields;help;list' {
            break
        }
        'usermgr;fields;help;create' {
            break
        }
        'usermgr;fields;help;delete' {
            break
        }
        'usermgr;fields;help;help' {
            break
        }
        'usermgr;audit' {
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Only events about or by this account')
            [CompletionResult]::new('--action', '--action', [CompletionResultType]::ParameterName, 'Only events with this action (e.g. login, add_user, reset; a wrong one lists them)')
            [CompletionResult]::new('--outcome', '--outcome', [CompletionResultType]::ParameterName, 'Only events with this outcome (ok, failed, denied, reset_required, skipped, sent)')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only events since this time (RFC 3339, YYYY-MM-DD, or a duration ago such as 1h)')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Only events before this time (RFC 3339, YYYY-MM-DD, or a duration ago such as 1h)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'At most this many events (newest first)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization to act in (default: the one of the current session)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming the flag that gives it')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'usermgr;outbox' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization to act in (default: the one of the current session)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--failed', '--failed', [CompletionResultType]::ParameterName, 'Only emails whose delivery failed')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming the flag that gives it')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'usermgr;config' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization to act in (default: the one of the current session)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming the flag that gives it')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List every setting with its value')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Print one setting')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Change one setting')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'usermgr;config;list' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization to act in (default: the one of the current session)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming the flag that gives it')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'usermgr;config;get' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization to act in (default: the one of the current session)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming the flag that gives it')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'usermgr;config;set' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization to act in (default: the one of the current session)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming the flag that gives it')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'usermgr;config;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List every setting with its value')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Print one setting')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Change one setting')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'usermgr;config;help;list' {
            break
        }
        'usermgr;config;help;get' {
            break
        }
        'usermgr;config;help;set' {
            break
        }
        'usermgr;config;help;help' {
            break
        }
        'usermgr;doctor' {
            [CompletionResult]::new('--send-test-email', '--send-test-email', [CompletionResultType]::ParameterName, 'Also send a test email to ADDRESS (recorded in the outbox like any email)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization to act in (default: the one of the current session)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming the flag that gives it')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'usermgr;completions' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization to act in (default: the one of the current session)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming the flag that gives it')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'usermgr;man' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization to act in (default: the one of the current session)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming the flag that gives it')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'usermgr;generate' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file (default: $USERMGR_DB, else usermgr.db in the data directory)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organization to act in (default: the one of the current session)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format for results')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; a missing value is an error naming the flag that gives it')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no messages on stderr, only results and errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'usermgr;help' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create the database, the first organization and its first administrator, and log in')
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Log in; runs the timed password reset when one is required')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'End the stored session')
            [CompletionResult]::new('whoami', 'whoami', [CompletionResultType]::ParameterValue, 'Show who is logged in, in which organization, with which permissions')
            [CompletionResult]::new('add-users', 'add-users', [CompletionResultType]::ParameterValue, 'Add users to the current organization (guided on a terminal when no email is given)')
            [CompletionResult]::new('reset', 'reset', [CompletionResultType]::ParameterValue, 'Set a new password with a token, or (admin) change a member''s password')
            [CompletionResult]::new('passwd', 'passwd', [CompletionResultType]::ParameterValue, 'Change your own password (asks for the current one first)')
            [CompletionResult]::new('send-instructions', 'send-instructions', [CompletionResultType]::ParameterValue, 'Email password instructions or reset emails')
            [CompletionResult]::new('users', 'users', [CompletionResultType]::ParameterValue, 'Inspect and manage members')
            [CompletionResult]::new('orgs', 'orgs', [CompletionResultType]::ParameterValue, 'List your organizations or create one')
            [CompletionResult]::new('permission-sets', 'permission-sets', [CompletionResultType]::ParameterValue, 'Manage the current organization''s permission sets')
            [CompletionResult]::new('groups', 'groups', [CompletionResultType]::ParameterValue, 'Manage the current organization''s groups')
            [CompletionResult]::new('sites', 'sites', [CompletionResultType]::ParameterValue, 'Manage the current organization''s sites')
            [CompletionResult]::new('fields', 'fields', [CompletionResultType]::ParameterValue, 'Manage the current organization''s user field definitions')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Read the audit log')
            [CompletionResult]::new('outbox', 'outbox', [CompletionResultType]::ParameterValue, 'Read the outbox of emails')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Read and change settings')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Check the database, settings, session, config file and email transport')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page of usermgr')
            [CompletionResult]::new('generate', 'generate', [CompletionResultType]::ParameterValue, 'Write completions/ and man/ under DIR (for maintainers)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'usermgr;help;init' {
            break
        }
        'usermgr;help;login' {
            break
        }
        'usermgr;help;logout' {
            break
        }
        'usermgr;help;whoami' {
            break
        }
        'usermgr;help;add-users' {
            break
        }
        'usermgr;help;reset' {
            break
        }
        'usermgr;help;passwd' {
            break
        }
        'usermgr;help;send-instructions' {
            break
        }
        'usermgr;help;users' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List members of the current organization')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one member, including the state of a required reset')
            [CompletionResult]::new('unlock', 'unlock', [CompletionResultType]::ParameterValue, 'End a lockout after too many failed logins')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a member from the current organization (asks first; --yes in scripts)')
            [CompletionResult]::new('set-permission-set', 'set-permission-set', [CompletionResultType]::ParameterValue, 'Change a member''s permission set (needs Platform management: Permissions)')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change a member''s groups, sites and field values, or many members'' with --from')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Stop every login of a member''s account, end its sessions and void its tokens')
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Let a disabled account log in again')
            break
        }
        'usermgr;help;users;list' {
            break
        }
        'usermgr;help;users;show' {
            break
        }
        'usermgr;help;users;unlock' {
            break
        }
        'usermgr;help;users;remove' {
            break
        }
        'usermgr;help;users;set-permission-set' {
            break
        }
        'usermgr;help;users;update' {
            break
        }
        'usermgr;help;users;disable' {
            break
        }
        'usermgr;help;users;enable' {
            break
        }
        'usermgr;help;orgs' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the organizations you belong to')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create an organization; you become its Administrator')
            break
        }
        'usermgr;help;orgs;list' {
            break
        }
        'usermgr;help;orgs;create' {
            break
        }
        'usermgr;help;permission-sets' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List permission sets and their permissions')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a permission set')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a permission set that no member uses (asks first; --yes in scripts)')
            break
        }
        'usermgr;help;permission-sets;list' {
            break
        }
        'usermgr;help;permission-sets;create' {
            break
        }
        'usermgr;help;permission-sets;delete' {
            break
        }
        'usermgr;help;groups' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List them with their member counts')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create one')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete one; its members stay members of the organization (asks first; --yes in scripts)')
            break
        }
        'usermgr;help;groups;list' {
            break
        }
        'usermgr;help;groups;create' {
            break
        }
        'usermgr;help;groups;delete' {
            break
        }
        'usermgr;help;sites' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List them with their member counts')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create one')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete one; its members stay members of the organization (asks first; --yes in scripts)')
            break
        }
        'usermgr;help;sites;list' {
            break
        }
        'usermgr;help;sites;create' {
            break
        }
        'usermgr;help;sites;delete' {
            break
        }
        'usermgr;help;fields' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List user field definitions')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Define a user field')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a user field and its values (asks first; --yes in scripts)')
            break
        }
        'usermgr;help;fields;list' {
            break
        }
        'usermgr;help;fields;create' {
            break
        }
        'usermgr;help;fields;delete' {
            break
        }
        'usermgr;help;audit' {
            break
        }
        'usermgr;help;outbox' {
            break
        }
        'usermgr;help;config' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List every setting with its value')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Print one setting')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Change one setting')
            break
        }
        'usermgr;help;config;list' {
            break
        }
        'usermgr;help;config;get' {
            break
        }
        'usermgr;help;config;set' {
            break
        }
        'usermgr;help;doctor' {
            break
        }
        'usermgr;help;completions' {
            break
        }
        'usermgr;help;man' {
            break
        }
        'usermgr;help;generate' {
            break
        }
        'usermgr;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
