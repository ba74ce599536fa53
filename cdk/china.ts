import { Stack, Validations } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

/**
 * What differs in the AWS China Regions (cn-north-1, cn-northwest-1), as CDK's template validation and
 * the China Regions' documentation say (cdk/README.md, "The China Regions"):
 * - CloudFront has no Origin Access Control and no CloudFront Functions: buckets are read through an
 *   Origin Access Identity, and nothing runs at the edge.
 * - CloudFront serves only an ICP-filed alternate domain (never *.cloudfront.cn), with a certificate from
 *   the IAM certificate store (ACM certificates cannot be attached to CloudFront there).
 */
export const inChina = (scope: Construct) => Stack.of(scope).region.startsWith('cn-');

/** A distribution's own domain: an ACM certificate's ARN, or in China an IAM server certificate's id. */
export interface CdnDomain {
  name: string;
  certificateArn?: string;
  iamCertificateId?: string;
}

/** A private bucket as a CloudFront origin: Origin Access Control, or an Origin Access Identity in China. */
export const privateBucketOrigin = (scope: Construct, bucket: s3.IBucket): cloudfront.IOrigin =>
  inChina(scope)
    ? origins.S3BucketOrigin.withOriginAccessIdentity(bucket)
    : origins.S3BucketOrigin.withOriginAccessControl(bucket);

/** HTTP/3 where CloudFront offers it; HTTP/2 in China. */
export const distributionHttpVersion = (scope: Construct) =>
  inChina(scope) ? cloudfront.HttpVersion.HTTP2 : cloudfront.HttpVersion.HTTP2_AND_3;

/**
 * The distribution props that put it on its own domain with TLS 1.2 or higher (none without a domain).
 * In China a domain is required, and its IAM certificate is set on the template after the distribution
 * is built (`finishForChina`), as CDK's Distribution takes ACM certificates only.
 */
export function distributionDomainProps(
  scope: Construct,
  id: string,
  domain: CdnDomain | undefined,
  what: string,
): Partial<cloudfront.DistributionProps> {
  if (inChina(scope)) {
    if (!domain?.iamCertificateId)
      throw new Error(
        `${what}: CloudFront in the China Regions serves only an ICP-filed domain with an IAM server certificate; set its domain with "iamCertificateId"`,
      );
    return { domainNames: [domain.name] };
  }
  if (!domain) return {};
  if (!domain.certificateArn)
    throw new Error(`${what}: its domain needs the ARN of an ACM certificate in us-east-1`);
  if (!domain.certificateArn.includes(':us-east-1:'))
    throw new Error(`${what}: CloudFront takes ACM certificates from us-east-1 only`);
  return {
    domainNames: [domain.name],
    certificate: acm.Certificate.fromCertificateArn(scope, id, domain.certificateArn),
    minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
  };
}

/**
 * In China: the domain's IAM server certificate, SNI only, TLS 1.2 or higher, set on the template (CDK's
 * Distribution takes ACM certificates only), and cdk-nag told why its CloudFront findings do not apply.
 */
export function finishForChina(distribution: cloudfront.Distribution, domain: CdnDomain | undefined) {
  if (!inChina(distribution) || !domain?.iamCertificateId) return;
  const cfn = distribution.node.defaultChild as cloudfront.CfnDistribution;
  cfn.addPropertyOverride('DistributionConfig.ViewerCertificate', {
    IamCertificateId: domain.iamCertificateId,
    SslSupportMethod: 'sni-only',
    MinimumProtocolVersion: 'TLSv1.2_2021',
  });
  Validations.of(distribution).acknowledge(
    {
      id: 'AwsSolutions-CFR4',
      reason:
        "The domain's IAM server certificate is set with TLSv1.2_2021 and SNI on the template, where cdk-nag does not look.",
    },
    {
      id: 'AwsSolutions-CFR7',
      reason:
        'CloudFront in the China Regions has no Origin Access Control; the bucket is read through an Origin Access Identity, the private origin access it offers.',
    },
  );
}
