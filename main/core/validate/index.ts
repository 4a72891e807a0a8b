/** `validateText()`: parse → schema → rules, one sorted list of diagnostics. */
import { compareDiagnostics, type Diagnostic } from '../diagnostics/diagnostic';
import { LIMITS, parseProtocol, parseProtocolBytes, type ParsedProtocol } from '../parse';
import { runRules, type ReferenceValues, type RunRulesOptions } from '../rules';
import { protocolValidator } from './compiled';
import { toSchemaDiagnostic } from './messages';
import { collapseUnions } from './unions';

export interface ValidateOptions {
  /** A site's reference-value overrides (merged over the bundled defaults by the rules). */
  reference?: ReferenceValues;
  /** Which rules run; `false` skips the rules (schema only). */
  rules?: RunRulesOptions | false;
}

export interface ValidationResult {
  diagnostics: Diagnostic[];
  parsed: ParsedProtocol;
}

function isMapping(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** The schema errors of a readable mapping, worded for people and located at the narrowest node. */
function schemaDiagnostics(parsed: ParsedProtocol): Diagnostic[] {
  const validate = protocolValidator();
  if (validate(parsed.value)) return [];
  const errors = collapseUnions(validate.errors ?? []);
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const [i, e] of errors.entries()) {
    if (out.length >= LIMITS.maxReported) {
      out.push({
        severity: 'error',
        code: 'SCHEMA-OTHER',
        // Counted from this error on: duplicates skipped above are not "more problems".
        message: `…and ${errors.length - i} more schema problems not listed`,
        help: 'Only the first problems are listed; fix these and validate again.',
        path: [],
        range: parsed.rangeOf([]),
      });
      break;
    }
    const d = toSchemaDiagnostic(e, parsed);
    const key = `${d.code}\u0000${d.path.join('\u0000')}\u0000${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return out;
}

export function validateParsed(parsed: ParsedProtocol, opts: ValidateOptions = {}): ValidationResult {
  const diagnostics = [...parsed.diagnostics];
  if (parsed.readable && isMapping(parsed.value)) {
    diagnostics.push(...schemaDiagnostics(parsed));
    if (opts.rules !== false) {
      const ctx = { doc: parsed.value, rangeOf: parsed.rangeOf, reference: opts.reference };
      diagnostics.push(...runRules(ctx, opts.rules ?? {}));
    }
  }
  return { diagnostics: diagnostics.sort(compareDiagnostics), parsed };
}

export function validateText(text: string, opts: ValidateOptions = {}): ValidationResult {
  return validateParsed(parseProtocol(text), opts);
}

/** For files: invalid UTF-8 and binary content are reported with their location instead of being decoded badly. */
export function validateBytes(bytes: Uint8Array, opts: ValidateOptions = {}): ValidationResult {
  return validateParsed(parseProtocolBytes(bytes), opts);
}
