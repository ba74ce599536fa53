import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { FunctionDeclaration } from '../../lib/manifest/types';
import { builtinAliases, functionBundling } from '../bundling';

export interface CrmFunctionProps {
  name: string;
  stage: string;
  entry: string;
  declaration: FunctionDeclaration;
  logRetentionDays: number;
  /** Bundles Powertools Tracer to record a subsegment per AWS SDK call (see lib/aws-clients.ts). */
  awsSdkTracing: boolean;
  environment: Record<string, string>;
}

const DEFAULT_TIMEOUT_SECONDS = 10;
const DEFAULT_MEMORY_MB = 1024;

/**
 * The shared defaults of every function: Node 24 on arm64, active tracing, its own log group with
 * retention, a minified ESM bundle with source maps (AWS SDK v3 from the runtime; see cdk/bundling.ts), the Powertools environment,
 * and a role with no managed policies that can write only to its own log group.
 */
export class CrmFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: CrmFunctionProps) {
    const logGroup = new logs.LogGroup(scope, `${id}Logs`, {
      logGroupName: `/aws/lambda/sbm-crm-${props.stage}-${props.name}`,
      retention: props.logRetentionDays as logs.RetentionDays,
      removalPolicy: RemovalPolicy.DESTROY,
    });
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
      timeout: Duration.seconds(props.declaration.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS),
      tracing: lambda.Tracing.ACTIVE,
      logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      role,
      environment: {
        POWERTOOLS_SERVICE_NAME: props.declaration.service,
        POWERTOOLS_METRICS_NAMESPACE: 'SbmCrm',
        POWERTOOLS_LOG_LEVEL: 'INFO',
        STAGE: props.stage,
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
  }
}
