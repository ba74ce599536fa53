import { CfnOutput, NestedStack, Stack, type StackProps } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import type { RouteContract } from '../../lib/http/route';
import type { FunctionDeclaration } from '../../lib/manifest/types';
import type { StageConfig } from '../config';
import { ApiConstruct } from '../constructs/api';
import type { CrmFunction } from '../constructs/crm-function';
import { FIRST_GROUP, stackGroupOfDeclaration, type StackGroup } from '../stack-groups';
import type { RouteFunctionsStack } from './route-functions';

/**
 * The REST API, its authorizers and a method per manifest route. Functions are referenced by ARN from
 * the route-functions stacks, so their invoke permissions are created here and nothing points back.
 * The first stack group's methods are built in this stack; each other group's in a nested stack of its
 * own (a section), which CloudFormation counts as one resource here.
 */
export class ApiStack extends Stack {
  readonly api: ApiConstruct;
  /** The nested stack of each group's methods, but the first group's, which are built in this stack. */
  readonly sections: Partial<Record<StackGroup, NestedStack>> = {};

  constructor(
    scope: Construct,
    id: string,
    props: StackProps & {
      stage: string;
      config: StageConfig;
      routes: RouteFunctionsStack[];
      declarations: [string, FunctionDeclaration][];
    },
  ) {
    super(scope, id, props);
    const functions: Record<string, CrmFunction> = Object.assign(
      {},
      ...props.routes.map((stack) => stack.functions),
    );
    const reference = (within: Construct, name: string) =>
      lambda.Function.fromFunctionAttributes(within, `${name}Function`, {
        functionArn: functions[name]!.invokeTarget.functionArn,
        sameEnvironment: true,
      });
    const entries = props.declarations;
    const authorizerOf = (scheme: 'bearer' | 'posKey') => {
      for (const [name, declaration] of entries)
        if (declaration.trigger.kind === 'authorizer' && declaration.trigger.scheme === scheme)
          return { fn: reference(this, name), cacheTtlSeconds: declaration.trigger.cacheTtlSeconds };
      throw new Error(`The manifest declares no ${scheme} authorizer`);
    };
    const bearer = authorizerOf('bearer');
    const posKey = authorizerOf('posKey');
    this.api = new ApiConstruct(this, 'Http', {
      stage: props.stage,
      authorizer: bearer.fn,
      authorizerCacheTtlSeconds: bearer.cacheTtlSeconds,
      posKeyAuthorizer: posKey.fn,
      posKeyAuthorizerCacheTtlSeconds: posKey.cacheTtlSeconds,
      logRetentionDays: props.config.logRetentionDays,
      corsAllowOrigin: props.config.corsAllowOrigin,
      domain: props.config.apiDomain,
      methodThrottles: Object.fromEntries(
        entries.flatMap(([, declaration]) => {
          if (declaration.trigger.kind !== 'http' || !declaration.trigger.route.throttle) return [];
          const { route } = declaration.trigger;
          return [
            [
              `${route.path}/${route.method}`,
              {
                throttlingRateLimit: route.throttle!.rateLimit,
                throttlingBurstLimit: route.throttle!.burstLimit,
                // A route's own settings replace the stage's: restated so that it keeps them.
                metricsEnabled: true,
                loggingLevel: apigateway.MethodLoggingLevel.ERROR,
                dataTraceEnabled: false,
              },
            ],
          ];
        }),
      ),
    });
    const sectionOf = (group: StackGroup) =>
      (this.sections[group] ??= new NestedStack(this, `${group[0]!.toUpperCase()}${group.slice(1)}Methods`, {
        description: `SBM CRM API methods of the ${group} services (${props.stage})`,
      }));
    const routes = entries.flatMap(([name, declaration]) =>
      declaration.trigger.kind === 'http'
        ? [
            {
              name,
              route: declaration.trigger.route as RouteContract,
              group: stackGroupOfDeclaration(declaration),
            },
          ]
        : [],
    );
    // The first group's routes first: the paths they create stay in this stack, where they always were.
    for (const { name, route, group } of routes)
      if (group === FIRST_GROUP) this.api.addRoute(reference(this, name), route);
    for (const { name, route, group } of routes)
      if (group !== FIRST_GROUP)
        this.api.addRoute(reference(sectionOf(group), name), route, sectionOf(group));
    this.api.answerOtherMethods();
    new CfnOutput(this, 'ApiUrl', { value: this.api.api.url });
  }
}
