import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { declarations } from '../../lib/manifest';
import type { StageConfig } from '../config';
import type { CrmFunction } from '../constructs/crm-function';
import { buildFunction } from '../function-factory';
import type { CoreStack } from './core';

/**
 * The functions behind the API (the authorizer and one per route), apart from the API itself so that
 * neither stack nears CloudFormation's 500-resource limit. The API stack invokes them by ARN.
 */
export class RouteFunctionsStack extends Stack {
  readonly functions: Record<string, CrmFunction> = {};

  constructor(
    scope: Construct,
    id: string,
    props: StackProps & { stage: string; config: StageConfig; root: string; core: CoreStack },
  ) {
    super(scope, id, props);
    const context = { core: props.core, stage: props.stage, config: props.config, root: props.root };
    for (const [name, declaration] of declarations()) {
      if (declaration.trigger.kind !== 'http' && declaration.trigger.kind !== 'authorizer') continue;
      this.functions[name] = buildFunction(this, name, declaration, context);
    }
  }
}
