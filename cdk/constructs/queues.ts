import { Duration } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { queues, type QueueDefinition, type QueueName } from '../../lib/queues/definitions';
import { deadLetterQueue } from './dead-letter-queue';

/** Lambda refuses an SQS mapping whose queue's visibility timeout is shorter than the function's timeout; AWS advises 6x. */
export const VISIBILITY_TIMEOUT_FACTOR = 6;
const DEFAULT_CONSUMER_TIMEOUT_SECONDS = 30;

/** The platform's work queues, each with a redrive policy into its own dead-letter queue. */
export class QueuesConstruct extends Construct {
  readonly queues: Record<QueueName, sqs.Queue>;
  readonly deadLetterQueues: Record<QueueName, sqs.Queue>;

  constructor(
    scope: Construct,
    id: string,
    props: { consumerTimeoutSeconds: Partial<Record<QueueName, number>> },
  ) {
    super(scope, id);
    const deadLetterQueues: Partial<Record<QueueName, sqs.Queue>> = {};
    const build = (name: QueueName, definition: QueueDefinition) => {
      const timeout = props.consumerTimeoutSeconds[name] ?? DEFAULT_CONSUMER_TIMEOUT_SECONDS;
      const dlq = deadLetterQueue(this, `${definition.id}Dlq`, { usedByRedrivePolicy: true });
      deadLetterQueues[name] = dlq;
      return new sqs.Queue(this, definition.id, {
        encryption: sqs.QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        visibilityTimeout: Duration.seconds(timeout * VISIBILITY_TIMEOUT_FACTOR),
        deadLetterQueue: {
          queue: dlq,
          maxReceiveCount: definition.maxReceiveCount,
        },
      });
    };
    this.queues = Object.fromEntries(
      (Object.entries(queues) as [QueueName, QueueDefinition][]).map(([name, definition]) => [
        name,
        build(name, definition),
      ]),
    ) as Record<QueueName, sqs.Queue>;
    this.deadLetterQueues = deadLetterQueues as Record<QueueName, sqs.Queue>;
  }

  /**
   * Lets staff functions read a queue's dead letters and move them back: all at once (SQS's own redrive
   * task) or one by one (received, sent to the queue, deleted).
   */
  grantRedrive(fn: lambda.Function, queue: QueueName) {
    const dlq = this.deadLetterQueues[queue];
    const { deadLetterEnvVars, envVar } = queues[queue];
    fn.addEnvironment(envVar, this.queues[queue].queueUrl);
    fn.addEnvironment(deadLetterEnvVars.url, dlq.queueUrl);
    fn.addEnvironment(deadLetterEnvVars.arn, dlq.queueArn);
    dlq.grantConsumeMessages(fn);
    dlq.grant(fn, 'sqs:StartMessageMoveTask', 'sqs:ListMessageMoveTasks', 'sqs:CancelMessageMoveTask');
    this.queues[queue].grantSendMessages(fn);
  }

  addConsumer(
    fn: lambda.IFunction,
    queue: QueueName,
    options: { batchSize: number; maxBatchingWindowSeconds?: number; maxConcurrency: number },
  ) {
    fn.addEventSource(
      new SqsEventSource(this.queues[queue], {
        batchSize: options.batchSize,
        maxBatchingWindow: options.maxBatchingWindowSeconds
          ? Duration.seconds(options.maxBatchingWindowSeconds)
          : undefined,
        reportBatchItemFailures: true,
        maxConcurrency: options.maxConcurrency,
      }),
    );
  }
}
