/** `protocol-studio validate FILE... [--format text|json]` — YAML, schema and rule diagnostics for each file. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { diagnosticToJson, formatDiagnosticLine, hasErrors, summarizeDiagnostics } from '../../core/diagnostics/diagnostic';
import { LIMITS } from '../../core/parse';
import { listRules, referenceOverrideProblem } from '../../core/rules';
import { validateBytes, type ValidateOptions } from '../../core/validate';
import { EXIT, UsageError, printJson, type CliIO, type Command } from '../io';
import { expandArguments, readError, type FileResult } from '../validate-files';
import { defaultJobs, validatePaths } from '../validate-pool';

type Format = 'text' | 'json';

interface Args {
  files: string[];
  format: Format;
  reference?: string;
  enabled: string[];
  disabled: string[];
  allRules: boolean;
  jobs: number;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { files: [], format: 'text', enabled: [], disabled: [], allRules: false, jobs: defaultJobs() };
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
    else if (flag === '--jobs') {
      const v = value();
      if (!/^[1-9]\d{0,2}$/.test(v)) throw new UsageError(`--jobs must be a whole number from 1, not "${v}"`);
      args.jobs = Number(v);
    }
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

async function validateStdin(io: CliIO, opts: ValidateOptions): Promise<FileResult> {
  if (!io.readStdin) return { file: '-', diagnostics: [], error: 'standard input is not available' };
  // One byte past the limit is enough for validate to refuse it as too large.
  return { file: '-', diagnostics: validateBytes(await io.readStdin(LIMITS.maxBytes + 1), opts).diagnostics };
}

const command: Command = {
  summary: 'Check protocol files: YAML, schema and clinical/cultural rules',
  help: `Usage: protocol-studio validate FILE|FOLDER|GLOB... [--format text|json] [--reference FILE] [--enable RULES] [--disable RULES] [--all-rules] [--jobs N]

Checks each protocol file: YAML syntax and hostile input, the protocol schema, then the clinical and
cultural rules. A FOLDER means every .yaml/.yml file in it (at any depth); a quoted GLOB such as
'protocols/**/*.yaml' is expanded here. Use - to read standard input. Files are checked in parallel
(--jobs N threads; default: the number of cores, or one when the machine is already busy) and reported in the order given, a folder's or a
glob's files sorted by path.

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

Speed:
  --jobs N          check with at most N threads (default: the number of cores, one when the load
                    average is already above them; 1 = one thread)

Exit status:
  0  no errors (warnings and info allowed)
  1  at least one error
  2  usage error, or a file could not be read (missing, a directory)
`,
  async run(argv, io) {
    const { files, format, reference, enabled, disabled, allRules, jobs } = parseArgs(argv);
    const opts: ValidateOptions = {
      ...(reference !== undefined ? { reference: readReference(reference, io) } : {}),
      rules: { enabled, disabled, includeOptIn: allRules },
    };
    const targets = await expandArguments(files, io.cwd);
    const results: FileResult[] = new Array(targets.length);
    const onDisk: Array<{ at: number; file: string }> = [];
    for (const [at, t] of targets.entries()) {
      if (typeof t !== 'string') results[at] = { file: t.file, diagnostics: [], error: t.error };
      else if (t === '-') results[at] = await validateStdin(io, opts);
      else onDisk.push({ at, file: t });
    }
    const checked = await validatePaths(onDisk.map((f) => f.file), io.cwd, opts, jobs);
    onDisk.forEach((f, i) => (results[f.at] = checked[i]!));

    if (format === 'json') {
      const json = results.map((r) => ({ file: r.file, ...(r.error ? { error: r.error } : {}), diagnostics: r.diagnostics.map(diagnosticToJson) }));
      printJson(io, json);
    } else {
      for (const r of results) for (const d of r.diagnostics) io.stdout(`${formatDiagnosticLine(r.file, d)}\n`);
    }
    for (const r of results) if (r.error) io.stderr(`protocol-studio validate: ${r.file}: ${r.error}\n`);
    const all = results.flatMap((r) => r.diagnostics);
    const unreadable = results.filter((r) => r.error).length;
    const count = results.length - unreadable;
    io.stderr(
      `${count} file${count === 1 ? '' : 's'} checked: ${summarizeDiagnostics(all)}${unreadable ? `; ${unreadable} could not be read` : ''}\n`,
    );
    if (unreadable > 0) return EXIT.usage;
    return hasErrors(all) ? EXIT.problems : EXIT.ok;
  },
};

export default command;
