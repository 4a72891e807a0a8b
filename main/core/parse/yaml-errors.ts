/** The yaml library's errors and warnings → YAML-* diagnostics with people-worded messages. */
import type { LineCounter, YAMLError } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic';
import { rangeFromOffsets, yamlDiagnostic } from './positions';

const SYNTAX_HELP =
  'The file is not valid YAML at this point, so the protocol could not be read or checked. Check indentation (spaces only), colons after keys, and that quotes and brackets are closed.';

function tagName(message: string): string {
  const tag = message.replace(/^Unresolved tag:\s*/, '').trim();
  return tag.startsWith('tag:yaml.org,2002:') ? `!!${tag.slice('tag:yaml.org,2002:'.length)}` : tag;
}

export function fromYamlError(err: YAMLError, lc: LineCounter): Diagnostic {
  const range = rangeFromOffsets(lc, err.pos[0], err.pos[1]);
  const severity = err.name === 'YAMLWarning' ? 'warning' : 'error';
  switch (err.code) {
    case 'TAB_AS_INDENT':
      return yamlDiagnostic('YAML-TAB', 'Tab used for indentation', 'YAML indents with spaces only; a tab can make a field belong to the wrong section. Replace the tab with spaces.', range);
    case 'TAG_RESOLVE_FAILED':
      // Unknown tags are read as plain text and never executed; flagged because they signal a file meant for another program.
      return yamlDiagnostic(
        'YAML-UNKNOWN-TAG',
        `Unknown tag ${tagName(err.message)}; the value is kept as plain text`,
        'Protocols use plain YAML values only. Tags such as !!js/function or !!python/object ask a reader to run code or build objects; Protocol Studio never does. Remove the tag.',
        range,
      );
    case 'RESOURCE_EXHAUSTION':
      return yamlDiagnostic('YAML-TOO-DEEP', 'The file is nested too deeply to read', 'Protocols nest a few levels deep; this structure is too deep to process safely.', range);
    default:
      return yamlDiagnostic('YAML-SYNTAX', err.message.split('\n')[0] ?? err.message, SYNTAX_HELP, range, [], severity);
  }
}
