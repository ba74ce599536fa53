/**
 * The one definition of every SQS queue, used by CDK and the local cloud. Each has a dead-letter queue
 * that receives a message after `maxReceiveCount` failed deliveries.
 */
export interface QueueDefinition {
  id: string;
  envVar: string;
  maxReceiveCount: number;
  description: string;
}

export const queues = {
  pos: {
    id: 'PosTransactions',
    envVar: 'POS_QUEUE_URL',
    maxReceiveCount: 5,
    description: 'Signed POS transactions between the intake API and the loyalty consumer',
  },
} as const satisfies Record<string, QueueDefinition>;

export type QueueName = keyof typeof queues;
