/**
 * Sections: every list item with an id, addressed like `cultural.blocks[opening-circle]` or
 * `curriculum.weeks[week-5].segments[w5-ceremony]` (the same id paths the diff prints), with the track
 * its sign-off belongs to and a hash of its normalized content.
 */
import type { PathSegment } from '../diagnostics/diagnostic';
import { formatIdPath, type IdStep } from '../diff/id-path';
import { canonicalJson, isPlainObject, itemId, localizedText } from '../diff/values';
import { sha256Hex, type HashFn } from './hash';
import { governanceFacts, type GovernanceFacts } from './sharing';
import { humanize } from '../model/words';

export type Track = 'cultural' | 'medical' | 'none';
export type ReviewTrack = Exclude<Track, 'none'>;

export interface Section {
  key: string;
  path: PathSegment[];
  /** Key of the enclosing section, when nested (a week's segment). */
  parentKey?: string;
  kind: string;
  /** People words, never drawn from prose fields (a withheld listing shows it to outside audiences). */
  title: string;
  track: Track;
  governance?: GovernanceFacts;
  value: Record<string, unknown>;
}

interface ListInfo {
  kind: string;
  noun: string;
}

/** Known lists, by their key path without indices. Unknown lists still yield sections (kind = list key). */
const LISTS: Record<string, ListInfo> = {
  team: { kind: 'team_member', noun: 'Team member' },
  'curriculum.weeks': { kind: 'week', noun: 'Week' },
  'curriculum.weeks.segments': { kind: 'segment', noun: 'Segment' },
  'curriculum.weeks.practices': { kind: 'practice', noun: 'Practice' },
  'medicineSessions.routes': { kind: 'dose_route', noun: 'Dose route' },
  'medicineSessions.dischargeCriteria': { kind: 'discharge_criterion', noun: 'Discharge criterion' },
  'screening.indications': { kind: 'indication', noun: 'Indication' },
  'screening.inclusion': { kind: 'inclusion', noun: 'Inclusion criterion' },
  'screening.exclusions.absolute': { kind: 'absolute_exclusion', noun: 'Absolute exclusion' },
  'screening.exclusions.relative': { kind: 'relative_exclusion', noun: 'Relative exclusion' },
  'screening.instruments': { kind: 'screening_instrument', noun: 'Screening instrument' },
  'screening.assessments': { kind: 'assessment', noun: 'Assessment' },
  'screening.interactions': { kind: 'interaction', noun: 'Interaction' },
  'monitoring.vitals.timepoints': { kind: 'vitals_timepoint', noun: 'Vitals timepoint' },
  'monitoring.prn': { kind: 'prn', noun: 'As-needed medication' },
  'monitoring.emergencyContacts': { kind: 'emergency_contact', noun: 'Emergency contact' },
  'consent.sections': { kind: 'consent_section', noun: 'Consent section' },
  'consent.touch.options': { kind: 'touch_option', noun: 'Touch option' },
  'consent.ceremony.elements': { kind: 'ceremony_consent', noun: 'Ceremony consent' },
  measures: { kind: 'measure', noun: 'Measure' },
  'cultural.blocks': { kind: 'cultural_block', noun: 'Cultural block' },
  'cultural.facilityPolicies': { kind: 'facility_policy', noun: 'Facility policy' },
  'qi.cycles': { kind: 'qi_cycle', noun: 'QI cycle' },
  'qi.indicators': { kind: 'qi_indicator', noun: 'QI indicator' },
  references: { kind: 'reference', noun: 'Reference' },
};

const MEDICAL_ROOTS = new Set(['medicineSessions', 'screening', 'monitoring', 'consent']);
/** Segment / practice kinds that carry Indigenous knowledge (domain.md §5.1). */
const CULTURAL_ITEM_KINDS = new Set(['ceremony', 'land_based']);

function trackOf(listPath: string, value: Record<string, unknown>, governance: GovernanceFacts | undefined): Track {
  const root = listPath.split('.')[0] ?? '';
  if (root === 'cultural' || listPath === 'consent.ceremony.elements') return 'cultural';
  if (typeof value.kind === 'string' && CULTURAL_ITEM_KINDS.has(value.kind)) return 'cultural';
  if (governance && governance.keepers.length > 0) return 'cultural';
  if (MEDICAL_ROOTS.has(root)) return 'medical';
  return 'none';
}

function titleOf(info: ListInfo, value: Record<string, unknown>, id: string, lang: string | undefined): string {
  const own = localizedText(value.title, lang) ?? localizedText(value.name, lang);
  if (own && own.trim()) return own.trim();
  if (info.kind === 'week' && typeof value.week === 'number') return `Week ${value.week}`;
  if (info.kind === 'dose_route' && typeof value.route === 'string') return `Dose route ${value.route}`;
  if (typeof value.instrument === 'string') return `${info.noun} ${value.instrument}`;
  return `${info.noun} ${id}`;
}


/** Every list item with an id, outermost first, in document order. */
export function listSections(value: unknown, lang?: string): Section[] {
  const out: Section[] = [];
  const walk = (node: unknown, path: PathSegment[], steps: IdStep[], keyPath: string[], parentKey: string | undefined): void => {
    if (Array.isArray(node)) {
      const listPath = keyPath.join('.');
      node.forEach((item, i) => {
        const id = itemId(item);
        const itemSteps = [...steps, id !== undefined ? { id } : { index: i }];
        let nextParent = parentKey;
        if (id !== undefined && isPlainObject(item)) {
          const info = LISTS[listPath] ?? { kind: keyPath[keyPath.length - 1] ?? 'item', noun: humanize(keyPath[keyPath.length - 1] ?? 'item') };
          const governance = governanceFacts(item.governance);
          const key = formatIdPath(itemSteps);
          out.push({
            key,
            path: [...path, i],
            ...(parentKey !== undefined ? { parentKey } : {}),
            kind: info.kind,
            title: titleOf(info, item, id, lang),
            track: trackOf(listPath, item, governance),
            ...(governance ? { governance } : {}),
            value: item,
          });
          nextParent = key;
        }
        walk(item, [...path, i], itemSteps, keyPath, nextParent);
      });
    } else if (isPlainObject(node)) {
      for (const [k, v] of Object.entries(node)) {
        // Governance is about a section, not a section of its own (keepers have optional ids).
        if (k === 'governance') continue;
        walk(v, [...path, k], [...steps, { key: k }], [...keyPath, k], parentKey);
      }
    }
  };
  walk(value, [], [], [], undefined);
  return out;
}

export function findSection(value: unknown, key: string, lang?: string): Section | undefined {
  return listSections(value, lang).find((s) => s.key === key);
}

/**
 * Review bookkeeping inside `governance` that must not lapse a sign-off when it changes: recording the
 * Elder review itself, whether review is required and how often. Everything else — text, sharing level,
 * labels, keepers, origin, permissions — is content the reviewers approved.
 */
const BOOKKEEPING = ['elderReview', 'reviewRequired', 'reviewIntervalMonths'];

function stripBookkeeping(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(stripBookkeeping);
  if (!isPlainObject(v)) return v;
  const out: Record<string, unknown> = {};
  for (const [k, child] of Object.entries(v)) {
    if (k === 'governance' && isPlainObject(child)) {
      const g: Record<string, unknown> = {};
      for (const [gk, gv] of Object.entries(child)) if (!BOOKKEEPING.includes(gk)) g[gk] = stripBookkeeping(gv);
      out[k] = g;
    } else out[k] = stripBookkeeping(child);
  }
  return out;
}

/** Canonical JSON (keys sorted) of a section without review bookkeeping: what a sign-off binds to. */
export function normalizedSectionContent(value: unknown): string {
  return canonicalJson(stripBookkeeping(value));
}

/** SHA-256 (hex) of the normalized content. */
export function sectionContentHash(value: unknown, hash: HashFn = sha256Hex): string {
  return hash(normalizedSectionContent(value));
}

/** Medical sections whose sign-off is required by default: what a prescriber or medical lead signs. */
const MEDICAL_SIGNOFF_KINDS = new Set(['dose_route', 'absolute_exclusion', 'relative_exclusion', 'consent_section']);

/**
 * Tracks on which a sign-off is required:
 * - cultural: cultural sections unless the keepers set `reviewRequired: false`; any other section whose
 *   governance explicitly sets `reviewRequired: true` (the schema's "review by the knowledge holders");
 * - medical: dose routes, exclusions and consent sections (opt out with `reviewRequired: false`).
 */
export function requiredTracks(section: Section): ReviewTrack[] {
  const flag = section.governance?.reviewRequired;
  if (flag === false) return [];
  const tracks: ReviewTrack[] = [];
  if (section.track === 'cultural' || flag === true) tracks.push('cultural');
  if (section.track === 'medical' && MEDICAL_SIGNOFF_KINDS.has(section.kind)) tracks.push('medical');
  return tracks;
}
