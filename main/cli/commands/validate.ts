/** `protocol-studio validate FILE... [--format text|json]` — YAML, schema and rule diagnostics for each file. */
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { diagnosticToJson, formatDiagnosticLine, hasErrors, summarizeDiagnostics, type Diagnostic } from '../../core/diagnostics/diagnostic';
import { LIMITS, tooLargeDiagnostic } from '../../core/parse';
import { listRules, referenceOverrideProblem } from '../../core/rules';
import { validateBytes, type ValidateOptions } from '../../core/validate';
import { EXIT, UsageError, printJson, type CliIO, type Command } from '../io';

type Format = 'text' | 'json';

interface FileResult {
  file: string;
  diagnostics: Diagnostic[];
  /** Why the file could not be read at all (missing, a directory, permissions). */
  error?: string;
}

interface Args {
  files: string[];
  format: Format;
  reference?: string;
  enabled: string[];
  disabled: string[];
  allRules: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { files: [], format: 'text', enabled: [], disabled: [], allRules: false };
  let optionsEnded = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (optionsEnded || arg === '-' || !arg.startsWith('-')) args.files.push(arg);
    else if (arg === '--') optionsEnded = true;
    else if (flag === '--format') {
      const v = value();
      if (v !== 'text' && v !== 'json') throw new UsageError(`--format must be text or json, not "${v}"`);
      args.format = v;
    } else if (flag === '--reference') args.reference = value();
    else if (flag === '--enable') args.enabled.push(...ruleList(value(), flag));
    else if (flag === '--disable') args.disabled.push(...ruleList(value(), flag));
    else if (flag === '--all-rules') args.allRules = true;
    else throw new UsageError(`unknown option ${arg}. Run \`protocol-studio validate --help\`.`);
  }
  if (args.files.length === 0) throw new UsageError('no file given. Usage: protocol-studio validate FILE... [--format text|json]');
  return args;
}

/** `DOSE-01,screening` → rule ids and families, each checked, so a typo does not silently run every rule. */
function ruleList(value: string, flag: string): string[] {
  const known = new Set(listRules().flatMap((r) => [r.id, r.family]));
  const items = value.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = items.filter((x) => !known.has(x));
  if (unknown.length) throw new UsageError(`${flag}: unknown rule or family ${unknown.map((u) => `"${u}"`).join(', ')} (see docs/RULES.md)`);
  return items;
}

/** A site's reference values (JSON, merged over the bundled ones), e.g. its own dose ranges or BP limit. */
function readReference(file: string, io: CliIO): ValidateOptions['reference'] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(resolve(io.cwd, file), 'utf8'));
  } catch (err) {
    throw new UsageError(`--reference ${file}: ${readError(err)}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new UsageError(`--reference ${file}: expected a JSON object of reference values`);
  const problem = referenceOverrideProblem(parsed);
  if (problem) throw new UsageError(`--reference ${file}: ${problem}`);
  return parsed as ValidateOptions['reference'];
}

function readError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'is a directory, not a protocol file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return err instanceof Error ? err.message : String(err);
}

async function validateFile(file: string, io: CliIO, opts: ValidateOptions): Promise<FileResult> {
  try {
    if (file === '-') {
      if (!io.readStdin) throw new Error('standard input is not available');
      return { file, diagnostics: validateBytes(await io.readStdin(), opts).diagnostics };
    }
    const path = resolve(io.cwd, file);
    // A file past the size limit is refused without reading it into memory (a directory fails the read: EISDIR).
    const { size } = statSync(path);
    if (size > LIMITS.maxBytes) return { file, diagnostics: [tooLargeDiagnostic(size)] };
    return { file, diagnostics: validateBytes(readFileSync(path), opts).diagnostics };
  } catch (err) {
    return { file, diagnostics: [], error: readError(err) };
  }
}

const command: Command = {
  summary: 'Check protocol files: YAML, schema and clinical/cultural rules',
  help: `Usage: protocol-studio validate FILE... [--format text|json] [--reference FILE] [--enable RULES] [--disable RULES] [--all-rules]

Checks each protocol file: YAML syntax and hostile input, the protocol schema, then the clinical and
cultural rules. Use - to read standard input.

Output:
  text (default)  one line per problem, FILE:LINE:COL: SEVERITY CODE message; a summary on stderr
  json            [{"file", "diagnostics": [{"severity", "code", "message", "help", "path",
                  "range": {"start": {"line", "column"}, "end": {"line", "column"}}}]}]
                  (plus "error" for a file that could not be read)
Lines and columns are 1-based.

Rules (docs/RULES.md):
  --reference FILE  a site's reference values (JSON, merged over main/core/rules/reference-values.json),
                    e.g. {"dose": {"ketamine": {"IM": {"max": 1.2}}}} — its own ranges and limits
  --enable RULES    also run these opt-in rules or families (comma-separated, e.g. MON-02,SESS-01)
  --disable RULES   skip these rules or families (e.g. READ-01)
  --all-rules       run every rule, opt-in ones included

Exit status:
  0  no errors (warnings and info allowed)
  1  at least one error
  2  usage error, or a file could not be read (missing, a directory)
`,
  async run(argv, io) {
    const { files, format, reference, enabled, disabled, allRules } = parseArgs(argv);
    const opts: ValidateOptions = {
      ...(reference !== undefined ? { reference: readReference(reference, io) } : {}),
      rules: { enabled, disabled, includeOptIn: allRules },
    };
    const results: FileResult[] = [];
    for (const file of files) results.push(await validateFile(file, io, opts));

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
