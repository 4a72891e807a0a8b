/** SCR-01…05 (exclusions and screening) and MEAS-01/02 (outcome measures). */
import { referenceFor, type CodeRequirement, type InstrumentReference, type Reference } from './reference';
import { at, fmt, hasText, items, list, num, obj, str, strings, type Obj, type Path } from './read';
import { SRC } from './sources';
import type { Rule, RuleFinding } from './types';

const ABSOLUTE: Path = ['screening', 'exclusions', 'absolute'];
const RELATIVE: Path = ['screening', 'exclusions', 'relative'];

function codes(doc: unknown, lists: Path[]): Set<string> {
  return new Set(lists.flatMap((p) => items(doc, p).map(({ item }) => str(item.code)).filter((c): c is string => !!c)));
}

function missingExclusions(doc: unknown, required: CodeRequirement[], lists: Path[], where: string): RuleFinding[] {
  const have = codes(doc, lists);
  const path = lists[0] ?? ['screening'];
  return required
    .filter((req) => !req.codes.some((c) => have.has(c)))
    .map((req) => ({ path, message: `${where} do not include ${req.label} (code ${req.codes.join(' or ')})` }));
}

function hasAssessment(doc: unknown, kind: string): boolean {
  return items(doc, ['screening', 'assessments']).some(({ item }) => item.kind === kind);
}

function instrumentRef(ref: Reference, name: unknown): InstrumentReference | undefined {
  return typeof name === 'string' && Object.hasOwn(ref.instruments, name) ? ref.instruments[name as keyof Reference['instruments']] : undefined;
}

function checkScale(item: Obj, path: Path, ref: InstrumentReference, name: string, checkRange: boolean): RuleFinding[] {
  const out: RuleFinding[] = [];
  const range = obj(item.range);
  if (checkRange && range) {
    const min = num(range.min);
    const max = num(range.max);
    if ((min !== undefined && min !== ref.min) || (max !== undefined && max !== ref.max))
      out.push({ path: [...path, 'range'], message: `${name} range ${min === undefined ? '…' : fmt(min)}-${max === undefined ? '…' : fmt(max)} should be ${fmt(ref.min)}-${fmt(ref.max)}` });
  }
  const cutoff = num(item.cutoff);
  if (cutoff !== undefined && ref.cutoffs.length > 0 && !ref.cutoffs.includes(cutoff)) {
    const expected = ref.cutoffs.length === 1 ? `${fmt(ref.cutoffs[0]!)}` : `${fmt(Math.min(...ref.cutoffs))}-${fmt(Math.max(...ref.cutoffs))}`;
    out.push({ path: [...path, 'cutoff'], message: `${name} cut-off ${fmt(cutoff)} should be ${expected}` });
  } else if (cutoff !== undefined && (cutoff < ref.min || cutoff > ref.max)) {
    out.push({ path: [...path, 'cutoff'], message: `${name} cut-off ${fmt(cutoff)} is outside the scale range ${fmt(ref.min)}-${fmt(ref.max)}` });
  }
  return out;
}

export const SCREENING_RULES: Rule[] = [
  {
    id: 'SCR-01',
    family: 'screening',
    severity: 'error',
    title: 'Core RTT exclusions missing',
    help: `RTT excludes active psychotic symptoms, uncontrolled hypertension above 150/90, dementia, delirium and inability to consent. Source: ${SRC.rttWeb}`,
    check(ctx) {
      return missingExclusions(ctx.doc, referenceFor(ctx.reference).screening.coreExclusions, [ABSOLUTE], 'Absolute exclusions');
    },
  },
  {
    id: 'SCR-02',
    family: 'screening',
    severity: 'error',
    title: 'No pregnancy / breastfeeding handling',
    help: `Label and programme norms exclude or individually review pregnancy and breastfeeding (esketamine is not recommended in pregnancy). Sources: ${SRC.spravato}; clinic exclusion lists [V]`,
    check(ctx) {
      return missingExclusions(ctx.doc, referenceFor(ctx.reference).screening.pregnancyExclusions, [ABSOLUTE, RELATIVE], 'Exclusions');
    },
  },
  {
    id: 'SCR-03',
    family: 'screening',
    severity: 'warning',
    title: 'Vascular and cerebrovascular exclusions missing',
    help: `Aneurysmal vascular disease, AVM, intracerebral haemorrhage or stroke history and severe coronary disease are label contraindications; RTT reviews vascular disorders case by case. Sources: ${SRC.spravato}; ${SRC.ketalar}; ${SRC.rttWeb}`,
    medicines: ['ketamine', 'esketamine'],
    check(ctx) {
      return missingExclusions(ctx.doc, referenceFor(ctx.reference).screening.vascularExclusions, [ABSOLUTE, RELATIVE], 'Exclusions');
    },
  },
  {
    id: 'SCR-04',
    family: 'screening',
    severity: 'warning',
    title: 'No substance-use review',
    help: `Ketamine and esketamine carry a boxed warning on abuse and misuse, and chronic use causes cystitis; screening should review substance use. Sources: ${SRC.spravato}; ${SRC.ketalar}`,
    medicines: ['ketamine', 'esketamine'],
    check(ctx) {
      if (hasAssessment(ctx.doc, 'substance_use') || codes(ctx.doc, [ABSOLUTE, RELATIVE]).has('substance_misuse')) return [];
      return [{ path: ['screening', 'assessments'], message: 'Screening has no substance-use assessment and no substance-misuse exclusion' }];
    },
  },
  {
    id: 'SCR-05',
    family: 'screening',
    severity: 'warning',
    title: 'No suicide-risk screen or escalation path',
    help: `Boxed warning on suicidal thoughts, in a group setting: screen for suicide risk (e.g. PHQ-9 item 9 > 0) and state how a positive screen is escalated. Sources: ${SRC.spravato}; PHQ-9 item 9 [K]`,
    check(ctx) {
      const instruments = items(ctx.doc, ['screening', 'instruments']).filter(({ item }) => item.use === 'suicide_risk');
      const out: RuleFinding[] = [];
      if (instruments.length === 0 && !hasAssessment(ctx.doc, 'suicide_risk'))
        out.push({ path: ['screening', 'assessments'], message: 'Screening has no suicide-risk screen (instrument or assessment)' });
      const escalates = hasText(at(ctx.doc, ['screening', 'suicideRiskEscalation'])) || instruments.some(({ item }) => obj(item.escalation));
      if (!escalates) out.push({ path: ['screening', 'suicideRiskEscalation'], message: 'Screening has no escalation path for a positive suicide-risk screen' });
      return out;
    },
  },
];

export const MEASURE_RULES: Rule[] = [
  {
    id: 'MEAS-01',
    family: 'measures',
    severity: 'error',
    title: 'Instrument range or cut-off wrong',
    help: `Wrong ranges or cut-offs give wrong scores in binders and dashboards: PHQ-9 0-27, cut-off 10; GAD-7 0-21, cut-off 10; PCL-5 0-80, cut-off 31-33; B-IPF 0-100. Source: ${SRC.scales}`,
    check(ctx) {
      const ref = referenceFor(ctx.reference);
      const out: RuleFinding[] = [];
      for (const { item, path } of items(ctx.doc, ['measures'])) {
        const r = instrumentRef(ref, item.instrument);
        if (r) out.push(...checkScale(item, path, r, String(item.instrument), true));
      }
      // Eligibility and baseline screens share the measure cut-offs; suicide-risk screens use item-level escalation.
      for (const { item, path } of items(ctx.doc, ['screening', 'instruments'])) {
        const r = instrumentRef(ref, item.instrument);
        if (r && item.use !== 'suicide_risk') out.push(...checkScale(item, path, r, String(item.instrument), false));
      }
      return out;
    },
  },
  {
    id: 'MEAS-02',
    family: 'measures',
    severity: 'warning',
    title: 'No baseline or timely post-programme measure',
    help: `RTT measures at baseline and within 1-2 weeks after the last week, which allows comparison across QI cycles. Source: ${SRC.rtt2022}`,
    optIn: true,
    check(ctx) {
      const ref = referenceFor(ctx.reference).measures;
      const measures = items(ctx.doc, ['measures']);
      const path: Path = ['measures'];
      if (measures.length === 0) return list(at(ctx.doc, path)).length === 0 ? [{ path, message: 'The protocol has no outcome measures' }] : [];
      const out: RuleFinding[] = [];
      const timed = (tp: string) => measures.filter(({ item }) => strings(item.timepoints).includes(tp));
      if (timed('baseline').length === 0) out.push({ path, message: 'No outcome measure is taken at baseline' });
      const post = timed('post');
      if (post.length === 0) out.push({ path, message: 'No outcome measure is taken after the programme (post)' });
      for (const { item, path: p } of post) {
        const within = num(item.postWithinWeeks);
        if (within !== undefined && within > ref.postWithinWeeks)
          out.push({ path: [...p, 'postWithinWeeks'], message: `${str(item.instrument) ?? 'Measure'} post-programme measure within ${fmt(within)} weeks is later than ${fmt(ref.postWithinWeeks)} weeks after the last week` });
      }
      return out;
    },
  },
];
