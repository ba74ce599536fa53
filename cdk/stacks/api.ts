import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { RouteContract } from '../../lib/http/route';
import { declarations } from '../../lib/manifest';
import type { StageConfig } from '../config';
import { ApiConstruct } from '../constructs/api';
import type { CrmFunction } from '../constructs/crm-function';
import { buildFunction } from '../function-factory';
import type { CoreStack } from './core';

/** The REST API with its authorizer and one function per route, from the manifest's HTTP declarations. */
export class ApiStack extends Stack {
  readonly functions: Record<string, CrmFunction> = {};
  readonly api: ApiConstruct;

  constructor(
    scope: Construct,
    id: string,
    props: StackProps & { stage: string; config: StageConfig; root: string; core: CoreStack },
  ) {
    super(scope, id, props);
    const context = { core: props.core, stage: props.stage, config: props.config, root: props.root };
    const entries = declarations();
    const authorizerEntry = entries.find(([, declaration]) => declaration.trigger.kind === 'authorizer');
    if (!authorizerEntry || authorizerEntry[1].trigger.kind !== 'authorizer')
      throw new Error('The manifest declares no authorizer');
    const authorizer = buildFunction(this, authorizerEntry[0], authorizerEntry[1], context);
    this.functions[authorizerEntry[0]] = authorizer;
    this.api = new ApiConstruct(this, 'Http', {
      stage: props.stage,
      authorizer,
      authorizerCacheTtlSeconds: authorizerEntry[1].trigger.cacheTtlSeconds,
      logRetentionDays: props.config.logRetentionDays,
      corsAllowOrigin: props.config.corsAllowOrigin,
    });
    for (const [name, declaration] of entries) {
      if (declaration.trigger.kind !== 'http') continue;
      const fn = buildFunction(this, name, declaration, context);
      this.api.addRoute(fn, declaration.trigger.route as RouteContract);
      this.functions[name] = fn;
    }
    new CfnOutput(this, 'ApiUrl', { value: this.api.api.url });
  }
}
