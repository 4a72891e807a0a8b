/** The rules against the schema (the authority on field names) and the bundled templates. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { protocolValidator } from '../../../main/core/validate/compiled';
import { baseline, mutated, run, withCode } from './fixture';

const ROOT = join(import.meta.dirname, '../../..');
const TEMPLATES = join(ROOT, 'templates');
const templates = readdirSync(TEMPLATES).filter((f) => f.endsWith('.protocol.yaml'));

describe('rules and the schema', () => {
  it('the test baseline is a schema-valid protocol, so the rules read the schema field names', () => {
    const validate = protocolValidator();
    const ok = validate(baseline());
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });
});

describe('bundled templates', () => {
  it('are present', () => {
    expect(templates.length).toBeGreaterThan(0);
  });

  for (const file of templates) {
    const doc = parse(readFileSync(join(TEMPLATES, file), 'utf8'));

    it(`${file}: no error-severity rule diagnostics, opt-in rules included`, () => {
      const errors = run(doc).filter((d) => d.severity === 'error');
      expect(errors.map((d) => `${d.code} ${d.path.join('.')} ${d.message}`)).toEqual([]);
    });

    it(`${file}: the rules read its content (removing the BP limit and observation time is caught)`, () => {
      const broken = mutated((d) => {
        delete d.monitoring.preSessionBpMax;
        delete d.medicineSessions.observationMin;
      }, doc);
      const codes = run(broken).map((d) => d.code);
      const isKetamine = ['ketamine', 'esketamine'].includes(doc.metadata.medicine);
      expect(codes.includes('MON-01')).toBe(isKetamine);
      expect(codes.includes('MON-06')).toBe(isKetamine);
      expect(withCode(run(doc), 'RULE-ERROR')).toEqual([]);
    });
  }
});
