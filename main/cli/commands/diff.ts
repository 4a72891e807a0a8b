/** `protocol-studio diff`: what changed between two protocol versions, by meaning (or as a plain text patch). */
import { createTwoFilesPatch } from 'diff';
import { diffProtocols, formatChanges, type ChangeFormat } from '../../core/diff';
import { AUDIENCES, isAudience, redactChanges } from '../../core/review';
import type { Workspace } from '../../store/workspace';
import { EXIT, UsageError, parseFlags, type Command } from '../io';
import { gateLoaded, readProtocol, type LoadedProtocol, type LoadedText } from '../read-input';
import { asUsage, openWorkspace } from '../workspace-access';

const HELP = `Usage: protocol-studio diff OLD NEW [--format text|json|markdown] [--text] [--db FILE]

Lists what changed between two protocol versions: added, removed, changed and moved items, matched by
id, with dose ranges marked widened or narrowed and prose compared word by word. Changes are grouped
clinical first, then cultural, then editorial.

OLD and NEW are files ("-" reads standard input), or with --db workspace references:
  PROTOCOL@3        version 3 (a version id, or a unique prefix of 6+ characters, works too)
  PROTOCOL@draft    the latest saved draft
  PROTOCOL          the latest version (head)

Options:
  --format FORMAT   text (default), markdown or json
  --text            a plain unified diff of the YAML text instead
  --db FILE         read OLD and NEW from this workspace file
  --audience A      who will read the diff: changes inside sections they may not see become one
                    "content withheld" line, and --text is refused (a diff of restricted text is itself
                    a disclosure). ${AUDIENCES.join(', ')}; default: workspace (you, everything)

Exit codes: 0 identical, 1 differences, 2 usage or input error.`;

/** `PROTOCOL`, `PROTOCOL@VERSION` or `PROTOCOL@draft` → the text it names. */
export function readReference(ws: Workspace, ref: string): LoadedText {
  const at = ref.lastIndexOf('@');
  const protocolId = at < 0 ? ref : ref.slice(0, at);
  const version = at < 0 ? 'head' : ref.slice(at + 1);
  if (!protocolId) throw new UsageError(`bad reference "${ref}": expected PROTOCOL, PROTOCOL@VERSION or PROTOCOL@draft`);
  if (version === 'draft') {
    const draft = ws.getDraft(protocolId);
    if (!draft) throw new UsageError(`${protocolId} has no draft`);
    return { name: `${protocolId}@draft`, text: draft.text };
  }
  const info = ws.findVersion(protocolId, version);
  return { name: `${protocolId}@${info.seq}`, text: ws.getVersion(info.id).text };
}

const parse = (argv: string[]) =>
  parseFlags({ args: argv, allowPositionals: true, options: { format: { type: 'string' }, text: { type: 'boolean' }, db: { type: 'string' }, audience: { type: 'string' } } });

const command: Command = {
  summary: 'Show what changed between two protocol versions (semantic, word-level, grouped by category).',
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parse(argv);
    if (positionals.length !== 2) throw new UsageError('expected OLD and NEW (see --help)');
    const format = (values.format ?? 'text') as ChangeFormat;
    if (!['text', 'json', 'markdown'].includes(format)) throw new UsageError(`unknown --format "${values.format}": use text, json or markdown`);
    const audience = values.audience ?? 'workspace';
    if (!isAudience(audience)) throw new UsageError(`unknown audience "${audience}": ${AUDIENCES.join(', ')}`);
    if (values.text && audience !== 'workspace') throw new UsageError('--text shows every line; with --audience use the semantic diff, which withholds restricted sections');
    const [oldRef, newRef] = positionals as [string, string];
    // Both sides pass the input gate (a draft may hold broken text; a diff of it is refused, located).
    let before: LoadedProtocol;
    let after: LoadedProtocol;
    if (values.db !== undefined) {
      const ws = openWorkspace(values.db, io);
      try {
        before = gateLoaded(readReference(ws, oldRef));
        after = gateLoaded(readReference(ws, newRef));
      } catch (err) {
        asUsage(err);
      } finally {
        ws.close();
      }
    } else {
      before = await readProtocol(oldRef, io);
      after = await readProtocol(newRef, io);
    }
    if (values.text) {
      if (before.text === after.text) return EXIT.ok;
      io.stdout(createTwoFilesPatch(before.name, after.name, before.text, after.text));
      return EXIT.problems;
    }
    const [oldValue, newValue] = [before.parsed.value, after.parsed.value];
    let changes = diffProtocols(oldValue, newValue);
    if (audience !== 'workspace') changes = redactChanges(changes, oldValue, newValue, audience);
    if (format === 'text' && changes.length > 0) io.stdout(`--- ${before.name}\n+++ ${after.name}\n`);
    io.stdout(formatChanges(changes, format));
    return changes.length === 0 ? EXIT.ok : EXIT.problems;
  },
};

export default command;
