import { Duration, Stack, Validations, type NestedStack } from 'aws-cdk-lib';
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
import type { RouteContract } from '../../lib/http/route';

/** Requests per five minutes from one IP before WAF blocks it. */
const WAF_RATE_LIMIT_PER_IP = 3000;
/** Requests to the sign-in and token routes per five minutes from one IP. */
const WAF_SIGN_IN_LIMIT_PER_IP = 100;

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
 * The REST API: stage throttling, JSON access logs, X-Ray, WAF, gateway responses as problem+json,
 * and the Lambda REQUEST authorizer (cached per token) on every non-public route.
 */
export class ApiConstruct extends Construct {
  readonly api: apigateway.RestApi;
  private readonly authorizer: apigateway.RequestAuthorizer;
  private readonly posKeyAuthorizer: apigateway.RequestAuthorizer;
  private readonly validator: apigateway.RequestValidator;
  private readonly corsAllowOrigin: string;
  /** The methods of each path with routes, for the 405 answer to the others. */
  private readonly methodsOf = new Map<string, Set<string>>();
  /** Paths of the routes with the sign-in throttle (sign-in and token refresh), which WAF limits per IP. */
  private readonly signInPaths = new Set<string>();
  /** The resource of each path, in the stack that created it: this construct's or a section's. */
  private readonly resources = new Map<string, apigateway.IResource>();
  /** In each section's stack: the API, and the resources of other stacks, imported by id. */
  private readonly sections = new Map<
    Stack,
    { api: apigateway.IRestApi; imported: Map<string, apigateway.IResource> }
  >();
  private firewall!: wafv2.CfnWebACL;

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
        accessLogFormat: apigateway.AccessLogFormat.jsonWithStandardFields(),
        loggingLevel: apigateway.MethodLoggingLevel.ERROR,
        dataTraceEnabled: false,
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
    // Bodies are validated by each handler against the route's zod schema, which answers with the
    // failing fields; the gateway validates what it can check without duplicating those schemas.
    this.validator = this.api.addRequestValidator('Validator', {
      validateRequestBody: true,
      validateRequestParameters: true,
    });
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
    this.addFirewall(props.stage);
    Validations.of(this.api).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
      reason:
        'The account-level role API Gateway needs to write execution logs; AWS provides only this managed policy.',
    });
  }

  private addFirewall(stage: string) {
    this.firewall = new wafv2.CfnWebACL(this, 'Firewall', {
      name: `sbm-crm-${stage}-api`,
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: {
        cloudWatchMetricsEnabled: true,
        metricName: 'sbm-crm-api',
        sampledRequestsEnabled: true,
      },
      rules: this.firewallRules(),
    });
    this.node.addValidation({
      validate: () =>
        this.signInPaths.size > 0
          ? []
          : ['No route has the sign-in throttle: the WAF sign-in rule would match nothing.'],
    });
    new wafv2.CfnWebACLAssociation(this, 'FirewallAssociation', {
      resourceArn: this.api.deploymentStage.stageArn,
      webAclArn: this.firewall.attrArn,
    });
  }

  /**
   * The web ACL's rules for the routes mounted so far. The sign-in rule covers the routes mounted with
   * the sign-in throttle, so `addRoute` sets the rules again whenever it mounts one: a new sign-in or
   * token route is limited as soon as it exists, with no list to keep.
   */
  private firewallRules(): wafv2.CfnWebACL.RuleProperty[] {
    const visibility = (metricName: string) => ({
      cloudWatchMetricsEnabled: true,
      metricName,
      sampledRequestsEnabled: true,
    });
    const managed = (name: string, priority: number): wafv2.CfnWebACL.RuleProperty => ({
      name,
      priority,
      overrideAction: { none: {} },
      statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
      visibilityConfig: visibility(name),
    });
    const signInRoutes = [...this.signInPaths].sort().map((path): wafv2.CfnWebACL.StatementProperty => ({
      regexMatchStatement: {
        fieldToMatch: { uriPath: {} },
        regexString: wafPathPattern(path),
        textTransformations: [
          { priority: 0, type: 'URL_DECODE' },
          { priority: 1, type: 'NORMALIZE_PATH' },
          { priority: 2, type: 'LOWERCASE' },
        ],
      },
    }));
    return [
      ...(signInRoutes.length > 0
        ? [
            {
              // Sign-in is what credential stuffing hits: far stricter than the rest of the API.
              name: 'SignInRateLimitPerIp',
              priority: 3,
              action: { block: {} },
              statement: {
                rateBasedStatement: {
                  limit: WAF_SIGN_IN_LIMIT_PER_IP,
                  aggregateKeyType: 'IP',
                  scopeDownStatement:
                    signInRoutes.length === 1
                      ? signInRoutes[0]
                      : { orStatement: { statements: signInRoutes } },
                },
              },
              visibilityConfig: visibility('SignInRateLimitPerIp'),
            },
          ]
        : []),
      {
        name: 'RateLimitPerIp',
        priority: 0,
        action: { block: {} },
        statement: { rateBasedStatement: { limit: WAF_RATE_LIMIT_PER_IP, aggregateKeyType: 'IP' } },
        visibilityConfig: visibility('RateLimitPerIp'),
      },
      managed('AWSManagedRulesCommonRuleSet', 1),
      managed('AWSManagedRulesKnownBadInputsRuleSet', 2),
    ];
  }

  /**
   * Mounts a manifest route; every non-public route goes through the authorizer. With a section (a
   * nested stack of the API's stack), the route's method and new resources are built there.
   */
  addRoute(fn: lambda.IFunction, route: RouteContract, section?: NestedStack) {
    const resource = this.resourceFor(route.path, section ?? Stack.of(this));
    this.methodsOf.set(route.path, (this.methodsOf.get(route.path) ?? new Set()).add(route.method));
    if (route.throttle === signInThrottle && !this.signInPaths.has(route.path)) {
      this.signInPaths.add(route.path);
      this.firewall.rules = this.firewallRules();
    }
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
      requestValidator: this.validator,
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
      const reason = `${route.path} is public by design: it is how a caller obtains or ends tokens.`;
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
