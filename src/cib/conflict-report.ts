/**
 * The conflict report of a refused commit: for each object that both this
 * commit and another writer changed, its base version (the CIB the change
 * started from), ours (this commit) and theirs (the CIB now), in the crm
 * configure language, so the user sees what to redo without reading XML.
 *
 * Three columns side by side when the width allows every line to fit (no
 * line is ever cut: a conflict report that hides part of a change is worse
 * than none); else three labelled blocks, one after the other. Plain text.
 *
 * @example
 *   formatConflict(base, ours, theirs, ['web'], { width: 160 });
 *   // Changed on both sides (> a line base does not have, < a line of base that ours or theirs does not have):
 *   //
 *   // web: ours modified, theirs modified
 *   // base (0.12.3)                | ours (this commit)           | theirs (the CIB now, 0.13.0)
 *   // ---------------------------- | ---------------------------- | ----------------------------
 *   //   primitive web apache \     |   primitive web apache \     |   primitive web apache \
 *   // <     params port=80         | >     params port=8080       | >     params port=81
 */
import { cibVersion, formatVersion } from './diff.js';
import { showConfiguration } from './show.js';
import { descendants, serializeXml, xmlEqual, type XmlElement } from './xml.js';

export interface ConflictReportOptions {
  /** the terminal's width in columns; without it (not a terminal) the blocks are stacked */
  width?: number;
}

/**
 * What conflictReport needs of a commit conflict. CommitConflict
 * (src/pacemaker/commit.ts) has this shape; it is spelled out here so the
 * model does not depend on the layer that talks to Pacemaker.
 */
export interface ConflictLike {
  readonly reason: string;
  readonly objects: readonly string[];
  readonly message: string;
  /** the CIB read when the conflict was found */
  readonly theirs?: XmlElement;
}

/** Between two columns. */
const GAP = ' | ';
/** Columns are at least this wide (the labels), and as wide as their longest line. */
const MIN_COLUMN = 24;
/** Tabs (crmsh's continuation indent) in columns, where every character must count one. */
const TAB = '    ';

/**
 * The message of a commit conflict, followed (when both sides changed the
 * same objects) by those objects side by side: base, ours, theirs. This is
 * what the shell prints when a commit is refused.
 *
 * @example
 *   if (r.status === 'conflict') io.err(conflictReport(r.conflict, base, working, process.stderr.columns));
 */
export function conflictReport(conflict: ConflictLike, base: XmlElement, ours: XmlElement, width?: number): string {
  if (conflict.reason !== 'overlap' || !conflict.theirs || conflict.objects.length === 0) return conflict.message;
  return `${conflict.message}\n\n${formatConflict(base, ours, conflict.theirs, [...conflict.objects], width === undefined ? {} : { width })}`;
}

/** One side of one object: its text (or why there is none), each line with its mark (NEW, GONE or none). */
interface Side {
  label: string;
  lines: string[];
  marks: string[];
}

/** Marks a line of ours or theirs that base does not have. */
const NEW = '> ';
/** Marks a line of base that ours or theirs does not have. */
const GONE = '< ';
const NONE = '  ';

/**
 * The objects `objectIds` (as touchedObjects names them) in the three CIBs,
 * side by side or stacked. An object missing on one side shows as
 * `(deleted)` where base had it, `(not there)` where base did not.
 *
 * @example
 *   formatConflict(base, ours, theirs, ['p1', 'cib-bootstrap-options']);
 */
export function formatConflict(
  base: XmlElement,
  ours: XmlElement,
  theirs: XmlElement,
  objectIds: string[],
  opts: ConflictReportOptions = {},
): string {
  const blocks: string[] = [];
  for (const id of objectIds) {
    const found = [findObject(base, id), findObject(ours, id), findObject(theirs, id)] as const;
    // show is lossless (what it cannot say in the language it prints as `xml ...`), so text differs where XML does
    const texts = found.map((el, i) => (el ? objectText([base, ours, theirs][i]!, id, el) : undefined));
    const missing = found[0] ? '(deleted)' : '(not there)';
    const [baseText, oursText, theirsText] = texts;
    const baseLines = lines(baseText ?? '(not there)');
    // lines are compared as a set: enough to point at what changed in an object of a few lines
    const has = (text: string | undefined, l: string): boolean => text === undefined || lines(text).includes(l);
    const side = (label: string, text: string | undefined): Side => {
      const ls = lines(text ?? missing);
      return { label, lines: ls, marks: ls.map((l) => (text !== undefined && baseText !== undefined && !baseLines.includes(l) ? NEW : NONE)) };
    };
    const sides: Side[] = [
      {
        label: `base (${formatVersion(cibVersion(base))})`,
        lines: baseLines,
        marks: baseLines.map((l) => (baseText !== undefined && !(has(oursText, l) && has(theirsText, l)) ? GONE : NONE)),
      },
      side('ours (this commit)', oursText),
      side(`theirs (the CIB now, ${formatVersion(cibVersion(theirs))})`, theirsText),
    ];
    const title = `${id}: ours ${what(found[0], found[1])}, theirs ${what(found[0], found[2])}`;
    blocks.push(`${title}\n${columns(sides, opts.width) ?? stacked(sides)}`);
  }
  return `Changed on both sides (${NEW.trim()} a line base does not have, ${GONE.trim()} a line of base that ours or theirs does not have):\n\n${blocks.join('\n\n')}\n`;
}

/** What one side did to the object, seen from base. */
function what(base: XmlElement | undefined, side: XmlElement | undefined): string {
  if (!base) return side ? 'added' : 'not there';
  if (!side) return 'deleted';
  return xmlEqual(base, side) ? 'unchanged' : 'modified';
}

function lines(text: string): string[] {
  return text.replace(/\n+$/, '').split('\n');
}

function columns(sides: Side[], width: number | undefined): string | undefined {
  if (width === undefined) return undefined;
  const cells = sides.map((s) => [s.label, ...s.lines.map((l, i) => `${s.marks[i]}${expand(l)}`)]);
  const col = Math.max(MIN_COLUMN, ...cells.flat().map((l) => l.length));
  if (3 * col + 2 * GAP.length > width) return undefined;
  for (const c of cells) c.splice(1, 0, '-'.repeat(col));
  const rows = Math.max(...cells.map((c) => c.length));
  const out: string[] = [];
  for (let r = 0; r < rows; r++) out.push(cells.map((c) => (c[r] ?? '').padEnd(col)).join(GAP).trimEnd());
  return out.join('\n');
}

function stacked(sides: Side[]): string {
  return sides.map((s) => `  ${s.label}:\n${s.lines.map((l, i) => `  ${s.marks[i]}${l}`).join('\n')}`).join('\n');
}

const expand = (l: string): string => l.replace(/\t/g, TAB);

/** Containers whose members are part of the object (touchedObjects names the top-level container). */
const CONTAINERS = new Set(['group', 'clone', 'master', 'bundle']);
const RESOURCES = new Set(['primitive', 'group', 'clone', 'master', 'bundle']);

/**
 * The configure text of an object, a container with its members (a change
 * inside a group is a change of the group), a section with its objects; XML
 * where show has nothing for it (the root's attributes, an id-less element).
 */
function objectText(cib: XmlElement, id: string, el: XmlElement): string {
  const ids: string[] = [];
  if (SECTIONS.has(el.name) && el.attrs.id === undefined) {
    for (const c of el.children) if (c.attrs.id) ids.push(c.attrs.id);
  } else if (el.attrs.id === id) {
    ids.push(id);
    if (CONTAINERS.has(el.name)) for (const d of descendants(el)) if (d !== el && RESOURCES.has(d.name) && d.attrs.id) ids.push(d.attrs.id);
  }
  const text = ids.length > 0 ? showConfiguration(cib, { ids }) : '';
  return (text || serializeXml(el, { indent: '  ' })).trimEnd();
}

/** The sections of <configuration> (touchedObjects names one when it was created or deleted whole). */
const SECTIONS = new Set(['crm_config', 'nodes', 'resources', 'constraints', 'rsc_defaults', 'op_defaults', 'tags', 'acls', 'alerts', 'fencing-topology']);

/**
 * The element touchedObjects means by `key`: an object id in the
 * configuration, a section name (`rsc_defaults`), `section/element` for an
 * id-less object, `cib` or `configuration` (their own attributes only).
 */
function findObject(cib: XmlElement, key: string): XmlElement | undefined {
  if (key === 'cib') return { ...cib, children: [] };
  const conf = cib.children.find((c) => c.name === 'configuration');
  if (!conf) return undefined;
  if (key === 'configuration') return { ...conf, children: [] };
  for (const e of descendants(conf)) if (e.attrs.id === key) return e;
  const [section, name] = key.split('/');
  const sect = conf.children.find((c) => c.name === section);
  if (!sect || name === undefined) return sect;
  return sect.children.find((c) => c.name === name && c.attrs.id === undefined);
}
