/** Hostile input: every case ends with a located diagnostic (or a file-level one), never a throw or a hang. */
import { describe, expect, it } from 'vitest';
import { LIMITS, parseProtocolBytes } from '../../../main/core/parse';
import { validateBytes, validateText } from '../../../main/core/validate';
import { billionLaughs } from './hostile-inputs';

const codes = (text: string) => validateText(text).diagnostics.map((d) => d.code);

describe('hostile input', () => {
  it('stops an alias bomb at the alias that crosses the limit', () => {
    const text = billionLaughs();
    const { diagnostics, parsed } = validateText(text);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ severity: 'error', code: 'YAML-ALIAS-LIMIT' });
    expect(diagnostics[0]!.range.start.line).toBeGreaterThan(1);
    expect(parsed.value).toBeNull();
  });

  it('refuses aliases that contain themselves', () => {
    expect(codes('a: &x [1, *x]\n')).toEqual(['YAML-ALIAS-LIMIT']);
  });

  it('refuses 10,000 levels of [ and of {, at the level that crosses the limit', () => {
    const brackets = validateText('['.repeat(10_000)).diagnostics;
    expect(brackets.map((d) => d.code)).toEqual(['YAML-TOO-DEEP']);
    expect(brackets[0]!.range.start).toEqual({ line: 1, column: LIMITS.maxDepth + 1 });
    const braces = 'a: ' + '{a: '.repeat(10_000) + '1' + '}'.repeat(10_000);
    expect(codes(braces)).toEqual(['YAML-TOO-DEEP']);
  });

  it('refuses deep block nesting and long runs of lists opened on one line', () => {
    const indented = Array.from({ length: 400 }, (_, i) => `${' '.repeat(i)}a:`).join('\n');
    expect(codes(indented)).toEqual(['YAML-TOO-DEEP']);
    const compact = Array.from({ length: 2000 }, (_, i) => `${'- '.repeat(i)}x`).join('\n');
    const d = validateText(compact).diagnostics;
    expect(d.map((x) => x.code)).toEqual(['YAML-TOO-DEEP']);
    expect(d[0]!.range.start.line).toBe(LIMITS.maxCompactRun + 2);
  });

  it('refuses a 200,000-key file with a file-level size error', () => {
    const text = Array.from({ length: 200_000 }, (_, i) => `k${i}: ${i}`).join('\n');
    const d = validateText(text).diagnostics;
    expect(d.map((x) => x.code)).toEqual(['YAML-TOO-LARGE']);
    expect(d[0]!.message).toMatch(/more than 100,000 lines/);
  });

  it('refuses files past the byte limit before parsing', () => {
    const d = parseProtocolBytes(new Uint8Array(LIMITS.maxBytes + 1).fill(0x61)).diagnostics;
    expect(d.map((x) => [x.code, x.range.start.line])).toEqual([['YAML-TOO-LARGE', 1]]);
  });

  it('reads a 2 MB single line and reports it as too long at that line', () => {
    const text = `schemaVersion: 1\nmetadata:\n  id: x\n  title: ${'x'.repeat(2_000_000)}\n  versionLabel: 1.0.0\n  status: draft\n  medicine: ketamine\n`;
    const d = validateText(text, { rules: false }).diagnostics;
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ code: 'SCHEMA-RANGE', path: ['metadata', 'title'], range: { start: { line: 4, column: 10 } } });
    expect(d[0]!.message).toMatch(/too long \(2000000 characters; at most 50000\)/);
  });

  it('locates NUL bytes and other control characters', () => {
    const d = validateText('a: "x\0y"\nb: ok\x07\n').diagnostics.filter((x) => x.code.startsWith('YAML-'));
    expect(d.map((x) => [x.code, x.range.start.line, x.range.start.column])).toEqual([
      ['YAML-NUL', 1, 6],
      ['YAML-CONTROL-CHAR', 2, 6],
    ]);
  });

  it('locates invalid UTF-8 by line and column', () => {
    const bytes = Buffer.concat([Buffer.from('schemaVersion: 1\ntitle: café '), Buffer.from([0xc3, 0x28]), Buffer.from('\n')]);
    const d = validateBytes(bytes).diagnostics;
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ code: 'YAML-INVALID-UTF8', range: { start: { line: 2, column: 13 } } });
    expect(d[0]!.message).toMatch(/byte 30 \(0xc3\)/);
  });

  it('refuses binary files at the file level', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    expect(validateBytes(png).diagnostics[0]).toMatchObject({ code: 'YAML-BINARY', message: expect.stringMatching(/PNG/) });
    const noise = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256);
    expect(validateBytes(noise).diagnostics.map((d) => d.code)).toEqual(['YAML-BINARY']);
  });

  it('reads UTF-16 files that start with a byte-order mark', () => {
    const text = 'schemaVersion: 1\nmetadata: {id: x}\n';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    expect(parseProtocolBytes(le).value).toEqual({ schemaVersion: 1, metadata: { id: 'x' } });
  });

  it('strips a UTF-8 byte-order mark', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('a: 1\n')]);
    expect(parseProtocolBytes(bytes)).toMatchObject({ value: { a: 1 }, diagnostics: [] });
  });
});

describe('hostile input through validateText', () => {
  it('reports the structural attacks with their YAML codes', () => {
    const cases: Array<[string, string]> = [
      ['a: 1\na: 2\n', 'YAML-DUPLICATE-KEY'],
      ['a:\n\tb: 1\n', 'YAML-TAB'],
      ['a: 1\n---\nb: 2\n', 'YAML-MULTI-DOC'],
      ['a: !!js/function "function () {}"\n', 'YAML-UNKNOWN-TAG'],
      ['a: {__proto__: {polluted: 1}}\n', 'YAML-UNSAFE-KEY'],
      ['a: [1, 2\n', 'YAML-SYNTAX'],
    ];
    for (const [text, code] of cases) expect(codes(text), text).toContain(code);
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('summarises a flood of schema errors instead of listing 20,000', () => {
    const items = Array.from({ length: 20_000 }, (_, i) => `  - {id: t${i}, role: other, title: [${i}]}`).join('\n');
    const text = `schemaVersion: 1\nmetadata: {id: t, title: T, versionLabel: 1.0.0, status: draft, medicine: ketamine}\nteam:\n${items}\n`;
    const d = validateText(text, { rules: false }).diagnostics;
    expect(d.length).toBe(LIMITS.maxReported + 1);
    expect(d.find((x) => x.code === 'SCHEMA-TYPE')).toMatchObject({ path: ['team', 0, 'title'], range: { start: { line: 4 } } });
    expect(d.some((x) => /and 19800 more schema problems/.test(x.message))).toBe(true);
  });

  it('summarises 30,000 bad language keys in one localized text', () => {
    const keys = Array.from({ length: 30_000 }, (_, i) => `    bad_${i}: x`).join('\n');
    const text = `schemaVersion: 1\nmetadata:\n  id: t\n  versionLabel: 1.0.0\n  status: draft\n  medicine: ketamine\n  title:\n${keys}\n`;
    const d = validateText(text, { rules: false }).diagnostics;
    expect(d.length).toBe(LIMITS.maxReported + 1);
    expect(d.find((x) => x.code === 'SCHEMA-UNKNOWN-KEY')).toMatchObject({ path: ['metadata', 'title', 'bad_0'], range: { start: { line: 8, column: 5 } } });
    expect(d.some((x) => /and 29800 more schema problems/.test(x.message))).toBe(true);
  });

  it('checks consent text made of 300,000 brackets or blank lines (rules included)', () => {
    for (const body of ['['.repeat(300_000), '\\n'.repeat(300_000)]) {
      const text = `schemaVersion: 1\nmetadata: {id: t, title: T, versionLabel: 1.0.0, status: draft, medicine: ketamine}\nconsent:\n  sections:\n    - {id: risks, element: risks, title: Risks, text: "${body}"}\n`;
      const d = validateText(text).diagnostics;
      expect(d.find((x) => x.code === 'SCHEMA-RANGE')).toMatchObject({ path: ['consent', 'sections', 0, 'text'], range: { start: { line: 5 } } });
      expect(d.some((x) => x.code === 'CONS-01')).toBe(true);
    }
  });
});
