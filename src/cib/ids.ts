/**
 * Id generation exactly as crmsh 4.4 does it, so that scripts written against
 * crmsh's ids keep working.
 *
 * An element's id is built from a prefix (the id of the nearest ancestor that
 * has one): `<prefix>-<name>` for an nvpair, `<prefix>-<name>-<interval>` for
 * an op, `<prefix>-instance_attributes`, `<prefix>-rule`, ... for the tags in
 * `SUBPREFIX`, and the bare prefix otherwise. A taken id gets `-0`, `-1`, ...
 * (up to `-98`, as crmsh). A prefix made only of digits becomes `num-<digits>`
 * because XML ids cannot start with a digit.
 *
 * @example
 *   const ids = new IdStore(['p1-monitor-10s']);
 *   ids.generate('op', 'p1', { name: 'monitor', interval: '10s' }); // 'p1-monitor-10s-0'
 */
import type { XmlElement } from './xml.js';

/** The id part crmsh appends for these tags. */
export const SUBPREFIX: Readonly<Record<string, string>> = {
  instance_attributes: 'instance_attributes',
  meta_attributes: 'meta_attributes',
  utilization: 'utilization',
  operations: 'ops',
  rule: 'rule',
  expression: 'expression',
  date_expression: 'expression',
  duration: 'duration',
  date_spec: 'date_spec',
  read: 'read',
  write: 'write',
  deny: 'deny',
};

/** The set of ids in use in a CIB (or being built), with crmsh's rule for new ones. */
export class IdStore {
  private readonly used: Set<string>;
  /**
   * Ids given to `add` that were in use already (or empty): the only ways a
   * duplicate id can come in, since `generate` never makes a used one. While
   * this is empty, nothing added can clash, and a caller may skip looking.
   */
  readonly clashes = new Set<string>();

  constructor(ids: Iterable<string> = []) {
    this.used = new Set(ids);
  }

  /** Every id in `el` and below. */
  static of(el: XmlElement): IdStore {
    const s = new IdStore();
    s.addTree(el);
    return s;
  }

  has(id: string): boolean {
    return this.used.has(id);
  }

  add(id: string | undefined): void {
    if (id === undefined) return;
    if (id === '' || this.used.has(id)) this.clashes.add(id);
    if (id) this.used.add(id);
  }

  remove(id: string | undefined): void {
    if (id) this.used.delete(id);
  }

  /** Every id in `el` and below (not counted as clashes: they are what is there). */
  addTree(el: XmlElement): void {
    if (el.attrs.id) this.used.add(el.attrs.id);
    for (const c of el.children) this.addTree(c);
  }

  removeTree(el: XmlElement): void {
    this.remove(el.attrs.id);
    for (const c of el.children) this.removeTree(c);
  }

  clone(): IdStore {
    return new IdStore(this.used);
  }

  /** The id crmsh would give a new element `tag` (with these attributes) under `prefix`; it is recorded as used. */
  generate(tag: string, prefix: string, attrs: Readonly<Record<string, string>> = {}): string {
    const pfx = tag !== 'node' && allDigits(prefix) ? `num-${prefix}` : prefix;
    let id: string;
    if (tag === 'nvpair') id = `${pfx}-${attrs.name}`;
    else if (tag === 'op') id = attrs.interval ? `${pfx}-${attrs.name}-${attrs.interval}` : `${pfx}-${attrs.name}`;
    else {
      const sub = SUBPREFIX[tag];
      id = sub ? `${pfx}-${sub}` : pfx;
    }
    if (this.used.has(id)) {
      for (let n = 0; n < 99; n++) {
        const candidate = `${id}-${n}`;
        if (!this.used.has(candidate)) {
          id = candidate;
          break;
        }
      }
    }
    this.used.add(id);
    return id;
  }
}

/** A prefix made only of digits (crmsh then writes `num-<digits>`, an id cannot start with one). */
export function allDigits(s: string): boolean {
  if (s === '') return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}
