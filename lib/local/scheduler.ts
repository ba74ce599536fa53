import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { ScheduledEvent } from 'aws-lambda';
import { nextFireTime, parseScheduleExpression, type ParsedSchedule } from '../schedules/expression';
import { SCHEDULE_NAME } from '../schedules/one-time';

export interface LocalSchedule {
  name: string;
  expression: string;
  target: string;
}

export interface ScheduleRun {
  schedule: string;
  kind: 'recurring' | 'one-time';
  trigger: 'timer' | 'manual';
  /** A one-time schedule's attempt (1, then each retry). */
  attempt?: number;
  startedAt: string;
  outcome: 'succeeded' | 'failed';
  error?: string;
}

/** A one-time schedule as EventBridge Scheduler's CreateSchedule/UpdateSchedule describe it. */
export interface OneTimeSchedule {
  name: string;
  group: string;
  expression: string;
  /** The time of its `at()`, ISO 8601 UTC. */
  at: string;
  targetArn: string;
  roleArn: string;
  input?: string;
  retryAttempts: number;
  deadLetterArn?: string;
  actionAfterCompletion: 'DELETE' | 'NONE';
  description?: string;
  createdAt: string;
  modifiedAt: string;
  /** Fired, and kept because its action after completion is NONE. */
  completed?: boolean;
}

/** A one-time schedule whose every attempt failed (Scheduler would send it to its dead-letter queue). */
export interface ScheduleDeadLetter {
  schedule: string;
  group: string;
  targetArn: string;
  deadLetterArn?: string;
  input?: string;
  error: string;
  at: string;
}

/** An answer of the Scheduler REST-JSON API: errors carry their type in `x-amzn-ErrorType`, as AWS sends them. */
export interface SchedulerApiResult {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

const LOCAL_ACCOUNT_REGION = 'us-east-1:000000000000';
const scheduleArn = (group: string, name: string) =>
  `arn:aws:scheduler:${LOCAL_ACCOUNT_REGION}:schedule/${group}/${name}`;
/** The manifest function a local Lambda ARN names (`…:function:sbm-crm-local-<name>[:qualifier]`). */
export const functionOfArn = (arn: string) => /:function:(?:sbm-crm-local-)?([^:]+)/.exec(arn)?.[1] ?? arn;

class SchedulerApiError extends Error {
  constructor(
    readonly type: 'ValidationException' | 'ConflictException' | 'ResourceNotFoundException',
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}
const invalid = (message: string) => new SchedulerApiError('ValidationException', message, 400);

/**
 * Fires manifest schedules on their expressions, and on demand through `/_local/schedules/{name}/run`;
 * keeps the one-time `at()` schedules functions create through the Scheduler API (`/schedules/{name}`),
 * fires each at its time against the real clock (retrying a failed run, then dead-lettering it) and
 * deletes it after, as `ActionAfterCompletion: DELETE` does.
 */
export class LocalScheduler {
  readonly runs: ScheduleRun[] = [];
  readonly deadLetters: ScheduleDeadLetter[] = [];
  private readonly parsed: Map<string, { schedule: LocalSchedule; parsed: ParsedSchedule; next?: Date }>;
  private timers: NodeJS.Timeout[] = [];
  /** One-time schedules by `group/name`. */
  private readonly once = new Map<string, OneTimeSchedule>();
  private readonly onceTimers = new Map<string, NodeJS.Timeout>();
  private started = false;

  constructor(
    schedules: LocalSchedule[],
    private readonly invoke: (target: string, event: unknown) => Promise<unknown>,
    private readonly options: {
      /** Keeps one-time schedules and their dead letters across restarts. */
      stateFile?: string;
      /** First retry delay of a failed one-time run; Scheduler waits longer, a laptop wants milliseconds. */
      retryBaseDelayMs?: number;
    } = {},
  ) {
    this.parsed = new Map(
      schedules.map((schedule) => [
        schedule.name,
        { schedule, parsed: parseScheduleExpression(schedule.expression) },
      ]),
    );
    const file = options.stateFile;
    if (file && existsSync(file)) {
      const saved = JSON.parse(readFileSync(file, 'utf8')) as {
        oneTime?: OneTimeSchedule[];
        deadLetters?: ScheduleDeadLetter[];
      };
      for (const schedule of saved.oneTime ?? [])
        this.once.set(`${schedule.group}/${schedule.name}`, schedule);
      this.deadLetters.push(...(saved.deadLetters ?? []));
    }
  }

  start() {
    this.started = true;
    for (const name of this.parsed.keys()) this.arm(name);
    for (const key of this.once.keys()) this.armOnce(key);
  }

  stop() {
    this.started = false;
    this.timers.forEach(clearTimeout);
    this.timers = [];
    this.onceTimers.forEach(clearTimeout);
    this.onceTimers.clear();
  }

  private saveState() {
    const file = this.options.stateFile;
    if (!file) return;
    writeFileSync(
      `${file}.tmp`,
      JSON.stringify({ oneTime: [...this.once.values()], deadLetters: this.deadLetters }),
    );
    renameSync(`${file}.tmp`, file);
  }

  /** Arms a one-time schedule's timer (a time already past fires at once). */
  private armOnce(key: string) {
    clearTimeout(this.onceTimers.get(key));
    this.onceTimers.delete(key);
    const schedule = this.once.get(key);
    if (!schedule || schedule.completed || !this.started) return;
    // setTimeout caps at about 24.8 days; re-arm for longer waits.
    const due = new Date(schedule.at).getTime() - Date.now();
    const timer = setTimeout(
      () => {
        this.onceTimers.delete(key);
        if (due > 2 ** 31 - 1) return this.armOnce(key);
        void this.fireOnce(key);
      },
      Math.max(0, Math.min(due, 2 ** 31 - 1)),
    );
    timer.unref();
    this.onceTimers.set(key, timer);
  }

  /** Fires a one-time schedule at its time: each failed attempt retried after a backoff, then dead-lettered. */
  private async fireOnce(key: string) {
    const schedule = this.once.get(key);
    if (!schedule) return;
    for (let attempt = 1; ; attempt++) {
      const run = await this.invokeOnce(schedule, 'timer', attempt);
      // Moved or deleted meanwhile: the new definition has its own timer.
      if (this.once.get(key) !== schedule) return;
      if (run.outcome === 'succeeded') break;
      if (attempt > schedule.retryAttempts) {
        this.deadLetters.push({
          schedule: schedule.name,
          group: schedule.group,
          targetArn: schedule.targetArn,
          deadLetterArn: schedule.deadLetterArn,
          input: schedule.input,
          error: run.error ?? 'failed',
          at: new Date().toISOString(),
        });
        if (this.deadLetters.length > 500) this.deadLetters.shift();
        break;
      }
      await new Promise((resolve) =>
        setTimeout(resolve, (this.options.retryBaseDelayMs ?? 200) * 2 ** (attempt - 1)).unref(),
      );
      if (this.once.get(key) !== schedule) return;
    }
    this.complete(key);
  }

  private complete(key: string) {
    const schedule = this.once.get(key);
    if (schedule?.actionAfterCompletion === 'DELETE') this.once.delete(key);
    else if (schedule) schedule.completed = true;
    this.saveState();
  }

  /** Invokes a one-time schedule's target with its input, Scheduler's context attributes filled in. */
  private async invokeOnce(schedule: OneTimeSchedule, trigger: ScheduleRun['trigger'], attempt: number) {
    const startedAt = new Date();
    const input = (schedule.input ?? '')
      .replaceAll('<aws.scheduler.schedule-arn>', scheduleArn(schedule.group, schedule.name))
      .replaceAll('<aws.scheduler.scheduled-time>', `${schedule.at.slice(0, 19)}Z`)
      .replaceAll('<aws.scheduler.execution-id>', randomBytes(8).toString('hex'))
      .replaceAll('<aws.scheduler.attempt-number>', String(attempt));
    let event: unknown = input;
    try {
      event = JSON.parse(input);
    } catch {
      // Scheduler hands a target text that is not JSON as it is.
    }
    let run: ScheduleRun;
    try {
      await this.invoke(functionOfArn(schedule.targetArn), event);
      run = {
        schedule: schedule.name,
        kind: 'one-time',
        trigger,
        attempt,
        startedAt: startedAt.toISOString(),
        outcome: 'succeeded',
      };
    } catch (error) {
      run = {
        schedule: schedule.name,
        kind: 'one-time',
        trigger,
        attempt,
        startedAt: startedAt.toISOString(),
        outcome: 'failed',
        error: (error as Error).message,
      };
    }
    this.record(run);
    return run;
  }

  private record(run: ScheduleRun) {
    this.runs.push(run);
    if (this.runs.length > 500) this.runs.shift();
  }

  /** The one-time schedule of that name (in `group`, else in any group). */
  private oneTimeKey(name: string, group?: string): string | undefined {
    if (group) return this.once.has(`${group}/${name}`) ? `${group}/${name}` : undefined;
    const schedule = [...this.once.values()].find((candidate) => candidate.name === name);
    return schedule && `${schedule.group}/${name}`;
  }

  /**
   * EventBridge Scheduler's REST-JSON API for one-time schedules: `POST` (create), `PUT` (update), `GET`
   * and `DELETE /schedules/{Name}` (`groupName` in the query for the last two). Recurring expressions and
   * time zones other than UTC are refused: nothing in the platform makes them at run time.
   */
  handleApi(method: string, path: string, query: URLSearchParams, rawBody: string): SchedulerApiResult {
    try {
      const match = /^\/schedules\/([^/]+)$/.exec(path);
      if (!match)
        throw new SchedulerApiError('ResourceNotFoundException', `No such operation ${method} ${path}`, 404);
      const name = decodeURIComponent(match[1]!);
      if (!SCHEDULE_NAME.test(name)) throw invalid(`Name ${name} must be 1-64 of [0-9a-zA-Z-_.]`);
      if (method === 'GET' || method === 'DELETE') {
        const group = query.get('groupName') ?? 'default';
        const key = `${group}/${name}`;
        const schedule = this.once.get(key);
        if (!schedule)
          throw new SchedulerApiError('ResourceNotFoundException', `Schedule ${name} does not exist.`, 404);
        if (method === 'DELETE') {
          this.once.delete(key);
          this.armOnce(key);
          this.saveState();
          return this.ok({});
        }
        return this.ok({
          Arn: scheduleArn(group, name),
          Name: name,
          GroupName: group,
          ScheduleExpression: schedule.expression,
          ScheduleExpressionTimezone: 'UTC',
          FlexibleTimeWindow: { Mode: 'OFF' },
          ActionAfterCompletion: schedule.actionAfterCompletion,
          State: 'ENABLED',
          Description: schedule.description,
          Target: {
            Arn: schedule.targetArn,
            RoleArn: schedule.roleArn,
            Input: schedule.input,
            RetryPolicy: { MaximumRetryAttempts: schedule.retryAttempts },
            ...(schedule.deadLetterArn && { DeadLetterConfig: { Arn: schedule.deadLetterArn } }),
          },
          CreationDate: new Date(schedule.createdAt).getTime() / 1000,
          LastModificationDate: new Date(schedule.modifiedAt).getTime() / 1000,
        });
      }
      if (method !== 'POST' && method !== 'PUT') throw invalid(`Unsupported method ${method}`);
      const body = this.parseBody(rawBody);
      const group = body.GroupName ?? 'default';
      const key = `${group}/${name}`;
      const existing = this.once.get(key);
      if (method === 'POST' && existing)
        throw new SchedulerApiError('ConflictException', `Schedule ${name} already exists.`, 409);
      if (method === 'PUT' && !existing)
        throw new SchedulerApiError('ResourceNotFoundException', `Schedule ${name} does not exist.`, 404);
      const now = new Date().toISOString();
      this.once.set(key, {
        name,
        group,
        expression: body.ScheduleExpression,
        at: body.at,
        targetArn: body.Target.Arn,
        roleArn: body.Target.RoleArn,
        input: body.Target.Input,
        retryAttempts: body.Target.RetryPolicy?.MaximumRetryAttempts ?? 185,
        deadLetterArn: body.Target.DeadLetterConfig?.Arn,
        actionAfterCompletion: body.ActionAfterCompletion === 'DELETE' ? 'DELETE' : 'NONE',
        description: body.Description,
        createdAt: existing?.createdAt ?? now,
        modifiedAt: now,
      });
      this.armOnce(key);
      this.saveState();
      return this.ok({ ScheduleArn: scheduleArn(group, name) });
    } catch (error) {
      if (!(error instanceof SchedulerApiError)) throw error;
      return {
        status: error.status,
        headers: { 'content-type': 'application/json', 'x-amzn-errortype': error.type },
        body: { __type: error.type, Message: error.message },
      };
    }
  }

  private ok(body: unknown): SchedulerApiResult {
    return { status: 200, headers: { 'content-type': 'application/json' }, body };
  }

  private parseBody(rawBody: string) {
    let body: {
      GroupName?: string;
      ScheduleExpression?: unknown;
      ScheduleExpressionTimezone?: unknown;
      ActionAfterCompletion?: unknown;
      Description?: string;
      State?: unknown;
      Target?: {
        Arn?: unknown;
        RoleArn?: unknown;
        Input?: string;
        RetryPolicy?: { MaximumRetryAttempts?: number };
        DeadLetterConfig?: { Arn?: string };
      };
    };
    try {
      body = JSON.parse(rawBody || '{}') as typeof body;
    } catch {
      throw invalid('The body is not JSON');
    }
    const expression = typeof body.ScheduleExpression === 'string' ? body.ScheduleExpression : '';
    const at = /^at\((\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})\)$/.exec(expression);
    if (!at) throw invalid('The local Scheduler keeps one-time at(yyyy-mm-ddThh:mm:ss) schedules only');
    const time = new Date(`${at[1]}Z`);
    if (Number.isNaN(time.getTime())) throw invalid(`Invalid time in ${expression}`);
    if ((body.ScheduleExpressionTimezone ?? 'UTC') !== 'UTC')
      throw invalid('The local Scheduler reads at() in UTC only');
    if (body.State === 'DISABLED') throw invalid('The local Scheduler keeps enabled schedules only');
    const target = body.Target;
    if (typeof target?.Arn !== 'string' || typeof target.RoleArn !== 'string')
      throw invalid('Target.Arn and Target.RoleArn are required');
    return {
      ...body,
      ScheduleExpression: expression,
      at: time.toISOString(),
      Target: { ...target, Arn: target.Arn, RoleArn: target.RoleArn },
    };
  }

  /** Whether a schedule of that name exists: a manifest one, or a one-time one (in `group`, if given). */
  hasAny(name: string, group?: string) {
    return this.parsed.has(name) || this.oneTimeKey(name, group) !== undefined;
  }

  /**
   * Runs a manifest schedule now (or as of `at`), or fires a one-time schedule now: once, and deleted after
   * a run that succeeds as after its timer's; one that fails stays for its time.
   */
  async runAny(name: string, at?: Date, group?: string): Promise<ScheduleRun> {
    if (this.parsed.has(name)) return this.run(name, 'manual', at);
    const key = this.oneTimeKey(name, group);
    const schedule = key && this.once.get(key);
    if (!key || !schedule) throw new Error(`No schedule ${name}`);
    const run = await this.invokeOnce(schedule, 'manual', 1);
    if (run.outcome === 'succeeded' && this.once.get(key) === schedule) {
      clearTimeout(this.onceTimers.get(key));
      this.onceTimers.delete(key);
      this.complete(key);
    }
    return run;
  }

  private arm(name: string) {
    const entry = this.parsed.get(name)!;
    entry.next = nextFireTime(entry.parsed, new Date());
    // setTimeout caps at about 24.8 days; re-arm for longer waits.
    const wait = Math.min(entry.next.getTime() - Date.now(), 2 ** 31 - 1);
    const timer = setTimeout(() => {
      this.timers = this.timers.filter((candidate) => candidate !== timer);
      void this.run(name, 'timer').finally(() => this.arm(name));
    }, wait);
    timer.unref();
    this.timers.push(timer);
  }

  has(name: string) {
    return this.parsed.has(name);
  }

  /** Runs a schedule now, or as of `at` (to see what a later day's run would do). */
  async run(name: string, trigger: ScheduleRun['trigger'], at?: Date): Promise<ScheduleRun> {
    const entry = this.parsed.get(name);
    if (!entry) throw new Error(`No schedule ${name}`);
    const startedAt = at ?? new Date();
    const event: ScheduledEvent = {
      version: '0',
      id: randomUUID(),
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: '000000000000',
      time: startedAt.toISOString(),
      region: 'us-east-1',
      resources: [`arn:aws:scheduler:us-east-1:000000000000:schedule/default/${name}`],
      detail: {},
    };
    let run: ScheduleRun;
    try {
      await this.invoke(entry.schedule.target, event);
      run = {
        schedule: name,
        kind: 'recurring',
        trigger,
        startedAt: startedAt.toISOString(),
        outcome: 'succeeded',
      };
    } catch (error) {
      run = {
        schedule: name,
        kind: 'recurring',
        trigger,
        startedAt: startedAt.toISOString(),
        outcome: 'failed',
        error: (error as Error).message,
      };
    }
    this.record(run);
    return run;
  }

  snapshot() {
    return [
      ...[...this.parsed.values()].map(({ schedule, next }) => ({
        name: schedule.name,
        kind: 'recurring' as const,
        expression: schedule.expression,
        target: schedule.target,
        nextRun: next?.toISOString() ?? null,
      })),
      ...[...this.once.values()].map((schedule) => ({
        name: schedule.name,
        kind: 'one-time' as const,
        group: schedule.group,
        expression: schedule.expression,
        at: schedule.at,
        target: functionOfArn(schedule.targetArn),
        targetArn: schedule.targetArn,
        nextRun: schedule.at,
      })),
    ];
  }
}
