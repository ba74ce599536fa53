import { randomUUID } from 'node:crypto';
import type { ScheduledEvent } from 'aws-lambda';
import { nextFireTime, parseScheduleExpression, type ParsedSchedule } from '../schedules/expression';

export interface LocalSchedule {
  name: string;
  expression: string;
  target: string;
}

export interface ScheduleRun {
  schedule: string;
  trigger: 'timer' | 'manual';
  startedAt: string;
  outcome: 'succeeded' | 'failed';
  error?: string;
}

/** Fires manifest schedules on their expressions, and on demand through `/_local/schedules/{name}/run`. */
export class LocalScheduler {
  readonly runs: ScheduleRun[] = [];
  private readonly parsed: Map<string, { schedule: LocalSchedule; parsed: ParsedSchedule; next?: Date }>;
  private timers: NodeJS.Timeout[] = [];

  constructor(
    schedules: LocalSchedule[],
    private readonly invoke: (target: string, event: ScheduledEvent) => Promise<unknown>,
  ) {
    this.parsed = new Map(
      schedules.map((schedule) => [
        schedule.name,
        { schedule, parsed: parseScheduleExpression(schedule.expression) },
      ]),
    );
  }

  start() {
    for (const name of this.parsed.keys()) this.arm(name);
  }

  stop() {
    this.timers.forEach(clearTimeout);
    this.timers = [];
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
      run = { schedule: name, trigger, startedAt: startedAt.toISOString(), outcome: 'succeeded' };
    } catch (error) {
      run = {
        schedule: name,
        trigger,
        startedAt: startedAt.toISOString(),
        outcome: 'failed',
        error: (error as Error).message,
      };
    }
    this.runs.push(run);
    if (this.runs.length > 500) this.runs.shift();
    return run;
  }

  snapshot() {
    return [...this.parsed.values()].map(({ schedule, next }) => ({
      name: schedule.name,
      expression: schedule.expression,
      target: schedule.target,
      nextRun: next?.toISOString() ?? null,
    }));
  }
}
