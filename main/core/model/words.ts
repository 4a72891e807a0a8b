/** Key names in people's words, for labels built from keys that have no schema title. */

/** `observationMin` / `tk_non_commercial` / `week-5` → "Observation min" / "Tk non commercial" / "Week 5". */
export function humanize(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
