import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { addCycle, CycleEditError, cyclesOf, removeCycle, setVersionLabel, updateCycle } from '../../../main/core/qi';

const scratch = readFileSync(new URL('../../fixtures/scratch/individual-esketamine.protocol.yaml', import.meta.url), 'utf8');

const withCycles = `schemaVersion: 1
metadata:
  id: p
  versionLabel: 1.0.0 # bumped at each release
qi:
  indicators:
    - {id: attendance, text: Attendance}
  # PDSA cycles, oldest first
  cycles:
    - id: baseline   # the model's own first cycle
      number: 1
      aim: Establish baselines.
      decision: pending
  # indicators are reviewed monthly
references: []
`;

describe('QI cycles in the text', () => {
  it('creates qi: and cycles: when the protocol has none, leaving every other byte', () => {
    const { text, cycle } = addCycle(scratch, { aim: 'Fewer missed second doses', start: '2026-03-01' });
    expect(text.startsWith(scratch)).toBe(true);
    expect(cycle).toMatchObject({ id: 'cycle-1', number: 1, start: '2026-03-01', decision: 'pending', aim: 'Fewer missed second doses' });
    expect(cyclesOf(parse(text))).toHaveLength(1);
  });

  it('appends after the last cycle, keeping comments, key order and the next number', () => {
    const { text, cycle } = addCycle(withCycles, { aim: 'Shorter wait: after dosing', start: '2026-04-01', end: '2026-06-30', rationale: 'Two # signs and "quotes"', note: 'Moved here from the workspace records' });
    expect(cycle).toMatchObject({ id: 'cycle-2', number: 2, end: '2026-06-30', rationale: 'Two # signs and "quotes"', aim: 'Shorter wait: after dosing' });
    for (const comment of ['# bumped at each release', '# PDSA cycles, oldest first', '# the model\'s own first cycle', '# indicators are reviewed monthly']) expect(text).toContain(comment);
    // The new entry sits inside the list, before the comment that follows it and before `references`.
    expect(text.indexOf('- id: cycle-2')).toBeGreaterThan(text.indexOf('decision: pending'));
    expect(text.indexOf('- id: cycle-2')).toBeLessThan(text.indexOf('# indicators are reviewed monthly'));
    expect(text).toContain('    # Moved here from the workspace records\n    - id: cycle-2\n');
    expect(Object.keys(parse(text) as object)).toEqual(['schemaVersion', 'metadata', 'qi', 'references']);
    expect(text.replace(/ {4}# Moved[^\n]*\n {4}- id: cycle-2\n( {6}[^\n]*\n)+/, '')).toBe(withCycles);
  });

  it('adds cycles: under an existing qi: map', () => {
    const src = 'schemaVersion: 1\nqi:\n  indicators: []\nmetadata: {id: p}\n';
    const { text } = addCycle(src, { id: 'wait', aim: 'Shorter wait', start: '2026-04-01' });
    expect(parse(text)).toEqual({ schemaVersion: 1, qi: { indicators: [], cycles: [{ id: 'wait', number: 1, start: '2026-04-01', aim: 'Shorter wait', decision: 'pending' }] }, metadata: { id: 'p' } });
  });

  it('refuses a duplicate id, a bad date, an end before the start, an empty aim and unreadable YAML', () => {
    expect(() => addCycle(withCycles, { id: 'baseline', aim: 'x', start: '2026-01-01' })).toThrow(/already has a QI cycle "baseline"/);
    expect(() => addCycle(withCycles, { aim: 'x', start: '2026-13-01' })).toThrow(CycleEditError);
    expect(() => addCycle(withCycles, { aim: 'x', start: '2026-05-01', end: '2026-04-01' })).toThrow(/before it starts/);
    expect(() => addCycle(withCycles, { aim: '  ', start: '2026-05-01' })).toThrow(/needs an aim/);
    expect(() => addCycle('a: [', { aim: 'x', start: '2026-05-01' })).toThrow(/does not parse/);
  });

  it('updates and removes one cycle by id, other bytes kept', () => {
    const { text } = updateCycle(withCycles, 'baseline', { end: '2026-03-31', decision: 'adopt', findings: 'Attendance 88 %' });
    expect(text).toContain('- id: baseline   # the model\'s own first cycle');
    expect(cyclesOf(parse(text))[0]).toMatchObject({ end: '2026-03-31', decision: 'adopt', findings: 'Attendance 88 %' });
    expect(() => updateCycle(withCycles, 'nope', { decision: 'adopt' })).toThrow(/no QI cycle "nope"/);
    expect(() => updateCycle(text, 'baseline', { start: '2026-04-01' })).toThrow(/before it starts/);
    const two = addCycle(withCycles, { aim: 'Second', start: '2026-04-01' }).text;
    expect(removeCycle(two, 'cycle-2')).toBe(withCycles);
  });

  it('writes findings as prose: an empty value removes them, and localized findings keep their other languages', () => {
    const { text } = updateCycle(withCycles, 'baseline', { findings: '  Attendance 88 %  ' });
    expect(cyclesOf(parse(text))[0]!.findings).toBe('Attendance 88 %');
    expect(updateCycle(text, 'baseline', { findings: '' }).text).toBe(withCycles);
    expect(updateCycle(withCycles, 'baseline', { findings: '' }).text).toBe(withCycles);
    const localized = withCycles.replace('      decision: pending\n', '      findings: {en: Attendance 80 %, ja: 出席率 80 %}\n      decision: pending\n');
    const out = updateCycle(localized, 'baseline', { findings: 'Attendance 88 %' }).text;
    expect(cyclesOf(parse(out))[0]!.findings).toEqual({ en: 'Attendance 88 %', ja: '出席率 80 %' });
    expect(out.replace('Attendance 88 %', 'Attendance 80 %')).toBe(localized);
  });

  it('writes the version label in place, keeping its comment', () => {
    const text = setVersionLabel(withCycles, '1.1.0');
    expect(text).toBe(withCycles.replace('versionLabel: 1.0.0', 'versionLabel: 1.1.0'));
    expect((parse(setVersionLabel(scratch.replace('  versionLabel: 1.0.0\n', ''), '2.0.0')) as { metadata: { versionLabel: string } }).metadata.versionLabel).toBe('2.0.0');
  });
});
