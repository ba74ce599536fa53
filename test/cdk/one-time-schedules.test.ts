// One-time schedules in the synthesized app: the stage's group, the role Scheduler assumes and what it may
// invoke, the grants of the functions that create schedules, and a clean cdk-nag report.
import { fileURLToPath } from 'node:url';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import cdkJson from '../../cdk.json' with { type: 'json' };
import { buildApp } from '../../cdk/app';
import { OneTimeSchedulesConstruct } from '../../cdk/constructs/one-time-schedules';
import { stackGroupOfDeclaration } from '../../cdk/stack-groups';
import { declarations, manifest } from '../../lib/manifest';
import type { FunctionDeclaration } from '../../lib/manifest/types';
import { unacknowledgedFindings } from '../support/nag';

const consoleAssets = fileURLToPath(new URL('./fixtures/console', import.meta.url));
const stage = 'prod';

let built: ReturnType<typeof buildApp>;
let core: Template;
let workers: Template;

beforeAll(() => {
  const app = new App({ context: { ...cdkJson.context, stage, 'aws:cdk:bundling-stacks': [] } });
  built = buildApp(app, undefined, { consoleAssets });
  core = Template.fromStack(built.core);
  workers = Template.fromStack(built.workerStacks.get(stackGroupOfDeclaration(manifest.remindBooking))!);
});

const oneTimeTargets = () => declarations().filter(([, d]) => d.trigger.kind === 'oneTime');
const schedulers = () => declarations().filter(([, d]) => (d.access.oneTimeSchedules?.length ?? 0) > 0);

describe('the one-time schedules of a stage', () => {
  it('live in one schedule group of the stage', () => {
    core.resourceCountIs('AWS::Scheduler::ScheduleGroup', 1);
    core.hasResourceProperties('AWS::Scheduler::ScheduleGroup', { Name: `sbm-crm-${stage}-one-time` });
  });

  it('run as one role that only Scheduler of this account may assume', () => {
    core.hasResourceProperties('AWS::IAM::Role', {
      RoleName: `sbm-crm-${stage}-one-time-scheduler`,
      AssumeRolePolicyDocument: {
        Statement: [
          {
            Action: 'sts:AssumeRole',
            Effect: 'Allow',
            Principal: { Service: 'scheduler.amazonaws.com' },
            Condition: { StringEquals: { 'aws:SourceAccount': Match.anyValue() } },
          },
        ],
      },
    });
  });

  it('may invoke exactly the oneTime-triggered functions, and dead-letter into their queue', () => {
    expect(oneTimeTargets().map(([name]) => name)).toContain('remindBooking');
    const [roleId] = Object.keys(
      core.findResources('AWS::IAM::Role', {
        Properties: { RoleName: `sbm-crm-${stage}-one-time-scheduler` },
      }),
    );
    const policies = Object.values(core.findResources('AWS::IAM::Policy')).filter((policy) =>
      JSON.stringify(policy.Properties.Roles).includes(`"${roleId}"`),
    );
    const statements = policies.flatMap(
      (policy) =>
        policy.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[],
    );
    const invoke = statements.filter((statement) =>
      [statement.Action].flat().includes('lambda:InvokeFunction'),
    );
    expect(invoke).toHaveLength(1);
    const invoked = [invoke[0]!.Resource].flat().map((resource) => JSON.stringify(resource));
    expect(invoked).toHaveLength(oneTimeTargets().length);
    for (const [name] of oneTimeTargets())
      expect(invoked.some((resource) => resource.includes(`:function:sbm-crm-${stage}-${name}"`))).toBe(true);
    const actions = statements.flatMap((statement) => [statement.Action].flat());
    expect(new Set(actions)).toEqual(
      new Set(['lambda:InvokeFunction', 'sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl']),
    );
    core.hasResourceProperties('AWS::SQS::Queue', {
      QueueName: `sbm-crm-${stage}-one-time-schedules-dlq`,
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 14 * 24 * 3600,
    });
  });

  it("send a target's failed runs to the same dead-letter queue after Lambda's retries", () => {
    const [fnId] = Object.keys(
      workers.findResources('AWS::Lambda::Function', {
        Properties: { FunctionName: `sbm-crm-${stage}-remindBooking` },
      }),
    );
    workers.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: fnId },
      MaximumRetryAttempts: 2,
      DestinationConfig: {
        OnFailure: {
          Destination: {
            'Fn::Join': [
              '',
              Match.arrayWith([Match.stringLikeRegexp(`:sbm-crm-${stage}-one-time-schedules-dlq$`)]),
            ],
          },
        },
      },
    });
  });
});

describe('functions that schedule once', () => {
  it('are given the group, the role, the queue and their targets, and may manage schedules of that group alone', () => {
    expect(schedulers().map(([name]) => name)).toContain('notifyOfBookings');
    const [fnId, fn] = Object.entries(
      workers.findResources('AWS::Lambda::Function', {
        Properties: { FunctionName: `sbm-crm-${stage}-notifyOfBookings` },
      }),
    )[0]!;
    const variables = JSON.stringify(fn.Properties.Environment.Variables);
    expect(fn.Properties.Environment.Variables.ONE_TIME_SCHEDULE_GROUP).toBe(`sbm-crm-${stage}-one-time`);
    expect(variables).toContain(`:role/sbm-crm-${stage}-one-time-scheduler`);
    expect(variables).toContain(`:sbm-crm-${stage}-one-time-schedules-dlq`);
    expect(JSON.stringify(fn.Properties.Environment.Variables.ONE_TIME_TARGET_REMIND_BOOKING_ARN)).toContain(
      `:function:sbm-crm-${stage}-remindBooking`,
    );
    const roleRef = fn.Properties.Role['Fn::GetAtt'][0] as string;
    const statements = Object.values(workers.findResources('AWS::IAM::Policy'))
      .filter((policy) => JSON.stringify(policy.Properties.Roles).includes(`"${roleRef}"`))
      .flatMap(
        (policy) =>
          policy.Properties.PolicyDocument.Statement as {
            Action: string | string[];
            Resource: unknown;
            Condition?: unknown;
          }[],
      );
    const scheduling = statements.find((statement) =>
      [statement.Action].flat().includes('scheduler:CreateSchedule'),
    );
    expect([scheduling!.Action].flat().sort()).toEqual([
      'scheduler:CreateSchedule',
      'scheduler:DeleteSchedule',
      'scheduler:GetSchedule',
      'scheduler:UpdateSchedule',
    ]);
    expect(JSON.stringify(scheduling!.Resource)).toContain(`:schedule/sbm-crm-${stage}-one-time/*`);
    const passRole = statements.find((statement) => [statement.Action].flat().includes('iam:PassRole'));
    expect(JSON.stringify(passRole!.Resource)).toContain(`:role/sbm-crm-${stage}-one-time-scheduler`);
    expect(passRole!.Condition).toEqual({
      StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' },
    });
    expect(fnId).toBeDefined();
  });

  it('leave no cdk-nag finding unacknowledged', () => {
    const findings = [
      ...unacknowledgedFindings(built.core),
      ...unacknowledgedFindings(built.workerStacks.get(stackGroupOfDeclaration(manifest.remindBooking))!),
    ].filter((finding) => /OneTime|notifyOfBookings|remindBooking/.test(finding));
    expect(findings).toEqual([]);
  });

  it('refuse to schedule a function that one-time schedules do not target', () => {
    const app = new App();
    const scheduling: FunctionDeclaration = {
      ...manifest.notifyOfBookings,
      access: { oneTimeSchedules: ['listMyInbox'] },
    };
    expect(
      () =>
        new OneTimeSchedulesConstruct(app, 'Bad', {
          stage,
          declarations: [
            ['notifyOfBookings', scheduling],
            ['remindBooking', manifest.remindBooking],
          ],
        }),
    ).toThrow('notifyOfBookings schedules listMyInbox once, which is not a oneTime-triggered function');
  });
});
