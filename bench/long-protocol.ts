/**
 * A 2,000-line protocol for the UI bench: the largest template with QI cycles added until the text is
 * long enough (cycles are ordinary, valid content, so the checks do their normal work on every keystroke).
 */
import { readFileSync } from 'node:fs';
import { isSeq, parseDocument } from 'yaml';

export function longProtocol(templatePath: string, minLines = 2_000): string {
  const doc = parseDocument(readFileSync(templatePath, 'utf8'));
  const cycles = doc.getIn(['qi', 'cycles'], true);
  if (!isSeq(cycles)) throw new Error(`${templatePath} has no qi.cycles list to extend`);
  let text = doc.toString({ lineWidth: 0 });
  for (let n = cycles.items.length + 1; text.split('\n').length < minLines; n++) {
    const month = String(((n - 1) % 12) + 1).padStart(2, '0');
    const year = 2026 + Math.floor((n - 1) / 12);
    cycles.items.push(
      doc.createNode({
        id: `cycle-${n}`,
        number: n,
        start: `${year}-${month}-01`,
        end: `${year}-${month}-28`,
        aim: `Cycle ${n}: keep attendance at or above the target while the cohort changes.`,
        change: 'Reminder calls the day before each community-of-practice session.',
        rationale: 'Attendance fell in the previous cycle when sessions moved to the evening.',
        measures: ['phq9'],
        decision: 'pending',
      }),
    );
    text = doc.toString({ lineWidth: 0 });
  }
  return text;
}

