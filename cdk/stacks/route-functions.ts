import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { FunctionDeclaration } from '../../lib/manifest/types';
import type { StageConfig } from '../config';
import type { CrmFunction } from '../constructs/crm-function';
import { buildFunction } from '../function-factory';
import { servesTheApi } from '../stack-groups';
import type { CoreStack } from './core';

/**
 * The functions behind the API (the authorizers and one per route) of one stack group, apart from the
 * API itself so that neither stack nears CloudFormation's 500-resource limit. The API stack invokes
 * them by ARN.
 */
export class RouteFunctionsStack extends Stack {
  readonly functions: Record<string, CrmFunction> = {};

  constructor(
    scope: Construct,
    id: string,
    props: StackProps & {
      stage: string;
      config: StageConfig;
      root: string;
      core: CoreStack;
      declarations: [string, FunctionDeclaration][];
    },
  ) {
    super(scope, id, props);
    const context = { core: props.core, stage: props.stage, config: props.config, root: props.root };
    for (const [name, declaration] of props.declarations) {
      if (!servesTheApi(declaration)) continue;
      const fn = buildFunction(this, name, declaration, context);
      this.functions[name] = fn;
      // The API stack invokes the live alias of a function that deploys gradually. CloudFormation refuses
      // to drop an export another stack still imports, and this stack deploys before the API's: the
      // function's own ARN stays exported for the deploy that switches the API over to the alias.
      if (fn.liveAlias) this.exportValue(fn.functionArn);
    }
  }
}
