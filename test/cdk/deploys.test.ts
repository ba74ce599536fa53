// How functions are deployed, per stage: log retention, reserved concurrency, OpenTelemetry and gradual deployment.
import { fileURLToPath } from 'node:url';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import cdkJson from '../../cdk.json' with { type: 'json' };
import { buildApp } from '../../cdk/app';
import { readStageConfig } from '../../cdk/config';
import { CrmFunction, deploysGradually } from '../../cdk/constructs/crm-function';
import { adotLayerArn } from '../../cdk/constructs/open-telemetry';
import { servesTheApi, stackGroupOfDeclaration } from '../../cdk/stack-groups';
import { declarations } from '../../lib/manifest';
import type { FunctionDeclaration } from '../../lib/manifest/types';
import { unacknowledgedFindings } from '../support/nag';

const consoleAssets = fileURLToPath(new URL('./fixtures/console', import.meta.url));
// Bundling is skipped (it is exercised by `npm run synth`); everything else is the real app.
const contextOf = (stage: string) => ({ ...cdkJson.context, stage, 'aws:cdk:bundling-stacks': [] });

type Built = ReturnType<typeof buildApp>;
let dev: Built;
let prod: Built;

beforeAll(() => {
  dev = buildApp(new App({ context: contextOf('dev') }), undefined, { consoleAssets });
}, 300_000);
beforeAll(() => {
  prod = buildApp(new App({ context: contextOf('prod') }), undefined, { consoleAssets });
}, 300_000);

const functionStacksOf = (built: Built): Stack[] => [
  ...built.routeStacks.values(),
  ...built.workerStacks.values(),
];
/** The stack a manifest function is built in, and the function. */
const functionOf = (built: Built, name: string, declaration: FunctionDeclaration) => {
  const stacks = servesTheApi(declaration) ? built.routeStacks : built.workerStacks;
  const stack = stacks.get(stackGroupOfDeclaration(declaration))!;
  return { stack, fn: stack.functions[name]! };
};
const logicalIdOf = (fn: CrmFunction) => Stack.of(fn).getLogicalId(fn.node.defaultChild as never);
const purchasePath = () => declarations().filter(([, d]) => d.reservedConcurrency !== undefined);

describe('function log groups', () => {
  const logGroupsOf = (built: Built) =>
    functionStacksOf(built).flatMap((stack) =>
      Object.values(
        Template.fromStack(stack).findResources('AWS::Logs::LogGroup', {
          Properties: { LogGroupName: Match.stringLikeRegexp('^/aws/lambda/sbm-crm-') },
        }),
      ),
    );

  it('are retained in prod, where the stage keeps its data', () => {
    const groups = logGroupsOf(prod);
    expect(groups).toHaveLength(declarations().length);
    for (const group of groups) {
      expect(group.DeletionPolicy).toBe('Retain');
      expect(group.UpdateReplacePolicy).toBe('Retain');
    }
  });

  it('are deleted with the stack in dev', () => {
    const groups = logGroupsOf(dev);
    expect(groups).toHaveLength(declarations().length);
    for (const group of groups) expect(group.DeletionPolicy).toBe('Delete');
  });
});

describe('reserved concurrency', () => {
  it('is declared for the POS intake, its authorizer and the crediting consumer', () => {
    expect(purchasePath().map(([name]) => name)).toEqual(
      expect.arrayContaining([
        'posKeyAuthorizer',
        'recordPosTransaction',
        'recordPosRefund',
        'creditPosTransactions',
      ]),
    );
  });

  it('is set on exactly the functions that declare it, in every stage', () => {
    for (const built of [dev, prod]) {
      for (const [name, declaration] of declarations()) {
        const { stack, fn } = functionOf(built, name, declaration);
        const resource = Template.fromStack(stack).toJSON().Resources[logicalIdOf(fn)];
        expect(resource.Properties.ReservedConcurrentExecutions, name).toBe(declaration.reservedConcurrency);
      }
    }
  });

  it("leaves most of the account's default 1,000 to the other functions, and covers each queue mapping", () => {
    const reserved = purchasePath().reduce((sum, [, d]) => sum + d.reservedConcurrency!, 0);
    // Lambda keeps 100 unreserved; the rest of the platform needs far more than that at peak.
    expect(reserved).toBeLessThanOrEqual(400);
    for (const [name, d] of purchasePath())
      if (d.trigger.kind === 'queue')
        expect(d.reservedConcurrency, name).toBeGreaterThanOrEqual(d.trigger.maxConcurrency);
  });

  it('refuses a queue consumer that reserves less than its mapping may run', () => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const [, credit] = declarations().find(([name]) => name === 'creditPosTransactions')!;
    expect(() => lonelyFunction(app, 'eu-west-1', { ...credit, reservedConcurrency: 10 })).toThrow(
      /reserves 10 concurrent executions, fewer than its queue mapping's maxConcurrency of 50/,
    );
  });
});

/** One manifest function in a stack of its own, as the stage's settings make it. */
function lonelyFunction(
  app: App,
  region: string | undefined,
  declaration: FunctionDeclaration,
  settings: { openTelemetry?: boolean; gradualDeployment?: boolean } = {},
) {
  const stack = new Stack(app, `Lonely${app.node.children.length}`, region ? { env: { region } } : {});
  const fn = new CrmFunction(stack, 'Fn', {
    name: 'lonely',
    stage: 'test',
    entry: fileURLToPath(new URL(`../../${declaration.handler}`, import.meta.url)),
    declaration,
    logRetentionDays: 30,
    retainLogs: false,
    openTelemetry: settings.openTelemetry ?? false,
    gradualDeployment: settings.gradualDeployment ?? false,
    awsSdkTracing: false,
    environment: {},
  });
  return { stack, fn };
}

describe('OpenTelemetry', () => {
  const [, listStores] = declarations().find(([name]) => name === 'listStores')!;

  it('is off unless the stage turns it on', () => {
    for (const built of [dev, prod]) {
      expect(
        readStageConfig(built.core.node.tryGetContext('stage'), cdkJson.context['sbm:stages']).openTelemetry,
      ).toBe(false);
      for (const stack of functionStacksOf(built)) {
        const functions = Object.values(Template.fromStack(stack).findResources('AWS::Lambda::Function'));
        for (const fn of functions) {
          expect(fn.Properties.Layers).toBeUndefined();
          expect(fn.Properties.Environment.Variables.AWS_LAMBDA_EXEC_WRAPPER).toBeUndefined();
        }
      }
    }
  });

  it("adds the ADOT layer for Node.js on arm64 of the stack's region, its wrapper and X-Ray propagation", () => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const { stack } = lonelyFunction(app, 'ap-southeast-1', listStores, { openTelemetry: true });
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', {
      Architectures: ['arm64'],
      TracingConfig: { Mode: 'Active' },
      Layers: ['arn:aws:lambda:ap-southeast-1:901920570463:layer:aws-otel-nodejs-arm64-ver-1-30-1:1'],
      Environment: {
        Variables: Match.objectLike({
          AWS_LAMBDA_EXEC_WRAPPER: '/opt/otel-handler',
          OTEL_SERVICE_NAME: 'pos',
          OTEL_PROPAGATORS: 'xray',
          POWERTOOLS_SERVICE_NAME: 'pos',
        }),
      },
    });
  });

  it('is refused at synth where AWS publishes no ADOT layer, and where the region is not pinned', () => {
    expect(() => adotLayerArn('cn-north-1')).toThrow(/no ADOT layer for Node.js on arm64 in cn-north-1/);
    expect(() => adotLayerArn('cn-northwest-1')).toThrow(/cn-northwest-1/);
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    expect(() => lonelyFunction(app, 'cn-north-1', listStores, { openTelemetry: true })).toThrow(
      /cn-north-1/,
    );
    expect(() => lonelyFunction(app, undefined, listStores, { openTelemetry: true })).toThrow(
      /pinned to a region/,
    );
  });

  it('is refused for the China stage, whose Region has no ADOT layer', () => {
    const context = contextOf('prod-cn');
    const stages = context['sbm:stages'];
    const app = new App({
      context: {
        ...context,
        'sbm:stages': { ...stages, 'prod-cn': { ...stages['prod-cn'], openTelemetry: true } },
      },
    });
    expect(() => buildApp(app, undefined, { consoleAssets })).toThrow(/no ADOT layer .* in cn-north-1/);
  });
});

describe('gradual deployment', () => {
  it('is on in prod and off in dev', () => {
    const stages = cdkJson.context['sbm:stages'];
    expect(readStageConfig('prod', stages).gradualDeployment).toBe(true);
    expect(readStageConfig('dev', stages).gradualDeployment).toBe(false);
  });

  it('gives each function of the purchase path a live alias, rolled back by an alarm on its errors', () => {
    expect(purchasePath().length).toBeGreaterThan(0);
    for (const [name, declaration] of purchasePath()) {
      expect(deploysGradually(declaration), name).toBe(true);
      const { stack, fn } = functionOf(prod, name, declaration);
      const template = Template.fromStack(stack);
      const alias = fn.liveAlias!;
      const aliasId = stack.getLogicalId(alias.node.defaultChild as never);
      expect(template.toJSON().Resources[aliasId].Properties).toMatchObject({
        Name: 'live',
        FunctionName: { Ref: logicalIdOf(fn) },
      });
      const [alarmId, alarm] = Object.entries(
        template.findResources('AWS::CloudWatch::Alarm', {
          Properties: { AlarmName: `sbm-crm-prod-${name}-live-errors` },
        }),
      )[0]!;
      expect(alarm.Properties).toMatchObject({
        MetricName: 'Errors',
        Namespace: 'AWS/Lambda',
        Statistic: 'Sum',
        Period: 60,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        Dimensions: expect.arrayContaining([
          { Name: 'Resource', Value: expect.objectContaining({ 'Fn::Join': expect.anything() }) },
        ]),
      });
      // CloudFormation shifts the alias through its deployment group rather than at once.
      const update = template.toJSON().Resources[aliasId].UpdatePolicy.CodeDeployLambdaAliasUpdate;
      const group = template.toJSON().Resources[update.DeploymentGroupName.Ref];
      expect(group.Type, name).toBe('AWS::CodeDeploy::DeploymentGroup');
      expect(group.Properties).toMatchObject({
        DeploymentConfigName: servesTheApi(declaration)
          ? 'CodeDeployDefault.LambdaCanary10Percent5Minutes'
          : 'CodeDeployDefault.LambdaLinear10PercentEvery1Minute',
        AlarmConfiguration: { Enabled: true, Alarms: [{ Name: { Ref: alarmId } }] },
        AutoRollbackConfiguration: {
          Enabled: true,
          Events: expect.arrayContaining(['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM']),
        },
      });
    }
  });

  it('leaves the other functions and every function of dev without aliases', () => {
    for (const [name, declaration] of declarations()) {
      expect(functionOf(dev, name, declaration).fn.liveAlias, name).toBeUndefined();
      if (!deploysGradually(declaration))
        expect(functionOf(prod, name, declaration).fn.liveAlias, name).toBeUndefined();
    }
    for (const stack of functionStacksOf(dev)) {
      Template.fromStack(stack).resourceCountIs('AWS::Lambda::Alias', 0);
      Template.fromStack(stack).resourceCountIs('AWS::CodeDeploy::DeploymentGroup', 0);
    }
  });

  it('points the API, the POS key authorizer and the POS queue mapping at the alias', () => {
    const api = Template.fromStack(prod.api);
    const importsOf = (value: unknown) => [
      ...new Set(JSON.stringify(value).match(/Fn::ImportValue[^}]*}/g) ?? []),
    ];
    const aliasExport = /LiveAlias/;
    const methodOf = (operationName: string) => {
      const [method] = Object.values(
        api.findResources('AWS::ApiGateway::Method', { Properties: { OperationName: operationName } }),
      );
      return method!;
    };
    expect(importsOf(methodOf('POST /v1/pos/transactions').Properties.Integration.Uri)).toEqual([
      expect.stringMatching(aliasExport),
    ]);
    const [authorizer] = Object.values(
      api.findResources('AWS::ApiGateway::Authorizer', {
        Properties: { Name: Match.stringLikeRegexp('PosKey') },
      }),
    );
    expect(importsOf(authorizer!.Properties.AuthorizerUri)).toEqual([expect.stringMatching(aliasExport)]);
    const [, credit] = declarations().find(([name]) => name === 'creditPosTransactions')!;
    const { stack, fn } = functionOf(prod, 'creditPosTransactions', credit);
    const aliasId = stack.getLogicalId(fn.liveAlias!.node.defaultChild as never);
    const mappings = Object.values(
      Template.fromStack(stack).findResources('AWS::Lambda::EventSourceMapping'),
    ).filter((mapping) =>
      JSON.stringify(mapping.Properties.EventSourceArn).includes('QueuesPosTransactions'),
    );
    expect(mappings).toHaveLength(1);
    expect(mappings[0]!.Properties.ScalingConfig).toEqual({ MaximumConcurrency: 50 });
    // The alias's qualified name: `<function>:live`, named from the alias's ARN.
    expect(JSON.stringify(mappings[0]!.Properties.FunctionName)).toContain(`"Ref":"${aliasId}"`);
    expect(JSON.stringify(mappings[0]!.Properties.FunctionName)).toContain(':live');
    // A route that does not deploy gradually is still invoked as the function.
    expect(importsOf(methodOf('GET /v1/admin/stores').Properties.Integration.Uri)).toEqual([
      expect.not.stringMatching(aliasExport),
    ]);
  });

  it('shares one CodeDeploy application and service role per stack', () => {
    for (const stack of functionStacksOf(prod)) {
      const template = Template.fromStack(stack);
      const groups = Object.keys(template.findResources('AWS::CodeDeploy::DeploymentGroup')).length;
      template.resourceCountIs('AWS::CodeDeploy::Application', groups > 0 ? 1 : 0);
      const deploymentRoles = template.findResources('AWS::IAM::Role', {
        Properties: {
          AssumeRolePolicyDocument: {
            Statement: [Match.objectLike({ Principal: { Service: 'codedeploy.amazonaws.com' } })],
          },
        },
      });
      expect(Object.keys(deploymentRoles), stack.stackName).toHaveLength(groups > 0 ? 1 : 0);
    }
  });
});

describe('cdk-nag AwsSolutions', () => {
  it('finds nothing unacknowledged in dev or prod', () => {
    for (const built of [dev, prod]) {
      expect(unacknowledgedFindings(built.app)).toEqual([]);
    }
  });
});
