/** `protocol-studio workspace`: the versioned workspace from the command line. */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { EXIT, UsageError, parseFlags, printJson, type CliIO, type Command } from '../io';
import { readInput, readProtocol } from '../read-input';
import { actingPerson, asUsage, openWorkspace } from '../workspace-access';
import { AUDIENCES, isAudience } from '../../core/review/sharing';
import { SharingBreachError } from '../../core/review/redact';
import { parseAnchor } from '../../store/anchor';
import { stripSacredContent, strippedNote } from '../../core/review/sacred';
import { ConflictError, NothingToCommitError, RefusedTextError } from '../../store/errors';
import { DEFAULT_EXPORT_AUDIENCE } from '../../store/transfer';
import type { VersionInfo, Workspace } from '../../store/workspace';
import { cycleText, type QiDecision } from '../../core/qi';
import { changeCycle, createCycle, deleteCycle, knownCycles } from '../../services/qi-cycles';
import { peopleNames } from '../../services/people-names';
import { versionLabelProposal } from '../../services/qi-view';

const SUBCOMMANDS: Record<string, { usage: string; about: string }> = {
  init: { usage: 'init', about: 'Create the workspace file (or check that it opens).' },
  list: { usage: 'list [--format json]', about: 'List protocols with status, site, base and last change.' },
  new: {
    usage: 'new (--template ID | --base PROTOCOL@VERSION | --from-file FILE) [--id ID] [--title TITLE] [--as PERSON]',
    about:
      'Create a protocol from a bundled template, adapt a version of another protocol, or bring in an existing\n' +
      '      protocol file (checked like `validate`: YAML, limits, schema; its history starts there). Commits version 1.',
  },
  draft: {
    usage: 'draft PROTOCOL FILE|- [--parent VERSION] [--as PERSON]',
    about: 'Save FILE (or standard input) as your draft of PROTOCOL, based on the latest version unless --parent is given.',
  },
  commit: {
    usage: 'commit PROTOCOL -m MESSAGE [--as PERSON] [--cycle CYCLE] [--label auto|X.Y.Z]',
    about:
      'Commit your draft as a new version. Refused (exit 1) if someone committed since your draft was based, and\n' +
      '      (exit 2, naming the line) if the draft does not read as a protocol; the draft is kept either way.\n' +
      '      --cycle names a cycle of the text\'s qi.cycles (see `cycle new`). The next version label is proposed from\n' +
      '      the kinds of change (wording or translations: patch; clinical or cultural: minor; a loosened safety limit:\n' +
      '      major) and printed; --label auto writes it into metadata.versionLabel, --label X.Y.Z writes that label,\n' +
      '      and without --label the label in the text is kept.',
  },
  log: { usage: 'log PROTOCOL [--format json]', about: 'Show the history of PROTOCOL, newest first.' },
  show: {
    usage: 'show PROTOCOL[@VERSION] [--draft] [--as PERSON] [--format json]',
    about: 'Print the YAML of a version (default: latest; VERSION is a number, "head" or an id) or of your draft.',
  },
  tag: { usage: 'tag PROTOCOL@VERSION CYCLE [--as PERSON]', about: 'Link a version to a QI cycle of the protocol\'s latest version.' },
  cycle: {
    usage:
      'cycle new PROTOCOL --aim AIM [--start YYYY-MM-DD] [--end YYYY-MM-DD] [--id ID] [--problem TEXT] [--change TEXT] [--rationale TEXT] [--as PERSON]\n' +
      '  cycle list PROTOCOL [--format json]\n' +
      '  cycle update PROTOCOL CYCLE [--end YYYY-MM-DD] [--decision adopt|adapt|abandon|pending] [--findings TEXT] [--aim AIM] [--start YYYY-MM-DD] [--as PERSON]\n' +
      '  cycle delete PROTOCOL CYCLE [--as PERSON]',
    about:
      'Create, list, close and correct QI (PDSA) cycles. A cycle lives in the protocol text (qi.cycles): these edit your\n' +
      '      draft, comments and order kept, and the next commit carries the change. Aim and start change, and a cycle is\n' +
      '      deleted, only while no committed version cites it.',
  },
  restore: {
    usage: 'restore PROTOCOL@VERSION [--as PERSON]',
    about: 'Make an old version your draft, on top of the latest version. Nothing is lost: a draft it replaces is kept (see `drafts`).',
  },
  drafts: {
    usage: 'drafts PROTOCOL [--recover ID] [--as PERSON] [--format json]',
    about: 'List your drafts that a restore, rebase, template or recovery replaced; --recover ID brings one back as your draft.',
  },
  audit: { usage: 'audit [--subject ID] [--limit N] [--format json]', about: 'Show the audit log, newest first.' },
  export: {
    usage: 'export FOLDER [--audience AUDIENCE]',
    about:
      'Write every protocol, its history, drafts, review records, QI cycles and the audit log to FOLDER (git-friendly).\n' +
      `      The folder leaves the workspace, so it is made for an audience (${AUDIENCES.join(', ')}).\n` +
      `      Default ${DEFAULT_EXPORT_AUDIENCE}: the programme's own staff. \`workspace\` is a full backup that stays with the\n` +
      '      community. Refused (exit 1, nothing written) when any version, draft, review snapshot or review note holds\n' +
      '      content beyond that audience\'s sharing level; the message names the section, its level and whom to ask.\n' +
      '      Secret or sacred content never leaves the workspace, whatever the audience.',
  },
  import: { usage: 'import FOLDER [--as PERSON]', about: 'Read an export into an empty workspace.' },
  verify: {
    usage: 'verify [--anchor FILE] [--format json]',
    about:
      'Check hashes, every recorded field of versions and review records, the audit chain and the database; exit 1 if\n' +
      '      anything is wrong. With --anchor, also that the audit chain still holds the head written by `anchor`.',
  },
  anchor: {
    usage: 'anchor FILE',
    about: 'Write the head of the audit chain to FILE — keep it outside the workspace: a rewritten chain no longer matches it.',
  },
};

const CREATES_WORKSPACE = new Set(['init', 'new', 'import']);

const HELP = [
  'Usage: protocol-studio workspace --db FILE <subcommand> [options]',
  '',
  'The workspace is one SQLite file holding protocols, their versions, drafts, QI cycles and an audit log.',
  '',
  'Options for every subcommand:',
  '  --db FILE        the workspace file (or set PROTOCOL_STUDIO_DB)',
  '  --as PERSON      who is acting: a person id or name from `people list` (or set PROTOCOL_STUDIO_AS);',
  '                   --author NAME is the same. In a workspace with a people register it must be in it.',
  '  --format json    machine-readable output (list, log, show, audit, verify, cycle list)',
  '',
  'Subcommands:',
  ...Object.values(SUBCOMMANDS).flatMap((s) => [`  ${s.usage}`, `      ${s.about}`]),
  '',
  'Run `protocol-studio workspace help SUBCOMMAND` for one subcommand.',
  'Exit codes: 0 ok, 1 problems (verify failed, conflict, nothing to commit, export refused), 2 usage or input error.',
  '',
].join('\n');

const OPTIONS = {
  db: { type: 'string' },
  author: { type: 'string' },
  as: { type: 'string' },
  'from-file': { type: 'string' },
  anchor: { type: 'string' },
  recover: { type: 'string' },
  format: { type: 'string' },
  template: { type: 'string' },
  base: { type: 'string' },
  id: { type: 'string' },
  title: { type: 'string' },
  message: { type: 'string', short: 'm' },
  cycle: { type: 'string' },
  parent: { type: 'string' },
  draft: { type: 'boolean' },
  aim: { type: 'string' },
  start: { type: 'string' },
  end: { type: 'string' },
  decision: { type: 'string' },
  problem: { type: 'string' },
  change: { type: 'string' },
  rationale: { type: 'string' },
  findings: { type: 'string' },
  label: { type: 'string' },
  subject: { type: 'string' },
  limit: { type: 'string' },
  audience: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Flags = ReturnType<typeof parse>['values'];

const parse = (argv: string[]) => parseFlags({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });

function subHelp(name: string): string {
  const s = SUBCOMMANDS[name];
  if (!s) throw new UsageError(`unknown subcommand "${name}"; one of: ${Object.keys(SUBCOMMANDS).join(', ')}`);
  return `Usage: protocol-studio workspace --db FILE ${s.usage}\n\n${s.about.replace(/\n {6}/g, '\n')}\n`;
}

const command: Command = {
  summary: 'Versioned workspace: protocols, drafts, commits, QI cycles, audit log, export/import.',
  help: HELP,
  subcommands: true,
  async run(argv, io) {
    const { values: flags, positionals } = parse(argv);
    const [sub, ...args] = positionals;
    if (!sub) {
      if (flags.help) {
        io.stdout(HELP);
        return EXIT.ok;
      }
      throw new UsageError('which subcommand? Run `protocol-studio workspace --help`.');
    }
    if (sub === 'help') {
      io.stdout(args[0] ? subHelp(args[0]) : HELP);
      return EXIT.ok;
    }
    if (flags.help) {
      io.stdout(subHelp(sub));
      return EXIT.ok;
    }
    if (!SUBCOMMANDS[sub]) throw new UsageError(`unknown subcommand "${sub}"; one of: ${Object.keys(SUBCOMMANDS).join(', ')}`);
    if (flags.format !== undefined && flags.format !== 'json' && flags.format !== 'text') {
      throw new UsageError(`--format must be json or text, not "${flags.format}"`);
    }
    // Only the subcommands that fill a new workspace may create its file: a mistyped --db elsewhere is an error.
    const ws = openWorkspace(flags.db, io, { create: CREATES_WORKSPACE.has(sub) });
    try {
      return await runSub(sub, args, flags, io, ws);
    } catch (err) {
      if (err instanceof ConflictError || err instanceof NothingToCommitError || err instanceof SharingBreachError) {
        io.stderr(`protocol-studio workspace ${sub}: ${err.message}\n`);
        return EXIT.problems;
      }
      // Secret/sacred content refused by the gate is a governance refusal: one line, exit 1.
      const sacred = err instanceof RefusedTextError ? err.diagnostics.find((d) => d.code === 'SCHEMA-SACRED') : undefined;
      if (sacred) {
        io.stderr(`protocol-studio workspace ${sub}: ${sacred.range.start.line}:${sacred.range.start.column}: ${sacred.message}\n`);
        return EXIT.problems;
      }
      asUsage(err);
    } finally {
      ws.close();
    }
  },
};

export default command;

/** The acting person's id (or, without a register, the name given); see actingPerson. */
function authorOf(flags: Flags, io: CliIO, ws: Workspace): string {
  return actingPerson(ws, flags, io);
}

/** Whose draft to read cycles from: the acting person when one is known, else nobody (the latest version). */
function draftReader(flags: Flags, io: CliIO, ws: Workspace): string | null {
  try {
    return authorOf(flags, io, ws);
  } catch {
    return null;
  }
}

function need(args: string[], count: number, sub: string): string[] {
  if (args.length !== count) throw new UsageError(`expected: ${SUBCOMMANDS[sub]!.usage.split('\n')[0]}`);
  return args;
}

/** "rtt-kat-base@3" → the protocol and the version (sequence number, "head" or id). */
function splitRef(ws: Workspace, ref: string): { protocolId: string; version: VersionInfo | null } {
  const at = ref.lastIndexOf('@');
  const protocolId = at < 0 ? ref : ref.slice(0, at);
  const version = at < 0 ? null : ws.findVersion(protocolId, ref.slice(at + 1));
  return { protocolId, version };
}

function requireVersion(ws: Workspace, ref: string): VersionInfo {
  const { version } = splitRef(ws, ref);
  if (!version) throw new UsageError(`give a version: ${ref}@NUMBER`);
  return version;
}

const firstLine = (s: string): string => s.split(/\r?\n/)[0] ?? '';

async function runSub(sub: string, args: string[], flags: Flags, io: CliIO, ws: Workspace): Promise<number> {
  const asJson = flags.format === 'json';
  switch (sub) {
    case 'init': {
      need(args, 0, sub);
      io.stdout(`workspace ready: ${ws.file} (${ws.listProtocols().length} protocols)\n`);
      return EXIT.ok;
    }
    case 'list': {
      need(args, 0, sub);
      const list = ws.listProtocols();
      if (asJson) printJson(io, list);
      else if (list.length === 0) io.stdout('no protocols yet: `protocol-studio workspace new --template ID`\n');
      else {
        for (const p of list) {
          const base = p.base ? `  based on ${p.base.protocolId}` : '';
          io.stdout(`${p.id}  v${p.headSeq ?? 0}  ${p.status ?? '-'}  ${p.siteName ?? '-'}  ${p.lastChange}  ${p.title}${base}\n`);
        }
      }
      return EXIT.ok;
    }
    case 'new': {
      need(args, 0, sub);
      const author = authorOf(flags, io, ws);
      const sources = [flags.template, flags.base, flags['from-file']].filter((x) => x !== undefined).length;
      if (sources !== 1) throw new UsageError('give exactly one of --template ID, --base PROTOCOL@VERSION or --from-file FILE');
      const common = { author, ...(flags.id ? { id: flags.id } : {}), ...(flags.title ? { title: flags.title } : {}) };
      if (flags['from-file'] !== undefined) {
        // The gate refuses a file that does not read as a protocol, naming the line, before anything is stored.
        const file = await readProtocol(flags['from-file'], io);
        const p = ws.createProtocol({ ...common, file: { name: basename(file.name), text: file.text } });
        io.stdout(`created ${p.id} from ${file.name} (version 1: ${p.headVersionId})\n`);
        return EXIT.ok;
      }
      const p = flags.template
        ? ws.createProtocol({ ...common, template: { id: flags.template, text: await loadTemplate(flags.template) } })
        : (() => {
            const v = requireVersion(ws, flags.base!);
            return ws.createProtocol({ ...common, base: { protocolId: v.protocolId, versionId: v.id } });
          })();
      io.stdout(`created ${p.id} (version 1: ${p.headVersionId})\n`);
      return EXIT.ok;
    }
    case 'draft': {
      const [protocolId, file] = need(args, 2, sub) as [string, string];
      const { text } = await readInput(file, io);
      const parent = flags.parent ? ws.findVersion(protocolId, flags.parent).id : (ws.head(protocolId)?.id ?? null);
      const d = ws.saveDraft(protocolId, text, { author: authorOf(flags, io, ws), parentVersionId: parent });
      io.stdout(`draft of ${protocolId} saved for ${peopleNames(ws)(d.author)} (based on ${d.parentVersionId ?? 'nothing'})\n`);
      // The store left secret/sacred content out; say what and whom to ask.
      for (const s of stripSacredContent(text).stripped) io.stderr(`protocol-studio workspace draft: ${strippedNote(s)}\n`);
      return EXIT.ok;
    }
    case 'commit': {
      const [protocolId] = need(args, 1, sub) as [string];
      if (flags.message === undefined) throw new UsageError('a commit message is required: -m "what changed and why"');
      const author = authorOf(flags, io, ws);
      const draft = ws.getDraft(protocolId, author);
      if (!draft) throw new UsageError(`${author} has no draft of ${protocolId}; save one with \`workspace draft ${protocolId} FILE\``);
      const proposal = proposalFor(ws, protocolId, draft.text);
      if (proposal && proposal.label && proposal.bump !== 'none') io.stdout(`proposed label: ${proposal.label} (${proposal.reason})\n`);
      const label = flags.label === undefined ? undefined : flags.label === 'auto' ? (proposal?.bump === 'none' ? undefined : proposal?.label || undefined) : flags.label;
      if (flags.label !== undefined && flags.label !== 'auto' && !/^\d+\.\d+\.\d+([-+][0-9A-Za-z.-]+)?$/.test(flags.label)) throw new UsageError(`--label is auto or a label like 1.2.0, not "${flags.label}"`);
      const v = ws.commit(protocolId, {
        author,
        message: flags.message,
        expectedParentId: draft.parentVersionId,
        ...(flags.cycle ? { qiCycleId: flags.cycle } : {}),
        ...(label ? { versionLabel: label } : {}),
      });
      io.stdout(`committed ${protocolId} version ${v.seq}${v.versionLabel ? ` as ${v.versionLabel}` : ''} (${v.id})\n`);
      return EXIT.ok;
    }
    case 'log': {
      const [protocolId] = need(args, 1, sub) as [string];
      const history = ws.history(protocolId);
      const nameOf = peopleNames(ws);
      if (asJson) printJson(io, history.map((v) => ({ ...v, authorName: nameOf(v.author) })));
      else {
        for (const v of history) {
          const cycles = v.qiCycleIds.length ? `  [${v.qiCycleIds.join(', ')}]` : '';
          io.stdout(`${String(v.seq).padStart(4)}  ${v.createdAt}  ${nameOf(v.author)}  ${firstLine(v.message)}${cycles}  ${v.id}\n`);
        }
      }
      return EXIT.ok;
    }
    case 'show': {
      const [ref] = need(args, 1, sub) as [string];
      if (flags.draft) {
        const draft = ws.getDraft(splitRef(ws, ref).protocolId, authorOf(flags, io, ws));
        if (!draft) throw new UsageError(`no draft of ${ref}`);
        if (asJson) printJson(io, draft);
        else io.stdout(draft.text);
        return EXIT.ok;
      }
      const { protocolId, version } = splitRef(ws, ref);
      const info = version ?? ws.head(protocolId);
      if (!info) throw new UsageError(`${protocolId} has no versions`);
      const full = ws.getVersion(info.id);
      if (asJson) printJson(io, full);
      else io.stdout(full.text);
      return EXIT.ok;
    }
    case 'tag': {
      const [ref, cycle] = need(args, 2, sub) as [string, string];
      const v = ws.tagVersion(requireVersion(ws, ref).id, cycle, { author: authorOf(flags, io, ws) });
      io.stdout(`${v.protocolId} version ${v.seq} is in ${v.qiCycleIds.join(', ')}\n`);
      return EXIT.ok;
    }
    case 'cycle':
      return runCycle(args, flags, io, ws);
    case 'restore': {
      const [ref] = need(args, 1, sub) as [string];
      const v = requireVersion(ws, ref);
      const d = ws.restoreVersion(v.id, { author: authorOf(flags, io, ws) });
      io.stdout(`version ${v.seq} of ${v.protocolId} is now ${peopleNames(ws)(d.author)}'s draft; commit it to make it the latest version\n`);
      return EXIT.ok;
    }
    case 'audit': {
      need(args, 0, sub);
      const limit = flags.limit === undefined ? undefined : Number(flags.limit);
      if (limit !== undefined && (!Number.isSafeInteger(limit) || limit < 1)) throw new UsageError('--limit must be a positive whole number');
      const entries = ws.audit({ ...(flags.subject ? { subject: flags.subject } : {}), ...(limit ? { limit } : {}) });
      const nameOf = peopleNames(ws);
      if (asJson) printJson(io, entries.map((e) => ({ ...e, actorName: nameOf(e.actor) })));
      else for (const e of entries) io.stdout(`${String(e.seq).padStart(5)}  ${e.at}  ${nameOf(e.actor)}  ${e.action}  ${e.subject}\n`);
      return EXIT.ok;
    }
    case 'export': {
      const [folder] = need(args, 1, sub) as [string];
      if (flags.audience !== undefined && !isAudience(flags.audience)) throw new UsageError(`--audience must be one of ${AUDIENCES.join(', ')}, not "${flags.audience}"`);
      const s = ws.exportTo(resolve(io.cwd, folder), isAudience(flags.audience) ? { audience: flags.audience } : {});
      io.stdout(`exported ${s.protocols} protocols, ${s.versions} versions, ${s.reviews} review records (${s.files} files) for ${s.audience} to ${folder}\n`);
      return EXIT.ok;
    }
    case 'import': {
      const [folder] = need(args, 1, sub) as [string];
      const s = ws.importFrom(resolve(io.cwd, folder), { author: authorOf(flags, io, ws) });
      io.stdout(`imported ${s.protocols} protocols, ${s.versions} versions, ${s.reviews} review records from ${folder}\n`);
      return EXIT.ok;
    }
    case 'verify': {
      need(args, 0, sub);
      const anchor = flags.anchor === undefined ? undefined : parseAnchor(readText(resolve(io.cwd, flags.anchor)), flags.anchor);
      const result = ws.verify(anchor ? { anchor } : {});
      if (asJson) printJson(io, result);
      else if (result.ok) io.stdout('workspace verified: hashes, audit chain and database are intact\n');
      else for (const p of result.problems) io.stdout(`${p.kind}: ${p.message}\n`);
      return result.ok ? EXIT.ok : EXIT.problems;
    }
    case 'anchor': {
      const [file] = need(args, 1, sub) as [string];
      const anchor = ws.anchor();
      if (!anchor) throw new UsageError('the audit log is empty: nothing to anchor yet');
      writeFileSync(resolve(io.cwd, file), JSON.stringify(anchor, null, 2) + '\n');
      io.stdout(`audit chain head (entry ${anchor.seq}, ${anchor.at}) written to ${file}; keep it outside the workspace and check with \`verify --anchor ${file}\`\n`);
      return EXIT.ok;
    }
    case 'drafts': {
      const [protocolId] = need(args, 1, sub) as [string];
      const author = authorOf(flags, io, ws);
      if (flags.recover !== undefined) {
        const entry = Number(flags.recover);
        if (!Number.isSafeInteger(entry) || entry < 1) throw new UsageError('--recover takes the number of a replaced draft from `drafts`');
        ws.recoverDraft(protocolId, entry, { author });
        io.stdout(`replaced draft ${entry} of ${protocolId} is your draft again; the draft it replaced is kept\n`);
        return EXIT.ok;
      }
      const list = ws.replacedDrafts(protocolId, author);
      if (asJson) printJson(io, list);
      else if (list.length === 0) io.stdout(`no replaced drafts of ${protocolId}\n`);
      else for (const d of list) io.stdout(`${String(d.id).padStart(4)}  replaced ${d.replacedAt} by ${d.reason}  (saved ${d.savedAt}, ${Buffer.byteLength(d.text, 'utf8')} bytes)\n`);
      return EXIT.ok;
    }
  }
  throw new UsageError(`unknown subcommand "${sub}"`);
}

function runCycle(args: string[], flags: Flags, io: CliIO, ws: Workspace): number {
  const [action, ...rest] = args;
  const expect = (n: number, usage: string): void => {
    if (rest.length !== n) throw new UsageError(`expected: ${usage}`);
  };
  if (action === 'new') {
    expect(1, SUBCOMMANDS.cycle!.usage.split('\n')[0]!);
    if (!flags.aim) throw new UsageError('a new cycle needs --aim: what the cycle is trying to improve');
    const c = createCycle(ws, rest[0]!, {
      aim: flags.aim,
      start: flags.start ?? new Date().toISOString().slice(0, 10),
      ...(flags.end ? { end: flags.end } : {}),
      ...(flags.id ? { id: flags.id } : {}),
      ...(flags.problem ? { problem: flags.problem } : {}),
      ...(flags.change ? { change: flags.change } : {}),
      ...(flags.rationale ? { rationale: flags.rationale } : {}),
    }, authorOf(flags, io, ws));
    io.stdout(`added QI cycle ${c.id} (number ${c.number}) to your draft of ${rest[0]}; commit with --cycle ${c.id} to record a change in it\n`);
    return EXIT.ok;
  }
  if (action === 'list') {
    expect(1, 'cycle list PROTOCOL');
    const cycles = knownCycles(ws, rest[0]!, draftReader(flags, io, ws));
    if (flags.format === 'json') printJson(io, cycles);
    else for (const c of cycles) io.stdout(`${c.id}  #${c.number ?? '?'}  ${c.start ?? ''}..${c.end ?? ''}  ${c.decision}${c.used ? '  (cited)' : ''}${c.draftOnly ? '  (draft)' : ''}  ${firstLine(cycleText(c.aim) ?? '')}\n`);
    return EXIT.ok;
  }
  if (action === 'update') {
    const change = {
      ...(flags.end ? { end: flags.end } : {}),
      ...(flags.decision ? { decision: flags.decision as QiDecision } : {}),
      ...(flags.findings !== undefined ? { findings: flags.findings } : {}),
      ...(flags.aim !== undefined ? { aim: flags.aim } : {}),
      ...(flags.start ? { start: flags.start } : {}),
    };
    if (rest.length !== 2 || Object.keys(change).length === 0) {
      throw new UsageError('expected: cycle update PROTOCOL CYCLE [--end DATE] [--decision DECISION] [--findings TEXT] [--aim AIM] [--start DATE]');
    }
    const c = changeCycle(ws, rest[0]!, rest[1]!, change, authorOf(flags, io, ws));
    io.stdout(`QI cycle ${c.id} in your draft of ${rest[0]}: ${c.start ?? ''}..${c.end ?? ''} ${c.decision}\n`);
    return EXIT.ok;
  }
  if (action === 'delete') {
    expect(2, 'cycle delete PROTOCOL CYCLE');
    deleteCycle(ws, rest[0]!, rest[1]!, authorOf(flags, io, ws));
    io.stdout(`QI cycle ${rest[1]} removed from your draft of ${rest[0]}\n`);
    return EXIT.ok;
  }
  throw new UsageError('expected: cycle new|list|update|delete …');
}

/** The version label the draft proposes, or undefined when the draft does not parse (the commit then says why). */
function proposalFor(ws: Workspace, protocolId: string, text: string) {
  try {
    return versionLabelProposal(ws, protocolId, text);
  } catch {
    return undefined;
  }
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

/** Bundled templates come from main/templates.ts; loaded only when needed to keep start-up fast. */
async function loadTemplate(id: string): Promise<string> {
  const { readTemplate } = await import('../../templates');
  try {
    return readTemplate(id);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}
