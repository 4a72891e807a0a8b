/** `protocol-studio migrate`: upgrade an older protocol document to the current schemaVersion, keeping comments and layout. */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { MigrationError, migrateDocument } from '../../core/model/migrate';
import { print, printKeepingLayout } from '../../core/merge/layout';
import { gateText } from '../../core/gate';
import { EXIT, UsageError, parseFlags, type Command } from '../io';
import { readProtocol } from '../read-input';

const HELP = `Usage: protocol-studio migrate FILE [-o OUT | --in-place] [--check]

Upgrades a protocol written for an older schema (e.g. a pre-release draft without schemaVersion, in the
snake_case layout) to the current schemaVersion. Keys are renamed in place, so comments, key order and
the layout of untouched lines are kept. Prints what changed on stderr and the upgraded YAML on stdout.

Options:
  -o, --out FILE   write the upgraded YAML to FILE
  --in-place       overwrite FILE
  --check          change nothing; exit 1 when FILE needs migrating

Exit codes: 0 up to date (or migrated), 1 needs migrating (--check), 2 usage error, unreadable file,
or a document newer than this version of Protocol Studio.
`;

const command: Command = {
  summary: 'Upgrade an older protocol document to the current schema version.',
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseFlags({
      args: argv,
      options: { out: { type: 'string', short: 'o' }, 'in-place': { type: 'boolean' }, check: { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
    });
    if (positionals.length !== 1) throw new UsageError('expected one FILE (see --help)');
    if (values.out !== undefined && values['in-place']) throw new UsageError('choose -o OUT or --in-place, not both');
    // The input gate without the schema (the input is written for an older one): hostile or broken YAML is refused.
    const input = await readProtocol(positionals[0]!, io, { schema: false });
    const { parsed } = input;
    if (!parsed.document) throw new UsageError(`${input.name} cannot be read as YAML`);
    const before = print(parsed.document);
    let result;
    try {
      result = migrateDocument(parsed.document);
    } catch (err) {
      if (err instanceof MigrationError) throw new UsageError(`${input.name}: ${err.message}`);
      throw err;
    }
    if (!result.changed) {
      io.stderr(`${input.name} is up to date (schemaVersion ${result.to}).\n`);
      if (!values.check && values.out === undefined && !values['in-place']) io.stdout(input.text);
      return EXIT.ok;
    }
    for (const note of result.notes) io.stderr(`${input.name}: ${note}\n`);
    if (values.check) return EXIT.problems;
    const text = printKeepingLayout(input.text, before, parsed.document);
    // Migrating renames; it cannot fill in what the current schema requires: say what is left to do.
    const left = gateText(text);
    if (!left.ok) io.stderr(`${input.name}: after migrating, ${left.refusals.length} schema problem(s) remain; \`protocol-studio validate\` lists them.\n`);
    const target = values['in-place'] ? positionals[0]! : values.out;
    if (target === undefined) io.stdout(text);
    else {
      if (target === '-') throw new UsageError('cannot write standard input in place; use -o OUT');
      writeFileSync(resolve(io.cwd, target), text);
      io.stderr(`Wrote ${target} (schemaVersion ${result.from} → ${result.to}).\n`);
    }
    return EXIT.ok;
  },
};

export default command;
