import {
  ArnFormat,
  CfnOutput,
  Duration,
  Lazy,
  RemovalPolicy,
  Stack,
  Token,
  Validations,
  type NestedStack,
} from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import {
  allowHeader,
  apiThrottle,
  authorizerIdentityHeaders,
  gatewayProblemDocument,
  gatewayProblems,
  methodNotAllowed,
  methodNotAllowedDocument,
  posKeyThrottle,
  posUsagePlanName,
  signInThrottle,
  type GatewayProblem,
} from '../../lib/http/gateway';
import { DEFAULT_MAX_BODY_BYTES, type RouteContract } from '../../lib/http/route';

/**
 * Per-IP limits, in requests per five minutes (WAF's window), by the kind of traffic a path carries.
 * Many callers share one address, so a limit per IP is a limit per crowd, and is sized for the crowd:
 *
 * - Members (the mini program, and every path that is neither POS nor staff): carrier-grade NAT puts
 *   hundreds to thousands of phones behind one public IPv4 address, and on 11.11 a mall's guest Wi-Fi
 *   NATs every shopper in the building to one. We allow 1,000 members per address, each making 6 requests a
 *   minute at peak (opening the mini program, points, rewards, a claim): 1,000 x 6 x 5 = 30,000.
 * - Staff (/v1/admin/...): the console reaches the API through its CloudFront distribution, whose
 *   origin-facing addresses each carry many staff sessions, and a mall office leaves by one NAT. We allow
 *   200 staff per address, each making 20 requests a minute at peak (every console page loads several
 *   lists): 200 x 20 x 5 = 20,000.
 * - POS (/v1/pos/...): no limit per IP. One mall's tills leave by one NAT; each POS key has its own limit
 *   in its usage plan (posKeyThrottle), which is the limit that means something for a till.
 */
export const WAF_MEMBER_LIMIT_PER_IP = 30_000;
export const WAF_STAFF_LIMIT_PER_IP = 20_000;
/** Requests to the sign-in and token routes per five minutes from one IP. */
export const WAF_SIGN_IN_LIMIT_PER_IP = 100;
/** How long a caller over a rate limit is told to wait: WAF re-evaluates rates about every 30 s. */
export const WAF_RETRY_AFTER_SECONDS = 60;

/** The path prefixes of POS and staff routes; every other path carries members' traffic. */
export const POS_PATH_PREFIX = '/v1/pos/';
export const STAFF_PATH_PREFIX = '/v1/admin/';

/**
 * How much of a body WAF inspects on an API Gateway stage (its default, raised only at extra cost). A body
 * limit above it cannot be checked by WAF: the function enforces the route's `maxBodyBytes` itself.
 */
export const WAF_BODY_INSPECTION_BYTES = 16 * 1024;

/**
 * The rules of AWS's managed rule groups that we use, each re-stated to block with our problem+json
 * answer (a managed rule's own block answers WAF's bare 403). WAF does not check these names against the
 * group: a rule AWS adds later, or one missing here, still blocks, with the bare 403. Two of the common
 * rule set count instead and are scoped by our own rules: SizeRestrictions_BODY (8 KB for every path) by
 * BodySizeLimit, and NoUserAgent_HEADER (tills send none) by NoUserAgentOutsidePos.
 */
export const MANAGED_RULES = {
  AWSManagedRulesCommonRuleSet: [
    'NoUserAgent_HEADER',
    'UserAgent_BadBots_HEADER',
    'SizeRestrictions_QUERYSTRING',
    'SizeRestrictions_Cookie_HEADER',
    'SizeRestrictions_BODY',
    'SizeRestrictions_URIPATH',
    'EC2MetaDataSSRF_BODY',
    'EC2MetaDataSSRF_COOKIE',
    'EC2MetaDataSSRF_URIPATH',
    'EC2MetaDataSSRF_QUERYARGUMENTS',
    'GenericLFI_QUERYARGUMENTS',
    'GenericLFI_URIPATH',
    'GenericLFI_BODY',
    'RestrictedExtensions_URIPATH',
    'RestrictedExtensions_QUERYARGUMENTS',
    'GenericRFI_QUERYARGUMENTS',
    'GenericRFI_BODY',
    'GenericRFI_URIPATH',
    'CrossSiteScripting_COOKIE',
    'CrossSiteScripting_QUERYARGUMENTS',
    'CrossSiteScripting_BODY',
    'CrossSiteScripting_URIPATH',
  ],
  AWSManagedRulesKnownBadInputsRuleSet: [
    'JavaDeserializationRCE_HEADER',
    'JavaDeserializationRCE_BODY',
    'JavaDeserializationRCE_URIPATH',
    'JavaDeserializationRCE_QUERYSTRING',
    'Host_localhost_HEADER',
    'PROPFIND_METHOD',
    'ExploitablePaths_URIPATH',
    'Log4JRCE_HEADER',
    'Log4JRCE_QUERYSTRING',
    'Log4JRCE_BODY',
    'Log4JRCE_URIPATH',
    'ReactJSRCE_BODY',
  ],
} as const;
/** The managed rules that count (adding their label) rather than block. */
const COUNTED_MANAGED_RULES = new Set(['NoUserAgent_HEADER', 'SizeRestrictions_BODY']);
const NO_USER_AGENT_LABEL = 'awswaf:managed:aws:core-rule-set:NoUserAgent_Header';

/**
 * WAF's answers, as the gateway's: a problem document with CORS headers. WAF serves a custom body only as
 * text/plain, text/html or application/json and refuses a Content-Type header, so these go out as
 * `application/json`; WAF's template has no request id to fill in, so they carry no correlationId.
 */
export const wafProblems = {
  RateLimited: {
    status: 429,
    code: 'RATE_LIMITED',
    title: 'Too many requests',
    detail: 'Too many requests from your network; retry after the time in Retry-After.',
  },
  RequestBlocked: {
    status: 403,
    code: 'REQUEST_BLOCKED',
    title: 'Forbidden',
    detail: 'The request was refused by the firewall.',
  },
  PayloadTooLarge: {
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
    title: 'Payload too large',
    detail: 'The request body is larger than this route accepts.',
  },
} as const;
export type WafProblem = keyof typeof wafProblems;

export function wafProblemDocument(kind: WafProblem) {
  const problem = wafProblems[kind];
  return {
    type: `https://sbm-crm.dev/problems/${problem.code.toLowerCase().replaceAll('_', '-')}`,
    ...problem,
  };
}

/** The kind of traffic a route carries, which chooses its WAF limits; checked against its auth at synth. */
export function trafficKindOf(path: string): 'pos' | 'staff' | 'member' {
  if (path.startsWith(POS_PATH_PREFIX)) return 'pos';
  if (path.startsWith(STAFF_PATH_PREFIX)) return 'staff';
  return 'member';
}

/**
 * The WAF pattern of request paths that reach a route, whatever comes before it (the stage on the
 * execute-api host, a base path on a custom domain) and with trailing slashes; WAF decodes, normalises
 * and lower-cases the path first. No groups or alternatives: WAF's regular expressions refuse some.
 */
export function wafPathPattern(path: string): string {
  const literal = path.toLowerCase().replace(/[.*+?^$()|[\]\\]/g, '\\$&');
  return `${literal.replace(/\{[^}]+\}/g, '[^/]+')}/*$`;
}

/**
 * The WAF pattern of every path under a prefix (`/v1/pos/`), after the stage on the execute-api host or at
 * the root of the custom domain.
 */
export function wafPrefixPattern(prefix: string): string {
  const literal = prefix
    .toLowerCase()
    .replace(/^\//, '')
    .replace(/[.*+?^$()|[\]\\]/g, '\\$&');
  return `^/[^/]*/?${literal}`;
}

/** A statement matching the request paths of a WAF path pattern. */
function pathStatement(regexString: string): wafv2.CfnWebACL.StatementProperty {
  return {
    regexMatchStatement: {
      fieldToMatch: { uriPath: {} },
      regexString,
      textTransformations: [
        { priority: 0, type: 'URL_DECODE' },
        { priority: 1, type: 'NORMALIZE_PATH' },
        { priority: 2, type: 'LOWERCASE' },
      ],
    },
  };
}

/** Request headers WAF's logs never show: bearer tokens, the console's refresh cookie, POS signatures. */
export const WAF_REDACTED_HEADERS = ['authorization', 'cookie', 'x-pos-signature'] as const;

/**
 * The access log line of each request: the standard fields, the latencies, the error, and the correlation
 * id. The functions' correlation id is the client's `x-correlation-id` when it sends a valid one, else API
 * Gateway's request id (correlationIdOf in lib/http/handler.ts). An access log format can name only
 * `$context` variables, never a request header, so the line carries the request id: the same value as the
 * functions' lines and the gateway's problem documents for every request that brought no id of its own.
 * A request that did is joined to its access log line only if its function lines also carry
 * requestContext.requestId.
 */
export const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  correlationId: '$context.requestId',
  extendedRequestId: '$context.extendedRequestId',
  xrayTraceId: '$context.xrayTraceId',
  ip: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
  requestTime: '$context.requestTime',
  httpMethod: '$context.httpMethod',
  resourcePath: '$context.resourcePath',
  path: '$context.path',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  integrationStatus: '$context.integrationStatus',
  errorMessage: '$context.error.message',
  errorType: '$context.error.responseType',
  authorizerError: '$context.authorizer.error',
  wafResponse: '$context.wafResponseCode',
};

/**
 * Why a public route needs no authorizer, by what it is; a public route of another kind fails the synth
 * until its reason is written here.
 */
function publicRouteReason(route: RouteContract): string {
  if (route.tag === 'auth')
    return `${route.path} is a step of signing in or out, taken before the caller has an access token (or once it has expired): the function checks the credential the step takes (a wx.login code, a password, a sign-in challenge and its second factor, a refresh token or the console's refresh cookie).`;
  if (route.tag === 'wechat')
    return `${route.path} is called by WeChat's servers, which cannot present our tokens: the function verifies WeChat's SHA-1 signature over our push token, timestamp and nonce (and msg_signature over the encrypted body), and refuses a stale timestamp and a push whose nonce it has seen.`;
  throw new Error(
    `${route.method} ${route.path} is public: write why it needs no authorizer in publicRouteReason (cdk/constructs/api.ts)`,
  );
}

/**
 * The REST API: stage throttling, JSON access logs, X-Ray, WAF, gateway responses as problem+json,
 * and the Lambda REQUEST authorizer (cached per token) on every non-public route.
 */
export class ApiConstruct extends Construct {
  readonly api: apigateway.RestApi;
  private readonly authorizer: apigateway.RequestAuthorizer;
  private readonly posKeyAuthorizer: apigateway.RequestAuthorizer;
  private readonly corsAllowOrigin: string;
  /** The methods of each path with routes, for the 405 answer to the others. */
  private readonly methodsOf = new Map<string, Set<string>>();
  /** Paths of the routes with the sign-in throttle (sign-in and token refresh), which WAF limits per IP. */
  private readonly signInPaths = new Set<string>();
  /** The body limit of each path whose routes declare one (the largest of its methods'). */
  private readonly bodyLimits = new Map<string, number>();
  /** Routes whose path does not carry their kind of traffic (a POS route outside /v1/pos/, ...). */
  private readonly misplaced: string[] = [];
  /** The resource of each path, in the stack that created it: this construct's or a section's. */
  private readonly resources = new Map<string, apigateway.IResource>();
  /** In each section's stack: the API, and the resources of other stacks, imported by id. */
  private readonly sections = new Map<
    Stack,
    { api: apigateway.IRestApi; imported: Map<string, apigateway.IResource> }
  >();
  private firewall!: wafv2.CfnWebACL;
  /** The custom domain of the API, when the stage has one. */
  readonly domain?: apigateway.DomainName;

  constructor(
    scope: Construct,
    id: string,
    props: {
      stage: string;
      authorizer: lambda.IFunction;
      authorizerCacheTtlSeconds: number;
      posKeyAuthorizer: lambda.IFunction;
      posKeyAuthorizerCacheTtlSeconds: number;
      logRetentionDays: number;
      corsAllowOrigin: string;
      /** The API's custom domain and its ACM certificate (in the API's region), when the stage has one. */
      domain?: { name: string; certificateArn: string };
      /** Per-route limits stricter than the stage's, keyed `/path/METHOD`. */
      methodThrottles: Record<string, apigateway.MethodDeploymentOptions>;
    },
  ) {
    super(scope, id);
    const accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: props.logRetentionDays as logs.RetentionDays,
    });

    this.api = new apigateway.RestApi(this, 'Api', {
      restApiName: `sbm-crm-${props.stage}`,
      description: 'SBM CRM public API',
      endpointTypes: [apigateway.EndpointType.REGIONAL],
      cloudWatchRole: true,
      // POS keys are counted against their usage plan key, which the POS key authorizer names.
      apiKeySourceType: apigateway.ApiKeySourceType.AUTHORIZER,
      deployOptions: {
        stageName: props.stage,
        throttlingRateLimit: apiThrottle.rateLimit,
        throttlingBurstLimit: apiThrottle.burstLimit,
        accessLogDestination: new apigateway.LogGroupLogDestination(accessLogs),
        accessLogFormat: apigateway.AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
        loggingLevel: apigateway.MethodLoggingLevel.ERROR,
        dataTraceEnabled: false,
        // Detailed CloudWatch metrics: Count, 4XXError, 5XXError, Latency and IntegrationLatency per
        // resource and method, which the per-route-group latency alarms and the dashboard read.
        metricsEnabled: true,
        tracingEnabled: true,
        methodOptions: props.methodThrottles,
      },
    });
    this.corsAllowOrigin = props.corsAllowOrigin;
    const identitySources = (headers: readonly string[]) =>
      headers.map((header) => apigateway.IdentitySource.header(header));
    this.authorizer = new apigateway.RequestAuthorizer(this, 'Authorizer', {
      handler: props.authorizer,
      identitySources: identitySources(authorizerIdentityHeaders.bearer),
      resultsCacheTtl: Duration.seconds(props.authorizerCacheTtlSeconds),
    });
    this.posKeyAuthorizer = new apigateway.RequestAuthorizer(this, 'PosKeyAuthorizer', {
      handler: props.posKeyAuthorizer,
      identitySources: identitySources(authorizerIdentityHeaders.posKey),
      resultsCacheTtl: Duration.seconds(props.posKeyAuthorizerCacheTtlSeconds),
    });
    // Every POS key is an API key of this plan (registered when the key is issued): its own throttle.
    this.api.addUsagePlan('PosKeys', {
      name: posUsagePlanName(props.stage),
      description: 'One API key per POS key; each till has this limit of its own',
      throttle: { rateLimit: posKeyThrottle.rateLimit, burstLimit: posKeyThrottle.burstLimit },
      apiStages: [{ api: this.api, stage: this.api.deploymentStage }],
    });
    // No request validator: one attached without models checks nothing, and models generated from the
    // route schemas would answer API Gateway's BAD_REQUEST_BODY without the failing fields, unlike the
    // local cloud; each handler validates with the route's zod schema (APIG2's acknowledgement below).
    for (const kind of Object.keys(gatewayProblems) as GatewayProblem[]) {
      // The document the local cloud answers, with API Gateway's request id filled in by the template.
      const document = gatewayProblemDocument(kind, '$context.requestId');
      this.api.addGatewayResponse(kind, {
        type: apigateway.ResponseType.of(kind),
        statusCode: String(document.status),
        responseHeaders: {
          'Content-Type': "'application/problem+json'",
          'Access-Control-Allow-Origin': `'${props.corsAllowOrigin}'`,
        },
        templates: { 'application/json': JSON.stringify(document) },
      });
    }
    this.addFirewall(props.stage, props.logRetentionDays);
    if (props.domain) this.domain = this.addDomain(props.domain);
    Validations.of(this.api).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
        reason:
          "API Gateway writes its execution logs to log groups it names itself (API-Gateway-Execution-Logs_<api id>/<stage>), created on first use, through the account's one API Gateway role: the managed policy's logs actions on any log group are what that role must have, and it grants nothing else.",
      },
      {
        id: 'AwsSolutions-APIG2',
        reason:
          "Every route's handler validates its path, query, headers and body against the route's zod schema and answers 400 problem+json naming each failing field, as the local cloud does; API Gateway models would answer BAD_REQUEST_BODY without the fields and could not express the schemas' refinements, so no validator is attached rather than one without models that checks nothing.",
      },
    );
  }

  /**
   * The API on its own domain, TLS 1.2 or higher, the stage mapped at the root (routes keep their /v1/
   * paths). The certificate is ACM's, imported by ARN, and must be in the API's region (a regional
   * endpoint). DNS is the operator's: point the name at the output target (a CNAME or alias).
   */
  private addDomain(domain: { name: string; certificateArn: string }) {
    const stack = Stack.of(this);
    const certificateRegion = domain.certificateArn.split(':')[3];
    if (!Token.isUnresolved(stack.region) && certificateRegion !== stack.region)
      throw new Error(
        `The API's certificate ${domain.certificateArn} is in ${certificateRegion}: a regional API needs one in ${stack.region}`,
      );
    const name = new apigateway.DomainName(this, 'Domain', {
      domainName: domain.name,
      certificate: acm.Certificate.fromCertificateArn(this, 'Certificate', domain.certificateArn),
      endpointType: apigateway.EndpointType.REGIONAL,
      securityPolicy: apigateway.SecurityPolicy.TLS_1_2,
    });
    name.addBasePathMapping(this.api, { stage: this.api.deploymentStage });
    new CfnOutput(stack, 'ApiDomainTarget', {
      value: name.domainNameAliasDomainName,
      description: `Point ${domain.name} at this name (CNAME, or an alias to the regional endpoint)`,
    });
    return name;
  }

  private addFirewall(stage: string, logRetentionDays: number) {
    const cors = { name: 'Access-Control-Allow-Origin', value: this.corsAllowOrigin };
    this.firewall = new wafv2.CfnWebACL(this, 'Firewall', {
      name: `sbm-crm-${stage}-api`,
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: {
        cloudWatchMetricsEnabled: true,
        metricName: 'sbm-crm-api',
        sampledRequestsEnabled: true,
      },
      // Said rather than assumed: the body sizes WAF can check are the ones within this limit.
      associationConfig: { requestBody: { API_GATEWAY: { defaultSizeInspectionLimit: 'KB_16' } } },
      customResponseBodies: Object.fromEntries(
        (Object.keys(wafProblems) as WafProblem[]).map((kind) => [
          kind,
          { contentType: 'APPLICATION_JSON', content: JSON.stringify(wafProblemDocument(kind)) },
        ]),
      ),
      // Built once every route is mounted: the sign-in, POS and body-size rules name their paths.
      rules: Lazy.any({ produce: () => this.firewallRules(cors) }),
    });
    this.node.addValidation({
      validate: () => [
        ...(this.signInPaths.size > 0
          ? []
          : ['No route has the sign-in throttle: the WAF sign-in rule would match nothing.']),
        ...this.misplaced,
      ],
    });
    new wafv2.CfnWebACLAssociation(this, 'FirewallAssociation', {
      resourceArn: this.api.deploymentStage.stageArn,
      webAclArn: this.firewall.attrArn,
    });
    // WAF logs to a log group whose name starts aws-waf-logs-, named by an ARN without the `:*` suffix.
    const wafLogs = new logs.LogGroup(this, 'FirewallLogs', {
      logGroupName: `aws-waf-logs-sbm-crm-${stage}`,
      retention: logRetentionDays as logs.RetentionDays,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const logging = new wafv2.CfnLoggingConfiguration(this, 'FirewallLogging', {
      resourceArn: this.firewall.attrArn,
      logDestinationConfigs: [
        Stack.of(this).formatArn({
          service: 'logs',
          resource: 'log-group',
          resourceName: wafLogs.logGroupName,
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
      ],
      // Credentials never reach the logs: tokens, the console's refresh cookie, the POS signature.
      redactedFields: WAF_REDACTED_HEADERS.map((name) => ({ singleHeader: { Name: name } })),
    });
    logging.node.addDependency(wafLogs);
  }

  /**
   * The web ACL's rules for every route mounted (the web ACL reads them at synth, once all are). Blocks
   * answer problem+json with CORS headers: 429 and Retry-After for a rate limit, 413 for a body, 403 else.
   */
  private firewallRules(cors: { name: string; value: string }): wafv2.CfnWebACL.RuleProperty[] {
    const visibility = (metricName: string) => ({
      cloudWatchMetricsEnabled: true,
      metricName,
      sampledRequestsEnabled: true,
    });
    const block = (kind: WafProblem): wafv2.CfnWebACL.RuleActionProperty => ({
      block: {
        customResponse: {
          responseCode: wafProblems[kind].status,
          customResponseBodyKey: kind,
          responseHeaders: [
            cors,
            { name: 'Cache-Control', value: 'no-store' },
            ...(kind === 'RateLimited'
              ? [{ name: 'Retry-After', value: String(WAF_RETRY_AFTER_SECONDS) }]
              : []),
          ],
        },
      },
    });
    const managed = (name: keyof typeof MANAGED_RULES, priority: number): wafv2.CfnWebACL.RuleProperty => ({
      name,
      priority,
      overrideAction: { none: {} },
      statement: {
        managedRuleGroupStatement: {
          vendorName: 'AWS',
          name,
          ruleActionOverrides: MANAGED_RULES[name].map((rule) => ({
            name: rule,
            actionToUse: COUNTED_MANAGED_RULES.has(rule) ? { count: {} } : block('RequestBlocked'),
          })),
        },
      },
      visibilityConfig: visibility(name),
    });
    const any = (statements: wafv2.CfnWebACL.StatementProperty[]): wafv2.CfnWebACL.StatementProperty =>
      statements.length === 1 ? statements[0]! : { orStatement: { statements } };
    const not = (statement: wafv2.CfnWebACL.StatementProperty): wafv2.CfnWebACL.StatementProperty => ({
      notStatement: { statement },
    });
    const pos = pathStatement(wafPrefixPattern(POS_PATH_PREFIX));
    const staff = pathStatement(wafPrefixPattern(STAFF_PATH_PREFIX));
    const signInRoutes = [...this.signInPaths].sort().map((path) => pathStatement(wafPathPattern(path)));
    const bodyOver = (bytes: number): wafv2.CfnWebACL.StatementProperty => ({
      sizeConstraintStatement: {
        fieldToMatch: { body: { oversizeHandling: 'MATCH' } },
        comparisonOperator: 'GT',
        size: bytes,
        textTransformations: [{ priority: 0, type: 'NONE' }],
      },
    });
    // Each path with a limit of its own is checked against it, when WAF can see that far; every other
    // path against the default. A limit past WAF's inspection (POS sales and refunds, voucher imports at
    // 256 KB) is enforced by the function alone, as API Gateway's own 10 MB limit is.
    const declared = [...this.bodyLimits].sort(([a], [b]) => a.localeCompare(b));
    const byLimit = new Map<number, string[]>();
    for (const [path, bytes] of declared)
      if (bytes <= WAF_BODY_INSPECTION_BYTES) byLimit.set(bytes, [...(byLimit.get(bytes) ?? []), path]);
    const defaultClause = bodyOver(DEFAULT_MAX_BODY_BYTES);
    const bodyClauses: wafv2.CfnWebACL.StatementProperty[] = [
      declared.length === 0
        ? defaultClause
        : {
            andStatement: {
              statements: [
                not(any(declared.map(([path]) => pathStatement(wafPathPattern(path))))),
                defaultClause,
              ],
            },
          },
      ...[...byLimit].map(([bytes, paths]) => ({
        andStatement: {
          statements: [any(paths.map((path) => pathStatement(wafPathPattern(path)))), bodyOver(bytes)],
        },
      })),
    ];
    const rules: wafv2.CfnWebACL.RuleProperty[] = [
      {
        // Members and every path that is neither POS nor staff (sign-in, the WeChat push, unknown paths).
        name: 'RateLimitPerIp',
        priority: 0,
        action: block('RateLimited'),
        statement: {
          rateBasedStatement: {
            limit: WAF_MEMBER_LIMIT_PER_IP,
            aggregateKeyType: 'IP',
            scopeDownStatement: not(any([pos, staff])),
          },
        },
        visibilityConfig: visibility('RateLimitPerIp'),
      },
      {
        name: 'StaffRateLimitPerIp',
        priority: 1,
        action: block('RateLimited'),
        statement: {
          rateBasedStatement: {
            limit: WAF_STAFF_LIMIT_PER_IP,
            aggregateKeyType: 'IP',
            scopeDownStatement: staff,
          },
        },
        visibilityConfig: visibility('StaffRateLimitPerIp'),
      },
      ...(signInRoutes.length > 0
        ? [
            {
              // Sign-in is what credential stuffing hits: far stricter than the rest of the API.
              name: 'SignInRateLimitPerIp',
              priority: 2,
              action: block('RateLimited'),
              statement: {
                rateBasedStatement: {
                  limit: WAF_SIGN_IN_LIMIT_PER_IP,
                  aggregateKeyType: 'IP',
                  scopeDownStatement: any(signInRoutes),
                },
              },
              visibilityConfig: visibility('SignInRateLimitPerIp'),
            },
          ]
        : []),
      {
        // The common rule set's SizeRestrictions_BODY, scoped per path (it counts, for its label).
        name: 'BodySizeLimit',
        priority: 3,
        action: block('PayloadTooLarge'),
        statement: any(bodyClauses),
        visibilityConfig: visibility('BodySizeLimit'),
      },
      managed('AWSManagedRulesCommonRuleSet', 4),
      managed('AWSManagedRulesKnownBadInputsRuleSet', 5),
      {
        // The common rule set's NoUserAgent_HEADER everywhere but on POS paths: tills send no User-Agent.
        name: 'NoUserAgentOutsidePos',
        priority: 6,
        action: block('RequestBlocked'),
        statement: {
          andStatement: {
            statements: [{ labelMatchStatement: { scope: 'LABEL', key: NO_USER_AGENT_LABEL } }, not(pos)],
          },
        },
        visibilityConfig: visibility('NoUserAgentOutsidePos'),
      },
    ];
    return rules;
  }

  /**
   * Mounts a manifest route; every non-public route goes through the authorizer. With a section (a
   * nested stack of the API's stack), the route's method and new resources are built there.
   */
  addRoute(fn: lambda.IFunction, route: RouteContract, section?: NestedStack) {
    const resource = this.resourceFor(route.path, section ?? Stack.of(this));
    this.methodsOf.set(route.path, (this.methodsOf.get(route.path) ?? new Set()).add(route.method));
    if (route.throttle === signInThrottle) this.signInPaths.add(route.path);
    if (route.maxBodyBytes !== undefined)
      this.bodyLimits.set(route.path, Math.max(route.maxBodyBytes, this.bodyLimits.get(route.path) ?? 0));
    const kind = trafficKindOf(route.path);
    const isStaff = route.auth.kind === 'staff' || route.auth.kind === 'anyStaff';
    if ((kind === 'pos') !== (route.auth.kind === 'pos') || (isStaff && kind !== 'staff'))
      this.misplaced.push(
        `${route.method} ${route.path} (auth ${route.auth.kind}) is not under the path prefix of its traffic (${POS_PATH_PREFIX} for POS, ${STAFF_PATH_PREFIX} for staff): its WAF limits would be wrong.`,
      );
    const isPublic = route.auth.kind === 'public';
    // POS requests are authenticated by the HMAC signature of their body (which an authorizer never
    // sees) in the function; their authorizer names the key's usage plan key, for per-till throttling,
    // and the API key check refuses a request naming no key in use (INVALID_API_KEY, a POS answer).
    const isPos = route.auth.kind === 'pos';
    // No route has a CORS preflight: browsers reach the API from its own origin (the console's
    // distribution serves /v1/*), and tills and the mini program are not browsers. Another origin's
    // preflight gets the 405 of answerOtherMethods, so no other site's page can call the API with a token.
    // One invoke permission per function for the whole API (which also covers the console's test button).
    const integration = new apigateway.LambdaIntegration(fn, { scopePermissionToMethod: false });
    const method = resource.addMethod(route.method, integration, {
      authorizer: isPublic ? undefined : isPos ? this.posKeyAuthorizer : this.authorizer,
      authorizationType: isPublic ? apigateway.AuthorizationType.NONE : apigateway.AuthorizationType.CUSTOM,
      apiKeyRequired: isPos,
      operationName: `${route.method} ${route.path}`,
    });
    this.deployWith(method);
    if (isPos) {
      Validations.of(method).acknowledge({
        id: 'AwsSolutions-COG4',
        reason: `${route.path} authenticates each POS request by its HMAC-SHA256 signature over timestamp and body, in the function; a Lambda authorizer names the key's usage plan key.`,
      });
    }
    if (isPublic) {
      const reason = publicRouteReason(route);
      Validations.of(method).acknowledge(
        { id: 'AwsSolutions-APIG4', reason },
        { id: 'AwsSolutions-COG4', reason },
      );
    } else {
      Validations.of(method).acknowledge({
        id: 'AwsSolutions-COG4',
        reason:
          'Members sign in with WeChat and staff with our own login, not Cognito; a Lambda REQUEST authorizer verifies our JWTs.',
      });
    }
    return method;
  }

  /**
   * Answers a method a path with routes does not have with 405 and `Allow`, where API Gateway would give
   * its 403 MISSING_AUTHENTICATION_TOKEN: one `ANY` method per such resource, which API Gateway takes only
   * for methods the resource does not declare (one method a resource instead of one per missing method).
   * Call it once every route is added.
   */
  answerOtherMethods() {
    for (const [path, methods] of this.methodsOf) {
      const allow = allowHeader(methods);
      const headers = {
        'Content-Type': "'application/problem+json'",
        'Access-Control-Allow-Origin': `'${this.corsAllowOrigin}'`,
        Allow: `'${allow}'`,
      };
      const status = String(methodNotAllowed.status);
      // No request template: the mock integration then answers its default (405) response, whatever the body.
      const integration = new apigateway.MockIntegration({
        integrationResponses: [
          {
            statusCode: status,
            responseParameters: Object.fromEntries(
              Object.entries(headers).map(([name, value]) => [`method.response.header.${name}`, value]),
            ),
            responseTemplates: {
              'application/json': JSON.stringify(methodNotAllowedDocument(allow, '$context.requestId')),
            },
          },
        ],
      });
      const method = this.resources.get(path)!.addMethod('ANY', integration, {
        authorizationType: apigateway.AuthorizationType.NONE,
        operationName: `405 ${path}`,
        methodResponses: [
          {
            statusCode: status,
            responseParameters: Object.fromEntries(
              Object.keys(headers).map((name) => [`method.response.header.${name}`, true]),
            ),
          },
        ],
      });
      this.deployWith(method);
      const reason = `${path} answers the methods it lacks with 405 from a mock integration: no backend, no data, nothing to authorize.`;
      Validations.of(method).acknowledge(
        { id: 'AwsSolutions-APIG4', reason },
        { id: 'AwsSolutions-COG4', reason },
      );
    }
  }

  /**
   * The resource of a path, seen from a stack: created there with its missing parents when no stack has
   * it yet, otherwise the existing one (imported by id into a section's stack).
   */
  private resourceFor(path: string, stack: Stack): apigateway.IResource {
    let resource = stack === Stack.of(this) ? this.api.root : this.sectionIn(stack).api.root;
    let prefix = '';
    for (const part of path.split('/').filter(Boolean)) {
      prefix += `/${part}`;
      const existing = this.resources.get(prefix);
      if (existing) resource = this.importInto(stack, existing);
      else {
        resource = resource.addResource(part);
        this.resources.set(prefix, resource);
      }
    }
    return resource;
  }

  private sectionIn(stack: Stack) {
    let section = this.sections.get(stack);
    if (!section) {
      const api = apigateway.RestApi.fromRestApiAttributes(stack, 'Api', {
        restApiId: this.api.restApiId,
        rootResourceId: this.api.restApiRootResourceId,
      });
      section = { api, imported: new Map() };
      this.sections.set(stack, section);
    }
    return section;
  }

  private importInto(stack: Stack, resource: apigateway.IResource): apigateway.IResource {
    if (Stack.of(resource) === stack) return resource;
    const section = this.sectionIn(stack);
    let imported = section.imported.get(resource.path);
    if (!imported) {
      imported = apigateway.Resource.fromResourceAttributes(
        stack,
        `Resource${resource.path.replace(/\//g, '-')}`,
        {
          restApi: section.api,
          resourceId: resource.resourceId,
          path: resource.path,
        },
      );
      section.imported.set(resource.path, imported);
    }
    return imported;
  }

  /**
   * The stage is redeployed when the methods of the API's own stack change (CDK hashes them into the
   * deployment's id). A section's method is hashed in here, so that a change to it redeploys the stage
   * too, and the deployment waits for it.
   */
  private deployWith(method: apigateway.Method) {
    if (Stack.of(method) === Stack.of(this)) return;
    const deployment = this.api.latestDeployment!;
    deployment.node.addDependency(method);
    const cfn = method.node.defaultChild as apigateway.CfnMethod;
    deployment.addToLogicalId({
      sectionMethod: {
        path: method.resource.path,
        httpMethod: cfn.httpMethod,
        authorizationType: cfn.authorizationType,
        authorizerId: cfn.authorizerId,
        apiKeyRequired: cfn.apiKeyRequired,
        integration: cfn.integration,
        methodResponses: cfn.methodResponses,
        operationName: cfn.operationName,
        requestValidatorId: cfn.requestValidatorId,
      },
    });
  }

  get url() {
    return `https://${this.api.restApiId}.execute-api.${Stack.of(this).region}.amazonaws.com/${this.api.deploymentStage.stageName}`;
  }
}
