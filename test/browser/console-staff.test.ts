// The Staff screen and two-factor sign-in in Chromium against a local cloud of this file's own: an admin
// manages staff; a staff member switches on an authenticator app and signs in with its codes and a
// recovery code; with the policy on, an admin without a second factor enrols before the console opens.
// axe-core on every screen, screenshots of each in both languages.
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { base32Decode, hotp, totpAt, totpStep } from '../../lib/auth/totp';
import {
  capture,
  expectAccessible,
  languageOf,
  newConsolePage,
  SCREENSHOTS,
  settled,
  switchLanguage,
} from '../support/browser';
import { addStaff, consoleHarness, heading, openConsole, signInToConsole } from '../support/console';
import { json } from '../support/local-cloud';

const harness = consoleHarness();

/**
 * A dialog or drawer in both languages: its mask covers the language switch, so it is opened once per
 * language and screenshotted as `capture` would.
 */
async function captureDialog(
  page: Page,
  screen: string,
  open: () => Promise<void>,
  close: () => Promise<void>,
) {
  const first = await languageOf(page);
  for (const language of [first === 'zh-CN' ? 'en-US' : 'zh-CN', first] as const) {
    await switchLanguage(page, language);
    await open();
    await settled(page);
    await page.screenshot({ path: join(SCREENSHOTS, `${screen}.${language}.png`) });
    await close();
  }
}

/** The row of the staff list naming this email. */
const rowOf = (page: Page, email: string) => page.getByRole('row').filter({ hasText: email });

/** Signs in with email and password only, leaving the page at whatever step comes next. */
async function enterPassword(page: Page, who: { email: string; password: string }) {
  await openConsole(page, harness.cloud, '/sign-in');
  await page.getByRole('textbox', { name: /邮箱|Email/ }).fill(who.email);
  await page.getByLabel(/^(密码|Password)$/).fill(who.password);
  await page.getByRole('button', { name: /^(登录|Sign in)$/ }).click();
}

async function closeDrawer(page: Page) {
  const drawer = page.getByRole('dialog');
  await drawer.getByRole('button', { name: /^(Close|关闭)$/ }).click();
  await drawer.waitFor({ state: 'hidden' });
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.getByText('您已退出登录。').waitFor();
}

/** The secret the enrolment shows, as an authenticator app would take it. */
async function shownSecret(page: Page) {
  const text = await page.getByTestId('totp-secret').innerText();
  return base32Decode(text.replace(/[^A-Z2-7]/g, ''));
}

/**
 * An authenticator code later than the step last used (a code is good once) and within a step of now,
 * waiting for the clock when the step after now is used already.
 */
async function codeAfter(key: Buffer, used: number) {
  while (totpStep(new Date()) + 1 <= used) await new Promise((resolve) => setTimeout(resolve, 1000));
  const step = Math.max(used + 1, totpStep(new Date()));
  return { code: hotp(key, step), step };
}

const recoveryCodesShown = (page: Page) =>
  page
    .getByRole('list', { name: /恢复码|Recovery codes/ })
    .getByRole('listitem')
    .allInnerTexts();

/**
 * Opens a row's actions menu and picks one, once whatever menu or dialog came before has finished closing
 * and this menu has finished opening: under load, a click on a menu still animating in or out was lost.
 */
async function pickRowAction(page: Page, row: Locator, item: string | RegExp) {
  await settled(page);
  await row.getByRole('button', { name: /^(更多操作|More actions): / }).click();
  const choice =
    typeof item === 'string'
      ? page.getByRole('menuitem', { name: item, exact: true })
      : page.getByRole('menuitem', { name: item });
  await choice.waitFor();
  await settled(page);
  await choice.click();
}

describe('the Staff screen and two-factor sign-in', () => {
  const created = { email: `staff-${Date.now()}@sbm.local`, name: '陈静' };
  let member: { email: string; password: string; id: string };
  let recoveryCodes: string[] = [];

  it('lists staff with who has two-factor sign-in, and the policy off', async () => {
    const { page, cloud } = harness;
    await signInToConsole(page, cloud);
    await openConsole(page, cloud, '/staff');
    await heading(page, '员工').waitFor();
    await rowOf(page, 'admin@sbm.local').waitFor();
    await expect
      .poll(() => page.getByRole('switch', { name: '管理员须开启两步验证' }).isChecked())
      .toBe(false);
    await expectAccessible(page, 'staff');
    await capture(page, 'staff');
  });

  it('adds a staff member with a role and a store, checking the fields', async () => {
    const { page } = harness;
    const dialog = page.getByRole('dialog');
    await captureDialog(
      page,
      'staff-create',
      async () => {
        await page.getByRole('button', { name: /添加员工|Add staff member/ }).click();
        await dialog.getByRole('button', { name: /^(添加|Add)$/ }).click();
        await dialog
          .getByText(/请输入姓名|Enter a name/)
          .last()
          .waitFor();
      },
      async () => {
        await dialog.getByRole('button', { name: /取消|Cancel/ }).click();
        await dialog.waitFor({ state: 'hidden' });
      },
    );
    await page.getByRole('button', { name: '添加员工' }).click();
    await dialog.getByLabel('姓名').fill(created.name);
    await dialog.getByLabel('邮箱').fill(created.email);
    await dialog.getByRole('checkbox', { name: '门店经理' }).check();
    await dialog.getByLabel('初始密码').fill('a first passphrase for chen');
    // A store manager needs a store.
    await dialog.getByRole('button', { name: '添加' }).click();
    await dialog.getByText('门店经理至少需要一家门店').waitFor();
    await dialog.getByRole('combobox', { name: '门店' }).click();
    await page.locator('.ant-select-item-option', { hasText: 'demo-store' }).click();
    await page.keyboard.press('Escape');
    await expectAccessible(page, 'staff-create');
    await dialog.getByRole('button', { name: '添加' }).click();
    await page.getByText(`已添加员工 ${created.name}`).waitFor();
    const row = rowOf(page, created.email);
    await expect.poll(() => row.innerText()).toMatch(/门店经理[\s\S]*未开启[\s\S]*在职/);
  });

  it("changes a staff member's roles", async () => {
    const { page } = harness;
    const row = rowOf(page, created.email);
    const dialog = page.getByRole('dialog');
    await row.getByRole('button', { name: '角色与门店' }).click();
    await expect.poll(() => dialog.getByRole('checkbox', { name: '门店经理' }).isChecked()).toBe(true);
    await dialog.getByRole('checkbox', { name: '数据分析' }).check();
    await expectAccessible(page, 'staff-roles');
    await dialog.getByRole('button', { name: '保存' }).click();
    await page.getByText(`已更新 ${created.name} 的角色与门店`).waitFor();
    await expect.poll(() => row.innerText()).toMatch(/门店经理[\s\S]*数据分析/);
    await captureDialog(
      page,
      'staff-roles',
      () => row.getByRole('button', { name: /角色与门店|Roles and stores/ }).click(),
      async () => {
        await dialog.getByRole('button', { name: /取消|Cancel/ }).click();
        await dialog.waitFor({ state: 'hidden' });
      },
    );
  });

  it("resets a staff member's password, which then signs them in", async () => {
    const { page, cloud } = harness;
    const row = rowOf(page, created.email);
    const dialog = page.getByRole('dialog');
    await pickRowAction(page, row, '重置密码');
    await dialog.getByLabel('新密码').fill('short');
    await dialog.getByRole('button', { name: '重置密码' }).click();
    await dialog.getByText('请输入至少 12 个字符的密码').waitFor();
    await expectAccessible(page, 'staff-password');
    await dialog.getByLabel('新密码').fill('a second passphrase for chen');
    await dialog.getByRole('button', { name: '重置密码' }).click();
    await page.getByText(`已重置 ${created.name} 的密码`).waitFor();
    const signedIn = await json(`${cloud.url}/v1/admin/auth/login`, {
      method: 'POST',
      body: JSON.stringify({ email: created.email, password: 'a second passphrase for chen' }),
    });
    expect(signedIn.status).toBe(200);
    await captureDialog(
      page,
      'staff-password',
      async () => {
        await pickRowAction(page, row, /重置密码|Reset password/);
      },
      async () => {
        await dialog.getByRole('button', { name: /取消|Cancel/ }).click();
        await dialog.waitFor({ state: 'hidden' });
      },
    );
  });

  it('lifts a sign-in lock and deactivates a staff member, after asking', async () => {
    const { page } = harness;
    const row = rowOf(page, created.email);
    await pickRowAction(page, row, '解除登录锁定');
    await page.getByText(new RegExp(`已解除 ${created.name} 的登录锁定`)).waitFor();

    const dialog = page.getByRole('dialog');
    await captureDialog(
      page,
      'staff-deactivate',
      async () => {
        await pickRowAction(page, row, /^(停用|Deactivate)$/);
        await dialog.waitFor();
      },
      async () => {
        await dialog.getByRole('button', { name: /取消|Cancel/ }).click();
        await dialog.waitFor({ state: 'hidden' });
      },
    );
    await pickRowAction(page, row, '停用');
    await dialog.getByText(`停用 ${created.name}？`).waitFor();
    await expectAccessible(page, 'staff-deactivate');
    await dialog.getByRole('button', { name: '停用' }).click();
    await page.getByText(`已停用 ${created.name}`).waitFor();
    await expect.poll(() => row.innerText()).toMatch(/已停用/);
    // A deactivated staff member cannot sign in.
    const refused = await json(`${harness.cloud.url}/v1/admin/auth/login`, {
      method: 'POST',
      body: JSON.stringify({ email: created.email, password: 'a second passphrase for chen' }),
    });
    expect(refused.status).toBe(401);
  });

  it('lets a staff member switch on an authenticator app from Account security', async () => {
    const { cloud } = harness;
    member = { ...(await addStaff(cloud, ['marketer'], [], '赵敏')) };
    const page = await newConsolePage(harness.browser);
    await signInToConsole(page, cloud, member);
    const drawer = page.getByRole('dialog');
    await page.getByRole('button', { name: '账户安全' }).click();
    await drawer.getByText('未开启').waitFor();
    await expectAccessible(page, 'account-security');
    await closeDrawer(page);
    await captureDialog(
      page,
      'account-security',
      async () => {
        await page.getByRole('button', { name: /账户安全|Account security/ }).click();
        await drawer.getByRole('button', { name: /开启两步验证|Switch on two-step verification/ }).waitFor();
      },
      async () => {
        await closeDrawer(page);
      },
    );

    // The enrolment's screen in English (a new start replaces a secret never confirmed).
    await switchLanguage(page, 'en-US');
    await page.getByRole('button', { name: 'Account security' }).click();
    await drawer.getByRole('button', { name: 'Switch on two-step verification' }).click();
    await drawer.getByRole('img', { name: 'QR code for your authenticator app' }).waitFor();
    await settled(page);
    await page.screenshot({ path: join(SCREENSHOTS, 'account-enrol.en-US.png') });
    await closeDrawer(page);
    await switchLanguage(page, 'zh-CN');

    await page.getByRole('button', { name: '账户安全' }).click();
    await drawer.getByRole('button', { name: '开启两步验证' }).click();
    await drawer.getByRole('img', { name: '用于身份验证器应用的二维码' }).waitFor();
    await expectAccessible(page, 'account-enrol');
    await settled(page);
    await page.screenshot({ path: join(SCREENSHOTS, 'account-enrol.zh-CN.png') });
    const key = await shownSecret(page);
    // A wrong code is refused, and said.
    const enrolledAt = new Date();
    const right = totpAt(key, enrolledAt);
    await drawer.getByLabel('验证码').fill(String((Number(right) + 1) % 1_000_000).padStart(6, '0'));
    await drawer.getByRole('button', { name: '开启', exact: true }).click();
    await drawer.getByRole('alert').filter({ hasText: '验证码不正确' }).waitFor();
    await drawer.getByLabel('验证码').fill(right);
    await drawer.getByRole('button', { name: '开启', exact: true }).click();
    let used = totpStep(enrolledAt);
    await drawer.getByText('请保存恢复码').waitFor();
    expect(await recoveryCodesShown(page)).toHaveLength(10);
    await expectAccessible(page, 'account-recovery-codes');
    await settled(page);
    await page.screenshot({ path: join(SCREENSHOTS, 'account-recovery-codes.zh-CN.png') });
    await drawer.getByRole('button', { name: '我已保存' }).click();
    await drawer.getByText('已开启').first().waitFor();
    await settled(page);
    await page.screenshot({ path: join(SCREENSHOTS, 'account-security-on.zh-CN.png') });
    await closeDrawer(page);

    // New recovery codes, in English this time; the first ones stop working.
    await switchLanguage(page, 'en-US');
    await page.getByRole('button', { name: 'Account security' }).click();
    await drawer.getByText('Recovery codes left').waitFor();
    await settled(page);
    await page.screenshot({ path: join(SCREENSHOTS, 'account-security-on.en-US.png') });
    await drawer.getByRole('button', { name: 'New recovery codes' }).click();
    const renewal = await codeAfter(key, used);
    await page.getByLabel('Code from your authenticator app').fill(renewal.code);
    await page.getByRole('button', { name: 'Make new codes' }).click();
    used = renewal.step;
    await drawer.getByText('Save your recovery codes').waitFor();
    recoveryCodes = await recoveryCodesShown(page);
    expect(recoveryCodes).toHaveLength(10);
    await settled(page);
    await page.screenshot({ path: join(SCREENSHOTS, 'account-recovery-codes.en-US.png') });
    await drawer.getByRole('button', { name: 'I have saved them' }).click();
    await closeDrawer(page);
    await switchLanguage(page, 'zh-CN');
    await signOut(page);

    // Signing in now takes the password, then the app's code.
    await enterPassword(page, member);
    await page.getByRole('heading', { name: '两步验证', level: 2 }).waitFor();
    await expectAccessible(page, 'sign-in-two-factor');
    await capture(page, 'sign-in-two-factor');
    // A code is good once: the one that renewed the recovery codes is spent.
    await page.getByLabel('验证码').fill(hotp(key, used));
    await page.getByRole('button', { name: '验证并登录' }).click();
    await page.getByRole('alert').filter({ hasText: '该验证码刚刚已使用' }).waitFor();
    const signIn = await codeAfter(key, used);
    await page.getByLabel('验证码').fill(signIn.code);
    await page.getByRole('button', { name: '验证并登录' }).click();
    await page.getByRole('navigation').waitFor();
    await signOut(page);

    // A recovery code works once.
    const [code] = recoveryCodes;
    await enterPassword(page, member);
    await page.getByRole('button', { name: '改用恢复码' }).click();
    await page.getByLabel('恢复码').fill(code!);
    await page.getByRole('button', { name: '验证并登录' }).click();
    await page.getByRole('navigation').waitFor();
    await signOut(page);
    await enterPassword(page, member);
    await page.getByRole('button', { name: '改用恢复码' }).click();
    await page.getByLabel('恢复码').fill(code!);
    await page.getByRole('button', { name: '验证并登录' }).click();
    await page.getByRole('alert').filter({ hasText: '该恢复码已使用过' }).waitFor();
    await expectAccessible(page, 'sign-in-recovery-refused');
    await capture(page, 'sign-in-recovery-refused');
    await page.close();
  }, 180_000);

  it("shows the admin who has two-factor sign-in, and resets a staff member's", async () => {
    const { page, cloud } = harness;
    await openConsole(page, cloud, '/staff');
    const row = rowOf(page, member.email);
    await expect.poll(() => row.innerText()).toMatch(/已开启/);
    await pickRowAction(page, row, '重置两步验证');
    const confirm = page.getByRole('dialog').filter({ hasText: '重置 赵敏 的两步验证？' });
    // The menu closes and the dialog zooms in: the button is pressed once both are at rest.
    await confirm.waitFor();
    await settled(page);
    const submit = confirm.getByRole('button', { name: '重置', exact: true });
    const calls: string[] = [];
    page.on('response', (response) => {
      if (response.url().includes('two-factor')) calls.push(`${response.status()} ${response.url()}`);
    });
    await submit.click();
    // Done, or the dialog says why not, or the request is still out: the test fails naming which.
    const outcome = async () =>
      (await page.getByText('已重置 赵敏 的两步验证').count())
        ? 'done'
        : (await confirm.getByRole('alert').count())
          ? await confirm.getByRole('alert').first().innerText()
          : !(await confirm.count())
            ? 'dialog closed without a notice'
            : (await confirm.locator('.ant-btn-loading').count())
              ? 'request in flight'
              : 'dialog open, nothing sent';
    let seen = await outcome();
    for (let tries = 0; seen !== 'done' && tries < 150; tries++) {
      await page.waitForTimeout(200);
      seen = await outcome();
    }
    expect(seen, `two-factor calls answered: ${JSON.stringify(calls)}`).toBe('done');
    await expect.poll(() => row.innerText()).toMatch(/未开启/);
    // Their password alone signs them in again.
    const signedIn = await json(`${cloud.url}/v1/admin/auth/login`, {
      method: 'POST',
      body: JSON.stringify({ email: member.email, password: member.password }),
    });
    expect(signedIn.status).toBe(200);
  });

  it('with the policy on, leads an admin without a second factor to enrol before the console opens', async () => {
    const { page, cloud } = harness;
    // Added while the demo admin still signs in with a password alone (addStaff signs in as them).
    const admin = await addStaff(cloud, ['admin'], [], '孙丽');
    const toggle = page.getByRole('switch', {
      name: /管理员须开启两步验证|Admins must use two-step verification/,
    });
    const dialog = page.getByRole('dialog');
    await toggle.click();
    await dialog.getByText('要求管理员开启两步验证？').waitFor();
    await expectAccessible(page, 'staff-policy');
    await dialog.getByRole('button', { name: '取消' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await captureDialog(
      page,
      'staff-policy',
      async () => {
        await toggle.click();
        await dialog.waitFor();
      },
      async () => {
        await dialog.getByRole('button', { name: /取消|Cancel/ }).click();
        await dialog.waitFor({ state: 'hidden' });
      },
    );
    await toggle.click();
    await dialog.getByRole('button', { name: '开启要求' }).click();
    await page.getByText('已更新安全策略').waitFor();
    await expect.poll(() => toggle.isChecked()).toBe(true);

    const other = await newConsolePage(harness.browser);
    try {
      await enterPassword(other, admin);
      await other.getByRole('heading', { name: '设置两步验证', level: 2 }).waitFor();
      await other.getByRole('img', { name: '用于身份验证器应用的二维码' }).waitFor();
      await expectAccessible(other, 'sign-in-enrol');
      await capture(other, 'sign-in-enrol');
      // Nothing else opens until it is done.
      expect(await other.getByRole('navigation').count()).toBe(0);
      await other.getByLabel('验证码').fill(totpAt(await shownSecret(other), new Date()));
      await other.getByRole('button', { name: '开启并登录' }).click();
      // A refusal would be said in an alert: the poll then fails naming it.
      await expect
        .poll(
          async () =>
            (await other.getByText('请保存恢复码').count())
              ? 'saved'
              : (await other.getByRole('alert').count())
                ? await other.getByRole('alert').first().innerText()
                : 'waiting',
          { timeout: 30_000 },
        )
        .toBe('saved');
      expect(await recoveryCodesShown(other)).toHaveLength(10);
      await expectAccessible(other, 'sign-in-recovery-codes');
      await capture(other, 'sign-in-recovery-codes');
      await other.getByRole('button', { name: '我已保存，进入控制台' }).click();
      await other.getByRole('navigation').waitFor();
    } finally {
      await other.close();
    }

    // Back as it was, so that the demo admin signs in with a password alone.
    await toggle.click();
    const turnOff = page.getByRole('dialog').filter({ hasText: '取消要求' });
    await turnOff.getByRole('button', { name: '取消要求' }).click();
    // Done, or the dialog says why not: either way the test says which.
    await expect
      .poll(async () =>
        (await turnOff.getByRole('alert').count())
          ? await turnOff.getByRole('alert').first().innerText()
          : (await toggle.isChecked())
            ? 'still required'
            : 'off',
      )
      .toBe('off');
  }, 180_000);
});
