/** ajv errors → people-worded SCHEMA-* diagnostics at the narrowest YAML node. */
import type { ErrorObject } from 'ajv';
import type { Diagnostic, PathSegment } from '../diagnostics/diagnostic';
import type { ParsedProtocol } from '../parse';
import { schemaNodeAt } from '../model/schema-info';
import { capitalize, containerLabel, describeFound, expectedWords, fieldLabel, quote } from './labels';
import { closestMatch } from './suggest';
import { sacredFieldRefusal } from '../review/sacred';
import { at as valueAtPath } from '../rules/read';

/** JSON pointer → path; list indices become numbers so ranges and labels treat them as positions. */
function pointerToPath(pointer: string, root: unknown): PathSegment[] {
  if (pointer === '') return [];
  const path: PathSegment[] = [];
  let v = root;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const seg: PathSegment = Array.isArray(v) && /^\d+$/.test(key) ? Number(key) : key;
    path.push(seg);
    v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined;
  }
  return path;
}

function describe(path: readonly PathSegment[]): string {
  const d = schemaNodeAt(path)?.description;
  return d ? ` ${d}` : '';
}

function list(values: readonly unknown[]): string {
  return values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ');
}

/** "Knowledge Keeper" → "knowledge-keeper", when that is what an id pattern wants. */
function asId(value: string, pattern: string): string | undefined {
  const slug = value.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  try {
    return slug && slug !== value && new RegExp(pattern, 'u').test(slug) ? slug : undefined;
  } catch {
    return undefined;
  }
}

const FORMAT_WORDS: Record<string, string> = {
  date: 'date (YYYY-MM-DD)',
  'date-time': 'date and time (YYYY-MM-DDThh:mm:ssZ)',
  uri: 'web address (https://…)',
  email: 'email address',
};

interface Mapped {
  code: string;
  message: string;
  help: string;
  path: PathSegment[];
  /** Underline the key (unknown keys) rather than the value. */
  atKey?: boolean;
}

/** The text as written in the file (e.g. `1.0`, which reads as the number 1). */
function sourceAt(parsed: ParsedProtocol, path: readonly PathSegment[]): string | undefined {
  const range = parsed.nodeAt(path)?.range;
  return range ? parsed.text.slice(range[0], range[1]) : undefined;
}

function mapError(e: ErrorObject, parsed: ParsedProtocol): Mapped {
  const root = parsed.value;
  const path = pointerToPath(e.instancePath, root);
  const field = fieldLabel(root, path);
  const Field = capitalize(field);
  const data = e.data;
  const p = e.params as Record<string, unknown>;
  const parent = (e.parentSchema ?? {}) as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(p.additionalProperty);
      const allowed = Object.keys((parent.properties as object | undefined) ?? {});
      const where = containerLabel(root, path);
      if (allowed.length === 0 && parent.patternProperties) {
        return {
          code: 'SCHEMA-UNKNOWN-KEY',
          message: `"${key}" in ${where} is not a language code; translations are keyed by codes such as en, fr or ja`,
          help: 'Each translation is keyed by a BCP-47 language code so the binder can print the right language.',
          path: [...path, key],
          atKey: true,
        };
      }
      if (key === '<<') {
        return {
          code: 'SCHEMA-UNKNOWN-KEY',
          message: `YAML merge keys (<<) are not supported in ${where}; write the values out`,
          help: 'Merged values are invisible where they land, so a reviewer could sign off a dose they never saw. Protocols spell every value out.',
          path: [...path, key],
          atKey: true,
        };
      }
      const guess = closestMatch(key, allowed);
      return {
        code: 'SCHEMA-UNKNOWN-KEY',
        message: `Unknown key "${key}" in ${where}${guess ? ` — did you mean "${guess}"?` : ''}`,
        help: `Unknown keys are rejected so that a typo in a dose field cannot pass silently. Allowed here: ${allowed.join(', ')}.`,
        path: [...path, key],
        atKey: true,
      };
    }
    case 'required': {
      const prop = String(p.missingProperty);
      const propPath = [...path, prop];
      const info = schemaNodeAt(propPath);
      const choices = Array.isArray(info?.schema?.enum) ? `: ${(info.schema.enum as unknown[]).join(' or ')}` : '';
      const title = info?.title ? ` (${info.title}${choices})` : choices ? ` (${choices.slice(2)})` : '';
      return {
        code: 'SCHEMA-REQUIRED',
        message: `${capitalize(containerLabel(root, path))} is missing "${prop}"${title}`,
        help: `Required fields are what the checks, the binder and reviewers rely on.${describe(propPath)}`,
        path: propPath,
      };
    }
    case 'type': {
      const types = Array.isArray(p.type) ? (p.type as string[]) : String(p.type).split(',');
      // `versionLabel: 1.0` or `name: yes` read as a number or boolean; quoting keeps them as written.
      const written = types.includes('string') && (typeof data === 'number' || typeof data === 'boolean') ? sourceAt(parsed, path) : undefined;
      const hint = written ? ` — put it in quotes ("${written}") to keep it as text` : '';
      return { code: 'SCHEMA-TYPE', message: `${Field}: expected ${expectedWords(types)}, found ${describeFound(data)}${hint}`, help: `Wrong types are rejected rather than guessed.${describe(path)}`, path };
    }
    case 'enum': {
      const allowed = (p.allowedValues as unknown[]) ?? [];
      const guess = typeof data === 'string' ? closestMatch(data, allowed.filter((a): a is string => typeof a === 'string')) : undefined;
      return {
        code: 'SCHEMA-ENUM',
        message: `${Field}: ${describeFound(data)} is not one of ${list(allowed)}${guess ? ` — did you mean "${guess}"?` : ''}`,
        help: `Only these values are understood by the checks, the binder and the diff.${describe(path)}`,
        path,
      };
    }
    case 'const':
      return { code: 'SCHEMA-CONST', message: `${Field} must be ${JSON.stringify(p.allowedValue)}, found ${describeFound(data)}`, help: `This value is fixed.${describe(path)}`, path };
    case 'pattern': {
      const examples = schemaNodeAt(path)?.schema?.examples;
      const eg = Array.isArray(examples) && examples.length > 0 ? ` (e.g. ${list(examples.slice(0, 2))})` : '';
      const fixed = typeof data === 'string' ? asId(data, String(p.pattern)) : undefined;
      return {
        code: 'SCHEMA-PATTERN',
        message: `${Field}: ${typeof data === 'string' ? quote(data) : describeFound(data)} is not in the expected form${eg}${fixed ? ` — did you mean "${fixed}"?` : ''}`,
        help: `The form is fixed so that ids, codes and versions can be matched and compared.${describe(path)}`,
        path,
      };
    }
    case 'format': {
      const fmt = String(p.format);
      return { code: 'SCHEMA-FORMAT', message: `${Field}: ${describeFound(data)} is not a valid ${FORMAT_WORDS[fmt] ?? fmt}`, help: `Dates and addresses must be exact so review dates and links work.${describe(path)}`, path };
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
    case 'multipleOf': {
      const words: Record<string, string> = { minimum: 'at least', maximum: 'at most', exclusiveMinimum: 'more than', exclusiveMaximum: 'less than', multipleOf: 'a multiple of' };
      return { code: 'SCHEMA-RANGE', message: `${Field} must be ${words[e.keyword]} ${String(p.limit ?? p.multipleOf)}, found ${describeFound(data)}`, help: `The allowed range keeps values plausible.${describe(path)}`, path };
    }
    case 'minLength':
    case 'minProperties':
    case 'minItems': {
      const limit = Number(p.limit);
      const what = e.keyword === 'minItems' ? (limit === 1 ? 'at least one item' : `at least ${limit} items`) : e.keyword === 'minLength' && limit > 1 ? `at least ${limit} characters` : '';
      return { code: 'SCHEMA-RANGE', message: what ? `${Field} needs ${what}` : `${Field} must not be empty`, help: `An empty value would print as a blank in the binder.${describe(path)}`, path };
    }
    case 'maxLength':
    case 'maxItems':
    case 'maxProperties': {
      const size = typeof data === 'string' ? `${data.length} characters` : Array.isArray(data) ? `${data.length} items` : 'too many entries';
      return { code: 'SCHEMA-RANGE', message: `${Field} is too long (${size}; at most ${String(p.limit)})`, help: `Limits keep the binder and the editor usable.${describe(path)}`, path };
    }
    case 'uniqueItems': {
      const j = Number(p.i);
      const item = Array.isArray(data) ? data[j] : undefined;
      return { code: 'SCHEMA-OTHER', message: `${Field} lists ${describeFound(item)} twice`, help: `Each entry may appear once.${describe(path)}`, path: [...path, j] };
    }
    case 'false schema': {
      // Content in a secret/sacred section: say so plainly (the one rule, in core/review/sacred.ts).
      const sacred = sacredFieldRefusal(valueAtPath(root, path.slice(0, -1)), String(path[path.length - 1]), capitalize(containerLabel(root, path.slice(0, -1))));
      if (sacred) return { code: 'SCHEMA-SACRED', ...sacred, path };
      return {
        code: 'SCHEMA-OTHER',
        message: `${Field} is not allowed here`,
        help: `Other settings of ${containerLabel(root, path.slice(0, -1))} rule this field out.${describe(path)}`,
        path,
      };
    }
    default:
      return { code: 'SCHEMA-OTHER', message: `${Field} ${e.message ?? 'is not valid'}`, help: `The value does not fit the protocol schema.${describe(path)}`, path };
  }
}

export function toSchemaDiagnostic(e: ErrorObject, parsed: ParsedProtocol): Diagnostic {
  const m = mapError(e, parsed);
  return { severity: 'error', code: m.code, message: m.message, help: m.help, path: m.path, range: parsed.rangeOf(m.path, m.atKey ? 'key' : 'value') };
}

