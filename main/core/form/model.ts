/**
 * The site-setup form model: each site decision with its fields (label and help from the schema), its
 * current value, the diagnostics found at it, and whether it is done; plus the placeholders still open.
 */
import type { Diagnostic, PathSegment } from '../diagnostics/diagnostic';
import { schemaNodeAt } from '../model/schema-info';
import type { ParsedProtocol } from '../parse';
import { humanize } from '../model/words';
import { at, obj } from '../rules/read';
import { itemWords } from '../validate/labels';
import { PLACEHOLDER, SITE_DECISIONS, type DecisionSpec, type Wild } from './decisions';
import type { FormValue } from './edit';

export type FieldKind = 'text' | 'integer' | 'number' | 'choice' | 'choices' | 'integers' | 'codes';

export interface FormField {
  /** Stable key for the page (`medicineSessions.routes[im].max`); never shown. */
  key: string;
  path: PathSegment[];
  label: string;
  help: string;
  kind: FieldKind;
  options?: string[];
  min?: number;
  max?: number;
  value: FormValue | null;
  /** For a translation of localized text: its language code. */
  lang?: string;
  /** The list item the field belongs to, in words (`IM · mg/kg`, `Registered nurse`). */
  item?: string;
  /** That item's `role` code, where it has one (a keeper's, to register them with it). */
  role?: string;
  placeholder: boolean;
  problems: Diagnostic[];
  line: number;
}

export interface FormListItem {
  key: string;
  path: PathSegment[];
  label: string;
  placeholder: boolean;
  problems: Diagnostic[];
  line: number;
  /** The item's own fields the form edits (an exclusion's wording). */
  fields: FormField[];
}

/** A list the form can add an item to, and the one value it asks for first. */
export interface FormAdd {
  key: string;
  /** The list (it may not exist yet: adding creates it). */
  path: PathSegment[];
  /** What one item is, from the schema ("Dose by route", "Exclusion"). */
  label: string;
  /** Whose list it is, in words, where there is one per item of another list (a cultural block's keepers). */
  owner?: string;
  choose: Pick<FormField, 'label' | 'help' | 'kind' | 'options'>;
  /** Where the new item will stand: its fields are then the ones under this path. */
  next: PathSegment[];
}

export interface FormList {
  key: string;
  path: PathSegment[];
  label: string;
  help: string;
  items: FormListItem[];
}

export type OpenReason = 'missing' | 'placeholder' | 'error';

export interface SiteDecision {
  id: string;
  group: DecisionSpec['group'];
  label: string;
  fields: FormField[];
  lists: FormList[];
  adds: FormAdd[];
  done: boolean;
  open: OpenReason[];
}

export interface FormPlaceholder {
  key: string;
  path: PathSegment[];
  line: number;
  text: string;
  /** The decision whose field holds it, when the form shows it. */
  decision: string | null;
}

export interface SiteForm {
  decisions: SiteDecision[];
  done: number;
  total: number;
  placeholders: FormPlaceholder[];
  /** The protocol's languages, first one first. */
  languages: string[];
}

const MAX_PLACEHOLDERS = 300;

/** `medicineSessions.routes[im].max`: list items by id where they have one. */
export function pathKey(root: unknown, path: readonly PathSegment[]): string {
  let out = '';
  path.forEach((seg, i) => {
    if (typeof seg === 'number') {
      const id = obj(at(root, path.slice(0, i + 1)))?.id;
      out += `[${typeof id === 'string' ? id : seg}]`;
    } else out += out ? `.${seg}` : seg;
  });
  return out;
}

function expand(root: unknown, spec: readonly Wild[]): PathSegment[][] {
  let paths: PathSegment[][] = [[]];
  for (const seg of spec) {
    if (seg !== '*') {
      paths = paths.map((p) => [...p, seg]);
      continue;
    }
    paths = paths.flatMap((p) => {
      const items = at(root, p);
      return Array.isArray(items) ? items.map((_, i) => [...p, i]) : [];
    });
  }
  return paths;
}

/** The lists of a spec the form can add to: those that exist, or whose mapping does (a `*` list inside a missing one cannot be made here). */
function addable(root: unknown, spec: readonly Wild[]): PathSegment[][] {
  return expand(root, spec).filter((p) => {
    const list = at(root, p);
    if (list !== undefined && list !== null) return Array.isArray(list);
    // Inside an item (a block's keepers): only where the item has the mapping the list belongs in.
    const owner = p.findLastIndex((s) => typeof s === 'number');
    return owner < 0 || p.length - owner <= 2 || obj(at(root, p.slice(0, -1))) !== undefined;
  });
}

/** An item in words; one whose wording is still empty is named by its kind (`Pregnancy`), never by its id. */
function itemLabel(root: unknown, path: PathSegment[], lang: string): string {
  const words = itemWords(root, path, lang);
  const o = obj(at(root, path));
  if (words !== '' && words !== o?.id) return words;
  const kind = o?.code ?? o?.role ?? o?.route;
  return typeof kind === 'string' ? humanize(kind) : `#${Number(path[path.length - 1]) + 1}`;
}

function kindOf(path: PathSegment[]): Pick<FormField, 'kind' | 'options' | 'min' | 'max'> {
  const schema = schemaNodeAt(path)?.schema ?? {};
  const range = { ...(typeof schema.minimum === 'number' ? { min: schema.minimum } : {}), ...(typeof schema.maximum === 'number' ? { max: schema.maximum } : {}) };
  if (schema.type === 'integer') return { kind: 'integer', ...range };
  if (schema.type === 'number') return { kind: 'number', ...range };
  if (schema.type === 'array') {
    const item = schemaNodeAt([...path, 0])?.schema ?? {};
    if (Array.isArray(item.enum)) return { kind: 'choices', options: item.enum.map(String) };
    return { kind: item.type === 'integer' ? 'integers' : 'codes' };
  }
  if (Array.isArray(schema.enum)) return { kind: 'choice', options: schema.enum.map(String) };
  return { kind: 'text' };
}

const startsWith = (path: readonly PathSegment[], prefix: readonly PathSegment[]): boolean => prefix.every((seg, i) => path[i] === seg);

function isPlaceholder(v: unknown): boolean {
  return typeof v === 'string' && PLACEHOLDER.test(v);
}

function asValue(v: unknown): FormValue | null {
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean')) return v as FormValue;
  return null;
}

export function buildSiteForm(parsed: ParsedProtocol, diagnostics: readonly Diagnostic[]): SiteForm {
  const root = parsed.value;
  const langs = (Array.isArray(at(root, ['metadata', 'languages'])) ? (at(root, ['metadata', 'languages']) as unknown[]) : []).filter((l): l is string => typeof l === 'string');
  const lang = langs[0] ?? 'en';
  const line = (path: PathSegment[]) => parsed.rangeOf(path).start.line;
  const problemsAt = (path: PathSegment[]) => diagnostics.filter((d) => startsWith(d.path, path));

  const field = (path: PathSegment[], extra: Partial<FormField> = {}): FormField => {
    const info = schemaNodeAt(path);
    const value = at(root, path);
    const owner = path.findLastIndex((s) => typeof s === 'number');
    const ownerItem = owner >= 0 ? obj(at(root, path.slice(0, owner + 1))) : undefined;
    return {
      key: pathKey(root, path),
      path,
      label: info?.title ?? String(path[path.length - 1]),
      help: info?.description ?? '',
      ...kindOf(path),
      value: asValue(value),
      ...(owner >= 0 ? { item: itemWords(root, path.slice(0, owner + 1), lang) } : {}),
      ...(typeof ownerItem?.role === 'string' ? { role: ownerItem.role } : {}),
      placeholder: isPlaceholder(value),
      problems: problemsAt(path),
      line: line(path),
      ...extra,
    };
  };

  /**
   * The fields of one item stand together (a keeper's name, then their role; a route's unit, range and start),
   * items in the order they first appear.
   */
  const byItem = (paths: PathSegment[][]): PathSegment[][] => {
    const groups = new Map<string, PathSegment[][]>();
    for (const p of paths) {
      const owner = JSON.stringify(p.slice(0, -1));
      groups.set(owner, [...(groups.get(owner) ?? []), p]);
    }
    return [...groups.values()].flat();
  };

  /** The field at a path; localized text written as a map is one field per language, the protocol's languages first. */
  const fieldsAt = (path: PathSegment[]): FormField[] => {
    const value = obj(at(root, path));
    if (!value) return [field(path)];
    const codes = [...new Set([...langs, ...Object.keys(value)])];
    return codes.map((code) => ({ ...field([...path, code]), label: schemaNodeAt(path)?.title ?? code, help: schemaNodeAt(path)?.description ?? '', lang: code }));
  };

  const decisions = SITE_DECISIONS.map((spec): SiteDecision => {
    const fields = byItem((spec.fields ?? []).flatMap((s) => expand(root, s))).flatMap(fieldsAt);
    const lists = (spec.lists ?? []).map((path): FormList => {
      const info = schemaNodeAt(path);
      const items = at(root, path);
      return {
        key: pathKey(root, path),
        path,
        label: info?.title ?? String(path[path.length - 1]),
        help: info?.description ?? '',
        items: (Array.isArray(items) ? items : []).map((item, i) => {
          const p = [...path, i];
          return {
            key: pathKey(root, p),
            path: p,
            label: itemLabel(root, p, lang),
            placeholder: JSON.stringify(item ?? null).match(PLACEHOLDER) !== null,
            problems: problemsAt(p),
            line: line(p),
            // Shown under the item's own label, so they do not repeat it.
            fields: (spec.itemFields ?? []).flatMap((f) => fieldsAt([...p, f]).map(({ item: _, ...rest }) => rest)),
          };
        }),
      };
    });
    const adds = (spec.adds ?? []).flatMap((a) =>
      addable(root, a.list).map((path): FormAdd => {
        const items = at(root, path);
        const owner = path.findLastIndex((s) => typeof s === 'number');
        const choosePath = [...path, 0, a.choose];
        const info = schemaNodeAt(choosePath);
        return {
          key: pathKey(root, path),
          path,
          label: schemaNodeAt([...path, 0])?.title ?? String(path[path.length - 1]),
          ...(owner >= 0 ? { owner: itemWords(root, path.slice(0, owner + 1), lang) } : {}),
          choose: { label: info?.title ?? a.choose, help: info?.description ?? '', ...kindOf(choosePath) },
          next: [...path, Array.isArray(items) ? items.length : 0],
        };
      }),
    );
    const open = new Set<OpenReason>();
    for (const f of [...fields, ...lists.flatMap((l) => l.items.flatMap((i) => i.fields))]) {
      if (f.value === null || f.value === '' || (Array.isArray(f.value) && f.value.length === 0)) open.add('missing');
      if (f.placeholder) open.add('placeholder');
    }
    for (const l of lists) if (l.items.length === 0) open.add('missing');
    if (fields.length === 0 && lists.length === 0) open.add('missing');
    if ([...fields.flatMap((f) => f.problems), ...lists.flatMap((l) => l.items.flatMap((i) => i.problems))].some((d) => d.severity === 'error')) open.add('error');
    const first = fields[0] ?? lists[0];
    return { id: spec.id, group: spec.group, label: first?.label ?? spec.id, fields, lists, adds, done: open.size === 0, open: [...open] };
  });

  const placeholders: FormPlaceholder[] = [];
  const walk = (v: unknown, path: PathSegment[]): void => {
    if (placeholders.length >= MAX_PLACEHOLDERS) return;
    if (isPlaceholder(v)) {
      const owner = decisions.find((d) => d.fields.some((f) => startsWith(path, f.path)) || d.lists.some((l) => startsWith(path, l.path)));
      placeholders.push({ key: pathKey(root, path), path, line: line(path), text: String(v), decision: owner?.id ?? null });
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (obj(v)) for (const [k, x] of Object.entries(v as object)) walk(x, [...path, k]);
  };
  walk(root, []);

  const done = decisions.filter((d) => d.done).length;
  return { decisions, done, total: decisions.length, placeholders, languages: langs };
}
