/**
 * Citations used in rule help, with the evidence tags of the shared domain reference:
 * [V] confirmed in a source, [B] secondary summary of RTT-2025 (confirm against the full text),
 * [K] standard clinical or psychometric knowledge, [U] design suggestion, not a published value.
 */
export const SRC = {
  rtt2025B: 'Dames et al. 2025 (RTT-2025), Front Psychiatry 16:1568017 [B: secondary summary, confirm against full text]',
  rtt2025V: 'Dames et al. 2025 (RTT-2025), Front Psychiatry 16:1568017 [V]',
  rtt2022: 'Dames, Kryskow & Watler 2022 (RTT-2022), Front Psychiatry 12:803279 [V]',
  rttWeb: 'Roots To Thrive website, "For Physicians" / "FAQs" (RTT-web) [V]',
  rttSafetySheetB: 'RTT safety-sheet contents, secondary summary of RTT-2025 [B: confirm against full text]',
  tsang2023: 'Tsang et al. 2023, Ther Adv Psychopharmacol, doi:10.1177/20451253231171512 [V]',
  pmc6020109: 'review table of ketamine doses by route and indication, PMC6020109 Table 1 [V]',
  andrade2019: 'Andrade 2019, "Oral ketamine for depression, 2", J Clin Psychiatry [V]',
  canmat2021: 'CANMAT 2021 (Swainson et al., Can J Psychiatry 66(2):113-125) and Zarate 2006 [V]',
  numinus: 'Numinus ketamine bioavailability/equivalence table (after Chong 2009, Glue 2021, Peltoniemi 2016) [V]',
  healthCanada2020: 'Health Canada 2020 risk communication on ketamine concentration (10x dosing-error risk) [V]',
  spravato: 'Spravato (esketamine) US prescribing information [V]',
  spravatoRems: 'Spravato REMS requirements [V]',
  ketalar: 'Ketalar SmPC (Pfizer UK, 2019) [V]',
  swissLabel: 'Swiss ketamine label (contraindication above 180/100 at rest) [V]',
  kataCpsbc: 'CPSBC College Connector 2021 (parenteral ketamine draft standard) and KATA Canada summaries [V]',
  asa: 'ASA guidance on ketamine outside anaesthesia; clinic emergency-readiness standards [V]',
  clinicConsent: 'published KAP clinic consent examples [V]',
  flynn2025: 'Flynn et al. 2025, Psychedelic Medicine, doi:10.1089/psymed.2024.0050 [V]',
  bfweb: 'bfweb.us summary of RTT-2025 (cohorts of 20-40) [V]',
  mcherron2025: 'McHerron et al. 2025, Ther Adv Psychopharmacol, doi:10.1177/20451253251377191 [V]',
  touchPreprint: 'supportive-touch guidelines preprint (PsyArXiv yfbp5) [V]',
  scales: 'PHQ-9 bands (trial registry text), GAD-7 (Spitzer 2006), PCL-5 (NCPTSD), B-IPF (ptsd.va.gov) [V]',
  tcps2: 'TCPS 2 (2022) Article 9.5 [V]; OCAP (FNIGC) and CARE (GIDA) principles [V]',
  localContexts: 'Local Contexts TK Attribution / Provenance labels [V]',
  elderGuides: 'UManitoba Ongomiizwin, Acadia and AHS Elder-protocol guides [V]',
  hso75000: 'HSO 75000:2022 BC Cultural Safety and Humility Standard (intent) [V]; per-element opt-in [U]',
  design: 'Protocol Studio design rule [U: not a published value]',
  plainLanguage:
    'plain-language guidance for informed consent (e.g. US NIH/OHRP and Health Canada plain-language advice: aim for about an 8th-grade reading level, Flesch reading ease 60 or more, sentences under 20 words); Flesch 1948 formula [K]',
} as const;
