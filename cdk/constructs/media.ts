import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { REWARD_IMAGE_PREFIX } from '../../lib/rewards/schemas';
import {
  finishForChina,
  distributionDomainProps,
  distributionHttpVersion,
  privateBucketOrigin,
  type CdnDomain,
} from '../china';

/**
 * The media bucket's name is fixed per stage, account and Region (bucket names are global), so other
 * stacks name it, grant on it and allow it in the console's CSP without a cross-stack import.
 */
export const mediaBucketName = (stage: string, stack: Stack) =>
  `sbm-crm-${stage}-media-${stack.account}-${stack.region}`;

/** Where browsers post upload forms: the bucket's virtual-hosted regional endpoint, as the SDK signs it. */
export const mediaUploadOrigin = (stage: string, stack: Stack) =>
  `https://${mediaBucketName(stage, stack)}.s3.${stack.region}.${stack.urlSuffix}`;

/**
 * Reward pictures: a private, encrypted bucket that refuses plain HTTP, written only through presigned POST
 * forms (signed by the upload function's own narrow grant, so S3 enforces the type and size the form names),
 * and served to members by a CloudFront distribution of its own through Origin Access Control. Members'
 * clients get stable `https://<distribution>/reward-images/<id>.<ext>` URLs: a picture's key is new for
 * every upload, so it is cached for a year and never goes stale. Its own distribution rather than a path of
 * the console's: the core stack keeps the bucket, the console stack depends on the API, and the bucket's
 * one policy must name the distribution that reads it.
 */
export class MediaConstruct extends Construct {
  readonly bucket: s3.Bucket;
  readonly logBucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  private readonly domain?: CdnDomain;

  constructor(
    scope: Construct,
    id: string,
    props: {
      stage: string;
      retainData: boolean;
      logRetentionDays: number;
      corsAllowOrigin: string;
      /** The pictures' own domain (required in the China Regions, cdk/china.ts). */
      domain?: CdnDomain;
    },
  ) {
    super(scope, id);
    this.domain = props.domain;
    const lifetime = props.retainData
      ? { removalPolicy: RemovalPolicy.RETAIN }
      : { removalPolicy: RemovalPolicy.DESTROY, autoDeleteObjects: true };

    this.logBucket = new s3.Bucket(this, 'AccessLogs', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // CloudFront's standard logs are delivered with an ACL: the bucket must take ACLs, and owns the logs.
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(props.logRetentionDays) }],
      ...lifetime,
    });
    Validations.of(this.logBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        "This bucket receives the media distribution's and the media bucket's access logs; logging it would log the log deliveries.",
    });

    this.bucket = new s3.Bucket(this, 'Pictures', {
      bucketName: mediaBucketName(props.stage, Stack.of(this)),
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: 's3/media/',
      // The console posts upload forms from its own origin straight to the bucket.
      cors: [
        {
          allowedMethods: [s3.HttpMethods.POST],
          allowedOrigins: [props.corsAllowOrigin],
          allowedHeaders: ['*'],
          maxAge: 600,
        },
      ],
      // Forms abandoned half-way leave nothing behind.
      lifecycleRules: [{ abortIncompleteMultipartUploadAfter: Duration.days(1) }],
      ...lifetime,
    });

    const headers = new cloudfront.ResponseHeadersPolicy(this, 'PictureHeaders', {
      comment: 'Reward pictures: no sniffing, strict transport',
      securityHeadersBehavior: {
        contentTypeOptions: { override: true },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          override: true,
        },
      },
      corsBehavior: {
        accessControlAllowCredentials: false,
        accessControlAllowHeaders: ['*'],
        accessControlAllowMethods: ['GET', 'HEAD'],
        accessControlAllowOrigins: ['*'],
        originOverride: true,
      },
    });
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: `SBM CRM reward pictures (${props.stage})`,
      httpVersion: distributionHttpVersion(this),
      ...distributionDomainProps(this, 'Certificate', props.domain, 'The reward pictures'),
      defaultBehavior: {
        origin: privateBucketOrigin(this, this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
      },
      enableLogging: true,
      logBucket: this.logBucket,
      logFilePrefix: 'cloudfront/',
      logIncludesCookies: false,
    });
    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason:
          "Members shop at the mall group's malls from wherever they are; the pictures are public catalogue art.",
      },
      {
        id: 'AwsSolutions-CFR2',
        reason:
          'The distribution serves static, public catalogue pictures read-only (GET and HEAD) from a cache; there is nothing for a WebACL to guard, and a CLOUDFRONT-scope WebACL would have to live in us-east-1.',
      },
    );
    finishForChina(this.distribution, props.domain);
    if (!props.domain)
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          'Without a domain of its own (the stage sets none) the distribution answers on its default *.cloudfront.net name and certificate, whose security policy CloudFront sets; with one, it requires TLSv1.2_2021.',
      });
  }

  /** The URL members load a picture key from (`MEDIA_BASE_URL`). */
  get baseUrl() {
    return `https://${this.domain?.name ?? this.distribution.distributionDomainName}`;
  }

  /** The objects the functions may touch: reward pictures and nothing else. */
  static readonly picturePattern = `${REWARD_IMAGE_PREFIX}*`;
}
