import { describe, expect, it } from 'vitest';
import { protocolSchema, schemaNodeAt, schemaTitlesAlong } from '../../../main/core/model/schema-info';

describe('schemaNodeAt', () => {
  it('finds titles through properties, list items and $defs references', () => {
    expect(schemaNodeAt(['curriculum', 'weeks', 4, 'theme'])?.title).toBe('Theme');
    expect(schemaNodeAt(['curriculum', 'weeks', 4])?.title).toBe('Week');
    expect(schemaNodeAt(['medicineSessions', 'routes', 0, 'max'])?.title).toBe('Maximum dose');
    expect(schemaNodeAt(['monitoring', 'preSessionBpMax', 'systolic'])?.title).toBe('Systolic (mmHg)');
    expect(schemaNodeAt(['cultural', 'blocks', 0, 'governance', 'sharing'])?.title).toBe('Sharing level');
    expect(schemaNodeAt(['cultural', 'blocks', 0, 'governance', 'keepers', 0, 'nation'])?.title).toBe('Nation');
  });

  it('keeps the title written next to a $ref over the title of the referenced definition', () => {
    const node = schemaNodeAt(['consent', 'sections', 2, 'title']);
    expect(node?.title).toBe('Title');
    expect(node?.description).toMatch(/heading/i);
    // ...while the schema returned is the resolved localized-text definition.
    expect(node?.schema?.oneOf).toBeDefined();
  });

  it('walks into oneOf branches (a translation inside localized text)', () => {
    expect(schemaNodeAt(['consent', 'sections', 0, 'title', 'ja'])?.title).toBe('Translation');
    expect(schemaNodeAt(['consent', 'sections', 0, 'title', 'not a language'])).toBeUndefined();
  });

  it('accepts item ids in place of indices (section addressing)', () => {
    expect(schemaNodeAt(['curriculum', 'weeks', 'week-5', 'theme'])?.title).toBe('Theme');
  });

  it('returns the root for an empty path and undefined off the schema', () => {
    expect(schemaNodeAt([])?.title).toBe('Protocol');
    expect(schemaNodeAt(['metadata', 'noSuchKey'])).toBeUndefined();
    expect(schemaNodeAt(['schemaVersion', 'deeper'])).toBeUndefined();
  });

  it('exposes descriptions for hover docs', () => {
    expect(schemaNodeAt(['medicineSessions', 'observationMin'])?.description).toMatch(/observation/i);
  });

  it('survives a self-referencing schema without looping', () => {
    const loop = { $defs: { a: { $ref: '#/$defs/a' } }, properties: { x: { $ref: '#/$defs/a' } } };
    expect(schemaNodeAt(['x', 'y'], loop)).toBeUndefined();
  });
});

describe('schemaTitlesAlong', () => {
  it('gives the title of each step, for labels like "Week › Theme"', () => {
    expect(schemaTitlesAlong(['curriculum', 'weeks', 4, 'theme'])).toEqual(['Curriculum', 'Weeks', 'Week', 'Theme']);
    expect(schemaTitlesAlong(['metadata', 'bogus', 'x'])).toEqual(['Metadata', undefined, undefined]);
  });
});

describe('protocolSchema', () => {
  it('is the 2020-12 schema with its $id', () => {
    expect(protocolSchema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(protocolSchema.$id).toBe('https://protocol-studio.local/schemas/protocol/v1.json');
  });
});
