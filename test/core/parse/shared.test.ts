import { describe, expect, it } from 'vitest';
import { parseProtocol, parseProtocolShared } from '../../../main/core/parse';

const text = (n: number) => `schemaVersion: 1\nmetadata:\n  title: Protocol ${n}\n`;

describe('parseProtocolShared', () => {
  it('parses a text once while it is recent, and gives what parseProtocol gives', () => {
    const first = parseProtocolShared(text(1));
    expect(parseProtocolShared(text(1))).toBe(first);
    expect(first.value).toEqual(parseProtocol(text(1)).value);
    expect(first.diagnostics).toEqual(parseProtocol(text(1)).diagnostics);
  });

  it('parses a different text afresh', () => {
    expect(parseProtocolShared(text(2)).value).toEqual({ schemaVersion: 1, metadata: { title: 'Protocol 2' } });
    expect(parseProtocolShared(text(3))).not.toBe(parseProtocolShared(text(2)));
  });

  it('keeps only the last few texts, most recently used last', () => {
    const kept = parseProtocolShared(text(10));
    for (let n = 11; n < 20; n++) {
      parseProtocolShared(text(n));
      // Used again each time, so it stays while older texts leave.
      expect(parseProtocolShared(text(10))).toBe(kept);
    }
    const old = parseProtocolShared(text(11));
    for (let n = 20; n < 30; n++) parseProtocolShared(text(n));
    expect(parseProtocolShared(text(11))).not.toBe(old);
  });
});
