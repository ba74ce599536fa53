// Reading a brand's CSV file in the browser: the codes of its first column with the row numbers staff see.
import { describe, expect, it } from 'vitest';
import { pictureProblem, readVoucherCsv } from './rewards';

describe('readVoucherCsv', () => {
  it('takes the first column of every row, keeps blank rows, and skips a header', () => {
    expect(readVoucherCsv('code,value\r\nA-0001,30\r\n\r\n"B,0002",30\r\n')).toEqual({
      codes: ['A-0001', '', 'B,0002'],
      firstRow: 2,
    });
  });

  it('starts at row 1 without a header, and reads quoted quotes and a byte-order mark', () => {
    expect(readVoucherCsv('\uFEFFA-0001\n"say ""hi"""\nC-3')).toEqual({
      codes: ['A-0001', 'say "hi"', 'C-3'],
      firstRow: 1,
    });
  });

  it('recognises a Chinese header', () => {
    expect(readVoucherCsv('券码\nA-0001\n')).toEqual({ codes: ['A-0001'], firstRow: 2 });
  });

  it('reads an empty file as no rows', () => {
    expect(readVoucherCsv('')).toEqual({ codes: [], firstRow: 1 });
  });
});

describe('pictureProblem', () => {
  const file = (type: string, size: number) => new File([new Uint8Array(size)], 'picture', { type });

  it('accepts JPEG, PNG and WebP up to 2 MB, and names what is wrong otherwise', () => {
    expect(pictureProblem(file('image/png', 1024))).toBeUndefined();
    expect(pictureProblem(file('image/webp', 2 * 1024 * 1024))).toBeUndefined();
    expect(pictureProblem(file('image/gif', 10))).toBe('pictureWrongType');
    expect(pictureProblem(file('image/jpeg', 2 * 1024 * 1024 + 1))).toBe('pictureTooBig');
  });
});
