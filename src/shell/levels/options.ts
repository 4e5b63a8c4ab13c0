/**
 * The `options` level: user preferences, with crmsh's words (show, set,
 * reset, save, and a command per preference: `editor vim`). They are saved
 * as they are set (src/shell/options-store.ts), so `save` only says where.
 */
import { UsageError } from '../errors.js';
import { OPTION_DEFS, describeOptions, optionByName, optionsPath, resetOptions, setOption, type OptionDef } from '../options-store.js';
import type { CommandDef, Invocation, LevelDef } from '../tree.js';
import type { Word } from '../words.js';

const NAMES = OPTION_DEFS.map((d) => d.name);

function showLines(inv: Invocation, only?: OptionDef): string {
  return describeOptions(inv.ctx.env)
    .filter((o) => !only || o.def.name === only.name)
    .map((o) => `${o.def.name} = ${o.value}${o.from === 'set' ? '' : ` (${o.from === 'default' ? 'default' : `from ${o.from}`})`}\n`)
    .join('');
}

function set(inv: Invocation, name: string, valueWords: readonly Word[]): void {
  const def = optionByName(name);
  // a program with arguments may be given unquoted (`set editor emacs -nw`); a fixed value is one word
  if (def.values && valueWords.length > 1) throw new UsageError(`${def.name} takes one value`, `values: ${def.values.join(', ')}`);
  const r = setOption(inv.ctx.env, name, valueWords.map((w) => w.text).join(' '));
  inv.ctx.io.err(`${r.def.name} = ${r.value} (saved in ${r.path})\n`);
}

/** `editor vim`, `output plain`, …: crmsh's one command per preference; alone, it shows the value. */
function preferenceCommand(def: OptionDef): CommandDef {
  const value = def.values ? def.values.join('|') : '<program>';
  return {
    name: def.name,
    summary: `show or set the ${def.name} preference`,
    usage: `${def.name} [${value}]`,
    help: `${def.summary}. Without a value, shows it. The same as \`set ${def.name} <value>\`.`,
    args: [{ name: 'value', kind: def.values ?? 'text', optional: true }],
    examples: [`${def.name} ${def.values ? def.values[def.values.length - 1] : def.name === 'editor' ? 'vim' : 'less -R'}`],
    touches: 'none',
    run: async (args, inv) => {
      if (args.length === 0) inv.ctx.io.out(showLines(inv, def));
      else set(inv, def.name, args);
    },
  };
}

export const OPTIONS_LEVEL: LevelDef = {
  name: 'options',
  summary: 'user preferences: editor, pager, output colours, sorting',
  help: `Preferences are saved as they are set, in $XDG_CONFIG_HOME/hash/options.json (else ~/.config/hash/options.json). Options: ${NAMES.join(', ')}. crmsh's qualified names (core.editor, color.style) are accepted.`,
  commands: [
    {
      name: 'show',
      aliases: ['list'],
      summary: 'show the preferences (with where each value comes from)',
      usage: 'show [all|<option>]',
      args: [{ name: 'option', kind: ['all', ...NAMES], optional: true }],
      examples: ['show', 'show editor'],
      touches: 'none',
      run: async (args, inv) => {
        if (args.length > 1) throw new UsageError('show takes one option name', 'usage: show [all|<option>]');
        const w = args[0];
        inv.ctx.io.out(showLines(inv, w && w.text !== 'all' ? optionByName(w.text) : undefined));
      },
    },
    {
      name: 'set',
      summary: 'set a preference (saved at once)',
      usage: 'set <option> <value>',
      help: `Options: ${OPTION_DEFS.map((d) => `${d.name} (${d.values ? d.values.join('|') : 'a program'})`).join(', ')}.`,
      args: [
        { name: 'option', kind: NAMES },
        { name: 'value', kind: 'text', repeat: true },
      ],
      examples: ['set editor vim', 'set output plain', 'set sort-elements no', 'set core.editor "emacs -nw"'],
      touches: 'none',
      run: async (args, inv) => {
        const [name, ...value] = args;
        if (!name || value.length === 0) throw new UsageError(name ? `set ${name.text}: which value?` : 'set: which option, and which value?', `usage: set <option> <value>; options: ${NAMES.join(', ')}`);
        set(inv, name.text, value);
      },
    },
    {
      name: 'reset',
      summary: 'back to the defaults (all preferences, or one)',
      usage: 'reset [<option>]',
      args: [{ name: 'option', kind: NAMES, optional: true }],
      examples: ['reset', 'reset editor'],
      touches: 'none',
      run: async (args, inv) => {
        if (args.length > 1) throw new UsageError('reset takes at most one option name', 'usage: reset [<option>]');
        const r = resetOptions(inv.ctx.env, args[0]?.text);
        inv.ctx.io.err(`${args[0] ? `${r.names[0]} is` : 'all preferences are'} back to the default (${r.path})\n`);
      },
    },
    {
      name: 'save',
      summary: 'nothing to do: preferences are saved as they are set',
      usage: 'save',
      touches: 'none',
      run: async (_args, inv) => {
        inv.ctx.io.err(`preferences are saved as they are set, in ${optionsPath(inv.ctx.env)}\n`);
      },
    },
    ...OPTION_DEFS.map(preferenceCommand),
  ],
};
