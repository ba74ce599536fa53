import { PROGRAMME_TIME_ZONE } from '../calendar';
import { latestFireTime, parseScheduleExpression } from '../schedules/expression';
import { Problem } from '../http/problem';
import type { Campaign, CampaignDefinition } from './model';

/**
 * The occurrence due now: a one-off blast's time, or a recurring campaign's latest cron time (read in the
 * programme's time zone) since the campaign started; undefined when nothing is due.
 */
export function dueOccurrence(campaign: Campaign, now: Date): { occurrence?: string } | undefined {
  const { trigger, startsAt, endsAt } = campaign.definition;
  const nowIso = now.toISOString();
  if (nowIso < startsAt || nowIso >= endsAt) return undefined;
  if (trigger.kind === 'blast') return trigger.at <= nowIso ? {} : undefined;
  if (trigger.kind !== 'recurring') return undefined;
  const schedule = parseScheduleExpression(trigger.schedule);
  if (schedule.kind !== 'cron') return undefined;
  const latest = latestFireTime(schedule, now, PROGRAMME_TIME_ZONE).toISOString();
  return latest >= startsAt ? { occurrence: latest } : undefined;
}

/** Staff saving a recurring campaign learn at once whether its cron fields mean anything. */
export function assertValidSchedule(definition: Pick<CampaignDefinition, 'trigger'>) {
  if (definition.trigger.kind !== 'recurring') return;
  try {
    parseScheduleExpression(definition.trigger.schedule);
  } catch (error) {
    throw new Problem(400, 'INVALID_SCHEDULE', 'Bad request', (error as Error).message);
  }
}
