/** SHA-256 over UTF-8 text, pure JS (audited @noble/hashes) so the core also runs in a worker or browser. */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

export type HashFn = (text: string) => string;

export const sha256Hex: HashFn = (text) => bytesToHex(sha256(utf8ToBytes(text)));
