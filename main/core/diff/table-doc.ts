/** docs/CHANGES.md, generated from the classification and safety tables so the document cannot drift. */
import { CATEGORY_ORDER, CATEGORY_RULES, CATEGORY_TITLES, DEFAULT_CATEGORY } from './categories';
import { SAFETY_RULES } from './safety';

const cell = (s: string): string => s.replace(/\|/g, '\\|');

export function changesMarkdown(): string {
  const lines = [
    '# How changes are classified',
    '',
    'Generated from `main/core/diff/categories.ts` and `main/core/diff/safety.ts` by `npx tsx scripts/changes-doc.ts`; a',
    'test fails when this file is out of date. The diff, the QI report, the binder change log and the app all use these',
    'two tables.',
    '',
    `Every change between two versions gets one kind: ${CATEGORY_ORDER.map((c) => `*${c}*`).join(', ')}. The rows are tried in`,
    'order and the first that matches wins: cultural content stays cultural wherever it sits (its translations too, since',
    'Elders review the language used); a translation is never clinical; rewording that keeps every number is editorial',
    'even inside a clinical section, while a changed number or consent element is not.',
    '',
    '| # | Kind | Covers |',
    '|---|---|---|',
    ...CATEGORY_RULES.map((r, i) => `| ${i + 1} | ${r.category} | ${cell(r.why)} |`),
    `| – | ${DEFAULT_CATEGORY} | everything else: titles, themes, QI records, references, metadata |`,
    '',
    `Groups are shown in this order: ${CATEGORY_ORDER.map((c) => CATEGORY_TITLES[c]).join(', ')}.`,
    '',
    '## Safety direction of clinical changes',
    '',
    'A clinical change to a limit or a safeguard also says whether it *loosens* or *tightens* safety; the one-line',
    'summary ends with it ("…: 1.2 → 1.5 mg/kg, widened; safety loosened"). Removing a limit loosens and adding one',
    'tightens; removing an item from a safeguard list goes the other way from adding it. A clinical change the table',
    'does not name (the weeks of the sessions, a theme) has no direction.',
    '',
    '| Field or list | Higher number | Item added | Example |',
    '|---|---|---|---|',
    ...SAFETY_RULES.map((r) => `| \`${r.at.join('.')}\` | ${r.higher ?? '–'} | ${r.itemAdded ?? '–'} | ${cell(r.why)} |`),
    '',
  ];
  return lines.join('\n');
}
