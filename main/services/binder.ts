/** Binder preview and PDF export for the studio: builds the binder input from the store and prints it. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseDocument } from 'yaml';
import type { BinderExport, BinderProfile } from '../contract';
import { PROFILE_NAMES, profileByName, type BinderInput } from '../core/binder';
import { binderHtmlWithFonts, printBinder, type BinderPrintInput, type PrintFn } from '../pdf';
import type { StudioService } from './studio-service';

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

/** The binder input for a version (or the current draft when `version` is absent). */
export function binderInput(svc: StudioService, a: BinderRequest): BinderPrintInput {
  const profile = profileByName(a.profile);
  if (!profile) throw invalid(`unknown binder profile "${a.profile}"; choose one of ${PROFILE_NAMES.join(', ')}`);
  const ref = a.version === undefined ? ({ kind: 'draft', protocolId: a.protocolId } as const) : ({ kind: 'version', protocolId: a.protocolId, version: a.version } as const);
  const { text } = svc.textOf(ref);
  const doc = parseDocument(text, { uniqueKeys: false });
  if (doc.errors.length > 0) throw invalid(`the protocol does not parse (${doc.errors[0]!.message.split('\n')[0]}); fix it in the editor first`);
  const value = doc.toJS({ maxAliasCount: 100 }) as { metadata?: { versionLabel?: unknown; status?: unknown } } | null;
  const head = svc.ws.head(a.protocolId);
  const seq = a.version ?? head?.seq;
  const info = seq ? svc.ws.findVersion(a.protocolId, String(seq)) : null;
  const label = typeof value?.metadata?.versionLabel === 'string' ? value.metadata.versionLabel : String(seq ?? 'draft');
  return {
    value,
    profile,
    lang: a.language,
    version: {
      label: a.version === undefined && svc.ws.getDraft(a.protocolId, svc.author) ? `${label} (draft)` : label,
      number: seq,
      id: info?.id,
      committedAt: info?.createdAt,
      author: info?.author,
      status: typeof value?.metadata?.status === 'string' ? value.metadata.status : 'draft',
    },
    generatedAt: new Date().toISOString(),
  };
}

/** The print HTML with embedded fonts: the preview shows exactly what will be printed (less page numbers). */
export function renderBinderHtml(svc: StudioService, a: BinderRequest): string {
  return binderHtmlWithFonts(binderInput(svc, a));
}

const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '-');

/** e.g. `cedar-river-v4-clinical-en.pdf`: protocol, version (or draft), binder and language. */
export function binderFileName(a: BinderRequest): string {
  return `${safe(a.protocolId)}-${a.version ? `v${a.version}` : 'draft'}-${safe(a.profile)}-${safe(a.language)}.pdf`;
}

/** Prints the binder to `io.file` when given (Electron asks where), else to `io.dir` under its default name. */
export async function exportBinder(
  svc: StudioService,
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
