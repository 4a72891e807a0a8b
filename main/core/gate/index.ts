/**
 * The one input gate: every command and service that turns protocol text into something lasting or
 * printed (commit, import, binder, rebase, diff, migrate, sync) runs it first. It applies exactly the
 * checks of `validate` that make a text unfit to read — YAML syntax, hostile-input limits (size,
 * depth, aliases, binary, invalid UTF-8), duplicate or prototype keys, custom tags, and the schema —
 * and refuses with those diagnostics. Clinical rules do not gate: a protocol with a dose warning may
 * still be committed or printed. Drafts never pass through here (they may hold broken text).
 */
import type { Diagnostic } from '../diagnostics/diagnostic';
import type { ParsedProtocol } from '../parse';
import { validateBytes, validateText } from '../validate';

export interface GateResult {
  /** True when nothing keeps the text from being read, stored or printed faithfully. */
  ok: boolean;
  /** The errors that refuse it (YAML-* and SCHEMA-*), sorted by position; empty when ok. */
  refusals: Diagnostic[];
  parsed: ParsedProtocol;
}

const GATING = /^(YAML|SCHEMA)-/;

function gate(diagnostics: Diagnostic[], parsed: ParsedProtocol): GateResult {
  const refusals = diagnostics.filter((d) => d.severity === 'error' && GATING.test(d.code));
  // An unreadable text always refuses, even if its only diagnostic were not an error.
  const ok = parsed.readable && refusals.length === 0;
  if (!ok && refusals.length === 0) refusals.push(...parsed.diagnostics.filter((d) => d.severity === 'error'));
  return { ok, refusals, parsed };
}

export function gateText(text: string): GateResult {
  const { diagnostics, parsed } = validateText(text, { rules: false });
  return gate(diagnostics, parsed);
}

export function gateBytes(bytes: Uint8Array): GateResult {
  const { diagnostics, parsed } = validateBytes(bytes, { rules: false });
  return gate(diagnostics, parsed);
}

/** One line for a refusal: the first problem with its location, and how many more there are. */
export function refusalLine(result: GateResult, file = 'protocol'): string {
  const first = result.refusals[0];
  if (!first) return `${file}: cannot be read as a protocol`;
  const more = result.refusals.length - 1;
  const tail = more > 0 ? ` (and ${more} more ${more === 1 ? 'problem' : 'problems'})` : '';
  return `${file}:${first.range.start.line}:${first.range.start.column}: ${first.message}${tail}`;
}
