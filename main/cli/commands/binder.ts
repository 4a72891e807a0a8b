/** `protocol-studio binder`: print a binder for one audience, as PDF (system Chromium) or as self-contained HTML. */
import { writeFileSync } from 'node:fs';
import { extname, isAbsolute, join } from 'node:path';
import { parseArgs } from 'node:util';
import { EXIT, UsageError, type CliIO, type Command } from '../io';
import { readProtocol } from '../read-input';
import { PROFILE_NAMES, profileByName, type BinderInput } from '../../core/binder/index';
import { binderHtmlWithFonts, printBinder } from '../../pdf/binder';
import type { Audience } from '../../core/review/index';
import { StoreError } from '../../store/errors';
import { binderFacts, documentFacts, type BinderFacts } from '../../services/binder-facts';
import { languageCoverage } from '../../core/model/language-coverage';
import { Workspace } from '../../store/workspace';

const HELP = `Usage: protocol-studio binder FILE [options] -o OUT.pdf|OUT.html
       protocol-studio binder --db WORKSPACE PROTOCOL[@VERSION] [options] -o OUT.pdf|OUT.html

Prints a binder of a protocol for one audience: cover, contents with page numbers, the sections the
profile holds (redacted for its audience), change log, review status and a sign-off page.

Options:
  --profile NAME     ${PROFILE_NAMES.join(' | ')} (default clinical-team)
  --lang CODE        language of the text (default: the protocol's first language)
  --paper SIZE       letter | a4 (default letter)
  --chromium PATH    Chromium to print with (else $PROTOCOL_STUDIO_CHROMIUM, /usr/bin/chromium, …)
  -o, --out FILE     where to write; .pdf prints through Chromium, .html needs no browser
  --db FILE          read PROTOCOL from a workspace: the change log then runs from the previous QI
                     cycle to VERSION (a number, "head" or an id; default head), site changes from its
                     base, and review status from the workspace's review records

Profiles:
${PROFILE_NAMES.map((n) => `  ${n.padEnd(16)} ${profileByName(n)!.description}`).join('\n')}
`;

const OPTIONS = {
  profile: { type: 'string' },
  lang: { type: 'string' },
  paper: { type: 'string' },
  chromium: { type: 'string' },
  out: { type: 'string', short: 'o' },
  db: { type: 'string' },
} as const;

const resolvePath = (io: CliIO, p: string) => (isAbsolute(p) ? p : join(io.cwd, p));

type Facts = BinderFacts;

/** A protocol file, let through only when it reads as a protocol (the input gate): no binder of broken text. */
async function fromFile(io: CliIO, file: string): Promise<Facts> {
  const { parsed } = await readProtocol(file, io);
  const value = parsed.value;
  const m = documentFacts(value);
  return { value, version: { label: m.label ?? 'unlabelled', status: m.status ?? 'draft', ...(m.latestCycle !== undefined ? { qiCycle: m.latestCycle } : {}) } };
}

function fromWorkspace(io: CliIO, db: string, ref: string, audience: Audience, lang: string | undefined): Facts {
  const [protocolId, versionRef = 'head'] = ref.split('@') as [string, string?];
  const ws = Workspace.open(resolvePath(io, db));
  try {
    return binderFacts(ws, protocolId, { versionRef }, audience, lang);
  } catch (err) {
    if (err instanceof StoreError) throw new UsageError(err.message);
    throw err;
  } finally {
    ws.close();
  }
}

const command: Command = {
  summary: 'Print a binder (PDF or HTML) of a protocol for one audience.',
  help: HELP,
  async run(argv, io) {
    let parsed;
    try {
      parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    const { values: flags, positionals } = parsed;
    if (positionals.length !== 1) throw new UsageError(`expected one FILE (or PROTOCOL[@VERSION] with --db), got ${positionals.length}. See --help.`);
    if (!flags.out) throw new UsageError('say where to write the binder: -o OUT.pdf or -o OUT.html');
    const format = extname(flags.out).toLowerCase();
    if (format !== '.pdf' && format !== '.html' && format !== '.htm') throw new UsageError(`-o ${flags.out}: the file must end in .pdf or .html`);
    const profileName = flags.profile ?? 'clinical-team';
    const profile = profileByName(profileName);
    if (!profile) throw new UsageError(`unknown profile "${profileName}". Choose one of: ${PROFILE_NAMES.join(', ')}`);
    if (flags.paper !== undefined && flags.paper !== 'letter' && flags.paper !== 'a4') throw new UsageError(`--paper must be letter or a4, not "${flags.paper}"`);
    if (flags.lang !== undefined && !/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(flags.lang)) throw new UsageError(`--lang "${flags.lang}" is not a language code such as en or ja`);

    const facts = flags.db ? fromWorkspace(io, flags.db, positionals[0]!, profile.audience, flags.lang) : await fromFile(io, positionals[0]!);
    const lang = flags.lang ?? documentFacts(facts.value).languages[0] ?? 'en';
    // Asked for a language the text lacks: say so here as well as on the binder's cover.
    const coverage = languageCoverage(facts.value, lang);
    if (flags.lang !== undefined && coverage.missing > 0) {
      const printedIn = documentFacts(facts.value).languages.find((l) => l !== lang) ?? 'en';
      const what = coverage.missing === coverage.total ? `the protocol has no text in "${lang}"` : `${coverage.missing} of ${coverage.total} texts of the protocol have no "${lang}" translation`;
      io.stderr(`protocol-studio binder: ${what}; that text is printed in "${printedIn}" (only the binder's own headings and labels are in "${lang}").\n`);
    }
    const input: BinderInput = { ...facts, profile, lang, generatedAt: new Date().toISOString(), paper: flags.paper === 'a4' ? 'a4' : 'letter' };
    const out = resolvePath(io, flags.out);

    if (format !== '.pdf') {
      writeFileSync(out, binderHtmlWithFonts(input));
      io.stdout(`Wrote ${flags.out} (${profile.name} binder, ${lang}, HTML).\n`);
      return EXIT.ok;
    }
    // playwright-core loads only for a PDF.
    const { PdfPrinter } = await import('../../pdf/print');
    const printer = await PdfPrinter.launch({ ...(flags.chromium ? { chromiumPath: flags.chromium } : {}), lang, env: io.env });
    try {
      const printed = await printer.withPage((page) => printBinder(input, page));
      writeFileSync(out, printed.pdf);
      io.stdout(`Wrote ${flags.out} (${profile.name} binder, ${lang}, ${printed.pages} pages).\n`);
    } finally {
      await printer.close();
    }
    return EXIT.ok;
  },
};

export default command;
