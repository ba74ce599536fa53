import {
  IdempotencyItemAlreadyExistsError,
  IdempotencyItemNotFoundError,
  IdempotencyRecordStatus,
} from '@aws-lambda-powertools/idempotency';
import { BasePersistenceLayer, IdempotencyRecord } from '@aws-lambda-powertools/idempotency/persistence';
import { documents, isConditionFailure } from '../db/client';

interface StoredRecord {
  id: string;
  status: IdempotencyRecord['status'];
  expiration: number;
  in_progress_expiration?: number;
  data?: IdempotencyRecord['responseData'];
  validation?: string;
}

const toRecord = (item: StoredRecord) =>
  new IdempotencyRecord({
    idempotencyKey: item.id,
    status: item.status,
    expiryTimestamp: item.expiration,
    inProgressExpiryTimestamp: item.in_progress_expiration,
    responseData: item.data,
    payloadHash: item.validation,
  });

/**
 * Powertools Idempotency records in the idempotency table, through the platform's one DynamoDB client
 * (loaded on first use, so a consumer's cold import stays light). Same items and conditions as
 * Powertools' DynamoDBPersistenceLayer: a record may be taken over only once expired, or once its
 * in-progress lease has lapsed.
 */
export class IdempotencyStore extends BasePersistenceLayer {
  constructor(private readonly tableName: () => string) {
    super();
  }

  protected async _getRecord(idempotencyKey: string): Promise<IdempotencyRecord> {
    const { Item } = await documents.get({
      TableName: this.tableName(),
      Key: { id: idempotencyKey },
      ConsistentRead: true,
    });
    if (!Item) throw new IdempotencyItemNotFoundError();
    return toRecord(Item as StoredRecord);
  }

  protected async _putRecord(record: IdempotencyRecord): Promise<void> {
    const now = Date.now();
    try {
      await documents.put({
        TableName: this.tableName(),
        Item: {
          id: record.idempotencyKey,
          status: record.getStatus(),
          expiration: record.expiryTimestamp,
          in_progress_expiration: record.inProgressExpiryTimestamp,
          validation: this.isPayloadValidationEnabled() ? record.payloadHash : undefined,
        },
        ConditionExpression:
          'attribute_not_exists(id) OR expiration < :now OR (#status = :inProgress AND attribute_exists(in_progress_expiration) AND in_progress_expiration < :nowMs)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':now': now / 1000,
          ':nowMs': now,
          ':inProgress': IdempotencyRecordStatus.INPROGRESS,
        },
      });
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const existing = await this._getRecord(record.idempotencyKey).catch(() => undefined);
      throw new IdempotencyItemAlreadyExistsError(
        `Failed to put record for already existing idempotency key: ${record.idempotencyKey}`,
        existing,
      );
    }
  }

  protected async _updateRecord(record: IdempotencyRecord): Promise<void> {
    await documents.update({
      TableName: this.tableName(),
      Key: { id: record.idempotencyKey },
      UpdateExpression: 'SET expiration = :expiration, #status = :status, #data = :data',
      ExpressionAttributeNames: { '#status': 'status', '#data': 'data' },
      ExpressionAttributeValues: {
        ':expiration': record.expiryTimestamp,
        ':status': record.getStatus(),
        ':data': record.responseData ?? null,
      },
    });
  }

  protected async _deleteRecord(record: IdempotencyRecord): Promise<void> {
    await documents.delete({ TableName: this.tableName(), Key: { id: record.idempotencyKey } });
  }
}
