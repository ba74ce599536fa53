import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as codedeploy from 'aws-cdk-lib/aws-codedeploy';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { alarmTopicArn, notifyTopic } from './monitoring';
import type { FunctionDeclaration } from '../../lib/manifest/types';
import { builtinAliases, functionBundling } from '../bundling';
import { servesTheApi } from '../stack-groups';
import { adotLayerArn, openTelemetryEnvironment } from './open-telemetry';

export interface CrmFunctionProps {
  name: string;
  stage: string;
  entry: string;
  declaration: FunctionDeclaration;
  logRetentionDays: number;
  /** The stage keeps its data (prod): the log group survives the stack, as the tables do. */
  retainLogs: boolean;
  /** Adds the ADOT layer and its wrapper (cdk/constructs/open-telemetry.ts). */
  openTelemetry: boolean;
  /** The stage deploys gradually: a function of the purchase path then deploys through its `live` alias. */
  gradualDeployment: boolean;
  /** Bundles Powertools Tracer to record a subsegment per AWS SDK call (see lib/aws-clients.ts). */
  awsSdkTracing: boolean;
  environment: Record<string, string>;
}

const DEFAULT_TIMEOUT_SECONDS = 10;
const DEFAULT_MEMORY_MB = 1024;

/**
 * Gradual deployment costs four resources a function (version, alias, alarm, deployment group), and the
 * loyalty routes stack's ~100 functions leave room for about ten more resources under its limit of 500.
 * So it covers the purchase path, where a bad release costs most: the functions with reserved
 * concurrency (the POS key authorizer, the POS intake and the crediting consumer).
 */
export const deploysGradually = (declaration: FunctionDeclaration) =>
  declaration.reservedConcurrency !== undefined;

/**
 * Routes shift 10% of requests to the new version for 5 minutes, then the rest: a till's request that
 * fails is retried by the till. Queue consumers shift 10% more each minute: a failed batch returns to the
 * queue for the version that stays, so rolling back loses nothing, and ten steps give the alarm a sample
 * of batches at each share rather than one five-minute bet.
 */
const deploymentConfigOf = (declaration: FunctionDeclaration) =>
  servesTheApi(declaration)
    ? codedeploy.LambdaDeploymentConfig.CANARY_10PERCENT_5MINUTES
    : codedeploy.LambdaDeploymentConfig.LINEAR_10PERCENT_EVERY_1MINUTE;

/** One CodeDeploy application and service role per stack, shared by its functions' deployment groups. */
const gradualDeployments = new WeakMap<
  Stack,
  { application: codedeploy.LambdaApplication; role: iam.Role }
>();
function gradualDeploymentsOf(stack: Stack) {
  let shared = gradualDeployments.get(stack);
  if (!shared) {
    const role = new iam.Role(stack, 'GradualDeploymentRole', {
      assumedBy: new iam.ServicePrincipal('codedeploy.amazonaws.com'),
      description: 'CodeDeploy shifting the live aliases of this stack',
      managedPolicies: [
        iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSCodeDeployRoleForLambdaLimited'),
      ],
    });
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSCodeDeployRoleForLambdaLimited]',
      reason:
        "AWS's policy for CodeDeploy's Lambda deployments: reading and updating aliases, reading the rollback alarms; kept by AWS as CodeDeploy's needs change.",
    });
    shared = { application: new codedeploy.LambdaApplication(stack, 'GradualDeployments'), role };
    gradualDeployments.set(stack, shared);
  }
  return shared;
}

/**
 * The shared defaults of every function: Node 24 on arm64, active tracing, its own log group with
 * retention (kept after the stack where the stage keeps its data), a minified ESM bundle with source maps
 * (AWS SDK v3 from the runtime; see cdk/bundling.ts), the Powertools environment, and a role with no
 * managed policies that can write only to its own log group. Optionally: reserved concurrency, the ADOT
 * layer, and gradual deployment through a `live` alias, which every trigger then invokes (`invokeTarget`).
 */
export class CrmFunction extends NodejsFunction {
  /** What triggers invoke: the `live` alias where the function deploys gradually, else the function. */
  readonly invokeTarget: lambda.IFunction;
  /** The alias CodeDeploy shifts, where the function deploys gradually. */
  readonly liveAlias?: lambda.Alias;

  constructor(scope: Construct, id: string, props: CrmFunctionProps) {
    const logGroup = new logs.LogGroup(scope, `${id}Logs`, {
      logGroupName: `/aws/lambda/sbm-crm-${props.stage}-${props.name}`,
      retention: props.logRetentionDays as logs.RetentionDays,
      removalPolicy: props.retainLogs ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    const declaration = props.declaration;
    if (declaration.reservedConcurrency !== undefined && declaration.trigger.kind === 'queue') {
      if (declaration.reservedConcurrency < declaration.trigger.maxConcurrency)
        throw new Error(
          `${props.name} reserves ${declaration.reservedConcurrency} concurrent executions, fewer than its queue mapping's maxConcurrency of ${declaration.trigger.maxConcurrency}: its batches would be throttled`,
        );
    }
    const role = new iam.Role(scope, `${id}Role`, {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${props.name}`,
    });
    logGroup.grantWrite(role);
    super(scope, id, {
      functionName: `sbm-crm-${props.stage}-${props.name}`,
      description: props.declaration.description,
      entry: props.entry,
      handler: 'handler',
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.declaration.memoryMb ?? DEFAULT_MEMORY_MB,
      reservedConcurrentExecutions: declaration.reservedConcurrency,
      timeout: Duration.seconds(props.declaration.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS),
      tracing: lambda.Tracing.ACTIVE,
      logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      role,
      ...(props.openTelemetry && {
        layers: [
          lambda.LayerVersion.fromLayerVersionArn(scope, `${id}Adot`, adotLayerArn(Stack.of(scope).region)),
        ],
      }),
      environment: {
        POWERTOOLS_SERVICE_NAME: props.declaration.service,
        POWERTOOLS_METRICS_NAMESPACE: 'SbmCrm',
        POWERTOOLS_LOG_LEVEL: 'INFO',
        STAGE: props.stage,
        ...(props.openTelemetry && openTelemetryEnvironment(props.declaration.service)),
        ...props.environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        minify: functionBundling.minify,
        sourceMap: functionBundling.sourceMap,
        sourcesContent: functionBundling.sourcesContent,
        target: functionBundling.target,
        mainFields: [...functionBundling.mainFields],
        externalModules: [...functionBundling.externalModules],
        banner: functionBundling.banner,
        // NodejsFunction passes esbuild options it does not model as command-line arguments.
        esbuildArgs: Object.fromEntries(
          Object.entries(builtinAliases()).map(([builtin, file]) => [`--alias:${builtin}`, file]),
        ),
        define: {
          ...functionBundling.define,
          'process.env.SBM_AWS_SDK_TRACING': JSON.stringify(props.awsSdkTracing ? 'on' : 'off'),
        },
        ...(props.declaration.runtimeFiles?.length && {
          // Files the handler reads at run time (a report's SQL), copied beside the bundle.
          commandHooks: {
            beforeBundling: () => [],
            beforeInstall: () => [],
            afterBundling: (inputDir: string, outputDir: string) =>
              props.declaration.runtimeFiles!.map(
                ({ from, to }) =>
                  `mkdir -p "${outputDir}/${to}" && cp -R "${inputDir}/${from}/." "${outputDir}/${to}/"`,
              ),
          },
        }),
      },
    });
    // Active tracing adds xray:PutTraceSegments/PutTelemetryRecords, which X-Ray accepts only on "*".
    const policy = this.role?.node.tryFindChild('DefaultPolicy');
    if (policy) {
      Validations.of(policy).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'X-Ray trace segments and telemetry can only be granted on Resource::*; added by active tracing.',
      });
    }
    this.invokeTarget = this;
    if (props.gradualDeployment && deploysGradually(declaration)) {
      this.liveAlias = new lambda.Alias(this, 'LiveAlias', {
        aliasName: 'live',
        version: this.currentVersion,
      });
      this.invokeTarget = this.liveAlias;
      // Expected failures answer problem+json or report failed batch items; an unhandled error is a bug,
      // so one during the shift rolls the alias back to the version that was live.
      const errors = new cloudwatch.Alarm(this, 'LiveErrors', {
        alarmName: `sbm-crm-${props.stage}-${props.name}-live-errors`,
        alarmDescription: `Unhandled errors of ${props.name}'s live alias during or after a deployment: CodeDeploy shifts the alias back to the version that was live. Read the new version's errors in its log group by correlation id.`,
        metric: this.liveAlias.metricErrors({ period: Duration.minutes(1), statistic: cloudwatch.Stats.SUM }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      notifyTopic(errors, alarmTopicArn(this, props.stage));
      const { application, role: deploymentRole } = gradualDeploymentsOf(Stack.of(this));
      new codedeploy.LambdaDeploymentGroup(this, 'Deployment', {
        application,
        role: deploymentRole,
        alias: this.liveAlias,
        deploymentConfig: deploymentConfigOf(declaration),
        alarms: [errors],
        autoRollback: { failedDeployment: true, stoppedDeployment: true, deploymentInAlarm: true },
      });
    }
  }
}
