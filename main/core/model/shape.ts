/**
 * The shape of a programme — format, cultural content, medicine, routes, where doses are taken — read
 * defensively from a parsed (possibly schema-invalid) document. Rules and binders decide what applies from
 * this one reading, so an individual clinic is never asked for group or ceremony content.
 */
export interface ProgrammeShape {
  /** `programme.format`; a document that does not say is treated as a group (the bundled model). */
  format: 'group' | 'individual';
  /** Ceremonial or cultural content: cultural blocks, ceremony consent elements or segments, Elders or keepers on the team. */
  cultural: boolean;
  medicine: string | undefined;
  routes: string[];
  /** Doses are taken at home (`metadata.site.facilityType: virtual`), not in a clinic. */
  atHome: boolean;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : undefined);
const objects = (v: unknown): Obj[] => (Array.isArray(v) ? v.map(obj).filter((o): o is Obj => !!o) : []);
const KEEPER_ROLES = new Set(['elder', 'knowledge_keeper']);

export function hasCulturalContent(doc: unknown): boolean {
  const d = obj(doc);
  if (!d) return false;
  if (objects(obj(d.cultural)?.blocks).length > 0) return true;
  if (objects(obj(obj(d.consent)?.ceremony)?.elements).length > 0) return true;
  if (objects(d.team).some((m) => KEEPER_ROLES.has(String(m.role)))) return true;
  return objects(obj(d.curriculum)?.weeks).some(
    (w) => (Array.isArray(w.culturalRefs) && w.culturalRefs.length > 0) || objects(w.segments).some((s) => s.kind === 'ceremony'),
  );
}

export function programmeShape(doc: unknown): ProgrammeShape {
  const d = obj(doc);
  const meta = obj(d?.metadata);
  const format = obj(d?.programme)?.format === 'individual' ? 'individual' : 'group';
  const routes = objects(obj(d?.medicineSessions)?.routes)
    .map((r) => r.route)
    .filter((r): r is string => typeof r === 'string');
  return {
    format,
    cultural: hasCulturalContent(doc),
    medicine: typeof meta?.medicine === 'string' ? meta.medicine : undefined,
    routes,
    atHome: obj(meta?.site)?.facilityType === 'virtual',
  };
}
