/** Seeded random damage to protocol text, for the fuzz tests: each mutation names itself, so a failure reads. */

/** mulberry32: a small seeded PRNG, so a failing sample can be reproduced from its seed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

type Mutation = (lines: string[], pick: (n: number) => number) => string[];

const SYNTAX = [':', '[', ']', '{', '}', '&', '*', '!', '|', '>', '-', '#', "'", '"', '%', '@', '`', '\t'];

const MUTATIONS: Record<string, Mutation> = {
  'drop-line': (l, pick) => l.filter((_, i) => i !== pick(l.length)),
  'duplicate-line': (l, pick) => {
    const i = pick(l.length);
    return [...l.slice(0, i + 1), l[i]!, ...l.slice(i + 1)];
  },
  tab: (l, pick) => {
    const indented = l.map((x, i) => [x, i] as const).filter(([x]) => /^ {2,}\S/.test(x));
    const [, i] = indented[pick(indented.length)]!;
    return l.map((x, k) => (k === i ? x.replace(/^ +/, '\t') : x));
  },
  'prototype-key': (l, pick) => {
    const top = l.map((x, i) => [x, i] as const).filter(([x]) => /^[a-z]/.test(x));
    const [, i] = top[pick(top.length)]!;
    return [...l.slice(0, i), '__proto__: {polluted: yes}', ...l.slice(i)];
  },
  'custom-tag': (l, pick) => {
    const scalars = l.map((x, i) => [x, i] as const).filter(([x]) => /^\s+[a-zA-Z]+: [^\s[{&*!|>]/.test(x));
    const [, i] = scalars[pick(scalars.length)]!;
    return l.map((x, k) => (k === i ? x.replace(/: .*/, ': !!js/function "function () { return 1 }"') : x));
  },
  aliases: (l) => ['x0: &x0 [a, a, a, a, a, a, a, a, a, a]', ...Array.from({ length: 8 }, (_, k) => `x${k + 1}: &x${k + 1} [${Array(10).fill(`*x${k}`).join(', ')}]`), ...l],
  'syntax-char': (l, pick) => {
    const i = pick(l.length);
    const line = l[i]!;
    const at = pick(line.length + 1);
    return l.map((x, k) => (k === i ? line.slice(0, at) + SYNTAX[pick(SYNTAX.length)]! + line.slice(at) : x));
  },
  truncate: (l, pick) => l.slice(0, 1 + pick(l.length - 1)),
  nul: (l, pick) => {
    const i = pick(l.length);
    return l.map((x, k) => (k === i ? `${x}\0` : x));
  },
};

export const MUTATION_NAMES = Object.keys(MUTATIONS);

/** One random mutation of `text`, and its name. */
export function mutate(text: string, random: () => number): { text: string; how: string } {
  const pick = (n: number) => Math.floor(random() * n);
  const how = MUTATION_NAMES[pick(MUTATION_NAMES.length)]!;
  return { text: MUTATIONS[how]!(text.split('\n'), pick).join('\n'), how };
}
