/** `protocol-studio sync`: share protocols across sites through git repositories (issue 15). */
import { EXIT, UsageError, parseFlags, printJson, type CliIO, type Command } from '../io';
import { asUsage, defaultAuthor, openWorkspace } from '../workspace-access';
import { SharingBreachError } from '../../core/review/redact';
import type { Workspace } from '../../store/workspace';
import {
  addRemote,
  AUDIENCE_WORDS,
  ensureBareRepo,
  fetchRemote,
  listRemotes,
  locateRemote,
  mirrorFor,
  publish,
  REMOTE_AUDIENCES,
  SyncError,
  syncStatus,
  type FetchResult,
  type Progress,
  type SyncStatus,
} from '../../sync';

const HELP = `Usage: protocol-studio sync <subcommand> --db FILE [options]

Publishes protocols to git repositories and fetches other sites' protocols from them. A remote is a bare
repository on a shared drive (a folder path or file:// URL) or an https URL; ssh is not supported.
Nothing but the studio is needed: no git program. Each remote has an audience, and a publish writes only
what the disclosure policy clears for it: withheld sections become placeholders, secret or sacred
content never leaves, community-only content goes only to that community's own remote. A publish that
would carry such content is refused before anything is written.

Subcommands:
  remote add NAME URL --audience A [--branch B] [--community NAME] [--create]
      Add a remote (--create: make an empty bare repository at that folder first, no git needed). A is ${REMOTE_AUDIENCES.join(', ')} (community: the community's own
      repository; --community names it as its sections' governance.origin does). Branch default main.
  remote list [--format json]
  publish PROTOCOL --remote NAME
      Send PROTOCOL's committed versions the remote lacks: one commit per version (author, message,
      QI cycles, version label as a tag), the YAML, the sign-off records and a manifest. If another site
      published first, its work is fetched and yours is re-published on top (never a forced push).
  fetch --remote NAME [--protocol ID] [--format json]
      Bring the remote's protocols in: new versions are committed here under their authors' names, with
      their classified changes; sign-offs whose section no longer matches show as lapsed.
  status [--format json]
      Remotes, how far each protocol is published, and adaptations whose base has moved on.

Options:
  --db FILE       the workspace file (or set PROTOCOL_STUDIO_DB)
  --author NAME   who publishes or fetches (default: $PROTOCOL_STUDIO_AUTHOR or your user name)
  --format F      text (default) or json

A transfer cut short resumes where it stopped when run again. Exit codes: 0 ok, 1 refused (sharing
policy, the remote holds versions you lack, a protocol left alone on fetch), 2 usage or input error.
`;

const OPTIONS = {
  db: { type: 'string' },
  author: { type: 'string' },
  audience: { type: 'string' },
  branch: { type: 'string' },
  community: { type: 'string' },
  remote: { type: 'string' },
  protocol: { type: 'string' },
  format: { type: 'string' },
  create: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const parse = (argv: string[]) => parseFlags({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
type Flags = ReturnType<typeof parse>['values'];

function formatOf(flags: Flags): 'text' | 'json' {
  const f = flags.format ?? 'text';
  if (f !== 'text' && f !== 'json') throw new UsageError(`--format must be text or json, not "${f}"`);
  return f;
}

function needRemote(flags: Flags): string {
  if (!flags.remote) throw new UsageError('say which remote: --remote NAME (see `sync remote list`)');
  return flags.remote;
}

/** Progress on stderr, one line per step that moved, so stdout stays the result. */
function progressTo(io: CliIO): Progress {
  return (p) => {
    if (p.loaded > 0 && (p.loaded === p.total || p.loaded % 10 === 0)) io.stderr(`${p.phase}: ${p.loaded}/${p.total}\n`);
  };
}

function printStatus(io: CliIO, s: SyncStatus): void {
  if (s.remotes.length === 0) io.stdout('No remotes. Add one with `protocol-studio sync remote add NAME URL --audience A`.\n');
  for (const r of s.remotes) {
    const seen = r.lastSeenTip ? `at ${r.lastSeenTip.slice(0, 7)}` : 'not reached yet';
    io.stdout(`${r.name}  ${r.url} (${r.branch})  ${AUDIENCE_WORDS[r.audience]}${r.community ? `: ${r.community}` : ''}  ${seen}\n`);
  }
  for (const p of s.published) {
    const rest = p.unpublished > 0 ? `, ${p.unpublished} newer not published` : ', up to date';
    io.stdout(`published ${p.protocolId} to ${p.remote}: version ${p.publishedSeq} of ${p.headSeq}${rest}\n`);
  }
  for (const sub of s.subscribed) io.stdout(`subscribed ${sub.protocolId} from ${sub.remote}\n`);
  for (const b of s.basesMovedOn) {
    io.stdout(`base moved on: ${b.protocolId} is on ${b.baseProtocolId} version ${b.onSeq}; version ${b.newestSeq}${b.newestLabel ? ` (${b.newestLabel})` : ''} is here — rebase to take it in\n`);
  }
}

function printFetch(io: CliIO, r: FetchResult): void {
  if (!r.tip) io.stdout(`${r.remote} is empty: nothing to fetch.\n`);
  for (const p of r.protocols) {
    if (p.skipped) {
      io.stdout(`${p.protocolId}: left alone — ${p.skipped}\n`);
      continue;
    }
    io.stdout(`${p.protocolId}: ${p.newVersions.length === 0 ? 'up to date' : `${p.newVersions.length} new version(s)${p.created ? ' (new here)' : ''}`}\n`);
    for (const v of p.newVersions) {
      io.stdout(`  version ${v.localSeq}${v.label ? ` (${v.label})` : ''} by ${v.author}: ${v.message.split('\n')[0]}\n`);
      for (const c of v.changes.slice(0, 20)) io.stdout(`    [${c.category}] ${c.summary}\n`);
      if (v.changes.length > 20) io.stdout(`    … and ${v.changes.length - 20} more changes\n`);
    }
    for (const s of p.signoffs) io.stdout(`  sign-off ${s.kind} ${s.sectionKey} by ${s.reviewer} (${s.role}): ${s.state}\n`);
    for (const w of p.withheld) io.stdout(`  withheld ${w.key}: ${w.reason} — ask ${w.askWhom}\n`);
  }
}

async function run(argv: string[], io: CliIO): Promise<number> {
  const { values: flags, positionals } = parse(argv);
  const [sub, ...args] = positionals;
  if (flags.help || !sub) {
    io.stdout(HELP);
    return sub || flags.help ? EXIT.ok : EXIT.usage;
  }
  const ws = openWorkspace(flags.db, io);
  try {
    return await dispatch(ws, sub, args, flags, io);
  } catch (err) {
    if (err instanceof SharingBreachError || err instanceof SyncError) {
      io.stderr(`protocol-studio sync ${sub}: ${err.message}\n`);
      if (err instanceof SharingBreachError && err.help !== err.message) io.stderr(`${err.help}\n`);
      return EXIT.problems;
    }
    return asUsage(err);
  } finally {
    ws.close();
  }
}

async function dispatch(ws: Workspace, sub: string, args: string[], flags: Flags, io: CliIO): Promise<number> {
  const actor = flags.author || defaultAuthor(io);
  const mirror = mirrorFor(ws.file);
  switch (sub) {
    case 'remote': {
      const [action, name, url, ...extra] = args;
      if (action === 'list') {
        const remotes = listRemotes(ws);
        if (formatOf(flags) === 'json') printJson(io, remotes);
        else printStatus(io, { remotes: remotes.map((r) => ({ ...r, lastSeenTip: null })), published: [], subscribed: [], basesMovedOn: [] });
        return EXIT.ok;
      }
      if (action !== 'add') throw new UsageError('sync remote: add or list');
      if (!name || !url || extra.length) throw new UsageError('usage: sync remote add NAME URL --audience A [--branch B] [--community NAME] [--create]');
      if (!flags.audience) throw new UsageError(`say who reads this remote: --audience ${REMOTE_AUDIENCES.join('|')}`);
      const r = addRemote(
        ws,
        { name, url, audience: flags.audience, ...(flags.branch ? { branch: flags.branch } : {}), ...(flags.community ? { community: flags.community } : {}) },
        actor,
        io.cwd,
      );
      if (flags.create) {
        const where = locateRemote(r.url);
        if (where.kind !== 'path') throw new UsageError('--create makes a repository in a folder; an https remote is created on its server');
        await ensureBareRepo(where.gitdir, r.branch);
      }
      io.stdout(`Added remote ${r.name}: ${r.url} (${r.branch}), audience ${AUDIENCE_WORDS[r.audience]}${r.community ? `: ${r.community}` : ''}\n`);
      return EXIT.ok;
    }
    case 'publish': {
      const [protocolId, ...extra] = args;
      if (!protocolId || extra.length) throw new UsageError('usage: sync publish PROTOCOL --remote NAME');
      const r = await publish(ws, { remote: needRemote(flags), protocolId, actor, mirror, onProgress: progressTo(io) });
      if (formatOf(flags) === 'json') printJson(io, r);
      else {
        io.stdout(r.published === 0 ? `${r.remote} already has all ${r.total} version(s) of ${r.protocolId}.\n` : `Published ${r.published} version(s) of ${r.protocolId} to ${r.remote} (${r.commit?.slice(0, 7)})${r.attempts > 1 ? ` after fetching what other sites published meanwhile` : ''}.\n`);
        if (r.tags.length) io.stdout(`Tags: ${r.tags.join(', ')}\n`);
        for (const w of r.withheld) io.stdout(`Withheld as a placeholder: ${w.title} (${w.key}): ${w.reason}\n`);
      }
      return EXIT.ok;
    }
    case 'fetch': {
      if (args.length) throw new UsageError('usage: sync fetch --remote NAME [--protocol ID]');
      const r = await fetchRemote(ws, { remote: needRemote(flags), actor, mirror, onProgress: progressTo(io), ...(flags.protocol ? { protocolId: flags.protocol } : {}) });
      if (formatOf(flags) === 'json') printJson(io, r);
      else printFetch(io, r);
      return r.protocols.some((p) => p.skipped) ? EXIT.problems : EXIT.ok;
    }
    case 'status': {
      if (args.length) throw new UsageError('usage: sync status');
      const s = await syncStatus(ws, mirror);
      if (formatOf(flags) === 'json') printJson(io, s);
      else printStatus(io, s);
      return EXIT.ok;
    }
    default:
      throw new UsageError(`unknown subcommand "${sub}": remote, publish, fetch or status`);
  }
}

const command: Command = { summary: "Publish protocols to git remotes and fetch other sites' versions", help: HELP, subcommands: true, run };
export default command;
