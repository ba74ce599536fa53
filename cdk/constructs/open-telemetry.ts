import { Token } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { RegionInfo } from 'aws-cdk-lib/region-info';

/**
 * The ADOT Lambda layer for JavaScript (the OpenTelemetry SDK with an embedded collector whose default
 * configuration exports traces to X-Ray). Pinned rather than LATEST, so that upgrading aws-cdk-lib does
 * not change what runs: the version is aws-cdk-lib's AdotLambdaLayerJavaScriptSdkVersion.V1_30_0, and
 * its ARN per region comes from aws-cdk-lib's region facts (RegionInfo.adotLambdaLayerArn), which name
 * `arn:aws:lambda:<region>:901920570463:layer:aws-otel-nodejs-arm64-ver-1-30-1:1` where it is published.
 * The China regions and ap-east-1 have none in that table, so a stage there is refused at synth.
 */
export const ADOT_JAVASCRIPT_LAYER_VERSION = '1.30.0';

/** The layer's ARN for a region, or an error naming why a stage cannot have OpenTelemetry there. */
export function adotLayerArn(region: string): string {
  if (Token.isUnresolved(region))
    throw new Error(
      'OpenTelemetry needs the stage pinned to a region: the ADOT layer is published per region, and not in every one',
    );
  const arn = RegionInfo.get(region).adotLambdaLayerArn(
    'JAVASCRIPT_SDK',
    ADOT_JAVASCRIPT_LAYER_VERSION,
    lambda.Architecture.ARM_64.name,
  );
  if (!arn)
    throw new Error(
      `OpenTelemetry is on, but AWS publishes no ADOT layer for Node.js on arm64 in ${region}: turn openTelemetry off for this stage (X-Ray through Powertools Tracer stays)`,
    );
  return arn;
}

/**
 * What the layer needs: its wrapper starts the SDK before the handler, whose Lambda instrumentation
 * parents its spans on the segment active tracing starts (`_X_AMZN_TRACE_ID`), so that Powertools'
 * subsegments and OpenTelemetry's spans land in one X-Ray trace; the X-Ray propagator carries that
 * trace on outgoing calls.
 */
export const openTelemetryEnvironment = (service: string): Record<string, string> => ({
  AWS_LAMBDA_EXEC_WRAPPER: lambda.AdotLambdaExecWrapper.REGULAR_HANDLER,
  OTEL_SERVICE_NAME: service,
  OTEL_PROPAGATORS: 'xray',
});
