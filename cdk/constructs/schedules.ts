import { Stack, Validations, type CfnElement } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';
import { deadLetterQueue } from './dead-letter-queue';

/** Lambda's retries of a scheduled run that failed, before the run is dead-lettered. */
export const SCHEDULED_RUN_RETRY_ATTEMPTS = 2;

/**
 * EventBridge Scheduler schedules from the manifest, each with retries and a dead-letter queue. The
 * scheduler invokes asynchronously, so a run that throws is retried by Lambda and, failing those retries,
 * recorded in the same dead-letter queue as a run the scheduler could not deliver (as the event
 * consumers do): no failure vanishes, and the queue's depth alarm names it.
 */
export class SchedulesConstruct extends Construct {
  private readonly groupName: string;
  private group?: scheduler.ScheduleGroup;

  constructor(scope: Construct, id: string, props: { groupName: string }) {
    super(scope, id);
    this.groupName = props.groupName;
  }

  addSchedule(name: string, fn: lambda.IFunction, expression: string, description: string) {
    const role = new iam.Role(this, `${name}Role`, {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com'),
    });
    const dlq = deadLetterQueue(this, `${name}Dlq`, { usedByRedrivePolicy: false });
    const target = new LambdaInvoke(fn, { role, retryAttempts: 2, deadLetterQueue: dlq });
    new lambda.EventInvokeConfig(this, `${name}AsyncConfig`, {
      function: fn,
      retryAttempts: SCHEDULED_RUN_RETRY_ATTEMPTS,
      onFailure: new SqsDestination(dlq),
    });
    new scheduler.Schedule(this, name, {
      // Made with the first schedule, so that a workers stack without schedules has no empty group.
      scheduleGroup: (this.group ??= new scheduler.ScheduleGroup(this, 'Group', {
        scheduleGroupName: this.groupName,
      })),
      description,
      schedule: scheduler.ScheduleExpression.expression(expression),
      target,
    });
    const policy = role.node.tryFindChild('DefaultPolicy');
    if (policy) {
      Validations.of(policy).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(fn.node.defaultChild as CfnElement)}.Arn>:*]`,
        reason: 'The scheduler may invoke any version of this one function; CDK grants it that way.',
      });
    }
  }
}
