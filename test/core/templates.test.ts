import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { ProtocolDocument } from '../../main/core/model/protocol';
import { protocolValidator } from '../../main/core/validate/compiled';
import { validateText } from '../../main/core/validate/index';
import { listTemplates, readTemplate, templatesDir } from '../../main/templates';

const validate = protocolValidator();

const templates = listTemplates();
const parsed = templates.map((t) => {
  const lineCounter = new LineCounter();
  const text = readTemplate(t.id);
  const doc = parseDocument(text, { lineCounter, prettyErrors: true });
  return { info: t, text, doc, value: doc.toJS() as ProtocolDocument };
});

/** Lists of objects with ids anywhere in the document, with their paths. */
function* idLists(value: unknown, path: string): Generator<[string, string[]]> {
  if (Array.isArray(value)) {
    const ids = value.filter((v) => v && typeof v === 'object' && 'id' in v).map((v) => String((v as { id: unknown }).id));
    if (ids.length > 0) yield [path, ids];
    for (const [i, v] of value.entries()) yield* idLists(v, `${path}[${i}]`);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) yield* idLists(v, `${path}.${k}`);
  }
}

describe('listTemplates / readTemplate', () => {
  it('lists the bundled templates with their summary fields', () => {
    const ids = templates.map((t) => t.id);
    expect(ids).toEqual(expect.arrayContaining(['rtt-kat-12-week', 'first-responder-6-week', 'individual-intensive-kap']));
    const rtt = templates.find((t) => t.id === 'rtt-kat-12-week');
    expect(rtt).toMatchObject({ protocolId: 'rtt-kat-base', file: 'rtt-kat-12-week.protocol.yaml', medicine: 'ketamine', format: 'group', weeks: 12 });
    expect(rtt?.title).toMatch(/12 weeks/);
    expect(templates.find((t) => t.id === 'individual-intensive-kap')?.format).toBe('individual');
  });

  it('reads a template byte for byte', () => {
    expect(readTemplate('first-responder-6-week')).toBe(readFileSync(join(templatesDir(), 'first-responder-6-week.protocol.yaml'), 'utf8'));
  });

  it('refuses unknown and path-like ids with a clear message', () => {
    expect(() => readTemplate('no-such-template')).toThrow(/No template "no-such-template".*rtt-kat-12-week/);
    expect(() => readTemplate('../package')).toThrow(/Not a template id/);
  });
});

describe.each(parsed.map((p) => [p.info.id, p] as const))('template %s', (_id, { text, doc, value }) => {
  it('starts with the yaml-language-server schema modeline', () => {
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../schemas/protocol.schema.json');
  });

  it('parses without YAML errors or warnings', () => {
    expect(doc.errors).toEqual([]);
    expect(doc.warnings).toEqual([]);
  });

  it('is valid against the protocol schema', () => {
    const ok = validate(value);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('has unique ids within every list', () => {
    for (const [path, ids] of idLists(value, '$')) {
      expect(new Set(ids).size, `duplicate id in ${path}`).toBe(ids.length);
    }
  });

  it('refers only to team roles, cultural blocks, measures and indicators that exist', () => {
    const team = new Set((value.team ?? []).map((r) => r.id));
    const blocks = new Set((value.cultural?.blocks ?? []).map((b) => b.id));
    const measures = new Set((value.measures ?? []).map((m) => m.id));
    const indicators = new Set((value.qi?.indicators ?? []).map((i) => i.id));
    const missing: string[] = [];
    const need = (set: Set<string>, ids: string[] | undefined, where: string) => {
      for (const id of ids ?? []) if (!set.has(id)) missing.push(`${where}: ${id}`);
    };
    need(team, value.programme?.facilitatorsPerSmallGroup?.roles, 'facilitatorsPerSmallGroup');
    need(team, value.medicineSessions?.inSessionRoles, 'inSessionRoles');
    need(team, value.medicineSessions?.integration?.facilitators, 'integration');
    for (const week of value.curriculum?.weeks ?? []) {
      need(blocks, week.culturalRefs, week.id);
      for (const seg of week.segments ?? []) {
        need(team, seg.facilitators, seg.id);
        need(blocks, seg.culturalRefs, seg.id);
      }
    }
    need(blocks, (value.consent?.ceremony?.elements ?? []).flatMap((e) => (e.blockRef ? [e.blockRef] : [])), 'ceremony');
    for (const cycle of value.qi?.cycles ?? []) {
      need(measures, cycle.measures, cycle.id);
      need(indicators, cycle.indicators, cycle.id);
    }
    expect(missing).toEqual([]);
  });

  it('schedules medicine sessions consistently with the curriculum', () => {
    const sessions = value.medicineSessions;
    expect(sessions?.weeks?.length).toBe(sessions?.count);
    const flagged = (value.curriculum?.weeks ?? []).filter((w) => w.medicineSession).map((w) => w.week);
    expect(flagged).toEqual([...new Set(sessions?.weeks)]);
    expect(value.curriculum?.weeks?.length).toBe(value.programme?.weeks);
  });

  it('passes the full validation pipeline (parse, schema, rules) without errors', () => {
    const errors = validateText(text).diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => `${d.code} ${d.path.join('.')}: ${d.message}`)).toEqual([]);
    // The rules really check this template: taking out the BP maximum must raise MON-01.
    const withoutBp = parseDocument(text);
    withoutBp.deleteIn(['monitoring', 'preSessionBpMax']);
    expect(validateText(withoutBp.toString()).diagnostics.map((d) => d.code)).toContain('MON-01');
  });
});

describe('RTT template specifics', () => {
  const rtt = parsed.find((p) => p.info.id === 'rtt-kat-12-week');
  if (!rtt) throw new Error('RTT template missing');
  const value = rtt.value;

  it('is the largest template', () => {
    const lines = rtt.text.split('\n').length;
    expect(lines).toBeGreaterThan(800);
    for (const other of parsed) expect(other.text.split('\n').length).toBeLessThanOrEqual(lines);
  });

  it('covers all 19 consent elements, titled in English and Japanese', () => {
    const sections = value.consent?.sections ?? [];
    expect(new Set(sections.map((s) => s.element)).size).toBe(19);
    expect(value.metadata.languages).toEqual(['en', 'ja']);
    for (const s of sections) {
      expect(typeof s.title === 'object' && s.title.en && s.title.ja, s.id).toBeTruthy();
    }
  });

  it('keeps three sessions in weeks 5, 7 and 9 with the RTT dose ranges', () => {
    expect(value.medicineSessions?.weeks).toEqual([5, 7, 9]);
    const routes = Object.fromEntries((value.medicineSessions?.routes ?? []).map((r) => [r.route, r]));
    expect(routes.IM).toMatchObject({ unit: 'mg/kg', min: 0.5, max: 1.5 });
    expect(routes.SL).toMatchObject({ unit: 'mg', min: 100, max: 300 });
  });

  it('marks unverified RTT values with evidence comments', () => {
    expect(rtt.text).toMatch(/min: 0\.5 +# \[B\]/);
    expect(rtt.text).toMatch(/smallGroupSize: .*# \[B\]/);
    expect(rtt.text).toMatch(/# SITE:/);
  });

  it('keeps ceremony as secret_sacred placeholders and teachings marked "example – not RTT"', () => {
    const blocks = value.cultural?.blocks ?? [];
    const sacred = blocks.filter((b) => b.governance.sharing === 'secret_sacred');
    expect(sacred.length).toBeGreaterThan(0);
    for (const b of sacred) expect(b.text).toBeUndefined();
    const teachings = blocks.filter((b) => b.type === 'teaching');
    expect(teachings.length).toBeGreaterThan(0);
    for (const b of teachings) expect(JSON.stringify(b.title)).toContain('example – not RTT');
    expect(blocks.some((b) => b.governance.sharing === 'community_only')).toBe(true);
  });
});
