import { describe, expect, it } from 'vitest';
import { baseline, checkCase, mutated, run, withCode, type Doc, type RuleCase } from './fixture';

const im = (d: Doc) => d.medicineSessions.routes[0];
const sl = (d: Doc) => d.medicineSessions.routes[1];
const esketamine = () =>
  mutated((d) => {
    d.metadata.medicine = 'esketamine';
    d.medicineSessions.routes = [{ id: 'in', route: 'IN', unit: 'mg', min: 28, max: 84, start: 56 }];
  });
const iv = (extra: object = {}) => (d: Doc) => {
  d.medicineSessions.routes = [{ id: 'iv', route: 'IV', unit: 'mg/kg', min: 0.5, max: 0.5, start: 0.5, infusionMin: 40, ...extra }];
};

const cases: Record<string, RuleCase[]> = {
  'DOSE-01': [
    {
      name: 'IM max 1.8 mg/kg',
      edit: (d) => (im(d).max = 1.8),
      fires: { severity: 'warning', path: ['medicineSessions', 'routes', 0, 'max'], message: /IM maximum dose 1\.8 mg\/kg is above the 1\.5 mg\/kg RTT reference range/ },
    },
    { name: 'justified IM max 1.8 drops to info', edit: (d) => Object.assign(im(d), { max: 1.8, justification: 'Specialist-led.' }), fires: { severity: 'info', message: /justification recorded/ } },
    { name: 'IM max exactly 1.5', edit: (d) => (im(d).max = 1.5) },
    { name: 'IM max 4 is left to DOSE-02', edit: (d) => (im(d).max = 4) },
    { name: 'SL max in mg is not an IM dose', edit: (d) => (sl(d).route = 'PO') },
  ],
  'DOSE-02': [
    { name: 'IM max 4 mg/kg', edit: (d) => (im(d).max = 4), fires: { severity: 'error', path: ['medicineSessions', 'routes', 0, 'max'], message: /4 mg\/kg is at or above the 4 mg\/kg anaesthetic dose/ } },
    { name: 'IM max 3.9 mg/kg', edit: (d) => (im(d).max = 3.9) },
  ],
  'DOSE-03': [
    { name: 'SL max 400 mg', edit: (d) => (sl(d).max = 400), fires: { severity: 'warning', path: ['medicineSessions', 'routes', 1, 'max'], message: /SL maximum dose 400 mg per session is above the 300 mg/ } },
    { name: 'SL max 300 mg', edit: (d) => (sl(d).max = 300) },
  ],
  'DOSE-04': [
    { name: 'SL in mg/kg', edit: (d) => (sl(d).unit = 'mg/kg'), fires: { severity: 'error', path: ['medicineSessions', 'routes', 1, 'unit'], message: /SL dose is in mg\/kg; SL doses are fixed mg/ } },
    { name: 'IM in fixed mg without weightRequired', edit: (d) => Object.assign(im(d), { unit: 'mg', min: 30, max: 60, start: 30, weightRequired: false }), fires: { message: /IM dose is in fixed mg without weightRequired/ } },
    { name: 'IM in fixed mg with weightRequired', edit: (d) => Object.assign(im(d), { unit: 'mg', min: 30, max: 60, start: 30, weightRequired: true }) },
    { name: 'esketamine in mg/kg', base: esketamine, edit: (d) => (d.medicineSessions.routes[0].unit = 'mg/kg'), fires: { message: /Esketamine dose is given in mg\/kg/ } },
    { name: 'esketamine in mg', base: esketamine, edit: () => {} },
  ],
  'DOSE-05': [
    { name: 'esketamine max 100 mg', base: esketamine, edit: (d) => (d.medicineSessions.routes[0].max = 112), fires: { severity: 'error', path: ['medicineSessions', 'routes', 0, 'max'], message: /112 mg is above the 84 mg label maximum/ } },
    { name: 'esketamine start 50 mg', base: esketamine, edit: (d) => (d.medicineSessions.routes[0].start = 50), fires: { path: ['medicineSessions', 'routes', 0, 'start'], message: /50 mg is not a multiple of 28 mg/ } },
    { name: 'esketamine 28-84 in 28 mg steps', base: esketamine, edit: () => {} },
    { name: 'ketamine SL 100 mg is not an esketamine dose', edit: () => {} },
  ],
  'DOSE-06': [
    { name: 'min above max', edit: (d) => Object.assign(im(d), { min: 1.2, max: 1.0, start: 1.0 }), fires: { severity: 'error', path: ['medicineSessions', 'routes', 0, 'min'], message: /minimum dose 1\.2 is above the maximum 1/ } },
    { name: 'negative start', edit: (d) => (sl(d).start = -5), fires: { path: ['medicineSessions', 'routes', 1, 'start'], message: /negative/ } },
    { name: 'start outside range', edit: (d) => (sl(d).start = 350), fires: { path: ['medicineSessions', 'routes', 1, 'start'], message: /starting dose 350 is outside the range 100-300/ } },
    { name: 'missing unit', edit: (d) => delete sl(d).unit, fires: { path: ['medicineSessions', 'routes', 1], message: /has no unit/ } },
    { name: 'applies to psilocybin too', edit: (d) => ((d.metadata.medicine = 'psilocybin'), (sl(d).min = 400)), fires: { message: /above the maximum/ } },
    { name: 'start at min', edit: (d) => (sl(d).start = 100) },
  ],
  'DOSE-07': [
    { name: 'IV 1 mg/kg', edit: iv({ max: 1 }), fires: { severity: 'warning', path: ['medicineSessions', 'routes', 0, 'max'], message: /IV maximum dose 1 mg\/kg is above the 0\.5 mg\/kg/ } },
    { name: 'IV over 20 min', edit: iv({ infusionMin: 20 }), fires: { path: ['medicineSessions', 'routes', 0, 'infusionMin'], message: /20 minutes is faster than the 40-minute/ } },
    { name: 'IV with no infusion time', edit: iv({ infusionMin: undefined }), fires: { message: /no infusion time/ } },
    { name: 'IV 1 mg/kg justified drops to info', edit: iv({ max: 1, justification: 'Research protocol.' }), fires: { severity: 'info' } },
    { name: 'IV 0.5 mg/kg over 40 min', edit: iv() },
  ],
  'DOSE-08': [
    { name: 'two routes, one without note', edit: (d) => delete sl(d).equivalenceNote, fires: { severity: 'warning', path: ['medicineSessions', 'routes', 1], message: /SL is one of several routes but has no equivalenceNote/ } },
    { name: 'single route needs no note', edit: (d) => ((d.medicineSessions.routes = [im(d)]), delete im(d).equivalenceNote) },
  ],
  'DOSE-09': [
    { name: 'no titration', edit: (d) => delete d.medicineSessions.titration, fires: { severity: 'info', path: ['medicineSessions', 'titration'] } },
    { name: 'blank titration', edit: (d) => (d.medicineSessions.titration = { en: '  ' }), fires: { message: /no titration rule/ } },
    { name: 'start above min', edit: (d) => (im(d).start = 1.0), fires: { path: ['medicineSessions', 'routes', 0, 'start'], message: /starting dose 1 is above the minimum 0\.5/ } },
    { name: 'localized titration', edit: (d) => (d.medicineSessions.titration = { fr: 'Commencer bas.' }) },
  ],
  'DOSE-10': [
    {
      name: 'PO 450 mg',
      edit: (d) => (d.medicineSessions.routes = [{ id: 'po', route: 'PO', unit: 'mg', min: 100, max: 450, start: 100 }]),
      fires: { severity: 'warning', path: ['medicineSessions', 'routes', 0, 'max'], message: /^PO maximum dose 450 mg is above the 25-300 mg reference range for oral ketamine$/ },
    },
    {
      name: 'PO 450 mg with a justification is kept as a note',
      edit: (d) => (d.medicineSessions.routes = [{ id: 'po', route: 'PO', unit: 'mg', min: 100, max: 450, start: 100, justification: 'Rapid metaboliser, prescriber-reviewed.' }]),
      fires: { severity: 'info', message: /justification recorded/ },
    },
    { name: 'PO 300 mg', edit: (d) => (d.medicineSessions.routes = [{ id: 'po', route: 'PO', unit: 'mg', min: 50, max: 300, start: 50 }]) },
    {
      name: 'IN racemic 100 mg',
      edit: (d) => (d.medicineSessions.routes = [{ id: 'in', route: 'IN', unit: 'mg', min: 25, max: 100, start: 25 }]),
      fires: { severity: 'warning', message: /^IN maximum dose 100 mg is above 75 mg, the intranasal equivalent of the 0\.5 mg\/kg IV reference regimen$/ },
    },
    { name: 'IN racemic 75 mg', edit: (d) => (d.medicineSessions.routes = [{ id: 'in', route: 'IN', unit: 'mg', min: 25, max: 75, start: 25 }]) },
  ],
  'DOSE-11': [
    {
      name: 'ketamine SC has no bundled reference',
      edit: (d) => d.medicineSessions.routes.push({ id: 'sc', route: 'SC', unit: 'mg/kg', min: 0.5, max: 1, start: 0.5 }),
      fires: { severity: 'info', count: 1, path: ['medicineSessions', 'routes', 2, 'route'], message: /^No bundled dose reference for ketamine by the SC route/ },
    },
    {
      name: 'psilocybin by mouth has none either',
      edit: (d) => ((d.metadata.medicine = 'psilocybin'), (d.medicineSessions.routes = [{ id: 'po', route: 'PO', unit: 'mg', min: 25, max: 25, start: 25 }])),
      fires: { count: 1, message: /for psilocybin by the PO route/ },
    },
    {
      name: "an 'other' medicine is named by medicineName",
      edit: (d) => ((d.metadata.medicine = 'other'), (d.metadata.medicineName = 'MDMA-like compound'), (d.medicineSessions.routes = [{ id: 'po', route: 'PO', unit: 'mg', min: 80, max: 120, start: 80 }])),
      fires: { message: /for MDMA-like compound by the PO route/ },
    },
    { name: 'esketamine by a route other than IN', edit: (d) => ((d.metadata.medicine = 'esketamine'), (d.medicineSessions.routes = [{ id: 'iv', route: 'IV', unit: 'mg', min: 28, max: 28, start: 28 }])), fires: { message: /for esketamine by the IV route/ } },
    { name: 'ketamine IM and SL have references', edit: () => undefined },
    { name: 'ketamine PO and IN have references', edit: (d) => (d.medicineSessions.routes = [{ id: 'po', route: 'PO', unit: 'mg', min: 50, max: 200, start: 50 }, { id: 'in', route: 'IN', unit: 'mg', min: 25, max: 50, start: 25 }]) },
  ],
};

describe('dose rules', () => {
  for (const [code, list] of Object.entries(cases))
    describe(code, () => {
      for (const c of list) it(`${c.fires ? 'fires' : 'is silent'}: ${c.name}`, () => checkCase(code, c));
    });

  it('a psilocybin protocol gets no ketamine dose diagnostics, however high the numbers', () => {
    const doc = mutated((d) => {
      d.metadata.medicine = 'psilocybin';
      d.medicineSessions.routes = [
        { id: 'po', route: 'PO', unit: 'mg', min: 10, max: 500, start: 25 },
        { id: 'im', route: 'IM', unit: 'mg/kg', min: 1, max: 6, start: 1 },
        { id: 'iv', route: 'IV', unit: 'mg/kg', min: 1, max: 2, start: 1, infusionMin: 5 },
      ];
    });
    const codes = run(doc).map((d) => d.code);
    for (const code of ['DOSE-01', 'DOSE-02', 'DOSE-03', 'DOSE-04', 'DOSE-05', 'DOSE-07', 'DOSE-08', 'DOSE-09', 'SETT-01', 'MON-01'])
      expect(codes).not.toContain(code);
    // the same routes under ketamine do fire
    const asKetamine = mutated((d) => (d.metadata.medicine = 'ketamine'), doc);
    expect(withCode(run(asKetamine), 'DOSE-02')).toHaveLength(1);
    expect(withCode(run(asKetamine), 'DOSE-07').length).toBeGreaterThan(0);
  });

  it('a document without a medicine gets no medicine-specific dose diagnostics', () => {
    const doc = mutated((d) => {
      delete d.metadata.medicine;
      im(d).max = 5;
    });
    expect(withCode(run(doc), 'DOSE-02')).toEqual([]);
  });

  it('the clean baseline has no dose diagnostics', () => {
    expect(run(baseline()).filter((d) => d.code.startsWith('DOSE'))).toEqual([]);
  });
});
