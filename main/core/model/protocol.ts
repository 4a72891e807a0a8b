/**
 * Types of a protocol document (schemaVersion 1), kept in step with schemas/protocol.schema.json.
 * The schema is the authority; these types describe a document that passed it. Rules that read
 * documents which may be schema-invalid must still check values defensively.
 */
import type { LocalizedText } from './localized';

export type { LocalizedText } from './localized';

/** Kebab-case id, unique within its list. */
export type Id = string;
/** YYYY-MM-DD. */
export type IsoDate = string;

export interface Range {
  min: number;
  max: number;
}

export type Medicine = 'ketamine' | 'esketamine' | 'psilocybin' | 'mdma' | 'other';
export type ProtocolStatus = 'draft' | 'clinical_review' | 'cultural_review' | 'approved' | 'retired';
export type FacilityType = 'hospital' | 'accredited_nhmsf' | 'community_clinic' | 'virtual';

export type SharingLevel = 'open' | 'program_team' | 'community_only' | 'secret_sacred';
export type KeeperRole = 'elder' | 'knowledge_keeper' | 'cultural_advisor';
export type TkLabel =
  | 'tk_attribution' | 'tk_non_commercial' | 'tk_community_use_only' | 'tk_seasonal' | 'tk_culturally_sensitive'
  | 'tk_secret_sacred' | 'tk_women_restricted' | 'tk_men_restricted' | 'tk_clan' | 'tk_family'
  | 'tk_multiple_communities' | 'tk_open_to_collaboration';
export type ElderReviewStatus = 'not_started' | 'pending' | 'approved' | 'changes_requested' | 'declined';

export interface Keeper {
  id?: Id;
  name: string;
  nation?: string;
  community?: string;
  role: KeeperRole;
  permissionToName?: boolean;
}

export interface Governance {
  keepers?: Keeper[];
  sharing: SharingLevel;
  labels?: { label: TkLabel; text?: LocalizedText }[];
  origin?: { community?: string; nation?: string; territory?: string; givenOn?: IsoDate; conditions?: LocalizedText };
  reviewRequired?: boolean;
  reviewIntervalMonths?: number;
  elderReview?: {
    status: ElderReviewStatus;
    reviewer?: string;
    date?: IsoDate;
    scope?: LocalizedText;
    conditions?: LocalizedText;
    expires?: IsoDate;
  };
  permissions?: { print?: boolean; export?: boolean; record?: boolean };
  notes?: LocalizedText;
}

export interface TextItem {
  id: Id;
  text: LocalizedText;
}

export interface Metadata {
  id: Id;
  title: LocalizedText;
  versionLabel: string;
  status: ProtocolStatus;
  medicine: Medicine;
  medicineName?: LocalizedText;
  site?: { name: string; jurisdiction?: string; facilityType?: FacilityType; address?: LocalizedText; territory?: LocalizedText };
  basedOn?: { protocol: Id; version: string };
  languages?: string[];
  owners?: {
    name: string;
    role: 'program_lead' | 'medical_lead' | 'clinical_lead' | 'elder_cultural_advisor' | 'qi_lead' | 'other';
    email?: string;
  }[];
  approvals?: {
    id: Id;
    role: 'medical_lead' | 'clinical_lead' | 'elder_cultural_advisor' | 'program_lead' | 'other';
    name: string;
    date?: IsoDate;
    scope: 'clinical' | 'cultural';
    notes?: LocalizedText;
  }[];
  review?: { lastReviewed?: IsoDate; nextReview?: IsoDate; intervalMonths?: number };
  description?: LocalizedText;
}

export interface Programme {
  format: 'group' | 'individual';
  weeks: number;
  delivery?: 'in_person' | 'virtual' | 'hybrid';
  cohortSize?: Range;
  smallGroupSize?: Range;
  facilitatorsPerSmallGroup?: { count: number; roles?: Id[] };
  sessionLengths?: { largeGroupMin?: number; smallGroupMin?: number; individualMin?: number };
  referralRequired?: boolean;
  referralSources?: LocalizedText;
  costs?: { amount?: number; currency?: string; text?: LocalizedText };
  summary?: LocalizedText;
}

export type TeamRoleKind =
  | 'medical_lead' | 'prescriber' | 'psychiatrist' | 'registered_nurse' | 'registered_therapist' | 'elder'
  | 'knowledge_keeper' | 'coordinator' | 'qi_lead' | 'student' | 'other';

export interface ElderProtocol {
  offering?: LocalizedText;
  honorarium?: LocalizedText;
  rate?: { amount: number; currency?: string; per: 'hour' | 'half_day' | 'day' | 'session' };
  helpers?: LocalizedText;
  travel?: LocalizedText;
  request?: LocalizedText;
}

export interface TeamRole {
  id: Id;
  role: TeamRoleKind;
  title?: LocalizedText;
  name?: string;
  credentials?: LocalizedText;
  responsibilities?: LocalizedText;
  inSession?: boolean;
  optional?: boolean;
  protocol?: ElderProtocol;
  governance?: Governance;
}

export type SegmentKind = 'large_group' | 'small_group' | 'medicine' | 'integration' | 'ceremony' | 'teaching' | 'practice' | 'other';

export interface Segment {
  id: Id;
  title?: LocalizedText;
  kind: SegmentKind;
  durationMin?: number;
  facilitators?: Id[];
  description?: LocalizedText;
  culturalRefs?: Id[];
  governance?: Governance;
}

export interface Practice {
  id: Id;
  kind: 'somatic' | 'relational' | 'reflective' | 'land_based';
  text: LocalizedText;
  governance?: Governance;
}

export interface Week {
  id: Id;
  week: number;
  theme?: LocalizedText;
  medicineSession?: boolean;
  segments?: Segment[];
  practices?: Practice[];
  integration?: LocalizedText;
  homework?: LocalizedText;
  facilitatorNotes?: LocalizedText;
  culturalRefs?: Id[];
  governance?: Governance;
}

export type Route = 'IM' | 'IV' | 'SL' | 'PO' | 'IN' | 'SC';

export interface DoseRange {
  id: Id;
  route: Route;
  unit: 'mg/kg' | 'mg';
  min?: number;
  max?: number;
  start?: number;
  capMg?: number;
  weightRequired?: boolean;
  infusionMin?: number;
  formulation?: LocalizedText;
  justification?: LocalizedText;
  equivalenceNote?: LocalizedText;
  notes?: LocalizedText;
}

export type DischargeKind = 'baseline' | 'ambulating' | 'escort' | 'no_driving' | 'other';

export interface MedicineSessions {
  count?: number;
  weeks?: number[];
  minSpacingDays?: number;
  spacingJustification?: LocalizedText;
  routes?: DoseRange[];
  titration?: LocalizedText;
  setting?: LocalizedText;
  preparation?: LocalizedText;
  inSessionRoles?: Id[];
  observationMin?: number;
  fasting?: { foodHours?: number; liquidsMin?: number; text?: LocalizedText };
  dischargeCriteria?: { id: Id; kind: DischargeKind; text: LocalizedText }[];
  integration?: { withinDays?: number; format?: 'small_group' | 'large_group' | 'individual' | 'mixed'; facilitators?: Id[]; text?: LocalizedText };
}

export type ExclusionCode =
  | 'uncontrolled_hypertension' | 'active_psychosis' | 'dementia' | 'delirium' | 'inability_to_consent' | 'pregnancy'
  | 'breastfeeding' | 'aneurysm' | 'avm' | 'intracerebral_haemorrhage' | 'stroke' | 'severe_cardiac' | 'hypersensitivity'
  | 'hyperthyroidism' | 'mania' | 'hepatic' | 'renal' | 'vascular' | 'substance_misuse' | 'other';

export interface Exclusion {
  id: Id;
  code: ExclusionCode;
  text: LocalizedText;
  rationale?: LocalizedText;
}

export type Instrument = 'PHQ-9' | 'GAD-7' | 'PCL-5' | 'B-IPF' | 'MEQ-30' | 'MBI' | 'other';
export type AssessmentKind =
  | 'suicide_risk' | 'substance_use' | 'medical_history' | 'psychiatric_history' | 'medication_list' | 'bp' | 'weight'
  | 'pregnancy' | 'ecg' | 'labs' | 'sleep_apnoea' | 'other';

export interface Screening {
  indications?: TextItem[];
  inclusion?: TextItem[];
  exclusions?: { absolute?: Exclusion[]; relative?: Exclusion[] };
  instruments?: {
    id: Id;
    instrument: Instrument;
    cutoff?: number;
    use: 'suicide_risk' | 'eligibility' | 'baseline';
    escalation?: { item: number; above: number; action?: LocalizedText };
    text?: LocalizedText;
  }[];
  assessments?: { id: Id; kind: AssessmentKind; text?: LocalizedText }[];
  suicideRiskEscalation?: LocalizedText;
  interactions?: { id: Id; substance: LocalizedText; guidance?: LocalizedText }[];
}

export type VitalField = 'bp' | 'hr' | 'spo2' | 'weight' | 'rr' | 'temperature' | 'sedation';
export type VitalsAt = 'pre_dose' | 'mid_session' | 'post_session' | 'discharge';
export type SafetySheetField =
  | 'weight_kg' | 'emergency_contacts' | 'medications' | 'allergies' | 'bp_log' | 'prn_given' | 'escort' | 'dose_given' | 'adverse_events';
export type Equipment = 'oxygen' | 'suction' | 'bp_cuff' | 'pulse_oximeter' | 'aed' | 'rescue_medications' | 'airway_kit' | 'other';
export type Certification = 'bls' | 'acls' | 'pals' | 'first_aid' | 'other';

export interface Monitoring {
  preSessionBpMax?: { systolic: number; diastolic: number };
  vitals?: { fields?: VitalField[]; timepoints?: { id: Id; at: VitalsAt; minutesAfterDose?: number; text?: LocalizedText }[] };
  safetySheet?: { fields?: SafetySheetField[]; text?: LocalizedText };
  emergencyReadiness?: { equipment?: Equipment[]; staffCertification?: Certification[]; emsPlan?: LocalizedText };
  prn?: { id: Id; purpose: 'antiemetic' | 'antihypertensive' | 'anxiolytic' | 'other'; medication: string; text?: LocalizedText }[];
  adverseEvents?: { logEachSession?: boolean; text?: LocalizedText };
  emergencyPlan?: LocalizedText;
  emergencyContacts?: { id: Id; name: string; role?: string; phone?: string }[];
}

export type ConsentElement =
  | 'nature_of_treatment' | 'purpose_and_structure' | 'route_and_dose' | 'expected_effects' | 'risks'
  | 'benefits_and_alternatives' | 'eligibility' | 'preparation' | 'monitoring' | 'transport' | 'withdrawal' | 'touch'
  | 'group_confidentiality' | 'emergency' | 'data_use' | 'ceremony' | 'recording' | 'costs' | 'signatures';

export interface ConsentSection {
  id: Id;
  element: ConsentElement;
  title: LocalizedText;
  text: LocalizedText;
  governance?: Governance;
}

export interface Consent {
  version?: string;
  sections?: ConsentSection[];
  touch?: {
    capturedBefore?: 'screening' | 'first_medicine_session' | 'each_medicine_session';
    revisable?: boolean;
    narrowOnlyInSession?: boolean;
    options?: { id: Id; kind?: 'supportive' | 'instrumental' | 'none'; text: LocalizedText }[];
    stopSignal?: LocalizedText;
  };
  ceremony?: {
    optInPerElement?: boolean;
    elements?: { id: Id; blockRef?: Id; text: LocalizedText; governance?: Governance }[];
  };
}

export type MeasureTimepoint = 'baseline' | 'each_session' | 'weekly' | 'post' | 'followup_3m' | 'followup_6m';

export interface Measure {
  id: Id;
  instrument: Instrument;
  name?: LocalizedText;
  range?: Range;
  cutoff?: number;
  bands?: { id: Id; min: number; max: number; label: LocalizedText }[];
  timepoints?: MeasureTimepoint[];
  baselineWithinWeeks?: number;
  postWithinWeeks?: number;
  scoring?: LocalizedText;
  notes?: LocalizedText;
}

export type CulturalBlockType = 'teaching' | 'opening' | 'closing' | 'song' | 'smudge' | 'story' | 'land_based' | 'other';

export interface CulturalBlock {
  id: Id;
  type: CulturalBlockType;
  title: LocalizedText;
  /** Never present when governance.sharing is secret_sacred. */
  text?: LocalizedText;
  placeholder?: LocalizedText;
  governance: Governance;
}

export interface Cultural {
  framing?: LocalizedText;
  blocks?: CulturalBlock[];
  facilityPolicies?: TextItem[];
}

export interface QiCycle {
  id: Id;
  number: number;
  start?: IsoDate;
  end?: IsoDate;
  aim?: LocalizedText;
  problem?: LocalizedText;
  change?: LocalizedText;
  rationale?: LocalizedText;
  measures?: Id[];
  indicators?: Id[];
  approvedBy?: string[];
  decision?: 'adopt' | 'adapt' | 'abandon' | 'pending';
  findings?: LocalizedText;
}

export interface Qi {
  cycles?: QiCycle[];
  indicators?: { id: Id; text: LocalizedText; target?: LocalizedText }[];
  feedbackSources?: LocalizedText;
}

export interface Reference {
  id: Id;
  citation: string;
  doi?: string;
  url?: string;
  evidence?: 'V' | 'B' | 'K' | 'U';
  notes?: LocalizedText;
}

export interface ProtocolDocument {
  schemaVersion: 1;
  metadata: Metadata;
  programme?: Programme;
  team?: TeamRole[];
  curriculum?: { summary?: LocalizedText; weeks?: Week[] };
  medicineSessions?: MedicineSessions;
  screening?: Screening;
  monitoring?: Monitoring;
  consent?: Consent;
  measures?: Measure[];
  cultural?: Cultural;
  qi?: Qi;
  references?: Reference[];
}
