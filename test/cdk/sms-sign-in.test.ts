// Sign-in by SMS in the cloud: the stage setting reaches both SMS routes, and the Tencent Cloud SMS secret is
// readable by the function that texts codes and by no other, with cdk-nag clean.
import { fileURLToPath } from 'node:url';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import cdkJson from '../../cdk.json' with { type: 'json' };
import { buildApp } from '../../cdk/app';
import { readStageConfig } from '../../cdk/config';
import { servesTheApi, stackGroupOfDeclaration } from '../../cdk/stack-groups';
import { declarations } from '../../lib/manifest';
import { unacknowledgedFindings } from '../support/nag';

const consoleAssets = fileURLToPath(new URL('./fixtures/console', import.meta.url));
const stages = cdkJson.context['sbm:stages'];

interface Statement {
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource: unknown;
}

/** Builds prod with the given SMS setting: each function's environment and its roles' statements. */
function build(smsSignIn: unknown) {
  const context = {
    ...cdkJson.context,
    'sbm:stages': { ...stages, prod: { ...stages.prod, smsSignIn } },
    stage: 'prod',
    'aws:cdk:bundling-stacks': [],
  };
  const app = new App({ context });
  const built = buildApp(app, undefined, { consoleAssets });
  const templates = new Map<object, Template>();
  const functions = new Map<string, { environment: Record<string, unknown>; statements: Statement[] }>();
  for (const [name, declaration] of declarations()) {
    const stack = (servesTheApi(declaration) ? built.routeStacks : built.workerStacks).get(
      stackGroupOfDeclaration(declaration),
    )!;
    if (!templates.has(stack)) templates.set(stack, Template.fromStack(stack));
    const resources = templates.get(stack)!.toJSON().Resources as Record<
      string,
      { Type: string; Properties: Record<string, unknown> }
    >;
    const fn = stack.functions[name]!;
    const roleId = stack.getLogicalId(fn.role!.node.defaultChild as never);
    const functionId = stack.getLogicalId(fn.node.defaultChild as never);
    const statements = Object.values(resources)
      .filter(
        (r) => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties.Roles).includes(`"${roleId}"`),
      )
      .flatMap((r) => (r.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
    const environment =
      (resources[functionId]!.Properties.Environment as { Variables?: Record<string, unknown> }).Variables ??
      {};
    functions.set(name, { environment, statements });
  }
  return { app, built, core: Template.fromStack(built.core), functions };
}

const readsSecret = (statement: Statement, logicalIdPart: string) =>
  statement.Effect === 'Allow' &&
  [statement.Action].flat().includes('secretsmanager:GetSecretValue') &&
  JSON.stringify(statement.Resource).includes(logicalIdPart);

describe('the smsSignIn stage setting', () => {
  it('is off unless set, and takes Tencent Cloud with ap-guangzhou unless another region is named', () => {
    expect(readStageConfig('prod', stages).smsSignIn).toBe('off');
    expect(
      readStageConfig('prod', { prod: { ...stages.prod, smsSignIn: { provider: 'tencent-cloud' } } })
        .smsSignIn,
    ).toEqual({ provider: 'tencent-cloud', region: 'ap-guangzhou' });
    expect(() =>
      readStageConfig('prod', { prod: { ...stages.prod, smsSignIn: { provider: 'aliyun' } } }),
    ).toThrow(/smsSignIn/);
    expect(() =>
      readStageConfig('prod', {
        prod: { ...stages.prod, smsSignIn: { provider: 'tencent-cloud', region: 'Guangzhou' } },
      }),
    ).toThrow(/region/);
  });
});

describe('a stage with SMS sign-in through Tencent Cloud', () => {
  let on: ReturnType<typeof build>;
  let off: ReturnType<typeof build>;
  beforeAll(() => {
    on = build({ provider: 'tencent-cloud', region: 'ap-beijing' });
    off = build('off');
  }, 300_000);

  it('keeps the Tencent Cloud SMS account in its own secret, retained with the data', () => {
    const secrets = on.core.findResources('AWS::SecretsManager::Secret', {
      Properties: { Name: 'sbm-crm/prod/tencent-cloud-sms' },
    });
    expect(Object.values(secrets)).toHaveLength(1);
    expect(Object.values(secrets)[0]!.DeletionPolicy).toBe(stages.prod.retainData ? 'Retain' : 'Delete');
    expect(Object.keys(secrets)[0]).toMatch(/TencentCloudSms/);
  });

  it('lets the function that texts codes read that secret, and no other function', () => {
    const readers = [...on.functions]
      .filter(([, fn]) => fn.statements.some((statement) => readsSecret(statement, 'TencentCloudSms')))
      .map(([name]) => name);
    expect(readers).toEqual(['smsSend']);
    // And the sender reads no other secret.
    const smsSend = on.functions.get('smsSend')!;
    const secretReads = smsSend.statements.filter((statement) =>
      [statement.Action].flat().some((action) => action.startsWith('secretsmanager:')),
    );
    expect(secretReads.length).toBeGreaterThan(0);
    for (const statement of secretReads)
      expect(JSON.stringify(statement.Resource)).toMatch(/TencentCloudSms/);
  });

  it('tells both SMS routes the provider, and the sender its region and secret', () => {
    expect(on.functions.get('smsSend')!.environment).toMatchObject({
      SMS_PROVIDER: 'tencent-cloud',
      TENCENT_CLOUD_SMS_REGION: 'ap-beijing',
      TENCENT_CLOUD_SMS_SECRET_ARN: expect.anything(),
    });
    const verify = on.functions.get('smsVerify')!.environment;
    expect(verify.SMS_PROVIDER).toBe('tencent-cloud');
    expect(verify).not.toHaveProperty('TENCENT_CLOUD_SMS_REGION');
    expect(verify).not.toHaveProperty('TENCENT_CLOUD_SMS_SECRET_ARN');
    const others = [...on.functions].filter(
      ([name, fn]) => !['smsSend', 'smsVerify'].includes(name) && 'SMS_PROVIDER' in fn.environment,
    );
    expect(others.map(([name]) => name)).toEqual([]);
  });

  it('leaves both routes off where the stage does not turn SMS sign-in on', () => {
    for (const name of ['smsSend', 'smsVerify'])
      expect(off.functions.get(name)!.environment.SMS_PROVIDER, name).toBe('off');
    expect(off.functions.get('smsSend')!.environment).not.toHaveProperty('TENCENT_CLOUD_SMS_REGION');
  });

  it('reports no cdk-nag finding that is not acknowledged with a reason', () => {
    expect(unacknowledgedFindings(on.app)).toEqual([]);
  });
});
