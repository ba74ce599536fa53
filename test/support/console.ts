// What the console's browser tests share: a local cloud and a Chromium page of the file's own, signing
// a staff member in through the sign-in screen, and staff members added through the API.
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { LocalCloud } from '../../lib/local/cloud';
import { auditZhCN } from '../../web/console/src/locales/sections/audit';
import { expectNoPageFaults, launchChromium, newConsolePage } from './browser';
import { ADMIN, json, signIn, startTestCloud } from './local-cloud';

export interface ConsoleHarness {
  readonly cloud: LocalCloud;
  readonly browser: Browser;
  /** The page the file's tests drive; a test may open others with `newConsolePage(harness.browser)`. */
  page: Page;
}

/**
 * Starts a local cloud and Chromium for the test file (before its tests) and stops them after; every
 * test ends with no uncaught error and no console error on the page.
 */
export function consoleHarness(): ConsoleHarness {
  const harness = {} as { cloud: LocalCloud; browser: Browser; page: Page };
  beforeAll(async () => {
    [harness.cloud, harness.browser] = await Promise.all([startTestCloud(), launchChromium()]);
    harness.page = await newConsolePage(harness.browser);
  });
  afterEach(() => expectNoPageFaults(harness.page));
  afterAll(async () => {
    await harness.browser?.close();
    await harness.cloud?.stop();
  });
  return harness;
}

/** The page's main heading. */
export const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { name, level: 1 });

/** Opens a console path as someone would from the address bar (the session cookie keeps them signed in). */
export const openConsole = (page: Page, cloud: LocalCloud, path: string) =>
  page.goto(`${cloud.url}/console${path}`);

/** Signs in through the sign-in screen, as a person would, and waits for the shell. */
export async function signInToConsole(
  page: Page,
  cloud: LocalCloud,
  who: { email: string; password: string } = ADMIN,
) {
  await page.goto(`${cloud.url}/console/sign-in`);
  await page.getByRole('textbox', { name: /邮箱|Email/ }).fill(who.email);
  await page.getByLabel(/^(密码|Password)$/).fill(who.password);
  await page.getByRole('button', { name: /^(登录|Sign in)$/ }).click();
  await page.getByRole('navigation').or(page.getByRole('menu')).first().waitFor();
}

/** The demo admin's access token, for arranging what a test needs through the API. */
export const adminToken = async (cloud: LocalCloud) => (await signIn(cloud.url)).body.accessToken as string;

/** A staff member the admin adds through the API, with a password of their own. */
export async function addStaff(cloud: LocalCloud, roles: string[], storeIds: string[] = [], name = '李娜') {
  const admin = await adminToken(cloud);
  const email = `browser-${randomUUID().slice(0, 8)}@sbm.local`;
  const password = `pw-${randomUUID()}`;
  const created = await json(`${cloud.url}/v1/admin/staff`, {
    method: 'POST',
    headers: { authorization: `Bearer ${admin}` },
    body: JSON.stringify({ email, name, roles, storeIds, password }),
  });
  expect(created.status).toBe(201);
  return { email, password, id: (created.body as { id: string }).id };
}

/**
 * Finds a staff member's action in the audit screen as an administrator reads it: a page of its own,
 * signed in as the demo admin, on `/audit` filtered by the actor's email and the action (the URL's
 * filters, the last 7 days; the target too when given), until a row shows the actor and the action in
 * the reader's words. Gives how many rows that search shows; `count`, when given, is how many it must show.
 */
export async function expectAuditShows(
  harness: ConsoleHarness,
  {
    actorEmail,
    action,
    target,
    count,
  }: { actorEmail: string; action: string; target?: string; count?: number },
) {
  const label = (auditZhCN.actions as Record<string, string | undefined>)[action.replaceAll('.', '_')];
  if (!label) throw new Error(`The audit screen has no words for ${action}`);
  const page = await newConsolePage(harness.browser);
  try {
    await signInToConsole(page, harness.cloud);
    const filters = new URLSearchParams({ actor: actorEmail, action, ...(target && { target }) });
    await openConsole(page, harness.cloud, `/audit?${filters}`);
    await heading(page, '审计日志').waitFor();
    const byActor = page
      .getByRole('row')
      .filter({ hasText: actorEmail })
      .filter({ has: page.getByText(label, { exact: true }) })
      .filter({ has: page.getByText(action, { exact: true }) });
    const rows = target ? byActor.filter({ hasText: target }) : byActor;
    await rows.first().waitFor();
    const shown = await rows.count();
    if (count !== undefined) expect(shown, `${action} entries by ${actorEmail}`).toBe(count);
    expectNoPageFaults(page);
    return shown;
  } finally {
    await page.context().close();
  }
}
