/**
 * Writes man/hash.1, man/hash-configure.7 and the completion scripts in
 * completions/ from the command registry (src/shell/registry.ts): levels,
 * commands, usage, summaries, help, examples, options — the same definitions
 * `help` prints, so the two cannot disagree. `npm run docs` runs it;
 * test/shell/docs-drift.test.ts fails when the committed files differ from
 * what it makes. Output is deterministic (no dates).
 *
 *   npx tsx scripts/gen-docs.ts           write the files
 *   npx tsx scripts/gen-docs.ts --check   exit 1 when a committed file is stale
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
// resolve.js first: the levels import it back, and it must be evaluated before the registry
import '../src/shell/resolve.js';
import { GLOBAL_COMMANDS, LEVELS, ROOT_COMMANDS, levelByName } from '../src/shell/registry.js';
import type { CommandDef, LevelDef } from '../src/shell/tree.js';
import { ExitCode } from '../src/shell/errors.js';
import { GLOBAL_OPTIONS } from '../src/shell/complete-command.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string; bin: Record<string, string> };
/** Every name the program is installed under (`hash`, `hashell`). */
export const BIN_NAMES = Object.keys(pkg.bin);

// ---------------------------------------------------------------- roff

/** Text for roff: backslashes, minus signs, `code` in bold, lines that would start with a control character. */
function esc(text: string): string {
  return text
    .replace(/\\/g, '\\e')
    .replace(/-/g, '\\-')
    .replace(/`([^`]+)`/g, '\\fB$1\\fR')
    .replace(/^([.'])/gm, '\\&$1')
    .replace(/[^\x00-\x7f]/gu, (c) => (c === '—' ? '\\(em' : `\\[u${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}]`));
}

/** A usage line: words in bold, `<placeholders>` in italics. */
function usageRoff(text: string): string {
  return esc(text).replace(/<([^>]+)>/g, '\\fI$1\\fR');
}

/** Paragraphs (blank-line separated) as roff paragraphs. */
function paragraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .flatMap((p, i) => (i === 0 ? [esc(p)] : ['.IP', esc(p)]));
}

function example(lines: readonly string[]): string[] {
  return ['.in +4n', '.nf', ...lines.map((l) => `\\&${esc(l)}`), '.fi', '.in'];
}

/** The usage of a command as `help` prints it (help.ts: with the name in front when the usage lacks it). */
export function usageOf(def: CommandDef): string {
  return def.name === def.usage.split(' ')[0] ? def.usage : `${def.name} ${def.usage}`.trim();
}

function commandEntry(def: CommandDef, prefix: string): string[] {
  const out = ['.TP', `\\fB${esc(prefix)}\\fR${usageRoff(usageOf(def)).replace(/^(\S+)/, '\\fB$1\\fR')}`];
  const names = def.aliases?.length ? ` (also: ${def.aliases.join(', ')})` : '';
  out.push(`${esc(def.summary.charAt(0).toUpperCase() + def.summary.slice(1))}.${esc(names)}`);
  if (def.help) out.push('.IP', ...paragraphs(def.help));
  if (def.options?.length) out.push('.IP', `Options: ${def.options.map((o) => `\\fB${esc(o)}\\fR`).join(', ')}.`);
  if (def.examples?.length) out.push('.IP', 'Examples:', ...example(def.examples));
  return out;
}

function levelSection(level: LevelDef): string[] {
  const title = `${level.name}${level.aliases?.length ? ` (${level.aliases.join(', ')})` : ''}`;
  const out = [`.SS "${esc(title)}"`, `${esc(level.summary.charAt(0).toUpperCase() + level.summary.slice(1))}.`];
  if (level.help) out.push('.PP', ...paragraphs(level.help));
  const subs = level.sublevels ?? [];
  if (subs.length) out.push('.PP', `Levels reachable from here: ${subs.map((s) => `\\fB${esc(s)}\\fR`).join(', ')}.`);
  const commands = level.commands.filter((c) => !c.statement);
  for (const c of commands) out.push(...commandEntry(c, `${level.name} `));
  const statements = level.commands.filter((c) => c.statement);
  if (statements.length) {
    out.push('.PP', `Statements of the configure language (see \\fBhash\\-configure\\fR(7)): ${statements.map((s) => `\\fB${esc(s.name)}\\fR`).join(', ')}.`);
  }
  return out;
}

const EXIT_CODES: Record<keyof typeof ExitCode, string> = {
  ok: 'success',
  failed: 'a command failed (the tool\'s message says why)',
  usage: 'usage error: an unknown command or option, a missing argument, a question off a terminal without --force',
  config: 'configuration errors in configure text (syntax or checks), located as file:line:col; nothing was changed',
  conflict: 'conflict: the CIB changed under us in the same objects; nothing was changed (commit force overrides)',
  unreachable: 'the CIB or the cluster cannot be reached',
  bug: 'internal error (a bug: please report it; HASH_DEBUG=1 shows the details)',
};

function header(section: string, title: string): string[] {
  return [
    `.\\" Generated by scripts/gen-docs.ts from the command registry (npm run docs). Do not edit.`,
    `.TH ${title} ${section} "" "hash ${pkg.version}" "${section === '1' ? 'User Commands' : 'Miscellaneous'}"`,
  ];
}

/** man/hash.1 */
export function manPage(): string {
  const bins = BIN_NAMES.map((b) => `\\fB${b}\\fR`).join(' and ');
  const out: string[] = [
    ...header('1', 'HASH'),
    '.SH NAME',
    `${BIN_NAMES.join(', ')} \\- the HA shell: a crmsh\\-compatible shell for Pacemaker clusters`,
    '.SH SYNOPSIS',
    '.B hash',
    '[\\fIoptions\\fR] [\\fIlevel\\fR ...] [\\fIcommand\\fR [\\fIargument\\fR ...]]',
    '.br',
    '.B hash',
    '[\\fIoptions\\fR] \\fB\\-f\\fR \\fIFILE\\fR',
    '.br',
    '.B hash',
    '[\\fIoptions\\fR] < \\fIFILE\\fR',
    '.br',
    '.B hashell',
    '\\&...',
    '.SH DESCRIPTION',
    esc('hash is a command-line shell for Pacemaker clusters that speaks crmsh\'s language: the same levels and command words, the same `configure` statements, the same `show` output. It runs the real Pacemaker tools (cibadmin, crm_resource, crm_attribute, crm_shadow, crm_verify, crm_simulate), never a shell.'),
    '.PP',
    esc('Without a command, on a terminal, hash opens the interactive shell: a prompt naming the CIB in use and the level (`hash(live)configure# `), TAB completion of everything the cluster knows, persistent history, `help` everywhere. Ctrl-C cancels the line, Ctrl-D or `quit` leaves.'),
    '.PP',
    esc('A line typed at a level means the same as the level\'s name and the line given on the command line (`hash resource stop web` is typing `resource`, then `stop web`), and the same in a file run with -f. Command words may be shortened to a unique prefix, as in crmsh (`hash cfg show`, `hash rsc stop web`).'),
    '.PP',
    esc('A script (-f, standard input) or a one-shot line is one transaction: every line is resolved and every configure statement parsed before anything runs, and the configure changes are committed once, at the end — or before a command that needs the cluster to see them. A commit is a versioned patch against the CIB the change started from: changes others made meanwhile to other objects are kept, a change to the same object is refused with both versions shown (`commit force` overrides).'),
    '.PP',
    esc(`${BIN_NAMES.join(' and ')} are the same program; see NOTES.`).replace(/^/, ''),
    '.SH OPTIONS',
    esc('Global options come before the command words; --force and --dry-run are also accepted after them.'),
  ];
  for (const o of GLOBAL_OPTIONS) {
    out.push('.TP', o.names.map((n) => `\\fB${esc(n)}\\fR`).join(', ') + (o.value ? ` \\fI${o.value}\\fR` : ''), `${esc(o.help.charAt(0).toUpperCase() + o.help.slice(1))}.`);
  }
  out.push(
    '.SH LEVELS AND COMMANDS',
    esc('Type a level\'s name to enter it (`up`, `end` or `cd ..` leave it), or a whole line from the top (`resource stop web`). Commands of the top level work at every level.'),
    '.SS "The top level"',
  );
  for (const c of ROOT_COMMANDS) out.push(...commandEntry(c, ''));
  for (const level of LEVELS) out.push(...levelSection(level));
  // levels reachable only from other levels (none today) would be missed above
  const listed = new Set(LEVELS.map((l) => l.name));
  for (const l of LEVELS.flatMap((x) => x.sublevels ?? [])) if (!listed.has(l)) out.push(...levelSection(levelByName(l)!));
  out.push('.SS "At every level"');
  for (const c of GLOBAL_COMMANDS) out.push(...commandEntry(c, ''));
  out.push(
    '.SH COMPLETION',
    esc('The interactive shell completes on TAB; bash, zsh and fish get the same completions from the scripts shipped in completions/, which ask the program itself (`hash __complete <words…>`):'),
    '.PP',
    ...example(['source completions/hash.bash                   # bash, in ~/.bashrc', 'cp completions/_hash ~/.zsh/completions/      # zsh: a directory of $fpath', 'cp completions/hash.fish ~/.config/fish/completions/']),
    '.PP',
    esc('Completed: levels, commands and options; resource, group, clone, template, constraint, tag and node ids of the CIB in use; resource agent classes, providers and types; parameters of the agent (required ones marked) and their defaults; meta and operation attributes; cluster options and their values; sandbox names; roles and actions after `rsc:`; scores.'),
    '.SH EXIT STATUS',
  );
  for (const [name, code] of Object.entries(ExitCode)) out.push('.TP', `\\fB${code}\\fR`, esc(EXIT_CODES[name as keyof typeof ExitCode]));
  out.push(
    '.SH ENVIRONMENT',
    '.TP',
    '\\fBCIB_file\\fR',
    esc('Work on this CIB file instead of the live cluster, as every Pacemaker tool does.'),
    '.TP',
    '\\fBCIB_shadow\\fR',
    esc('Work on this sandbox (a crm_shadow shadow CIB); checked before CIB_file, as Pacemaker does. -c NAME sets it.'),
    '.TP',
    '\\fBCIB_shadow_dir\\fR',
    esc('Where sandboxes live (default: Pacemaker\'s, /var/lib/pacemaker/cib for root).'),
    '.TP',
    '\\fBEDITOR\\fR, \\fBVISUAL\\fR',
    esc('The editor of `configure edit`.'),
    '.TP',
    '\\fBXDG_STATE_HOME\\fR, \\fBXDG_CONFIG_HOME\\fR, \\fBXDG_CACHE_HOME\\fR',
    esc('Where the files below go (default ~/.local/state, ~/.config, ~/.cache).'),
    '.TP',
    '\\fBHASH_DEBUG\\fR',
    esc('Set to 1: internal errors show their stack trace.'),
    '.SH FILES',
    '.TP',
    '\\fI$XDG_STATE_HOME/hash/history\\fR',
    esc('The interactive shell\'s history.'),
    '.TP',
    '\\fI$XDG_STATE_HOME/hash/demo\\-cib.xml\\fR',
    esc('The private copy of the demo CIB that --demo works on.'),
    '.TP',
    '\\fI$XDG_CONFIG_HOME/hash/options.json\\fR',
    esc('Preferences set at the `options` level.'),
    '.TP',
    '\\fI$XDG_CACHE_HOME/hash/\\fR',
    esc('Caches: resource agent metadata (ra-metadata.json), agent lists and cluster options for completion (completion.json). Safe to delete.'),
    '.SH NOTES',
    esc('bash, zsh and dash have a builtin command called `hash`, which runs instead of a program of that name. Typed in bash, `hash status` runs the builtin. So hash is installed under two names, ') + bins + esc(', the same program: use `hashell` in scripts, or turn the builtin off — `enable -n hash` in bash, `disable hash` in zsh (in ~/.bashrc or ~/.zshrc). The completion scripts cover both names.'),
    '.SH SEE ALSO',
    '\\fBhash\\-configure\\fR(7), \\fBcrm\\fR(8), \\fBcibadmin\\fR(8), \\fBcrm_resource\\fR(8), \\fBcrm_attribute\\fR(8), \\fBcrm_shadow\\fR(8), \\fBcrm_mon\\fR(8), \\fBcrm_simulate\\fR(8), \\fBcrm_verify\\fR(8)',
  );
  return `${out.join('\n')}\n`;
}

/** man/hash-configure.7: the configure language, statement by statement. */
export function configureManPage(): string {
  const statements = (levelByName('configure')?.commands ?? []).filter((c) => c.statement);
  const out: string[] = [
    ...header('7', 'HASH\\-CONFIGURE'),
    '.SH NAME',
    'hash\\-configure \\- the crm configure language, as hash reads it',
    '.SH DESCRIPTION',
    esc('The configure language is crmsh\'s: one statement per line, typed at the `configure` level of hash(1), given after `hash configure` on the command line, or loaded from a file (`configure load update FILE`, `hash -f FILE`). hash turns each statement into CIB XML with the ids crmsh would give it.'),
    '.SH SYNTAX',
    '.IP \\(bu 2',
    esc('A statement ends at the end of the line; a `\\` at the end of a line continues it on the next.'),
    '.IP \\(bu 2',
    esc('A line starting with `#` is a comment; comments above a statement are kept with its object, as crmsh keeps them.'),
    '.IP \\(bu 2',
    esc('Values with blanks are quoted, `"..."` or `\'...\'`: `params msg="hello world"`.'),
    '.IP \\(bu 2',
    esc('Attributes are `name=value`, grouped after `params`, `meta`, `utilization` (and `attributes` for nodes); `op <action> name=value ...` adds an operation.'),
    '.IP \\(bu 2',
    esc('Scores are integers, `inf`/`INFINITY`, `-inf`, followed by a colon: `100:`, `inf:`. Orders take `Mandatory:`, `Optional:` or `Serialize:` instead.'),
    '.IP \\(bu 2',
    esc('After a resource in a constraint, `:<role>` (Started, Promoted, Unpromoted, Stopped) or, in an order, `:<action>` (start, stop, promote, demote).'),
    '.IP \\(bu 2',
    esc('An agent is `class:provider:type` (`ocf:heartbeat:IPaddr2`), `class:type` (`lsb:ssh`, `stonith:fence_xvm`), or a type alone meaning ocf:heartbeat; `@<template>` uses a resource template.'),
    '.SH STATEMENTS',
  ];
  for (const s of statements) {
    out.push('.TP', usageRoff(usageOf(s)).replace(/^(\S+)/, '\\fB$1\\fR'));
    out.push(`${esc(s.summary.charAt(0).toUpperCase() + s.summary.slice(1))}.${s.aliases?.length ? esc(` (also: ${s.aliases.join(', ')})`) : ''}`);
    if (s.help) out.push('.IP', ...paragraphs(s.help));
    if (s.examples?.length) out.push('.IP', 'Example:', ...example(s.examples));
  }
  out.push('.SH SEE ALSO', '\\fBhash\\fR(1), \\fBcrm\\fR(8)');
  return `${out.join('\n')}\n`;
}

// ---------------------------------------------------------------- completion scripts

/** String.raw, except that `\${` and \` stand for themselves (shell code is full of both). */
function verbatim(strings: TemplateStringsArray, ...values: unknown[]): string {
  return String.raw(strings, ...values).replace(/\\([`$])/g, '$1');
}

const DIRECTIVES = verbatim`# The program completes itself: \`hash __complete <words…>\` prints candidates,
# one per line (word<TAB>description), then a directive line \`:N\`, a sum of
#   1  error: offer nothing
#   2  no space after the word (\`ip=\`, \`ocf:\`)
#   4  no file names
# \`:0\` with no candidates means "a file name goes here".`;

function bashScript(): string {
  return verbatim`# bash completion for ${BIN_NAMES.join(' and ')}, the HA shell.           -*- shell-script -*-
# Generated by \`npm run docs\` (scripts/gen-docs.ts): edit the generator, not this file.
#
# Install: source it from ~/.bashrc, or copy it to
# /usr/share/bash-completion/completions/hash and link hashell to it there.
# bash's builtin \`hash\` runs instead of the program: \`enable -n hash\` turns the
# builtin off in your shell, or use the second name, \`hashell\`.
#
${DIRECTIVES}

_hash_complete() {
    local line=\${COMP_LINE:0:COMP_POINT} word= quote= qpos=-1 c i
    local -a words=()
    # the words up to the cursor as typed (quotes kept), so that \`ocf:heartbeat:IP\`
    # and \`name=value\` stay one word whatever COMP_WORDBREAKS says
    for (( i = 0; i < \${#line}; i++ )); do
        c=\${line:i:1}
        if [[ -n $quote ]]; then
            if [[ $c == "$quote" ]]; then
                quote=
            elif [[ $quote == '"' && $c == '\' ]]; then
                word+=$c
                (( i++ ))
                c=\${line:i:1}
            fi
            word+=$c
        elif [[ $c == '"' || $c == "'" ]]; then
            quote=$c
            qpos=\${#word}
            word+=$c
        elif [[ $c == '\' ]]; then
            (( i++ ))
            word+=$c\${line:i:1}
        elif [[ $c == [[:space:]] ]]; then
            [[ -n $word ]] && words+=("$word")
            word=
            qpos=-1
        else
            word+=$c
        fi
    done
    local cur=$word prog
    # the program, not bash's builtin of the same name
    prog=$(type -P -- "\${words[0]}") || prog=$(type -P hashell) || return 0
    local out
    out=$("$prog" __complete "\${words[@]:1}" "$cur" 2>/dev/null) || return 0
    local -a lines
    mapfile -t lines <<< "$out"
    local last=\${lines[\${#lines[@]}-1]}
    [[ $last == :* ]] || return 0
    local directive=\${last#:}
    unset 'lines[\${#lines[@]}-1]'
    (( directive & 1 )) && return 0

    # readline replaces only the end of the word: after an open quote, or after
    # the last COMP_WORDBREAKS character (\`:\` and \`=\` are among them)
    local strip=
    if [[ -n $quote ]]; then
        strip=\${cur:0:qpos+1}
    else
        for (( i = \${#cur} - 1; i >= 0; i-- )); do
            if [[ $COMP_WORDBREAKS == *"\${cur:i:1}"* ]]; then
                strip=\${cur:0:i+1}
                break
            fi
        done
    fi
    COMPREPLY=()
    local l w
    for l in "\${lines[@]}"; do
        w=\${l%%$'\t'*}
        [[ $w == "$strip"* ]] && COMPREPLY+=("\${w#"$strip"}")
    done
    (( directive & 2 )) && compopt -o nospace
    if (( \${#COMPREPLY[@]} == 0 && (directive & 4) == 0 )); then
        compopt -o default
    fi
    return 0
}

complete -F _hash_complete ${BIN_NAMES.join(' ')}
`;
}

function zshScript(): string {
  return verbatim`#compdef ${BIN_NAMES.join(' ')}
# zsh completion for ${BIN_NAMES.join(' and ')}, the HA shell.
# Generated by \`npm run docs\` (scripts/gen-docs.ts): edit the generator, not this file.
#
# Install: put this file in a directory of $fpath (e.g. /usr/share/zsh/vendor-completions)
# and run compinit. zsh's builtin \`hash\` runs instead of the program: \`disable hash\`
# turns the builtin off, or use the second name, \`hashell\`.
#
${DIRECTIVES}
# With --unquoted the word at the cursor goes unquoted and candidates come back
# as plain words: zsh quotes what it inserts.

_hash() {
    local prog=\${commands[\${words[1]}]:-\${commands[hashell]}}
    [[ -n $prog ]] || return 1
    local out
    # the words before the cursor as typed, and the word at the cursor up to it (unquoted)
    out=$("$prog" __complete --unquoted "\${(@)words[2,CURRENT-1]}" "$PREFIX" 2>/dev/null) || return 1
    local -a lines candidates
    lines=("\${(@f)out}")
    local last=\${lines[-1]}
    [[ $last == :* ]] || return 1
    local -i directive=\${last#:}
    lines=("\${(@)lines[1,-2]}")
    (( directive & 1 )) && return 1
    if (( \${#lines} == 0 )); then
        (( directive & 4 )) && return 1
        _files
        return
    fi
    local l w d
    for l in "\${lines[@]}"; do
        w=\${l%%$'\t'*}
        d=
        [[ $l == *$'\t'* ]] && d=\${l#*$'\t'}
        candidates+=("\${w//:/\\:}\${d:+:$d}")
    done
    if (( directive & 2 )); then
        _describe -t hash 'hash' candidates -S ''
    else
        _describe -t hash 'hash' candidates
    fi
}

if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
    _hash "$@"
else
    compdef _hash ${BIN_NAMES.join(' ')}
fi
`;
}

function fishScript(): string {
  return verbatim`# fish completion for ${BIN_NAMES.join(' and ')}, the HA shell.
# Generated by \`npm run docs\` (scripts/gen-docs.ts): edit the generator, not this file.
#
# Install: copy it to ~/.config/fish/completions/hash.fish (and as hashell.fish),
# or to /usr/share/fish/vendor_completions.d/.
#
${DIRECTIVES}
# With --unquoted the word at the cursor goes unquoted and candidates come back
# as plain words: fish quotes what it inserts.

# Sets $__hash_candidates (in hash's order: -k keeps it); false when fish should
# complete file names instead.
function __hash_prepare
    set -g __hash_candidates
    set -l tokens (commandline -opc)
    set -l prog (command -s $tokens[1]; or command -s hashell)
    test -n "$prog[1]"; or return 0
    set -l current (commandline -ct | string unescape)
    set -l out ($prog[1] __complete --unquoted $tokens[2..-1] "$current" 2>/dev/null)
    or return 0
    string match -qr '^:[0-9]+$' -- "$out[-1]"; or return 0
    set -l directive (string sub -s 2 -- $out[-1])
    test (math "bitand($directive, 1)") -eq 0; or return 0
    set -e out[-1]
    set -g __hash_candidates $out
    if test (count $out) -eq 0; and test (math "bitand($directive, 4)") -eq 0
        return 1
    end
    return 0
end

for prog in ${BIN_NAMES.join(' ')}
    complete -c $prog -e
    complete -c $prog -n __hash_prepare -f -k -a '$__hash_candidates'
end
`;
}

/** Every generated file: path relative to the repository → content. */
export function generatedFiles(): Record<string, string> {
  return {
    'man/hash.1': manPage(),
    'man/hash-configure.7': configureManPage(),
    'completions/hash.bash': bashScript(),
    'completions/_hash': zshScript(),
    'completions/hash.fish': fishScript(),
  };
}

/** Files whose committed content differs from what the registry generates. */
export function staleFiles(root = ROOT): string[] {
  return Object.entries(generatedFiles())
    .filter(([path, text]) => {
      try {
        return readFileSync(join(root, path), 'utf8') !== text;
      } catch {
        return true;
      }
    })
    .map(([path]) => path);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--check')) {
    const stale = staleFiles();
    if (stale.length) {
      process.stderr.write(`stale (run npm run docs): ${stale.join(', ')}\n`);
      process.exit(1);
    }
  } else {
    for (const [path, text] of Object.entries(generatedFiles())) {
      mkdirSync(dirname(join(ROOT, path)), { recursive: true });
      writeFileSync(join(ROOT, path), text);
      process.stdout.write(`wrote ${path}\n`);
    }
  }
}
