// The console's Stores & POS section in Chromium against a local cloud of this file's own: a store manager
// issues, rotates and revokes their store's keys and cannot reach another store; an admin deactivates a
// store, whose key then fails, and works through unmatched sales and dead letters. Every screen is checked
// with axe-core and captured in both languages.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { signPosRequest } from '../../lib/pos/signature';
import { formatDateTime } from '../../web/shared/src/format';
import {
  capture,
  expectAccessible,
  expectNoPageFaults,
  languageOf,
  newConsolePage,
  SCREENSHOTS,
  settled,
  switchLanguage,
} from '../support/browser';
import {
  addStaff,
  adminToken,
  consoleHarness,
  expectAuditShows,
  heading,
  openConsole,
  signInToConsole,
} from '../support/console';
import { json } from '../support/local-cloud';

const harness = consoleHarness();

const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;
const shop = { id: unique('b1-017'), name: '星巴克（B1-017）' };
const elsewhere = { id: unique('l2-031'), name: '优衣库（L2-031）' };
let manager: { email: string; password: string };

/** A request signed with a POS key, as a till sends it. */
async function tillRequest(key: { keyId: string; secret: string }, path: string, payload: object) {
  const body = JSON.stringify(payload);
  const timestamp = String(Math.floor(Date.now() / 1000));
  return json(`${harness.cloud.url}${path}`, {
    method: 'POST',
    body,
    headers: {
      'x-pos-key': key.keyId,
      'x-pos-timestamp': timestamp,
      'x-pos-signature': signPosRequest(key.secret, timestamp, body),
    },
  });
}

/** A sale of ¥128.00 signed with a POS key. */
const tillSale = (
  key: { keyId: string; secret: string },
  storeId: string,
  customer: object,
  transactionId = unique('T'),
) =>
  tillRequest(key, '/v1/pos/transactions', {
    transactionId,
    storeId,
    occurredAt: new Date().toISOString(),
    customer,
    amount: 12_800,
    currency: 'CNY',
    items: [],
  });

/** A member of the programme with a points account, through the mini program's sign-in. */
async function member() {
  const signedIn = await json(`${harness.cloud.url}/v1/auth/wechat/login`, {
    method: 'POST',
    body: JSON.stringify({ code: unique('browser') }),
  });
  const token = signedIn.body.accessToken as string;
  await expect
    .poll(
      async () =>
        (await json(`${harness.cloud.url}/v1/loyalty/me`, { headers: { authorization: `Bearer ${token}` } }))
          .status,
      {
        timeout: 10_000,
      },
    )
    .toBe(200);
  return (signedIn.body.customer as { id: string }).id;
}

/**
 * A screen with a dialog open, in the language the page is in: the dialog covers the language switch, so
 * the journey opens such a dialog once in each language.
 */
async function captureDialog(page: Page, screen: string) {
  await page.waitForTimeout(600);
  await page.screenshot({ path: join(SCREENSHOTS, `${screen}.${await languageOf(page)}.png`) });
}

/** A dialog that can be opened again, captured in both languages and closed. */
async function captureDialogInBothLanguages(page: Page, screen: string, open: () => Promise<void>) {
  const first = await languageOf(page);
  for (const language of [first, first === 'zh-CN' ? 'en-US' : 'zh-CN'] as const) {
    if (language !== (await languageOf(page))) await switchLanguage(page, language);
    await open();
    await captureDialog(page, screen);
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /^(取消|Cancel)$/ })
      .click();
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
  }
  await switchLanguage(page, first);
}

const secretDialog = (page: Page) => page.getByRole('dialog');

/** Issues a key with the screen's button and reads what the dialog shows, once. */
async function issueKeyOnScreen(page: Page, label: RegExp) {
  await page.getByRole('button', { name: label }).click();
  const dialog = secretDialog(page);
  await dialog.getByText(/密钥只显示这一次|This secret is shown only once/).waitFor();
  const keyId = (await dialog.locator('code').first().textContent())!;
  const secret = (await dialog.getByTestId('pos-secret').textContent())!;
  return { keyId, secret };
}

async function closeSecretDialog(page: Page) {
  await secretDialog(page)
    .getByRole('button', { name: /我已保存，关闭|I have saved it, close/ })
    .click();
  await secretDialog(page).waitFor({ state: 'hidden' });
}

/** Rotates a key from its row and reads the new key and the old one's grace end from the dialog. */
async function rotateKeyOnScreen(page: Page, keyId: string) {
  const answer = page.waitForResponse((response) => response.url().endsWith(`/pos-keys/${keyId}/rotate`));
  await page.getByRole('button', { name: new RegExp(`^(轮换密钥|Rotate key) ${keyId}$`) }).click();
  const rotated = (await (await answer).json()) as {
    keyId: string;
    secret: string;
    previousKeyValidUntil: string;
  };
  const dialog = secretDialog(page);
  await dialog.getByText(/密钥只显示这一次|This secret is shown only once/).waitFor();
  const graceEnd = formatDateTime(rotated.previousKeyValidUntil, await languageOf(page));
  await dialog.getByText(new RegExp(`${keyId}.*${graceEnd.replace(/[/]/g, '\\/')}`)).waitFor();
  expect(await dialog.getByTestId('pos-secret').textContent()).toBe(rotated.secret);
  return rotated;
}

// Two stores made by the admin, and a manager of the first one.
beforeAll(async () => {
  const { cloud } = harness;
  const admin = await adminToken(cloud);
  for (const store of [shop, elsewhere]) {
    const created = await json(`${cloud.url}/v1/admin/stores`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}` },
      body: JSON.stringify({ storeId: store.id, name: store.name }),
    });
    expect(created.status).toBe(201);
  }
  manager = await addStaff(cloud, ['store_manager'], [shop.id], '王芳');
});

describe('the Stores & POS section', () => {
  it('lets a store manager issue a key for their store, shown once with a copy button, and keeps other stores from them', async () => {
    const { browser, cloud } = harness;
    const page = await newConsolePage(browser);
    await signInToConsole(page, cloud, manager);

    await openConsole(page, cloud, '/stores');
    await heading(page, '门店与 POS').waitFor();
    await page.getByRole('row', { name: new RegExp(shop.name) }).waitFor();
    expect(await page.getByRole('row', { name: new RegExp(elsewhere.name) }).count()).toBe(0);
    expect(await page.getByRole('row').count()).toBe(2);
    // A store manager neither creates stores nor sees the queue-wide dead letters.
    expect(await page.getByRole('button', { name: '新建门店' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: '死信' }).count()).toBe(0);
    await expectAccessible(page, 'store list of a store manager');
    await capture(page, 'stores-list-manager');

    await page.getByRole('link', { name: shop.name }).click();
    await heading(page, shop.name).waitFor();
    await page.getByText('这家门店还没有 POS 密钥').waitFor();
    expect(await page.getByRole('button', { name: '停用门店' }).count()).toBe(0);
    await expectAccessible(page, 'a store without keys');
    await capture(page, 'store-detail-no-keys');

    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: cloud.url });
    const first = await issueKeyOnScreen(page, /签发新密钥$/);
    expect(first.secret.length).toBeGreaterThanOrEqual(40);
    await secretDialog(page).getByRole('button', { name: '复制密钥' }).click();
    await secretDialog(page).getByText('已复制').waitFor();
    expect(
      await page.evaluate(() =>
        (
          globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }
        ).navigator.clipboard.readText(),
      ),
    ).toBe(first.secret);
    await expectAccessible(page, 'a new key and its secret');
    await captureDialog(page, 'store-key-issued');
    await closeSecretDialog(page);
    // Once closed, the secret is nowhere on the page, and the key is listed without it.
    await page.getByRole('row', { name: new RegExp(`${first.keyId}.*使用中`) }).waitFor();
    expect(await page.content()).not.toContain(first.secret);

    await switchLanguage(page, 'en-US');
    const second = await issueKeyOnScreen(page, /Issue key$/);
    await captureDialog(page, 'store-key-issued');
    await closeSecretDialog(page);

    // A till signs a sale with the key just issued, and it is accepted.
    const customerId = await member();
    const sale = await tillSale(first, shop.id, { customerId });
    expect(sale.status).toBe(202);

    const rotatedInEnglish = await rotateKeyOnScreen(page, first.keyId);
    await expectAccessible(page, 'a rotated key and its grace end');
    await captureDialog(page, 'store-key-rotated');
    await closeSecretDialog(page);
    await switchLanguage(page, 'zh-CN');
    await rotateKeyOnScreen(page, second.keyId);
    await captureDialog(page, 'store-key-rotated');
    await closeSecretDialog(page);
    await page.getByRole('row', { name: new RegExp(`${first.keyId}.*轮换中.*前仍有效`) }).waitFor();
    expect((await tillSale(first, shop.id, { customerId })).status).toBe(202);
    expect((await tillSale(rotatedInEnglish, shop.id, { customerId })).status).toBe(202);

    await page.getByRole('button', { name: `吊销密钥 ${first.keyId}` }).click();
    await page.locator('.ant-popconfirm').getByText('吊销后该密钥立即停止工作，无法恢复。').waitFor();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '吊销' }).click();
    await page.getByText(`密钥 ${first.keyId} 已吊销。`).waitFor();
    await page.getByRole('row', { name: new RegExp(`${first.keyId}.*已吊销`) }).waitFor();
    await expect.poll(async () => (await tillSale(first, shop.id, { customerId })).status).toBe(401);
    await expectAccessible(page, "a store's keys in every state");
    await capture(page, 'store-keys');

    // Another store: not on the list, its page says so, and the API refuses.
    await openConsole(page, cloud, `/stores/${elsewhere.id}`);
    await heading(page, '无权查看该门店').waitFor();
    expect(await page.getByText(elsewhere.name).count()).toBe(0);
    await expectAccessible(page, "another store's page");
    await capture(page, 'store-forbidden');
    const managerToken = (
      await json(`${cloud.url}/v1/admin/auth/login`, {
        method: 'POST',
        body: JSON.stringify({ email: manager.email, password: manager.password }),
      })
    ).body.accessToken as string;
    for (const path of [`/v1/admin/stores/${elsewhere.id}`, `/v1/admin/stores/${elsewhere.id}/pos-keys`]) {
      const refused = await json(`${cloud.url}${path}`, {
        headers: { authorization: `Bearer ${managerToken}` },
      });
      expect(refused.status).toBe(403);
    }
    const issued = await json(`${cloud.url}/v1/admin/stores/${elsewhere.id}/pos-keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${managerToken}` },
    });
    expect(issued.status).toBe(403);

    await openConsole(page, cloud, `/stores/no-such-page/further`);
    await heading(page, '页面不存在').waitFor();

    // The audit shows the manager issuing the key; the two keys issued are the only ones, the refused
    // issue at another store is not among them.
    await expectAuditShows(harness, {
      actorEmail: manager.email,
      action: 'pos-key.issue',
      target: `pos-key:${first.keyId}`,
      count: 1,
    });
    await expectAuditShows(harness, { actorEmail: manager.email, action: 'pos-key.issue', count: 2 });
  });

  it("shows a store manager their store's unmatched sales and assigns one to a member", async () => {
    const { browser, cloud } = harness;
    const page = await newConsolePage(browser);
    await signInToConsole(page, cloud, manager);
    const admin = await adminToken(cloud);
    const key = (
      await json(`${cloud.url}/v1/admin/stores/${shop.id}/pos-keys`, {
        method: 'POST',
        headers: { authorization: `Bearer ${admin}` },
      })
    ).body as { keyId: string; secret: string };
    const kept = await tillSale(key, shop.id, { memberCode: '000000000000' });
    expect(kept.status).toBe(202);
    const transactionId = (kept.body as { transactionId: string }).transactionId;

    // The sale turns unmatched once the crediting consumer has read it: seconds, more on a busy machine.
    // Asked as the manager sees it, through every page of theirs.
    const managerToken = (
      (
        await json(`${cloud.url}/v1/admin/auth/login`, {
          method: 'POST',
          body: JSON.stringify({ email: manager.email, password: manager.password }),
        })
      ).body as { accessToken: string }
    ).accessToken;
    const pagesOfTheirs = async () => {
      let cursor: string | null = null;
      for (let page = 0; page < 50; page++) {
        const listed = (
          await json(
            `${cloud.url}/v1/admin/pos/unmatched?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
            { headers: { authorization: `Bearer ${managerToken}` } },
          )
        ).body as { items: { transaction: { transactionId: string } }[]; nextCursor: string | null };
        if (listed.items.some((item) => item.transaction.transactionId === transactionId)) return page + 1;
        if (!listed.nextCursor) return 0;
        cursor = listed.nextCursor;
      }
      return 0;
    };
    await expect.poll(pagesOfTheirs, { timeout: 60_000, interval: 500 }).toBeGreaterThan(0);

    await openConsole(page, cloud, '/stores/unmatched');
    await heading(page, '未匹配消费').waitFor();
    const row = page.getByRole('row', { name: new RegExp(transactionId) });
    // A store manager's page holds their stores' sales among the oldest of all: it may take a page or more.
    for (let turn = 0; turn < 50; turn++) {
      await settled(page);
      if ((await row.count()) > 0) break;
      const next = page.getByRole('button', { name: '下一页' });
      if (!(await next.count()) || (await next.isDisabled())) break;
      await next.click();
    }
    await row.waitFor();
    await row.getByText('会员码无效或已过期').waitFor();
    await row.getByText('¥128.00').waitFor();
    await expectAccessible(page, 'unmatched sales');
    await capture(page, 'stores-unmatched');

    const customerId = await member();
    await captureDialogInBothLanguages(page, 'stores-unmatched-assign', async () => {
      await page
        .getByRole('button', { name: new RegExp(`(把交易|Assign transaction) ${transactionId}`) })
        .click();
      await page.getByRole('dialog').getByRole('textbox').waitFor();
    });
    await page.getByRole('button', { name: `把交易 ${transactionId} 指派给会员` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: '指派并入账' }).click();
    await dialog.getByText('请输入会员编号').waitFor();
    await dialog.getByRole('textbox', { name: '会员编号' }).fill(customerId);
    await dialog.getByRole('button', { name: '指派并入账' }).click();
    await page.getByText('已指派，积分已入账。').waitFor();
    await row.waitFor({ state: 'detached' });
    await page.getByText('没有未匹配的消费').waitFor();
    await capture(page, 'stores-unmatched-empty');
    expectNoPageFaults(page);
    await page.close();
  }, 150_000);

  it('lets an admin see every store, create one, redrive a dead letter after its empty state, and deactivate a store so its key fails', async () => {
    const { browser, cloud } = harness;
    const page = await newConsolePage(browser);
    await signInToConsole(page, cloud);
    const admin = await adminToken(cloud);
    const key = (
      await json(`${cloud.url}/v1/admin/stores/${elsewhere.id}/pos-keys`, {
        method: 'POST',
        headers: { authorization: `Bearer ${admin}` },
      })
    ).body as { keyId: string; secret: string };
    const customerId = await member();
    expect((await tillSale(key, elsewhere.id, { customerId })).status).toBe(202);

    await openConsole(page, cloud, '/stores');
    await page.getByRole('row', { name: new RegExp(shop.name) }).waitFor();
    await page.getByRole('row', { name: new RegExp(elsewhere.name) }).waitFor();
    await captureDialogInBothLanguages(page, 'stores-create', async () => {
      await page.getByRole('button', { name: /新建门店|New store/ }).click();
      await page
        .getByRole('dialog')
        .getByRole('textbox', { name: /门店编号|Store id/ })
        .waitFor();
    });
    await page.getByRole('button', { name: '新建门店' }).click();
    const form = page.getByRole('dialog');
    await form.getByRole('textbox', { name: '门店编号' }).fill('Not An Id');
    await form.getByRole('textbox', { name: '门店名称' }).fill('喜茶（L1-005）');
    await form.getByRole('button', { name: '创建' }).click();
    await form.getByText('门店编号只能包含小写字母、数字和连字符（2–40 位）').waitFor();
    const created = unique('l1-005');
    await form.getByRole('textbox', { name: '门店编号' }).fill(created);
    await form.getByRole('button', { name: '创建' }).click();
    await page.getByText('已创建门店“喜茶（L1-005）”。').waitFor();
    await page.getByRole('row', { name: new RegExp(created) }).waitFor();
    await expectAccessible(page, 'store list of an admin');
    await capture(page, 'stores-list');

    await page.getByRole('link', { name: '死信' }).click();
    await heading(page, '死信').waitFor();
    await page.getByText('没有死信').waitFor();
    expect(await page.getByRole('button', { name: '全部重新投递' }).count()).toBe(0);
    await expectAccessible(page, 'no dead letters');
    await capture(page, 'stores-dead-letters-empty');

    // A refund that reaches us before its sale fails until the sale is there: five times, then it is a dead letter.
    const lateSale = unique('T');
    const refund = await tillRequest(key, '/v1/pos/refunds', {
      refundId: unique('R'),
      transactionId: lateSale,
      storeId: elsewhere.id,
      amount: 1_000,
      items: [],
    });
    expect(refund.status).toBe(202);
    const letter = page.getByRole('row', { name: new RegExp(lateSale) });
    await expect
      .poll(
        async () => {
          if ((await letter.count()) === 0) await page.getByRole('button', { name: /刷新/ }).click();
          return letter.count();
        },
        { timeout: 20_000, interval: 500 },
      )
      .toBe(1);
    await letter.getByRole('cell', { name: '退款', exact: true }).waitFor();
    await letter.getByText('NOT_YET_PROCESSABLE').waitFor();
    await letter.getByText('暂时无法处理（如退款早于消费到达）').waitFor();
    await page.getByRole('button', { name: '全部重新投递' }).waitFor();
    await expectAccessible(page, 'a dead letter and its reason');
    await capture(page, 'stores-dead-letters');

    // Once the sale is in, the refund is moved back onto the queue and applies.
    expect((await tillSale(key, elsewhere.id, { customerId }, lateSale)).status).toBe(202);
    await letter.getByRole('button', { name: /^重新投递消息 / }).click();
    await page.getByText('消息已重新投递。').waitFor();
    await page.getByText('没有死信').waitFor();

    await openConsole(page, cloud, `/stores/${elsewhere.id}`);
    await heading(page, elsewhere.name).waitFor();
    await page.getByRole('row', { name: new RegExp(`${key.keyId}.*使用中`) }).waitFor();
    await page.getByRole('button', { name: '停用门店' }).click();
    await page
      .locator('.ant-popconfirm')
      .getByText(/所有 POS 密钥立即失效/)
      .waitFor();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '停用' }).click();
    await page.getByText('门店已停用，它的 POS 密钥已停止工作。').waitFor();
    await page.getByText('该门店已停用：它的 POS 密钥不再被接受，也不能签发新密钥。').waitFor();
    expect(await page.getByRole('button', { name: '签发新密钥' }).count()).toBe(0);
    await page.getByRole('row', { name: new RegExp(`${key.keyId}.*已随门店停用`) }).waitFor();
    const refused = await tillSale(key, elsewhere.id, { customerId });
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('POS_SIGNATURE_INVALID');
    await expectAccessible(page, 'a deactivated store');
    await capture(page, 'store-deactivated');

    // Its name can still be put right, audited like any change of a store.
    await page.getByRole('button', { name: '修改名称' }).click();
    const rename = page.getByRole('dialog');
    await rename.getByRole('textbox', { name: '门店名称' }).fill('优衣库（已闭店）');
    await rename.getByRole('button', { name: '保存' }).click();
    await page.getByText('门店名称已修改。').waitFor();
    await heading(page, '优衣库（已闭店）').waitFor();
    expectNoPageFaults(page);
    await page.close();
  });
});
