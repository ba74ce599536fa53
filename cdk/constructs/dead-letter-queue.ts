import { Duration, Validations } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct, IConstruct } from 'constructs';

/** Every queue made by `deadLetterQueue`, so that monitoring alarms on each one's depth without a list to keep. */
const deadLetterQueues = new WeakSet<IConstruct>();

/** Whether a construct is a dead-letter queue made by `deadLetterQueue`. */
export const isDeadLetterQueue = (construct: IConstruct): construct is sqs.Queue =>
  deadLetterQueues.has(construct);

/** A dead-letter queue: encrypted, TLS only, kept for the maximum 14 days for inspection and redrive. */
export function deadLetterQueue(
  scope: Construct,
  id: string,
  options: { usedByRedrivePolicy: boolean },
): sqs.Queue {
  const queue = new sqs.Queue(scope, id, {
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  deadLetterQueues.add(queue);
  if (!options.usedByRedrivePolicy) {
    Validations.of(queue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself a dead-letter queue of an EventBridge target or a Lambda async invoke.',
    });
  }
  return queue;
}
