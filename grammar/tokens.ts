/**
 * Tokens of the crm configure language, and its lexer.
 *
 * The lexer (`tokenize`, hand-written, one pass) is word-shaped like the
 * shell-style splitting crmsh does: blanks and `\` continuations are skipped,
 * a newline ends a statement, `#` starts a comment only at the start of a line,
 * brackets are tokens at the start or end of a word (`(b c)` is `( b c )`), and
 * everything else is a word. A word is classified by its shape: `name=value`
 * (NvPair), `word:` before a blank (Score: scores, `kind:`, `ticket:`, set
 * names, fencing targets, `node <id>:`), or a plain Word. Quoted parts are
 * allowed anywhere inside a word, and are unquoted later (words.ts).
 *
 * Keywords are context-sensitive in crm: `op`, `params`, `meta`, `rule`,
 * `role`, `date`, `in`... are keywords in some places and ids or values in
 * others. Every keyword token therefore has `categories: [Word]` (it matches
 * wherever a name is expected); only a whole word is a keyword (`ops` is a
 * Word, not `op` + `s`; this is what `longer_alt` does in a chevrotain lexer).
 * Loops that collect names stop at keywords with gates on the categories
 * (`Keyword`, `SetKeyword`, ...; see parser.ts).
 *
 * @example
 *   const { tokens } = tokenize('primitive p Dummy op monitor interval=10s');
 *   tokens.map((t) => t.tokenType.name);
 *   // ['PrimitiveKw', 'PlainWord', 'PlainWord', 'OpKw', 'MonitorKw', 'NvPair']
 */
import type { ILexingError, IToken, TokenType } from 'chevrotain';

/** Every token type, for the parser. */
export const allTokens: TokenType[] = [];
/** Token types by name, for tests and tooling. */
export const tokenDictionary: Record<string, TokenType> = {};

/**
 * A token type is a plain object in chevrotain's shape, not one made by its
 * createToken: this module (and the lexer, plain.ts and completion with it)
 * must not load chevrotain, whose parser most inputs never need. The parser
 * (parser.ts) completes these objects when it is built (chevrotain gives them
 * their index and category tables then); `matches` below reads only CATEGORIES.
 */
function token(config: { name: string; label: string; categories?: TokenType[] }): TokenType {
  const t: TokenType = { name: config.name, LABEL: config.label, CATEGORIES: config.categories ?? [] };
  tokenDictionary[config.name] = t;
  return t;
}

/** The token is of `type`, or of a type in category `type` (what chevrotain's tokenMatcher says). */
export function matches(t: IToken, type: TokenType): boolean {
  return t.tokenType === type || (t.tokenType.CATEGORIES?.includes(type) ?? false);
}

/**
 * A token as chevrotain's parser reads it. Its type's index is read when
 * asked, because the lexer may run before the parser exists to assign it.
 */
class Token implements IToken {
  constructor(
    readonly tokenType: TokenType,
    readonly image: string,
    readonly startOffset: number,
    readonly endOffset: number,
    readonly startLine: number,
    readonly endLine: number,
    readonly startColumn: number,
    readonly endColumn: number,
  ) {}

  get tokenTypeIdx(): number {
    return this.tokenType.tokenTypeIdx!;
  }
}

/** Unicode spaces that pasted text carries; treated as whitespace with a warning. */
export const UNICODE_SPACE_CHARS = '\\u00A0\\u1680\\u2000-\\u200A\\u202F\\u205F\\u3000\\uFEFF';
const UNICODE_SPACE_RE = new RegExp(`[${UNICODE_SPACE_CHARS}]`);
export function isUnicodeSpace(ch: string): boolean {
  return UNICODE_SPACE_RE.test(ch);
}

// ---- categories (no pattern) -------------------------------------------------

/** Any name-shaped word; keywords belong to it too. */
export const Word = token({ name: 'Word', label: 'a word' });
/** Every keyword (statement and sub-keywords). */
export const Keyword = token({ name: 'Keyword', label: 'a keyword' });
/** Keywords that start a statement. */
export const StatementKeyword = token({ name: 'StatementKeyword', label: 'a statement keyword' });
/** Keywords that open an attribute set: params, meta, utilization, attributes. */
export const SetKeyword = token({ name: 'SetKeyword', label: 'params, meta, utilization or attributes' });
/** Keywords naming a bundle container: docker, podman, rkt. */
export const ContainerKeyword = token({ name: 'ContainerKeyword', label: 'docker, podman or rkt' });
/** ACL rights: read, write, deny. */
export const AclRight = token({ name: 'AclRight', label: 'read, write or deny' });
/** Rule booleans: and, or. */
export const BoolOp = token({ name: 'BoolOp', label: "'and' or 'or'" });
/** Unary rule operators: defined, not_defined. */
export const UnaryOp = token({ name: 'UnaryOp', label: "'defined' or 'not_defined'" });

// ---- trivia and punctuation ----------------------------------------------------
// No chevrotain Lexer: `tokenize` below is a hand-written scanner (one pass, no
// regex per token), several times faster to start and to run on big files. The
// token types only name and label what it produces.

/** Unicode spaces (no-break space, BOM, ...): whitespace, kept in the `unicode` group so the caller can warn. */
export const UnicodeSpace = token({ name: 'UnicodeSpace', label: 'a Unicode space' });
/** `\` at the end of a line (blanks allowed after it) or of the input joins lines; group `continuations`. */
export const Continuation = token({ name: 'Continuation', label: 'a line continuation' });
/** Ends a statement. */
export const Newline = token({ name: 'Newline', label: 'end of line' });
/**
 * `#` is a comment only when it starts a line (after blanks), and that line is
 * not the continuation of the previous one: `rule #uname eq n1` keeps `#uname`.
 * Group `comments`.
 */
export const Comment = token({ name: 'Comment', label: 'a comment' });

// Like crmsh, `(b c)` is `( b c )`: an opening bracket at the start of a word and a
// closing one at its end are tokens of their own; inside a word (`/a(b|c)d/`) they are text.
export const LParen = token({ name: 'LParen', label: "'('" });
export const RParen = token({ name: 'RParen', label: "')'" });
export const LBracket = token({ name: 'LBracket', label: "'['" });
export const RBracket = token({ name: 'RBracket', label: "']'" });
export const LCurly = token({ name: 'LCurly', label: "'{'" });
export const RCurly = token({ name: 'RCurly', label: "'}'" });

// ---- word-shaped tokens ---------------------------------------------------------

/**
 * Scans one word at `offset`: up to the next blank, with `"..."` (backslash
 * escapes) and `'...'` parts that may contain blanks, and `\x` escapes. A `\`
 * before a line end is a continuation, not part of the word. Closing brackets
 * at the end of the word that have no opener inside it are left out: `c)` is
 * `c` + `)`, but `node[0-9]` and `/a(b)/` stay whole. Returns the end offset,
 * or -1 for an unterminated quote (a lexing error) or no word.
 */
function scanWord(text: string, offset: number): number {
  const n = text.length;
  let i = offset;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11 || (c > 127 && isUnicodeSpace(text[i]!))) break;
    if (c === 34 /* " */) {
      // a quote ends on its line; only a `\` continuation carries it to the next
      i++;
      while (i < n && text.charCodeAt(i) !== 34) {
        const d = text.charCodeAt(i);
        if (d === 10 || d === 13) return -1;
        if (d === 92) i += text[i + 1] === '\r' && text[i + 2] === '\n' ? 3 : 2;
        else i++;
      }
      if (i >= n) return -1;
      i++;
    } else if (c === 39 /* ' */) {
      const close = text.indexOf("'", i + 1);
      const nl = text.slice(i + 1, close < 0 ? n : close).search(/[\r\n]/);
      if (close < 0 || nl >= 0) return -1;
      i = close + 1;
    } else if (c === 92 /* \ */) {
      const next = text[i + 1];
      if (next === undefined || /\s/.test(next) || isUnicodeSpace(next)) break;
      i += 2;
    } else i++;
  }
  // unbalanced closing brackets at the end belong to the surrounding syntax
  while (i > offset) {
    const last = text[i - 1]!;
    const open = last === ')' ? '(' : last === ']' ? '[' : last === '}' ? '{' : undefined;
    if (!open) break;
    const word = text.slice(offset, i);
    if (count(word, open) >= count(word, last)) break;
    i--;
  }
  return i > offset ? i : -1;
}

function count(s: string, ch: string): number {
  let k = 0;
  for (let i = s.indexOf(ch); i >= 0; i = s.indexOf(ch, i + 1)) k++;
  return k;
}

/** Index of the first `=` outside quotes and escapes in text[from, to), or -1. */
function unquotedEquals(text: string, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */ || c === 39 /* ' */) return -1; // a quoted name is not a name=value
    if (c === 92 /* \ */) i++;
    else if (c === 61 /* = */) return i;
  }
  return -1;
}

/** `name=value`, `$id=x`, `$id-ref=x`, `description="..."`; the value may be empty or quoted. */
export const NvPair = token({ name: 'NvPair', label: 'name=value' });
/** A word ending in `:` before a blank: `100:`, `inf:`, `Mandatory:`, `ticketA:`, `node1:`, `bootstrap:`. */
export const Score = token({ name: 'Score', label: "a score such as '100:' or 'inf:'" });
/** Any other word; keywords are re-typed from it by `tokenize`. */
export const PlainWord = token({ name: 'PlainWord', label: 'a word', categories: [Word] });

// ---- keywords -------------------------------------------------------------------

/** Keyword token types by their exact image. */
const keywordByImage = new Map<string, TokenType>();

/**
 * A keyword is a word with a known image. Rather than one regex per keyword
 * (with `longer_alt: PlainWord`), which makes the lexer try ~60 patterns at
 * every word, the lexer reads a PlainWord and `tokenize` re-types it by a map
 * lookup: same tokens, several times faster on big files.
 */
function keyword(image: string, categories: TokenType[] = []): TokenType {
  const name = image.replace(/(^|[-_])(\w)/g, (_m, _s, c: string) => c.toUpperCase()) + 'Kw';
  const t = token({ name, label: `'${image}'`, categories: [Word, Keyword, ...categories] });
  keywordByImage.set(image, t);
  return t;
}

// statements
export const NodeKw = keyword('node', [StatementKeyword]);
export const PrimitiveKw = keyword('primitive', [StatementKeyword]);
export const MonitorKw = keyword('monitor', [StatementKeyword]);
export const RscTemplateKw = keyword('rsc_template', [StatementKeyword]);
export const GroupKw = keyword('group', [StatementKeyword]);
export const CloneKw = keyword('clone', [StatementKeyword]);
export const MsKw = keyword('ms', [StatementKeyword]);
export const MasterKw = keyword('master', [StatementKeyword]);
export const BundleKw = keyword('bundle', [StatementKeyword]);
export const LocationKw = keyword('location', [StatementKeyword]);
export const ColocationKw = keyword('colocation', [StatementKeyword]);
export const CollocationKw = keyword('collocation', [StatementKeyword]);
export const OrderKw = keyword('order', [StatementKeyword]);
export const RscTicketKw = keyword('rsc_ticket', [StatementKeyword]);
export const PropertyKw = keyword('property', [StatementKeyword]);
export const RscDefaultsKw = keyword('rsc_defaults', [StatementKeyword]);
export const OpDefaultsKw = keyword('op_defaults', [StatementKeyword]);
export const FencingTopologyKw = keyword('fencing_topology', [StatementKeyword]);
export const TagKw = keyword('tag', [StatementKeyword]);
export const UserKw = keyword('user', [StatementKeyword]);
export const RoleKw = keyword('role', [StatementKeyword]);
export const AclTargetKw = keyword('acl_target', [StatementKeyword]);
export const AclGroupKw = keyword('acl_group', [StatementKeyword]);
export const AlertKw = keyword('alert', [StatementKeyword]);
export const SchemaKw = keyword('schema', [StatementKeyword]);
export const XmlKw = keyword('xml', [StatementKeyword]);

// attribute sets and operations
export const ParamsKw = keyword('params', [SetKeyword]);
export const MetaKw = keyword('meta', [SetKeyword]);
export const UtilizationKw = keyword('utilization', [SetKeyword]);
export const AttributesKw = keyword('attributes', [SetKeyword]);
export const OpParamsKw = keyword('op_params');
export const OpMetaKw = keyword('op_meta');
export const OperationsKw = keyword('operations');
export const OpKw = keyword('op');

// rules
export const RuleKw = keyword('rule');
export const AndKw = keyword('and', [BoolOp]);
export const OrKw = keyword('or', [BoolOp]);
export const DefinedKw = keyword('defined', [UnaryOp]);
export const NotDefinedKw = keyword('not_defined', [UnaryOp]);
export const DateKw = keyword('date');
export const InKw = keyword('in');
export const SpecKw = keyword('spec');

// bundles
export const DockerKw = keyword('docker', [ContainerKeyword]);
export const PodmanKw = keyword('podman', [ContainerKeyword]);
export const RktKw = keyword('rkt', [ContainerKeyword]);
export const NetworkKw = keyword('network');
export const PortMappingKw = keyword('port-mapping');
export const StorageKw = keyword('storage');
export const StorageMappingKw = keyword('storage-mapping');

// alerts
export const SelectKw = keyword('select');
export const ToKw = keyword('to');

// ACLs
export const ReadKw = keyword('read', [AclRight]);
export const WriteKw = keyword('write', [AclRight]);
export const DenyKw = keyword('deny', [AclRight]);

/** Keyword images of statements, for "did you mean" on the first word of a line. */
export const STATEMENT_KEYWORDS = [
  'node', 'primitive', 'monitor', 'rsc_template', 'group', 'clone', 'ms', 'master', 'bundle',
  'location', 'colocation', 'collocation', 'order', 'rsc_ticket', 'property', 'rsc_defaults',
  'op_defaults', 'fencing_topology', 'tag', 'user', 'role', 'acl_target', 'acl_group', 'alert',
  'schema', 'xml',
] as const;

const keywordTokens = [...keywordByImage.values()];
/** Longer words are never keywords: no map lookup (and no hashing) for them. */
const LONGEST_KEYWORD = Math.max(...[...keywordByImage.keys()].map((k) => k.length));

allTokens.push(
  UnicodeSpace,
  Continuation,
  Newline,
  Comment,
  LParen,
  RParen,
  LBracket,
  RBracket,
  LCurly,
  RCurly,
  NvPair,
  Score,
  PlainWord,
  ...keywordTokens,
  Word,
  Keyword,
  StatementKeyword,
  SetKeyword,
  ContainerKeyword,
  AclRight,
  BoolOp,
  UnaryOp,
);

/** What `tokenize` returns: the shape of chevrotain's ILexingResult. */
export interface LexResult {
  /** words, brackets and newlines, for the parser */
  tokens: IToken[];
  /** `unicode` (Unicode spaces), `comments`, `continuations` */
  groups: Record<string, IToken[]>;
  /** words that could not be read (an unterminated quote) */
  errors: ILexingError[];
}

const BRACKETS: Record<string, TokenType> = { '(': LParen, ')': RParen, '[': LBracket, ']': RBracket, '{': LCurly, '}': RCurly };

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 12 || c === 11;
}

function isSpaceAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return isBlank(c) || c === 10 || c === 13 || (c > 127 && isUnicodeSpace(text[i]!));
}

/**
 * Lexes configure text in one pass: blanks skipped, Unicode spaces,
 * continuations and comments into their groups, words classified by shape and
 * keywords re-typed by image.
 *
 * @example
 *   tokenize('op monitor').tokens.map((t) => t.tokenType.name); // ['OpKw', 'MonitorKw']
 */
export function tokenize(text: string): LexResult {
  const tokens: IToken[] = [];
  const lex = lexText(text, (t) => tokens.push(t));
  return { ...lex, tokens };
}

/** What the lexer collects besides the tokens; arrays the caller may watch fill up. */
export interface LexSide {
  groups: { unicode: IToken[]; comments: IToken[]; continuations: IToken[] };
  errors: ILexingError[];
}

/**
 * The lexer itself: words, brackets and newlines go to `emit` as they are
 * read (parseConfigure parses each statement as soon as its newline comes, so
 * a big file's tokens never all live at once); Unicode spaces, comments,
 * continuations and errors go to `side` as they are read, before the tokens
 * that follow them.
 */
export function lexText(text: string, emit: (t: IToken) => void, side: LexSide = { groups: { unicode: [], comments: [], continuations: [] }, errors: [] }): LexSide {
  const { unicode, comments, continuations } = side.groups;
  const errors = side.errors;
  const n = text.length;
  let line = 1;
  let lineStart = 0;
  // true until something other than blanks is seen on a line that is not a continuation
  let atLineStart = true;
  let i = 0;
  let nextLf = text.indexOf('\n');
  let nextCr = text.indexOf('\r');
  // the type of the last token emitted: an `xml` keyword starts a statement only after a newline (or first)
  let lastType: TokenType | undefined;
  const push = (t: IToken): void => {
    lastType = t.tokenType;
    emit(t);
  };

  /** A token of text[start, end) on the current line; follows line ends inside it. */
  const make = (type: TokenType, start: number, end: number, image = text.slice(start, end)): IToken => {
    const startLine = line;
    const startColumn = start - lineStart + 1;
    // only newlines, continuations and quoted parts with a continuation cross a line end;
    // the next line end is found once per line, not once per token (linear)
    if (nextLf >= 0 && nextLf < start) nextLf = text.indexOf('\n', start);
    if (nextCr >= 0 && nextCr < start) nextCr = text.indexOf('\r', start);
    if ((nextLf >= 0 && nextLf < end) || (nextCr >= 0 && nextCr < end)) {
      for (let k = start; k < end; k++) {
        const c = text.charCodeAt(k);
        if (c === 10 || (c === 13 && text.charCodeAt(k + 1) !== 10)) {
          line++;
          lineStart = k + 1;
        }
      }
    }
    // a token ending with its line break ends on the line it started on
    const endLine = type === Newline || type === Continuation ? startLine : line;
    const endColumn = endLine === line ? end - lineStart : startColumn + (end - start) - 1;
    return new Token(type, image, start, end - 1, startLine, endLine, startColumn, endColumn);
  };

  while (i < n) {
    const c = text.charCodeAt(i);
    if (isBlank(c)) {
      i++;
      continue;
    }
    if (c === 10 || c === 13) {
      const end = c === 13 && text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
      push(make(Newline, i, end));
      atLineStart = true;
      i = end;
      continue;
    }
    if (c > 127 && isUnicodeSpace(text[i]!)) {
      let end = i + 1;
      while (end < n && text.charCodeAt(end) > 127 && isUnicodeSpace(text[end]!)) end++;
      unicode.push(make(UnicodeSpace, i, end));
      i = end;
      continue;
    }
    if (c === 92 /* \ */) {
      let end = i + 1;
      while (end < n && (isBlank(text.charCodeAt(end)) || (text.charCodeAt(end) > 127 && isUnicodeSpace(text[end]!)))) end++;
      const d = text.charCodeAt(end);
      if (end >= n || d === 10 || d === 13) {
        const stop = end >= n ? n : d === 13 && text.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
        continuations.push(make(Continuation, i, stop));
        atLineStart = false;
        i = stop;
        continue;
      }
    }
    if (c === 35 /* # */ && atLineStart) {
      let end = i;
      while (end < n && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
      comments.push(make(Comment, i, end));
      i = end;
      continue;
    }
    atLineStart = false;
    const bracket = BRACKETS[text[i]!];
    if (bracket) {
      push(make(bracket, i, i + 1));
      i++;
      continue;
    }
    const end = scanWord(text, i);
    if (end < 0) {
      // an unterminated quote: the rest of the word is an error; go on after it
      let stop = i + 1;
      while (stop < n && !isSpaceAt(text, stop)) stop++;
      errors.push({ offset: i, line, column: i - lineStart + 1, length: stop - i, message: 'unterminated quote' });
      i = stop;
      continue;
    }
    let type: TokenType;
    const image = text.slice(i, end);
    if (unquotedEquals(text, i, end) > i) type = NvPair;
    else if (text.charCodeAt(end - 1) === 58 /* : */ && (end >= n || isSpaceAt(text, end) || text.charCodeAt(end) === 92)) type = Score;
    else type = (end - i <= LONGEST_KEYWORD ? keywordByImage.get(image) : undefined) ?? PlainWord;
    const statementStart = lastType === undefined || lastType === Newline;
    push(make(type, i, end, image));
    i = end;
    if (type === XmlKw && statementStart) {
      // `xml <raw xml>`: the rest of the logical line is one word, not shell words
      // (an apostrophe in XML text is not a quote)
      let k = i;
      while (k < n && (isBlank(text.charCodeAt(k)) || (text.charCodeAt(k) > 127 && isUnicodeSpace(text[k]!)))) k++;
      let stop = k;
      // an XML comment may span lines (show prints hand-written CIB comments as they are)
      let inComment = false;
      while (stop < n) {
        const d = text.charCodeAt(stop);
        if (d === 60 /* < */ && !inComment && text.startsWith('<!--', stop)) inComment = true;
        else if (d === 45 /* - */ && inComment && text.startsWith('-->', stop)) inComment = false;
        else if ((d === 10 || d === 13) && !inComment) {
          let b = stop - 1;
          while (b >= k && isBlank(text.charCodeAt(b))) b--;
          if (b < k || text.charCodeAt(b) !== 92) break;
        }
        stop++;
      }
      let last = stop;
      while (last > k && (isBlank(text.charCodeAt(last - 1)) || text.charCodeAt(last - 1) === 92)) last--;
      if (last > k) push(make(PlainWord, k, last));
      i = last;
    }
  }
  return side;
}
