import { documents, isConditionFailure } from '../db/client';
import { tableNameFromEnv } from '../db/tables';
import { publishEvents } from '../events/publisher';
import { customerKey, getCustomerRecord, isProfileComplete, LIVE_MEMBER_CONDITION } from './repository';
import { eventIdOf } from '../events/event-id';

/**
 * After a profile change: the first time the profile is complete, ProfileCompleted goes out (with an id
 * fixed by the member, so a crash before the mark below only means the next change publishes it again,
 * which consumers apply once), then the profile is marked.
 */
export async function noteProfileCompletion(customerId: string, correlationId: string, now = new Date()) {
  const record = await getCustomerRecord(customerId);
  if (!record || record.erasedAt || record.profileCompletedAt || !isProfileComplete(record)) return false;
  await publishEvents(
    [
      {
        name: 'ProfileCompleted',
        eventId: eventIdOf('ProfileCompleted', customerId),
        data: { customerId, completedAt: now.toISOString() },
      },
    ],
    correlationId,
  );
  try {
    await documents.update({
      TableName: tableNameFromEnv('main'),
      Key: customerKey(customerId),
      UpdateExpression: 'SET profileCompletedAt = if_not_exists(profileCompletedAt, :now)',
      ConditionExpression: LIVE_MEMBER_CONDITION,
      ExpressionAttributeValues: { ':now': now.toISOString() },
    });
  } catch (error) {
    // Erased meanwhile: the event went out for a complete profile; an erased one needs no mark.
    if (!isConditionFailure(error)) throw error;
  }
  return true;
}
