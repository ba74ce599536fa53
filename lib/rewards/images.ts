import type { S3Client } from '@aws-sdk/client-s3';
import { ulid } from 'ulid';
import { Problem } from '../http/problem';
import {
  MAX_REWARD_IMAGE_BYTES,
  REWARD_IMAGE_PREFIX,
  REWARD_IMAGE_TYPES,
  UPLOAD_TTL_SECONDS,
  type Reward,
  type RewardImageType,
} from './schemas';

const required = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`Environment variable ${name} is not set`);
  return value;
};

/**
 * The S3 client, loaded when a picture is first checked or an upload signed: most functions that show
 * rewards only build picture URLs, and should not pay for S3's client at every cold start.
 */
let client: Promise<S3Client> | undefined;
// Path-style where an endpoint is set (the local cloud serves buckets under one host).
const s3 = () =>
  (client ??= import('@aws-sdk/client-s3').then(
    ({ S3Client }) => new S3Client({ forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3) }),
  ));

/**
 * A presigned POST form for one new reward picture: the key is new and unguessable, and S3 itself refuses
 * an upload of another content type, of more than `size` bytes, or after five minutes.
 */
export async function presignRewardImageUpload(contentType: RewardImageType, size: number, now = new Date()) {
  const imageKey = `${REWARD_IMAGE_PREFIX}${ulid(now.getTime())}.${REWARD_IMAGE_TYPES[contentType]}`;
  const { createPresignedPost } = await import('@aws-sdk/s3-presigned-post');
  const { url, fields } = await createPresignedPost(await s3(), {
    Bucket: required('MEDIA_BUCKET_NAME'),
    Key: imageKey,
    Conditions: [
      ['content-length-range', 1, size],
      ['eq', '$Content-Type', contentType],
    ],
    Fields: { 'Content-Type': contentType },
    Expires: UPLOAD_TTL_SECONDS,
  });
  return {
    imageKey,
    upload: { url, fields },
    expiresAt: new Date(now.getTime() + UPLOAD_TTL_SECONDS * 1000).toISOString(),
    maxBytes: size,
  };
}

const imageNotUploaded = () =>
  new Problem(
    409,
    'IMAGE_NOT_UPLOADED',
    'Conflict',
    'No picture was uploaded under this imageKey (or not a JPEG, PNG or WebP within the size limit): upload it first.',
  );

/** A reward names a picture only once it is in the bucket, of an accepted type and size. */
export async function assertRewardImageUploaded(imageKey: string) {
  try {
    const { HeadObjectCommand } = await import('@aws-sdk/client-s3');
    const head = await (
      await s3()
    ).send(new HeadObjectCommand({ Bucket: required('MEDIA_BUCKET_NAME'), Key: imageKey }));
    const typeAccepted = Object.keys(REWARD_IMAGE_TYPES).includes(head.ContentType ?? '');
    if (!typeAccepted || (head.ContentLength ?? 0) > MAX_REWARD_IMAGE_BYTES) throw imageNotUploaded();
  } catch (error) {
    if (error instanceof Problem) throw error;
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (status === 404 || (error as Error).name === 'NotFound') throw imageNotUploaded();
    throw error;
  }
}

/** Where members and staff load a picture from: the media distribution, never the private bucket. */
export const rewardImageUrl = (imageKey: string) =>
  `${required('MEDIA_BASE_URL').replace(/\/$/, '')}/${imageKey}`;

/** A reward as the API shows it: with its picture's URL. */
export const withImageUrl = <T extends Pick<Reward, 'imageKey'>>(reward: T): T & { imageUrl?: string } =>
  reward.imageKey ? { ...reward, imageUrl: rewardImageUrl(reward.imageKey) } : reward;
