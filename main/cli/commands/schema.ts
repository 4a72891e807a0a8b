/** `protocol-studio schema [--print]` — where the protocol JSON Schema lives, for editors and other tools. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { UsageError, type Command } from '../io';

const SCHEMA_PATH = fileURLToPath(new URL('../../../schemas/protocol.schema.json', import.meta.url));

const command: Command = {
  summary: 'Print the path of the protocol JSON Schema (--print: the schema itself)',
  help: `Usage: protocol-studio schema [--print]

Prints the absolute path of the protocol JSON Schema (JSON Schema 2020-12). With --print, prints the
schema itself.

To get completion, hover help and checks in VS Code or any editor using the YAML language server, put
this line at the top of a protocol file:

  # yaml-language-server: $schema=<the path this command prints>

The editor then validates the file against the same schema as \`protocol-studio validate\` (the clinical
and cultural rules run only in Protocol Studio and the CLI).
`,
  async run(argv, io) {
    const print = argv.includes('--print');
    const unknown = argv.find((a) => a !== '--print');
    if (unknown !== undefined) throw new UsageError(`unknown argument ${unknown}. Run \`protocol-studio schema --help\`.`);
    io.stdout(print ? readFileSync(SCHEMA_PATH, 'utf8').trimEnd() + '\n' : `${SCHEMA_PATH}\n`);
    return 0;
  },
};

export default command;
