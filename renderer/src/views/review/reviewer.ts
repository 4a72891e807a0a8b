/** Who reviews, and the words for review roles: shared by the review view, its cards and the review sheet. */
import type { Person, ReviewerRole, ReviewTrack } from '../../../../main/contract/api';

export interface Reviewer {
  name: string;
  role: ReviewerRole;
  /** With a people register: who is working signs (main checks their roles); `id` is their person id. */
  working?: { id: string; people: Person[] };
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

export const roleText = (r: string | null | undefined) => (r ? (ROLE_TEXT[r] ?? r.replace(/_/g, ' ')) : '');
