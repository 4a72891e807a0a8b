/** `protocol-studio` — dispatches to one module per subcommand, loaded on demand to keep start-up fast. */
import { EXIT, UsageError, processIO, type CliIO, type Command } from './io';

const COMMANDS: Record<string, () => Promise<{ default: Command }>> = {
  validate: () => import('./commands/validate'),
  schema: () => import('./commands/schema'),
  migrate: () => import('./commands/migrate'),
  workspace: () => import('./commands/workspace'),
  diff: () => import('./commands/diff'),
  rebase: () => import('./commands/rebase'),
  'qi-report': () => import('./commands/qi-report'),
  review: () => import('./commands/review'),
  binder: () => import('./commands/binder'),
};

async function topHelp(): Promise<string> {
  const lines = ['Usage: protocol-studio <command> [options]', '', 'Commands:'];
  for (const [name, load] of Object.entries(COMMANDS)) {
    try {
      const cmd = (await load()).default;
      lines.push(`  ${name.padEnd(10)} ${cmd.summary}`);
    } catch {
      // A command module that fails to load is left out of the list rather than breaking help.
    }
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
