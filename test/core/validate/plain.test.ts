import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../main/core/diagnostics/diagnostic';
import { applyFormEdits, buildSiteForm } from '../../../main/core/form';
import { validateText } from '../../../main/core/validate';
import { explain } from '../../../main/core/validate/plain';

const RTT = readFileSync(join(__dirname, '..', '..', '..', 'templates', 'rtt-kat-12-week.protocol.yaml'), 'utf8');

function problems(text: string) {
  const { diagnostics, parsed } = validateText(text);
  return diagnostics.map((d) => ({ d, ...explain(d, parsed.value) }));
}

/** camelCase keys, dotted paths and snake_case codes are what a non-programmer should never see. */
const IDENTIFIER = /\b[a-z]+[A-Z][A-Za-z]*\b|\b\w+\.\w+\.\w+\b|\b[a-z]+_[a-z_]+\b/;

describe('problems in plain words', () => {
  const broken = RTT.replace('max: 1.5 ', 'maxx: 1.5 ')
    .replace('weeks: 12 ', 'weeks: twelve ')
    .replace('delivery: hybrid', 'delivery: hybird')
    .replace('versionLabel: 1.0.0', 'versionLabel: 1.0')
    .replace(/ {4}name: "SITE: your clinic or program name".*\n/, '');

  it('words every schema problem without key names and offers the obvious fix', () => {
    const all = problems(broken);
    for (const p of all) expect(p.plain, p.d.message).not.toMatch(IDENTIFIER);

    const typo = all.find((p) => p.d.code === 'SCHEMA-UNKNOWN-KEY')!;
    expect(typo.plain).toBe('“maxx” is not something the studio knows in Routes and doses: IM · mg/kg. It looks like a misspelling of Maximum dose.');
    expect(typo.fix).toMatchObject({ kind: 'replace', text: 'max', label: 'Use Maximum dose' });

    const weeks = all.find((p) => p.d.code === 'SCHEMA-TYPE' && p.d.path.join('.') === 'programme.weeks')!;
    expect(weeks.plain).toBe('Length (weeks) should be a whole number, but it is text "twelve".');
    expect(weeks.fix.kind).toBe('goto');

    const delivery = all.find((p) => p.d.code === 'SCHEMA-ENUM')!;
    expect(delivery.plain).toBe('Delivery must be one of: in person, virtual, hybrid (it is text "hybird").');
    expect(delivery.fix).toMatchObject({ kind: 'replace', text: 'hybrid' });

    const version = all.find((p) => p.d.path.join('.') === 'metadata.versionLabel')!;
    expect(version.fix).toMatchObject({ kind: 'replace', text: '"1.0"' });
  });

  it('applies each replace fix at its range and the problem goes away', () => {
    const lines = broken.split('\n');
    for (const p of problems(broken)) {
      if (p.fix.kind !== 'replace') continue;
      const { start, end } = p.fix.range;
      expect(start.line).toBe(end.line);
      const line = lines[start.line - 1]!;
      lines[start.line - 1] = line.slice(0, start.column - 1) + p.fix.text + line.slice(end.column - 1);
    }
    const codes = problems(lines.join('\n')).map((p) => p.d.code);
    expect(codes).not.toContain('SCHEMA-UNKNOWN-KEY');
    expect(codes).not.toContain('SCHEMA-ENUM');
    expect(codes.filter((c) => c === 'SCHEMA-TYPE')).toHaveLength(1);
  });

  it('inserts a missing text as a placeholder that the site checklist then lists', () => {
    const missing = problems(broken).find((p) => p.d.code === 'SCHEMA-REQUIRED')!;
    expect(missing.plain).toBe('Site needs site name.');
    expect(missing.fix).toMatchObject({ kind: 'insert', path: ['metadata', 'site', 'name'] });
    if (missing.fix.kind !== 'insert') throw new Error('expected an insert');
    const fixed = applyFormEdits(broken, [{ op: 'set', path: missing.fix.path, value: missing.fix.value }]);
    const { diagnostics, parsed } = validateText(fixed);
    expect(diagnostics.some((d) => d.code === 'SCHEMA-REQUIRED')).toBe(false);
    expect(buildSiteForm(parsed, diagnostics).placeholders.find((p) => p.key === 'metadata.site.name')?.decision).toBe('site-name');
  });

  it('takes internal names out of rule messages and names list items by their title', () => {
    const root = { cultural: { blocks: [{ id: 'opening-circle', title: { en: 'Opening circle' } }] } };
    const d: Diagnostic = {
      severity: 'warning',
      code: 'CULT-03',
      message: 'Cultural block "opening-circle" does not name the Nation or community it comes from (governance.origin)',
      help: '',
      path: ['cultural', 'blocks', 0],
      range: { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } },
    };
    expect(explain(d, root).plain).toBe('Cultural block “Opening circle” does not name the Nation or community it comes from.');
    const route = { ...d, code: 'DOSE-09', message: 'SL is one of several routes but has no equivalenceNote', path: [] };
    expect(explain(route, root).plain).toBe('SL is one of several routes but has no equivalence note.');
  });
});
