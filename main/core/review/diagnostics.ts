/**
 * REV-01…04: review-state diagnostics. The document-only cultural rules (CULT-01…06, rules engineer)
 * read what the YAML records; these read the sign-offs bound to section hashes in the workspace.
 */
import type { Diagnostic, PathSegment, Range, Severity } from '../diagnostics/diagnostic';
import { isPlainObject } from '../diff/values';
import { listSections } from './sections';
import type { SectionReviewStatus } from './signoff';

const FRAMEWORKS = 'TCPS 2 (2022) Art. 9.5; OCAP® (FNIGC); Local Contexts TK labels; CARE (GIDA)';

export const REVIEW_RULES = {
  'REV-01': {
    title: 'Ceremonial or cultural section without a keeper',
    help: `Ceremonies, land-based practices and other Indigenous knowledge are reviewed by the Elders or Knowledge Keepers who hold them; authority over such knowledge rests with keepers designated by custom. Name them in governance.keepers (cultural blocks are checked by CULT-02). Sources: ${FRAMEWORKS}.`,
  },
  'REV-02': {
    title: 'Review date passed',
    help: `Approval covers a period agreed with the reviewers: the protocol's metadata.review.nextReview, and for a section its approval date plus governance.reviewIntervalMonths (12 months by default for cultural sign-offs). Renew it with the same authorities. Sources: ${FRAMEWORKS}.`,
  },
  'REV-03': {
    title: 'Required sign-off missing',
    help: `Cultural sections need sign-off by their Elders or Knowledge Keepers, and dose routes, exclusions and consent sections by a prescriber or medical lead, before the protocol is used. The preferred path is approval by both formal and customary authority. Sources: ${FRAMEWORKS}.`,
  },
  'REV-04': {
    title: 'Sign-off lapsed: content changed since approval',
    help: `A sign-off covers the text that was reviewed, not later edits: it is bound to the SHA-256 of the section's content, and any change to that content needs a new review. Sources: ${FRAMEWORKS}.`,
  },
} as const;

type Code = keyof typeof REVIEW_RULES;

export function reviewDiagnostics(value: unknown, status: readonly SectionReviewStatus[], rangeOf: (path: PathSegment[]) => Range, now: Date = new Date()): Diagnostic[] {
  const out: Diagnostic[] = [];
  const approvedDoc = isPlainObject(value) && isPlainObject(value.metadata) && value.metadata.status === 'approved';
  // Missing or lapsed sign-offs block use: errors once the document says it is approved.
  const gate: Severity = approvedDoc ? 'error' : 'warning';
  const emit = (code: Code, severity: Severity, path: PathSegment[], message: string): void => {
    out.push({ severity, code, message, help: REVIEW_RULES[code].help, path, range: rangeOf(path) });
  };

  const sections = listSections(value);
  const pathOf = new Map(sections.map((s) => [s.key, s.path]));

  for (const s of sections) {
    if (s.track === 'cultural' && s.kind !== 'cultural_block' && (s.governance?.keepers.length ?? 0) === 0) {
      emit('REV-01', 'warning', s.governance ? [...s.path, 'governance'] : s.path, `"${s.title}" (${s.key}) is ceremonial or cultural but names no Elder or Knowledge Keeper (governance.keepers)`);
    }
  }

  const today = now.toISOString().slice(0, 10);
  const review = isPlainObject(value) && isPlainObject(value.metadata) ? value.metadata.review : undefined;
  const next = isPlainObject(review) ? review.nextReview : undefined;
  const nextDay = next instanceof Date ? next.toISOString().slice(0, 10) : typeof next === 'string' ? next.slice(0, 10) : undefined;
  if (nextDay && /^\d{4}-\d{2}-\d{2}$/.test(nextDay) && nextDay < today) {
    emit('REV-02', 'warning', ['metadata', 'review', 'nextReview'], `The protocol's review was due on ${nextDay}`);
  }

  for (const st of status) {
    const path = pathOf.get(st.key) ?? [];
    if (st.state === 'lapsed' && st.lapsedBecause === 'review_overdue') {
      emit('REV-02', gate, path, `${st.track} sign-off of "${st.title}" by ${st.approvedBy} was due for renewal on ${st.reviewDue}`);
    } else if (st.state === 'lapsed') {
      const n = st.diff?.length ?? 0;
      emit('REV-04', gate, path, `"${st.title}" ${st.message} (${n} change${n === 1 ? '' : 's'}); its ${st.track} sign-off no longer holds`);
    } else if (st.required && st.state !== 'approved') {
      emit('REV-03', gate, path, `"${st.title}" needs ${st.track} sign-off: ${st.message}`);
    }
  }
  return out;
}
