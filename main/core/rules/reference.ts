/** Typed access to the reference values, and a site's overrides merged over the bundled defaults. */
import type { Range } from '../model/protocol';
import defaults from './reference-values.json';
import type { ReferenceValues } from './types';

interface Bp {
  systolic: number;
  diastolic: number;
}
/** A requirement met by any one of `codes` (e.g. aneurysm or AVM). */
export interface CodeRequirement {
  label: string;
  codes: string[];
}
export interface InstrumentReference {
  min: number;
  max: number;
  cutoffs: number[];
  source: string;
}

export interface Reference {
  dose: {
    ketamine: {
      IM: { unit: string; min: number; max: number; anaestheticMin: number; source: string };
      SL: { unit: string; min: number; max: number; source: string };
      IV: { unit: string; max: number; infusionMin: number; source: string };
      PO: { unit: string; min: number; max: number; source: string };
      IN: { unit: string; max: number; source: string };
    };
    esketamine: { stepMg: number; maxMg: number; routes: string[]; source: string };
    weightBasedRoutes: string[];
    fixedDoseRoutes: string[];
  };
  setting: {
    ivRestrictedJurisdictions: string[];
    ivFacilityTypes: string[];
    parenteralCautionJurisdictions: string[];
    parenteralRoutes: string[];
  };
  sessions: {
    rttCount: number;
    programmeWeeks: number;
    firstWeek: Range;
    minGapDays: number;
    justifiedMinGapDays: number;
    esketamineMinGapDays: number;
    integrationWeeksAfterLast: number;
  };
  group: {
    smallGroupSize: Range;
    minFacilitators: number;
    nurseRole: string;
    rttCohortSize: Range;
    rttLargeGroupMin: Range;
    rttSmallGroupMin: Range;
  };
  monitoring: {
    bp: { rtt: Bp; contraindication: Bp };
    requiredTimepoints: string[];
    midSessionMinutes: Range;
    observationMin: number;
    dischargeKinds: string[];
    weightField: string;
    emergencyContactsField: string;
    equipment: string[];
    homeEquipment: string[];
    certifications: string[];
    prnPurposes: string[];
  };
  screening: {
    coreExclusions: CodeRequirement[];
    pregnancyExclusions: CodeRequirement[];
    vascularExclusions: CodeRequirement[];
  };
  instruments: Record<'PHQ-9' | 'GAD-7' | 'PCL-5' | 'B-IPF' | 'MEQ-30', InstrumentReference>;
  measures: { postWithinWeeks: number };
  consent: { requiredElements: string[]; groupElements: string[]; culturalElements: string[]; touchCapturedBefore: string[] };
  cultural: { elderRoles: string[]; elderProtocolFields: string[]; defaultReviewIntervalMonths: number };
  readability: { minFleschReadingEase: number; maxAverageSentenceWords: number; minWords: number };
}

export const DEFAULT_REFERENCE: Reference = defaults;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function sameKind(base: unknown, value: unknown): boolean {
  if (Array.isArray(base)) {
    if (!Array.isArray(value)) return false;
    // Lists are replaced whole; their items must look like the default's items.
    const sample = base[0] ?? value[0];
    return value.every((item) => sameKind(sample, item));
  }
  if (isPlainObject(base)) return isPlainObject(value);
  if (typeof base === 'number') return typeof value === 'number' && Number.isFinite(value);
  return typeof base === typeof value;
}

function mergeInto(base: unknown, override: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(override)) return sameKind(base, override) ? override : base;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    // Keys the defaults do not know are ignored: rules only read known keys, this keeps the type honest, and
    // `__proto__` / `constructor` (never default keys) cannot reach a prototype.
    if (!Object.hasOwn(base, key)) continue;
    out[key] = mergeInto(base[key], value);
  }
  return out;
}

/**
 * The bundled reference values with a site's overrides deep-merged over them. Objects merge key by key,
 * lists are replaced; a value of the wrong type (e.g. a string where a number is expected) is ignored.
 */
export function mergeReferenceValues(overrides?: ReferenceValues | null): Reference {
  if (!overrides) return DEFAULT_REFERENCE;
  return mergeInto(DEFAULT_REFERENCE, overrides) as Reference;
}

const merged = new WeakMap<object, Reference>();

/** The effective reference for a rule context, merged once per overrides object. */
export function referenceFor(overrides?: ReferenceValues | null): Reference {
  if (!overrides) return DEFAULT_REFERENCE;
  let ref = merged.get(overrides);
  if (!ref) {
    ref = mergeReferenceValues(overrides);
    merged.set(overrides, ref);
  }
  return ref;
}

/**
 * Why a site's overrides do not fit the bundled reference values (an unknown key or a wrong type, worded
 * with its path), or null. Checked where overrides enter (app settings, `validate --reference`), so a
 * typo cannot quietly leave a default limit in force.
 */
export function referenceOverrideProblem(overrides: unknown): string | null {
  return referenceProblem(DEFAULT_REFERENCE, overrides, []);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The first override that does not fit the bundled values (unknown key or wrong type), worded with its path. */
function referenceProblem(base: unknown, value: unknown, path: string[]): string | null {
  const at = path.length ? path.join('.') : 'reference values';
  if (isObject(base)) {
    if (!isObject(value)) return `${at} must be an object`;
    for (const [key, v] of Object.entries(value)) {
      if (!Object.hasOwn(base, key)) return `${[...path, key].join('.')} is not a reference value (known here: ${Object.keys(base).join(', ')})`;
      const p = referenceProblem(base[key], v, [...path, key]);
      if (p) return p;
    }
    return null;
  }
  if (Array.isArray(base)) {
    if (!Array.isArray(value)) return `${at} must be a list`;
    // Lists replace the default whole; their items must look like the default's items.
    const sample = base[0];
    for (const [i, item] of value.entries()) {
      const itemPath = [...path.slice(0, -1), `${path.at(-1) ?? ''}[${i}]`];
      const p = sample !== undefined ? referenceProblem(sample, item, itemPath) : typeof item === 'number' || typeof item === 'string' ? null : `${itemPath.join('.')} must be a number or text`;
      if (p) return p;
    }
    return null;
  }
  if (typeof base === 'number') return typeof value === 'number' && Number.isFinite(value) ? null : `${at} must be a number, got ${JSON.stringify(value)}`;
  return typeof value === typeof base ? null : `${at} must be ${typeof base === 'string' ? 'text' : `a ${typeof base}`}, got ${JSON.stringify(value)}`;
}
