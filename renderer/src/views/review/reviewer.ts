/** Who reviews, and the words for review roles: shared by the review view, its cards and the review sheet. */
import type { Person, ReviewerRole, ReviewSection, ReviewTrack } from '../../../../main/contract/api';
import { i18next } from '../../i18n';

export interface Reviewer {
  name: string;
  role: ReviewerRole;
  /** With a people register: who is working signs (main checks their roles); `id` is their person id. */
  working?: { id: string; people: Person[] };
}

/** The section as people read it: who acted, as the names main gives beside the recorded person ids. */
export function withNames(s: ReviewSection): ReviewSection {
  return {
    ...s,
    approvedBy: s.approvedByName,
    withheld: s.withheld && { ...s.withheld, by: s.withheld.byName },
    pendingReviewers: s.pendingReviewerNames,
    history: s.history.map((e) => ({ ...e, who: e.whoName, to: e.toName })),
  };
}

/** A person as the "ask whom" list shows them: namesakes told apart by their id, as main names them elsewhere. */
export function personLabel(p: Person, people: readonly Person[]): string {
  const key = (n: string) => n.normalize('NFKC').toLowerCase();
  return people.some((o) => o.id !== p.id && key(o.name) === key(p.name)) ? `${p.name} (${p.id})` : p.name;
}

export const TRACK_ROLES: Record<ReviewTrack, { id: ReviewerRole; label: string }[]> = {
  cultural: [
    { id: 'elder', label: 'Elder' },
    { id: 'knowledge_keeper', label: 'Knowledge Keeper' },
    { id: 'cultural_advisor', label: 'Cultural advisor' },
  ],
  medical: [
    { id: 'medical_lead', label: 'Medical lead' },
    { id: 'prescriber', label: 'Prescriber' },
    { id: 'psychiatrist', label: 'Psychiatrist' },
    { id: 'clinical_lead', label: 'Clinical lead' },
    { id: 'registered_nurse', label: 'Registered nurse' },
  ],
};

const ROLE_TEXT: Record<string, string> = {
  ...Object.fromEntries(Object.values(TRACK_ROLES).flat().map((r) => [r.id, r.label])),
  program_director: 'Program director',
  qi_lead: 'QI lead',
  facilitator: 'Facilitator',
  community_leader: 'Community leader',
};

/** In the studio's language; a role the studio does not know reads as written, without underscores. */
export const roleText = (r: string | null | undefined) => (r ? i18next.t(`roles.${r}`, { defaultValue: ROLE_TEXT[r] ?? r.replace(/_/g, ' ') }) : '');
