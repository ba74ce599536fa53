// Least privilege by access pattern: every function role's synthesized policies, walked statement by
// statement against what the function's manifest entry declares, and the audit trail's IAM immutability.
import { fileURLToPath } from 'node:url';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import cdkJson from '../../cdk.json' with { type: 'json' };
import { buildApp } from '../../cdk/app';
import { tablePhysicalName } from '../../cdk/constructs/data';
import { servesTheApi, stackGroupOfDeclaration } from '../../cdk/stack-groups';
import { auditPartitionPattern } from '../../lib/audit/partitions';
import { tables, type TableName } from '../../lib/db/tables';
import { declarations } from '../../lib/manifest';
import { tableActions } from '../../lib/manifest/table-actions';
import type { FunctionDeclaration } from '../../lib/manifest/types';

const consoleAssets = fileURLToPath(new URL('./fixtures/console', import.meta.url));
const stage = 'prod';

interface Statement {
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

/** Every statement of a function's role: its default policy and any other policy or inline policy on it. */
const statementsOf = new Map<string, Statement[]>();
/** Managed policies attached to function roles (there must be none). */
const managedPolicies = new Map<string, unknown>();

beforeAll(() => {
  const app = new App({ context: { ...cdkJson.context, stage, 'aws:cdk:bundling-stacks': [] } });
  const built = buildApp(app, undefined, { consoleAssets });
  const templates = new Map<object, Template>();
  for (const [name, declaration] of declarations()) {
    const stack = (servesTheApi(declaration) ? built.routeStacks : built.workerStacks).get(
      stackGroupOfDeclaration(declaration),
    )!;
    if (!templates.has(stack)) templates.set(stack, Template.fromStack(stack));
    const template = templates.get(stack)!;
    const fn = stack.functions[name]!;
    const roleId = stack.getLogicalId(fn.role!.node.defaultChild as never);
    const role = template.toJSON().Resources[roleId] as {
      Properties: {
        Policies?: { PolicyDocument: { Statement: Statement[] } }[];
        ManagedPolicyArns?: unknown;
      };
    };
    if (role.Properties.ManagedPolicyArns) managedPolicies.set(name, role.Properties.ManagedPolicyArns);
    const statements = (role.Properties.Policies ?? []).flatMap((policy) => policy.PolicyDocument.Statement);
    for (const policy of Object.values(template.findResources('AWS::IAM::Policy'))) {
      const roles = JSON.stringify(policy.Properties.Roles);
      if (roles.includes(`"${roleId}"`))
        statements.push(...(policy.Properties.PolicyDocument.Statement as Statement[]));
    }
    statementsOf.set(name, statements);
  }
});

const actionsOf = (statement: Statement) => [statement.Action].flat();
const resourcesOf = (statement: Statement) =>
  [statement.Resource].flat().map((resource) => JSON.stringify(resource));
const tableArnPart = (table: TableName) => `:table/${tablePhysicalName(stage, tables[table])}`;
/** The table a resource names, and whether it names the table's indexes. */
function tableOf(resource: string): { table: TableName; index: boolean } | undefined {
  for (const table of Object.keys(tables) as TableName[]) {
    const part = tableArnPart(table);
    if (resource.includes(`${part}"`)) return { table, index: false };
    if (resource.includes(`${part}/index/*"`)) return { table, index: true };
  }
  return undefined;
}

/**
 * The actions a declaration allows besides DynamoDB's (whose resources are checked one by one): the shared
 * defaults of every function, what its trigger needs, and each other access it declares.
 */
function otherActionsAllowed(declaration: FunctionDeclaration): Set<string> {
  const { access, trigger } = declaration;
  const allowed = [
    // Its own log group (CrmFunction) and active tracing.
    'logs:CreateLogStream',
    'logs:PutLogEvents',
    'xray:PutTraceSegments',
    'xray:PutTelemetryRecords',
  ];
  const consumes = [
    'sqs:ReceiveMessage',
    'sqs:ChangeMessageVisibility',
    'sqs:GetQueueUrl',
    'sqs:DeleteMessage',
    'sqs:GetQueueAttributes',
  ];
  const sends = ['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'];
  if (trigger.kind === 'queue' || (trigger.kind === 'event' && trigger.batches)) allowed.push(...consumes);
  // Asynchronous invocations that still fail go to the function's on-failure queue (cdk/constructs/events.ts;
  // scheduled functions get one too).
  if (
    (trigger.kind === 'event' && !trigger.batches) ||
    trigger.kind === 'schedule' ||
    trigger.kind === 'oneTime'
  )
    allowed.push(...sends);
  const tableAccess = Object.values(access.tables ?? {});
  if (tableAccess.length > 0) allowed.push('kms:Decrypt', 'kms:DescribeKey');
  if (tableAccess.some((table) => (table.writes?.length ?? 0) > 0))
    allowed.push('kms:Encrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*');
  if (access.publishesEvents) allowed.push('events:PutEvents');
  if (access.sendsTo?.length) allowed.push(...sends);
  if (access.redrives?.length)
    allowed.push(
      ...consumes,
      ...sends,
      'sqs:StartMessageMoveTask',
      'sqs:ListMessageMoveTasks',
      'sqs:CancelMessageMoveTask',
    );
  if (access.secrets?.length) allowed.push('secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret');
  if (access.managesPosUsagePlan) allowed.push('apigateway:PATCH');
  if (access.managesPosUsagePlan === 'addAndDisableKeys') allowed.push('apigateway:GET', 'apigateway:POST');
  if (access.rewardImages === 'check') allowed.push('s3:GetObject');
  if (access.rewardImages === 'upload') allowed.push('s3:PutObject');
  if (access.oneTimeSchedules?.length)
    allowed.push(
      'scheduler:CreateSchedule',
      'scheduler:UpdateSchedule',
      'scheduler:DeleteSchedule',
      'scheduler:GetSchedule',
      'iam:PassRole',
    );
  if (access.queriesArchive)
    allowed.push(
      'athena:StartQueryExecution',
      'athena:GetQueryExecution',
      'athena:GetQueryResults',
      'athena:StopQueryExecution',
      'athena:GetWorkGroup',
      'glue:GetDatabase',
      'glue:GetTable',
      'glue:GetPartitions',
      's3:GetBucketLocation',
      's3:ListBucket',
      's3:GetObject',
      's3:PutObject',
      's3:AbortMultipartUpload',
      's3:ListMultipartUploadParts',
      'kms:Decrypt',
      'kms:GenerateDataKey',
    );
  return new Set(allowed);
}

describe('function roles', () => {
  it('have no managed policies', () => {
    expect([...managedPolicies.keys()]).toEqual([]);
  });

  it('allow each function only the DynamoDB actions its manifest entry declares, on its tables', () => {
    const beyond: string[] = [];
    for (const [name, declaration] of declarations()) {
      const granted = new Map<string, Set<string>>();
      for (const statement of statementsOf.get(name)!) {
        if (statement.Effect !== 'Allow') continue;
        const dynamo = actionsOf(statement).filter((action) => action.startsWith('dynamodb:'));
        if (dynamo.length === 0) continue;
        for (const resource of resourcesOf(statement)) {
          const named = tableOf(resource);
          if (!named) {
            beyond.push(`${name}: ${dynamo.join(', ')} on ${resource}`);
            continue;
          }
          const declared = declaration.access.tables?.[named.table];
          const allowed = declared ? tableActions(declared) : [];
          for (const action of dynamo) {
            const onIndex = action === 'dynamodb:Query' || action === 'dynamodb:Scan';
            if (!allowed.includes(action) || (named.index && !onIndex))
              beyond.push(`${name}: ${action} on ${named.table}${named.index ? ' indexes' : ''}`);
            else if (!named.index)
              (granted.get(named.table) ?? granted.set(named.table, new Set()).get(named.table)!).add(action);
          }
        }
      }
      // And nothing declared is missing: a missing grant fails in the cloud only.
      for (const [table, declared] of Object.entries(declaration.access.tables ?? {}) as [TableName, never][])
        expect([...(granted.get(table) ?? [])].sort(), `${name} on ${table}`).toEqual(
          tableActions(declared).sort(),
        );
    }
    expect(beyond).toEqual([]);
  });

  it('allow no other action beyond what the manifest entry declares', () => {
    const beyond: string[] = [];
    for (const [name, declaration] of declarations()) {
      const allowed = otherActionsAllowed(declaration);
      for (const statement of statementsOf.get(name)!) {
        if (statement.Effect !== 'Allow') continue;
        for (const action of actionsOf(statement))
          if (!action.startsWith('dynamodb:') && !allowed.has(action)) beyond.push(`${name}: ${action}`);
      }
    }
    expect(beyond).toEqual([]);
  });

  it("keep each role's inline policies within IAM's 10,240 characters, even written unresolved", () => {
    const largest = Math.max(
      ...[...statementsOf.values()].map((statements) => JSON.stringify(statements).length),
    );
    expect(largest).toBeLessThan(10_240);
  });

  it('give Scan only to the functions that read a whole table', () => {
    const scanning = [...statementsOf]
      .filter(([, statements]) =>
        statements.some((s) => s.Effect === 'Allow' && actionsOf(s).includes('dynamodb:Scan')),
      )
      .map(([name]) => name)
      .sort();
    expect(scanning).toEqual(['previewCampaignAudience', 'runReport', 'startDueBlasts']);
  });

  it('leave the till voucher redemption without API Gateway rights', () => {
    const actions = statementsOf.get('redeemVoucherAtTill')!.flatMap(actionsOf);
    expect(actions.filter((action) => action.startsWith('apigateway:'))).toEqual([]);
    expect(actions).toContain('dynamodb:UpdateItem');
  });
});

describe('the audit trail', () => {
  const auditDeny = (statements: Statement[]) =>
    statements.filter(
      (statement) =>
        statement.Effect === 'Deny' &&
        JSON.stringify(statement.Condition) ===
          JSON.stringify({ 'ForAnyValue:StringLike': { 'dynamodb:LeadingKeys': [auditPartitionPattern] } }),
    );

  it('may not be updated or deleted by any role that writes the main table', () => {
    const writers = declarations().filter(([, d]) => (d.access.tables?.main?.writes?.length ?? 0) > 0);
    expect(writers.length).toBeGreaterThan(50);
    for (const [name, declaration] of writers) {
      const denies = auditDeny(statementsOf.get(name)!);
      expect(denies, name).toHaveLength(1);
      const denied = actionsOf(denies[0]!);
      expect(denied, name).toEqual(
        expect.arrayContaining(['dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem']),
      );
      // Only the functions that append entries may put audit items (new ones, by condition in lib/audit).
      expect(denied.includes('dynamodb:PutItem'), name).toBe(!declaration.access.appendsAudit);
      expect(resourcesOf(denies[0]!), name).toEqual([expect.stringContaining(`${tableArnPart('main')}"`)]);
    }
  });

  it('is denied to no role that cannot write the main table anyway', () => {
    for (const [name, declaration] of declarations())
      if ((declaration.access.tables?.main?.writes?.length ?? 0) === 0)
        expect(auditDeny(statementsOf.get(name)!), name).toEqual([]);
  });

  it('is appended by staff actions: their roles may put items', () => {
    const createStore = statementsOf.get('createStore')!;
    expect(auditDeny(createStore)[0] && actionsOf(auditDeny(createStore)[0]!)).not.toContain(
      'dynamodb:PutItem',
    );
    const purge = statementsOf.get('purgeErasedMember')!;
    expect(actionsOf(auditDeny(purge)[0]!)).toContain('dynamodb:PutItem');
  });
});
