import { describe, expect, it } from 'vitest';
import { isScalar } from 'yaml';
import { parseProtocol } from '../../../main/core/parse';
import { BASE, posOf } from '../validate/fixture';

describe('parseProtocol', () => {
  it('reads a protocol into a document, a plain value and no diagnostics', () => {
    const p = parseProtocol(BASE);
    expect(p.diagnostics).toEqual([]);
    expect(p.readable).toBe(true);
    expect(p.document).not.toBeNull();
    expect(p.value).toMatchObject({ schemaVersion: 1, metadata: { id: 'test-protocol', review: { lastReviewed: '2026-01-15' } } });
    expect((p.value as { medicineSessions: { routes: { max: number }[] } }).medicineSessions.routes[1]!.max).toBe(300);
  });

  it('maps paths to the narrowest node: scalars, list items by index, keys, and missing paths', () => {
    const p = parseProtocol(BASE);
    expect(p.rangeOf(['medicineSessions', 'routes', 1, 'route'])).toEqual({ start: posOf(BASE, 'SL'), end: { ...posOf(BASE, 'SL'), column: posOf(BASE, 'SL').column + 2 } });
    expect(p.rangeOf(['medicineSessions', 'routes', 1, 'route'], 'key').start).toEqual(posOf(BASE, 'route: SL'));
    // A mapping reached through a key is shown at the key, a list item at its first line.
    expect(p.rangeOf(['metadata']).start).toEqual(posOf(BASE, 'metadata'));
    expect(p.rangeOf(['medicineSessions', 'routes', 1])).toEqual({ start: posOf(BASE, 'id: sl'), end: { line: posOf(BASE, 'id: sl').line, column: posOf(BASE, 'id: sl').column + 6 } });
    // Missing: nearest existing ancestor (its key when it has one).
    expect(p.rangeOf(['medicineSessions', 'routes', 7, 'max']).start).toEqual(posOf(BASE, 'routes'));
    expect(p.rangeOf(['metadata', 'site', 'name']).start).toEqual(posOf(BASE, 'metadata'));
    expect(p.rangeOf([]).start).toEqual({ line: 1, column: 1 });
    // List items can also be addressed by id, as sections are.
    expect(p.rangeOf(['medicineSessions', 'routes', 'sl', 'max'])).toEqual(p.rangeOf(['medicineSessions', 'routes', 1, 'max']));
    const node = p.nodeAt(['medicineSessions', 'routes', 0, 'min']);
    expect(isScalar(node) && node.value).toBe(0.5);
    expect(p.nodeAt(['medicineSessions', 'routes', 0, 'nope'])).toBeNull();
  });

  it('follows aliases when mapping paths and keeps their values', () => {
    const text = 'a: &r {min: 1, max: 2}\nb: *r\n';
    const p = parseProtocol(text);
    expect(p.diagnostics).toEqual([]);
    expect(p.value).toEqual({ a: { min: 1, max: 2 }, b: { min: 1, max: 2 } });
    expect(p.rangeOf(['b', 'max']).start).toEqual(posOf(text, '2'));
  });

  it('reports YAML syntax errors with their location and does not produce a value', () => {
    const text = 'metadata:\n  title: "unclosed\n  id: x\n';
    const p = parseProtocol(text);
    expect(p.readable).toBe(false);
    expect(p.value).toBeNull();
    expect(p.diagnostics.length).toBeGreaterThan(0);
    expect(p.diagnostics.every((d) => d.code === 'YAML-SYNTAX' && d.range.start.line >= 2)).toBe(true);
  });

  it('reports duplicate keys at the second key and keeps the first value', () => {
    const text = 'a: 1\nb: 2\na: 3\n';
    const p = parseProtocol(text);
    expect(p.diagnostics).toHaveLength(1);
    expect(p.diagnostics[0]).toMatchObject({ code: 'YAML-DUPLICATE-KEY', message: 'Duplicate key "a" (first set on line 1)', range: { start: { line: 3, column: 1 } } });
    expect(p.value).toEqual({ a: 1, b: 2 });
  });

  it('reports tabs used as indentation', () => {
    const p = parseProtocol('metadata:\n\tid: x\n');
    expect(p.diagnostics[0]).toMatchObject({ code: 'YAML-TAB', range: { start: { line: 2, column: 1 } } });
  });

  it('refuses several documents in one file, at the second one', () => {
    const p = parseProtocol('a: 1\n---\nb: 2\n');
    expect(p.readable).toBe(false);
    expect(p.diagnostics.map((d) => [d.code, d.range.start.line])).toEqual([['YAML-MULTI-DOC', 2]]);
  });

  it('flags custom tags at the tag and never builds or runs them', () => {
    const text = 'a: !!js/function "function () { globalThis.pwned = 1 }"\nb: !!binary aGVsbG8=\nc: !!set {x}\nd: !!python/object:os.system ls\n';
    const p = parseProtocol(text);
    expect(p.diagnostics.map((d) => d.code)).toEqual(['YAML-UNKNOWN-TAG', 'YAML-UNKNOWN-TAG', 'YAML-UNKNOWN-TAG', 'YAML-UNKNOWN-TAG']);
    expect(p.diagnostics[0]!.message).toMatch(/!!js\/function/);
    expect(p.diagnostics[0]!.range.start).toEqual(posOf(text, '!!js/function'));
    expect(p.value).toEqual({ a: 'function () { globalThis.pwned = 1 }', b: 'aGVsbG8=', c: { x: null }, d: 'ls' });
    expect((globalThis as { pwned?: unknown }).pwned).toBeUndefined();
  });

  it('refuses prototype keys without polluting any prototype', () => {
    const text = '__proto__:\n  polluted: yes\nsite:\n  constructor:\n    prototype:\n      polluted: yes\n  prototype: {polluted: yes}\n  name: ok\n';
    const p = parseProtocol(text);
    expect(p.diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.column])).toEqual([
      ['YAML-UNSAFE-KEY', 1, 1],
      ['YAML-UNSAFE-KEY', 4, 3],
      ['YAML-UNSAFE-KEY', 7, 3],
    ]);
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(p.value)).toBe(Object.prototype);
    expect(p.value).toEqual({ site: { name: 'ok' } });
    expect(Object.keys(p.value as object)).toEqual(['site']);
  });

  it('reports empty files, comment-only files and roots that are not mappings', () => {
    expect(parseProtocol('').diagnostics.map((d) => d.code)).toEqual(['YAML-EMPTY']);
    expect(parseProtocol('# just a comment\n').diagnostics[0]!.message).toMatch(/only comments/);
    for (const [text, found] of [['~\n', 'nothing'], ['null\n', 'nothing'], ['42\n', 'number'], ['hello\n', 'text'], ['- a\n- b\n', 'a list']] as const) {
      const [d, ...rest] = parseProtocol(text).diagnostics;
      expect(rest).toEqual([]);
      expect(d!.code).toBe('YAML-ROOT-NOT-MAPPING');
      expect(d!.message).toContain(found);
      expect(d!.range.start).toEqual({ line: 1, column: 1 });
    }
  });
});

describe('parseProtocol with Windows line endings', () => {
  it('maps ranges the same way with CRLF', () => {
    const crlf = BASE.replace(/\n/g, '\r\n');
    const p = parseProtocol(crlf);
    expect(p.diagnostics).toEqual([]);
    expect(p.rangeOf(['medicineSessions', 'routes', 1, 'max']).start).toEqual(posOf(BASE, '300'));
    const item = p.rangeOf(['medicineSessions', 'routes', 1]);
    expect(item.end).toEqual({ line: item.start.line, column: item.start.column + 'id: sl'.length });
  });
});
