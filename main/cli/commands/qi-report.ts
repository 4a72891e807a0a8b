/** `protocol-studio qi-report`: what changed between two QI cycles' versions, grouped by category, with the commit messages as rationale. */
import { EXIT, UsageError, parseFlags, printJson, type Command } from '../io';
import { asUsage, openWorkspace } from '../workspace-access';
import { AUDIENCES, isAudience } from '../../core/review/sharing';
import { qiReportFor } from '../../services/binder-facts';

const HELP = `Usage: protocol-studio qi-report --db FILE PROTOCOL[@VERSION] [--from VERSION] [--audience A] [--format markdown|json]

Every change from the previous QI cycle's version to VERSION (default: the latest), grouped by category
(clinical, cultural, editorial), with the commit messages in between as the rationale. The previous
cycle's version is the newest earlier version tagged with an earlier QI cycle; --from names another.

Options:
  --db FILE       the workspace file (or set PROTOCOL_STUDIO_DB)
  --from VERSION  start from this version (a number, "head" or an id) instead
  --audience A    who will read the report: changes inside sections they may not see are withheld
                  (${AUDIENCES.join(', ')}; default program_team)
  --format F      markdown (default) or json

Exit codes: 0 a report was written, 1 nothing to report (no earlier version), 2 usage or input error.
`;

const command: Command = {
  summary: 'Report the changes between two QI cycles, grouped by category, with rationale.',
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseFlags({
      args: argv,
      options: { db: { type: 'string' }, from: { type: 'string' }, audience: { type: 'string' }, format: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
    if (positionals.length !== 1) throw new UsageError('expected one PROTOCOL[@VERSION] (see --help)');
    const format = values.format ?? 'markdown';
    if (format !== 'markdown' && format !== 'json') throw new UsageError(`--format must be markdown or json, not "${format}"`);
    const audience = values.audience ?? 'program_team';
    if (!isAudience(audience)) throw new UsageError(`unknown audience "${audience}": ${AUDIENCES.join(', ')}`);
    const [protocolId, versionRef = 'head'] = positionals[0]!.split('@') as [string, string?];
    const ws = openWorkspace(values.db, io);
    try {
      const facts = qiReportFor(ws, protocolId, { versionRef }, { audience, ...(values.from !== undefined ? { fromRef: values.from } : {}) });
      if (!facts) {
        io.stderr(`${protocolId}@${versionRef}: no earlier version to report changes from.\n`);
        return EXIT.problems;
      }
      if (format === 'json') printJson(io, { protocolId, from: facts.from.seq, to: facts.toLabel, audience, commits: facts.commits, sections: facts.report.sections });
      else io.stdout(facts.report.markdown.endsWith('\n') ? facts.report.markdown : facts.report.markdown + '\n');
      return EXIT.ok;
    } catch (err) {
      asUsage(err);
    } finally {
      ws.close();
    }
  },
};

export default command;
