import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { protocolSchema, type JsonSchema } from '../../../main/core/model/schema-info';

function compile() {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(protocolSchema);
}

/** Every schema object that describes document shape, with a readable location (conditions under if/then are constraints, not shape). */
function* schemaNodes(node: unknown, where = '#'): Generator<[JsonSchema, string]> {
  if (Array.isArray(node)) {
    for (const [i, n] of node.entries()) yield* schemaNodes(n, `${where}/${i}`);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const schema = node as JsonSchema;
  yield [schema, where];
  for (const [key, value] of Object.entries(schema)) {
    if (['examples', 'default', 'enum', 'const', 'if', 'then', 'else', 'not'].includes(key)) continue;
    yield* schemaNodes(value, `${where}/${key}`);
  }
}

const minimal = (medicine: string, extra: Record<string, unknown> = {}) => ({
  schemaVersion: 1,
  metadata: { id: `${medicine}-test`, title: 'Test', versionLabel: '1.0.0', status: 'draft', medicine },
  ...extra,
});

describe('protocol schema', () => {
  const validate = compile();

  it('gives every property a title and a description', () => {
    const missing: string[] = [];
    for (const [schema, where] of schemaNodes(protocolSchema)) {
      const props = schema.properties;
      if (!props || typeof props !== 'object') continue;
      for (const [name, prop] of Object.entries(props as Record<string, JsonSchema>)) {
        if (typeof prop.title !== 'string' || prop.title.trim() === '') missing.push(`${where}/properties/${name} title`);
        if (typeof prop.description !== 'string' || prop.description.trim() === '') missing.push(`${where}/properties/${name} description`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('rejects unknown keys on every object that lists its properties', () => {
    const open: string[] = [];
    let objects = 0;
    for (const [schema, where] of schemaNodes(protocolSchema)) {
      if (!schema.properties) continue;
      objects++;
      if (schema.additionalProperties !== false) open.push(where);
    }
    expect(objects).toBeGreaterThan(40);
    expect(open).toEqual([]);
  });

  it('accepts a minimal document for each medicine, so the medicine is not hard-coded', () => {
    for (const medicine of ['ketamine', 'esketamine', 'psilocybin', 'mdma', 'other']) {
      expect(validate(minimal(medicine)), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  it('expresses an esketamine programme (IN, fixed mg) and a psilocybin one (PO, fixed mg)', () => {
    const esketamine = minimal('esketamine', {
      medicineSessions: { count: 8, weeks: [1, 1, 2, 2, 3, 3, 4, 4], routes: [{ id: 'in', route: 'IN', unit: 'mg', min: 56, max: 84, start: 56 }] },
    });
    const psilocybin = minimal('psilocybin', {
      medicineSessions: { count: 1, weeks: [5], routes: [{ id: 'po', route: 'PO', unit: 'mg', min: 25, max: 25, start: 25 }] },
    });
    expect(validate(esketamine), JSON.stringify(validate.errors)).toBe(true);
    expect(validate(psilocybin), JSON.stringify(validate.errors)).toBe(true);
  });

  it('rejects a typo at the top level and deep inside a list item', () => {
    expect(validate({ ...minimal('ketamine'), programe: {} })).toBe(false);
    const deep = minimal('ketamine', { curriculum: { weeks: [{ id: 'week-1', week: 1, segments: [{ id: 's', kind: 'small_group', duratonMin: 80 }] }] } });
    expect(validate(deep)).toBe(false);
    expect(validate.errors?.some((e) => e.instancePath === '/curriculum/weeks/0/segments/0' && e.keyword === 'additionalProperties')).toBe(true);
  });

  it('requires schemaVersion 1 exactly', () => {
    expect(validate({ ...minimal('ketamine'), schemaVersion: 2 })).toBe(false);
    const { schemaVersion: _omit, ...noVersion } = minimal('ketamine');
    expect(validate(noVersion)).toBe(false);
  });

  it('checks ids, language codes and enums', () => {
    expect(validate(minimal('ketamine', { references: [{ id: 'Bad Id', citation: 'x' }] }))).toBe(false);
    expect(validate(minimal('ketamine', { programme: { format: 'group', weeks: 6, summary: { EN_us: 'x' } } }))).toBe(false);
    expect(validate(minimal('ketamine', { programme: { format: 'group', weeks: 6, summary: { en: 'x', 'fr-CA': 'y', 'crk-Cans': 'z' } } }))).toBe(true);
    expect(validate({ ...minimal('ketamine'), metadata: { ...minimal('ketamine').metadata, medicine: 'lsd' } })).toBe(false);
  });

  it('never stores the text of a secret_sacred block: only its placeholder', () => {
    const block = (extra: Record<string, unknown>) =>
      minimal('ketamine', { cultural: { blocks: [{ id: 'opening', type: 'opening', title: 'Opening', governance: { sharing: 'secret_sacred' }, ...extra }] } });
    expect(validate(block({ placeholder: 'Opening led by an Elder in their own way' }))).toBe(true);
    expect(validate(block({ placeholder: 'p', text: 'the words of the ceremony' }))).toBe(false);
    expect(validate(block({}))).toBe(false);
  });

  it('requires governance on cultural blocks', () => {
    expect(validate(minimal('ketamine', { cultural: { blocks: [{ id: 'b', type: 'teaching', title: 'T', text: 'x' }] } }))).toBe(false);
  });
});
