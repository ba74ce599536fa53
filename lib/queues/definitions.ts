/**
 * The one definition of every SQS queue, used by CDK and the local cloud. Each has a dead-letter queue
 * that receives a message after `maxReceiveCount` failed deliveries.
 */
export interface QueueDefinition {
  id: string;
  envVar: string;
  /** Variables through which staff functions reach the dead-letter queue (URL to read, ARN to redrive). */
  deadLetterEnvVars: { url: string; arn: string };
  maxReceiveCount: number;
  description: string;
}

export const queues = {
  pos: {
    id: 'PosTransactions',
    envVar: 'POS_QUEUE_URL',
    deadLetterEnvVars: { url: 'POS_DLQ_URL', arn: 'POS_DLQ_ARN' },
    maxReceiveCount: 5,
    description: 'Signed POS transactions between the intake API and the loyalty consumer',
  },
  campaignBlast: {
    id: 'CampaignBlast',
    envVar: 'CAMPAIGN_BLAST_QUEUE_URL',
    deadLetterEnvVars: { url: 'CAMPAIGN_BLAST_DLQ_URL', arn: 'CAMPAIGN_BLAST_DLQ_ARN' },
    maxReceiveCount: 5,
    description: "Pages of a campaign blast's audience between the fan-out and the delivery consumer",
  },
  reports: {
    id: 'ReportRuns',
    envVar: 'REPORTS_QUEUE_URL',
    deadLetterEnvVars: { url: 'REPORTS_DLQ_URL', arn: 'REPORTS_DLQ_ARN' },
    // Each delivery runs the query again (an Athena scan is paid for): three tries, then the dead letters.
    maxReceiveCount: 3,
    description: 'Report runs staff asked for, between the request route and the worker that runs the query',
  },
} as const satisfies Record<string, QueueDefinition>;

export type QueueName = keyof typeof queues;
