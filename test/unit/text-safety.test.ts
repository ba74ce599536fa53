// Text that reads differently than it is: invisible and direction-changing characters are refused.
import { describe, expect, it } from 'vitest';
import { spoofingCharacterIn } from '../../lib/http/text-safety';

describe('spoofingCharacterIn', () => {
  it.each([
    ['a right-to-left override', 'invoice\u202Egnp.exe', 'U+202E'],
    ['a first-strong isolate', 'x\u2068y', 'U+2068'],
    ['a left-to-right mark', 'a\u200Eb', 'U+200E'],
    ['a zero-width space', 'Li\u200BNa', 'U+200B'],
    ['a byte order mark', '\uFEFFname', 'U+FEFF'],
    ['a soft hyphen', 'co\u00ADupon', 'U+00AD'],
    ['a NUL', 'a\u0000b', 'U+0000'],
    ['an Arabic letter mark', 'a\u061Cb', 'U+061C'],
  ])('finds %s', (_, text, codePoint) => {
    expect(spoofingCharacterIn({ profile: { name: text } })).toEqual({ path: 'profile.name', codePoint });
  });

  it.each([
    ['Chinese', '李娜'],
    ['line breaks and tabs', 'line one\nline two\tend\r\n'],
    ['an emoji family (zero-width joiners)', '👨‍👩‍👧'],
    ['a subdivision flag (tag characters)', '🏴󠁧󠁢󠁥󠁮󠁧󠁿'],
    ['an emoji with a variation selector', '❤️'],
  ])('accepts %s', (_, text) => {
    expect(spoofingCharacterIn({ items: [{ note: text }] })).toBeUndefined();
  });

  it('looks into arrays and keys', () => {
    expect(spoofingCharacterIn({ items: ['ok', 'bad\u202D'] })).toEqual({
      path: 'items.1',
      codePoint: 'U+202D',
    });
    expect(spoofingCharacterIn({ ['na\u202Eme']: 'x' })).toEqual({ path: 'na\u202Eme', codePoint: 'U+202E' });
  });
});
