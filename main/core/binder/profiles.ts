/**
 * Binder profiles: which audience a binder is printed for (that decides redaction) and which sections it
 * holds, in order. Section kinds are rendered by `sections/*`.
 */
import type { Audience } from '../review';

export type SectionKind =
  | 'overview'
  | 'team'
  | 'curriculum'
  | 'weekly-guide'
  | 'medicine'
  | 'screening'
  | 'monitoring'
  | 'safety-sheet'
  | 'consent'
  | 'cultural'
  | 'cultural-in-curriculum'
  | 'elder-protocols'
  | 'measures'
  | 'qi'
  | 'site-changes'
  | 'change-log'
  | 'review-status'
  | 'references'
  | 'signoff';

export interface BinderProfile {
  name: string;
  title: string;
  description: string;
  audience: Audience;
  sections: readonly SectionKind[];
  /** Roles printed on the sign-off page. */
  signoffRoles: readonly string[];
}

export const PROFILES = {
  'clinical-team': {
    name: 'clinical-team',
    title: 'Clinical team binder',
    description: 'Everything cleared for the clinical team: programme, dosing, screening, monitoring sheets, consent and cultural content.',
    audience: 'clinical_team',
    sections: [
      'overview', 'team', 'curriculum', 'medicine', 'screening', 'monitoring', 'consent', 'cultural', 'measures', 'qi',
      'change-log', 'review-status', 'references', 'signoff',
    ],
    signoffRoles: ['Medical lead', 'Clinical lead', 'Programme lead', 'Elder / cultural advisor'],
  },
  participant: {
    name: 'participant',
    title: 'Participant binder',
    description: 'For people joining the programme: what it is, what to expect week by week, consent, and the after-session safety sheet.',
    audience: 'participant',
    sections: ['overview', 'weekly-guide', 'consent', 'safety-sheet'],
    signoffRoles: [],
  },
  'elder-review': {
    name: 'elder-review',
    title: 'Elder review binder',
    description: 'Ceremonial and cultural content with its keepers, TK labels and review status, for Elders and Knowledge Keepers.',
    audience: 'elder_review',
    sections: ['overview', 'cultural', 'cultural-in-curriculum', 'elder-protocols', 'consent', 'review-status', 'signoff'],
    signoffRoles: ['Elder', 'Knowledge Keeper', 'Programme lead'],
  },
  'site-adaptation': {
    name: 'site-adaptation',
    title: 'Site adaptation binder',
    description: 'What this site changed from its base protocol, and why.',
    audience: 'program_team',
    sections: ['overview', 'site-changes', 'change-log', 'review-status', 'signoff'],
    signoffRoles: ['Medical lead', 'Programme lead', 'Elder / cultural advisor'],
  },
} as const satisfies Record<string, BinderProfile>;

export type ProfileName = keyof typeof PROFILES;

export const PROFILE_NAMES = Object.keys(PROFILES) as ProfileName[];

export function profileByName(name: string): BinderProfile | undefined {
  return Object.hasOwn(PROFILES, name) ? (PROFILES[name as ProfileName] as BinderProfile) : undefined;
}
