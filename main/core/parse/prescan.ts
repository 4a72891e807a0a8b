/** Cheap checks on the raw text that must run before the YAML parser sees it (size, control bytes, `- - -` runs). */
import type { LineCounter } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic';
import { LIMITS } from './limits';
import { FILE_START, rangeFromOffsets, yamlDiagnostic } from './positions';

const SIZE_HELP =
  'Protocol Studio reads files up to a fixed size so that a damaged or hostile file cannot freeze the editor. Real protocols are far smaller; check that this is the right file.';

export function tooLarge(size: number): Diagnostic {
  const limit = `${LIMITS.maxBytes / (1024 * 1024)} MB`;
  return yamlDiagnostic('YAML-TOO-LARGE', `The file is larger than ${limit} (${size.toLocaleString('en')} bytes)`, SIZE_HELP, FILE_START);
}

/**
 * File-level limits; a hit stops reading at once. Fills `lc` with the line starts on the way (one pass over
 * the text serves both), so later checks and the parser's offsets map to lines.
 */
export function checkSizeAndCountLines(text: string, lc: LineCounter): Diagnostic | undefined {
  if (text.length > LIMITS.maxBytes) return tooLarge(text.length);
  lc.addNewLine(0);
  let lines = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    lc.addNewLine(i + 1);
    if (++lines > LIMITS.maxLines) {
      const at = { line: LIMITS.maxLines + 1, column: 1 };
      return yamlDiagnostic(
        'YAML-TOO-LARGE',
        `The file has more than ${LIMITS.maxLines.toLocaleString('en')} lines`,
        SIZE_HELP,
        { start: at, end: at },
      );
    }
  }
  return undefined;
}

// C0 controls other than tab, LF and CR, and DEL: not allowed in YAML, and invisible in most editors.
const CONTROL = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F]/g;
const COMPACT_RUN = new RegExp(`^[ \\t]*(?:[-?:][ \\t]+){${LIMITS.maxCompactRun + 1}}`, 'm');

function charName(ch: string): string {
  return `U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Control characters (NUL reported as such) and runs of lists opened on one line; each located. */
export function checkCharacters(text: string, lc: LineCounter): Diagnostic[] {
  const out: Diagnostic[] = [];
  CONTROL.lastIndex = 0;
  let extra = 0;
  for (let m = CONTROL.exec(text); m; m = CONTROL.exec(text)) {
    if (out.length >= LIMITS.maxReported) {
      extra++;
      continue;
    }
    const range = rangeFromOffsets(lc, m.index, m.index + 1);
    out.push(
      m[0] === '\0'
        ? yamlDiagnostic('YAML-NUL', 'NUL byte (U+0000) in the text', 'NUL bytes are not allowed in YAML and usually mean the file is damaged or not text. Delete the character.', range)
        : yamlDiagnostic('YAML-CONTROL-CHAR', `Invisible control character ${charName(m[0])} in the text`, 'YAML does not allow control characters; they are invisible in most editors and often come from copy-paste. Delete the character.', range),
    );
  }
  if (extra > 0) {
    out.push(yamlDiagnostic('YAML-CONTROL-CHAR', `…and ${extra} more control characters`, 'Only the first ones are listed.', out[out.length - 1]!.range));
  }
  const run = COMPACT_RUN.exec(text);
  if (run) {
    out.push(
      yamlDiagnostic(
        'YAML-TOO-DEEP',
        `More than ${LIMITS.maxCompactRun} lists are opened on one line`,
        'Deeply nested lists on one line make YAML readers slow enough to freeze the editor; protocols never need them.',
        rangeFromOffsets(lc, run.index, run.index + run[0].length),
      ),
    );
  }
  return out;
}
