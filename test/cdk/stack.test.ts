// The synthesized stack: real properties of the resources the manifest asks for, and a clean cdk-nag report.
import { fileURLToPath } from 'node:url';
import { App, Stack, Validations, type NestedStack } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import cdkJson from '../../cdk.json' with { type: 'json' };
import { buildApp } from '../../cdk/app';
import {
  FIRST_GROUP,
  servesTheApi,
  stackGroupOfDeclaration,
  stackNameOf,
  type StackGroup,
} from '../../cdk/stack-groups';
import {
  allowHeader,
  apiThrottle,
  gatewayProblemDocument,
  gatewayProblems,
  methodNotAllowedDocument,
  posKeyThrottle,
  signInThrottle,
  type GatewayProblem,
} from '../../lib/http/gateway';
import { defineRoute, type RouteContract } from '../../lib/http/route';
import { declarations } from '../../lib/manifest';
import type { FunctionDeclaration, Service } from '../../lib/manifest/types';
import { unacknowledgedFindings } from '../support/nag';

/** A stand-in for the console's build (index.html and a hashed asset). */
const consoleAssets = fileURLToPath(new URL('./fixtures/console', import.meta.url));

type Built = ReturnType<typeof buildApp>;

let built: Built;
let core: Template;
let api: Template;
let workers: Template;
/** Every stack of workers, one per stack group with workers. */
let workerStacks: Template[];
/** Every stack of functions: each group's routes and workers. */
let functionStacks: Template[];
let methods: ApiMethod[];

beforeAll(() => {
  // Bundling is skipped here (it is exercised by `npm run synth`); everything else is the real app.
  const app = new App({ context: { ...cdkJson.context, stage: 'prod', 'aws:cdk:bundling-stacks': [] } });
  built = buildApp(app, undefined, { consoleAssets });
  core = Template.fromStack(built.core);
  api = Template.fromStack(built.api);
  workers = Template.fromStack(built.workers);
  workerStacks = [...built.workerStacks.values()].map((stack) => Template.fromStack(stack));
  functionStacks = [...built.routeStacks.values()]
    .map((stack) => Template.fromStack(stack))
    .concat(workerStacks);
  methods = apiMethods(built);
});

const resourcesOf = (template: Template, type: string) => Object.entries(template.findResources(type));
const resourcesIn = (templates: Template[], type: string) =>
  templates.flatMap((template) => resourcesOf(template, type));
const namesOf = (stacks: Stack[]) => stacks.map((stack) => stack.stackName).sort();

/** The stack a manifest function is built in: the routes or workers stack of its group. */
const functionStackOf = (app: Built, declaration: FunctionDeclaration) =>
  (servesTheApi(declaration) ? app.routeStacks : app.workerStacks).get(stackGroupOfDeclaration(declaration));

/** Where a group's API methods are built: the API's stack for the first group, else the group's section. */
const methodStackOf = (app: Built, group: StackGroup): Stack | undefined =>
  group === FIRST_GROUP ? app.api : app.api.sections[group];

/** The API's stack and its sections (a nested stack per group but the first). */
const apiStacksOf = (app: Built): Stack[] => [app.api, ...Object.values(app.api.sections)];

/** A resource of a template, as the assertions library gives it. */
type CfnResource = ReturnType<Template['findResources']>[string];
interface ApiMethod {
  /** The stack the method is built in: the API's or a section. */
  stack: Stack;
  /** The full path of its resource, followed across stacks. */
  path: string;
  properties: CfnResource;
}

/**
 * Every method of the REST API with the path of its resource, in the API's stack and its sections. A
 * section names the resources of the API's stack by parameters, which the API's stack passes it.
 */
function apiMethods(app: Built): ApiMethod[] {
  const parent = Template.fromStack(app.api).toJSON().Resources as Record<string, CfnResource>;
  const pathIn =
    (resources: Record<string, CfnResource>, parameters: Record<string, { Ref?: string }>) =>
    (id: string): string => {
      if (id in parameters) return pathIn(parent, {})(parameters[id]!.Ref!);
      const resource = resources[id];
      if (resource?.Type !== 'AWS::ApiGateway::Resource') throw new Error(`${id} is no API resource`);
      const parentId = (resource.Properties.ParentId as { Ref?: string }).Ref;
      return `${parentId ? pathIn(resources, parameters)(parentId) : ''}/${resource.Properties.PathPart as string}`;
    };
  const stacks: [Stack, Record<string, CfnResource>, Record<string, { Ref?: string }>][] = [
    [app.api, parent, {}],
    ...Object.values(app.api.sections).map((section: NestedStack) => {
      const nested = parent[app.api.getLogicalId(section.nestedStackResource as never)]!;
      return [
        section,
        Template.fromStack(section).toJSON().Resources as Record<string, CfnResource>,
        (nested.Properties.Parameters ?? {}) as Record<string, { Ref?: string }>,
      ] as [Stack, Record<string, CfnResource>, Record<string, { Ref?: string }>];
    }),
  ];
  return stacks.flatMap(([stack, resources, parameters]) =>
    Object.values(resources)
      .filter((resource) => resource.Type === 'AWS::ApiGateway::Method')
      .map((method) => ({
        stack,
        path: pathIn(resources, parameters)((method.Properties.ResourceId as { Ref: string }).Ref),
        properties: method.Properties,
      })),
  );
}

describe('API', () => {
  const httpRoutes = declarations().flatMap(([name, d]) =>
    d.trigger.kind === 'http'
      ? [{ name, route: d.trigger.route as RouteContract, group: stackGroupOfDeclaration(d) }]
      : [],
  );

  it.each(httpRoutes.map(({ name, route, group }) => [name, route, group] as const))(
    'mounts %s with the authorizer its auth rule needs',
    (name, route, group) => {
      // The function is in its group's routes stack, the method in its group's stack of methods.
      const routeStack = built.routeStacks.get(group);
      const fn = routeStack?.functions[name];
      expect(fn, `${name} in the routes stack of ${group}`).toBeDefined();
      // What the API invokes: the function, or its live alias where it deploys gradually.
      const functionLogicalId = routeStack!.getLogicalId(fn!.invokeTarget.node.defaultChild as never);
      const mounted = methods.filter(
        (method) => method.path === route.path && method.properties.HttpMethod === route.method,
      );
      expect(mounted, `${route.method} ${route.path}`).toHaveLength(1);
      const [match] = mounted;
      expect(match!.stack.node.path).toBe(methodStackOf(built, group)?.node.path);
      const integrationUri = JSON.stringify(match!.properties.Integration?.Uri ?? '');
      expect(integrationUri).toContain(`${routeStack!.stackName}:`);
      expect(integrationUri).toContain(functionLogicalId);
      if (route.auth.kind === 'public') {
        expect(match!.properties.AuthorizationType).toBe('NONE');
      } else {
        expect(match!.properties.AuthorizationType).toBe('CUSTOM');
        expect(match!.properties.AuthorizerId).toBeDefined();
      }
      // POS routes count each request against the POS key's own usage plan key.
      expect(match!.properties.ApiKeyRequired ?? false).toBe(route.auth.kind === 'pos');
    },
  );

  it('answers a method a path lacks with 405 METHOD_NOT_ALLOWED and Allow, from one mock ANY method a path', () => {
    const methodsOf = new Map<string, string[]>();
    for (const { route } of httpRoutes)
      methodsOf.set(route.path, [...(methodsOf.get(route.path) ?? []), route.method]);
    // In the API's stack and its sections: each answer is built beside the resource of its path.
    const answers = methods.filter((method) => method.properties.HttpMethod === 'ANY');
    expect(answers).toHaveLength(methodsOf.size);
    const answered = new Map(answers.map((method) => [method.path, method.properties]));
    expect(answered.size).toBe(methodsOf.size);
    for (const [path, methods] of methodsOf) {
      const allow = allowHeader(methods);
      expect(answered.get(path), path).toMatchObject({
        AuthorizationType: 'NONE',
        Integration: {
          Type: 'MOCK',
          IntegrationResponses: [
            {
              StatusCode: '405',
              ResponseParameters: {
                'method.response.header.Allow': `'${allow}'`,
                'method.response.header.Content-Type': "'application/problem+json'",
              },
              ResponseTemplates: {
                'application/json': JSON.stringify(methodNotAllowedDocument(allow, '$context.requestId')),
              },
            },
          ],
        },
        MethodResponses: [expect.objectContaining({ StatusCode: '405' })],
      });
    }
    expect(
      answered.get('/v1/customers/me')?.Integration.IntegrationResponses[0].ResponseParameters,
    ).toMatchObject({
      'method.response.header.Allow': "'DELETE, GET, PATCH'",
    });
    // API Gateway allows 300 resources a REST API (a soft limit); the 405 answers add methods, not resources.
    const resources = apiStacksOf(built).flatMap((stack) =>
      resourcesOf(Template.fromStack(stack), 'AWS::ApiGateway::Resource'),
    );
    expect(resources.length).toBeLessThan(150);
  });

  it('uses a REQUEST authorizer on the Authorization header with cached results', () => {
    api.hasResourceProperties('AWS::ApiGateway::Authorizer', {
      Type: 'REQUEST',
      IdentitySource: 'method.request.header.Authorization',
      AuthorizerResultTtlInSeconds: 300,
    });
  });

  it('gives each POS key its own limit: a usage plan whose keys the POS key authorizer names', () => {
    api.hasResourceProperties('AWS::ApiGateway::RestApi', { ApiKeySourceType: 'AUTHORIZER' });
    // Called for every POS request, X-Pos-Key or not, so that one without is refused in the POS wording.
    api.hasResourceProperties('AWS::ApiGateway::Authorizer', {
      Type: 'REQUEST',
      IdentitySource: '',
      AuthorizerResultTtlInSeconds: 0,
    });
    api.hasResourceProperties('AWS::ApiGateway::UsagePlan', {
      UsagePlanName: 'sbm-crm-prod-pos-keys',
      Throttle: { RateLimit: posKeyThrottle.rateLimit, BurstLimit: posKeyThrottle.burstLimit },
    });
  });

  it('throttles the stage, writes access logs and traces', () => {
    api.hasResourceProperties('AWS::ApiGateway::Stage', {
      TracingEnabled: true,
      AccessLogSetting: { DestinationArn: Match.anyValue(), Format: Match.anyValue() },
      MethodSettings: Match.arrayWith([
        Match.objectLike({
          ThrottlingRateLimit: apiThrottle.rateLimit,
          ThrottlingBurstLimit: apiThrottle.burstLimit,
        }),
      ]),
    });
  });

  it('throttles the sign-in routes harder than the stage', () => {
    api.hasResourceProperties('AWS::ApiGateway::Stage', {
      MethodSettings: Match.arrayWith([
        Match.objectLike({
          ResourcePath: '/~1v1~1auth~1wechat~1login',
          HttpMethod: 'POST',
          ThrottlingRateLimit: 50,
          ThrottlingBurstLimit: 100,
        }),
        Match.objectLike({
          ResourcePath: '/~1v1~1admin~1auth~1login',
          HttpMethod: 'POST',
          ThrottlingRateLimit: 50,
        }),
      ]),
    });
  });

  it('answers gateway errors as problem+json, the same documents as the local cloud', () => {
    for (const kind of Object.keys(gatewayProblems) as GatewayProblem[]) {
      const document = gatewayProblemDocument(kind, '$context.requestId');
      api.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
        ResponseType: kind,
        StatusCode: String(document.status),
        ResponseParameters: Match.objectLike({
          'gatewayresponse.header.Content-Type': "'application/problem+json'",
        }),
        ResponseTemplates: { 'application/json': JSON.stringify(document) },
      });
    }
  });

  it('answers 401 UNAUTHORIZED on bearer routes and 401 POS_SIGNATURE_INVALID naming the POS headers on POS routes', () => {
    const templateOf = (kind: GatewayProblem) => {
      const [response] = Object.values(
        api.findResources('AWS::ApiGateway::GatewayResponse', { Properties: { ResponseType: kind } }),
      );
      expect(response?.Properties.StatusCode, kind).toBe('401');
      return JSON.parse(response!.Properties.ResponseTemplates['application/json'] as string) as Record<
        string,
        unknown
      >;
    };
    expect(templateOf('UNAUTHORIZED')).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
    // Only POS routes require an API key, so its refusal is theirs alone: no key, or none in use.
    const posRefusal = templateOf('INVALID_API_KEY');
    expect(posRefusal).toMatchObject({ status: 401, code: 'POS_SIGNATURE_INVALID' });
    expect(posRefusal.detail).toMatch(/X-Pos-Key.*X-Pos-Timestamp.*X-Pos-Signature/);
    expect(posRefusal.correlationId).toBe('$context.requestId');
  });

  it('puts the stage behind a WAF with a per-IP rate limit', () => {
    api.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'REGIONAL',
      Rules: Match.arrayWith([
        Match.objectLike({ Statement: { RateBasedStatement: Match.objectLike({ AggregateKeyType: 'IP' }) } }),
      ]),
    });
    api.resourceCountIs('AWS::WAFv2::WebACLAssociation', 1);
  });

  it('limits requests per IP to every route with the sign-in throttle, sign-in and token refresh alike', () => {
    const signInPaths: string[] = httpRoutes
      .filter(({ route }) => route.throttle === signInThrottle)
      .map(({ route }) => route.path);
    expect(signInPaths.sort()).toEqual([
      '/v1/admin/auth/login',
      // Sign-in's second step and an enrolment the policy asks for at sign-in.
      '/v1/admin/auth/login/two-factor',
      '/v1/admin/auth/login/two-factor/enrolment',
      '/v1/admin/auth/login/two-factor/enrolment/confirm',
      '/v1/admin/auth/refresh',
      '/v1/auth/refresh',
      '/v1/auth/wechat/login',
    ]);
    type Match = { FieldToMatch: unknown; RegexString: string; TextTransformations: { Type: string }[] };
    type Statement = { RegexMatchStatement: Match; OrStatement?: { Statements: Statement[] } };
    type Rule = {
      Name: string;
      Action: unknown;
      Statement: { RateBasedStatement?: { ScopeDownStatement: Statement } };
    };
    const [acl] = Object.values(api.findResources('AWS::WAFv2::WebACL'));
    const rule = (acl!.Properties.Rules as Rule[]).find(
      (candidate) => candidate.Name === 'SignInRateLimitPerIp',
    );
    expect(rule?.Action).toHaveProperty('Block');
    expect(rule?.Statement.RateBasedStatement).toMatchObject({ AggregateKeyType: 'IP', Limit: 100 });
    const scope = rule!.Statement.RateBasedStatement!.ScopeDownStatement;
    const statements = scope.OrStatement?.Statements ?? [scope];
    for (const { RegexMatchStatement: match } of statements) {
      expect(match.FieldToMatch).toEqual({ UriPath: {} });
      expect(match.TextTransformations.map((transformation) => transformation.Type)).toEqual([
        'URL_DECODE',
        'NORMALIZE_PATH',
        'LOWERCASE',
      ]);
      // WAF refuses capturing groups (and limits alternatives): each pattern is a plain suffix.
      expect(match.RegexString).not.toMatch(/[(|]/);
    }
    // What WAF matches, with the path as its transformations leave it (lower-cased; decoded and normalised here).
    const patterns = statements.map(({ RegexMatchStatement: match }) => new RegExp(match.RegexString));
    const limited = (uri: string) => patterns.some((pattern) => pattern.test(uri.toLowerCase()));
    for (const path of signInPaths)
      for (const uri of [path, `/prod${path}`, `/prod${path}/`, `/crm${path.toUpperCase()}`])
        expect(limited(uri), uri).toBe(true);
    const otherPaths = httpRoutes
      .map(({ route }) => route.path.replace(/\{[^}]+\}/g, 'x'))
      .filter((path) => !signInPaths.includes(path));
    expect(otherPaths).toContain('/v1/auth/logout');
    for (const path of otherPaths) expect(limited(`/prod${path}`), path).toBe(false);
    expect(limited('/prod/v1/auth/refresh/more')).toBe(false);
  });
});

describe('events', () => {
  const consumers = declarations().filter(([, d]) => d.trigger.kind === 'event');

  it('has one rule per event consumer, each target with retries and its own dead-letter queue', () => {
    const rules = resourcesIn(workerStacks, 'AWS::Events::Rule').filter(
      ([, rule]) => rule.Properties.EventBusName,
    );
    expect(rules).toHaveLength(consumers.length);
    const dlqs = new Set<string>();
    for (const [, rule] of rules) {
      for (const target of rule.Properties.Targets as {
        DeadLetterConfig?: { Arn: unknown };
        RetryPolicy?: { MaximumRetryAttempts: number };
      }[]) {
        expect(target.DeadLetterConfig?.Arn).toBeDefined();
        expect(target.RetryPolicy?.MaximumRetryAttempts).toBe(2);
        dlqs.add(JSON.stringify(target.DeadLetterConfig!.Arn));
      }
    }
    expect(dlqs.size).toBe(consumers.length);
  });

  it('gives the event archive, the one rule on the bus in the core stack, retries and a dead-letter queue too', () => {
    const targets = [...workerStacks, core].flatMap((template) =>
      resourcesOf(template, 'AWS::Events::Rule')
        .filter(([, rule]) => rule.Properties.EventBusName)
        .flatMap(([, rule]) => rule.Properties.Targets as { DeadLetterConfig?: { Arn: unknown } }[]),
    );
    expect(targets).toHaveLength(consumers.length + 1);
    const dlqs = new Set(targets.map((target) => JSON.stringify(target.DeadLetterConfig?.Arn)));
    expect(dlqs.has(undefined as never)).toBe(false);
    expect(dlqs.size).toBe(consumers.length + 1);
  });

  const invoked = consumers.filter(([, d]) => d.trigger.kind === 'event' && !d.trigger.batches);
  const batched = consumers.filter(([, d]) => d.trigger.kind === 'event' && d.trigger.batches);

  it('sends function errors of event consumers to a dead-letter queue after Lambda retries', () => {
    const configs = resourcesIn(workerStacks, 'AWS::Lambda::EventInvokeConfig');
    // Scheduled functions have one too (test/cdk/monitoring.test.ts), and one-time schedules' targets.
    const scheduled = declarations().filter(
      ([, d]) => d.trigger.kind === 'schedule' || d.trigger.kind === 'oneTime',
    );
    expect(configs).toHaveLength(invoked.length + scheduled.length);
    for (const [, config] of configs) {
      expect(config.Properties.MaximumRetryAttempts).toBe(2);
      expect(config.Properties.DestinationConfig.OnFailure.Destination).toBeDefined();
    }
  });

  it('buffers the events of batched consumers in a queue of their own, drained in batches with partial failures', () => {
    expect(batched.length).toBeGreaterThan(0);
    // The rule and the mapping of a buffer are in its workers stack.
    const buffers = workerStacks.flatMap((template) =>
      resourcesOf(template, 'AWS::SQS::Queue')
        .filter(([, queue]) => queue.Properties.RedrivePolicy)
        .map(([id, queue]) => [id, queue, template] as const),
    );
    expect(buffers).toHaveLength(batched.length);
    for (const [id, queue, template] of buffers) {
      expect(queue.Properties.RedrivePolicy.maxReceiveCount).toBe(5);
      expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
      const rule = resourcesOf(template, 'AWS::Events::Rule').find(([, candidate]) =>
        JSON.stringify(candidate.Properties.Targets).includes(id),
      );
      expect(rule, `a rule targets ${id}`).toBeDefined();
      const mapping = resourcesOf(template, 'AWS::Lambda::EventSourceMapping').find(([, candidate]) =>
        JSON.stringify(candidate.Properties.EventSourceArn).includes(id),
      );
      expect(mapping?.[1].Properties).toMatchObject({
        BatchSize: 100,
        MaximumBatchingWindowInSeconds: 1,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        ScalingConfig: { MaximumConcurrency: 4 },
      });
    }
  });

  it('archives the bus for replay', () => {
    core.hasResourceProperties('AWS::Events::Archive', { RetentionDays: 90 });
  });
});

describe('data', () => {
  it('encrypts both tables with the customer-managed key, with PITR, TTL and deletion protection in prod', () => {
    const tables = resourcesOf(core, 'AWS::DynamoDB::Table');
    expect(tables).toHaveLength(2);
    const [keyId] = Object.keys(core.findResources('AWS::KMS::Key'));
    for (const [, table] of tables) {
      expect(table.Properties.SSESpecification).toEqual({
        SSEEnabled: true,
        SSEType: 'KMS',
        KMSMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] },
      });
      expect(table.Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
      expect(table.Properties.TimeToLiveSpecification.Enabled).toBe(true);
      expect(table.Properties.BillingMode).toBe('PAY_PER_REQUEST');
      expect(table.Properties.DeletionProtectionEnabled).toBe(true);
      expect(table.DeletionPolicy).toBe('Retain');
    }
    core.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  it('builds the main table indexes as defined, the ledger index copying only the entries', () => {
    const main = resourcesOf(core, 'AWS::DynamoDB::Table').find(
      ([, table]) => table.Properties.GlobalSecondaryIndexes?.length,
    )!;
    const projections = Object.fromEntries(
      (
        main[1].Properties.GlobalSecondaryIndexes as {
          IndexName: string;
          Projection: Record<string, unknown>;
        }[]
      ).map((index) => [index.IndexName, index.Projection]),
    );
    expect(projections).toEqual({
      gsi1: { ProjectionType: 'ALL' },
      gsi2: { ProjectionType: 'KEYS_ONLY' },
      gsi3: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['ledgerEntry'] },
    });
  });

  it('gives work queues a redrive policy of five receives and a visibility timeout of six consumer timeouts', () => {
    core.hasResourceProperties('AWS::SQS::Queue', {
      RedrivePolicy: { maxReceiveCount: 5, deadLetterTargetArn: Match.anyValue() },
      VisibilityTimeout: 180,
    });
  });
});

describe('functions', () => {
  it('runs every manifest function on Node 24, arm64, with active tracing and its own log group', () => {
    const functions = resourcesIn(functionStacks, 'AWS::Lambda::Function').filter(([, fn]) =>
      String(fn.Properties.FunctionName ?? '').startsWith('sbm-crm-'),
    );
    expect(functions).toHaveLength(declarations().length);
    for (const [, fn] of functions) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
      });
      expect(fn.Properties.LoggingConfig.LogGroup).toBeDefined();
      expect(fn.Properties.Environment.Variables).toMatchObject({
        POWERTOOLS_SERVICE_NAME: expect.any(String),
      });
      // Source maps are read when a stack is logged, not parsed at every cold start.
      expect(fn.Properties.Environment.Variables.NODE_OPTIONS).toBeUndefined();
    }
  });

  it('builds each function in the routes or workers stack of its group, and nowhere else', () => {
    const groups = new Set(declarations().map(([, d]) => stackGroupOfDeclaration(d)));
    expect(groups).toContain('reports');
    for (const [name, declaration] of declarations()) {
      const home = functionStackOf(built, declaration);
      expect(home?.functions[name], `${name} in its group's stack`).toBeDefined();
      const others = [...built.routeStacks.values(), ...built.workerStacks.values()].filter(
        (stack) => stack !== home && name in stack.functions,
      );
      expect(namesOf(others), name).toEqual([]);
    }
    for (const [group, stack] of built.routeStacks)
      expect(stack.stackName).toBe(stackNameOf('prod', 'routes', group));
    for (const [group, stack] of built.workerStacks)
      expect(stack.stackName).toBe(stackNameOf('prod', 'workers', group));
  });

  it('tells the functions that query the archive its workgroup and database, and no other function', () => {
    const querying = declarations().filter(([, d]) => d.access.queriesArchive);
    expect(querying.length).toBeGreaterThan(0);
    const told = resourcesIn(functionStacks, 'AWS::Lambda::Function').filter(
      ([, fn]) => fn.Properties.Environment?.Variables?.ARCHIVE_ATHENA_WORKGROUP !== undefined,
    );
    expect(told.map(([, fn]) => fn.Properties.FunctionName as string).sort()).toEqual(
      querying.map(([name]) => `sbm-crm-prod-${name}`).sort(),
    );
    for (const [, fn] of told)
      expect(fn.Properties.Environment.Variables).toMatchObject({
        ARCHIVE_ATHENA_WORKGROUP: 'sbm-crm-prod-analytics',
        ARCHIVE_DATABASE: 'sbm_crm_prod_archive',
      });
  });

  it("tells the POS routes the stage's window for late sales, and no other function", () => {
    const functions = resourcesIn(functionStacks, 'AWS::Lambda::Function').filter(([, fn]) =>
      String(fn.Properties.FunctionName ?? '').startsWith('sbm-crm-'),
    );
    const told = functions
      .filter(([, fn]) => fn.Properties.Environment.Variables.POS_LATE_SALE_DAYS !== undefined)
      .map(([, fn]) => [
        String(fn.Properties.FunctionName),
        fn.Properties.Environment.Variables.POS_LATE_SALE_DAYS,
      ]);
    const posRoutes = declarations().filter(
      ([, d]) => d.trigger.kind === 'http' && d.trigger.route.auth.kind === 'pos',
    );
    expect(told).toHaveLength(posRoutes.length);
    for (const [, days] of told) expect(days).toBe('30');
  });

  it('grants read-only functions no write action on the tables', () => {
    const [, declaration] = declarations().find(([name]) => name === 'getMyProfile')!;
    const stack = functionStackOf(built, declaration)!;
    const role = stack.functions.getMyProfile!.role!;
    const policy = Template.fromStack(stack).findResources('AWS::IAM::Policy', {
      Properties: { Roles: [{ Ref: stack.getLogicalId(role.node.defaultChild as never) }] },
    });
    const actions = JSON.stringify(Object.values(policy).map((p) => p.Properties.PolicyDocument));
    expect(actions).toContain('dynamodb:GetItem');
    expect(actions).not.toContain('dynamodb:PutItem');
    expect(actions).not.toContain('events:PutEvents');
  });

  it('schedules the manifest schedules with retries and a dead-letter queue', () => {
    workers.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(15 minutes)',
      Target: Match.objectLike({
        RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 2 }),
        DeadLetterConfig: Match.anyValue(),
      }),
    });
  });
});

describe('stack size', () => {
  it('leaves headroom under the CloudFormation limit of 500 resources per stack', () => {
    // When this fails, give the services of the fullest stack's group a stack group of their own (cdk/stack-groups.ts).
    const stacks = [
      built.core,
      built.console,
      ...apiStacksOf(built),
      ...built.routeStacks.values(),
      ...built.workerStacks.values(),
    ];
    for (const stack of stacks) {
      const resources = Object.keys(Template.fromStack(stack).toJSON().Resources as object);
      expect(resources.length, stack.stackName).toBeLessThan(450);
    }
  });

  it('keeps dependencies one way: console → api → routes stacks → core, workers stacks → core', () => {
    // Compared by name: a stack object drags the whole app into the report of a failed comparison.
    // The console names the media distribution in its CSP: a dependency on core it had through the api already.
    Template.fromStack(built.console); // cross-stack references become dependencies as the stack synthesizes
    expect(namesOf(built.console.dependencies)).toEqual(namesOf([built.api, built.core]));
    const routeGroups = new Set(
      declarations().flatMap(([, d]) => (servesTheApi(d) ? [stackGroupOfDeclaration(d)] : [])),
    );
    expect(namesOf(built.api.dependencies)).toEqual(
      [...routeGroups].map((group) => stackNameOf('prod', 'routes', group)).sort(),
    );
    for (const stack of [...built.routeStacks.values(), ...built.workerStacks.values()])
      expect(namesOf(stack.dependencies), stack.stackName).toEqual([built.core.stackName]);
    expect(namesOf(built.core.dependencies)).toEqual([]);
  });

  it("grants API Gateway one invoke permission per route function, from the stack of its group's methods", () => {
    // The authorizers' permissions are in the API's stack, with the authorizers.
    const expected: Record<string, number> = {};
    for (const [, d] of declarations()) {
      if (!servesTheApi(d)) continue;
      const stack =
        d.trigger.kind === 'authorizer' ? built.api : methodStackOf(built, stackGroupOfDeclaration(d));
      expected[stack!.node.path] = (expected[stack!.node.path] ?? 0) + 1;
    }
    const granted = Object.fromEntries(
      apiStacksOf(built).map((stack) => [
        stack.node.path,
        resourcesOf(Template.fromStack(stack), 'AWS::Lambda::Permission').filter(
          ([, p]) => p.Properties.Principal === 'apigateway.amazonaws.com',
        ).length,
      ]),
    );
    expect(granted).toEqual(expected);
    expect(Object.keys(granted).length).toBeGreaterThan(1);
  });
});

/**
 * 100 more route functions and 100 more workers, spread as the services are expected to grow: new ones
 * in stack groups of their own (bookings, ai) and an existing one in the first group (notifications).
 * Each has the costliest shape of its kind: a staff route on a new path (method, 405 answer,
 * resource, invoke permission) and a worker that buffers its events in a queue of its own.
 */
function moreFunctions(): [string, FunctionDeclaration][] {
  const growth: [Service, number][] = [
    ['notifications', 20],
    ['bookings', 40],
    ['ai', 40],
  ];
  return growth.flatMap(([service, count]) =>
    Array.from({ length: count }, (_, index): [string, FunctionDeclaration][] => [
      [
        `${service}Route${index}`,
        {
          service,
          handler: 'functions/notifications/list-my-inbox.ts',
          description: `Route ${index} of ${service}`,
          trigger: {
            kind: 'http',
            route: defineRoute({
              method: 'POST',
              path: `/v1/admin/${service}/things-${index}`,
              auth: { kind: 'staff', permission: 'audit:read' },
              summary: `Route ${index} of ${service}`,
              tag: 'audit',
              responses: { 200: { description: 'Done' } },
            }),
          },
          access: { tables: { main: { reads: ['get'], writes: ['put'] } }, publishesEvents: true },
        },
      ],
      [
        `${service}Worker${index}`,
        {
          service,
          handler: 'functions/notifications/list-my-inbox.ts',
          description: `Worker ${index} of ${service}`,
          trigger:
            index === 0
              ? { kind: 'schedule', expression: 'rate(1 hour)', description: `Hourly work of ${service}` }
              : {
                  kind: 'event',
                  events: ['PurchaseRecorded'],
                  batches: { batchSize: 10, maxBatchingWindowSeconds: 1, maxConcurrency: 2 },
                },
          access: {
            tables: {
              main: { reads: ['get'], writes: ['update'] },
              idempotency: { reads: ['get'], writes: ['put', 'update', 'delete'] },
            },
          },
        },
      ],
    ]).flat(),
  );
}

describe('room to grow', () => {
  let grown: Built;
  const entries = [...declarations(), ...moreFunctions()];
  /** The groups of the grown app with functions of a kind: route functions or workers. */
  const groupsWith = (routes: boolean) =>
    new Set(entries.filter(([, d]) => servesTheApi(d) === routes).map(([, d]) => stackGroupOfDeclaration(d)));

  beforeAll(() => {
    const app = new App({ context: { ...cdkJson.context, stage: 'prod', 'aws:cdk:bundling-stacks': [] } });
    grown = buildApp(app, entries, { consoleAssets });
  });

  const stacksOf = (built: Built): Stack[] => [
    built.core,
    built.console,
    ...apiStacksOf(built),
    ...built.routeStacks.values(),
    ...built.workerStacks.values(),
  ];
  const resourceCount = (stack: Stack) =>
    Object.keys(Template.fromStack(stack).toJSON().Resources as object).length;

  it('keeps every stack, nested ones too, under 500 resources with 100 more route functions and 100 more workers', () => {
    const counts = Object.fromEntries(
      stacksOf(grown).map((stack) => [stack.node.path, resourceCount(stack)]),
    );
    // Core, API and console; a routes and a workers stack per group with such functions; a section per
    // group with routes but the first.
    const sections = [...groupsWith(true)].filter((group) => group !== FIRST_GROUP);
    expect(Object.keys(counts)).toHaveLength(
      3 + sections.length + groupsWith(true).size + groupsWith(false).size,
    );
    expect(Object.keys(grown.api.sections).sort()).toEqual(sections.sort());
    for (const [stack, count] of Object.entries(counts)) expect(count, stack).toBeLessThan(500);
  });

  it('builds a new group in stacks of its own and leaves every function of today in the stack it was in', () => {
    expect(namesOf([...grown.routeStacks.values()])).toEqual(
      [...groupsWith(true)].map((group) => stackNameOf('prod', 'routes', group)).sort(),
    );
    expect(namesOf([...grown.workerStacks.values()])).toEqual(
      [...groupsWith(false)].map((group) => stackNameOf('prod', 'workers', group)).sort(),
    );
    expect(namesOf([...grown.routeStacks.values()])).toEqual(
      expect.arrayContaining(['SbmCrm-prod-routes', 'SbmCrm-prod-routes-bookings', 'SbmCrm-prod-routes-ai']),
    );
    // Every function of today stays in the stack of today's app of the same name.
    for (const [kind, today, grownStacks] of [
      ['routes', built.routeStacks, grown.routeStacks],
      ['workers', built.workerStacks, grown.workerStacks],
    ] as const)
      for (const [group, stack] of today)
        expect(Object.keys(grownStacks.get(group)?.functions ?? {}), `${kind} of ${group}`).toEqual(
          expect.arrayContaining(Object.keys(stack.functions)),
        );
    // 40 more of each beside the bookings functions of today.
    const today = (stacks: Map<string, { functions: object }>) =>
      Object.keys(stacks.get('bookings')?.functions ?? {}).length;
    expect(Object.keys(grown.routeStacks.get('bookings')!.functions)).toHaveLength(
      40 + today(built.routeStacks),
    );
    expect(Object.keys(grown.workerStacks.get('bookings')!.functions)).toHaveLength(
      40 + today(built.workerStacks),
    );
    // Each workers stack has a schedule group of its own: a name is taken once a region.
    const scheduleGroups = [...grown.workerStacks.values()].flatMap((stack) =>
      Object.values(Template.fromStack(stack).findResources('AWS::Scheduler::ScheduleGroup')).map(
        (group) => group.Properties.Name as string,
      ),
    );
    // A workers stack without schedules (the reports group's) has no schedule group.
    expect(scheduleGroups).toEqual(['sbm-crm-prod', 'sbm-crm-prod-bookings', 'sbm-crm-prod-ai']);
  });

  it("mounts a new group's routes from its nested stack, with the authorizer, and deploys the stage after them", () => {
    const section = Template.fromStack(grown.api.sections.bookings!);
    const methods = Object.values(
      section.findResources('AWS::ApiGateway::Method', { Properties: { HttpMethod: 'POST' } }),
    );
    // 40 more beside the bookings routes of today.
    const todaysPostRoutes = declarations().filter(
      ([, d]) => d.service === 'bookings' && d.trigger.kind === 'http' && d.trigger.route.method === 'POST',
    ).length;
    expect(methods).toHaveLength(40 + todaysPostRoutes);
    for (const method of methods) {
      expect(method.Properties.AuthorizationType).toBe('CUSTOM');
      expect(method.Properties.AuthorizerId).toBeDefined();
    }
    const permissions = resourcesOf(section, 'AWS::Lambda::Permission');
    expect(permissions).toHaveLength(
      40 + Object.keys(built.routeStacks.get('bookings')?.functions ?? {}).length,
    );
    const grownApi = Template.fromStack(grown.api);
    const [deployment] = Object.values(grownApi.findResources('AWS::ApiGateway::Deployment'));
    const sectionIds = Object.values(grown.api.sections).map((nested) =>
      grown.api.getLogicalId(nested.nestedStackResource as never),
    );
    expect(deployment!.DependsOn).toEqual(expect.arrayContaining(sectionIds));
  });

  it("keeps the API within API Gateway's 300 resources a REST API", () => {
    const resources = apiStacksOf(grown).flatMap((stack) =>
      resourcesOf(Template.fromStack(stack), 'AWS::ApiGateway::Resource'),
    );
    expect(resources.length).toBeLessThan(300);
  });

  it('keeps dependencies one way as groups are added: console → api → routes stacks → core, workers stacks → core', () => {
    Template.fromStack(grown.console); // cross-stack references become dependencies as the stack synthesizes
    expect(namesOf(grown.console.dependencies)).toEqual(namesOf([grown.api, grown.core]));
    expect(namesOf(grown.api.dependencies)).toEqual(namesOf([...grown.routeStacks.values()]));
    for (const stack of [...grown.routeStacks.values(), ...grown.workerStacks.values()])
      expect(namesOf(stack.dependencies), stack.stackName).toEqual([grown.core.stackName]);
    expect(namesOf(grown.core.dependencies)).toEqual([]);
  });

  it('reports no cdk-nag finding that is not acknowledged with a reason', () => {
    const report = new AwsSolutionsChecks().validateScope(grown.app);
    expect(report.violations.map((violation) => violation.ruleName)).toEqual([]);
  });
});

describe('cdk-nag AwsSolutions', () => {
  it('reports no finding that is not acknowledged with a reason', () => {
    expect(unacknowledgedFindings(built.app)).toEqual([]);
  });

  it('gives every acknowledgement a reason', () => {
    const acknowledgements = built.app.node
      .findAll()
      .flatMap((construct) =>
        construct.node.metadata.filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY),
      )
      .flatMap((entry) => Object.values(entry.data as Record<string, string>));
    expect(acknowledgements.length).toBeGreaterThan(0);
    for (const reason of acknowledgements) expect(reason.length).toBeGreaterThan(20);
  });

  it('fails when a new finding appears', () => {
    const app = new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] } });
    const fresh = buildApp(app, undefined, { consoleAssets });
    new Queue(fresh.core, 'UnencryptedQueueWithoutDlq', { encryption: QueueEncryption.UNENCRYPTED });
    const report = new AwsSolutionsChecks().validateScope(fresh.app);
    expect(report.violations.map((violation) => violation.ruleName)).toEqual(
      expect.arrayContaining(['AwsSolutions-SQS3', 'AwsSolutions-SQS4']),
    );
  });
});
