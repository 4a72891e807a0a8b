/** `protocol-studio` — dispatches to one module per subcommand, loaded on demand to keep start-up fast. */
import { EXIT, UsageError, processIO, type CliIO, type Command } from './io';

const COMMANDS: Record<string, () => Promise<{ default: Command }>> = {
  validate: () => import('./commands/validate'),
  schema: () => import('./commands/schema'),
  migrate: () => import('./commands/migrate'),
  workspace: () => import('./commands/workspace'),
  people: () => import('./commands/people'),
  diff: () => import('./commands/diff'),
  rebase: () => import('./commands/rebase'),
  'qi-report': () => import('./commands/qi-report'),
  review: () => import('./commands/review'),
  binder: () => import('./commands/binder'),
  sync: () => import('./commands/sync'),
};

/**
 * The one-line summaries of the top-level help, kept here so `--help` loads no command module (some pull
 * in SQLite, Chromium or the binder). A command missing here is loaded for its summary; a test keeps
 * these equal to each command's own `summary`.
 */
export const SUMMARIES: Record<string, string> = {
  validate: 'Check protocol files: YAML, schema and clinical/cultural rules',
  schema: 'Print the path of the protocol JSON Schema (--print: the schema itself)',
  migrate: 'Upgrade an older protocol document to the current schema version.',
  workspace: 'Versioned workspace: protocols, drafts, commits, QI cycles, audit log, export/import.',
  diff: 'Show what changed between two protocol versions (semantic, word-level, grouped by category).',
  rebase: 'Carry a newer base version into a site adaptation (three-way merge, conflicts listed).',
  'qi-report': 'Report exactly the changes committed in one QI cycle, grouped by category, with rationale.',
  review: 'Elder and medical sign-offs bound to section content; review status.',
  binder: 'Print a binder (PDF or HTML) of a protocol for one audience.',
  people: 'People register: add, list and show the people who act in a workspace and their roles.',
  sync: "Publish protocols to git remotes and fetch other sites' versions",
};

async function topHelp(): Promise<string> {
  const lines = ['Usage: protocol-studio <command> [options]', '', 'Commands:'];
  for (const [name, load] of Object.entries(COMMANDS)) {
    let summary = SUMMARIES[name];
    try {
      summary ??= (await load()).default.summary;
    } catch {
      continue; // A command module that fails to load is left out of the list rather than breaking help.
    }
    lines.push(`  ${name.padEnd(10)} ${summary}`);
  }
  lines.push('', 'Run `protocol-studio <command> --help` for the options of one command.', '');
  return lines.join('\n');
}

export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(await topHelp());
    return name ? EXIT.ok : EXIT.usage;
  }
  if (name === '--version' || name === '-v') {
    io.stdout('protocol-studio 0.1.0\n');
    return EXIT.ok;
  }
  const load = COMMANDS[name];
  if (!load) {
    io.stderr(`protocol-studio: unknown command "${name}". Run \`protocol-studio --help\`.\n`);
    return EXIT.usage;
  }
  const cmd = (await load()).default;
  // `cmd sub --help` goes to a command with subcommands, which knows their help; anything else is answered here.
  const isHelp = (a: string | undefined): boolean => a === '--help' || a === '-h';
  if (cmd.subcommands ? isHelp(rest[0]) : rest.some(isHelp)) {
    io.stdout(cmd.help.endsWith('\n') ? cmd.help : cmd.help + '\n');
    return EXIT.ok;
  }
  try {
    return await cmd.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`protocol-studio ${name}: ${err.message}\n`);
      return EXIT.usage;
    }
    // Unexpected failure: one clear line, no stack trace unless asked for.
    const message = err instanceof Error ? err.message : String(err);
    io.stderr(`protocol-studio ${name}: ${message}\n`);
    if (io.env.PROTOCOL_STUDIO_DEBUG && err instanceof Error && err.stack) io.stderr(err.stack + '\n');
    return EXIT.usage;
  }
}
