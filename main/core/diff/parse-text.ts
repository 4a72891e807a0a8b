/** YAML text → Document and plain value through the shared reader (hostile-input guards), or an error with its location. */
import type { Document } from 'yaml';
import { parseProtocol } from '../parse';

export class ProtocolTextError extends Error {
  constructor(
    message: string,
    readonly source: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(line !== undefined ? `${source}:${line}:${column ?? 1}: ${message}` : `${source}: ${message}`);
    this.name = 'ProtocolTextError';
  }
}

export interface ReadProtocol {
  /** The YAML Document: comments and key order kept, for edits. */
  document: Document;
  value: unknown;
}

export function readProtocolText(text: string, source = 'document'): ReadProtocol {
  if (typeof text !== 'string') throw new ProtocolTextError('expected YAML text', source);
  const parsed = parseProtocol(text);
  if (!parsed.readable || !parsed.document) {
    const d = parsed.diagnostics.find((x) => x.severity === 'error') ?? parsed.diagnostics[0];
    throw new ProtocolTextError(d ? `${d.code} ${d.message}` : 'the text could not be read', source, d?.range.start.line, d?.range.start.column);
  }
  return { document: parsed.document, value: parsed.value };
}

export function parseProtocolText(text: string, source = 'document'): unknown {
  return readProtocolText(text, source).value;
}

/** Plain value of a document built from checked inputs (a merge result), refusing alias bombs all the same. */
export function documentValue(doc: Document, source = 'document'): unknown {
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    throw new ProtocolTextError(e instanceof Error ? e.message : String(e), source);
  }
}
