// The analytics CSV files as Excel opens them: a BOM, quoted fields, yuan with two decimals, named by period.
import { describe, expect, it } from 'vitest';
import { i18n } from '@/lib/i18n';
import { BOM, csvFile, csvFileName, yuan } from './csv';
import { dailySalesCsv, dailySalesRows } from './rows';

const figures = (revenue: number) => ({
  purchases: 1,
  revenue,
  pointsIssued: 128,
  pointsIssuedBreakdown: { purchases: 100, campaignBonuses: 28 },
  pointsReversed: 0,
});

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

  it("lists each store's day, newest first, with its name, and bonuses no store triggered on a line of their own", async () => {
    const rows = dailySalesRows([
      {
        day: '2026-12-01',
        stores: [{ day: '2026-12-01', storeId: 'b1-017', storeName: '星巴克', ...figures(12_800) }],
        campaignBonusesWithoutStore: 0,
        totals: figures(12_800),
      },
      {
        day: '2026-12-02',
        stores: [{ day: '2026-12-02', storeId: 'gone', ...figures(100) }],
        campaignBonusesWithoutStore: 50,
        totals: figures(100),
      },
    ]);
    const t = i18n.getFixedT('zh-CN');
    await i18n.changeLanguage('zh-CN');
    expect(dailySalesCsv(rows, t).split('\r\n')).toEqual([
      `${BOM}营业日（上海）,门店编号,门店名称,消费笔数,销售额（¥ 元）,发放积分,其中消费积分,其中活动奖励,冲回积分`,
      '2026-12-02,gone,,1,1.00,128,100,28,0',
      '2026-12-02,,无门店（活动奖励）,0,0.00,50,0,50,0',
      '2026-12-01,b1-017,星巴克,1,128.00,128,100,28,0',
      '',
    ]);
  });
});
