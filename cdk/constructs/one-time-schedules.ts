import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { FunctionDeclaration } from '../../lib/manifest/types';
import {
  oneTimeScheduleDlqName,
  oneTimeScheduleGroupName,
  oneTimeSchedulerRoleName,
} from '../../lib/schedules/one-time';
import { deploysGradually } from './crm-function';
import { deadLetterQueue } from './dead-letter-queue';

/**
 * The fixed ARNs of the stage's one-time schedule machinery, so that a function in any stack is granted and
 * configured without importing from the core stack.
 */
export function oneTimeScheduleArns(scope: Construct, stage: string) {
  const stack = Stack.of(scope);
  return {
    groupName: oneTimeScheduleGroupName(stage),
    /** Every schedule of the group (Scheduler names a schedule `schedule/<group>/<name>`). */
    schedules: stack.formatArn({
      service: 'scheduler',
      resource: 'schedule',
      resourceName: `${oneTimeScheduleGroupName(stage)}/*`,
    }),
    role: stack.formatArn({
      service: 'iam',
      region: '',
      resource: 'role',
      resourceName: oneTimeSchedulerRoleName(stage),
    }),
    deadLetterQueue: stack.formatArn({ service: 'sqs', resource: oneTimeScheduleDlqName(stage) }),
    /** A target function: invoked unqualified, as oneTime-triggered functions do not deploy gradually. */
    target: (functionName: string) =>
      stack.formatArn({
        service: 'lambda',
        resource: 'function',
        resourceName: `sbm-crm-${stage}-${functionName}`,
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      }),
  };
}

/**
 * The stage's one-time schedules (lib/schedules/one-time.ts): one schedule group, the one role Scheduler
 * assumes (trusted only for this account's schedules) allowed to invoke exactly the `oneTime`-triggered
 * functions and to dead-letter into one queue, which also takes the functions' own failed async runs.
 * Functions that declare `oneTimeSchedules` create the schedules (cdk/function-factory.ts).
 */
export class OneTimeSchedulesConstruct extends Construct {
  readonly group: scheduler.ScheduleGroup;
  readonly role: iam.Role;
  readonly deadLetters: sqs.Queue;

  constructor(
    scope: Construct,
    id: string,
    props: { stage: string; declarations: [string, FunctionDeclaration][] },
  ) {
    super(scope, id);
    const targets = props.declarations.filter(([, declaration]) => declaration.trigger.kind === 'oneTime');
    const targetNames = new Set(targets.map(([name]) => name));
    for (const [name, declaration] of props.declarations) {
      for (const target of declaration.access.oneTimeSchedules ?? [])
        if (!targetNames.has(target))
          throw new Error(`${name} schedules ${target} once, which is not a oneTime-triggered function`);
      if (declaration.trigger.kind === 'oneTime' && deploysGradually(declaration))
        throw new Error(
          `${name} is invoked by one-time schedules, whose targets are unqualified: it cannot deploy gradually`,
        );
    }
    const arns = oneTimeScheduleArns(this, props.stage);
    this.group = new scheduler.ScheduleGroup(this, 'Group', { scheduleGroupName: arns.groupName });
    this.role = new iam.Role(this, 'SchedulerRole', {
      roleName: oneTimeSchedulerRoleName(props.stage),
      description: 'Assumed by EventBridge Scheduler to run one-time schedules',
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    });
    if (targets.length > 0)
      this.role.addToPolicy(
        new iam.PolicyStatement({
          actions: ['lambda:InvokeFunction'],
          resources: targets.map(([name]) => arns.target(name)),
        }),
      );
    this.deadLetters = deadLetterQueue(this, 'DeadLetters', { usedByRedrivePolicy: false });
    (this.deadLetters.node.defaultChild as sqs.CfnQueue).queueName = oneTimeScheduleDlqName(props.stage);
    this.deadLetters.grantSendMessages(this.role);
  }
}
