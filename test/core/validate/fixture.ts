/** A small schema-valid protocol for the parse/validate tests, with helpers to locate text in it. */
export const BASE = `schemaVersion: 1
metadata:
  id: test-protocol
  title: Test protocol
  versionLabel: 1.0.0
  status: draft
  medicine: ketamine
  review:
    lastReviewed: 2026-01-15
medicineSessions:
  routes:
    - id: im
      route: IM
      unit: mg/kg
      min: 0.5
      max: 1.5
    - id: sl
      route: SL
      unit: mg
      min: 100
      max: 300
`;

/** 1-based line and column of the first occurrence of `needle` (after `from`, when given). */
export function posOf(text: string, needle: string, from = ''): { line: number; column: number } {
  const start = from ? text.indexOf(from) : 0;
  const i = text.indexOf(needle, start);
  if (i < 0 || start < 0) throw new Error(`"${needle}" not in text`);
  const before = text.slice(0, i).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}
