import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import * as z from '../zod';
import { conditionFailedReasons, documents } from '../db/client';
import { tableNameFromEnv } from '../db/tables';
import {
  idempotencyRecordPut,
  readIdempotencyRecord,
  requestHashOf,
  saveIdempotentResult,
} from '../db/idempotency-record';
import { eventIdOf } from '../events/event-id';
import { publishEvents, type DomainEvent } from '../events/publisher';
import { Problem, problems } from '../http/problem';
import { pointsAccountKey } from './accounts';
import { adjustmentResultSchema, type AdjustmentResult } from './adjustment-schemas';
import { earningRulesAt } from './earning-rules-store';
import { lotCredit, lotKey } from './lot-store';
import { readLots } from './lot-store';
import { lotFor, planConsumption } from './lots';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const table = () => tableNameFromEnv('main');
const idempotencyRef = (customerId: string, key: string) => ({ customerId, scope: 'adjust', key });

/** A staff adjustment's event: once per adjustment. */
export const pointsAdjustedEvent = (
  data: DomainEvent<'PointsAdjusted'>['data'],
): DomainEvent<'PointsAdjusted'> => ({
  name: 'PointsAdjusted',
  eventId: eventIdOf('PointsAdjusted', data.adjustmentId),
  data,
});

/**
 * A staff adjustment: added points go into today's lot; removed points come out of the soonest-expiring
 * lots and may not exceed the balance. One transaction with its Idempotency-Key record, so a retried
 * request adjusts once.
 */
export async function adjustPoints(
  request: {
    customerId: string;
    points: number;
    reasonCode: string;
    note: string;
    staffId: string;
    idempotencyKey: string;
    correlationId: string;
  },
  now = new Date(),
): Promise<{ result: AdjustmentResult; replayed: boolean }> {
  const hash = requestHashOf([request.customerId, request.points, request.reasonCode, request.note]);
  const ref = idempotencyRef(request.customerId, request.idempotencyKey);
  for (let attempt = 0; attempt < 5; attempt++) {
    const stored = await readIdempotencyRecord(ref, hash, { adjustmentId: z.string() });
    if (stored) {
      if (stored.result) return { result: adjustmentResultSchema.parse(stored.result), replayed: true };
      // Applied, but the result was not recorded (a crash right after, or a twin request still finishing).
      const current = await documents.get({ TableName: table(), Key: pointsAccountKey(request.customerId) });
      const balance = Number(current.Item?.balance ?? 0);
      return {
        result: {
          adjustmentId: stored.adjustmentId,
          customerId: request.customerId,
          points: request.points,
          balance,
        },
        replayed: true,
      };
    }
    const account = await documents.get({
      TableName: table(),
      Key: pointsAccountKey(request.customerId),
      ConsistentRead: true,
    });
    if (!account.Item) throw problems.notFound(`Points account of ${request.customerId}`);
    const adjustmentId = ulid(now.getTime());
    const items: TransactItem[] = [idempotencyRecordPut(ref, hash, { adjustmentId }, now)];
    const magnitude = Math.abs(request.points);
    if (request.points > 0) {
      const rules = await earningRulesAt(now.toISOString());
      const lot = lotFor(now, rules.expiry);
      items.push(
        {
          Update: {
            TableName: table(),
            Key: pointsAccountKey(request.customerId),
            UpdateExpression: 'ADD balance :p, version :one',
            ExpressionAttributeValues: { ':p': magnitude, ':one': 1 },
          },
        },
        lotCredit(request.customerId, lot, magnitude),
      );
    } else {
      const plan = planConsumption(await readLots(request.customerId), magnitude, now);
      if (!plan)
        throw new Problem(
          409,
          'INSUFFICIENT_POINTS',
          'Conflict',
          'The live points do not cover this deduction.',
        );
      items.push(
        {
          Update: {
            TableName: table(),
            Key: pointsAccountKey(request.customerId),
            UpdateExpression: 'ADD balance :minus, version :one',
            ConditionExpression: 'balance >= :p',
            ExpressionAttributeValues: { ':minus': -magnitude, ':p': magnitude, ':one': 1 },
          },
        },
        ...plan.map((step): TransactItem => ({
          Update: {
            TableName: table(),
            Key: lotKey(request.customerId, step.bucket),
            UpdateExpression: 'ADD remaining :minus',
            ConditionExpression: 'remaining >= :take',
            ExpressionAttributeValues: { ':minus': -step.take, ':take': step.take },
          },
        })),
      );
    }
    items.push({
      Put: {
        TableName: table(),
        Item: {
          pk: `CUSTOMER#${request.customerId}`,
          sk: `LEDGER#${now.toISOString()}#adjust:${adjustmentId}`,
          type: 'adjust',
          points: request.points,
          balanceDelta: request.points,
          pendingDelta: 0,
          source: {
            kind: 'adjustment',
            adjustmentId,
            reasonCode: request.reasonCode,
            staffId: request.staffId,
          },
          note: request.note,
          at: now.toISOString(),
        },
      },
    });
    try {
      await documents.transactWrite({ TransactItems: items });
    } catch (error) {
      const reasons = conditionFailedReasons(error);
      if (!reasons) throw error;
      if (reasons[1] === 'ConditionalCheckFailed')
        throw new Problem(
          409,
          'INSUFFICIENT_POINTS',
          'Conflict',
          'The balance does not cover this deduction.',
        );
      continue; // a concurrent request with the same key, or a lot that changed: look again
    }
    await publishEvents(
      [
        pointsAdjustedEvent({
          customerId: request.customerId,
          points: request.points,
          reasonCode: request.reasonCode,
          staffId: request.staffId,
          adjustmentId,
        }),
      ],
      request.correlationId,
    );
    const after = await documents.get({ TableName: table(), Key: pointsAccountKey(request.customerId) });
    const result = {
      adjustmentId,
      customerId: request.customerId,
      points: request.points,
      balance: Number(after.Item?.balance ?? 0),
    };
    await saveIdempotentResult(ref, result);
    return { result, replayed: false };
  }
  throw new Problem(409, 'ADJUSTMENT_BUSY', 'Conflict', 'Too many changes at once; retry.', {
    headers: { 'retry-after': '1' },
  });
}
