// The pure rules of finding members by name: how names and queries are folded, which prefixes a name is
// indexed under, and which members a query answers.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_INDEXED_PREFIX,
  lookupPrefix,
  nameIndexWrites,
  nameMatches,
  namePrefixes,
  nameSearchKey,
  nameTerms,
  nameWords,
} from '../../lib/customers/name-index';

describe('nameWords', () => {
  it('folds width, case and Latin accents, and splits on anything but letters and digits', () => {
    expect(nameWords('ＬＩ  Wei')).toEqual(['li', 'wei']);
    expect(nameWords('José Álvarez-Núñez')).toEqual(['jose', 'alvarez', 'nunez']);
    expect(nameWords("O'Brien")).toEqual(['o', 'brien']);
    expect(nameWords('阿依古丽·买买提')).toEqual(['阿依古丽', '买买提']);
  });

  it('keeps a Chinese name whole, as one word', () => {
    expect(nameWords('王小明')).toEqual(['王小明']);
    expect(nameWords(' 欧阳 娜娜 ')).toEqual(['欧阳', '娜娜']);
  });
});

describe('nameTerms and namePrefixes', () => {
  it('index a Chinese name under each of its prefixes: 王, 王小, 王小明', () => {
    expect(nameTerms('王小明')).toEqual(['王小明']);
    expect(namePrefixes('王小明')).toEqual(['王', '王小', '王小明']);
  });

  it('index a spaced name under the whole name run together and under each later word', () => {
    expect(nameTerms('Li Wei')).toEqual(['liwei', 'wei']);
    expect(namePrefixes('Li Wei')).toEqual(['l', 'li', 'liw', 'liwe', 'liwei', 'w', 'we', 'wei']);
  });

  it('stop at ten characters a term and four words, so a profile write stays a small transaction', () => {
    expect(namePrefixes('Maximilianus Bartholomew')).toHaveLength(MAX_INDEXED_PREFIX * 2);
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (name) => {
        expect(namePrefixes(name).length).toBeLessThanOrEqual(4 * MAX_INDEXED_PREFIX);
      }),
    );
  });

  it('index nothing for no name or a name of punctuation only', () => {
    expect(namePrefixes(undefined)).toEqual([]);
    expect(namePrefixes('·-·')).toEqual([]);
  });
});

describe('nameMatches', () => {
  it.each([
    ['王小明', '王', true],
    ['王小明', '王小明', true],
    ['王小明', '小明', false],
    ['Li Wei', 'li wei', true],
    ['Li Wei', 'LIWEI', true],
    ['Li Wei', 'wei', true],
    ['Li Wei', 'ei', false],
    ['José Álvarez', 'jose alv', true],
    ['Maximilianus Bartholomew', 'maximilianusbar', true],
    ['Maximilianus Bartholomew', 'maximilianusbaz', false],
    [undefined, 'li', false],
    ['Li Wei', '--', false],
  ] as const)('%s answers %s: %s', (name, query, expected) => {
    expect(nameMatches(name, query)).toBe(expected);
  });

  it('every prefix of every term of a name finds it, through the prefix the index holds', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('王', '李', '小', '明', 'a', 'B', 'é', ' ', '·', '9'), { maxLength: 16 }),
        fc.nat(),
        (chars, cut) => {
          const name = chars.join('');
          const terms = nameTerms(name);
          if (!terms.length) return;
          const term = [...terms[cut % terms.length]!];
          const query = term.slice(0, 1 + (cut % term.length)).join('');
          expect(nameMatches(name, query)).toBe(true);
          expect(namePrefixes(name)).toContain(lookupPrefix(query));
        },
      ),
    );
  });
});

describe('lookupPrefix', () => {
  it('looks a long query up by its first ten characters', () => {
    expect(lookupPrefix('Maximilianus B')).toBe('maximilian');
    expect(nameSearchKey('Maximilianus B')).toBe('maximilianusb');
  });
});

describe('nameIndexWrites', () => {
  it('writes only the prefixes that change, and deletes them all on erasure', () => {
    const writes = nameIndexWrites('main', 'c1', '王小明', '王小红');
    expect(writes.filter((write) => 'Delete' in write)).toHaveLength(1);
    expect(writes.filter((write) => 'Put' in write)).toHaveLength(1);
    const erased = nameIndexWrites('main', 'c1', '王小明', undefined);
    expect(erased.map((write) => Object.keys(write)[0])).toEqual(['Delete', 'Delete', 'Delete']);
  });

  it('keeps names out of keys: each key holds a digest of the prefix', () => {
    const writes = nameIndexWrites('main', 'c1', undefined, '王小明');
    const text = JSON.stringify(writes);
    expect(text).not.toMatch(/王/);
    expect(writes[0]).toMatchObject({
      Put: {
        Item: {
          customerId: 'c1',
          gsi1sk: 'CUSTOMER#c1',
          gsi1pk: expect.stringMatching(/^NAMEPREFIX#[0-9a-f]{64}$/),
        },
      },
    });
  });
});
