import type { EventName } from '../../events/catalogue';
import type { TableName } from '../db/tables';
import type { RouteContract } from '../http/route';
import type { QueueName } from '../queues/definitions';

export type Service =
  'auth' | 'customers' | 'loyalty' | 'campaigns' | 'notifications' | 'analytics' | 'ai' | 'bookings' | 'pos';

export type Trigger =
  /** An API Gateway route; the route contract carries method, path, auth rule and schemas. */
  | { kind: 'http'; route: RouteContract }
  /**
   * A Lambda REQUEST authorizer of the API: `bearer` checks access tokens on member and staff routes;
   * `posKey` names the POS key's usage plan key on POS routes (the signature is checked in the function).
   */
  | { kind: 'authorizer'; scheme: 'bearer' | 'posKey'; cacheTtlSeconds: number }
  /**
   * An EventBridge rule on the platform bus matching these catalogue events. With `batches`, the rule
   * fills an SQS buffer of the function's own and the function takes its events in batches (for
   * consumers that only count, so that a batch is applied in one transaction).
   */
  | { kind: 'event'; events: EventName[]; batches?: EventBatches }
  /** An SQS event-source mapping with partial batch failures. */
  | {
      kind: 'queue';
      queue: QueueName;
      batchSize: number;
      maxBatchingWindowSeconds?: number;
      /** How many batches the event-source mapping hands to the function at once (2 to 1,000). */
      maxConcurrency: number;
    }
  /** An EventBridge schedule: `rate(...)` or a six-field `cron(...)` in UTC. */
  | { kind: 'schedule'; expression: string; description: string }
  /**
   * Invoked by one-time EventBridge Scheduler schedules (`at()`) that other functions create through
   * lib/schedules/one-time.ts; the handler (lib/schedules/one-time-handler.ts) takes their payload.
   */
  | { kind: 'oneTime'; description: string };

export interface EventBatches {
  /** At most this many events per invocation. */
  batchSize: number;
  /** How long the buffer gathers events before handing over a batch that is not full. */
  maxBatchingWindowSeconds: number;
  /** How many batches the event-source mapping hands to the function at once (2 to 1,000). */
  maxConcurrency: number;
}

/** Secrets a function may read, and the configuration that comes with them. */
export type SecretName =
  | 'jwtSigningKeys'
  | 'wechatApp'
  | 'wechatOfficialAccount'
  | 'tencentCloudSms'
  | 'posSecretBox'
  | 'staffSecretBox'
  | 'cursorKey';

/**
 * How a function uses one table, in DynamoDB's operations, each granted as its one IAM action and nothing
 * else: reads `get` (GetItem), `batchGet` (BatchGetItem), `query` (Query on the table and its indexes),
 * `scan` (Scan; only the few that read a whole table); writes `put` (PutItem), `update` (UpdateItem),
 * `delete` (DeleteItem), `check` (ConditionCheckItem, a condition on another item of a transaction). A
 * transaction needs the actions of its items. test/unit/manifest-access.test.ts checks each declaration
 * against the operations its handler's code reaches.
 */
export interface TableAccess {
  reads?: readonly ('get' | 'batchGet' | 'query' | 'scan')[];
  writes?: readonly ('put' | 'update' | 'delete' | 'check')[];
}

export interface Access {
  tables?: Partial<Record<TableName, TableAccess>>;
  /**
   * Appends entries to the audit trail (lib/audit): puts new `AUDIT#` items, each on the condition that it
   * does not exist yet. No role may update or delete audit items; a role that writes the main table without
   * this may not put them either (cdk/function-factory.ts denies it by partition key).
   */
  appendsAudit?: boolean;
  /** May publish to the platform event bus. */
  publishesEvents?: boolean;
  /** Queues it may send to. */
  sendsTo?: QueueName[];
  /** Queues whose dead letters it may read and move back (staff redrive). */
  redrives?: QueueName[];
  secrets?: SecretName[];
  /**
   * The POS keys' API Gateway API keys in the API's POS usage plan: `disableKeys` turns a key's off (revoking
   * a key, deactivating a store); `addAndDisableKeys` also finds the plan and adds new keys to it (issuing
   * and rotating, which disable the key they replace or could not finish).
   */
  managesPosUsagePlan?: 'disableKeys' | 'addAndDisableKeys';
  /**
   * Reward pictures in the media bucket: `link` shows their public URLs; `check` also reads whether one
   * was uploaded; `upload` also signs upload forms (which S3 runs with the function's own grant).
   */
  rewardImages?: 'link' | 'check' | 'upload';
  /** Runs queries over the event archive: Athena in its workgroup, the Glue table, the archive's files. */
  queriesArchive?: boolean;
  /**
   * Creates, moves and deletes one-time schedules (lib/schedules/one-time.ts) that invoke these
   * `oneTime`-triggered functions: scheduler:CreateSchedule, UpdateSchedule, DeleteSchedule and GetSchedule
   * on the stage's one-time schedule group, and iam:PassRole on the one role Scheduler assumes.
   */
  oneTimeSchedules?: string[];
}

export interface FunctionDeclaration {
  service: Service;
  /** Path of the handler file from the repository root; it exports `handler`. */
  handler: `functions/${string}.ts`;
  description: string;
  trigger: Trigger;
  access: Access;
  timeoutSeconds?: number;
  memoryMb?: number;
  /**
   * Folders the handler reads at run time, shipped beside its bundle: `from` in the repository, `to`
   * relative to the bundle, where `new URL('./<to>/…', import.meta.url)` finds it (its source's
   * neighbour when run from the repository).
   */
  runtimeFiles?: { from: string; to: string }[];
  /**
   * The stacks of a function added after its service's stacks filled up (CloudFormation's 500 resources),
   * instead of its service's group (cdk/stack-groups.ts). A function never changes stacks once deployed.
   */
  stackGroup?: 'reports' | 'bookings';
  /**
   * Concurrency set aside for this function alone, which is also its ceiling: the purchase path keeps
   * running when other functions use up the account's concurrency (a campaign blast), and cannot
   * itself take all of it. A queue consumer's must cover its mapping's `maxConcurrency`.
   */
  reservedConcurrency?: number;
}
