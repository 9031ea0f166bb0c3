// `salesos completion bash|zsh|fish`: shell completion for commands, subcommands and options, derived from
// each command's usage line so it cannot fall behind the commands themselves.
import { ValidationError } from '../../core/errors.ts';
import type { Command } from './command.ts';

const SHELLS = ['bash', 'zsh', 'fish'] as const;
type Shell = (typeof SHELLS)[number];

export interface CommandWords {
  name: string;
  summary: string;
  subcommands: string[];
  options: string[];
}

/** Subcommands are the bare words right after the name in each `|` alternative; options every `--flag`. */
export function commandWords(c: Pick<Command, 'name' | 'usage' | 'summary'>): CommandWords {
  const subcommands = new Set<string>();
  for (const alt of c.usage.split(/\s\|\s/)) {
    const m = new RegExp(`^${c.name}\\s+\\[?([a-z][a-z|-]*)\\]?(?:\\s|$)`).exec(alt.trim());
    for (const word of m?.[1]?.split('|') ?? []) if (word) subcommands.add(word);
  }
  const options = new Set<string>(c.usage.match(/--[a-z][a-z-]*/g) ?? []);
  options.add('--help');
  return { name: c.name, summary: c.summary, subcommands: [...subcommands], options: [...options] };
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export function completionScript(shell: Shell, commands: CommandWords[]): string {
  const names = commands.map((c) => c.name).join(' ');
  if (shell === 'bash') {
    const cases = commands.map((c) => `    ${c.name}) words=${quote([...c.subcommands, ...c.options].join(' '))} ;;`).join('\n');
    return `# salesos completion for bash: eval "$(salesos completion bash)" in ~/.bashrc
_salesos() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" words=""
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=( $(compgen -W ${quote(`${names} help`)} -- "$cur") )
    return
  fi
  case "\${COMP_WORDS[1]}" in
${cases}
  esac
  COMPREPLY=( $(compgen -W "$words" -- "$cur") )
}
complete -o default -F _salesos salesos
`;
  }
  if (shell === 'zsh') {
    const described = commands.map((c) => `    ${quote(`${c.name}:${c.summary.replace(/:/g, '\\:')}`)}`).join('\n');
    const cases = commands.map((c) => `    ${c.name}) compadd -- ${[...c.subcommands, ...c.options].map(quote).join(' ')} ;;`).join('\n');
    return `#compdef salesos
# salesos completion for zsh: eval "$(salesos completion zsh)" in ~/.zshrc (after compinit)
_salesos() {
  local -a commands
  commands=(
${described}
  )
  if (( CURRENT == 2 )); then
    _describe 'command' commands
    return
  fi
  case $words[2] in
${cases}
  esac
  _files
}
compdef _salesos salesos
`;
  }
  const lines = [`# salesos completion for fish: salesos completion fish > ~/.config/fish/completions/salesos.fish`, 'complete -c salesos -f'];
  for (const c of commands) {
    lines.push(`complete -c salesos -n __fish_use_subcommand -a ${c.name} -d ${quote(c.summary)}`);
    for (const s of c.subcommands) lines.push(`complete -c salesos -n ${quote(`__fish_seen_subcommand_from ${c.name}`)} -a ${s}`);
    for (const o of c.options) lines.push(`complete -c salesos -n ${quote(`__fish_seen_subcommand_from ${c.name}`)} -l ${o.slice(2)}`);
  }
  return lines.join('\n') + '\n';
}

export const completionCommand: Command = {
  name: 'completion',
  usage: 'completion bash|zsh|fish',
  summary: 'Print shell completion for salesos (e.g. eval "$(salesos completion bash)" in ~/.bashrc).',
  async run(argv) {
    const [shell, ...extra] = argv;
    if (!SHELLS.includes(shell as Shell) || extra.length)
      throw new ValidationError(`Name one shell: salesos completion ${SHELLS.join('|')}${shell ? ` (got "${argv.join(' ')}")` : ''}.`);
    // Imported here: the command list includes this command.
    const { COMMANDS } = await import('./index.ts');
    process.stdout.write(completionScript(shell as Shell, COMMANDS.map(commandWords)));
    return 0;
  },
};
