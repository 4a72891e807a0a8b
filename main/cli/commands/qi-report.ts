/** `protocol-studio qi-report`: exactly the changes committed in one QI cycle, grouped by category, with the rationale people wrote. */
import { EXIT, UsageError, parseFlags, printJson, type Command } from '../io';
import { asUsage, openWorkspace } from '../workspace-access';
import { AUDIENCES, isAudience } from '../../core/review/sharing';
import { cycleReportFor } from '../../services/cycle-report';

const HELP = `Usage: protocol-studio qi-report --db FILE PROTOCOL[@VERSION] [--cycle CYCLE] [--audience A] [--format markdown|json]

The report of one QI cycle: exactly the changes committed in it (each commit made with --cycle, or
tagged, against the version before it), grouped by category (clinical with its safety direction,
cultural, translation, editorial), with the cycle's aim, change and rationale from qi.cycles and the
commit messages. Commits between the cycle's own that were not made in it are named in one line; their
changes are not listed. The header reads "from <label before the cycle> to <label after it>".

The cycle is --cycle, else the one VERSION was committed in, else the latest cycle with commits.

Options:
  --db FILE       the workspace file (or set PROTOCOL_STUDIO_DB)
  --cycle CYCLE   the cycle's id in qi.cycles (see \`workspace cycle list\`)
  --audience A    who will read the report: changes inside sections they may not see are withheld
                  (${AUDIENCES.join(', ')}; default program_team)
  --format F      markdown (default) or json

Exit codes: 0 a report was written, 1 nothing to report (no commit made in a cycle), 2 usage or input error.
`;

const command: Command = {
  summary: 'Report exactly the changes committed in one QI cycle, grouped by category, with rationale.',
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseFlags({
      args: argv,
      options: { db: { type: 'string' }, cycle: { type: 'string' }, audience: { type: 'string' }, format: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
    if (positionals.length !== 1) throw new UsageError('expected one PROTOCOL[@VERSION] (see --help)');
    const format = values.format ?? 'markdown';
    if (format !== 'markdown' && format !== 'json') throw new UsageError(`--format must be markdown or json, not "${format}"`);
    const audience = values.audience ?? 'program_team';
    if (!isAudience(audience)) throw new UsageError(`unknown audience "${audience}": ${AUDIENCES.join(', ')}`);
    const [protocolId, versionRef] = positionals[0]!.split('@') as [string, string?];
    const ws = openWorkspace(values.db, io);
    try {
      const cycleId = values.cycle ?? (versionRef !== undefined ? ws.findVersion(protocolId, versionRef).qiCycleIds[0] : ws.history(protocolId).find((v) => v.qiCycleIds.length > 0)?.qiCycleIds[0]);
      if (cycleId === undefined) {
        io.stderr(`${positionals[0]}: no commit was made in a QI cycle yet; commit with --cycle CYCLE, then report it.\n`);
        return EXIT.problems;
      }
      const facts = cycleReportFor(ws, protocolId, cycleId, { audience });
      const { report } = facts;
      if (format === 'json') {
        printJson(io, { protocolId, cycle: facts.cycle, from: facts.fromLabel, to: facts.toLabel, fromVersion: facts.from?.seq ?? null, toVersion: facts.to.seq, audience, commits: facts.commits, others: facts.others, sections: report.sections });
      } else io.stdout(report.markdown.endsWith('\n') ? report.markdown : report.markdown + '\n');
      return EXIT.ok;
    } catch (err) {
      asUsage(err);
    } finally {
      ws.close();
    }
  },
};

export default command;
