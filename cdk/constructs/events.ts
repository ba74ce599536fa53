import { Duration, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { EventName } from '../../events/catalogue';
import type { EventBatches } from '../../lib/manifest/types';
import {
  EVENT_BUFFER_MAX_RECEIVE_COUNT,
  EVENT_TARGET_MAX_AGE_HOURS,
  EVENT_TARGET_RETRY_ATTEMPTS,
  eventPatternFor,
  PLATFORM_BUS_NAME,
} from '../../lib/events/rules';
import { deadLetterQueue } from './dead-letter-queue';
import { VISIBILITY_TIMEOUT_FACTOR } from './queues';

/** The platform's event bus, with an archive for replay. */
export class EventsConstruct extends Construct {
  readonly bus: events.EventBus;

  constructor(scope: Construct, id: string, props: { stage: string }) {
    super(scope, id);
    this.bus = new events.EventBus(this, 'Bus', { eventBusName: `${PLATFORM_BUS_NAME}-${props.stage}` });
    this.bus.archive('Archive', {
      archiveName: `sbm-crm-${props.stage}-events`,
      description: 'Every domain event, for replay after a consumer bug',
      eventPattern: { account: [Stack.of(this).account] },
      retention: Duration.days(90),
    });
  }
}

/**
 * Routes the given catalogue events on the platform bus to a function. Delivery failures are retried
 * by the rule target and function errors by Lambda's async retries; both end in the same dead-letter
 * queue. With `batches`, the rule fills an SQS buffer of the function's own instead, which the function
 * drains in batches (partial failures reported, redrive to the same dead-letter queue). Built in the
 * function's own stack, so the core stack never depends on a function. The rule or buffer invokes
 * `target`: the function's live alias where it deploys gradually.
 */
export function addEventConsumer(
  scope: Construct,
  name: string,
  fn: lambda.Function,
  bus: events.IEventBus,
  eventNames: readonly EventName[],
  batches?: EventBatches,
  target: lambda.IFunction = fn,
) {
  const dlq = deadLetterQueue(scope, `${name}Dlq`, { usedByRedrivePolicy: batches !== undefined });
  const rule = new events.Rule(scope, `${name}Rule`, {
    eventBus: bus,
    description: `${eventNames.join(', ')} to ${name}`,
    eventPattern: eventPatternFor(eventNames),
  });
  const delivery = {
    deadLetterQueue: dlq,
    retryAttempts: EVENT_TARGET_RETRY_ATTEMPTS,
    maxEventAge: Duration.hours(EVENT_TARGET_MAX_AGE_HOURS),
  };
  if (batches) {
    const buffer = new sqs.Queue(scope, `${name}Buffer`, {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(fn.timeout!.toSeconds() * VISIBILITY_TIMEOUT_FACTOR),
      deadLetterQueue: { queue: dlq, maxReceiveCount: EVENT_BUFFER_MAX_RECEIVE_COUNT },
    });
    rule.addTarget(new targets.SqsQueue(buffer, delivery));
    target.addEventSource(
      new SqsEventSource(buffer, {
        batchSize: batches.batchSize,
        maxBatchingWindow: Duration.seconds(batches.maxBatchingWindowSeconds),
        reportBatchItemFailures: true,
        maxConcurrency: batches.maxConcurrency,
      }),
    );
    return dlq;
  }
  rule.addTarget(new targets.LambdaFunction(target, delivery));
  new lambda.EventInvokeConfig(scope, `${name}AsyncConfig`, {
    function: fn,
    qualifier: target instanceof lambda.Alias ? target.aliasName : undefined,
    retryAttempts: EVENT_TARGET_RETRY_ATTEMPTS,
    maxEventAge: Duration.hours(EVENT_TARGET_MAX_AGE_HOURS),
    onFailure: new SqsDestination(dlq),
  });
  return dlq;
}
