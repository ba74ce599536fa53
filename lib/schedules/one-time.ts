import type { CreateScheduleCommandInput } from '@aws-sdk/client-scheduler';
import { awsClients } from '../aws-clients';
import { lazyEnv } from '../config';
import { lazySchema } from '../lazy-schema';
import * as z from '../zod';

/**
 * One-time schedules on EventBridge Scheduler: `at()` schedules in the stage's one group that invoke a
 * `oneTime`-triggered function with a payload, then delete themselves. The function that creates them
 * declares `oneTimeSchedules` (its targets) in the manifest; the group, the role Scheduler assumes and
 * the dead-letter queue come from cdk/constructs/one-time-schedules.ts.
 */

/** The stage's one schedule group of one-time schedules. */
export const oneTimeScheduleGroupName = (stage: string) => `sbm-crm-${stage}-one-time`;

/** The physical name of the role Scheduler assumes to invoke one-time targets. */
export const oneTimeSchedulerRoleName = (stage: string) => `sbm-crm-${stage}-one-time-scheduler`;

/** The physical name of the dead-letter queue of one-time schedules. */
export const oneTimeScheduleDlqName = (stage: string) => `sbm-crm-${stage}-one-time-schedules-dlq`;

/** Scheduler's rule for schedule names. */
export const SCHEDULE_NAME = /^[0-9a-zA-Z\-_.]{1,64}$/;

/**
 * How far ahead a time already past (or about to pass) is scheduled: late rather than lost. Scheduler
 * fires with one minute's precision, so a schedule any nearer could be read as past when it arrives.
 */
export const PAST_TIME_LEAD_MS = 60_000;

/** Scheduler's retries of a target it could not invoke, before the dead-letter queue. */
export const ONE_TIME_RETRY_POLICY = { MaximumRetryAttempts: 5, MaximumEventAgeInSeconds: 3600 };

/** The environment variable that holds the ARN of a one-time target (a manifest function name). */
export const oneTimeTargetEnvVar = (functionName: string) =>
  `ONE_TIME_TARGET_${functionName.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()}_ARN`;

const env = lazyEnv({
  ONE_TIME_SCHEDULE_GROUP: lazySchema(() => z.string().check(z.minLength(1))),
  ONE_TIME_SCHEDULER_ROLE_ARN: lazySchema(() => z.string().check(z.minLength(1))),
  ONE_TIME_SCHEDULE_DLQ_ARN: lazySchema(() => z.string().check(z.minLength(1))),
});

/**
 * What Scheduler hands the target: the caller's payload, the correlation id of the request that made the
 * schedule, and Scheduler's context attributes, which it fills in on every attempt.
 */
export interface OneTimeEnvelope<P = unknown> {
  payload: P;
  correlationId?: string;
  schedule: string;
  scheduledTime: string;
  executionId: string;
  attempt: string;
}

/** `at(yyyy-mm-ddThh:mm:ss)` in UTC, to the second. */
export const atExpression = (at: Date) => `at(${at.toISOString().slice(0, 19)})`;

/** When a schedule for `at` fires: `at`, or a minute from `now` when `at` is past or nearer than that. */
export function effectiveFireTime(at: Date, now: Date): Date {
  const earliest = now.getTime() + PAST_TIME_LEAD_MS;
  // Rounded up to the second: at() has no milliseconds, and rounding down could land before `earliest`.
  return at.getTime() >= earliest ? at : new Date(Math.ceil(earliest / 1000) * 1000);
}

export class InvalidScheduleNameError extends Error {
  constructor(name: string) {
    super(`Schedule name ${JSON.stringify(name)} is not 1-64 of [0-9a-zA-Z-_.]`);
    this.name = 'InvalidScheduleNameError';
  }
}

const errorName = (error: unknown) => (error as { name?: string } | undefined)?.name;

/**
 * Creates the one-time schedule `name`, or moves it when it exists: a retry or a replayed event leaves
 * one schedule, at the latest time asked. A time already past fires a minute from now (late rather than
 * lost); callers for whom a late run is pointless skip it themselves. Answers when it will fire.
 */
export async function scheduleOnce(
  request: { name: string; at: Date; target: string; payload: unknown; correlationId?: string },
  now = new Date(),
): Promise<{ name: string; at: Date }> {
  if (!SCHEDULE_NAME.test(request.name)) throw new InvalidScheduleNameError(request.name);
  const config = env();
  const targetArn = process.env[oneTimeTargetEnvVar(request.target)];
  if (!targetArn)
    throw new Error(
      `${oneTimeTargetEnvVar(request.target)} is not set: declare the target in oneTimeSchedules`,
    );
  const at = effectiveFireTime(request.at, now);
  const envelope: OneTimeEnvelope = {
    payload: request.payload,
    ...(request.correlationId && { correlationId: request.correlationId }),
    schedule: '<aws.scheduler.schedule-arn>',
    scheduledTime: '<aws.scheduler.scheduled-time>',
    executionId: '<aws.scheduler.execution-id>',
    attempt: '<aws.scheduler.attempt-number>',
  };
  const input: CreateScheduleCommandInput = {
    Name: request.name,
    GroupName: config.ONE_TIME_SCHEDULE_GROUP,
    ScheduleExpression: atExpression(at),
    ScheduleExpressionTimezone: 'UTC',
    FlexibleTimeWindow: { Mode: 'OFF' },
    ActionAfterCompletion: 'DELETE',
    State: 'ENABLED',
    Target: {
      Arn: targetArn,
      RoleArn: config.ONE_TIME_SCHEDULER_ROLE_ARN,
      Input: JSON.stringify(envelope),
      RetryPolicy: ONE_TIME_RETRY_POLICY,
      DeadLetterConfig: { Arn: config.ONE_TIME_SCHEDULE_DLQ_ARN },
    },
  };
  const { CreateScheduleCommand, UpdateScheduleCommand } = await import('@aws-sdk/client-scheduler');
  const client = await awsClients.scheduler();
  try {
    await client.send(new CreateScheduleCommand(input));
  } catch (error) {
    if (errorName(error) !== 'ConflictException') throw error;
    try {
      await client.send(new UpdateScheduleCommand(input));
    } catch (updateError) {
      // Fired and deleted between the two calls (or deleted by a concurrent cancel): made again.
      if (errorName(updateError) !== 'ResourceNotFoundException') throw updateError;
      await client.send(new CreateScheduleCommand(input));
    }
  }
  return { name: request.name, at };
}

/** Deletes the one-time schedule `name`; one that does not exist (fired, or never made) is fine. */
export async function cancelOnce(name: string): Promise<void> {
  if (!SCHEDULE_NAME.test(name)) throw new InvalidScheduleNameError(name);
  const { DeleteScheduleCommand } = await import('@aws-sdk/client-scheduler');
  const client = await awsClients.scheduler();
  try {
    await client.send(new DeleteScheduleCommand({ Name: name, GroupName: env().ONE_TIME_SCHEDULE_GROUP }));
  } catch (error) {
    if (errorName(error) !== 'ResourceNotFoundException') throw error;
  }
}
