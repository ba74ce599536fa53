import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DefaultStackSynthesizer, Duration, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import type * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import {
  finishForChina,
  distributionDomainProps,
  distributionHttpVersion,
  inChina,
  privateBucketOrigin,
  type CdnDomain,
} from '../china';

/** The API's paths on the console's distribution: the console calls its own origin, so no CORS. */
export const CONSOLE_API_PATH_PATTERN = '/v1/*';

/** The staff console's path on its distribution (its Vite base and router basename), as in the local cloud. */
export const CONSOLE_PATH = '/console/';
/** Its files' keys in the bucket: the same as their paths. */
const CONSOLE_PREFIX = 'console/';
/** The member booking PWA's path on the console's distribution (its Vite base). */
export const BOOKING_PATH = '/book/';
/** Its files' keys in the console's bucket: the same as their paths. */
const BOOKING_PREFIX = 'book/';

/** The CloudFront Function that serves index.html for the console's and the PWA's routes (plain JS, tested on its own). */
export const SPA_REWRITE_FILE = fileURLToPath(new URL('./console-spa-rewrite.js', import.meta.url));

/**
 * What the browser may load on the console's pages. Ant Design injects its styles at runtime (CSS-in-JS),
 * hence 'unsafe-inline' for styles only; scripts come from the console's own files and nothing else.
 * Reward pictures are shown from the media distribution and uploaded to the media bucket (`media`).
 * The booking PWA's pages add its service worker and web app manifest, from its own origin only.
 */
const contentSecurityPolicy = (media: { pictures: string; uploads: string }) =>
  [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob: ${media.pictures}`,
    `connect-src 'self' ${media.uploads}`,
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join('; ');

const bookingContentSecurityPolicy = (media: { pictures: string; uploads: string }) =>
  [contentSecurityPolicy(media), "worker-src 'self'", "manifest-src 'self'"].join('; ');

/** CDK's asset bucket as cdk-nag names it: pseudo parameters where the stack is environment-agnostic. */
function assetBucketName(stack: Stack) {
  const synthesizer = stack.synthesizer;
  const qualifier =
    (synthesizer instanceof DefaultStackSynthesizer && synthesizer.bootstrapQualifier) ||
    DefaultStackSynthesizer.DEFAULT_QUALIFIER;
  const account = Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
  const region = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
  return `cdk-${qualifier}-assets-${account}-${region}`;
}

/**
 * The console's build as the hosting deploys it: `index.html` at the top, hashed files under `assets/`.
 * Checked before anything is built from it, so that a missing build says what to do.
 */
export function checkConsoleBuild(folder: string): string {
  const missing = ['index.html', 'assets'].filter((name) => !existsSync(join(folder, name)));
  if (missing.length > 0)
    throw new Error(
      `The staff console is not built: ${folder} has no ${missing.join(' and no ')}. Build the console ` +
        '(its Vite build writes web/console/dist) before synth, or name a built folder with -c sbm:consoleAssets=<folder>.',
    );
  return folder;
}

/**
 * The booking PWA's build as the hosting deploys it: its page, hashed files, service worker and manifest.
 */
export function checkBookingBuild(folder: string): string {
  const missing = ['index.html', 'assets', 'sw.js', 'manifest.webmanifest'].filter(
    (name) => !existsSync(join(folder, name)),
  );
  if (missing.length > 0)
    throw new Error(
      `The booking PWA is not built: ${folder} has no ${missing.join(' and no ')}. Build it (npm run console:build ` +
        'builds the console and the PWA) before synth, or name a built folder with -c sbm:bookingAssets=<folder>.',
    );
  return folder;
}

/**
 * Where the PWA's build is when no one says: beside the console's. web/console/dist → web/booking/dist;
 * a console build named otherwise (a folder of its own) → a `booking` folder beside it.
 */
export function bookingBuildBeside(consoleFolder: string): string {
  return basename(consoleFolder) === 'dist' && basename(dirname(consoleFolder)) === 'console'
    ? join(dirname(dirname(consoleFolder)), 'booking', 'dist')
    : join(dirname(consoleFolder), 'booking');
}

/**
 * The staff console on CloudFront under /console/, as in the local cloud: its files under console/ in a
 * private bucket read through Origin Access Control, the REST API on the same distribution under /v1/*
 * (so the console needs no CORS), client routes answered with
 * index.html by a CloudFront Function rather than by error responses (which would also turn the API's own
 * 403s and 404s into the page), strict security headers, and access logs of both. The member booking PWA
 * shares it under /book/* (its files under book/ in the same bucket, its routes answered with its own
 * index.html by the same function), with the same headers and a policy that also allows its service
 * worker and manifest.
 */
export class ConsoleHostingConstruct extends Construct {
  readonly bucket: s3.Bucket;
  readonly logBucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;

  constructor(
    scope: Construct,
    id: string,
    props: {
      stage: string;
      retainData: boolean;
      logRetentionDays: number;
      api: apigateway.RestApi;
      /** The console's build folder (index.html and assets/). */
      assets: string;
      /** The booking PWA's build folder (index.html, assets/, sw.js, manifest.webmanifest). */
      bookingAssets: string;
      /** Origins of reward pictures: where they are shown from, where they are uploaded to. */
      media: { pictures: string; uploads: string };
      /** The console's custom domain (cdk/china.ts: an ACM certificate in us-east-1, or in China an IAM one). */
      domain?: CdnDomain;
    },
  ) {
    super(scope, id);
    const domain = props.domain;
    const assets = checkConsoleBuild(props.assets);
    const bookingAssets = checkBookingBuild(props.bookingAssets);
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
        "This bucket receives the distribution's and the console bucket's access logs; logging it would log the log deliveries.",
    });

    this.bucket = new s3.Bucket(this, 'Files', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // A bad index.html can be put back from its previous version.
      versioned: true,
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(30) }],
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: 's3/console/',
      ...lifetime,
    });

    // China has no CloudFront Functions: there the console opens at the root (the default root object is its
    // page, which moves itself under /console/) and routes in the browser, and a reload of a deep link
    // answers 403 (a custom error response would rewrite the API's too).
    const spaRewrite = inChina(this)
      ? undefined
      : new cloudfront.Function(this, 'SpaRewrite', {
          code: cloudfront.FunctionCode.fromFile({ filePath: SPA_REWRITE_FILE }),
          runtime: cloudfront.FunctionRuntime.JS_2_0,
          comment: "Serves index.html for the staff console's routes",
        });
    const headersPolicy = (id: string, comment: string, csp: string) =>
      new cloudfront.ResponseHeadersPolicy(this, id, {
        comment,
        securityHeadersBehavior: {
          contentSecurityPolicy: { contentSecurityPolicy: csp, override: true },
          strictTransportSecurity: {
            accessControlMaxAge: Duration.days(730),
            includeSubdomains: true,
            preload: true,
            override: true,
          },
          contentTypeOptions: { override: true },
          frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
          referrerPolicy: {
            referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
            override: true,
          },
        },
      });
    const securityHeaders = headersPolicy(
      'SecurityHeaders',
      "The staff console's security headers",
      contentSecurityPolicy(props.media),
    );
    const bookingHeaders = headersPolicy(
      'BookingSecurityHeaders',
      "The booking PWA's security headers: the console's, with its service worker and manifest",
      bookingContentSecurityPolicy(props.media),
    );
    const filesOrigin = privateBucketOrigin(this, this.bucket);
    const spaFunctions = spaRewrite && {
      functionAssociations: [
        { function: spaRewrite, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST },
      ],
    };

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: `SBM CRM staff console (${props.stage})`,
      ...distributionDomainProps(this, 'Certificate', domain, "The staff console's"),
      // The root answers the console's page, which moves itself under /console/ (web/console/src/main.tsx).
      defaultRootObject: `${CONSOLE_PREFIX}index.html`,
      httpVersion: distributionHttpVersion(this),
      defaultBehavior: {
        origin: filesOrigin,
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: securityHeaders,
        ...spaFunctions,
      },
      additionalBehaviors: {
        [`${BOOKING_PATH}*`]: {
          origin: filesOrigin,
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
          cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
          responseHeadersPolicy: bookingHeaders,
          ...spaFunctions,
        },
        [CONSOLE_API_PATH_PATTERN]: {
          origin: new origins.RestApiOrigin(props.api),
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
          cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
          // Every header, cookie and query string but Host, which must name the API's own domain.
          originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        },
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
          "The console serves the mall group's staff wherever they work; staff sign-in and permissions guard it, not geography.",
      },
      {
        id: 'AwsSolutions-CFR2',
        reason:
          "The API under /v1/* reaches the API's own regional WebACL (managed rule groups, per-IP limits) at its origin, and the console's files are public static code; a CLOUDFRONT-scope WebACL would have to live in us-east-1.",
      },
    );
    finishForChina(this.distribution, domain);
    if (!domain)
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          'This stage sets no consoleDomain: the distribution answers on its default *.cloudfront.net name and certificate, whose security policy CloudFront sets (TLSv1 allowed). A stage with consoleDomain gets its own certificate and TLSv1.2_2021.',
      });

    this.deployFiles(assets, bookingAssets, props.logRetentionDays);
  }

  /**
   * The hashed files first, cached for a year as they never change under their name; then index.html and
   * the other top-level files, revalidated on every load, and their cached copies invalidated. Neither
   * prunes: a tab opened before a deploy still loads the previous build's chunks. The PWA's files go the
   * same way under book/; its service worker and manifest are among the revalidated top-level files.
   */
  private deployFiles(assets: string, bookingAssets: string, logRetentionDays: number) {
    const logGroup = new logs.LogGroup(this, 'DeploymentLogs', {
      retention: logRetentionDays as logs.RetentionDays,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const hashed = new s3deploy.BucketDeployment(this, 'DeployAssets', {
      sources: [s3deploy.Source.asset(join(assets, 'assets'))],
      destinationBucket: this.bucket,
      destinationKeyPrefix: `${CONSOLE_PREFIX}assets/`,
      cacheControl: [
        s3deploy.CacheControl.setPublic(),
        s3deploy.CacheControl.maxAge(Duration.days(365)),
        s3deploy.CacheControl.immutable(),
      ],
      prune: false,
      logGroup,
    });
    const pages = new s3deploy.BucketDeployment(this, 'DeployIndex', {
      sources: [s3deploy.Source.asset(assets, { exclude: ['assets'] })],
      destinationBucket: this.bucket,
      destinationKeyPrefix: CONSOLE_PREFIX,
      cacheControl: [s3deploy.CacheControl.noCache()],
      prune: false,
      distribution: this.distribution,
      // Its page at the root and under /console/; the hashed files never change under their names.
      distributionPaths: ['/', `${CONSOLE_PATH}index.html`, CONSOLE_PATH],
      logGroup,
    });
    // index.html names the new hashed files: they are in place before it is.
    pages.node.addDependency(hashed);
    const bookingHashed = new s3deploy.BucketDeployment(this, 'DeployBookingAssets', {
      sources: [s3deploy.Source.asset(join(bookingAssets, 'assets'))],
      destinationBucket: this.bucket,
      destinationKeyPrefix: `${BOOKING_PREFIX}assets/`,
      cacheControl: [
        s3deploy.CacheControl.setPublic(),
        s3deploy.CacheControl.maxAge(Duration.days(365)),
        s3deploy.CacheControl.immutable(),
      ],
      prune: false,
      logGroup,
    });
    const bookingPages = new s3deploy.BucketDeployment(this, 'DeployBookingIndex', {
      sources: [s3deploy.Source.asset(bookingAssets, { exclude: ['assets'] })],
      destinationBucket: this.bucket,
      destinationKeyPrefix: BOOKING_PREFIX,
      cacheControl: [s3deploy.CacheControl.noCache()],
      prune: false,
      distribution: this.distribution,
      // Its page, service worker and manifest: a new service worker is what tells installed PWAs to update.
      distributionPaths: [`${BOOKING_PATH}*`],
      logGroup,
    });
    bookingPages.node.addDependency(bookingHashed);
    // Both deployments share CDK's one handler (a Lambda function of the stack's own) and its role.
    const stack = Stack.of(this);
    const bucketId = stack.resolve(stack.getLogicalId(this.bucket.node.defaultChild as s3.CfnBucket));
    const copying =
      "CDK's BucketDeployment handler reads the build from CDK's asset bucket and writes it into the console's bucket, and nothing else; S3 names these objects and action families only by wildcards.";
    Validations.of(hashed.handlerRole).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: "CDK's BucketDeployment handler writes its logs under the managed basic execution policy.",
      },
      ...['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*'].map((action) => ({
        id: `AwsSolutions-IAM5[Action::${action}]`,
        reason: copying,
      })),
      {
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::${assetBucketName(stack)}/*]`,
        reason: copying,
      },
      { id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/*]`, reason: copying },
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          "CDK grants the handler cloudfront:CreateInvalidation and GetInvalidation on every distribution; it invalidates only this distribution's index.html.",
      },
    );
    const handler = stack.node.children.find((child) =>
      child.node.id.startsWith('Custom::CDKBucketDeployment'),
    );
    if (!handler) throw new Error("CDK's BucketDeployment handler is not where it used to be");
    Validations.of(handler).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        "CDK's BucketDeployment handler runs on the Python runtime its CDK release was built and tested for.",
    });
  }
}
