/** Diff and merge times on the largest bundled template and a 10× synthetic protocol. Prints, never asserts. */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument, type YAMLMap, type YAMLSeq } from 'yaml';
import { diffProtocols, parseProtocolText } from '../main/core/diff';
import { rebase } from '../main/core/merge';
import { median, ms, time } from './stats';

const templates = join(dirname(fileURLToPath(import.meta.url)), '../templates');

function largestTemplate(): string {
  const texts = readdirSync(templates)
    .filter((f) => f.endsWith('.protocol.yaml'))
    .map((f) => readFileSync(join(templates, f), 'utf8'));
  return texts.sort((a, b) => b.length - a.length)[0]!;
}

/** The template with its weeks (and their segments) repeated `factor` times under fresh ids. */
function scaled(text: string, factor: number): string {
  const doc = parseDocument(text);
  const weeks = doc.getIn(['curriculum', 'weeks']) as YAMLSeq;
  const originals = [...weeks.items];
  for (let k = 1; k < factor; k++) {
    for (const node of originals) {
      const copy = (node as YAMLMap).clone() as YAMLMap;
      copy.set('id', `${String(copy.get('id'))}-x${k}`);
      const segments = copy.get('segments') as YAMLSeq | undefined;
      for (const s of segments?.items ?? []) (s as YAMLMap).set('id', `${String((s as YAMLMap).get('id'))}-x${k}`);
      weeks.items.push(copy);
    }
  }
  return doc.toString({ lineWidth: 0 });
}

/** A "new version": a few field edits, one item removed, one moved, one added. */
function edited(text: string): string {
  const doc = parseDocument(text);
  doc.setIn(['medicineSessions', 'routes', 0, 'max'], 1.2);
  doc.setIn(['monitoring', 'preSessionBpMax', 'systolic'], 140);
  const weeks = doc.getIn(['curriculum', 'weeks']) as YAMLSeq;
  (weeks.items[3] as YAMLMap).set('theme', 'A new theme for this week, rewritten after the QI cycle.');
  weeks.items.push(weeks.items.splice(1, 1)[0]!);
  weeks.items.splice(5, 1);
  weeks.add(doc.createNode({ id: 'week-extra', week: 99, theme: 'Extra' }));
  return doc.toString({ lineWidth: 0 });
}

function siteOf(text: string): string {
  const doc = parseDocument(text);
  doc.setIn(['metadata', 'basedOn'], doc.createNode({ protocol: 'rtt-kat-base', version: '1.0.0' }));
  doc.setIn(['medicineSessions', 'observationMin'], 150);
  return doc.toString({ lineWidth: 0 });
}

function measure(name: string, base: string): void {
  const next = edited(base);
  const lines = base.split('\n').length;
  const parse = median(time(() => [parseProtocolText(base), parseProtocolText(next)], 10, 2));
  const a = parseProtocolText(base);
  const b = parseProtocolText(next);
  const diff = median(time(() => diffProtocols(a, b), 20, 3));
  const site = siteOf(base);
  const merge = median(time(() => rebase({ oldBaseText: base, newBaseText: next, siteText: site }), 5, 1));
  console.log(
    `${name.padEnd(22)} ${String(lines).padStart(6)} lines  parse both ${ms(parse).padStart(10)}  diff ${ms(diff).padStart(9)}  (${diffProtocols(a, b).length} changes)  rebase ${ms(merge).padStart(10)}`,
  );
}

export default function bench(): void {
  const template = largestTemplate();
  measure('largest template', template);
  const big = scaled(template, 10);
  measure('10× synthetic', big);
  let factor = 10;
  let large = big;
  while (large.split('\n').length < 5000) large = scaled(template, (factor += 5));
  if (large !== big) measure(`${factor}× (≥5,000 lines)`, large);
  console.log('target: two 5,000-line versions diffed in under 30 ms beyond parsing (median of runs; machine load affects figures)');
}
