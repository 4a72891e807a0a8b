/**
 * Variants of the scratch group-with-ceremony protocol for the consent-choice tests: its ceremony element
 * carries distinctive ceremonial words, with no governance of its own, or under restricted governance.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** Ceremonial words that may only print where the disclosure policy shows the element. */
export const CEREMONY_WORDS = 'Sweetgrass smudge at sunrise CEREMONY-5e1f0a';
export const ELEMENT_PLACEHOLDER = 'An opening the Elder leads; ask the programme lead about it';

export function ceremonyVariant(kind: 'no-governance' | 'restricted' | 'open'): any {
  const doc = parse(readFileSync(join(import.meta.dirname, '../../fixtures/scratch/group-ceremony.protocol.yaml'), 'utf8'));
  const element = doc.consent.ceremony.elements[0];
  element.text = CEREMONY_WORDS;
  const keepers = doc.cultural.blocks[0].governance.keepers;
  if (kind === 'restricted') {
    element.placeholder = ELEMENT_PLACEHOLDER;
    element.governance = { sharing: 'community_only', keepers, labels: [{ label: 'tk_community_use_only' }] };
  }
  if (kind === 'open') element.governance = { sharing: 'open', keepers };
  return doc;
}
