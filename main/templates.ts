/** The bundled protocol templates (`templates/*.protocol.yaml`), read from disk next to the app. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { textIn, type LocalizedText } from './core/model/localized';

export interface TemplateInfo {
  /** File name without `.protocol.yaml`; pass it to readTemplate. */
  id: string;
  /** metadata.id inside the template (what adaptations put in basedOn.protocol). */
  protocolId: string;
  file: string;
  title: string;
  medicine: string;
  format: string;
  weeks: number | undefined;
}

const SUFFIX = '.protocol.yaml';
const TEMPLATE_ID = /^[a-z0-9][a-z0-9-]*$/;

/** `templates/` beside the sources (tsx, tests) or two levels up from the bundle (out/main/). */
export function templatesDir(): string {
  const candidates = ['../templates/', '../../templates/'].map((rel) => fileURLToPath(new URL(rel, import.meta.url)));
  const found = candidates.find((dir) => existsSync(dir));
  if (!found) throw new Error(`Template folder not found (looked in ${candidates.join(', ')})`);
  return found;
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function describe(file: string, text: string): TemplateInfo {
  const doc = record(parse(text));
  const metadata = record(doc.metadata);
  const programme = record(doc.programme);
  const languages = Array.isArray(metadata.languages) ? metadata.languages.filter((l): l is string => typeof l === 'string') : [];
  const id = file.slice(0, -SUFFIX.length);
  return {
    id,
    protocolId: typeof metadata.id === 'string' ? metadata.id : id,
    file,
    title: textIn(metadata.title as LocalizedText | undefined, languages[0] ?? 'en', ['en']) || id,
    medicine: typeof metadata.medicine === 'string' ? metadata.medicine : 'other',
    format: typeof programme.format === 'string' ? programme.format : 'group',
    weeks: typeof programme.weeks === 'number' ? programme.weeks : undefined,
  };
}

/** Described templates by path, kept while the file's size and time stay: parsing all of them takes a few hundred ms, on the Library's first screen. */
const described = new Map<string, { stamp: string; info: TemplateInfo }>();

function describeFile(dir: string, file: string): TemplateInfo {
  const path = join(dir, file);
  const { mtimeMs, size } = statSync(path);
  const stamp = `${mtimeMs}:${size}`;
  let entry = described.get(path);
  if (entry?.stamp !== stamp) described.set(path, (entry = { stamp, info: describe(file, readFileSync(path, 'utf8')) }));
  return { ...entry.info };
}

/** Every bundled template, sorted by id. */
export function listTemplates(dir: string = templatesDir()): TemplateInfo[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith(SUFFIX))
    .sort()
    .map((file) => describeFile(dir, file));
}

/** The YAML text of a template, byte for byte. Throws for an unknown or malformed id. */
export function readTemplate(id: string, dir: string = templatesDir()): string {
  if (!TEMPLATE_ID.test(id)) throw new Error(`Not a template id: ${JSON.stringify(id)} (expected lower-case letters, digits and hyphens)`);
  const path = join(dir, `${id}${SUFFIX}`);
  if (!existsSync(path)) {
    const known = listTemplates(dir).map((t) => t.id).join(', ');
    throw new Error(`No template "${id}". Available templates: ${known}`);
  }
  return readFileSync(path, 'utf8');
}
