/**
 * Core schema: strings, numbers, booleans, null, maps and lists only. No yaml-1.1 extras (!!binary, !!set,
 * timestamps, merge keys), and duplicate keys are checked by the converter in linear time.
 */
export const COMPOSE_OPTIONS = { schema: 'core', resolveKnownTags: false, uniqueKeys: false, merge: false, version: '1.2', prettyErrors: false } as const;
