/** The protocol JSON Schema and a walker that finds the schema node (title, description) at a document path. */
import schemaJson from '../../../schemas/protocol.schema.json';
import type { PathSegment } from '../diagnostics/diagnostic';

export type JsonSchema = { [keyword: string]: unknown };

export const protocolSchema: JsonSchema = schemaJson as JsonSchema;

export interface SchemaNodeInfo {
  title?: string;
  description?: string;
  /** The node with any `$ref` followed (keywords written next to the `$ref` win). */
  schema?: JsonSchema;
}

const MAX_REF_DEPTH = 32;

function isSchema(value: unknown): value is JsonSchema {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Follows local `$ref`s (`#/$defs/…`), merging so that the referring node's own keywords win. */
export function resolveSchema(node: JsonSchema, root: JsonSchema = protocolSchema): JsonSchema {
  let current = node;
  for (let depth = 0; depth < MAX_REF_DEPTH && typeof current.$ref === 'string'; depth++) {
    const target = lookupPointer(root, current.$ref);
    if (!target) return current;
    const { $ref: _ignored, ...siblings } = current;
    current = { ...target, ...siblings };
  }
  return current;
}

function lookupPointer(root: JsonSchema, ref: string): JsonSchema | undefined {
  if (!ref.startsWith('#')) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(1).split('/').filter((part) => part !== '')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isSchema(node)) return undefined;
    node = node[key];
  }
  return isSchema(node) ? node : undefined;
}

/** The child schema for one path segment, searching oneOf/anyOf/allOf branches when needed. */
function childOf(node: JsonSchema, segment: PathSegment, root: JsonSchema, depth = 0): JsonSchema | undefined {
  if (depth > MAX_REF_DEPTH) return undefined;
  const here = resolveSchema(node, root);
  const direct = directChild(here, segment);
  if (direct) return direct;
  for (const keyword of ['oneOf', 'anyOf', 'allOf']) {
    const branches = here[keyword];
    if (!Array.isArray(branches)) continue;
    for (const branch of branches) {
      if (!isSchema(branch)) continue;
      const found = childOf(branch, segment, root, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

function directChild(node: JsonSchema, segment: PathSegment): JsonSchema | undefined {
  // A list is addressed by index, or by the id of one of its items (section addressing).
  if (isSchema(node.items)) return node.items;
  if (typeof segment !== 'string') return undefined;
  const properties = node.properties;
  if (isSchema(properties) && Object.hasOwn(properties, segment) && isSchema(properties[segment])) {
    return properties[segment];
  }
  const patterns = node.patternProperties;
  if (isSchema(patterns)) {
    for (const [pattern, sub] of Object.entries(patterns)) {
      if (isSchema(sub) && safeTest(pattern, segment)) return sub;
    }
  }
  return isSchema(node.additionalProperties) ? node.additionalProperties : undefined;
}

function safeTest(pattern: string, value: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(value);
  } catch {
    return false;
  }
}

function infoOf(raw: JsonSchema, root: JsonSchema): SchemaNodeInfo {
  const schema = resolveSchema(raw, root);
  const info: SchemaNodeInfo = { schema };
  if (typeof schema.title === 'string') info.title = schema.title;
  if (typeof schema.description === 'string') info.description = schema.description;
  return info;
}

/**
 * The schema node at a document path, e.g. `['curriculum', 'weeks', 4, 'theme']` → `{title: 'Theme', …}`.
 * List segments may be indices or item ids. Returns undefined when the path leaves the schema.
 */
export function schemaNodeAt(path: readonly PathSegment[], root: JsonSchema = protocolSchema): SchemaNodeInfo | undefined {
  let node: JsonSchema = root;
  for (const segment of path) {
    const next = childOf(node, segment, root);
    if (!next) return undefined;
    node = next;
  }
  return infoOf(node, root);
}

/** The schema title of every prefix of `path` (undefined where the schema has none or the path leaves it). */
export function schemaTitlesAlong(path: readonly PathSegment[], root: JsonSchema = protocolSchema): (string | undefined)[] {
  const titles: (string | undefined)[] = [];
  let node: JsonSchema | undefined = root;
  for (const segment of path) {
    node = node ? childOf(node, segment, root) : undefined;
    titles.push(node ? infoOf(node, root).title : undefined);
  }
  return titles;
}
