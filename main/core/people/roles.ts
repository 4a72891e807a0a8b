/** The roles a person can hold in a programme (issue 13), and which of them may sign off each review track. */
export const PERSON_ROLES = [
  'medical_lead',
  'prescriber',
  'program_director',
  'qi_lead',
  'facilitator',
  'elder',
  'knowledge_keeper',
  'cultural_advisor',
  'community_leader',
] as const;

export type PersonRole = (typeof PERSON_ROLES)[number];

export const isPersonRole = (v: unknown): v is PersonRole => typeof v === 'string' && (PERSON_ROLES as readonly string[]).includes(v);

/** People-facing names of the roles. */
export const ROLE_NAMES: Record<PersonRole, string> = {
  medical_lead: 'Medical lead',
  prescriber: 'Prescriber',
  program_director: 'Program director',
  qi_lead: 'QI lead',
  facilitator: 'Facilitator',
  elder: 'Elder',
  knowledge_keeper: 'Knowledge keeper',
  cultural_advisor: 'Cultural advisor',
  community_leader: 'Community leader',
};

/** Roles that can sign off the medical track: the clinicians who answer for doses and exclusions. */
export const MEDICAL_SIGNOFF_ROLES: readonly PersonRole[] = ['medical_lead', 'prescriber'];

/** Roles that can sign off a section's cultural track when they belong to its community (or are named as its keeper). */
export const CULTURAL_SIGNOFF_ROLES: readonly PersonRole[] = ['elder', 'knowledge_keeper'];
