/** Key names in people's words, for labels built from keys that have no schema title. */

/** Abbreviations as clinicians write them; `in` is left alone (a word far more often than a route). */
const ABBREVIATIONS: Record<string, string> = Object.fromEntries(
  ['BP', 'HR', 'RR', 'SpO2', 'AED', 'IM', 'IV', 'SL', 'PO', 'SC', 'ECG', 'PRN', 'EMS', 'BLS', 'ACLS', 'RN', 'NP', 'MD', 'QI', 'TK', 'CoP', 'PTSD', 'OCD', 'SUD', 'KAP', 'KaT', 'RTT', 'AVM', 'ICH', 'OCAP', 'REB', 'ED', 'PDSA']
    .map((a) => [a.toLowerCase(), a]),
);

/** Words of a code with their clinical abbreviations restored: "Bp cuff" → "BP cuff", "aed" → "AED". */
export function withAbbreviations(words: string): string {
  return words.replace(/[A-Za-z][A-Za-z0-9]*/g, (w) => ABBREVIATIONS[w.toLowerCase()] ?? w);
}

/** `observationMin` / `tk_non_commercial` / `week-5` / `bp_cuff` → "Observation min" / "TK non commercial" / "Week 5" / "BP cuff". */
export function humanize(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase();
  return withAbbreviations(words.charAt(0).toUpperCase() + words.slice(1));
}
