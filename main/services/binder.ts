/** Binder preview and PDF export for the studio: builds the binder input from the store and prints it. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { BinderExport, BinderProfile } from '../contract';
import { PROFILE_NAMES, profileByName } from '../core/binder';
import { ProtocolTextError } from '../core/diff';
import { binderFacts } from './binder-facts';
import { binderHtmlWithFonts, printBinder, type BinderPrintInput, type PrintFn } from '../pdf';
import type { StudioContext } from './studio-context';

export interface BinderRequest {
  protocolId: string;
  version?: number;
  profile: string;
  language: string;
}

export function binderProfiles(): BinderProfile[] {
  return PROFILE_NAMES.map((n) => {
    const p = profileByName(n)!;
    return { id: p.name, title: p.title, description: p.description };
  });
}

function invalid(message: string): Error {
  return Object.assign(new Error(message), { name: 'InvalidInputError' });
}

/**
 * The binder input for a version (or the author's draft when `version` is absent): the same facts as the
 * CLI prints — change log since the previous QI cycle, site changes, review status.
 */
export function binderInput(svc: StudioContext, a: BinderRequest): BinderPrintInput {
  const profile = profileByName(a.profile);
  if (!profile) throw invalid(`unknown binder profile "${a.profile}"; choose one of ${PROFILE_NAMES.join(', ')}`);
  const draft = a.version === undefined ? svc.ws.getDraft(a.protocolId, svc.author) : null;
  const subject = draft ? { draftText: draft.text } : { versionRef: a.version === undefined ? 'head' : String(a.version) };
  let facts;
  try {
    facts = binderFacts(svc.ws, a.protocolId, subject, profile.audience, a.language);
  } catch (err) {
    if (err instanceof ProtocolTextError) throw invalid(`the protocol does not parse (${err.message}); fix it in the editor first`);
    throw err;
  }
  return { ...facts, profile, lang: a.language, generatedAt: new Date().toISOString() };
}

/** The print HTML with embedded fonts: the preview shows exactly what will be printed (less page numbers). */
export function renderBinderHtml(svc: StudioContext, a: BinderRequest): string {
  return binderHtmlWithFonts(binderInput(svc, a));
}

const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '-');

/** e.g. `cedar-river-v4-clinical-en.pdf`: protocol, version (or draft), binder and language. */
export function binderFileName(a: BinderRequest): string {
  return `${safe(a.protocolId)}-${a.version ? `v${a.version}` : 'draft'}-${safe(a.profile)}-${safe(a.language)}.pdf`;
}

/** Prints the binder to `io.file` when given (Electron asks where), else to `io.dir` under its default name. */
export async function exportBinder(
  svc: StudioContext,
  a: BinderRequest,
  io: { dir: string; file?: string; printPdf?: PrintFn; progress: (phase: string, fraction: number) => void },
): Promise<BinderExport> {
  const print = io.printPdf;
  if (!print) throw new Error('PDF printing is not available in this host');
  io.progress('Preparing the binder', 0.05);
  const input = binderInput(svc, a);
  let pass = 0;
  // Two passes (three at most): the second fills in the contents page numbers.
  const printed = await printBinder(input, async (html) => {
    pass += 1;
    io.progress(pass === 1 ? 'Laying out pages' : 'Numbering the contents', Math.min(0.85, 0.15 + pass * 0.3));
    return print(html);
  });
  io.progress('Writing the file', 0.9);
  const file = io.file ?? join(io.dir, binderFileName(a));
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, printed.pdf);
  return { path: file, bytes: printed.pdf.byteLength, pages: printed.pages };
}
