/**
 * Protocol text given on the command line: a file, or standard input for "-". Nothing past the size
 * limit is read into memory, and `readProtocol` lets only text through that passes the input gate
 * (main/core/gate): what becomes a binder, a diff, a merge or a migration must read as a protocol.
 */
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatDiagnosticLine } from '../core/diagnostics/diagnostic';
import { gateBytes, gateText, type GateResult } from '../core/gate';
import { LIMITS, tooLargeDiagnostic, type ParsedProtocol } from '../core/parse';
import { UsageError, type CliIO } from './io';

export interface LoadedText {
  name: string;
  text: string;
}

export interface LoadedProtocol extends LoadedText {
  /** The parsed protocol the gate let through (its document, plain value and ranges). */
  parsed: ParsedProtocol;
}

/** How many refusals a message lists before "…and N more". */
const LISTED = 10;

function tooLarge(name: string, size: number): UsageError {
  return new UsageError(`refused:\n  ${formatDiagnosticLine(name, tooLargeDiagnostic(size))}`);
}

/** The bytes of a file (or stdin for "-"); a missing, unreadable or oversized file is a usage error naming it and why. */
async function readBytes(path: string, io: CliIO): Promise<{ name: string; bytes: Buffer }> {
  if (path === '-') {
    if (!io.readStdin) throw new UsageError('standard input is not available');
    const bytes = await io.readStdin(LIMITS.maxBytes + 1);
    if (bytes.length > LIMITS.maxBytes) throw tooLarge('(stdin)', bytes.length);
    return { name: '(stdin)', bytes };
  }
  const file = resolve(io.cwd, path);
  let bytes: Buffer;
  try {
    const { size } = statSync(file);
    if (size > LIMITS.maxBytes) throw tooLarge(path, size);
    bytes = readFileSync(file);
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(`cannot read ${path}: ${(err as Error).message}`);
  }
  return { name: path, bytes };
}

/** Reads a file (or stdin for "-") as text, whatever it holds (drafts may hold broken YAML). */
export async function readInput(path: string, io: CliIO): Promise<LoadedText> {
  const { name, bytes } = await readBytes(path, io);
  return { name, text: bytes.toString('utf8') };
}

/** Throws the gate's refusals, each located (NAME:LINE:COL: error CODE message), as one usage error (exit 2). */
function refuse(name: string, result: GateResult): never {
  const lines = result.refusals.slice(0, LISTED).map((d) => `  ${formatDiagnosticLine(name, d)}`);
  if (result.refusals.length > LISTED) lines.push(`  …and ${result.refusals.length - LISTED} more (protocol-studio validate lists them all)`);
  if (lines.length === 0) lines.push(`  ${name}: cannot be read as a protocol`);
  throw new UsageError(`refused ${name}: it does not read as a protocol\n${lines.join('\n')}`);
}

/** Gate for text that is already in memory (a workspace version or draft, a merge result). */
export function gateLoaded(input: LoadedText): LoadedProtocol {
  const result = gateText(input.text);
  if (!result.ok) refuse(input.name, result);
  return { ...input, parsed: result.parsed };
}

/**
 * Reads a file (or stdin) and lets it through only when it reads as a protocol (YAML, limits, schema).
 * `schema: false` (migrate, whose input is written for an older schema) keeps every YAML and limit check
 * and drops only the schema's.
 */
export async function readProtocol(path: string, io: CliIO, { schema = true }: { schema?: boolean } = {}): Promise<LoadedProtocol> {
  const { name, bytes } = await readBytes(path, io);
  // Bytes, not decoded text: invalid UTF-8 and binary content are refused with their location.
  let result = gateBytes(bytes);
  if (!schema) {
    const refusals = result.refusals.filter((d) => !d.code.startsWith('SCHEMA-'));
    result = { ...result, refusals, ok: result.parsed.readable && refusals.length === 0 };
  }
  if (!result.ok) refuse(name, result);
  return { name, text: result.parsed.text, parsed: result.parsed };
}
