// The staff console's hosting as synthesized: who may read its files, what CloudFront sends where, and what it deploys.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import cdkJson from '../../cdk.json' with { type: 'json' };
import { buildApp } from '../../cdk/app';
import { bookingBuildBeside } from '../../cdk/constructs/console-hosting';
import { unacknowledgedFindings } from '../support/nag';

const CONSOLE_FIXTURE = fileURLToPath(new URL('./fixtures/console', import.meta.url));
/** The booking PWA's build beside it (test/cdk/fixtures/booking), found there without being named. */
const BOOKING_FIXTURE = fileURLToPath(new URL('./fixtures/booking', import.meta.url));
/** CloudFront's managed policies, by the ids AWS gives them. */
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const CACHING_OPTIMIZED = '658327ea-f89d-4fab-a63d-7e88639e58f6';
const ALL_VIEWER_EXCEPT_HOST_HEADER = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';

/** Synthesized JSON, as loosely typed as CDK's assertions give it. */
type Json = ReturnType<Template['toJSON']>;
type Resource = {
  Type: string;
  Properties: Json;
  DependsOn?: string[];
  DeletionPolicy?: string;
};

const buildStage = (stage: string) =>
  buildApp(new App({ context: { ...cdkJson.context, stage, 'aws:cdk:bundling-stacks': [] } }), undefined, {
    consoleAssets: CONSOLE_FIXTURE,
  });

let built: ReturnType<typeof buildApp>;
let template: Template;
let resources: Record<string, Resource>;

beforeAll(() => {
  built = buildStage('prod');
  template = Template.fromStack(built.console);
  resources = template.toJSON().Resources;
});

const onlyOne = (type: string, where: (resource: Resource) => boolean = () => true) => {
  const found = Object.entries(resources).filter(([, resource]) => resource.Type === type && where(resource));
  expect(found, type).toHaveLength(1);
  return found[0]!;
};
const logicalIdOf = (type: string, where?: (resource: Resource) => boolean) => onlyOne(type, where)[0];
const distributionConfig = () => onlyOne('AWS::CloudFront::Distribution')[1].Properties.DistributionConfig;
const filesBucketId = () =>
  logicalIdOf('AWS::S3::Bucket', (bucket) => !!bucket.Properties.VersioningConfiguration);
const CONSOLE_HEADERS = "The staff console's security headers";
const headersPolicyOf = (comment: string) =>
  onlyOne('AWS::CloudFront::ResponseHeadersPolicy', (policy) =>
    policy.Properties.ResponseHeadersPolicyConfig.Comment.startsWith(comment),
  );
const consoleHeadersId = () => headersPolicyOf(CONSOLE_HEADERS)[0];
const logBucketId = () =>
  logicalIdOf('AWS::S3::Bucket', (bucket) => !bucket.Properties.VersioningConfiguration);
const policyOf = (bucketId: string) =>
  onlyOne('AWS::S3::BucketPolicy', (policy) => policy.Properties.Bucket.Ref === bucketId)[1].Properties
    .PolicyDocument.Statement as Json[];

/** The files a deployment copies, as CDK staged its asset. */
const stagedFiles = (deployment: Resource) => {
  const [key] = deployment.Properties.SourceObjectKeys as string[];
  const folder = join(built.app.outdir, `asset.${key!.replace(/\.zip$/, '')}`);
  expect(existsSync(folder), folder).toBe(true);
  return readdirSync(folder, { recursive: true, encoding: 'utf8' }).sort();
};

/** The SPA rewrite as CloudFront runs it: the function code in the template, evaluated. */
function spaRewrite(): (event: { request: { uri: string } }) => { uri: string } {
  const [, fn] = onlyOne('AWS::CloudFront::Function');
  expect(fn.Properties.FunctionConfig.Runtime).toBe('cloudfront-js-2.0');
  return new Function(`${fn.Properties.FunctionCode as string}\nreturn handler;`)();
}

describe('console files', () => {
  it('keeps them in a private, encrypted, versioned bucket that refuses plain HTTP and logs its access', () => {
    const [, bucket] = onlyOne(
      'AWS::S3::Bucket',
      (candidate) => candidate.Properties.VersioningConfiguration,
    );
    expect(bucket.Properties).toMatchObject({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      VersioningConfiguration: { Status: 'Enabled' },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      LoggingConfiguration: { DestinationBucketName: { Ref: logBucketId() }, LogFilePrefix: 's3/console/' },
    });
    expect(policyOf(filesBucketId())).toContainEqual(
      expect.objectContaining({
        Effect: 'Deny',
        Action: 's3:*',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    );
  });

  it('lets only this distribution read them, through Origin Access Control', () => {
    const oacId = logicalIdOf('AWS::CloudFront::OriginAccessControl');
    expect(resources[oacId]!.Properties.OriginAccessControlConfig).toMatchObject({
      OriginAccessControlOriginType: 's3',
      SigningBehavior: 'always',
      SigningProtocol: 'sigv4',
    });
    const origin = (distributionConfig().Origins as Json[]).find(
      (candidate) => candidate.DomainName['Fn::GetAtt']?.[0] === filesBucketId(),
    );
    expect(origin?.OriginAccessControlId).toEqual({ 'Fn::GetAtt': [oacId, 'Id'] });
    expect(origin?.S3OriginConfig).toEqual({ OriginAccessIdentity: '' });
    const allowed = policyOf(filesBucketId()).filter((statement) => statement.Effect === 'Allow');
    expect(allowed).toHaveLength(1);
    expect(allowed[0]).toMatchObject({
      Principal: { Service: 'cloudfront.amazonaws.com' },
      Action: 's3:GetObject',
    });
    const sourceArn = JSON.stringify(allowed[0]!.Condition.StringEquals['AWS:SourceArn']);
    expect(sourceArn).toContain(':distribution/');
    expect(sourceArn).toContain(`{"Ref":"${logicalIdOf('AWS::CloudFront::Distribution')}"}`);
  });

  it('serves them over HTTPS with the SPA rewrite at viewer request and the security headers', () => {
    expect(distributionConfig().DefaultRootObject).toBe('console/index.html');
    expect(distributionConfig().DefaultCacheBehavior).toMatchObject({
      ViewerProtocolPolicy: 'redirect-to-https',
      AllowedMethods: ['GET', 'HEAD'],
      CachePolicyId: CACHING_OPTIMIZED,
      ResponseHeadersPolicyId: { Ref: consoleHeadersId() },
      FunctionAssociations: [
        {
          EventType: 'viewer-request',
          FunctionARN: { 'Fn::GetAtt': [logicalIdOf('AWS::CloudFront::Function'), 'FunctionARN'] },
        },
      ],
    });
  });
});

describe('SPA fallback', () => {
  it.each([
    '/console/campaigns/123',
    '/console/',
    '/console',
    '/console/staff/01J9Z3/edit',
    '/',
    '/customers',
  ])("serves the console's index.html for the client route %s", (uri) => {
    expect(spaRewrite()({ request: { uri } }).uri).toBe('/console/index.html');
  });

  it.each([
    '/console/assets/app.js',
    '/console/assets/app-abc123.js',
    '/console/favicon.ico',
    '/console/index.html',
  ])('serves the file %s as it is', (uri) => {
    expect(spaRewrite()({ request: { uri } }).uri).toBe(uri);
  });

  it.each(['/v1/admin/campaigns', '/v1/customers/me', '/v1/admin/staff/01J9Z3'])(
    'leaves the API path %s to the API',
    (uri) => {
      expect(spaRewrite()({ request: { uri } }).uri).toBe(uri);
    },
  );

  it('answers no error with index.html, so that the API keeps its own 403s and 404s', () => {
    expect(distributionConfig().CustomErrorResponses).toBeUndefined();
  });
});

describe('API on the same distribution', () => {
  it('sends /v1/* to the API stage, uncached, with every method and every viewer value but Host, over HTTPS only', () => {
    const behaviours = (distributionConfig().CacheBehaviors as Json[]).filter(
      (behaviour) => behaviour.PathPattern === '/v1/*',
    );
    expect(behaviours).toHaveLength(1);
    expect(behaviours[0]).toMatchObject({
      PathPattern: '/v1/*',
      ViewerProtocolPolicy: 'https-only',
      AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
      CachePolicyId: CACHING_DISABLED,
      OriginRequestPolicyId: ALL_VIEWER_EXCEPT_HOST_HEADER,
    });
    expect(behaviours[0]!.FunctionAssociations).toBeUndefined();
    const origin = (distributionConfig().Origins as Json[]).find(
      (candidate) => candidate.Id === behaviours[0]!.TargetOriginId,
    )!;
    expect(origin.CustomOriginConfig).toEqual({
      OriginProtocolPolicy: 'https-only',
      OriginSSLProtocols: ['TLSv1.2'],
    });
    // The API's id and stage, from the API's stack.
    const restApiId = built.api.getLogicalId(built.api.api.api.node.defaultChild as never);
    const stageId = built.api.getLogicalId(built.api.api.api.deploymentStage.node.defaultChild as never);
    expect(JSON.stringify(origin.DomainName)).toContain(`SbmCrm-prod-api:ExportsOutputRef${restApiId}`);
    expect(JSON.stringify(origin.DomainName)).toContain('.execute-api.');
    expect(JSON.stringify(origin.OriginPath)).toContain(`SbmCrm-prod-api:ExportsOutputRef${stageId}`);
  });
});

describe('security headers', () => {
  it('sends exactly these on the console', () => {
    const [, policy] = headersPolicyOf(CONSOLE_HEADERS);
    const csp = built.console.resolve(
      policy.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy,
    );
    // Reward pictures come from the media distribution and are posted to the media bucket (test/cdk/media.test.ts).
    expect(JSON.stringify(csp)).toMatch(
      /^\{"ContentSecurityPolicy":\{"Fn::Join":\["",\["default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob: https:\/\/",/,
    );
    expect(JSON.stringify(csp)).toContain(
      "; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'",
    );
    expect(policy.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig).toMatchObject({
      StrictTransportSecurity: {
        AccessControlMaxAgeSec: 63072000,
        IncludeSubdomains: true,
        Preload: true,
        Override: true,
      },
      ContentTypeOptions: { Override: true },
      FrameOptions: { FrameOption: 'DENY', Override: true },
      ReferrerPolicy: { ReferrerPolicy: 'strict-origin-when-cross-origin', Override: true },
    });
  });

  it('runs no inline or evaluated script, and lets no page frame the console', () => {
    const [, policy] = headersPolicyOf(CONSOLE_HEADERS);
    // The media origins are tokens in a Fn::Join; the directives checked here are plain text around them.
    const joined = policy.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy
      .ContentSecurityPolicy as { 'Fn::Join': [string, unknown[]] };
    const csp = joined['Fn::Join'][1]
      .map((part) => (typeof part === 'string' ? part : 'https://media'))
      .join('');
    const directives = new Map(
      csp.split(';').map((directive) => {
        const [name, ...sources] = directive.trim().split(/\s+/);
        return [name!, sources];
      }),
    );
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(csp).not.toMatch(/unsafe-eval/);
  });
});

describe('access logs', () => {
  it("writes the distribution's standard logs to a private log bucket that takes CloudFront's ACL deliveries", () => {
    expect(distributionConfig().Logging).toEqual({
      Bucket: { 'Fn::GetAtt': [logBucketId(), 'RegionalDomainName'] },
      Prefix: 'cloudfront/',
      IncludeCookies: false,
    });
    expect(resources[logBucketId()]!.Properties).toMatchObject({
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerPreferred' }] },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      // The stage's log retention (365 days in prod).
      LifecycleConfiguration: { Rules: [{ ExpirationInDays: 365, Status: 'Enabled' }] },
    });
    expect(policyOf(logBucketId())).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
  });
});

describe('deployment of the build', () => {
  const deployments = () =>
    Object.entries(resources).filter(([, resource]) => resource.Type === 'Custom::CDKBucketDeployment');

  it('puts the hashed assets under console/assets/ with a year-long immutable cache, keeping earlier builds', () => {
    const [, hashed] = onlyOne(
      'Custom::CDKBucketDeployment',
      (d) => d.Properties.DestinationBucketKeyPrefix === 'console/assets/',
    );
    expect(hashed.Properties).toMatchObject({
      DestinationBucketName: { Ref: filesBucketId() },
      DestinationBucketKeyPrefix: 'console/assets/',
      SystemMetadata: { 'cache-control': 'public, max-age=31536000, immutable' },
      Prune: false,
    });
    expect(stagedFiles(hashed)).toEqual(['app-abc123.js']);
  });

  it('puts index.html after them, revalidated on every load, and invalidates its cached copies', () => {
    const [hashedId] = onlyOne(
      'Custom::CDKBucketDeployment',
      (d) => d.Properties.DestinationBucketKeyPrefix === 'console/assets/',
    );
    const [, index] = onlyOne(
      'Custom::CDKBucketDeployment',
      (d) => d.Properties.DestinationBucketKeyPrefix === 'console/',
    );
    expect(index.Properties).toMatchObject({
      DestinationBucketName: { Ref: filesBucketId() },
      SystemMetadata: { 'cache-control': 'no-cache' },
      DistributionId: { Ref: logicalIdOf('AWS::CloudFront::Distribution') },
      DistributionPaths: ['/', '/console/index.html', '/console/'],
      Prune: false,
    });
    expect(index.DependsOn).toContain(hashedId);
    expect(stagedFiles(index)).toEqual(['index.html']);
    // The console's two, and the booking PWA's two (below).
    expect(deployments()).toHaveLength(4);
  });

  it('refuses to build without the console build, and says how to get one', () => {
    expect(() =>
      buildApp(
        new App({ context: { ...cdkJson.context, stage: 'prod', 'aws:cdk:bundling-stacks': [] } }),
        undefined,
        { consoleAssets: fileURLToPath(new URL('./fixtures/no-console-here', import.meta.url)) },
      ),
    ).toThrow(
      /staff console is not built: .*no-console-here has no index.html and no assets\. Build the console/,
    );
  });
});

describe('the booking PWA on the same distribution', () => {
  const bookingBehaviour = () =>
    (distributionConfig().CacheBehaviors as Json[]).find((behaviour) => behaviour.PathPattern === '/book/*')!;
  const bookingDeployment = (prefix: string) =>
    onlyOne('Custom::CDKBucketDeployment', (d) => d.Properties.DestinationBucketKeyPrefix === prefix);

  it('serves /book/* from the console’s private bucket over HTTPS, cached, with its headers and the SPA rewrite', () => {
    const behaviour = bookingBehaviour();
    const filesOrigin = (distributionConfig().Origins as Json[]).find(
      (candidate) => candidate.DomainName['Fn::GetAtt']?.[0] === filesBucketId(),
    )!;
    expect(behaviour).toMatchObject({
      TargetOriginId: filesOrigin.Id,
      ViewerProtocolPolicy: 'redirect-to-https',
      AllowedMethods: ['GET', 'HEAD'],
      CachePolicyId: CACHING_OPTIMIZED,
      ResponseHeadersPolicyId: { Ref: headersPolicyOf("The booking PWA's security headers")[0] },
      FunctionAssociations: [
        {
          EventType: 'viewer-request',
          FunctionARN: { 'Fn::GetAtt': [logicalIdOf('AWS::CloudFront::Function'), 'FunctionARN'] },
        },
      ],
    });
    // It comes before the default behaviour, and the API keeps /v1/*.
    expect((distributionConfig().CacheBehaviors as Json[]).map((each) => each.PathPattern).sort()).toEqual([
      '/book/*',
      '/v1/*',
    ]);
  });

  it('sends the console’s headers, with a policy that also allows its own service worker and manifest', () => {
    const config = (comment: string) => headersPolicyOf(comment)[1].Properties.ResponseHeadersPolicyConfig;
    const consoleHeaders = config(CONSOLE_HEADERS).SecurityHeadersConfig;
    const booking = config("The booking PWA's security headers").SecurityHeadersConfig;
    const { ContentSecurityPolicy: consoleCsp, ...consoleRest } = consoleHeaders;
    const { ContentSecurityPolicy: bookingCsp, ...bookingRest } = booking;
    expect(bookingRest).toEqual(consoleRest);
    const text = (csp: Json) =>
      (csp.ContentSecurityPolicy['Fn::Join'][1] as unknown[])
        .map((part) => (typeof part === 'string' ? part : 'https://media'))
        .join('');
    expect(text(bookingCsp)).toBe(`${text(consoleCsp)}; worker-src 'self'; manifest-src 'self'`);
    expect(text(bookingCsp)).not.toMatch(/unsafe-eval|script-src[^;]*unsafe/);
  });

  it.each(['/book/', '/book/bookings', '/book/venues/demo-workshop', '/book/bookings/01J9Z3/reschedule'])(
    'serves the PWA’s index.html for its route %s',
    (uri) => {
      expect(spaRewrite()({ request: { uri } }).uri).toBe('/book/index.html');
    },
  );

  it.each([
    '/book/sw.js',
    '/book/manifest.webmanifest',
    '/book/assets/app-def456.js',
    '/book/icons/icon-192.png',
  ])('serves its file %s as it is', (uri) => {
    expect(spaRewrite()({ request: { uri } }).uri).toBe(uri);
  });

  it('deploys its hashed files under book/assets/ for a year, then its page, worker and manifest revalidated', () => {
    const [hashedId, hashed] = bookingDeployment('book/assets/');
    expect(hashed.Properties).toMatchObject({
      DestinationBucketName: { Ref: filesBucketId() },
      SystemMetadata: { 'cache-control': 'public, max-age=31536000, immutable' },
      Prune: false,
    });
    expect(stagedFiles(hashed)).toEqual(['app-def456.js']);
    const [, pages] = bookingDeployment('book/');
    expect(pages.Properties).toMatchObject({
      DestinationBucketName: { Ref: filesBucketId() },
      SystemMetadata: { 'cache-control': 'no-cache' },
      DistributionId: { Ref: logicalIdOf('AWS::CloudFront::Distribution') },
      DistributionPaths: ['/book/*'],
      Prune: false,
    });
    expect(pages.DependsOn).toContain(hashedId);
    expect(stagedFiles(pages)).toEqual(['index.html', 'manifest.webmanifest', 'sw.js']);
  });

  it('finds its build beside the console’s, and refuses to build without it', () => {
    expect(bookingBuildBeside('/repo/web/console/dist')).toBe('/repo/web/booking/dist');
    expect(bookingBuildBeside(CONSOLE_FIXTURE)).toBe(BOOKING_FIXTURE);
    expect(() =>
      buildApp(
        new App({ context: { ...cdkJson.context, stage: 'prod', 'aws:cdk:bundling-stacks': [] } }),
        undefined,
        {
          consoleAssets: CONSOLE_FIXTURE,
          bookingAssets: fileURLToPath(new URL('./fixtures/no-booking-here', import.meta.url)),
        },
      ),
    ).toThrow(/booking PWA is not built: .*no-booking-here has no index.html and no assets and no sw\.js/);
  });

  it('leaves no cdk-nag finding unacknowledged', () => {
    expect(unacknowledgedFindings(built.console)).toEqual([]);
  });
});

describe('stage settings', () => {
  it('keeps the buckets in a stage that retains data', () => {
    expect(resources[filesBucketId()]!.DeletionPolicy).toBe('Retain');
    expect(resources[logBucketId()]!.DeletionPolicy).toBe('Retain');
    expect(Object.values(resources).map((resource) => resource.Type)).not.toContain(
      'Custom::S3AutoDeleteObjects',
    );
  });

  it('empties and deletes them with the stack in a throwaway stage', () => {
    const dev = Template.fromStack(buildStage('dev').console);
    const buckets = Object.values(dev.findResources('AWS::S3::Bucket'));
    expect(buckets).toHaveLength(2);
    for (const bucket of buckets) expect(bucket.DeletionPolicy).toBe('Delete');
    dev.resourceCountIs('Custom::S3AutoDeleteObjects', 2);
  });

  it('outputs the booking PWA’s URL', () => {
    template.hasOutput('BookingUrl', {
      Value: {
        'Fn::Join': [
          '',
          [
            'https://',
            { 'Fn::GetAtt': [logicalIdOf('AWS::CloudFront::Distribution'), 'DomainName'] },
            '/book/',
          ],
        ],
      },
    });
  });

  it('outputs the console URL', () => {
    template.hasOutput('ConsoleUrl', {
      Value: {
        'Fn::Join': [
          '',
          ['https://', { 'Fn::GetAtt': [logicalIdOf('AWS::CloudFront::Distribution'), 'DomainName'] }],
        ],
      },
    });
  });
});
