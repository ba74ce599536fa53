import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readStageConfig } from './config';
import { CrmStack } from './stack';
import { REPO_ROOT } from './root';

/** Builds the app for a stage; cdk-nag's AwsSolutions pack runs as a policy validation plugin on synth. */
export function buildApp(app = new App()) {
  const stage = String(app.node.tryGetContext('stage') ?? 'dev');
  const config = readStageConfig(stage, app.node.tryGetContext('sbm:stages'));
  const stack = new CrmStack(app, `SbmCrm-${stage}`, {
    stage,
    config,
    root: REPO_ROOT,
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
    description: `SBM CRM loyalty platform (${stage})`,
    tags: { project: 'sbm-crm', stage },
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
}
