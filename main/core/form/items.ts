/**
 * New list items for the site form: the item a director adds (a route, an exclusion, a team role, a
 * keeper, a contact) from the one value asked for, with a fresh id where the schema requires one.
 */
import type { PathSegment } from '../diagnostics/diagnostic';
import { schemaNodeAt } from '../model/schema-info';
import { at, obj } from '../rules/read';
import { SITE_DECISIONS, type AddSpec, type Wild } from './decisions';
import { FormEditError, type FormItem } from './edit';

/** The add spec whose list pattern the concrete `path` matches. */
export function addSpecFor(path: readonly PathSegment[]): AddSpec | undefined {
  const matches = (spec: readonly Wild[]) => spec.length === path.length && spec.every((s, i) => (s === '*' ? typeof path[i] === 'number' : s === path[i]));
  return SITE_DECISIONS.flatMap((d) => d.adds ?? []).find((a) => matches(a.list));
}

const slug = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);

/** `base`, or `base-2`, `base-3`… whichever no item of the list has yet. */
export function freshId(items: readonly unknown[], base: string): string {
  const taken = new Set(items.map((i) => obj(i)?.id).filter((id): id is string => typeof id === 'string'));
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}-${n}`)) n++;
  return `${base}-${n}`;
}

/** The item to add to the list at `path`, given the value chosen for its first field. */
export function newListItem(root: unknown, path: readonly PathSegment[], chosen: string): FormItem {
  const spec = addSpecFor(path);
  const item = schemaNodeAt([...path, 0])?.schema;
  if (!spec || !item) throw new FormEditError('The form cannot add items there; add them in the editor.');
  const value = chosen.trim();
  const field = schemaNodeAt([...path, 0, spec.choose])?.schema ?? {};
  if (value === '' || (Array.isArray(field.enum) && !field.enum.includes(value))) throw new FormEditError('Choose what to add first.');
  const required = Array.isArray(item.required) ? item.required : [];
  const list = at(root, path);
  // An id from the chosen words ("IN" → in, "Poison control" → poison-control); the item's kind where they give none.
  const out: FormItem = {};
  if (required.includes('id')) out.id = freshId(Array.isArray(list) ? list : [], slug(value) || slug(String(item.title ?? '')) || 'item');
  return { ...out, [spec.choose]: value, ...(spec.start?.(value) ?? {}) };
}
