import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readStageConfig } from './config';
import { REPO_ROOT } from './root';
import { ApiStack } from './stacks/api';
import { RouteFunctionsStack } from './stacks/route-functions';
import { CoreStack } from './stacks/core';
import { WorkersStack } from './stacks/workers';

/**
 * Builds the app for a stage as four stacks (CloudFormation allows 500 resources per stack): the core
 * (data, bus, queues, secrets), the route functions, the API that invokes them, and the workers.
 * Dependencies point one way: api → routes → core, workers → core.
 * cdk-nag's AwsSolutions pack runs as a policy validation plugin on synth.
 */
export function buildApp(app = new App()) {
  const stage = String(app.node.tryGetContext('stage') ?? 'dev');
  const config = readStageConfig(stage, app.node.tryGetContext('sbm:stages'));
  const common = {
    stage,
    config,
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
    tags: { project: 'sbm-crm', stage },
  };
  const core = new CoreStack(app, `SbmCrm-${stage}-core`, {
    ...common,
    description: `SBM CRM data, events, queues and secrets (${stage})`,
  });
  const routes = new RouteFunctionsStack(app, `SbmCrm-${stage}-routes`, {
    ...common,
    root: REPO_ROOT,
    core,
    description: `SBM CRM API functions (${stage})`,
  });
  const api = new ApiStack(app, `SbmCrm-${stage}-api`, {
    ...common,
    routes,
    description: `SBM CRM API (${stage})`,
  });
  const workers = new WorkersStack(app, `SbmCrm-${stage}-workers`, {
    ...common,
    root: REPO_ROOT,
    core,
    description: `SBM CRM event, queue and scheduled workers (${stage})`,
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, core, routes, api, workers };
}
