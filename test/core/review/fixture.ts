/** A small protocol with one section at every sharing level, used by the review tests. */
import { parse } from 'yaml';

/** Strings that must never leave the workspace for audiences below their level. */
export const SECRET = {
  program: 'PROGRAM-ONLY teaching of the river',
  community: 'COMMUNITY-ONLY song words',
  sacred: 'SACRED prayer words held by the keepers',
  labelled: 'LABELLED sacred words under an open sharing level',
  unpermitted: 'UNPERMITTED teaching without print consent',
  ceremony: 'CEREMONY details of week five',
} as const;

export const PROTOCOL_TEXT = `schemaVersion: 1
metadata:
  id: rtt-kat-base
  title: Roots To Thrive — group KaT
  versionLabel: 3.2.0
  status: draft
  medicine: ketamine
  languages: [en]
  review: {lastReviewed: 2025-01-15, nextReview: 2025-07-15, intervalMonths: 6}
curriculum:
  weeks:
    - id: week-1
      week: 1
      theme: Arriving
      medicineSession: false
      segments:
        - {id: w1-large-group, title: Welcome, kind: large_group, durationMin: 35, description: Introductions}
    - id: week-5
      week: 5
      theme: First medicine session
      medicineSession: true
      segments:
        - id: w5-ceremony
          title: Opening ceremony
          kind: ceremony
          durationMin: 20
          description: "${SECRET.ceremony}"
          governance:
            sharing: community_only
            keepers: [{name: Elder Mary Thomas, nation: Snuneymuxw, role: elder}]
            permissions: {print: true}
medicineSessions:
  count: 3
  weeks: [5, 7, 9]
  routes:
    - {id: im, route: IM, unit: mg/kg, min: 0.5, max: 1.5, start: 0.5, weightRequired: true}
screening:
  exclusions:
    absolute:
      - {id: uncontrolled-hypertension, code: uncontrolled_hypertension, text: Blood pressure above 160/100}
consent:
  sections:
    - {id: nature, element: nature_of_treatment, title: Nature of treatment, text: Group sessions with ketamine.}
    - id: contacts
      element: emergency
      title: Local contacts
      text: Call the night nurse at 555-0101.
      governance: {sharing: program_team}
cultural:
  framing: Two-eyed seeing.
  blocks:
    - id: opening-circle
      type: opening
      title: Opening circle
      text: We gather in a circle and introduce ourselves.
      governance:
        sharing: open
        keepers: [{name: Elder Mary Thomas, nation: Snuneymuxw, role: elder, permissionToName: true}]
        origin: {community: Snuneymuxw First Nation, nation: Coast Salish}
    - id: river-teaching
      type: teaching
      title: River teaching
      text: "${SECRET.program}"
      governance:
        sharing: program_team
        keepers: [{name: Knowledge Keeper Jo Sam, nation: Stz'uminus, role: knowledge_keeper}]
        permissions: {print: true}
        reviewIntervalMonths: 6
    - id: healing-song
      type: song
      title: Healing song
      text: "${SECRET.community}"
      governance:
        sharing: community_only
        keepers: [{name: Elder Ann Joe, nation: Snuneymuxw, role: elder}]
        labels: [{label: tk_community_use_only, text: For Snuneymuxw members}]
        permissions: {print: true}
    - id: sacred-prayer
      type: other
      title: Prayer
      placeholder: Opening led by the Elder in their own way.
      text: "${SECRET.sacred}"
      governance:
        sharing: secret_sacred
        keepers: [{name: Elder Ann Joe, nation: Snuneymuxw, role: elder}]
        permissions: {print: true, export: true}
    - id: labelled-prayer
      type: other
      title: Morning words
      text: "${SECRET.labelled}"
      governance:
        sharing: open
        keepers: [{name: Elder Ann Joe, nation: Snuneymuxw, role: elder}]
        labels: [{label: tk_secret_sacred}]
    - id: unpermitted-teaching
      type: teaching
      title: Grandmother teaching
      text: "${SECRET.unpermitted}"
      governance:
        sharing: program_team
        keepers: [{name: Elder Ann Joe, nation: Snuneymuxw, role: elder}]
`;

export const protocol = (): Record<string, unknown> => parse(PROTOCOL_TEXT) as Record<string, unknown>;

/** Replaces one string in the fixture text (edits for lapse tests). */
export function edited(from: string, to: string, text = PROTOCOL_TEXT): string {
  if (!text.includes(from)) throw new Error(`fixture has no "${from}"`);
  return text.replace(from, to);
}

/**
 * The fixture as it can be committed: a version must pass the input gate, and the schema forbids text in
 * secret/sacred blocks, so those keep only their placeholder (the store never holds sacred words).
 */
export function committable(text = PROTOCOL_TEXT): string {
  return text
    .replace(`      text: "${SECRET.sacred}"\n`, '')
    .replace(`      text: "${SECRET.labelled}"\n`, '      placeholder: Ask the Elder.\n');
}
