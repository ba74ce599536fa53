import { Stack, type StackProps } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { FunctionDeclaration } from '../../lib/manifest/types';
import type { StageConfig } from '../config';
import type { CrmFunction } from '../constructs/crm-function';
import { addEventConsumer } from '../constructs/events';
import { oneTimeScheduleArns } from '../constructs/one-time-schedules';
import { SCHEDULED_RUN_RETRY_ATTEMPTS, SchedulesConstruct } from '../constructs/schedules';
import { buildFunction } from '../function-factory';
import type { CoreStack } from './core';

/**
 * The asynchronous side of one stack group: event consumers with their rules and dead-letter queues,
 * queue consumers, schedules (in a schedule group of the stack's own), and the targets of one-time schedules.
 */
export class WorkersStack extends Stack {
  readonly functions: Record<string, CrmFunction> = {};

  constructor(
    scope: Construct,
    id: string,
    props: StackProps & {
      stage: string;
      config: StageConfig;
      root: string;
      core: CoreStack;
      declarations: [string, FunctionDeclaration][];
      scheduleGroupName: string;
    },
  ) {
    super(scope, id, props);
    const context = { core: props.core, stage: props.stage, config: props.config, root: props.root };
    const schedules = new SchedulesConstruct(this, 'Schedules', { groupName: props.scheduleGroupName });
    for (const [name, declaration] of props.declarations) {
      const trigger = declaration.trigger;
      if (trigger.kind === 'http' || trigger.kind === 'authorizer') continue;
      const fn = buildFunction(this, name, declaration, context);
      this.functions[name] = fn;
      // Triggers invoke the live alias of a function that deploys gradually, so that they follow its shift.
      if (trigger.kind === 'event')
        addEventConsumer(
          this,
          name,
          fn,
          props.core.events.bus,
          trigger.events,
          trigger.batches,
          fn.invokeTarget,
        );
      if (trigger.kind === 'queue') props.core.queues.addConsumer(fn.invokeTarget, trigger.queue, trigger);
      if (trigger.kind === 'schedule')
        schedules.addSchedule(name, fn.invokeTarget, trigger.expression, trigger.description);
      // Scheduler invokes asynchronously: a run that throws is retried by Lambda, then kept in the one-time
      // schedules' dead-letter queue (core stack, named by its fixed ARN) beside the runs Scheduler could not deliver.
      if (trigger.kind === 'oneTime')
        new lambda.EventInvokeConfig(this, `${name}AsyncConfig`, {
          function: fn,
          retryAttempts: SCHEDULED_RUN_RETRY_ATTEMPTS,
          onFailure: new SqsDestination(
            sqs.Queue.fromQueueArn(
              this,
              `${name}OneTimeDlq`,
              oneTimeScheduleArns(this, props.stage).deadLetterQueue,
            ),
          ),
        });
    }
  }
}
