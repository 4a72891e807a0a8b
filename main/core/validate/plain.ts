/**
 * Problems in plain words for people who never read the YAML: a sentence without key names or codes,
 * and, where the fix is obvious, an action (go to the field, take the suggested word, insert the
 * missing value as a placeholder the site-setup checklist then lists).
 */
import type { Diagnostic, PathSegment, Range } from '../diagnostics/diagnostic';
import { schemaNodeAt } from '../model/schema-info';
import { humanize } from '../model/words';
import { at, obj } from '../rules/read';
import { capitalize, containerLabel, fieldLabel, placeWords } from './labels';

export type FixAction =
  | { kind: 'goto'; label: string }
  /** Replace the text at `range` (1-based) with `text`: a suggested key, value or quoting. */
  | { kind: 'replace'; label: string; range: Range; text: string }
  /** Write `value` at `path` (a missing required text, as a "SITE:" placeholder to fill in). */
  | { kind: 'insert'; label: string; path: PathSegment[]; value: string };

export interface PlainProblem {
  plain: string;
  fix: FixAction;
}

const SUGGESTION = /did you mean "([^"]+)"\?/;

/** Key names and list ids that rule messages mention, turned into words. */
function unidentify(message: string, root: unknown, path: readonly PathSegment[]): string {
  let out = message
    .replace(/\s*\((?:[a-z]+[A-Za-z]*\.)+[A-Za-z]+\)/g, '')
    .replace(/\s*\((?:element|sharing): [a-z_]+\)/g, '')
    .replace(/\b([a-z]+[A-Z][A-Za-z]*)(: true)?\b/g, (_, word: string, yes?: string) => `${humanize(word).toLowerCase()}${yes ? ' set' : ''}`)
    .replace(/\b([a-z]+(?:_[a-z]+)+)\b/g, (w: string) => w.replace(/_/g, ' '));
  // A list item named by its id ("opening-circle") reads better by its title.
  path.forEach((seg, i) => {
    if (typeof seg !== 'number') return;
    const item = obj(at(root, path.slice(0, i + 1)));
    const title = item?.title;
    const words = typeof title === 'string' ? title : obj(title) ? Object.values(obj(title)!).find((x) => typeof x === 'string') : undefined;
    if (typeof item?.id === 'string' && typeof words === 'string') out = out.split(`"${item.id}"`).join(`“${words}”`);
  });
  return out;
}

function rest(message: string, prefix: string): string {
  return message.startsWith(prefix) ? message.slice(prefix.length).replace(/^:\s*/, '') : message;
}

function yamlSentence(d: Diagnostic): string {
  const line = d.range.start.line;
  switch (d.code) {
    case 'YAML-TAB':
      return `Line ${line} is indented with a tab; use spaces instead.`;
    case 'YAML-DUPLICATE-KEY':
      return `Line ${line} repeats a field that is already set above; keep one of them.`;
    case 'YAML-SYNTAX':
      return `Line ${line} is not written in a form the studio can read (${d.message.replace(/\s+at line.*$/s, '').replace(/\.$/, '')}).`;
    default:
      return `Line ${line}: ${d.message}`;
  }
}

function schemaSentence(d: Diagnostic, root: unknown): PlainProblem {
  const place = placeWords(root, d.path);
  const goto: FixAction = { kind: 'goto', label: 'Go to the field' };
  const guess = SUGGESTION.exec(d.message)?.[1];
  switch (d.code) {
    case 'SCHEMA-UNKNOWN-KEY': {
      const key = String(d.path[d.path.length - 1]);
      const where = placeWords(root, d.path.slice(0, -1));
      if (!guess) return { plain: `“${key}” is not something the studio knows in ${where}. Check the spelling, or remove it.`, fix: goto };
      const title = schemaNodeAt([...d.path.slice(0, -1), guess])?.title ?? humanize(guess);
      return {
        plain: `“${key}” is not something the studio knows in ${where}. It looks like a misspelling of ${title}.`,
        fix: { kind: 'replace', label: `Use ${title}`, range: d.range, text: guess },
      };
    }
    case 'SCHEMA-REQUIRED': {
      const info = schemaNodeAt(d.path);
      const title = info?.title ?? humanize(String(d.path[d.path.length - 1]));
      const where = placeWords(root, d.path.slice(0, -1));
      const plain = `${where} needs ${title.toLowerCase() === title ? title : title.charAt(0).toLowerCase() + title.slice(1)}.`;
      const schema = info?.schema ?? {};
      const takesText = schema.type === 'string' && !schema.enum && !schema.pattern && !schema.format;
      const takesProse = Array.isArray(schema.oneOf) && schema.oneOf.some((b) => obj(b)?.type === 'string');
      return { plain, fix: takesText || takesProse ? { kind: 'insert', label: `Add ${title}`, path: d.path, value: `SITE: ${title}` } : goto };
    }
    default: {
      // Schema messages start with the field's technical label; say the place instead.
      const technical = [capitalize(fieldLabel(root, d.path)), capitalize(containerLabel(root, d.path))];
      const tail = technical.reduce((m, prefix) => rest(m, prefix), d.message).replace(/\s*—\s*did you mean "[^"]+"\?$/, '');
      const typed = /^expected (.+?), found (.+?)(?: — .*)?$/.exec(tail);
      const chosen = /^(.+?) is not one of (.+)$/.exec(tail);
      const said = typed ? `${place} should be ${typed[1]}, but it is ${typed[2]}` : chosen ? `${place} must be one of: ${unidentify(chosen[2]!, root, d.path)} (it is ${chosen[1]})` : `${place}: ${unidentify(tail, root, d.path)}`;
      const sentence = said.replace(/([^.?!])$/, '$1.');
      if (guess && (d.code === 'SCHEMA-ENUM' || d.code === 'SCHEMA-PATTERN')) {
        return { plain: sentence, fix: { kind: 'replace', label: `Use “${guess}”`, range: d.range, text: guess } };
      }
      const quoted = /put it in quotes \((".*")\)/.exec(d.message)?.[1];
      if (quoted) return { plain: `${place} should be text; it will be kept exactly as written.`, fix: { kind: 'replace', label: `Keep ${quoted} as text`, range: d.range, text: quoted } };
      return { plain: sentence, fix: goto };
    }
  }
}

/** The plain sentence and fix for one diagnostic of the document `root`. */
export function explain(d: Diagnostic, root: unknown): PlainProblem {
  if (d.code.startsWith('YAML-')) return { plain: yamlSentence(d), fix: { kind: 'goto', label: 'Go to the line' } };
  if (d.code.startsWith('SCHEMA-')) return schemaSentence(d, root);
  return { plain: unidentify(d.message, root, d.path).replace(/([^.?!])$/, '$1.'), fix: { kind: 'goto', label: d.path.length ? 'Go to the field' : 'Go to the line' } };
}
