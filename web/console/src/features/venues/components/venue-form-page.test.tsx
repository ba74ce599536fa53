// The one venue form, creating and editing: what it sends (the version it loaded, every resource kept),
// its own checks and the server's beside the fields, a version conflict, and a reader's view without edits.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { jsonAnswer, requestOf } from '@/testing/render';
import { admin, renderVenues, storeManager, supportDesk } from '../testing/render-section';

const hotpot = {
  id: 'plaza-hotpot',
  name: '海底捞',
  kind: 'restaurant',
  storeId: 'plaza-l5-002',
  status: 'active',
  timeZone: 'Asia/Shanghai',
  hours: {
    mon: [{ open: '11:00', close: '14:00' }],
    tue: [{ open: '11:00', close: '14:00' }],
    wed: [],
    thu: [{ open: '11:00', close: '14:00' }],
    fri: [{ open: '11:00', close: '14:00' }],
    sat: [{ open: '10:00', close: '22:00' }],
    sun: [{ open: '10:00', close: '22:00' }],
  },
  closedDates: ['2027-02-06'],
  specialHours: {},
  slotMinutes: 90,
  minNoticeMinutes: 120,
  maxAdvanceDays: 30,
  freeCancellationMinutes: 120,
  noShowGraceMinutes: 15,
  strikePolicy: { strikes: 3, windowDays: 90, suspensionDays: 30 },
  capacity: {
    mode: 'resources',
    resources: [
      { id: 't2-1', name: '2人桌', seats: 2, active: true },
      { id: 't4-1', name: '4人桌', seats: 4, active: true },
    ],
  },
  createdAt: '2026-12-01T02:15:40.112Z',
  updatedAt: '2026-12-01T02:15:40.112Z',
  version: 4,
};

const stores = {
  items: [
    { storeId: 'plaza-b1-017', name: '星巴克', active: true, createdAt: hotpot.createdAt },
    { storeId: 'plaza-l5-002', name: '海底捞', active: true, createdAt: hotpot.createdAt },
  ],
  nextCursor: null,
};

type Answer = (request: { method: string; path: string; body?: string }) => Response | undefined;

/** The API as the test answers it; every request is kept with its body. */
function fakeApi(answer: Answer) {
  const sent: { method: string; path: string; body?: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = await requestOf(input, init);
      sent.push({ ...request, body: request.body ? JSON.parse(request.body) : undefined });
      if (request.method === 'GET' && request.path === '/v1/admin/stores') return jsonAnswer(stores);
      return answer(request) ?? jsonAnswer({ items: [], nextCursor: null });
    }),
  );
  return sent;
}

const problem = (status: number, code: string, errors?: { field: string; message: string }[]) =>
  new Response(JSON.stringify({ status, code, title: code, ...(errors ? { errors } : {}) }), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });

// Saving checks the whole form first: in happy-dom on a busy machine, that takes more than a second.
const LONG = { timeout: 10_000 };

const field = (label: string) => screen.getByRole('textbox', { name: label }) as HTMLInputElement;
const change = (input: HTMLElement, value: string) => fireEvent.change(input, { target: { value } });

describe('the venue form', () => {
  it('edits a venue on the version it loaded, keeping every resource and retiring one', async () => {
    const sent = fakeApi(({ method }) =>
      method === 'PATCH' ? jsonAnswer({ ...hotpot, version: 5 }) : jsonAnswer(hotpot),
    );
    renderVenues({ ...admin, route: '/venues/plaza-hotpot' });

    await screen.findByRole('heading', { name: '编辑场地“海底捞”', level: 1 });
    // A saved resource keeps its id and cannot be removed; the kind, store and mode are fixed.
    expect(field('资源 1 的编号').disabled).toBe(true);
    expect(screen.queryByRole('button', { name: '移除资源 1' })).toBeNull();
    expect(field('场地编号').disabled).toBe(true);
    fireEvent.click(screen.getByRole('switch', { name: '资源 2 接受预约' }));
    change(screen.getByLabelText('周一 第 1 段结束'), '15:00');
    fireEvent.click(screen.getByRole('button', { name: '为周三添加时段' }));
    change(screen.getByLabelText('周三 第 1 段开始'), '17:00');
    change(screen.getByLabelText('周三 第 1 段结束'), '00:00');
    fireEvent.click(screen.getByRole('button', { name: '移除闭馆日期 2027-02-06' }));
    fireEvent.click(screen.getByRole('button', { name: '保存' }));

    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe('/venues'), LONG);
    const patch = sent.find((request) => request.method === 'PATCH')!;
    expect(patch.path).toBe('/v1/admin/venues/plaza-hotpot');
    expect(patch.body).toMatchObject({
      version: 4,
      closedDates: [],
      hours: { mon: [{ open: '11:00', close: '15:00' }], wed: [{ open: '17:00', close: '00:00' }] },
      capacity: {
        mode: 'resources',
        resources: [
          { id: 't2-1', name: '2人桌', seats: 2, active: true },
          { id: 't4-1', name: '4人桌', seats: 4, active: false },
        ],
      },
    });
  }, 60_000);

  it('tells the user to reload when someone else saved the venue meanwhile, and reloads it', async () => {
    let reads = 0;
    fakeApi(({ method }) => {
      if (method === 'PATCH') return problem(409, 'VERSION_CONFLICT');
      reads += 1;
      return jsonAnswer(reads === 1 ? hotpot : { ...hotpot, name: '海底捞火锅', version: 5 });
    });
    renderVenues({ ...admin, route: '/venues/plaza-hotpot' });

    await screen.findByRole('heading', { name: '编辑场地“海底捞”', level: 1 });
    fireEvent.click(screen.getByRole('button', { name: '保存' }));
    const alert = await screen.findByText('场地已被他人修改', {}, LONG);
    expect(screen.getByText(/请重新载入后再修改/)).toBeTruthy();
    fireEvent.click(
      within(alert.closest('[role="alert"]') as HTMLElement).getByRole('button', { name: '重新载入' }),
    );
    await screen.findByRole('heading', { name: '编辑场地“海底捞火锅”', level: 1 });
    expect(reads).toBeGreaterThanOrEqual(2);
    expect(screen.queryByText('场地已被他人修改')).toBeNull();
  }, 60_000);

  it("checks a new venue as the API would, then shows the server's refusal beside the store", async () => {
    const sent = fakeApi(({ method }) =>
      method === 'POST'
        ? problem(400, 'VALIDATION_FAILED', [
            { field: 'body.storeId', message: 'storeId names no active store (plaza-b1-017)' },
          ])
        : undefined,
    );
    renderVenues({ ...storeManager, route: '/venues/new' });

    await screen.findByRole('heading', { name: '新建场地', level: 1 });
    // A store manager's venue is at one of their stores: no mall venue for them.
    await waitFor(() => expect(screen.getByTitle('星巴克 (plaza-b1-017)')).toBeTruthy(), LONG);
    fireEvent.mouseDown(screen.getByRole('combobox', { name: '所属门店' }));
    await waitFor(() => expect(screen.getAllByText('海底捞 (plaza-l5-002)').length).toBeGreaterThan(0));
    expect(screen.queryByText('商场自有（不属于任何门店）')).toBeNull();
    change(field('场地编号'), 'Hot Pot');
    fireEvent.click(screen.getByRole('button', { name: '创建场地' }));
    expect(
      await screen.findByText('只能包含小写字母、数字和连字符（1–40 位，以字母或数字开头）', {}, LONG),
    ).toBeTruthy();
    expect(screen.getByText('请填写')).toBeTruthy();
    expect(screen.getByText('有些内容需要修改，请查看标红的字段。')).toBeTruthy();
    expect(sent.some((request) => request.method === 'POST')).toBe(false);

    change(field('场地编号'), 'b1-coffee-bar');
    change(field('场地名称'), '咖啡吧台');
    fireEvent.click(screen.getByRole('button', { name: '创建场地' }));
    expect(await screen.findByText('门店不存在或已停用', {}, LONG)).toBeTruthy();
    const post = sent.find((request) => request.method === 'POST')!;
    expect(post.body).toMatchObject({
      id: 'b1-coffee-bar',
      name: '咖啡吧台',
      storeId: 'plaza-b1-017',
      capacity: { mode: 'pool', coversPerSlot: 10 },
    });
    expect(screen.getByTestId('location').textContent).toBe('/venues/new');
  }, 60_000);

  it('shows staff who only read venues the settings, with nothing to change them', async () => {
    const sent = fakeApi(() => jsonAnswer(hotpot));
    renderVenues({ ...supportDesk, route: '/venues/plaza-hotpot' });

    await screen.findByRole('heading', { name: '场地“海底捞”', level: 1 });
    expect(screen.getByText('您只能查看场地设置，不能修改。')).toBeTruthy();
    expect(field('场地名称').disabled).toBe(true);
    expect(screen.queryByRole('button', { name: '保存' })).toBeNull();
    expect(screen.queryByRole('button', { name: '添加资源' })).toBeNull();
    expect(sent.some((request) => request.path === '/v1/admin/stores')).toBe(false);
  }, 60_000);

  it('says when the venue does not exist', async () => {
    fakeApi(() => problem(404, 'NOT_FOUND'));
    renderVenues({ ...admin, route: '/venues/nowhere' });
    expect(await screen.findByRole('heading', { name: '场地不存在' })).toBeTruthy();
    expect(screen.getByText('没有编号为 nowhere 的场地。')).toBeTruthy();
  });
});
