/** `protocol-studio validate FILE... [--format text|json]` — YAML, schema and rule diagnostics for each file. */
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { diagnosticToJson, formatDiagnosticLine, hasErrors, summarizeDiagnostics, type Diagnostic } from '../../core/diagnostics/diagnostic';
import { LIMITS, tooLargeDiagnostic } from '../../core/parse';
import { validateBytes } from '../../core/validate';
import { EXIT, UsageError, printJson, type CliIO, type Command } from '../io';

type Format = 'text' | 'json';

interface FileResult {
  file: string;
  diagnostics: Diagnostic[];
  /** Why the file could not be read at all (missing, a directory, permissions). */
  error?: string;
}

function parseArgs(argv: string[]): { files: string[]; format: Format } {
  const files: string[] = [];
  let format: Format = 'text';
  let optionsEnded = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (optionsEnded || arg === '-' || !arg.startsWith('-')) files.push(arg);
    else if (arg === '--') optionsEnded = true;
    else if (arg === '--format' || arg.startsWith('--format=')) {
      const value = arg === '--format' ? argv[++i] : arg.slice('--format='.length);
      if (value !== 'text' && value !== 'json') throw new UsageError(`--format must be text or json, not ${value === undefined ? 'nothing' : `"${value}"`}`);
      format = value;
    } else throw new UsageError(`unknown option ${arg}. Run \`protocol-studio validate --help\`.`);
  }
  if (files.length === 0) throw new UsageError('no file given. Usage: protocol-studio validate FILE... [--format text|json]');
  return { files, format };
}

function readError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'is a directory, not a protocol file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return err instanceof Error ? err.message : String(err);
}

async function validateFile(file: string, io: CliIO): Promise<FileResult> {
  try {
    if (file === '-') {
      if (!io.readStdin) throw new Error('standard input is not available');
      return { file, diagnostics: validateBytes(await io.readStdin()).diagnostics };
    }
    const path = resolve(io.cwd, file);
    // A file past the size limit is refused without reading it into memory (a directory fails the read: EISDIR).
    const { size } = statSync(path);
    if (size > LIMITS.maxBytes) return { file, diagnostics: [tooLargeDiagnostic(size)] };
    return { file, diagnostics: validateBytes(readFileSync(path)).diagnostics };
  } catch (err) {
    return { file, diagnostics: [], error: readError(err) };
  }
}

const command: Command = {
  summary: 'Check protocol files: YAML, schema and clinical/cultural rules',
  help: `Usage: protocol-studio validate FILE... [--format text|json]

Checks each protocol file: YAML syntax and hostile input, the protocol schema, then the clinical and
cultural rules. Use - to read standard input.

Output:
  text (default)  one line per problem, FILE:LINE:COL: SEVERITY CODE message; a summary on stderr
  json            [{"file", "diagnostics": [{"severity", "code", "message", "help", "path",
                  "range": {"start": {"line", "column"}, "end": {"line", "column"}}}]}]
                  (plus "error" for a file that could not be read)
Lines and columns are 1-based.

Exit status:
  0  no errors (warnings and info allowed)
  1  at least one error
  2  usage error, or a file could not be read (missing, a directory)
`,
  async run(argv, io) {
    const { files, format } = parseArgs(argv);
    const results: FileResult[] = [];
    for (const file of files) results.push(await validateFile(file, io));

    if (format === 'json') {
      const json = results.map((r) => ({ file: r.file, ...(r.error ? { error: r.error } : {}), diagnostics: r.diagnostics.map(diagnosticToJson) }));
      printJson(io, json);
    } else {
      for (const r of results) for (const d of r.diagnostics) io.stdout(`${formatDiagnosticLine(r.file, d)}\n`);
    }
    for (const r of results) if (r.error) io.stderr(`protocol-studio validate: ${r.file}: ${r.error}\n`);
    const all = results.flatMap((r) => r.diagnostics);
    const unreadable = results.filter((r) => r.error).length;
    const checked = results.length - unreadable;
    io.stderr(
      `${checked} file${checked === 1 ? '' : 's'} checked: ${summarizeDiagnostics(all)}${unreadable ? `; ${unreadable} could not be read` : ''}\n`,
    );
    if (unreadable > 0) return EXIT.usage;
    return hasErrors(all) ? EXIT.problems : EXIT.ok;
  },
};

export default command;
