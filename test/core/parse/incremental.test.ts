/**
 * The re-lexed token tree must be the one a full parse gives, token for token, whatever the edit: typed
 * characters that change YAML structure (`:`, `-`, quotes, `|+`, brackets, `#`, newlines, indents),
 * deletions across lines, pastes. Each run chains a few hundred random edits, so offsets that drift after
 * one splice would show in a later one.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Composer, Parser, type CST } from 'yaml';
import { describe, expect, it } from 'vitest';
import { COMPOSE_OPTIONS } from '../../../main/core/parse/compose-options';
import { hasError, relex } from '../../../main/core/parse/incremental';
import { parseProtocol, parseProtocolShared } from '../../../main/core/parse';
import { seeded as random } from '../../fuzz/mutate';

const ROOT = join(__dirname, '..', '..', '..');
const lexAll = (text: string): CST.Token[] => Array.from(new Parser().parse(text));
/** As the shared parse decides: a base is a text without a syntax error, in its tokens or composed. */
const sound = (tokens: CST.Token[]) => !hasError(tokens) && [...new Composer(COMPOSE_OPTIONS).compose(tokens)].every((d) => d.errors.length === 0);

const PIECES = ['a', 'Z', '7', ' ', '  ', ':', ': ', '-', '- ', '#', ' # note', '"', "'", '|', '|+', '>-', '[', ']', '{', '}', ',', '&a', '*a', '!', '?', '\n', '\n  ', '\n- ', '\nkey: v\n', '---\n', '...', '\t', '\r\n', '式', '😀'];

function edit(text: string, rnd: () => number): string {
  const at = Math.floor(rnd() * (text.length + 1));
  const kind = rnd();
  if (kind < 0.55) return text.slice(0, at) + PIECES[Math.floor(rnd() * PIECES.length)] + text.slice(at);
  const len = kind < 0.85 ? 1 + Math.floor(rnd() * 3) : Math.floor(rnd() * 200);
  const put = kind < 0.95 ? '' : PIECES[Math.floor(rnd() * PIECES.length)]!;
  return text.slice(0, at) + put + text.slice(at + len);
}

/**
 * Chains edits as the shared parse meets them: each text is re-lexed from the last sound tree (one
 * without a syntax error) and compared with a full lex.
 */
function check(text: string, seed: number, steps: number): { spliced: number } {
  const rnd = random(seed);
  let current = text;
  let base: { text: string; tokens: CST.Token[] } | null = { text, tokens: lexAll(text) };
  let spliced = 0;
  for (let step = 0; step < steps; step++) {
    const next = edit(current, rnd);
    const full = lexAll(next);
    let got: CST.Token[] | null;
    try {
      got = base && relex(base, next);
    } catch (e) {
      throw new Error(`seed ${seed} step ${step}: relex threw ${String(e)}`);
    }
    if (got) {
      spliced++;
      expect(JSON.stringify(got), `seed ${seed} step ${step}`).toBe(JSON.stringify(full));
      expect(hasError(got)).toBe(false);
    }
    // A spliced tree replaces the base; a refused splice leaves it as it was.
    if (sound(full)) base = { text: next, tokens: got ?? full };
    else if (got) base = null; // taken over, and not sound: the next text is lexed in full
    current = next;
    // Now and then return to the clean text, so that later edits work on sound YAML again.
    if (step % 40 === 39) {
      current = text;
      base = { text, tokens: lexAll(text) };
    }
  }
  return { spliced };
}

/** More runs on demand: `RELEX_SOAK=500 npx vitest run test/core/parse/incremental.test.ts`. */
const SEEDS = Number(process.env.RELEX_SOAK) || 12;

const TRICKY = `# head comment
%YAML 1.2
---
schemaVersion: 1 # trailing
metadata:
  title: "A title
    over two lines"
  note: 'single ''quoted'''
  anchors: &shared
    a: 1
  again: *shared
  kept: |+
    keep trailing blank lines

# a comment at column 0 after a keep-chomped block
list:
- one
- two: 2
  three: [a, b,
    c]
  four: {x: 1,
    y: 2}
folded: >-
  folded text
  that continues
plain: a plain scalar
  that continues on a second line
日本語: 入院時の説明。次の文。
crlf: "line"\r
empty:
last: end
# trailing comment at the end of the file
`;

describe('relex (incremental lexing)', () => {
  const files = [
    ...readdirSync(join(ROOT, 'templates')).filter((f) => f.endsWith('.yaml')).map((f) => join(ROOT, 'templates', f)),
    ...readdirSync(join(ROOT, 'test', 'fixtures', 'scratch')).map((f) => join(ROOT, 'test', 'fixtures', 'scratch', f)),
  ];

  it('gives a full parse’s tree after random edits of tricky YAML', () => {
    let spliced = 0;
    for (let seed = 1; seed <= SEEDS; seed++) spliced += check(TRICKY, seed, 150).spliced;
    expect(spliced).toBeGreaterThan(40); // the fast path is taken, not only refused
  });

  it.each(files.map((f) => [f.slice(ROOT.length + 1), f]))('gives a full parse’s tree after random edits of %s', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    // Most random pieces break the YAML and are then lexed in full; what is spliced must match.
    for (let seed = 0; seed < SEEDS / 12; seed++) check(text, text.length + seed, 120);
  });

  it.each(files.map((f) => [f.slice(ROOT.length + 1), f]))('re-lexes typing in values of %s, as a full parse would', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    const rnd = random(text.length);
    let base = { text, tokens: lexAll(text) };
    let spliced = 0;
    let typed = 0;
    for (let k = 0; k < 120; k++) {
      // A letter typed at the end of a line of text (a plain value, or prose in a block), anywhere in the protocol.
      const lines = base.text.split('\n');
      const li = Math.floor(rnd() * lines.length);
      const line = lines[li]!;
      const prose = /^\s+[^\s#:-][^:#]*$/.test(line) || /^\s*(- )?[\w.-]+: [^\s"'|>{[&*!][^#]*$/.test(line);
      if (!prose || /["'\]}]$/.test(line)) continue;
      const at = lines.slice(0, li + 1).join('\n').length;
      const next = base.text.slice(0, at) + 'xéアß'[k % 4] + base.text.slice(at);
      typed++;
      const got = relex(base, next);
      const full = lexAll(next);
      if (got) {
        spliced++;
        expect(JSON.stringify(got)).toBe(JSON.stringify(full));
      }
      base = { text: next, tokens: got ?? full };
    }
    expect(spliced).toBeGreaterThan(typed * 0.9);
  });

  it('re-lexes a keystroke in a section, in the head comments and on the last line', () => {
    const text = readFileSync(join(ROOT, 'templates', 'rtt-kat-12-week.protocol.yaml'), 'utf8');
    const at = (t: string, find: string) => t.indexOf(find) + find.length;
    for (const [where, next] of [
      ['section', text.slice(0, at(text, 'role: medical')) + 'X' + text.slice(at(text, 'role: medical'))],
      ['head comment', text.replace('\n', 'x\n')],
      ['last line', text.slice(0, -1) + 'x\n'],
    ] as const) {
      const got = relex({ text, tokens: lexAll(text) }, next);
      expect(got, where).not.toBeNull();
      expect(JSON.stringify(got)).toBe(JSON.stringify(lexAll(next)));
    }
  });

  it('refuses an edit that joins a section to the one before', () => {
    const text = 'a:\n  b: 1\nc: 2\n';
    expect(relex({ text, tokens: lexAll(text) }, 'a:\n  b: 1\n c: 2\n')).toBeNull();
    expect(relex({ text, tokens: lexAll(text) }, 'a:\n  b: "1\nc: 2\n')).toBeNull();
  });

  it('the shared parse uses it and still gives what a full parse gives', () => {
    const text = readFileSync(join(ROOT, 'test', 'fixtures', 'scratch', 'group-first-responders.protocol.yaml'), 'utf8');
    parseProtocolShared(text);
    const next = text.replace('\nmetadata:', '\nmetadata:\n  # a note').replace(/title: .*/, 'title: "unclosed');
    for (const t of [next, text + 'extra: [1, 2]\n', text.replace(/\n\s*- /, '\n- :')]) {
      const shared = parseProtocolShared(t);
      const full = parseProtocol(t);
      expect(shared.value).toEqual(full.value);
      expect(shared.diagnostics).toEqual(full.diagnostics);
      const out = (p: typeof full) => (p.document?.errors.length ? p.document.errors.map((e) => e.message) : p.document?.toString());
      expect(out(shared)).toEqual(out(full));
      expect(shared.rangeOf(['metadata', 'title'])).toEqual(full.rangeOf(['metadata', 'title']));
    }
  });
});
