/** Protocol text (or bytes) → yaml.Document + plain value + YAML-* diagnostics + path → range mapping. */
import { Composer, LineCounter, Parser, isMap, type CST, type Document, type Node } from 'yaml';
import { compareDiagnostics, type Diagnostic, type PathSegment, type Range } from '../diagnostics/diagnostic';
import { decodeProtocolBytes } from './bytes';
import { toPlainValue } from './convert';
import { COMPOSE_OPTIONS } from './compose-options';
import { checkCstLimits } from './cst';
import { LIMITS } from './limits';
import { FILE_START, rangeFromOffsets, yamlDiagnostic } from './positions';
import { checkCharacters, checkSizeAndCountLines, tooLarge } from './prescan';
import { PathIndex, type RangeTarget } from './ranges';
import { fromYamlError } from './yaml-errors';

export interface ParsedProtocol {
  text: string;
  /** Null when the text was refused before parsing (too large, too deep, binary). */
  document: Document.Parsed | null;
  lineCounter: LineCounter;
  /** The plain value (JSON-like); null when unreadable. Never carries `__proto__`/`constructor` keys. */
  value: unknown;
  /** False when YAML errors or limits kept the text from being read faithfully; schema and rules then skip it. */
  readable: boolean;
  diagnostics: Diagnostic[];
  /** Range of the narrowest node at `path`, falling back to the nearest existing ancestor. */
  rangeOf(path: readonly PathSegment[], target?: RangeTarget): Range;
  /** The YAML node at `path`, or null when the path does not exist. */
  nodeAt(path: readonly PathSegment[]): Node | null;
}

function unreadable(text: string, lc: LineCounter, diagnostics: Diagnostic[], document: Document.Parsed | null = null): ParsedProtocol {
  const index = new PathIndex(document?.contents ?? null, text, lc);
  return {
    text,
    document,
    lineCounter: lc,
    value: null,
    readable: false,
    diagnostics: diagnostics.sort(compareDiagnostics),
    rangeOf: (path, target) => index.rangeOf(path, target),
    nodeAt: (path) => index.nodeAt(path),
  };
}

const DEPTH_HELP = `Protocols nest a few levels deep; more than ${LIMITS.maxDepth} levels of lists or mappings cannot be processed safely and usually mean a damaged or hostile file.`;

function describeRoot(value: unknown): string {
  if (value === null) return 'nothing (null)';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'string' ? 'a single text value' : `a single ${typeof value} value`;
}

/** The parser's token tree of a text; the shared cache passes one that re-lexes only an edit. */
export type Lexer = (text: string) => CST.Token[];

/** The whole text's token tree (throws RangeError when nested too deeply for the lexer's recursion). */
export const lexAll: Lexer = (text) => Array.from(new Parser().parse(text));

export function parseProtocol(text: string, lex: Lexer = lexAll): ParsedProtocol {
  const lc = new LineCounter();
  const tooLarge = checkSizeAndCountLines(text, lc);
  if (tooLarge) return unreadable(text, lc, [tooLarge]);

  const diagnostics = checkCharacters(text, lc);
  if (diagnostics.some((d) => d.code === 'YAML-TOO-DEEP')) return unreadable(text, lc, diagnostics);

  let tokens: CST.Token[];
  try {
    tokens = lex(text);
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    return unreadable(text, lc, [...diagnostics, yamlDiagnostic('YAML-TOO-DEEP', 'The file is nested too deeply to read', DEPTH_HELP, FILE_START)]);
  }
  const hit = checkCstLimits(tokens);
  if (hit) {
    const range = rangeFromOffsets(lc, hit.offset, hit.offset + 1);
    const d =
      hit.kind === 'depth'
        ? yamlDiagnostic('YAML-TOO-DEEP', `Lists and mappings are nested more than ${LIMITS.maxDepth} levels deep`, DEPTH_HELP, range)
        : yamlDiagnostic('YAML-TOO-LARGE', `The file holds more than ${LIMITS.maxNodes.toLocaleString('en')} values`, 'Real protocols hold a few thousand values; this many cannot be checked quickly.', range);
    return unreadable(text, lc, [...diagnostics, d]);
  }

  let document: Document.Parsed | null = null;
  for (const doc of new Composer(COMPOSE_OPTIONS).compose(tokens, true, text.length)) {
    if (!document) {
      document = doc;
      continue;
    }
    diagnostics.push(
      yamlDiagnostic(
        'YAML-MULTI-DOC',
        'A second YAML document starts here; a protocol file holds exactly one',
        'Everything after a `---` line that starts a new document would be ignored. Merge the documents or split them into separate files.',
        rangeFromOffsets(lc, doc.range[0], doc.range[0] + 3),
      ),
    );
    break;
  }
  const doc = document!; // compose(…, forceDoc = true) always yields at least one document
  const yamlProblems = [...doc.errors, ...doc.warnings].slice(0, LIMITS.maxReported).map((e) => fromYamlError(e, lc));
  diagnostics.push(...yamlProblems);
  if (yamlProblems.some((d) => d.severity === 'error' && d.code !== 'YAML-UNKNOWN-TAG') || diagnostics.some((d) => d.code === 'YAML-MULTI-DOC')) {
    return unreadable(text, lc, diagnostics, doc);
  }

  const root = doc.contents as Node | null;
  const index = new PathIndex(root, text, lc);
  const converted = toPlainValue(root, index, lc);
  diagnostics.push(...converted.diagnostics);
  const readable = !converted.diagnostics.some((d) => d.code === 'YAML-ALIAS-LIMIT');
  if (root === null) {
    const onlyComments = /\S/.test(text);
    diagnostics.push(
      yamlDiagnostic(
        'YAML-EMPTY',
        onlyComments ? 'The file holds only comments; there is no protocol in it' : 'The file is empty',
        'A protocol starts with `schemaVersion: 1` and a `metadata:` section. Start from one of the bundled templates.',
        FILE_START,
      ),
    );
  } else if (readable && !isMap(root)) {
    diagnostics.push(
      yamlDiagnostic(
        'YAML-ROOT-NOT-MAPPING',
        `The protocol must be a mapping of keys (schemaVersion:, metadata:, …); this file holds ${describeRoot(converted.value)}`,
        'Every protocol is one YAML mapping whose top-level keys are its sections.',
        index.rangeOf([]),
      ),
    );
  }
  return {
    text,
    document: doc,
    lineCounter: lc,
    value: readable ? converted.value : null,
    readable,
    diagnostics: diagnostics.sort(compareDiagnostics),
    rangeOf: (path, target) => index.rangeOf(path, target),
    nodeAt: (path) => index.nodeAt(path),
  };
}

function emptyLineCounter(): LineCounter {
  const lc = new LineCounter();
  lc.addNewLine(0);
  return lc;
}

/** Bytes from a file: binary files and invalid UTF-8 become located diagnostics instead of mojibake. */
export function parseProtocolBytes(bytes: Uint8Array): ParsedProtocol {
  if (bytes.length > LIMITS.maxBytes) {
    return unreadable('', emptyLineCounter(), [tooLarge(bytes.length)]);
  }
  const decoded = decodeProtocolBytes(bytes);
  if (decoded.ok) return parseProtocol(decoded.text);
  const help =
    decoded.code === 'YAML-BINARY'
      ? 'Protocols are plain-text YAML files. Check that the right file was chosen.'
      : 'Protocols are UTF-8 text. The file was probably saved in another encoding (e.g. Windows-1252) or is damaged; re-save it as UTF-8.';
  return unreadable('', emptyLineCounter(), [yamlDiagnostic(decoded.code, decoded.message, help, decoded.range)]);
}
