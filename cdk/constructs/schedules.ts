import { Stack, Validations, type CfnElement } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';
import { deadLetterQueue } from './dead-letter-queue';

/** EventBridge Scheduler schedules from the manifest, each with retries and a dead-letter queue. */
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
    const target = new LambdaInvoke(fn, {
      role,
      retryAttempts: 2,
      deadLetterQueue: deadLetterQueue(this, `${name}Dlq`, { usedByRedrivePolicy: false }),
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
