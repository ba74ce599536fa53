// The API's edge as synthesized: the WAF's rules and what each lets through, its answers and logs, the
// access log, the stage's metrics, request validation, and the custom domains of the API and the console.
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Template } from 'aws-cdk-lib/assertions';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import cdkJson from '../../cdk.json' with { type: 'json' };
import { buildApp } from '../../cdk/app';
import {
  ACCESS_LOG_FIELDS,
  ApiConstruct,
  MANAGED_RULES,
  WAF_BODY_INSPECTION_BYTES,
  WAF_MEMBER_LIMIT_PER_IP,
  WAF_REDACTED_HEADERS,
  WAF_RETRY_AFTER_SECONDS,
  WAF_SIGN_IN_LIMIT_PER_IP,
  WAF_STAFF_LIMIT_PER_IP,
  wafProblemDocument,
  type WafProblem,
} from '../../cdk/constructs/api';
import { distributionDomainProps } from '../../cdk/china';
import { readStageConfig } from '../../cdk/config';
import { signInThrottle } from '../../lib/http/gateway';
import { DEFAULT_MAX_BODY_BYTES, type RouteContract } from '../../lib/http/route';
import { declarations } from '../../lib/manifest';
import { unacknowledgedFindings } from '../support/nag';

const consoleAssets = fileURLToPath(new URL('./fixtures/console', import.meta.url));
const API_DOMAIN = {
  name: 'api.crm.example.com',
  certificateArn: `arn:aws:acm:${cdkJson.context['sbm:stages'].prod.region}:123456789012:certificate/abc-123`,
};
const CONSOLE_DOMAIN = {
  name: 'console.crm.example.com',
  certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/def-456',
};

type Json = ReturnType<Template['toJSON']>;
type Statement = Json;
type Rule = { Name: string; Priority: number; Action?: Json; OverrideAction?: Json; Statement: Statement };

/** A request as WAF sees it, for evaluating the synthesized statements. */
interface Request {
  path: string;
  bodyBytes?: number;
  labels?: string[];
}

/**
 * Evaluates a WAF statement of the kinds our rules use against a request, as WAF would: the path's text
 * transformations (the paths here need no decoding or normalising, so lower-casing is all that applies),
 * a body past the inspection limit matching by its oversize handling.
 */
function matches(statement: Statement, request: Request): boolean {
  if (statement.RegexMatchStatement) {
    const { FieldToMatch, RegexString, TextTransformations } = statement.RegexMatchStatement;
    expect(FieldToMatch).toEqual({ UriPath: {} });
    expect((TextTransformations as { Type: string }[]).map((t) => t.Type)).toEqual([
      'URL_DECODE',
      'NORMALIZE_PATH',
      'LOWERCASE',
    ]);
    return new RegExp(RegexString as string).test(request.path.toLowerCase());
  }
  if (statement.NotStatement) return !matches(statement.NotStatement.Statement, request);
  if (statement.OrStatement)
    return (statement.OrStatement.Statements as Statement[]).some((inner) => matches(inner, request));
  if (statement.AndStatement)
    return (statement.AndStatement.Statements as Statement[]).every((inner) => matches(inner, request));
  if (statement.SizeConstraintStatement) {
    const { FieldToMatch, ComparisonOperator, Size } = statement.SizeConstraintStatement;
    expect(ComparisonOperator).toBe('GT');
    expect(FieldToMatch.Body.OversizeHandling).toBe('MATCH');
    const bytes = request.bodyBytes ?? 0;
    return bytes > WAF_BODY_INSPECTION_BYTES || bytes > (Size as number);
  }
  if (statement.LabelMatchStatement) {
    expect(statement.LabelMatchStatement.Scope).toBe('LABEL');
    return (request.labels ?? []).includes(statement.LabelMatchStatement.Key as string);
  }
  throw new Error(`No evaluator for ${Object.keys(statement).join(', ')}`);
}

const httpRoutes = declarations().flatMap(([, declaration]) =>
  declaration.trigger.kind === 'http' ? [declaration.trigger.route as RouteContract] : [],
);
/** A concrete request path of a route, as the execute-api host (with the stage) or the custom domain sends it. */
const concrete = (path: string) => path.replace(/\{[^}]+\}/g, 'AbC-123');
const requestPaths = (path: string) => [`/prod${concrete(path)}`, concrete(path), `/prod${concrete(path)}/`];

let api: Template;
let rules: Rule[];
let acl: Json;
const rule = (name: string) => {
  const found = rules.find((candidate) => candidate.Name === name);
  expect(found, name).toBeDefined();
  return found!;
};
/** The rate-based rules whose scope takes in a request, by name. */
const rateLimitsOf = (request: Request) =>
  rules
    .filter((candidate) => candidate.Statement.RateBasedStatement)
    .filter((candidate) => {
      const scope = candidate.Statement.RateBasedStatement.ScopeDownStatement as Statement | undefined;
      return !scope || matches(scope, request);
    })
    .map((candidate) => candidate.Name)
    .sort();
let built: ReturnType<typeof buildApp>;

beforeAll(() => {
  const stages = cdkJson.context['sbm:stages'] as Record<string, object>;
  const app = new App({
    context: {
      ...cdkJson.context,
      'sbm:stages': {
        ...stages,
        prod: { ...stages.prod, apiDomain: API_DOMAIN, consoleDomain: CONSOLE_DOMAIN },
      },
      stage: 'prod',
      'aws:cdk:bundling-stacks': [],
    },
  });
  built = buildApp(app, undefined, { consoleAssets });
  api = Template.fromStack(built.api);
  [acl] = Object.values(api.findResources('AWS::WAFv2::WebACL')).map((resource) => resource.Properties);
  rules = acl.Rules as Rule[];
});

describe('per-IP rate limits', () => {
  it('limits no POS path per IP: each POS key has its usage plan', () => {
    const pos = httpRoutes.filter((route) => route.auth.kind === 'pos');
    expect(pos.length).toBeGreaterThan(0);
    for (const route of pos)
      for (const path of requestPaths(route.path)) expect(rateLimitsOf({ path }), path).toEqual([]);
  });

  it('limits staff paths with the staff limit and member paths with the member limit, each by one rule', () => {
    for (const route of httpRoutes) {
      if (route.auth.kind === 'pos') continue;
      const staff = route.auth.kind === 'staff' || route.auth.kind === 'anyStaff';
      const expected = [
        staff || route.path.startsWith('/v1/admin/') ? 'StaffRateLimitPerIp' : 'RateLimitPerIp',
        ...(route.throttle === signInThrottle ? ['SignInRateLimitPerIp'] : []),
      ].sort();
      for (const path of requestPaths(route.path))
        expect(rateLimitsOf({ path }), `${route.method} ${path}`).toEqual(expected);
    }
    // A path no route has is limited as members' traffic, not left out.
    expect(rateLimitsOf({ path: '/prod/v1/no-such-route' })).toEqual(['RateLimitPerIp']);
    expect(rateLimitsOf({ path: '/prod/V1/POS/transactions' })).toEqual([]);
  });

  it('sets the limits for carrier-grade NAT, per IP, over five minutes', () => {
    const limitOf = (name: string) => rule(name).Statement.RateBasedStatement;
    expect(limitOf('RateLimitPerIp')).toMatchObject({
      Limit: WAF_MEMBER_LIMIT_PER_IP,
      AggregateKeyType: 'IP',
    });
    expect(limitOf('StaffRateLimitPerIp')).toMatchObject({
      Limit: WAF_STAFF_LIMIT_PER_IP,
      AggregateKeyType: 'IP',
    });
    expect(limitOf('SignInRateLimitPerIp')).toMatchObject({ Limit: WAF_SIGN_IN_LIMIT_PER_IP });
    // Far above what one till NAT's members would need at 3,000, the limit this replaces.
    expect(WAF_MEMBER_LIMIT_PER_IP).toBeGreaterThanOrEqual(30_000);
    expect(WAF_STAFF_LIMIT_PER_IP).toBeGreaterThan(3000);
    for (const name of ['RateLimitPerIp', 'StaffRateLimitPerIp', 'SignInRateLimitPerIp'])
      expect(limitOf(name).EvaluationWindowSec ?? 300, name).toBe(300);
  });
});

describe('the common rule set, scoped', () => {
  const managedGroup = (name: keyof typeof MANAGED_RULES) => rule(name).Statement.ManagedRuleGroupStatement;

  it('counts SizeRestrictions_BODY and NoUserAgent_HEADER, and blocks every other managed rule with our answer', () => {
    for (const name of Object.keys(MANAGED_RULES) as (keyof typeof MANAGED_RULES)[]) {
      expect(rule(name).OverrideAction).toEqual({ None: {} });
      const overrides = managedGroup(name).RuleActionOverrides as { Name: string; ActionToUse: Json }[];
      expect(overrides.map((override) => override.Name)).toEqual([...MANAGED_RULES[name]]);
      for (const override of overrides)
        if (['SizeRestrictions_BODY', 'NoUserAgent_HEADER'].includes(override.Name))
          expect(override.ActionToUse, override.Name).toEqual({ Count: {} });
        else
          expect(override.ActionToUse.Block.CustomResponse, override.Name).toMatchObject({
            ResponseCode: 403,
            CustomResponseBodyKey: 'RequestBlocked',
          });
    }
    expect(managedGroup('AWSManagedRulesCommonRuleSet').Name).toBe('AWSManagedRulesCommonRuleSet');
  });

  it("blocks a body over each route's limit where WAF can see it, and lets POS and voucher import bodies through", () => {
    const bodyRule = rule('BodySizeLimit');
    expect(bodyRule.Action!.Block.CustomResponse).toMatchObject({ ResponseCode: 413 });
    expect(acl.AssociationConfig).toEqual({
      RequestBody: { API_GATEWAY: { DefaultSizeInspectionLimit: 'KB_16' } },
    });
    const blocked = (path: string, bodyBytes: number) => matches(bodyRule.Statement, { path, bodyBytes });
    const large = httpRoutes.filter((route) => (route.maxBodyBytes ?? 0) > WAF_BODY_INSPECTION_BYTES);
    expect(large.map((route) => route.path)).toEqual(
      expect.arrayContaining(['/v1/pos/transactions', '/v1/pos/refunds']),
    );
    expect(large.some((route) => route.path.includes('voucher'))).toBe(true);
    for (const route of httpRoutes) {
      const limit = route.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
      for (const path of requestPaths(route.path)) {
        expect(blocked(path, limit), `${route.method} ${path} at its limit`).toBe(false);
        // The common rule set's 8 KB would have blocked this.
        expect(blocked(path, 9 * 1024), `${path} at 9 KB`).toBe(false);
        if (limit <= WAF_BODY_INSPECTION_BYTES)
          expect(blocked(path, limit + 1), `${route.method} ${path} past its limit`).toBe(true);
        else expect(blocked(path, 200 * 1024), `${path} at 200 KB`).toBe(false);
      }
    }
  });

  it('blocks a request without User-Agent everywhere but on POS paths', () => {
    const noUserAgent = rule('NoUserAgentOutsidePos');
    expect(noUserAgent.Priority).toBeGreaterThan(rule('AWSManagedRulesCommonRuleSet').Priority);
    const labels = ['awswaf:managed:aws:core-rule-set:NoUserAgent_Header'];
    for (const route of httpRoutes)
      for (const path of requestPaths(route.path)) {
        expect(matches(noUserAgent.Statement, { path, labels }), path).toBe(route.auth.kind !== 'pos');
        expect(matches(noUserAgent.Statement, { path }), path).toBe(false);
      }
  });

  it('fits in the 1,500 WCUs a web ACL has without extra charges', () => {
    // AWS's capacity units: a regex match 3, each text transformation but NONE 10, a size constraint 1,
    // a label match 1, a rate-based statement 2 and its scope-down; the two managed groups 700 and 200.
    const managedWcu: Record<string, number> = {
      AWSManagedRulesCommonRuleSet: 700,
      AWSManagedRulesKnownBadInputsRuleSet: 200,
    };
    const transformations = (statement: Json) =>
      10 * (statement.TextTransformations as { Type: string }[]).filter((t) => t.Type !== 'NONE').length;
    const wcu = (statement: Statement): number => {
      if (statement.RegexMatchStatement) return 3 + transformations(statement.RegexMatchStatement);
      if (statement.SizeConstraintStatement) return 1 + transformations(statement.SizeConstraintStatement);
      if (statement.LabelMatchStatement) return 1;
      if (statement.NotStatement) return wcu(statement.NotStatement.Statement);
      const nested = statement.OrStatement ?? statement.AndStatement;
      if (nested) return (nested.Statements as Statement[]).reduce((sum, inner) => sum + wcu(inner), 0);
      if (statement.RateBasedStatement)
        return (
          2 +
          (statement.RateBasedStatement.ScopeDownStatement
            ? wcu(statement.RateBasedStatement.ScopeDownStatement)
            : 0)
        );
      if (statement.ManagedRuleGroupStatement)
        return managedWcu[statement.ManagedRuleGroupStatement.Name as string]!;
      throw new Error(`No WCU for ${Object.keys(statement).join(', ')}`);
    };
    const total = rules.reduce((sum, candidate) => sum + wcu(candidate.Statement), 0);
    expect(total).toBeGreaterThan(900);
    expect(total).toBeLessThanOrEqual(1500);
  });

  it('gives every rule a priority of its own', () => {
    const priorities = rules.map((candidate) => candidate.Priority);
    expect(new Set(priorities).size).toBe(priorities.length);
  });
});

describe('blocked requests', () => {
  it('answer problem+json documents with a code and status', () => {
    const bodies = acl.CustomResponseBodies as Record<string, { ContentType: string; Content: string }>;
    expect(Object.keys(bodies).sort()).toEqual(['PayloadTooLarge', 'RateLimited', 'RequestBlocked']);
    for (const [key, body] of Object.entries(bodies)) {
      // WAF serves custom bodies as text/plain, text/html or application/json only.
      expect(body.ContentType).toBe('APPLICATION_JSON');
      const document = JSON.parse(body.Content) as Record<string, unknown>;
      expect(document).toEqual(wafProblemDocument(key as WafProblem));
      expect(document).toMatchObject({ type: expect.stringMatching(/^https:/), title: expect.any(String) });
    }
    expect(JSON.parse(bodies.RateLimited!.Content)).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect(JSON.parse(bodies.RequestBlocked!.Content)).toMatchObject({
      status: 403,
      code: 'REQUEST_BLOCKED',
    });
  });

  it('answer 429 with Retry-After for rate limits, 403 or 413 otherwise, all with CORS headers', () => {
    const blocking = rules.filter((candidate) => candidate.Action);
    expect(blocking.length).toBeGreaterThanOrEqual(5);
    for (const candidate of blocking) {
      const response = candidate.Action!.Block.CustomResponse;
      const headers = Object.fromEntries(
        (response.ResponseHeaders as { Name: string; Value: string }[]).map((h) => [h.Name, h.Value]),
      );
      expect(headers['Access-Control-Allow-Origin'], candidate.Name).toBe('*');
      if (candidate.Statement.RateBasedStatement) {
        expect(response, candidate.Name).toMatchObject({
          ResponseCode: 429,
          CustomResponseBodyKey: 'RateLimited',
        });
        expect(headers['Retry-After'], candidate.Name).toBe(String(WAF_RETRY_AFTER_SECONDS));
      } else {
        expect([403, 413], candidate.Name).toContain(response.ResponseCode);
        expect(headers['Retry-After'], candidate.Name).toBeUndefined();
      }
    }
  });
});

describe('WAF logs', () => {
  it('go to a log group named aws-waf-logs-sbm-crm-<stage>, with credentials redacted', () => {
    const [logGroupId] = Object.keys(
      api.findResources('AWS::Logs::LogGroup', { Properties: { LogGroupName: 'aws-waf-logs-sbm-crm-prod' } }),
    );
    expect(logGroupId).toBeDefined();
    const [logging] = Object.values(api.findResources('AWS::WAFv2::LoggingConfiguration')).map(
      (resource) => resource.Properties,
    );
    // The log group's ARN as WAF wants it: ending in its name (Ref), without CloudWatch's `:*`.
    const [destination] = logging.LogDestinationConfigs as { 'Fn::Join': [string, unknown[]] }[];
    const parts = destination!['Fn::Join'][1];
    expect(String(parts.at(-2))).toMatch(/:log-group:$/);
    expect(parts.at(-1)).toEqual({ Ref: logGroupId });
    expect(logging.RedactedFields).toEqual(
      WAF_REDACTED_HEADERS.map((name) => ({ SingleHeader: { Name: name } })),
    );
    expect([...WAF_REDACTED_HEADERS]).toEqual(['authorization', 'cookie', 'x-pos-signature']);
  });
});

describe('the stage', () => {
  it('logs latency, integration latency, the error and the correlation id of each request', () => {
    const [stage] = Object.values(api.findResources('AWS::ApiGateway::Stage')).map((r) => r.Properties);
    const format = JSON.parse(stage.AccessLogSetting.Format as string) as Record<string, string>;
    expect(format).toEqual(ACCESS_LOG_FIELDS);
    expect(format).toMatchObject({
      responseLatency: '$context.responseLatency',
      integrationLatency: '$context.integrationLatency',
      errorMessage: '$context.error.message',
      // The id the functions use as correlation id when the client sends none, and the gateway's answers carry.
      correlationId: '$context.requestId',
      status: '$context.status',
      resourcePath: '$context.resourcePath',
    });
  });

  it('has detailed metrics on every method, the throttled routes included', () => {
    const [stage] = Object.values(api.findResources('AWS::ApiGateway::Stage')).map((r) => r.Properties);
    const settings = stage.MethodSettings as {
      ResourcePath: string;
      HttpMethod: string;
      MetricsEnabled?: boolean;
    }[];
    expect(settings.length).toBeGreaterThan(1);
    expect(settings).toContainEqual(
      expect.objectContaining({ ResourcePath: '/*', HttpMethod: '*', MetricsEnabled: true }),
    );
    for (const setting of settings)
      expect(setting.MetricsEnabled, `${setting.HttpMethod} ${setting.ResourcePath}`).toBe(true);
  });

  it('attaches no request validator: the handlers validate with the route schemas', () => {
    const stacks = [built.api, ...Object.values(built.api.sections)].map((stack) =>
      Template.fromStack(stack),
    );
    for (const template of stacks) {
      template.resourceCountIs('AWS::ApiGateway::RequestValidator', 0);
      for (const method of Object.values(template.findResources('AWS::ApiGateway::Method')))
        expect(method.Properties.RequestValidatorId).toBeUndefined();
    }
  });
});

describe('custom domains', () => {
  it('serves the API on its domain with TLS 1.2, the stage at the root', () => {
    api.hasResourceProperties('AWS::ApiGateway::DomainName', {
      DomainName: API_DOMAIN.name,
      RegionalCertificateArn: API_DOMAIN.certificateArn,
      EndpointConfiguration: { Types: ['REGIONAL'] },
      SecurityPolicy: 'TLS_1_2',
    });
    const [mapping] = Object.values(api.findResources('AWS::ApiGateway::BasePathMapping')).map(
      (resource) => resource.Properties,
    );
    expect(mapping.BasePath).toBeUndefined();
    expect(mapping.Stage).toBeDefined();
  });

  it('serves the console on its domain with its us-east-1 certificate and TLSv1.2_2021', () => {
    const console = Template.fromStack(built.console);
    const [distribution] = Object.values(console.findResources('AWS::CloudFront::Distribution')).map(
      (resource) => resource.Properties.DistributionConfig,
    );
    expect(distribution.Aliases).toEqual([CONSOLE_DOMAIN.name]);
    expect(distribution.ViewerCertificate).toMatchObject({
      AcmCertificateArn: CONSOLE_DOMAIN.certificateArn,
      MinimumProtocolVersion: 'TLSv1.2_2021',
      SslSupportMethod: 'sni-only',
    });
  });

  it('refuses a console certificate outside us-east-1 and an API certificate outside its region', () => {
    const cdn = new Stack(new App(), 'Cdn', { env: { account: '123456789012', region: 'ap-southeast-1' } });
    const elsewhere = CONSOLE_DOMAIN.certificateArn.replace('us-east-1', 'ap-east-1');
    expect(() =>
      distributionDomainProps(
        cdn,
        'Elsewhere',
        { ...CONSOLE_DOMAIN, certificateArn: elsewhere },
        'The console',
      ),
    ).toThrow(/us-east-1/);
    expect(distributionDomainProps(cdn, 'Certificate', CONSOLE_DOMAIN, 'The console').domainNames).toEqual([
      CONSOLE_DOMAIN.name,
    ]);
    const stack = new Stack(new App(), 'Api', { env: { account: '123456789012', region: 'cn-north-1' } });
    const fn = lambda.Function.fromFunctionArn(
      stack,
      'Fn',
      'arn:aws-cn:lambda:cn-north-1:123456789012:function:f',
    );
    const props = {
      stage: 'prod',
      authorizer: fn,
      authorizerCacheTtlSeconds: 300,
      posKeyAuthorizer: fn,
      posKeyAuthorizerCacheTtlSeconds: 0,
      logRetentionDays: 30,
      corsAllowOrigin: '*',
      methodThrottles: {},
    };
    expect(() => new ApiConstruct(stack, 'Http', { ...props, domain: API_DOMAIN })).toThrow(
      /needs one in cn-north-1/,
    );
  });

  it('refuses a route whose path does not carry its kind of traffic', () => {
    const signIn = httpRoutes.find((route) => route.throttle === signInThrottle)!;
    const pos = httpRoutes.find((route) => route.auth.kind === 'pos')!;
    const staff = httpRoutes.find((route) => route.auth.kind === 'staff')!;
    const errorsOf = (route: RouteContract) => {
      const stack = new Stack(new App(), 'Api');
      const fn = lambda.Function.fromFunctionArn(
        stack,
        'Fn',
        'arn:aws:lambda:ap-east-1:123456789012:function:f',
      );
      const construct = new ApiConstruct(stack, 'Http', {
        stage: 'dev',
        authorizer: fn,
        authorizerCacheTtlSeconds: 300,
        posKeyAuthorizer: fn,
        posKeyAuthorizerCacheTtlSeconds: 0,
        logRetentionDays: 30,
        corsAllowOrigin: '*',
        methodThrottles: {},
      });
      construct.addRoute(fn, signIn);
      construct.addRoute(fn, route);
      return construct.node.validate().join('\n');
    };
    expect(errorsOf(pos)).toBe('');
    expect(errorsOf(staff)).toBe('');
    expect(errorsOf({ ...pos, path: '/v1/tills/sales' })).toMatch(/\/v1\/tills\/sales \(auth pos\)/);
    expect(errorsOf({ ...staff, path: '/v1/staff-only' })).toMatch(/\/v1\/staff-only \(auth staff\)/);
    expect(errorsOf({ ...staff, path: '/v1/pos/staff-view' })).toMatch(
      /\/v1\/pos\/staff-view \(auth staff\)/,
    );
  });

  it('validates the domain settings of a stage', () => {
    const base = cdkJson.context['sbm:stages'].prod;
    expect(readStageConfig('prod', { prod: { ...base, apiDomain: API_DOMAIN } }).apiDomain).toEqual(
      API_DOMAIN,
    );
    expect(() =>
      readStageConfig('prod', {
        prod: { ...base, apiDomain: { ...API_DOMAIN, certificateArn: 'not-an-arn' } },
      }),
    ).toThrow(/Invalid settings/);
    expect(() =>
      readStageConfig('prod', { prod: { ...base, consoleDomain: { name: 'Not A Domain' } } }),
    ).toThrow(/Invalid settings/);
  });
});

describe('cdk-nag', () => {
  it('says why each public route needs no authorizer, by what the route is', () => {
    const reasons = built.app.node
      .findAll()
      .flatMap((construct) =>
        construct.node.metadata.filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY),
      )
      .flatMap((entry) => Object.entries(entry.data as Record<string, string>))
      .filter(([id, reason]) => id.endsWith('AwsSolutions-APIG4') && !reason.includes('405'))
      .map(([, reason]) => reason);
    const push = reasons.filter((reason) => reason.startsWith('/v1/wechat/push '));
    expect(push).toHaveLength(2);
    for (const reason of push) expect(reason).toMatch(/WeChat's servers.*signature/);
    const signIn = reasons.filter((reason) => reason.startsWith('/v1/admin/auth/login '));
    expect(signIn).toHaveLength(1);
    expect(signIn[0]).toMatch(/signing in or out/);
    expect(reasons.filter((reason) => /obtains or ends tokens/.test(reason))).toEqual([]);
  });

  it('reports no finding that is not acknowledged, with the domains set', () => {
    expect(unacknowledgedFindings(built.app)).toEqual([]);
  });
});
