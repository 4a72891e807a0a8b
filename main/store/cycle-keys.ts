/**
 * How the workspace names a protocol's QI cycle. The cycle itself lives in the protocol text under its
 * `qi.cycles` id, which is unique only within that protocol; the `qi_cycles` index row that versions
 * point at is keyed `PROTOCOL:CYCLE` (protocol ids and cycle ids hold no colon). Rows from before the
 * text became the source of truth keep their old id, which is also the id written into the text for them.
 */
export const cycleRowKey = (protocolId: string, cycleId: string): string => `${protocolId}:${cycleId}`;

/** The `qi.cycles` id an index row key stands for. */
export function textCycleId(key: string): string {
  const colon = key.indexOf(':');
  return colon < 0 ? key : key.slice(colon + 1);
}
