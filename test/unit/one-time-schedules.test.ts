// One-time schedules: the Scheduler requests scheduleOnce/cancelOnce make (client mocked), the envelope's
// middy stack, and the local cloud's Scheduler emulation firing, retrying and deleting them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateScheduleCommand,
  DeleteScheduleCommand,
  SchedulerClient,
  UpdateScheduleCommand,
} from '@aws-sdk/client-scheduler';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LocalScheduler } from '../../lib/local/scheduler';
import {
  atExpression,
  cancelOnce,
  effectiveFireTime,
  InvalidScheduleNameError,
  oneTimeTargetEnvVar,
  scheduleOnce,
} from '../../lib/schedules/one-time';
import { oneTimeHandler, PoisonScheduleError } from '../../lib/schedules/one-time-handler';
import * as z from '../../lib/zod';
import { lambdaContext } from '../support/lambda';

const scheduler = mockClient(SchedulerClient);
const TARGET_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:sbm-crm-dev-remindBooking';

beforeEach(() => {
  scheduler.reset();
  Object.assign(process.env, {
    ONE_TIME_SCHEDULE_GROUP: 'sbm-crm-dev-one-time',
    ONE_TIME_SCHEDULER_ROLE_ARN: 'arn:aws:iam::123456789012:role/sbm-crm-dev-one-time-scheduler',
    ONE_TIME_SCHEDULE_DLQ_ARN: 'arn:aws:sqs:us-east-1:123456789012:sbm-crm-dev-one-time-schedules-dlq',
    [oneTimeTargetEnvVar('remindBooking')]: TARGET_ARN,
  });
});

const named = (name: string) => Object.assign(new Error(name), { name });
const now = new Date('2026-03-01T08:00:00.250Z');

describe('one-time schedule times', () => {
  it('writes at() in UTC to the second', () => {
    expect(atExpression(new Date('2026-03-02T06:30:15.900Z'))).toBe('at(2026-03-02T06:30:15)');
  });

  it('keeps a time at least a minute ahead', () => {
    const at = new Date('2026-03-01T08:01:00.250Z');
    expect(effectiveFireTime(at, now)).toEqual(at);
  });

  it.each([
    ['past', '2026-03-01T07:00:00Z'],
    ['too near', '2026-03-01T08:00:30Z'],
  ])('moves a %s time a minute from now, to the next whole second', (_, at) => {
    expect(effectiveFireTime(new Date(at), now)).toEqual(new Date('2026-03-01T08:01:01Z'));
  });

  it('names the target ARN variable after the function', () => {
    expect(oneTimeTargetEnvVar('remindBooking')).toBe('ONE_TIME_TARGET_REMIND_BOOKING_ARN');
  });
});

describe('scheduleOnce', () => {
  const request = {
    name: 'booking-b1-2h',
    at: new Date('2026-03-02T06:00:00Z'),
    target: 'remindBooking',
    payload: { bookingId: 'b1', reminder: '2h' },
    correlationId: 'c-1',
  };

  it('creates an at() schedule in the stage group that deletes itself, with retries and a DLQ', async () => {
    scheduler.on(CreateScheduleCommand).resolves({ ScheduleArn: 'arn' });
    await expect(scheduleOnce(request, now)).resolves.toEqual({ name: 'booking-b1-2h', at: request.at });
    const [call] = scheduler.commandCalls(CreateScheduleCommand);
    const input = call!.args[0].input;
    expect(input).toMatchObject({
      Name: 'booking-b1-2h',
      GroupName: 'sbm-crm-dev-one-time',
      ScheduleExpression: 'at(2026-03-02T06:00:00)',
      ScheduleExpressionTimezone: 'UTC',
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'DELETE',
      Target: {
        Arn: TARGET_ARN,
        RoleArn: 'arn:aws:iam::123456789012:role/sbm-crm-dev-one-time-scheduler',
        RetryPolicy: { MaximumRetryAttempts: 5, MaximumEventAgeInSeconds: 3600 },
        DeadLetterConfig: { Arn: 'arn:aws:sqs:us-east-1:123456789012:sbm-crm-dev-one-time-schedules-dlq' },
      },
    });
    expect(JSON.parse(input.Target!.Input!)).toEqual({
      payload: { bookingId: 'b1', reminder: '2h' },
      correlationId: 'c-1',
      schedule: '<aws.scheduler.schedule-arn>',
      scheduledTime: '<aws.scheduler.scheduled-time>',
      executionId: '<aws.scheduler.execution-id>',
      attempt: '<aws.scheduler.attempt-number>',
    });
    expect(scheduler.commandCalls(UpdateScheduleCommand)).toHaveLength(0);
  });

  it('moves the schedule when one of that name exists (a retry or a replay)', async () => {
    scheduler.on(CreateScheduleCommand).rejects(named('ConflictException'));
    scheduler.on(UpdateScheduleCommand).resolves({ ScheduleArn: 'arn' });
    await scheduleOnce(request, now);
    const [update] = scheduler.commandCalls(UpdateScheduleCommand);
    expect(update!.args[0].input.ScheduleExpression).toBe('at(2026-03-02T06:00:00)');
  });

  it('creates it again when it went between the conflict and the update', async () => {
    scheduler
      .on(CreateScheduleCommand)
      .rejectsOnce(named('ConflictException'))
      .resolves({ ScheduleArn: 'arn' });
    scheduler.on(UpdateScheduleCommand).rejects(named('ResourceNotFoundException'));
    await scheduleOnce(request, now);
    expect(scheduler.commandCalls(CreateScheduleCommand)).toHaveLength(2);
  });

  it('schedules a past time a minute from now', async () => {
    scheduler.on(CreateScheduleCommand).resolves({ ScheduleArn: 'arn' });
    const { at } = await scheduleOnce({ ...request, at: new Date('2026-02-28T00:00:00Z') }, now);
    expect(at).toEqual(new Date('2026-03-01T08:01:01Z'));
    expect(scheduler.commandCalls(CreateScheduleCommand)[0]!.args[0].input.ScheduleExpression).toBe(
      'at(2026-03-01T08:01:01)',
    );
  });

  it.each(['', 'has space', 'x'.repeat(65), 'booking/1'])(
    'refuses the name %j without a call',
    async (name) => {
      await expect(scheduleOnce({ ...request, name }, now)).rejects.toBeInstanceOf(InvalidScheduleNameError);
      expect(scheduler.calls()).toHaveLength(0);
    },
  );

  it('refuses a target whose ARN the function was not given', async () => {
    await expect(scheduleOnce({ ...request, target: 'celebrate' }, now)).rejects.toThrow(
      /ONE_TIME_TARGET_CELEBRATE_ARN/,
    );
  });

  it('passes on other errors', async () => {
    scheduler.on(CreateScheduleCommand).rejects(named('ThrottlingException'));
    await expect(scheduleOnce(request, now)).rejects.toThrow('ThrottlingException');
  });
});

describe('cancelOnce', () => {
  it('deletes the schedule from the stage group', async () => {
    scheduler.on(DeleteScheduleCommand).resolves({});
    await cancelOnce('booking-b1-2h');
    expect(scheduler.commandCalls(DeleteScheduleCommand)[0]!.args[0].input).toEqual({
      Name: 'booking-b1-2h',
      GroupName: 'sbm-crm-dev-one-time',
    });
  });

  it('takes a schedule that does not exist as cancelled', async () => {
    scheduler.on(DeleteScheduleCommand).rejects(named('ResourceNotFoundException'));
    await expect(cancelOnce('booking-b1-2h')).resolves.toBeUndefined();
  });

  it('passes on other errors', async () => {
    scheduler.on(DeleteScheduleCommand).rejects(named('AccessDeniedException'));
    await expect(cancelOnce('booking-b1-2h')).rejects.toThrow('AccessDeniedException');
  });
});

describe('the one-time middy stack', () => {
  const envelope = (payload: unknown) => ({
    payload,
    correlationId: 'c-1',
    schedule: 'arn:aws:scheduler:us-east-1:1:schedule/g/n',
    scheduledTime: '2026-03-02T06:00:00Z',
    executionId: 'e-1',
    attempt: '1',
  });
  const schema = z.object({ bookingId: z.string(), reminder: z.enum(['24h', '2h']) });

  it('hands the handler the parsed payload and the run', async () => {
    const handle = vi.fn(async () => {});
    await oneTimeHandler(schema, handle)(envelope({ bookingId: 'b1', reminder: '2h' }), lambdaContext());
    expect(handle).toHaveBeenCalledWith(
      { bookingId: 'b1', reminder: '2h' },
      {
        schedule: 'arn:aws:scheduler:us-east-1:1:schedule/g/n',
        scheduledTime: '2026-03-02T06:00:00Z',
        executionId: 'e-1',
      },
    );
  });

  it.each([
    ['a payload that does not match', envelope({ bookingId: 'b1', reminder: '3h' })],
    ['no envelope', { bookingId: 'b1', reminder: '2h' }],
  ])('throws on %s without running the handler', async (_, event) => {
    const handle = vi.fn(async () => {});
    await expect(oneTimeHandler(schema, handle)(event, lambdaContext())).rejects.toBeInstanceOf(
      PoisonScheduleError,
    );
    expect(handle).not.toHaveBeenCalled();
  });
});

describe('the local Scheduler', () => {
  const body = (at: string, extra: Record<string, unknown> = {}) =>
    JSON.stringify({
      GroupName: 'g',
      ScheduleExpression: `at(${at})`,
      ScheduleExpressionTimezone: 'UTC',
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'DELETE',
      Target: {
        Arn: 'arn:aws:lambda:us-east-1:000000000000:function:sbm-crm-local-remindBooking',
        RoleArn: 'arn:aws:iam::000000000000:role/r',
        Input: JSON.stringify({
          payload: { n: 1 },
          executionId: '<aws.scheduler.execution-id>',
          scheduledTime: '<aws.scheduler.scheduled-time>',
          attempt: '<aws.scheduler.attempt-number>',
        }),
        RetryPolicy: { MaximumRetryAttempts: 1 },
      },
      ...extra,
    });
  const group = new URLSearchParams({ groupName: 'g' });
  const later = '2099-01-01T00:00:00';
  let local: LocalScheduler | undefined;
  afterEach(() => local?.stop());

  it('creates, reads, refuses a second create, updates and deletes a schedule', () => {
    local = new LocalScheduler([], async () => {});
    expect(local.handleApi('POST', '/schedules/s-1', group, body(later)).status).toBe(200);
    const again = local.handleApi('POST', '/schedules/s-1', group, body(later));
    expect(again).toMatchObject({ status: 409, headers: { 'x-amzn-errortype': 'ConflictException' } });
    expect(local.handleApi('PUT', '/schedules/s-1', group, body('2099-01-02T00:00:00')).status).toBe(200);
    expect(local.handleApi('GET', '/schedules/s-1', group, '').body).toMatchObject({
      Name: 's-1',
      GroupName: 'g',
      ScheduleExpression: 'at(2099-01-02T00:00:00)',
    });
    expect(local.snapshot()).toEqual([
      expect.objectContaining({
        name: 's-1',
        kind: 'one-time',
        at: '2099-01-02T00:00:00.000Z',
        target: 'remindBooking',
      }),
    ]);
    expect(local.handleApi('DELETE', '/schedules/s-1', group, '').status).toBe(200);
    expect(local.handleApi('DELETE', '/schedules/s-1', group, '')).toMatchObject({
      status: 404,
      headers: { 'x-amzn-errortype': 'ResourceNotFoundException' },
    });
    expect(local.snapshot()).toEqual([]);
  });

  it('refuses recurring expressions, other time zones and missing targets', () => {
    local = new LocalScheduler([], async () => {});
    const refused = (text: string) => local!.handleApi('POST', '/schedules/s-1', group, text);
    expect(refused(body(later, { ScheduleExpression: 'rate(1 hour)' })).status).toBe(400);
    expect(refused(body(later, { ScheduleExpressionTimezone: 'Asia/Shanghai' })).status).toBe(400);
    expect(refused(body(later, { Target: {} })).status).toBe(400);
    expect(refused('not json').status).toBe(400);
    expect(local.snapshot()).toEqual([]);
  });

  it('fires a schedule at its time with the context attributes filled in, then deletes it', async () => {
    const invoked: [string, unknown][] = [];
    local = new LocalScheduler([], async (target, event) => void invoked.push([target, event]));
    local.start();
    const at = new Date(Date.now() + 1000).toISOString().slice(0, 19);
    local.handleApi('POST', '/schedules/s-1', group, body(at));
    await vi.waitFor(() => expect(invoked).toHaveLength(1), { timeout: 3000 });
    expect(invoked[0]![0]).toBe('remindBooking');
    expect(invoked[0]![1]).toMatchObject({ payload: { n: 1 }, scheduledTime: `${at}Z`, attempt: '1' });
    expect((invoked[0]![1] as { executionId: string }).executionId).toMatch(/^[0-9a-f]{16}$/);
    expect(local.snapshot()).toEqual([]);
    expect(local.runs).toEqual([
      expect.objectContaining({ schedule: 's-1', kind: 'one-time', outcome: 'succeeded' }),
    ]);
  });

  it('retries a failed run as its policy says, then dead-letters and deletes it', async () => {
    const target = vi.fn(async () => {
      throw new Error('boom');
    });
    local = new LocalScheduler([], target, { retryBaseDelayMs: 10 });
    local.start();
    local.handleApi('POST', '/schedules/s-1', group, body('2020-01-01T00:00:00'));
    await vi.waitFor(() => expect(local!.deadLetters).toHaveLength(1), { timeout: 3000 });
    expect(target).toHaveBeenCalledTimes(2);
    expect(local.runs.map((run) => [run.attempt, run.outcome])).toEqual([
      [1, 'failed'],
      [2, 'failed'],
    ]);
    expect(local.deadLetters[0]).toMatchObject({ schedule: 's-1', group: 'g', error: 'boom' });
    expect(local.snapshot()).toEqual([]);
  });

  it('fires one now on demand; a run that fails leaves it for its time', async () => {
    let fail = true;
    local = new LocalScheduler([], async () => {
      if (fail) throw new Error('not yet');
    });
    local.start();
    local.handleApi('POST', '/schedules/s-1', group, body(later));
    expect(await local.runAny('s-1')).toMatchObject({ outcome: 'failed', trigger: 'manual' });
    expect(local.snapshot()).toHaveLength(1);
    fail = false;
    expect(await local.runAny('s-1', undefined, 'g')).toMatchObject({ outcome: 'succeeded' });
    expect(local.hasAny('s-1')).toBe(false);
  });

  it('keeps schedules across restarts with a state file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sbm-schedules-'));
    try {
      const file = join(dir, 'schedules.json');
      new LocalScheduler([], async () => {}, { stateFile: file }).handleApi(
        'POST',
        '/schedules/s-1',
        group,
        body(later),
      );
      local = new LocalScheduler([], async () => {}, { stateFile: file });
      expect(local.snapshot()).toEqual([expect.objectContaining({ name: 's-1', group: 'g' })]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
