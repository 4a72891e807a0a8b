import { describe, expect, it } from 'vitest';
import { isRuleActive, listRules, RULES, runRules } from '../../../main/core/rules/index';
import { DEFAULT_REFERENCE, mergeReferenceValues } from '../../../main/core/rules/reference';
import type { Rule } from '../../../main/core/rules/types';
import { baseline, DUMMY_RANGE, mutated, NOW, run, withCode, type Doc } from './fixture';

describe('rule catalogue', () => {
  it('has the 46 rules of the domain table plus READ-01, the PO/IN and no-reference dose rules (DOSE-10/11) and the translation rules (TRANS-01/02), with unique ids', () => {
    const ids = listRules().map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(51);
    expect(ids).toContain('READ-01');
  });

  it("marks the domain note's opt-in rules, less MON-02 (on by default), leaving a default set of 38 table rules", () => {
    const optIn = listRules().filter((r) => r.optIn).map((r) => r.id).sort();
    expect(optIn).toEqual(['CONS-03', 'CULT-06', 'DOSE-08', 'DOSE-09', 'GRP-03', 'GRP-04', 'MEAS-02', 'SESS-01', 'SESS-04', 'SETT-02', 'TRANS-02']);
    expect(listRules().filter((r) => !r.optIn && r.family !== 'readability' && r.family !== 'translation')).toHaveLength(38);
  });

  // SESS-03 is an error until a spacing justification makes it a warning (issue #12), not the table's W/I.
  it('uses the table severities (SESS-03 an error, DOSE-10 a warning, DOSE-11 a note): 21 errors, 23 warnings, 4 infos', () => {
    const table = listRules().filter((r) => r.family !== 'readability' && r.family !== 'translation');
    const count = (s: string) => table.filter((r) => r.severity === s).length;
    expect([count('error'), count('warning'), count('info')]).toEqual([21, 23, 4]);
  });

  it('cites a source with an evidence tag in every rule help', () => {
    for (const r of listRules()) expect(r.help, r.id).toMatch(/Sources?: .*\[[VBKU][:\]]/);
  });
});

describe('runRules', () => {
  it('finds nothing on the clean baseline, opt-in rules included', () => {
    expect(run(baseline()).map((d) => `${d.code} ${d.message}`)).toEqual([]);
  });

  it('turns findings into diagnostics with the rule help, the path and rangeOf(path)', () => {
    const seen: unknown[] = [];
    const doc = mutated((d) => (d.medicineSessions.routes[0].max = 1.8));
    const [diag, ...rest] = runRules({ doc, rangeOf: (p) => (seen.push(p), { start: { line: 7, column: 3 }, end: { line: 7, column: 6 } }) });
    expect(rest).toEqual([]);
    expect(diag).toMatchObject({ code: 'DOSE-01', severity: 'warning', path: ['medicineSessions', 'routes', 0, 'max'], range: { start: { line: 7, column: 3 } } });
    expect(diag!.help).toBe(RULES.find((r) => r.id === 'DOSE-01')!.help);
    expect(seen).toContainEqual(['medicineSessions', 'routes', 0, 'max']);
  });

  it('skips opt-in rules by default and honours enabled / disabled (disabled wins)', () => {
    const doc = mutated((d) => {
      d.medicineSessions.titration = '';
      d.medicineSessions.routes[0].max = 1.8;
    });
    const codes = (o: Parameters<typeof run>[1]) => run(doc, { includeOptIn: false, ...o }).map((d) => d.code);
    expect(codes({})).toEqual(['DOSE-01']);
    expect(codes({ enabled: ['DOSE-09'] })).toEqual(expect.arrayContaining(['DOSE-01', 'DOSE-09']));
    expect(codes({ disabled: ['DOSE-01'] })).toEqual([]);
    expect(codes({ enabled: ['dose'], disabled: ['dose'] })).toEqual([]);
    const optIn = RULES.find((r) => r.id === 'DOSE-09')!;
    expect(isRuleActive(optIn, { includeOptIn: true, disabled: ['DOSE-09'] })).toBe(false);
  });

  it('reports a throwing rule as RULE-ERROR and still runs the others', () => {
    const broken: Rule = {
      id: 'TEST-01',
      family: 'dose',
      severity: 'warning',
      title: 'Broken rule',
      help: 'x',
      check: () => {
        throw new Error('boom');
      },
    };
    const doc = mutated((d) => (d.medicineSessions.routes[0].max = 1.8));
    const diags = run(doc, { rules: [broken, ...RULES] });
    expect(withCode(diags, 'RULE-ERROR')).toEqual([
      expect.objectContaining({ severity: 'error', path: [], range: DUMMY_RANGE, message: expect.stringMatching(/TEST-01 .*could not run: boom/) }),
    ]);
    expect(withCode(diags, 'DOSE-01')).toHaveLength(1);
  });

  it('sorts diagnostics by position then severity', () => {
    const doc = mutated((d) => {
      delete d.monitoring.preSessionBpMax;
      d.medicineSessions.routes[0].max = 1.8;
    });
    const lines: Record<string, number> = { monitoring: 9, medicineSessions: 4 };
    const diags = runRules({ doc, rangeOf: (p) => ({ start: { line: lines[String(p[0])] ?? 1, column: 1 }, end: { line: 1, column: 1 } }) });
    expect(diags.map((d) => d.code)).toEqual(['DOSE-01', 'MON-01']);
  });
});

describe('reference values', () => {
  it('site overrides change the outcome (IM max raised to 2 mg/kg)', () => {
    const doc = mutated((d) => (d.medicineSessions.routes[0].max = 1.8));
    expect(withCode(run(doc), 'DOSE-01')).toHaveLength(1);
    expect(withCode(run(doc, { reference: { dose: { ketamine: { IM: { max: 2 } } } } }), 'DOSE-01')).toEqual([]);
    const stricter = run(baseline(), { reference: { monitoring: { observationMin: 180 } } });
    expect(withCode(stricter, 'MON-06')[0]?.message).toMatch(/120 minutes is under the 180 minutes/);
    const lists = run(baseline(), { reference: { consent: { requiredElements: ['recording'] } } });
    expect(withCode(lists, 'CONS-01').map((d) => d.message)).toEqual([expect.stringMatching(/recording/)]);
  });

  it('deep-merges overrides, replaces lists, and ignores wrong types, unknown and unsafe keys', () => {
    const merged = mergeReferenceValues({
      dose: { ketamine: { IM: { max: 2, min: 'low' } } },
      setting: { ivRestrictedJurisdictions: ['CA-MB'] },
      sessions: { minGapDays: Number.NaN },
      monitoring: { equipment: [1, 2] },
      unknown: { x: 1 },
      ['__proto__']: { polluted: true },
    } as Record<string, unknown>);
    expect(merged.dose.ketamine.IM).toMatchObject({ max: 2, min: 0.5, anaestheticMin: 4 });
    expect(merged.setting.ivRestrictedJurisdictions).toEqual(['CA-MB']);
    expect(merged.sessions.minGapDays).toBe(7);
    expect(merged.monitoring.equipment).toEqual(DEFAULT_REFERENCE.monitoring.equipment);
    expect(merged).not.toHaveProperty('unknown');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(DEFAULT_REFERENCE.dose.ketamine.IM.max).toBe(1.5);
    expect(mergeReferenceValues(undefined)).toBe(DEFAULT_REFERENCE);
  });
});

describe('robustness', () => {
  const GARBAGE: unknown[] = [null, 42, 'text', [], {}, [null, 7], true];
  // One value of each wrong kind: absent, number, string, list with bad items, empty object.
  const NODE_GARBAGE: unknown[] = [null, 42, 'text', [null, 7], {}];

  it('never throws or reports RULE-ERROR on garbage documents', () => {
    for (const doc of [...GARBAGE, { metadata: 5 }, { metadata: { medicine: 'ketamine' }, medicineSessions: { routes: [null, 5, 'x', { route: 5, unit: [], min: 'a' }], weeks: 'x' }, monitoring: null }]) {
      const diags = runRules({ doc, rangeOf: () => DUMMY_RANGE, now: NOW }, { includeOptIn: true });
      expect(withCode(diags, 'RULE-ERROR'), JSON.stringify(doc)).toEqual([]);
    }
  });

  it('never throws or reports RULE-ERROR when any node of the baseline is replaced by garbage', () => {
    const paths: (string | number)[][] = [];
    const walk = (node: unknown, path: (string | number)[]) => {
      paths.push(path);
      if (node && typeof node === 'object' && !(node instanceof Date))
        for (const [k, v] of Object.entries(node)) walk(v, [...path, Array.isArray(node) ? Number(k) : k]);
    };
    walk(baseline(), []);
    expect(paths.length).toBeGreaterThan(200);
    const base = baseline();
    for (const path of paths.slice(1)) {
      for (const value of NODE_GARBAGE) {
        const doc = structuredClone(base) as Doc;
        let parent = doc;
        for (const key of path.slice(0, -1)) parent = parent[key];
        parent[path[path.length - 1]!] = structuredClone(value);
        const errors = withCode(run(doc), 'RULE-ERROR');
        if (errors.length > 0) throw new Error(`${path.join('.')} = ${JSON.stringify(value)}: ${errors[0]!.message}`);
      }
    }
  });
});
