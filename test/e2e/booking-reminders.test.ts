// One-time schedules over HTTP on the local cloud: a booking confirmation makes its reminder schedules
// through the Scheduler SDK, /_local/schedules lists and fires them, the SDK moves one to fire by its timer,
// and each reminder reaches the member by WeChat and inbox.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import {
  CreateScheduleCommand,
  GetScheduleCommand,
  SchedulerClient,
  UpdateScheduleCommand,
} from '@aws-sdk/client-scheduler';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, inject, it, vi } from 'vitest';
import { bookingKey, type Booking } from '../../lib/bookings/model';
import { tables } from '../../lib/db/tables';
import { LOCAL_CREDENTIALS, LOCAL_REGION, localTableName } from '../../lib/local/dynamodb';
import { call, cloudUrl, login, uniqueCode } from '../support/http';

const clientOptions = () => ({ endpoint: cloudUrl(), region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
const documents = DynamoDBDocumentClient.from(
  new DynamoDBClient({
    endpoint: inject('cloudDynamoEndpoint'),
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  }),
);
const scheduler = new SchedulerClient(clientOptions());
const eventBridge = new EventBridgeClient(clientOptions());
afterAll(() => {
  documents.destroy();
  scheduler.destroy();
  eventBridge.destroy();
});

const GROUP = 'sbm-crm-local-one-time';
const HOUR = 3_600_000;

interface ListedSchedule {
  name: string;
  kind: 'recurring' | 'one-time';
  at?: string;
  target: string;
}
const schedules = async () =>
  (
    await call<{ items: ListedSchedule[]; runs: { schedule: string; trigger: string; outcome: string }[] }>(
      'GET',
      '/_local/schedules',
    )
  ).body;
/** The reminders sent to a member (the welcome on sign-up has a template of its own). */
/** The reminders WeChat was asked to send the member (their booking's confirmation is told too). */
const remindersTo = async (openid: string) =>
  (
    await call<{ items: { touser: string; template_id: string; data: Record<string, { value: string }> }[] }>(
      'GET',
      '/_local/wechat/messages',
    )
  ).body.items.filter(
    (message) =>
      message.touser === openid &&
      message.template_id === 'local-milestone-template' &&
      message.data.thing1?.value.startsWith('预约提醒'),
  );

/** A member signed up by WeChat with a confirmed booking (written as the bookings service writes it). */
async function memberWithBooking(startsInHours: number) {
  const code = uniqueCode('remind');
  const { body } = await login(code);
  const start = new Date(Math.ceil((Date.now() + startsInHours * HOUR) / HOUR) * HOUR).toISOString();
  const booking: Booking = {
    bookingId: uniqueCode('bk').replace(/-/g, '').slice(0, 30),
    customerId: body.customer.id,
    venueId: 'e2e-reminder-venue',
    start,
    end: new Date(new Date(start).getTime() + HOUR).toISOString(),
    day: start.slice(0, 10),
    partySize: 2,
    status: 'confirmed',
    channel: 'member',
    createdAt: new Date().toISOString(),
    updatedAt: new Date().toISOString(),
    version: 1,
  };
  await documents.send(
    new PutCommand({
      TableName: localTableName(tables.main),
      Item: { ...bookingKey(booking.bookingId), ...booking },
    }),
  );
  return { booking, openid: `openid-${code}`, token: body.accessToken };
}

async function publishConfirmed(booking: Booking) {
  const now = new Date().toISOString();
  const result = await eventBridge.send(
    new PutEventsCommand({
      Entries: [
        {
          EventBusName: 'sbm-crm',
          Source: 'sbm.crm.bookings',
          DetailType: 'BookingConfirmed',
          Detail: JSON.stringify({
            metadata: {
              eventId: uniqueCode('evt'),
              schemaVersion: 1,
              correlationId: uniqueCode('corr'),
              occurredAt: now,
            },
            data: {
              bookingId: booking.bookingId,
              customerId: booking.customerId,
              venueId: booking.venueId,
              venueKind: 'salon',
              start: booking.start,
              end: booking.end,
              partySize: booking.partySize,
              channel: 'member',
              via: 'booking',
              confirmedAt: now,
            },
          }),
        },
      ],
    }),
  );
  expect(result.FailedEntryCount).toBe(0);
}

describe('booking reminders on the local cloud', () => {
  it('schedules both reminders of a confirmed booking, lists them and fires one on demand', async () => {
    const { booking, openid, token } = await memberWithBooking(72);
    await publishConfirmed(booking);
    const names = [`booking-${booking.bookingId}-24h`, `booking-${booking.bookingId}-2h`];
    await vi.waitFor(
      async () => {
        const listed = (await schedules()).items.filter((item) => names.includes(item.name));
        expect(listed).toHaveLength(2);
      },
      { timeout: 10_000, interval: 100 },
    );
    const listed = (await schedules()).items.filter((item) => names.includes(item.name));
    expect(listed).toEqual([
      expect.objectContaining({
        name: names[0],
        kind: 'one-time',
        target: 'remindBooking',
        at: new Date(new Date(booking.start).getTime() - 24 * HOUR).toISOString(),
      }),
      expect.objectContaining({
        name: names[1],
        kind: 'one-time',
        target: 'remindBooking',
        at: new Date(new Date(booking.start).getTime() - 2 * HOUR).toISOString(),
      }),
    ]);

    const run = await call<{ outcome: string }>('POST', `/_local/schedules/${names[1]}/run`);
    expect(run.status).toBe(200);
    expect(run.body.outcome).toBe('succeeded');
    expect(await remindersTo(openid)).toHaveLength(1);
    const inbox = await call<{ items: { kind: string; title: string }[] }>('GET', '/v1/notifications/me', {
      token,
    });
    expect(inbox.body.items.filter((item) => item.kind === 'booking-reminder')).toEqual([
      expect.objectContaining({ title: '预约提醒：即将开始' }),
    ]);
    // Fired and done: it deletes itself, as ActionAfterCompletion DELETE does.
    expect((await schedules()).items.map((item) => item.name)).not.toContain(names[1]);
    expect((await call('POST', `/_local/schedules/${names[1]}/run`)).status).toBe(404);

    // The SDK reads the other and moves it to two seconds from now: its timer fires it.
    const current = await scheduler.send(new GetScheduleCommand({ Name: names[0], GroupName: GROUP }));
    expect(current).toMatchObject({ ScheduleExpressionTimezone: 'UTC', ActionAfterCompletion: 'DELETE' });
    const soon = new Date(Date.now() + 2000).toISOString().slice(0, 19);
    await scheduler.send(
      new UpdateScheduleCommand({
        Name: names[0],
        GroupName: GROUP,
        ScheduleExpression: `at(${soon})`,
        ScheduleExpressionTimezone: 'UTC',
        FlexibleTimeWindow: { Mode: 'OFF' },
        ActionAfterCompletion: 'DELETE',
        Target: current.Target,
      }),
    );
    await vi.waitFor(async () => expect(await remindersTo(openid)).toHaveLength(2), {
      timeout: 10_000,
      interval: 200,
    });
    // The run is recorded once the invocation returns, a moment after its message went out.
    await vi.waitFor(
      async () =>
        expect((await schedules()).runs).toEqual(
          expect.arrayContaining([
            {
              schedule: names[0],
              kind: 'one-time',
              trigger: 'timer',
              attempt: 1,
              startedAt: expect.any(String),
              outcome: 'succeeded',
            },
          ]),
        ),
      { timeout: 5_000, interval: 100 },
    );
    expect((await schedules()).items.map((item) => item.name)).not.toContain(names[0]);
  });

  it('answers the Scheduler API as AWS does: a second create of a name conflicts, a missing one is not found', async () => {
    const name = uniqueCode('e2e').slice(0, 40);
    const input = {
      Name: name,
      GroupName: GROUP,
      ScheduleExpression: 'at(2099-01-01T00:00:00)',
      FlexibleTimeWindow: { Mode: 'OFF' as const },
      Target: {
        Arn: 'arn:aws:lambda:us-east-1:000000000000:function:sbm-crm-local-remindBooking',
        RoleArn: 'arn:aws:iam::000000000000:role/r',
        Input: '{}',
      },
    };
    await scheduler.send(new CreateScheduleCommand(input));
    await expect(scheduler.send(new CreateScheduleCommand(input))).rejects.toMatchObject({
      name: 'ConflictException',
    });
    await expect(
      scheduler.send(new GetScheduleCommand({ Name: `${name}-none`, GroupName: GROUP })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    const { items } = await schedules();
    expect(items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name, kind: 'one-time', at: '2099-01-01T00:00:00.000Z' }),
      ]),
    );
    await call('DELETE', `/schedules/${name}?groupName=${GROUP}`);
    expect((await schedules()).items.map((item) => item.name)).not.toContain(name);
  });
});
