/**
 * Characters no text we accept may hold: they are invisible or change the direction text is shown in,
 * so a name or a note could read differently in the console than it is (U+202E turns "gnp.exe" into
 * "exe.png"). Bidirectional controls (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C), the other
 * invisible format characters (Unicode category Cf), and control characters other than tab and line
 * breaks. The zero-width joiner and emoji tag characters stay: emoji are made of them.
 */
const FORMAT_OR_CONTROL = /[\p{Cf}\p{Cc}]/gu;
const ALLOWED = new Set([0x09, 0x0a, 0x0d, 0x200d]);
const isEmojiTag = (codePoint: number) => codePoint >= 0xe0020 && codePoint <= 0xe007f;

function firstSpoofing(text: string): string | undefined {
  for (const [char] of text.matchAll(FORMAT_OR_CONTROL)) {
    const codePoint = char.codePointAt(0)!;
    if (!ALLOWED.has(codePoint) && !isEmojiTag(codePoint)) return char;
  }
  return undefined;
}

export interface SpoofingCharacter {
  /** Where it is: `name`, `items.2.sku`; a key that holds one is named by its parent and the key. */
  path: string;
  codePoint: string;
}

const codePointOf = (char: string) => `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** The first such character in a parsed JSON value (strings and keys alike), or undefined. */
export function spoofingCharacterIn(value: unknown, path: string[] = []): SpoofingCharacter | undefined {
  if (typeof value === 'string') {
    const found = firstSpoofing(value);
    return found ? { path: path.join('.'), codePoint: codePointOf(found) } : undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, child] of Object.entries(value)) {
    const inKey = firstSpoofing(key);
    if (inKey) return { path: [...path, key].join('.'), codePoint: codePointOf(inKey) };
    const inChild = spoofingCharacterIn(child, [...path, key]);
    if (inChild) return inChild;
  }
  return undefined;
}
