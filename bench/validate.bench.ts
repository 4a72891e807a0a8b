/** validateText on the bundled templates and 10×/50× synthetic documents, against the parse+ajv floor. */
import { readdirSync, readFileSync } from 'node:fs';
import { isMap, isSeq, parse, parseDocument, type Node, type YAMLSeq } from 'yaml';
import { protocolValidator } from '../main/core/validate/compiled';
import { validateText } from '../main/core/validate';
import { median, ms, time } from './stats';

/** Durations of each fn, run alternately so that load on a shared machine hits all of them alike. */
function interleaved(fns: Array<() => unknown>, runs: number): number[][] {
  const out = fns.map(() => [] as number[]);
  for (let i = 0; i < runs; i++) fns.forEach((fn, k) => out[k]!.push(...time(fn, 1, i === 0 ? 3 : 0)));
  return out;
}

const TEMPLATES = new URL('../templates/', import.meta.url);

/** The list of id-keyed items with the most items in the document, the one a bigger protocol would grow. */
function largestIdList(node: Node | null, best: YAMLSeq | undefined = undefined): YAMLSeq | undefined {
  if (isMap(node)) for (const pair of node.items) best = largestIdList(pair.value as Node | null, best);
  if (isSeq(node)) {
    const keyed = node.items.length > 0 && node.items.every((i) => isMap(i) && i.has('id'));
    if (keyed && (!best || node.items.length > best.items.length)) best = node;
    for (const item of node.items) best = largestIdList(item as Node, best);
  }
  return best;
}

/** The template with its largest id-keyed list repeated (fresh ids) until the text is about `factor` times longer. */
function scaled(text: string, factor: number): string {
  const doc = parseDocument(text);
  const list = largestIdList(doc.contents);
  if (!list) return text;
  const original = list.items.map((item) => (item as Node).toJSON() as Record<string, unknown>);
  const addRound = (k: number) => {
    for (const item of original) list.items.push(doc.createNode({ ...item, id: `${String(item.id)}-copy-${k}` }));
  };
  addRound(1);
  const perRound = Math.max(1, doc.toString().length - text.length);
  const rounds = Math.max(1, Math.round(((factor - 1) * text.length) / perRound));
  for (let k = 2; k <= rounds; k++) addRound(k);
  return doc.toString();
}

export default function bench(): void {
  const validate = protocolValidator();
  const rows: string[][] = [['document', 'lines', 'validateText', 'floor (yaml.parse + ajv)', 'ratio', 'diagnostics']];
  const files = readdirSync(TEMPLATES).filter((f) => f.endsWith('.protocol.yaml')).sort();
  for (const file of files) {
    const text = readFileSync(new URL(file, TEMPLATES), 'utf8');
    for (const factor of [1, 10, 50]) {
      const doc = factor === 1 ? text : scaled(text, factor);
      const runs = factor === 50 ? 10 : 30;
      const [full, floor] = interleaved([() => validateText(doc), () => validate(parse(doc))], runs).map(median) as [number, number];
      const count = validateText(doc).diagnostics.length;
      const name = factor === 1 ? file.replace('.protocol.yaml', '') : `  ×${factor}`;
      rows.push([name, String(doc.split('\n').length), ms(full), ms(floor), `${(full / floor).toFixed(2)}×`, String(count)]);
    }
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  for (const r of rows) console.log(r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '));
  console.log('targets: a 2,000-line protocol under 16 ms median, within 2× of the floor');
}
