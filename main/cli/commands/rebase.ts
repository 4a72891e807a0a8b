/** `protocol-studio rebase`: carry a newer base version into a site adaptation (three-way merge). */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatChanges } from '../../core/diff';
import { rebase, resolveConflicts, type MergeConflict, type RebaseResult, type Resolution } from '../../core/merge';
import { show } from '../../core/diff/summary';
import { EXIT, UsageError, parseFlags, type CliIO, type Command } from '../io';
import { gateLoaded, readProtocol } from '../read-input';
import { actingPerson, asUsage, openWorkspace } from '../workspace-access';

const HELP = `Usage:
  protocol-studio rebase --old-base FILE --new-base FILE --site FILE [-o OUT] [--resolve IDPATH=site|base ...] [--format text|json]
  protocol-studio rebase --db FILE PROTOCOL --onto VERSION [--resolve IDPATH=site|base ...] [--author NAME] [--format text|json]

Applies what the base changed between its old and new version to a site adaptation, keeping the site's
comments, key order and its own edits. Where base and site both changed the same field differently, the
site's value is kept and the field is listed as a conflict; nothing both sides changed is merged silently.
metadata.basedOn.version is set to the new base version. The result is a draft, never a commit.

File form: the merged YAML goes to OUT (-o), else to standard output with the report on standard error.
Workspace form: reads PROTOCOL's latest draft (else its latest version) and the base version it was
adapted from, merges onto version VERSION of that base, and saves the result as your draft of PROTOCOL.

Options:
  --resolve IDPATH=CHOICE   settle a conflict: site (keep the site's value) or base (take the base's);
                            repeatable, e.g. --resolve medicineSessions.routes[im].max=base
  --format FORMAT           text (default) or json (the merged text, conflicts, applied changes)
  --as PERSON               who saves the draft: a person id or name from the register (or set
                            PROTOCOL_STUDIO_AS); --author NAME is the same

VERSION must be newer than the base version the adaptation is on. Running again with the same --onto (for
example to add --resolve choices) merges the draft the first run saved again: the conflicts come back and
the choices apply; the draft it replaces is kept (\`workspace drafts\`).

Exit codes: 0 merged without conflicts, 1 conflicts remain, 2 usage or input error.`;

function parse(argv: string[]) {
  return parseFlags({
    args: argv,
    allowPositionals: true,
    options: {
      'old-base': { type: 'string' },
      'new-base': { type: 'string' },
      site: { type: 'string' },
      output: { type: 'string', short: 'o' },
      resolve: { type: 'string', multiple: true },
      format: { type: 'string' },
      db: { type: 'string' },
      onto: { type: 'string' },
      author: { type: 'string' },
      as: { type: 'string' },
    },
  });
}

export function parseResolution(arg: string): Resolution {
  const eq = arg.lastIndexOf('=');
  const choice = eq < 0 ? '' : arg.slice(eq + 1);
  if (eq <= 0 || (choice !== 'site' && choice !== 'base')) throw new UsageError(`bad --resolve "${arg}": expected IDPATH=site or IDPATH=base`);
  return { idPath: arg.slice(0, eq), choice };
}

interface Outcome {
  result: RebaseResult;
  remaining: MergeConflict[];
}

/** Merges, then applies the --resolve choices; an id path that names no conflict is a usage error. */
function mergeAndResolve(input: { oldBaseText: string; newBaseText: string; siteText: string }, resolutions: Resolution[]): Outcome {
  // The input gate: nothing that does not read as a protocol is merged, and no merge that does not is kept.
  gateLoaded({ name: 'old base', text: input.oldBaseText });
  gateLoaded({ name: 'new base', text: input.newBaseText });
  gateLoaded({ name: 'site', text: input.siteText });
  let result: RebaseResult;
  try {
    result = rebase(input);
  } catch (err) {
    asUsage(err);
  }
  for (const r of resolutions) {
    if (!result.conflicts.some((c) => c.idPath === r.idPath)) {
      const known = result.conflicts.map((c) => c.idPath).join(', ') || 'none';
      throw new UsageError(`--resolve ${r.idPath}: no conflict there (conflicts: ${known})`);
    }
  }
  const text = resolutions.length > 0 ? resolveConflicts(result, resolutions) : result.text;
  gateLoaded({ name: 'merged result', text });
  const settled = new Set(resolutions.map((r) => r.idPath));
  return { result: { ...result, text }, remaining: result.conflicts.filter((c) => !settled.has(c.idPath)) };
}

function report(o: Outcome): string {
  const lines: string[] = [];
  for (const w of o.result.warnings) lines.push(`warning: ${w}`);
  lines.push(`Applied ${o.result.applied.length} change(s) from the new base.`);
  if (o.result.applied.length > 0) lines.push(formatChanges(o.result.applied, 'text').trimEnd());
  if (o.remaining.length === 0) lines.push('No conflicts.');
  else {
    lines.push(`${o.remaining.length} conflict(s) — the site's value is kept until resolved:`);
    for (const c of o.remaining) {
      lines.push(`  ! ${c.label} [${c.idPath}] (${c.reason})`);
      lines.push(`      site: ${show(c.site)}   base: ${show(c.base)}   old base: ${show(c.oldBase)}`);
    }
    lines.push('Resolve with --resolve IDPATH=site|base, or edit the draft.');
  }
  return lines.join('\n') + '\n';
}

function asJson(o: Outcome): string {
  const { text, applied, warnings } = o.result;
  return JSON.stringify({ text, conflicts: o.remaining, applied, warnings }, null, 2) + '\n';
}

const command: Command = {
  summary: 'Carry a newer base version into a site adaptation (three-way merge, conflicts listed).',
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parse(argv);
    const format = values.format ?? 'text';
    if (format !== 'text' && format !== 'json') throw new UsageError(`unknown --format "${format}": use text or json`);
    const resolutions = (values.resolve ?? []).map(parseResolution);
    return values.db !== undefined ? runInWorkspace(values, positionals, resolutions, format, io) : runOnFiles(values, positionals, resolutions, format, io);
  },
};

type Values = ReturnType<typeof parse>['values'];

async function runOnFiles(values: Values, positionals: string[], resolutions: Resolution[], format: string, io: CliIO): Promise<number> {
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}" (see --help)`);
  const missing = (['old-base', 'new-base', 'site'] as const).filter((k) => values[k] === undefined);
  if (missing.length > 0) throw new UsageError(`missing ${missing.map((k) => `--${k}`).join(', ')}`);
  const [oldBase, newBase, site] = await Promise.all([readProtocol(values['old-base']!, io), readProtocol(values['new-base']!, io), readProtocol(values.site!, io)]);
  const outcome = mergeAndResolve({ oldBaseText: oldBase.text, newBaseText: newBase.text, siteText: site.text }, resolutions);
  if (values.output !== undefined) {
    try {
      writeFileSync(resolve(io.cwd, values.output), outcome.result.text);
    } catch (err) {
      throw new UsageError(`cannot write ${values.output}: ${(err as Error).message}`);
    }
    io.stdout(format === 'json' ? asJson(outcome) : report(outcome));
  } else if (format === 'json') io.stdout(asJson(outcome));
  else {
    io.stdout(outcome.result.text);
    io.stderr(report(outcome));
  }
  return outcome.remaining.length === 0 ? EXIT.ok : EXIT.problems;
}

async function runInWorkspace(values: Values, positionals: string[], resolutions: Resolution[], format: string, io: CliIO): Promise<number> {
  if (positionals.length !== 1) throw new UsageError('expected one PROTOCOL with --db (see --help)');
  if (values.onto === undefined) throw new UsageError('--onto VERSION is required with --db');
  const protocolId = positionals[0]!;
  const ws = openWorkspace(values.db, io);
  try {
    const author = actingPerson(ws, values, io);
    const protocol = ws.getProtocol(protocolId);
    if (!protocol.base) throw new UsageError(`${protocolId} is not an adaptation: it records no base version`);
    const draft = ws.getDraft(protocolId, author) ?? ws.getDraft(protocolId);
    const head = ws.head(protocolId);
    const siteText = draft?.text ?? (head ? ws.getVersion(head.id).text : undefined);
    if (siteText === undefined) throw new UsageError(`${protocolId} has neither a draft nor a version`);
    const onto = ws.findVersion(protocol.base.protocolId, values.onto);
    const recorded = ws.getVersion(protocol.base.versionId);
    if (onto.seq <= recorded.seq) {
      throw new UsageError(`${protocolId} is already on version ${recorded.seq} of ${protocol.base.protocolId}; --onto must be a newer version, not ${onto.seq}`);
    }
    // The base this text already takes in: a pending rebase on the draft, else the recorded base. A re-run onto
    // the pending version merges the saved draft from the recorded base again, so its conflicts can be resolved.
    const pending = draft?.rebasedOnto ? ws.getVersion(draft.rebasedOnto) : null;
    if (pending && onto.seq < pending.seq) {
      throw new UsageError(`your draft of ${protocolId} already takes in version ${pending.seq} of ${protocol.base.protocolId}; --onto must not go back to ${onto.seq}`);
    }
    const oldBaseText = (pending && pending.id !== onto.id ? pending : recorded).text;
    const outcome = mergeAndResolve({ oldBaseText, newBaseText: ws.getVersion(onto.id).text, siteText }, resolutions);
    // The draft remembers `onto`, so committing it moves the adaptation's recorded base.
    ws.saveDraft(protocolId, outcome.result.text, { author, parentVersionId: draft?.parentVersionId ?? head?.id ?? null, rebasedOnto: onto.id });
    io.stdout(format === 'json' ? asJson(outcome) : `${report(outcome)}Saved as ${author}'s draft of ${protocolId} (not committed).\n`);
    return outcome.remaining.length === 0 ? EXIT.ok : EXIT.problems;
  } catch (err) {
    asUsage(err);
  } finally {
    ws.close();
  }
}

export default command;
