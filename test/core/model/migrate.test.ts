import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { CURRENT_SCHEMA_VERSION, MigrationError, migrateDocument } from '../../../main/core/model/migrate';

const V0 = `# Draft protocol from before schemaVersion existed
meta:
  protocol_id: kelowna-kat   # site id
  version: 0.3.0
  derived_from: rtt-kat-base@1.0.0
  title: Kelowna group KaT
program:
  duration_weeks: 12   # twelve CoP weeks
  cohort_size: {min: 20, max: 30}
medicine_sessions:
  observation_min: 120
medical_monitoring:
  pre_session_bp_max: {systolic: 150, diastolic: 90}
`;

describe('migrateDocument', () => {
  it('treats a document without schemaVersion as version 0 and upgrades it to the current version', () => {
    const doc = parseDocument(V0);
    const result = migrateDocument(doc);
    expect(result).toMatchObject({ from: 0, to: CURRENT_SCHEMA_VERSION, changed: true });
    const value = doc.toJS();
    expect(value.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    expect(value.metadata).toMatchObject({ id: 'kelowna-kat', versionLabel: '0.3.0', basedOn: { protocol: 'rtt-kat-base', version: '1.0.0' } });
    expect(value.meta).toBeUndefined();
    expect(value.programme).toMatchObject({ weeks: 12, cohortSize: { min: 20, max: 30 } });
    expect(value.medicineSessions.observationMin).toBe(120);
    expect(value.monitoring.preSessionBpMax).toEqual({ systolic: 150, diastolic: 90 });
    expect(result.notes.some((n) => n.includes('metadata.protocol_id') && n.includes('metadata.id'))).toBe(true);
  });

  it('keeps comments and key order', () => {
    const doc = parseDocument(V0);
    migrateDocument(doc);
    const text = doc.toString();
    expect(text.startsWith('# Draft protocol from before schemaVersion existed\n')).toBe(true);
    expect(text).toContain('id: kelowna-kat # site id');
    expect(text).toContain('weeks: 12 # twelve CoP weeks');
    expect(text.indexOf('schemaVersion: 1')).toBeLessThan(text.indexOf('metadata:'));
    expect(Object.keys(doc.toJS().metadata)).toEqual(['id', 'versionLabel', 'basedOn', 'title']);
  });

  it('does not overwrite a key that already exists under the new name', () => {
    const doc = parseDocument('metadata:\n  id: new-id\n  protocol_id: old-id\n');
    const result = migrateDocument(doc);
    expect(doc.toJS().metadata).toEqual({ id: 'new-id', protocol_id: 'old-id' });
    expect(result.notes.some((n) => n.includes('merge them by hand'))).toBe(true);
  });

  it('reports a derived_from it cannot split', () => {
    const doc = parseDocument('meta:\n  derived_from: "the RTT one"\n');
    const result = migrateDocument(doc);
    expect(doc.toJS().metadata.basedOn).toBe('the RTT one');
    expect(result.notes.some((n) => n.includes('by hand'))).toBe(true);
  });

  it('leaves a current document untouched', () => {
    const text = 'schemaVersion: 1\nmetadata:\n  id: x # keep\n';
    const doc = parseDocument(text);
    expect(migrateDocument(doc)).toEqual({ from: 1, to: 1, changed: false, notes: [] });
    expect(doc.toString()).toBe(text);
  });

  it('refuses documents newer than this build with a clear message', () => {
    const doc = parseDocument('schemaVersion: 7\nmetadata: {}\n');
    expect(() => migrateDocument(doc)).toThrow(MigrationError);
    expect(() => migrateDocument(doc)).toThrow(/schemaVersion 7.*supports up to 1/);
  });

  it('refuses malformed versions and non-mapping documents', () => {
    expect(() => migrateDocument(parseDocument('schemaVersion: "one"\n'))).toThrow(/whole number/);
    expect(() => migrateDocument(parseDocument('schemaVersion: 1.5\n'))).toThrow(/whole number/);
    expect(() => migrateDocument(parseDocument('schemaVersion: -1\n'))).toThrow(/whole number/);
    expect(() => migrateDocument(parseDocument('- a\n- b\n'))).toThrow(/mapping/);
    expect(() => migrateDocument(parseDocument(''))).toThrow(MigrationError);
  });
});
