import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import type { RouteContract } from '../../lib/http/route';
import { declarations } from '../../lib/manifest';
import type { StageConfig } from '../config';
import { ApiConstruct } from '../constructs/api';
import type { RouteFunctionsStack } from './route-functions';

/**
 * The REST API, its authorizer and a method per manifest route. Functions are referenced by ARN from
 * the route-functions stack, so their invoke permissions are created here and nothing points back.
 */
export class ApiStack extends Stack {
  readonly api: ApiConstruct;

  constructor(
    scope: Construct,
    id: string,
    props: StackProps & { stage: string; config: StageConfig; routes: RouteFunctionsStack },
  ) {
    super(scope, id, props);
    const reference = (name: string) =>
      lambda.Function.fromFunctionAttributes(this, `${name}Function`, {
        functionArn: props.routes.functions[name]!.functionArn,
        sameEnvironment: true,
      });
    const entries = declarations();
    const authorizerOf = (scheme: 'bearer' | 'posKey') => {
      for (const [name, declaration] of entries)
        if (declaration.trigger.kind === 'authorizer' && declaration.trigger.scheme === scheme)
          return { fn: reference(name), cacheTtlSeconds: declaration.trigger.cacheTtlSeconds };
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
              },
            ],
          ];
        }),
      ),
    });
    for (const [name, declaration] of entries) {
      if (declaration.trigger.kind === 'http')
        this.api.addRoute(reference(name), declaration.trigger.route as RouteContract);
    }
    this.api.answerOtherMethods();
    new CfnOutput(this, 'ApiUrl', { value: this.api.api.url });
  }
}
