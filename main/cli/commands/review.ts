/** `protocol-studio review`: request, give and check sign-offs bound to section content. */
import { EXIT, UsageError, parseFlags, printJson, type CliIO, type Command } from '../io';
import { asUsage, defaultAuthor, openWorkspace } from '../workspace-access';
import { compareDiagnostics, diagnosticToJson, formatDiagnosticLine, hasErrors, type Diagnostic } from '../../core/diagnostics/diagnostic';
import { parseProtocol } from '../../core/parse';
import { reviewDiagnostics } from '../../core/review/diagnostics';
import { ReviewRefusedError, needsAttention, type SectionReviewStatus } from '../../core/review/signoff';
import { isAudience, AUDIENCES } from '../../core/review/sharing';
import type { ReviewTrack } from '../../core/review/sections';
import { approve, comment, requestChanges, requestReview, reviewStatusFor, withhold, type SectionTarget } from '../../store/review-store';
import type { Workspace } from '../../store/workspace';
import { peopleNames } from '../../services/people-names';

const HELP = `Usage: protocol-studio review <subcommand> --db FILE PROTOCOL [SECTION] [options]

Sign-offs bind to the SHA-256 of a section's content: they hold while that section is unchanged and
lapse as soon as it changes. Cultural sections are signed off by their Elders or Knowledge Keepers,
dose routes, exclusions and consent sections by a prescriber or medical lead (two separate tracks).
The author or last editor of a section cannot approve it.

Subcommands:
  status PROTOCOL [--all] [--audience A] [--format text|json]
      Review state of every section that needs or has a sign-off (--all: every section) of the
      latest version, then its REV-* diagnostics as PROTOCOL@vN:LINE:COL: SEVERITY CODE message
      (lines and columns 1-based, in that version's YAML; see \`workspace show PROTOCOL@N\`).
      JSON: {protocolId, versionId, file, sections, diagnostics: [{severity, code, message, help,
      path, range: {start: {line, column}, end: {line, column}}}]}.
      Exit 1 when a required sign-off is missing, waiting, refused or lapsed.
  request PROTOCOL SECTION --reviewer NAME --role ROLE [--reviewer NAME --role ROLE …] [--note TEXT]
      Ask named reviewers to review SECTION (e.g. "cultural.blocks[opening-circle]").
  approve PROTOCOL SECTION --reviewer NAME --role ROLE [--note TEXT]
  request-changes PROTOCOL SECTION --reviewer NAME --role ROLE --note TEXT
  withhold PROTOCOL SECTION --reviewer NAME --role ROLE --note TEXT
      A keeper holds a cultural section back: not printed or shared until a keeper approves it.
  comment PROTOCOL SECTION --reviewer NAME --role ROLE --note TEXT

Options:
  --db FILE         the workspace file (or set PROTOCOL_STUDIO_DB)
  --track T         cultural or medical (default: the section's required track)
  --as PERSON       who acts: requests a review, or signs when no --reviewer is given (a person id or name from
                    the register; or set PROTOCOL_STUDIO_AS). --author NAME is the same.
  --audience A      who will read the status: diffs of restricted sections are withheld for them
                    (${AUDIENCES.join(', ')}; default workspace)
  --format F        text (default) or json

Roles: cultural track elder, knowledge_keeper, cultural_advisor; medical track medical_lead,
clinical_lead, prescriber, psychiatrist, registered_nurse. Anyone may comment.
Exit codes: 0 ok, 1 review needed (status) or action refused (four eyes, no note, wrong role),
2 usage or input error.
`;

const OPTIONS = {
  db: { type: 'string' },
  track: { type: 'string' },
  reviewer: { type: 'string', multiple: true },
  role: { type: 'string', multiple: true },
  note: { type: 'string' },
  author: { type: 'string' },
  as: { type: 'string' },
  audience: { type: 'string' },
  format: { type: 'string' },
  all: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const SUBCOMMANDS = ['status', 'request', 'approve', 'request-changes', 'withhold', 'comment'] as const;
type Sub = (typeof SUBCOMMANDS)[number];

const parse = (argv: string[]) => parseFlags({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
type Flags = ReturnType<typeof parse>['values'];

function authorOf(flags: Flags, io: CliIO): string {
  return flags.as || flags.author || defaultAuthor(io);
}

function trackOf(flags: Flags): ReviewTrack | undefined {
  if (flags.track === undefined) return undefined;
  if (flags.track !== 'cultural' && flags.track !== 'medical') throw new UsageError(`--track must be cultural or medical, not "${flags.track}"`);
  return flags.track;
}

/** One reviewer with one role (approve, request-changes, withhold, comment). */
function oneReviewer(flags: Flags, sub: Sub): { reviewer: string; role: string } {
  // --as PERSON signs as that person when no --reviewer is named.
  const reviewers = flags.reviewer ?? (flags.as ? [flags.as] : []);
  const roles = flags.role ?? [];
  if (reviewers.length !== 1 || roles.length !== 1) throw new UsageError(`${sub} needs exactly one --reviewer NAME and one --role ROLE`);
  return { reviewer: reviewers[0]!, role: roles[0]! };
}

const MARK: Record<SectionReviewStatus['state'], string> = {
  approved: 'ok  ',
  not_required: '    ',
  not_requested: 'MISS',
  requested: 'WAIT',
  changes_requested: 'CHG ',
  withheld: 'HELD',
  lapsed: 'LAPS',
};

function formatStatus(protocolId: string, versionId: string | undefined, rows: readonly SectionReviewStatus[]): string {
  const attention = rows.filter(needsAttention).length;
  const lines = [`${protocolId}${versionId ? ` (version ${versionId.slice(0, 8)})` : ''}: ${attention} sign-off${attention === 1 ? '' : 's'} need attention`];
  for (const r of rows) {
    const req = r.required ? '' : ' (optional)';
    lines.push(`  ${MARK[r.state]} ${r.key} — ${r.title} [${r.track}${req}]: ${r.message}`);
    for (const c of r.diff ?? []) lines.push(`         ${c.summary}`);
  }
  return lines.join('\n') + '\n';
}

/**
 * REV-* diagnostics located in the version's own text: `PROTOCOL@vN` names the file, so the lines match
 * `workspace show PROTOCOL@N`.
 */
function statusDiagnostics(ws: Workspace, versionId: string, value: unknown, status: readonly SectionReviewStatus[], now: Date): { file: string; diagnostics: Diagnostic[] } {
  const version = ws.getVersion(versionId);
  const { rangeOf } = parseProtocol(version.text);
  return { file: `${version.protocolId}@v${version.seq}`, diagnostics: reviewDiagnostics(value, status, (path) => rangeOf(path), now).sort(compareDiagnostics) };
}

async function runSub(sub: Sub, args: string[], flags: Flags, io: CliIO, ws: Workspace): Promise<number> {
  const json = flags.format === 'json';
  if (sub === 'status') {
    if (args.length !== 1) throw new UsageError('expected: status PROTOCOL');
    if (flags.audience !== undefined && !isAudience(flags.audience)) throw new UsageError(`--audience must be one of ${AUDIENCES.join(', ')}`);
    const now = new Date(ws.timestamp());
    const nameOf = peopleNames(ws);
    const result = reviewStatusFor(ws, args[0]!, { now, nameOf, ...(isAudience(flags.audience) ? { audience: flags.audience } : {}) });
    const rows = flags.all ? result.sections : result.sections.filter((s) => s.state !== 'not_required');
    const shown = trackOf(flags) ? rows.filter((r) => r.track === flags.track) : rows;
    const { file, diagnostics } = statusDiagnostics(ws, result.versionId!, result.value, shown, now);
    if (json) {
      // Ids as recorded, and beside them the names this audience may read (the review model words both).
      const out = { protocolId: result.protocolId, versionId: result.versionId ?? null, file, sections: shown, diagnostics: diagnostics.map(diagnosticToJson) };
      printJson(io, out);
    } else {
      io.stdout(formatStatus(result.protocolId, result.versionId, shown));
      if (diagnostics.length > 0) io.stdout('\n' + diagnostics.map((d) => formatDiagnosticLine(file, d) + '\n').join(''));
    }
    return shown.some(needsAttention) || hasErrors(diagnostics) ? EXIT.problems : EXIT.ok;
  }
  if (args.length !== 2) throw new UsageError(`expected: ${sub} PROTOCOL SECTION`);
  const track = trackOf(flags);
  const target: SectionTarget = { protocolId: args[0]!, sectionKey: args[1]!, ...(track ? { track } : {}) };
  const note = flags.note !== undefined ? { note: flags.note } : {};
  let result: unknown;
  let said: string;
  const nameOf = peopleNames(ws);
  if (sub === 'request') {
    const reviewers = flags.reviewer ?? [];
    const roles = flags.role ?? [];
    if (reviewers.length === 0 || reviewers.length !== roles.length) throw new UsageError('request needs one --role after each --reviewer');
    const records = requestReview(ws, { ...target, reviewers: reviewers.map((name, i) => ({ name, role: roles[i]! })), requestedBy: authorOf(flags, io), ...note });
    result = records;
    said = `requested ${records[0]!.track} review of ${records[0]!.sectionKey} from ${records.map((r) => nameOf(r.reviewer)).join(', ')}`;
  } else {
    const who = { ...oneReviewer(flags, sub), ...note };
    const act = { approve, 'request-changes': requestChanges, withhold, comment }[sub];
    const event = act(ws, target, who);
    const { snapshot: _withheldFromOutput, ...shown } = event;
    result = shown;
    const verb = { approve: 'approved', 'request-changes': 'requested changes to', withhold: 'withheld', comment: 'commented on' }[sub];
    said = `${nameOf(event.reviewer)} ${verb} ${event.sectionKey} (${event.track}, content ${event.contentHash.slice(0, 12)})`;
  }
  if (json) printJson(io, result);
  else io.stdout(said + '\n');
  return EXIT.ok;
}

const command: Command = {
  summary: 'Elder and medical sign-offs bound to section content; review status.',
  help: HELP,
  subcommands: true,
  async run(argv, io) {
    const { values: flags, positionals } = parse(argv);
    const [sub, ...args] = positionals;
    if (flags.help || sub === 'help') {
      io.stdout(HELP);
      return EXIT.ok;
    }
    if (!sub || !(SUBCOMMANDS as readonly string[]).includes(sub)) {
      throw new UsageError(`${sub ? `unknown subcommand "${sub}"` : 'which subcommand?'}; one of: ${SUBCOMMANDS.join(', ')}`);
    }
    if (flags.format !== undefined && flags.format !== 'json' && flags.format !== 'text') throw new UsageError(`--format must be text or json, not "${flags.format}"`);
    const ws = openWorkspace(flags.db, io);
    try {
      return await runSub(sub as Sub, args, flags, io, ws);
    } catch (err) {
      if (err instanceof ReviewRefusedError) {
        io.stderr(`protocol-studio review ${sub}: refused: ${err.message}\n`);
        return EXIT.problems;
      }
      asUsage(err);
    } finally {
      ws.close();
    }
  },
};

export default command;
