import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config';
import { BOOKING_PATH, ConsoleHostingConstruct } from '../constructs/console-hosting';
import { mediaUploadOrigin } from '../constructs/media';
import type { ApiStack } from './api';
import type { CoreStack } from './core';

/**
 * The staff console on CloudFront, with the API behind the same distribution under /v1/*. It names the
 * API's stage, so it depends on the API's stack and nothing depends on it.
 */
export class ConsoleStack extends Stack {
  readonly hosting: ConsoleHostingConstruct;

  constructor(
    scope: Construct,
    id: string,
    props: StackProps & {
      stage: string;
      config: StageConfig;
      api: ApiStack;
      /** The core stack, whose media distribution shows reward pictures. */
      core: CoreStack;
      /** The console's build folder: index.html and hashed assets/. */
      assets: string;
      /** The member booking PWA's build folder, served under /book/. */
      bookingAssets: string;
    },
  ) {
    super(scope, id, props);
    this.hosting = new ConsoleHostingConstruct(this, 'Console', {
      stage: props.stage,
      retainData: props.config.retainData,
      logRetentionDays: props.config.logRetentionDays,
      api: props.api.api.api,
      assets: props.assets,
      bookingAssets: props.bookingAssets,
      media: { pictures: props.core.media.baseUrl, uploads: mediaUploadOrigin(props.stage, this) },
      domain: props.config.consoleDomain,
    });
    new CfnOutput(this, 'BookingUrl', {
      value: `https://${props.config.consoleDomain?.name ?? this.hosting.distribution.distributionDomainName}${BOOKING_PATH}`,
      description: 'The member booking PWA',
    });
    new CfnOutput(this, 'ConsoleUrl', {
      value: `https://${props.config.consoleDomain?.name ?? this.hosting.distribution.distributionDomainName}`,
      description: 'The staff console, with the API under /v1/',
    });
  }
}
