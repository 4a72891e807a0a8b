/** Generators for hostile YAML shared by the core and CLI tests. */

/** "Billion laughs": each level aliases the previous one nine times (9^levels values once expanded). */
export function billionLaughs(levels = 9): string {
  const lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
  for (let i = 1; i < levels; i++) {
    const prev = String.fromCharCode(96 + i);
    const name = String.fromCharCode(97 + i);
    lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(', ')}]`);
  }
  return `${lines.join('\n')}\n`;
}
