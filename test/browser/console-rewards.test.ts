// The rewards section in Chromium against a local cloud of this file's own: staff build the catalogue
// (a physical reward with its picture, a brand voucher with codes from a CSV file), a member redeems
// through the API, and the service desk hands the item over once. axe and screenshots on every screen.
import { randomUUID } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { businessDayOf } from '../../web/shared/src/format';
import { join } from 'node:path';
import { capture, expectAccessible, languageOf, SCREENSHOTS } from '../support/browser';
import {
  addStaff,
  adminToken,
  consoleHarness,
  heading,
  openConsole,
  signInToConsole,
} from '../support/console';
import { json } from '../support/local-cloud';

const harness = consoleHarness();

/** A real PNG of the given colour, so the preview and the member's picture are something to look at. */
function png(width: number, height: number, [r, g, b]: [number, number, number]): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([length, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3).map((_, i) => [r, g, b][i % 3]!)]);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const api = async (
  path: string,
  token: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
) =>
  json(`${harness.cloud.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${token}`, ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });

/** A member signed in through WeChat with points given by an admin adjustment, as the support desk would. */
async function memberWithPoints(points: number) {
  const login = await json(`${harness.cloud.url}/v1/auth/wechat/login`, {
    method: 'POST',
    body: JSON.stringify({ code: `rewards-${randomUUID().slice(0, 8)}` }),
  });
  expect(login.status).toBe(200);
  const { accessToken, customer } = login.body as { accessToken: string; customer: { id: string } };
  const admin = await adminToken(harness.cloud);
  await expect
    .poll(async () => (await api('/v1/loyalty/me', accessToken)).status, { timeout: 5000 })
    .toBe(200);
  const adjusted = await api('/v1/admin/loyalty/adjustments', admin, {
    method: 'POST',
    headers: { 'idempotency-key': randomUUID() },
    body: { customerId: customer.id, points, reasonCode: 'goodwill', note: 'Browser test points' },
  });
  expect(adjusted.status).toBe(201);
  return { token: accessToken, customerId: customer.id };
}

const redeem = async (token: string, rewardId: string) => {
  const redeemed = await api(`/v1/rewards/${rewardId}/redemptions`, token, {
    method: 'POST',
    headers: { 'idempotency-key': randomUUID() },
    body: { quantity: 1 },
  });
  expect(redeemed.status).toBe(201);
  return redeemed.body as { redemptionId: string; pickup: { code: string } };
};

/**
 * `capture` for a screen with a dialog open: the dialog covers the language switch, so the switch is
 * pressed from the page's own script, as a keyboard user behind the dialog could not but the screen
 * reads the same. The page is left in the language it was in.
 */
async function captureDialog(screen: string) {
  const page = harness.page;
  const first = await languageOf(page);
  const other = first === 'zh-CN' ? 'en-US' : 'zh-CN';
  const press = (language: string) =>
    page.evaluate((lang) => {
      const button = (
        globalThis as unknown as { document: { querySelector(s: string): { click(): void } | null } }
      ).document.querySelector(`button[lang="${lang}"]`);
      button?.click();
    }, language);
  for (const language of [first, other]) {
    if (language !== (await languageOf(page))) await press(language);
    await expect.poll(() => languageOf(page)).toBe(language);
    await page.waitForTimeout(600);
    await page.screenshot({ path: join(SCREENSHOTS, `${screen}.${language}.png`) });
  }
  await press(first);
  await expect.poll(() => languageOf(page)).toBe(first);
}

/** Picks an option of an Ant Design select by its label, as a person clicks it in the open list. */
async function choose(label: RegExp, option: string) {
  const page = harness.page;
  await page.getByLabel(label).click();
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
    .filter({ hasText: option })
    .first()
    .click();
}

const TOTE = `SBM 帆布袋 ${randomUUID().slice(0, 4)}`;
const COFFEE = `Manner 咖啡 30 元券 ${randomUUID().slice(0, 4)}`;
let toteId = '';

describe('the rewards section', () => {
  it('starts from an empty catalogue that says what to do', async () => {
    const page = harness.page;
    await signInToConsole(page, harness.cloud);
    await openConsole(page, harness.cloud, '/rewards');
    await heading(page, '礼品目录').waitFor();
    await page.getByText('还没有礼品').waitFor();
    await expectAccessible(page, 'rewards-empty');
    await capture(page, 'rewards-empty');
  });

  it('creates a physical reward with a picture, previewed before saving', async () => {
    const page = harness.page;
    await page.getByRole('button', { name: '新增礼品' }).click();
    await heading(page, '新增礼品').waitFor();
    await page.getByLabel('名称').fill(TOTE);
    await page.getByLabel('说明（会员可见）').fill('帆布材质，商场主题配色。请凭领取码到一楼服务台领取。');
    await choose(/^类型$/, '实物礼品');
    await choose(/^分类$/, '精选好礼');
    await page.locator('input[type=file]').setInputFiles({
      name: 'tote.png',
      mimeType: 'image/png',
      buffer: png(240, 240, [20, 86, 201]),
    });
    await page.getByText('图片已上传').waitFor();
    await page.getByRole('img', { name: '礼品图片预览' }).waitFor();
    // A picture of another type is refused before anything is sent.
    await page.locator('input[type=file]').setInputFiles({
      name: 'tote.gif',
      mimeType: 'image/gif',
      buffer: Buffer.from('GIF89a'),
    });
    await page.getByRole('alert').filter({ hasText: '只支持 JPEG、PNG 或 WebP 图片。' }).waitFor();
    await page.getByLabel('所需积分').fill('100');
    await page.getByLabel('库存').fill('5');
    await expectAccessible(page, 'rewards-form');
    await capture(page, 'rewards-form');
    await page.getByRole('button', { name: '创建礼品' }).click();
    await heading(page, '礼品目录').waitFor();
    const row = page.getByRole('row').filter({ hasText: TOTE });
    await row.getByText('实物礼品').waitFor();
    await expect
      .poll(() => row.getByRole('img', { name: TOTE }).getAttribute('src'))
      .toContain('/media/reward-images/');
  });

  it('creates a brand voucher, whose stock comes from its codes', async () => {
    const page = harness.page;
    await page.getByRole('button', { name: '新增礼品' }).click();
    await page.getByLabel('名称').fill(COFFEE);
    await choose(/^类型$/, '商家券码');
    await choose(/^分类$/, '餐饮');
    await page.getByText('商家券码的库存等于导入的券码数量，创建后再导入。').waitFor();
    await page.getByLabel('所需积分').fill('300');
    await page.getByRole('button', { name: '创建礼品' }).click();
    await heading(page, '礼品目录').waitFor();
    await page.getByRole('row').filter({ hasText: COFFEE }).getByText('商家券码').waitFor();
    await expectAccessible(page, 'rewards-catalogue');
    await capture(page, 'rewards-catalogue');
  });

  it('imports codes from a CSV file and shows each refused row with its reason', async () => {
    const page = harness.page;
    const row = page.getByRole('row').filter({ hasText: COFFEE });
    await row.getByRole('button', { name: '导入券码' }).click();
    const dialog = page.getByRole('dialog');
    const good = [`MNR-${randomUUID().slice(0, 8)}`, `MNR-${randomUUID().slice(0, 8)}`];
    await dialog.locator('input[type=file]').setInputFiles({
      name: 'codes.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`code\n${good[0]}\n${good[1]}\n\nBAD CODE!\n${good[0]}\n`),
    });
    await dialog.getByText('已读取 codes.csv：5 行').waitFor();
    await dialog.getByRole('button', { name: '导入' }).click();
    await dialog.getByText('已导入 2 个券码，3 行未导入。').waitFor();
    const errors = dialog.getByRole('table');
    await errors
      .getByRole('row')
      .filter({ hasText: '空行' })
      .getByRole('cell', { name: '4', exact: true })
      .waitFor();
    await errors
      .getByRole('row')
      .filter({ hasText: '含有不允许的字符' })
      .getByRole('cell', { name: '5', exact: true })
      .waitFor();
    await errors.getByRole('row').filter({ hasText: '文件内重复' }).getByText(good[0]!).waitFor();
    await expectAccessible(page, 'rewards-import');
    await captureDialog('rewards-import');
    await dialog.getByRole('button', { name: '关闭' }).last().click();
    await row.getByRole('cell', { name: '2', exact: true }).first().waitFor();
  });

  it('restocks the physical reward by a change, not a new total', async () => {
    const page = harness.page;
    const row = page.getByRole('row').filter({ hasText: TOTE });
    await row.getByRole('button', { name: '补货' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('库存变化').fill('10');
    await dialog.getByText('调整后库存：15').waitFor();
    await expectAccessible(page, 'rewards-restock');
    await captureDialog('rewards-restock');
    await dialog.getByRole('button', { name: '确认调整' }).click();
    await page.getByText(`“${TOTE}”库存已调整为 15`).waitFor();
    await row.getByRole('cell', { name: '15', exact: true }).waitFor();
    await row.getByRole('button', { name: '编辑' }).click();
    await heading(page, `编辑礼品：${TOTE}`).waitFor();
    // /console/rewards/<id>/edit
    toteId = new URL(page.url()).pathname.split('/')[3]!;
    await expectAccessible(page, 'rewards-edit');
    await capture(page, 'rewards-edit');
    await page.getByRole('button', { name: '返回礼品目录' }).click();
  });

  it('lets the desk collect a pickup once: a second collection is refused', async () => {
    const page = harness.page;
    const member = await memberWithPoints(500);
    const first = await redeem(member.token, toteId);
    const shown = await api('/v1/rewards/me/vouchers', member.token);
    expect((shown.body as { items: { code: string; kind?: string }[] }).items).toContainEqual(
      expect.objectContaining({ code: first.pickup.code, kind: 'pickup', status: 'issued' }),
    );
    const listed = await api('/v1/rewards', member.token);
    expect(
      (listed.body as { items: { id: string; imageUrl?: string }[] }).items.find((r) => r.id === toteId)
        ?.imageUrl,
    ).toMatch(/\/media\/reward-images\/.+\.png$/);

    await page.getByRole('tab', { name: '服务台领取' }).click();
    await heading(page, '服务台领取').waitFor();
    // Typed as a person might: lower case, with a hyphen.
    const typed = `${first.pickup.code.slice(0, 6).toLowerCase()}-${first.pickup.code.slice(6)}`;
    await page.getByLabel('领取码').fill(typed);
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByRole('heading', { name: TOTE, level: 2 }).waitFor();
    await page.getByText('待领取').waitFor();
    await page.getByText(member.customerId).waitFor();
    await expectAccessible(page, 'rewards-pickup');
    await capture(page, 'rewards-pickup');
    await page.getByRole('button', { name: '确认已发放' }).click();
    await page.getByRole('heading', { name: `已确认发放：${TOTE} × 1` }).waitFor();
    await expectAccessible(page, 'rewards-pickup-done');
    await capture(page, 'rewards-pickup-done');

    // Looked up again, it shows collected and offers no handover.
    await page.getByRole('button', { name: '领取下一个' }).click();
    await page.getByLabel('领取码').fill(first.pickup.code);
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByText('该领取码当前不可领取。').waitFor();
    expect(await page.getByRole('button', { name: '确认已发放' }).count()).toBe(0);

    // Two desks at once: another desk collects while this one has the code on screen.
    const second = await redeem(member.token, toteId);
    await page.getByLabel('领取码').fill(second.pickup.code);
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByText('待领取').waitFor();
    const otherDesk = await addStaff(harness.cloud, ['support'], [], '王芳');
    const otherToken = (
      await json(`${harness.cloud.url}/v1/admin/auth/login`, {
        method: 'POST',
        body: JSON.stringify({ email: otherDesk.email, password: otherDesk.password }),
      })
    ).body.accessToken as string;
    const elsewhere = await api(`/v1/admin/pickups/${second.pickup.code}/collect`, otherToken, {
      method: 'POST',
    });
    expect(elsewhere.status).toBe(200);
    await page.getByRole('button', { name: '确认已发放' }).click();
    await page.getByText('该礼品已被领取，请勿重复发放。').waitFor();
    await expectAccessible(page, 'rewards-pickup-refused');
    await capture(page, 'rewards-pickup-refused');
    const again = await api(`/v1/admin/pickups/${second.pickup.code}/collect`, otherToken, {
      method: 'POST',
    });
    expect(again).toMatchObject({ status: 409, body: { code: 'PICKUP_ALREADY_COLLECTED' } });
  });

  it('lists redemptions by reward, state, date and member', async () => {
    const page = harness.page;
    const member = await memberWithPoints(400);
    await redeem(member.token, toteId);
    await page.getByRole('tab', { name: '兑换记录' }).click();
    await heading(page, '兑换记录').waitFor();
    await expect.poll(() => page.getByRole('row').filter({ hasText: TOTE }).count()).toBe(3);

    await choose(/^状态$/, '已领取');
    await page.getByRole('button', { name: '查询' }).click();
    await expect.poll(() => page.getByRole('row').filter({ hasText: TOTE }).count()).toBe(2);
    expect(new URL(page.url()).searchParams.get('status')).toBe('collected');

    await page.getByRole('button', { name: '重置' }).click();
    await page.getByLabel('会员 ID').fill(member.customerId);
    await page.getByRole('button', { name: '查询' }).click();
    await expect.poll(() => page.getByRole('row').filter({ hasText: member.customerId }).count()).toBe(1);
    const mine = page.getByRole('row').filter({ hasText: member.customerId });
    await mine.getByText('已兑换').waitFor();

    // Support cancels it with a reason; the points go back and the row says so.
    await mine.getByRole('button', { name: '取消兑换' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: '确认取消' }).click();
    await dialog.getByText('请填写取消原因').waitFor();
    await dialog.getByLabel('原因').fill('会员选错了礼品');
    await expectAccessible(page, 'rewards-cancel');
    await captureDialog('rewards-cancel');
    await dialog.getByRole('button', { name: '确认取消' }).click();
    await page.getByText('已取消兑换，100 积分已退还会员').waitFor();
    await mine.getByText('已取消').waitFor();
    expect(((await api('/v1/loyalty/me', member.token)).body as { balance: number }).balance).toBe(400);

    await page.getByRole('button', { name: '重置' }).click();
    await choose(/^礼品$/, TOTE);
    await page.getByRole('button', { name: '查询' }).click();
    await expect.poll(() => page.getByRole('row').filter({ hasText: TOTE }).count()).toBe(3);
    await expectAccessible(page, 'rewards-redemptions');
    await capture(page, 'rewards-redemptions');

    // A period that has not come yet holds none.
    const tomorrow = businessDayOf(new Date(Date.now() + 86_400_000));
    await openConsole(page, harness.cloud, `/rewards/redemptions?rewardId=${toteId}&from=${tomorrow}`);
    await page.getByText('没有符合筛选条件的兑换记录').waitFor();
    await expectAccessible(page, 'rewards-redemptions-empty');
    await capture(page, 'rewards-redemptions-empty');
  });

  it('retires a reward after a confirmation', async () => {
    const page = harness.page;
    await openConsole(page, harness.cloud, '/rewards');
    const row = page.getByRole('row').filter({ hasText: COFFEE });
    await row.getByRole('button', { name: '下架' }).click();
    // The confirmation's visible title (Ant Design keeps a hidden copy for the dialog's name).
    await page.getByRole('dialog').getByText(`下架“${COFFEE}”？`).last().waitFor();
    await expectAccessible(page, 'rewards-retire');
    await captureDialog('rewards-retire');
    await page.getByRole('button', { name: '确认下架' }).click();
    await row.getByText('已下架').waitFor();
    expect(await row.getByRole('button', { name: '下架' }).count()).toBe(0);
  });

  it('shows a service desk only the pages its permissions use', async () => {
    const page = harness.page;
    const desk = await addStaff(harness.cloud, ['store_manager'], ['plaza-l1-desk'], '赵敏');
    await page.context().clearCookies();
    await signInToConsole(page, harness.cloud, desk);
    await openConsole(page, harness.cloud, '/rewards');
    await heading(page, '服务台领取').waitFor();
    expect(await page.getByRole('tab').count()).toBe(0);
  });
});
