// The analytics CSV files as Excel opens them: a BOM, quoted fields, yuan with two decimals, named by period.
import { describe, expect, it } from 'vitest';
import { BOM, csvFile, csvFileName, yuan } from './csv';

describe('the analytics CSV', () => {
  it('writes yuan with two decimals in integers, negatives included', () => {
    expect([yuan(12_800), yuan(5), yuan(123_456_789), yuan(-250), yuan(0)]).toEqual([
      '128.00',
      '0.05',
      '1234567.89',
      '-2.50',
      '0.00',
    ]);
  });

  it('opens with a BOM, ends rows with CRLF and quotes what needs quoting', () => {
    expect(
      csvFile(
        ['a', 'b'],
        [
          ['星巴克, B1', 'say "hi"'],
          [1, 'line\nbreak'],
        ],
      ),
    ).toBe(`${BOM}a,b\r\n"星巴克, B1","say ""hi"""\r\n1,"line\nbreak"\r\n`);
  });

  it('names the file by its report and period', () => {
    expect(csvFileName('daily-sales', '2026-11-01', '2026-11-30')).toBe(
      'daily-sales_2026-11-01_2026-11-30.csv',
    );
    expect(csvFileName('points-liability', '2026-12-06')).toBe('points-liability_2026-12-06.csv');
  });
});
