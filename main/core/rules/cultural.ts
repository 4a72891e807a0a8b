/**
 * CULT-01…06: governance of cultural blocks, Elder protocols and ceremony consent. Sign-off state bound to
 * section hashes lives in the review module; these rules read only what the document itself records.
 */
import { referenceFor } from './reference';
import { at, hasText, items, list, obj, str, strings, texts, type Obj, type Path } from './read';
import { SRC } from './sources';
import type { Rule, RuleFinding } from './types';

const BLOCKS: Path = ['cultural', 'blocks'];

interface BlockView {
  id: string;
  text: unknown;
  path: Path;
  governance: Obj | undefined;
  sharing: string | undefined;
  reviewStatus: string | undefined;
}

function blocks(doc: unknown): BlockView[] {
  return items(doc, BLOCKS).map(({ item, path, index }) => {
    const governance = obj(item.governance);
    return {
      id: str(item.id) ?? `block ${index + 1}`,
      text: item.text,
      path,
      governance,
      sharing: str(governance?.sharing),
      reviewStatus: str(obj(governance?.elderReview)?.status),
    };
  });
}

/** Where each block is referenced from printed parts of the protocol (curriculum weeks, segments, ceremony consent). */
function printedReferences(doc: unknown): Map<string, string> {
  const refs = new Map<string, string>();
  for (const { item: week } of items(doc, ['curriculum', 'weeks'])) {
    const weekName = str(week.id) ?? 'a curriculum week';
    for (const id of strings(week.culturalRefs)) if (!refs.has(id)) refs.set(id, weekName);
    for (const seg of list(week.segments)) for (const id of strings(obj(seg)?.culturalRefs)) if (!refs.has(id)) refs.set(id, weekName);
  }
  for (const { item } of items(doc, ['consent', 'ceremony', 'elements'])) {
    const id = str(item.blockRef);
    if (id && !refs.has(id)) refs.set(id, 'the ceremony consent');
  }
  return refs;
}

/** A YAML date (string, or Date under the YAML 1.1 schema) as a Date, or undefined. */
function dateOf(v: unknown): Date | undefined {
  const d = v instanceof Date ? v : typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) ? new Date(`${v.slice(0, 10)}T00:00:00Z`) : undefined;
  return d && !Number.isNaN(d.getTime()) ? d : undefined;
}

function addMonths(d: Date, months: number): Date {
  const out = new Date(d.getTime());
  out.setUTCMonth(out.getUTCMonth() + months);
  return out;
}

const day = (d: Date) => d.toISOString().slice(0, 10);

export const CULTURAL_RULES: Rule[] = [
  {
    id: 'CULT-01',
    family: 'cultural',
    severity: 'error',
    title: 'Unapproved restricted cultural block in printed material',
    help: `Cultural knowledge shared beyond "open" may only go into printed or exported material once its Elders or Knowledge Keepers have approved it; knowledge-keeper authority over the knowledge comes first. A block that keeps only a placeholder discloses nothing and is not checked. Source: ${SRC.tcps2}`,
    check(ctx) {
      const refs = printedReferences(ctx.doc);
      const out: RuleFinding[] = [];
      for (const b of blocks(ctx.doc)) {
        if (!hasText(b.text) || !b.sharing || b.sharing === 'open' || b.reviewStatus === 'approved') continue;
        // Explicit permissions decide; without them, a block referenced from the curriculum or consent gets printed.
        const perms = obj(b.governance?.permissions);
        const ref = refs.get(b.id);
        const where = perms
          ? perms.print === true ? 'is marked for print' : perms.export === true ? 'is marked for export' : undefined
          : ref && `is used in ${ref}`;
        if (!where) continue;
        out.push({
          path: [...b.path, 'governance', 'elderReview'],
          message: `Cultural block "${b.id}" (sharing: ${b.sharing}) ${where} but its Elder review is ${b.reviewStatus ? `"${b.reviewStatus}"` : 'not recorded'}, not approved`,
        });
      }
      return out;
    },
  },
  {
    id: 'CULT-02',
    family: 'cultural',
    severity: 'error',
    title: 'Cultural block without provenance',
    help: `Every cultural block records where it comes from (Nation or community) and who holds it (its Elders or Knowledge Keepers); attribution and provenance are basic TK-label functions. Source: ${SRC.localContexts}`,
    check(ctx) {
      const out: RuleFinding[] = [];
      for (const b of blocks(ctx.doc)) {
        const gov: Path = [...b.path, 'governance'];
        const origin = obj(b.governance?.origin);
        if (!hasText(origin?.nation) && !hasText(origin?.community))
          out.push({ path: origin ? [...gov, 'origin'] : gov, message: `Cultural block "${b.id}" does not name the Nation or community it comes from (governance.origin)` });
        if (items(b.governance, ['keepers']).length === 0)
          out.push({ path: gov, message: `Cultural block "${b.id}" names no Elder or Knowledge Keeper (governance.keepers)` });
      }
      return out;
    },
  },
  {
    id: 'CULT-03',
    family: 'cultural',
    severity: 'warning',
    title: "Adapted cultural block from another Nation without local review",
    help: `Protocols differ by Nation; on their own territory local Elders normally lead openings and teachings. A site adaptation that keeps another Nation's cultural block needs a fresh review by the local Elders, approved and recorded (reviewer other than the block's source keepers). Sources: ${SRC.elderGuides}; ${SRC.tcps2}`,
    check(ctx) {
      if (!obj(at(ctx.doc, ['metadata', 'basedOn']))) return [];
      const territory = texts(at(ctx.doc, ['metadata', 'site', 'territory'])).map((t) => t.text.toLowerCase()).join(' ');
      const out: RuleFinding[] = [];
      for (const b of blocks(ctx.doc)) {
        const origin = obj(b.governance?.origin);
        const names = [origin?.nation, origin?.territory, origin?.community].map(str).filter((n): n is string => !!n?.trim());
        if (names.length === 0) continue; // no provenance: CULT-02
        if (territory && names.some((n) => territory.includes(n.toLowerCase()))) continue;
        const review = obj(b.governance?.elderReview);
        const reviewer = str(review?.reviewer)?.trim().toLowerCase();
        const keepers = items(b.governance, ['keepers']).map(({ item }) => str(item.name)?.trim().toLowerCase());
        if (review?.status === 'approved' && reviewer && !keepers.includes(reviewer)) continue;
        out.push({
          path: [...b.path, 'governance', review ? 'elderReview' : 'origin'],
          message: `Cultural block "${b.id}" comes from ${names[0]}, ${territory ? 'outside this site\'s territory' : 'and the site territory is not stated'}, and has no approved review by local Elders`,
        });
      }
      return out;
    },
  },
  {
    id: 'CULT-04',
    family: 'cultural',
    severity: 'warning',
    title: 'Elder or Knowledge Keeper without protocol',
    help: `Make the request in advance with the customary offering, agree the honorarium beforehand (including preparation time), and cover helpers and travel. Source: ${SRC.elderGuides}`,
    check(ctx) {
      const ref = referenceFor(ctx.reference).cultural;
      const out: RuleFinding[] = [];
      for (const { item, path } of items(ctx.doc, ['team'])) {
        const role = str(item.role);
        if (!role || !ref.elderRoles.includes(role)) continue;
        const who = str(item.name) ?? texts(item.title)[0]?.text ?? str(item.id) ?? role;
        const protocol = obj(item.protocol);
        if (!protocol) {
          out.push({ path, message: `${who} (${role.replace(/_/g, ' ')}) has no protocol: ${ref.elderProtocolFields.join(', ')}` });
          continue;
        }
        const missing = ref.elderProtocolFields.filter((f) => !hasText(protocol[f]) && !(f === 'honorarium' && obj(protocol.rate)));
        if (missing.length > 0) out.push({ path: [...path, 'protocol'], message: `${who} (${role.replace(/_/g, ' ')}) protocol does not cover ${missing.join(', ')}` });
      }
      return out;
    },
  },
  {
    id: 'CULT-05',
    family: 'cultural',
    severity: 'error',
    title: 'Ceremony participation not opt-in per element',
    help: `Cultural safety means choice: consent to ceremony and cultural elements is voluntary and separate for each element, with no penalty for declining. Source: ${SRC.hso75000}`,
    check(ctx) {
      const ceremony = obj(at(ctx.doc, ['consent', 'ceremony']));
      const hasCulture = items(ctx.doc, BLOCKS).length > 0 || items(ceremony, ['elements']).length > 0;
      if (!hasCulture || ceremony?.optInPerElement === true) return [];
      return [{
        path: ceremony ? ['consent', 'ceremony', 'optInPerElement'] : ['consent', 'ceremony'],
        message: 'Consent does not make ceremony participation opt-in for each element (consent.ceremony.optInPerElement: true)',
      }];
    },
  },
  {
    id: 'CULT-06',
    family: 'cultural',
    severity: 'warning',
    title: 'Elder review out of date',
    help: `An Elder approval covers a period and the text that was reviewed; once the review interval has passed (or the approval expired), ask again. The content-hash part of this check is done by the review sign-offs. Source: ${SRC.design}`,
    optIn: true,
    check(ctx) {
      const now = ctx.now ?? new Date();
      const fallback = referenceFor(ctx.reference).cultural.defaultReviewIntervalMonths;
      const out: RuleFinding[] = [];
      for (const b of blocks(ctx.doc)) {
        const review = obj(b.governance?.elderReview);
        if (b.reviewStatus !== 'approved' || !review) continue;
        const reviewPath: Path = [...b.path, 'governance', 'elderReview'];
        const expires = dateOf(review.expires);
        const reviewed = dateOf(review.date);
        const interval = typeof b.governance?.reviewIntervalMonths === 'number' ? b.governance.reviewIntervalMonths : fallback;
        if (expires && expires < now) out.push({ path: [...reviewPath, 'expires'], message: `Elder approval of cultural block "${b.id}" expired on ${day(expires)}` });
        else if (reviewed && addMonths(reviewed, interval) < now)
          out.push({ path: [...reviewPath, 'date'], message: `Elder review of cultural block "${b.id}" on ${day(reviewed)} is older than its ${interval}-month review interval` });
      }
      return out;
    },
  },
];
