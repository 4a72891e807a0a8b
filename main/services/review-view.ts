/**
 * What a reviewer reads about one section: where it sits, the governance that applies to it (its own,
 * or that of the cultural block it refers to), TK labels in words, its prose and clinical facts.
 */
import type { Keeper, ReviewSection } from '../contract';
import { isPlainObject, localizedText } from '../core/diff/values';
import type { Section } from '../core/review/sections';
import { governanceFacts, levelWords, type GovernanceFacts, type SharingLevel } from '../core/review/sharing';
import { tkLabel } from '../core/review/tk-labels';
import { humanize } from '../core/model/words';

/** Fields that hold prose; other strings in a section are ids, codes and references. */
const PROSE_KEYS = new Set(['text', 'description', 'placeholder', 'theme', 'integration', 'homework', 'summary', 'framing', 'guidance', 'stopSignal', 'notes', 'responsibilities', 'justification', 'equivalenceNote']);
const LANG_KEY = /^[a-z]{2,3}(-[A-Za-z0-9]+)*$/;

/** The prose of a section in `lang`, in document order; governance aside, never YAML. */
export function paragraphsOf(value: unknown, lang: string): string[] {
  const out: string[] = [];
  const push = (t: string) => out.push(...t.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean));
  const prose = (v: unknown): void => {
    if (typeof v === 'string') push(v);
    else if (isPlainObject(v)) {
      const entries = Object.entries(v);
      if (entries.length > 0 && entries.every(([k, x]) => LANG_KEY.test(k) && typeof x === 'string')) push((v[lang] ?? entries[0]![1]) as string);
    }
  };
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (isPlainObject(v)) {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'governance') continue;
        if (PROSE_KEYS.has(k)) prose(x);
        else if (typeof x === 'object') walk(x);
      }
    }
  };
  walk(value);
  return out;
}


/** People names of the lists a reviewer meets; other lists fall back to their humanized key. */
const LIST_NAMES: Record<string, string> = {
  'cultural.blocks': 'Cultural blocks',
  'cultural.facilityPolicies': 'Cultural › Facility policies',
  'consent.ceremony.elements': 'Consent › Ceremony choices',
  'consent.sections': 'Consent form',
  'consent.touch.options': 'Consent › Touch',
  'medicineSessions.routes': 'Medicine sessions › Dose routes',
  'medicineSessions.dischargeCriteria': 'Medicine sessions › Discharge',
  'screening.exclusions.absolute': 'Screening › Absolute exclusions',
  'screening.exclusions.relative': 'Screening › Relative exclusions',
  'curriculum.weeks': 'Curriculum',
};

/** "Curriculum › Week 5" for a week's segment; the list's people name otherwise. */
export function groupOf(section: Section, parents: Map<string, Section>): string {
  const parent = section.parentKey ? parents.get(section.parentKey) : undefined;
  if (parent) return `${groupOf(parent, parents)} › ${parent.title}`;
  const listPath = section.path.filter((p) => typeof p === 'string').join('.');
  return LIST_NAMES[listPath] ?? listPath.split('.').map(humanize).join(' › ');
}

/** Titles people recognise: generated "Noun some-id" titles become the block's name or the humanized id. */
export function titleFor(section: Section, blocks: Map<string, Section>): string {
  const v = section.value;
  const id = typeof v.id === 'string' ? v.id : '';
  if (section.kind === 'ceremony_consent' && typeof v.blockRef === 'string') {
    const block = blocks.get(v.blockRef);
    if (block) return `Choosing to take part: ${block.title}`;
  }
  if (!id || !section.title.endsWith(` ${id}`)) return section.title;
  if (section.kind === 'practice' && typeof v.kind === 'string') return `${humanize(v.kind)} practice`;
  if (typeof v.code === 'string' && v.code !== 'other') return humanize(v.code);
  return humanize(id);
}

/** Cultural blocks a section refers to, when it has no governance of its own. */
export function referencedBlocks(section: Section, blocks: Map<string, Section>): Section[] {
  if (section.governance) return [];
  const v = section.value;
  const refs = [...(typeof v.blockRef === 'string' ? [v.blockRef] : []), ...(Array.isArray(v.culturalRefs) ? v.culturalRefs : [])];
  return refs.flatMap((r) => (typeof r === 'string' && blocks.get(r) ? [blocks.get(r)!] : []));
}

const LEVEL_NAMES: Record<SharingLevel, string> = {
  open: 'Open',
  program_team: 'Programme team only',
  community_only: 'Community only',
  secret_sacred: 'Secret / sacred',
};

function sharingText(g: GovernanceFacts): string {
  const community = g.origin && typeof g.origin.community === 'string' ? g.origin.community : undefined;
  let text =
    g.level === 'open'
      ? 'Open — may be shared with anyone, including printed binders'
      : g.level === 'secret_sacred'
        ? 'Secret / sacred — held by its keepers; only a placeholder is written down, never printed or exported'
        : `${LEVEL_NAMES[g.level]} — shared only with ${levelWords(g.level)}${g.level === 'community_only' && community ? ` (${community})` : ''}`;
  if (g.level !== g.sharing) text += `. Its TK labels make it stricter than the “${LEVEL_NAMES[g.sharing].toLowerCase()}” level the protocol sets.`;
  return text;
}

/** Local Contexts label names, and a general meaning shown when the community has not given its own wording. */
function labelsOf(governance: unknown, lang: string): ReviewSection['labels'] {
  const labels = isPlainObject(governance) && Array.isArray(governance.labels) ? governance.labels : [];
  return labels.flatMap((l) => {
    if (!isPlainObject(l) || typeof l.label !== 'string') return [];
    const own = paragraphsOf({ text: l.text }, lang).join(' ');
    const info = tkLabel(l.label);
    return [{ label: l.label, name: info?.name ?? humanize(l.label), text: own || (info?.meaning ?? ''), communityWording: own !== '' }];
  });
}

function originOf(g: GovernanceFacts, lang: string): ReviewSection['origin'] {
  const o = g.origin;
  if (!o) return null;
  const s = (k: string) => (typeof o[k] === 'string' ? { [k]: o[k] as string } : {});
  const conditions = localizedText(o.conditions, lang);
  return { ...s('community'), ...s('nation'), ...s('territory'), ...s('givenOn'), ...(conditions ? { conditions } : {}) };
}

export type GovernanceView = Pick<ReviewSection, 'governedBy' | 'sharing' | 'keepers' | 'labels' | 'origin'>;

/** The governance a reviewer should read: the section's own, else the referenced blocks'. */
export function governanceView(section: Section, blocks: Map<string, Section>, lang: string): GovernanceView {
  const refs = referencedBlocks(section, blocks);
  const source = section.governance ? section : refs[0];
  const raw = source?.value.governance;
  const g = governanceFacts(raw);
  const keepers: Keeper[] = (g?.keepers ?? []).map((k) => ({
    name: k.name,
    ...(k.nation ? { nation: k.nation } : {}),
    ...(k.community ? { community: k.community } : {}),
    ...(k.role ? { role: k.role } : {}),
  }));
  return {
    governedBy: refs.map((b) => ({ path: b.key, title: b.title })),
    sharing: g ? { level: g.level, text: sharingText(g) } : null,
    keepers,
    labels: labelsOf(raw, lang),
    origin: g ? originOf(g, lang) : null,
  };
}

const FACT_SKIP = new Set(['id', 'title', 'name', 'code', 'element', 'governance', 'culturalRefs', 'blockRef', ...PROSE_KEYS]);

/** Scalar facts of a clinical section, e.g. "Maximum: 1.5 mg/kg"; prose goes to paragraphs. */
export function factsOf(value: Record<string, unknown>): ReviewSection['facts'] {
  const unit = typeof value.unit === 'string' ? ` ${value.unit}` : '';
  const NAMES: Record<string, string> = { min: 'Minimum dose', max: 'Maximum dose', start: 'Starting dose', capMg: 'Ceiling', infusionMin: 'Infusion time (minutes)' };
  return Object.entries(value).flatMap(([k, v]) => {
    if (FACT_SKIP.has(k) || k === 'unit') return [];
    if (typeof v === 'boolean') return [{ label: NAMES[k] ?? humanize(k), value: v ? 'Yes' : 'No' }];
    if (typeof v === 'number') return [{ label: NAMES[k] ?? humanize(k), value: `${v}${['min', 'max', 'start'].includes(k) ? unit : k === 'capMg' ? ' mg' : ''}` }];
    if (typeof v === 'string') return [{ label: NAMES[k] ?? humanize(k), value: v }];
    return [];
  });
}

/** True when the section (or what it refers to) keeps only a placeholder: secret / sacred content. */
export function placeholderOnly(section: Section): boolean {
  const v = section.value;
  return v.placeholder !== undefined && v.text === undefined;
}
