/**
 * A reader that parses each text once within one request: a binder, report or cycle list needs the same
 * version texts (the subject, the head, the first version of a change log) in several places.
 */
export function readOnce<T>(read: (text: string, source: string) => T): (text: string, source: string) => T {
  const seen = new Map<string, T>();
  return (text, source) => {
    if (!seen.has(text)) seen.set(text, read(text, source));
    return seen.get(text) as T;
  };
}
