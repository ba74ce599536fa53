import { join } from 'node:path';
import { Stack, Token, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { tables, type TableName } from '../lib/db/tables';
import { posUsagePlanName } from '../lib/http/gateway';
import { auditPartitionPattern } from '../lib/audit/partitions';
import { tableActions } from '../lib/manifest/table-actions';
import type { FunctionDeclaration, TableAccess } from '../lib/manifest/types';
import { queues } from '../lib/queues/definitions';
import { secretVariables } from '../lib/secrets';
import type { StageConfig } from './config';
import { CrmFunction } from './constructs/crm-function';
import { tablePhysicalName } from './constructs/data';
import { MediaConstruct, mediaBucketName } from './constructs/media';
import { oneTimeScheduleArns } from './constructs/one-time-schedules';
import { oneTimeTargetEnvVar } from '../lib/schedules/one-time';
import type { CoreStack } from './stacks/core';

/**
 * Builds one manifest function in its stack: the shared defaults of CrmFunction, the environment it
 * needs, and exactly the grants its `access` declares on the core stack's tables, bus, queues and secrets.
 */
export function buildFunction(
  scope: Construct,
  name: string,
  declaration: FunctionDeclaration,
  context: { core: CoreStack; stage: string; config: StageConfig; root: string },
): CrmFunction {
  const { core, config } = context;
  const fn = new CrmFunction(scope, name, {
    name,
    stage: context.stage,
    entry: join(context.root, declaration.handler),
    declaration,
    logRetentionDays: config.logRetentionDays,
    retainLogs: config.retainData,
    openTelemetry: config.openTelemetry,
    gradualDeployment: config.gradualDeployment,
    environment: environmentFor(declaration, config),
    awsSdkTracing: config.awsSdkTracing,
  });
  const access = declaration.access;
  for (const [table, tableAccess] of Object.entries(access.tables ?? {}) as [TableName, TableAccess][]) {
    const tableName = tablePhysicalName(context.stage, tables[table]);
    // Named by its fixed ARN rather than imported from the core stack: the grant stays inside this stack.
    const tableArn = Stack.of(scope).formatArn({
      service: 'dynamodb',
      resource: 'table',
      resourceName: tableName,
    });
    fn.addEnvironment(tables[table].envVar, tableName);
    grantTableAccess(fn, { table, tableArn, tableName, access: tableAccess, key: core.data.key });
    if (table === 'main' && (tableAccess.writes?.length ?? 0) > 0)
      denyAuditChanges(fn, tableArn, access.appendsAudit === true);
  }
  if (access.publishesEvents) {
    fn.addEnvironment('EVENT_BUS_NAME', core.events.bus.eventBusName);
    core.events.bus.grantPutEventsTo(fn);
  }
  for (const queue of access.sendsTo ?? []) {
    fn.addEnvironment(queues[queue].envVar, core.queues.queues[queue].queueUrl);
    core.queues.queues[queue].grantSendMessages(fn);
  }
  for (const queue of access.redrives ?? []) core.queues.grantRedrive(fn, queue);
  if (access.managesPosUsagePlan) grantPosUsagePlan(fn, context.stage, access.managesPosUsagePlan);
  if (access.rewardImages) grantRewardImages(fn, context, access.rewardImages);
  if (access.queriesArchive) {
    // Fixed names: the workgroup names its results bucket and the Glue table the archive's files.
    fn.addEnvironment('ARCHIVE_ATHENA_WORKGROUP', core.archive.workGroupName);
    fn.addEnvironment('ARCHIVE_DATABASE', core.archive.databaseName);
    core.archive.grantQuery(fn);
  }
  if (access.oneTimeSchedules?.length) grantOneTimeSchedules(fn, context.stage, access.oneTimeSchedules);
  for (const secret of access.secrets ?? []) {
    core.secrets.secrets[secret].grantRead(fn);
    fn.addEnvironment(secretVariables[secret].arn, core.secrets.secrets[secret].secretArn);
  }
  return fn;
}

function environmentFor(declaration: FunctionDeclaration, config: StageConfig): Record<string, string> {
  const environment: Record<string, string> = {
    CORS_ALLOW_ORIGIN: config.corsAllowOrigin,
    // Business days everywhere (and the archive's partitions, which Firehose files by the same zone).
    PROGRAMME_TIME_ZONE: config.programmeTimeZone,
  };
  if (declaration.trigger.kind === 'http' && declaration.trigger.route.auth.kind === 'pos')
    environment.POS_LATE_SALE_DAYS = String(config.posLateSaleDays);
  if (declaration.access.secrets?.includes('wechatApp')) {
    Object.assign(environment, {
      WECHAT_APPID: config.wechatAppId,
      WECHAT_API_BASE: config.wechatApiBase,
      WECHAT_TEMPLATE_WELCOME: config.wechatWelcomeTemplateId,
      WECHAT_TEMPLATE_MILESTONE: config.wechatMilestoneTemplateId,
      WECHAT_TEMPLATE_CAMPAIGN: config.wechatCampaignTemplateId,
    });
  }
  if (declaration.access.secrets?.includes('wechatOfficialAccount'))
    environment.WECHAT_API_BASE = config.wechatApiBase;
  // Both SMS routes answer 503 where the stage leaves sign-in by SMS off; the sender also needs the region.
  if (declaration.trigger.kind === 'http' && declaration.trigger.route.path.startsWith('/v1/auth/sms/'))
    environment.SMS_PROVIDER = config.smsSignIn === 'off' ? 'off' : config.smsSignIn.provider;
  if (declaration.access.secrets?.includes('tencentCloudSms') && config.smsSignIn !== 'off')
    environment.TENCENT_CLOUD_SMS_REGION = config.smsSignIn.region;
  return environment;
}

/**
 * One-time schedules (lib/schedules/one-time.ts): creating, moving, reading and deleting schedules of the
 * stage's one-time group, and passing Scheduler its one role; with the group, the role, the dead-letter
 * queue and each target's ARN in the environment. All are named by fixed names, so nothing is imported.
 */
function grantOneTimeSchedules(fn: CrmFunction, stage: string, targets: string[]) {
  const arns = oneTimeScheduleArns(fn, stage);
  fn.addEnvironment('ONE_TIME_SCHEDULE_GROUP', arns.groupName);
  fn.addEnvironment('ONE_TIME_SCHEDULER_ROLE_ARN', arns.role);
  fn.addEnvironment('ONE_TIME_SCHEDULE_DLQ_ARN', arns.deadLetterQueue);
  for (const target of targets) fn.addEnvironment(oneTimeTargetEnvVar(target), arns.target(target));
  fn.addToRolePolicy(
    new iam.PolicyStatement({
      actions: [
        'scheduler:CreateSchedule',
        'scheduler:UpdateSchedule',
        'scheduler:DeleteSchedule',
        'scheduler:GetSchedule',
      ],
      resources: [arns.schedules],
    }),
  );
  fn.addToRolePolicy(
    new iam.PolicyStatement({
      actions: ['iam:PassRole'],
      resources: [arns.role],
      conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
    }),
  );
  const policy = fn.role?.node.tryFindChild('DefaultPolicy');
  if (!policy) return;
  const stack = Stack.of(fn);
  const region = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
  const account = Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
  Validations.of(policy).acknowledge({
    id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:scheduler:${region}:${account}:schedule/${arns.groupName}/*]`,
    reason:
      "Schedules are made at run time, one per booking reminder, with names no template can know; the grant covers the stage's one-time group alone.",
  });
}

/**
 * Reward pictures: every level learns the public URL; `check` reads whether a key was uploaded (HeadObject
 * needs s3:GetObject); `upload` signs upload forms, which S3 runs as this function, so it may put pictures.
 * Each grant reaches the reward-images/ prefix of the media bucket alone.
 */
function grantRewardImages(
  fn: CrmFunction,
  context: { core: CoreStack; stage: string },
  level: 'link' | 'check' | 'upload',
) {
  fn.addEnvironment('MEDIA_BASE_URL', context.core.media.baseUrl);
  if (level === 'link') return;
  const stack = Stack.of(fn);
  const bucketName = mediaBucketName(context.stage, stack);
  fn.addEnvironment('MEDIA_BUCKET_NAME', bucketName);
  fn.addToRolePolicy(
    new iam.PolicyStatement({
      actions: level === 'upload' ? ['s3:PutObject'] : ['s3:GetObject'],
      // Named by its fixed name rather than imported from the core stack: the grant stays inside this stack.
      resources: [
        stack.formatArn({
          service: 's3',
          region: '',
          account: '',
          resource: bucketName,
          resourceName: MediaConstruct.picturePattern,
        }),
      ],
    }),
  );
  const policy = fn.role?.node.tryFindChild('DefaultPolicy');
  if (!policy) return;
  const account = Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
  const region = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
  Validations.of(policy).acknowledge({
    id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::sbm-crm-${context.stage}-media-${account}-${region}/${MediaConstruct.picturePattern}]`,
    reason:
      'Reward pictures get a new key per upload; the grant names their prefix in the media bucket and nothing else.',
  });
}

/**
 * POS key management: issuing and rotating find the POS usage plan by name, create each key's API key and
 * add it to the plan; every POS key function may disable an API key (revocation, a store's deactivation,
 * the key a rotation replaces or an issue could not finish).
 */
function grantPosUsagePlan(fn: CrmFunction, stage: string, level: 'disableKeys' | 'addAndDisableKeys') {
  fn.addEnvironment('POS_USAGE_PLAN_NAME', posUsagePlanName(stage));
  const region = Stack.of(fn).region;
  const path = (resource: string) => `arn:${Stack.of(fn).partition}:apigateway:${region}::${resource}`;
  if (level === 'addAndDisableKeys') {
    fn.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['apigateway:GET'], resources: [path('/usageplans')] }),
    );
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['apigateway:POST'],
        resources: [path('/apikeys'), path('/usageplans/*/keys')],
      }),
    );
  }
  fn.addToRolePolicy(
    new iam.PolicyStatement({ actions: ['apigateway:PATCH'], resources: [path('/apikeys/*')] }),
  );
  const policy = fn.role?.node.tryFindChild('DefaultPolicy');
  if (!policy) return;
  // As tight as API Gateway allows: it names usage plans and API keys only by ids it generates, the POS
  // plan's id exists only once the API stack (deployed after this one, which it integrates) is, and its
  // IAM has no condition key on a key's name or usage plan.
  const reason =
    'API Gateway names API keys and usage plans only by generated ids, and the POS plan is created after this stack, so its id cannot be named here; IAM offers no condition on a key name or plan. The grant is limited to PATCH of API keys (disabling a POS key) and, only for issuing and rotating, listing usage plans and POSTing new keys into a plan.';
  const regionToken = Token.isUnresolved(region) ? '<AWS::Region>' : region;
  Validations.of(policy).acknowledge(
    { id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:apigateway:${regionToken}::/apikeys/*]`, reason },
    ...(level === 'addAndDisableKeys'
      ? [
          {
            id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:apigateway:${regionToken}::/usageplans/*/keys]`,
            reason,
          },
        ]
      : []),
  );
}

/**
 * Exactly the DynamoDB actions the declaration names (lib/manifest/table-actions.ts), on the table, and on
 * its indexes for queries and scans alone; with the table key's decrypt for reads and its data-key actions
 * for writes (the table is encrypted with the stage's customer-managed key).
 */
function grantTableAccess(
  fn: CrmFunction,
  grant: { table: TableName; tableArn: string; tableName: string; access: TableAccess; key: kms.IKey },
) {
  const actions = tableActions(grant.access);
  if (actions.length === 0) return;
  const indexes = tables[grant.table].globalIndexes.length > 0;
  const itemActions = actions.filter((action) => action !== 'dynamodb:Query' && action !== 'dynamodb:Scan');
  const searchActions = actions.filter((action) => action === 'dynamodb:Query' || action === 'dynamodb:Scan');
  if (itemActions.length > 0)
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: itemActions, resources: [grant.tableArn] }));
  if (searchActions.length > 0)
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: searchActions,
        resources: indexes ? [grant.tableArn, `${grant.tableArn}/index/*`] : [grant.tableArn],
      }),
    );
  const writes = (grant.access.writes?.length ?? 0) > 0;
  grant.key.grant(
    fn,
    'kms:Decrypt',
    'kms:DescribeKey',
    ...(writes ? ['kms:Encrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*'] : []),
  );
  if (writes) acknowledgeKmsWriteWildcards(fn);
  if (indexes && searchActions.length > 0) acknowledgeIndexWildcard(fn, grant.tableName);
}

/**
 * The audit trail is immutable by IAM: a role that writes the main table may not update or delete an item
 * of an `AUDIT#` partition (entries and their copies, lib/audit), and may not put one unless it appends
 * audit entries, which the code does only on the condition that the item does not exist. An explicit Deny
 * wins over every Allow, in transactions too (each item is authorised by its own action). Backups and
 * point-in-time recovery are the table's and unchanged.
 */
function denyAuditChanges(fn: CrmFunction, tableArn: string, appendsAudit: boolean) {
  fn.addToRolePolicy(
    new iam.PolicyStatement({
      effect: iam.Effect.DENY,
      actions: [
        'dynamodb:UpdateItem',
        'dynamodb:DeleteItem',
        'dynamodb:BatchWriteItem',
        ...(appendsAudit ? [] : ['dynamodb:PutItem']),
      ],
      resources: [tableArn],
      conditions: { 'ForAnyValue:StringLike': { 'dynamodb:LeadingKeys': [auditPartitionPattern] } },
    }),
  );
}

/**
 * Queries and scans of indexes name `<table>/index/*`: every index of this function's own table, which is
 * as narrow as DynamoDB allows for them. Only functions that query or scan are granted it.
 */
function acknowledgeIndexWildcard(fn: CrmFunction, tableName: string) {
  const policy = fn.role?.node.tryFindChild('DefaultPolicy');
  if (!policy) return;
  // cdk-nag names the finding by the ARN as synthesized: pseudo parameters where the stack is environment-agnostic.
  const stack = Stack.of(fn);
  const region = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
  const account = Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
  Validations.of(policy).acknowledge({
    id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:dynamodb:${region}:${account}:table/${tableName}/index/*]`,
    reason:
      "Queries on the indexes of this function's own table (only Query and Scan are granted there); DynamoDB names indexes only by this pattern.",
  });
}

/** Writing to a CMK-encrypted table needs kms:GenerateDataKey* and kms:ReEncrypt*, granted on that one key. */
function acknowledgeKmsWriteWildcards(fn: CrmFunction) {
  const policy = fn.role?.node.tryFindChild('DefaultPolicy');
  if (!policy) return;
  const reason =
    "KMS data-key actions for the table's own customer-managed key only; the action family is named with a wildcard.";
  Validations.of(policy).acknowledge(
    { id: 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]', reason },
    { id: 'AwsSolutions-IAM5[Action::kms:ReEncrypt*]', reason },
  );
}
