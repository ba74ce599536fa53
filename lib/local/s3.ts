import { createHmac, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';

/** Where the local S3 answers (`AWS_ENDPOINT_URL_S3`, path-style) and where the media bucket is served. */
export const LOCAL_S3_PATH = '/_s3/';
export const LOCAL_MEDIA_PATH = '/media/';
export const LOCAL_MEDIA_BUCKET = 'sbm-crm-local-media';
/** More than any upload form allows, so the form's own limit is what refuses a big file. */
const MAX_UPLOAD_BYTES = 8 * 1024 * 1024;

interface StoredObject {
  contentType: string;
  body: Buffer;
}

/** A policy condition of a presigned POST: `{ field: value }`, or `[op, "$field", ...]`. */
type Condition = Record<string, string> | [string, string | number, string | number];

/**
 * Enough of S3 for reward pictures, on the local cloud's port: browser uploads through presigned POST
 * forms (the policy's signature, expiry, key, content type and length range checked as S3 checks them),
 * HeadObject and GetObject for the functions, and the media bucket served read-only under /media/ as
 * CloudFront serves it in the cloud. Objects are kept in memory, or under the data folder's `s3/`.
 */
export class LocalS3 {
  private readonly memory = new Map<string, StoredObject>();

  constructor(
    private readonly credentials: { accessKeyId: string; secretAccessKey: string },
    private readonly dir?: string,
  ) {}

  static handles(path: string) {
    return path.startsWith(LOCAL_S3_PATH) || path.startsWith(LOCAL_MEDIA_PATH);
  }

  async handle(request: IncomingMessage, response: ServerResponse, path: string) {
    // S3 dates its answers by its own clock, and the SDK corrects its signing clock by that date; Node's
    // server would date them by the host's, which a test's moved clock leaves behind.
    response.setHeader('date', new Date().toUTCString());
    const method = request.method ?? 'GET';
    if (path.startsWith(LOCAL_MEDIA_PATH)) {
      if (method !== 'GET' && method !== 'HEAD') return xmlError(response, 405, 'MethodNotAllowed');
      return this.serve(
        response,
        LOCAL_MEDIA_BUCKET,
        decodeURIComponent(path.slice(LOCAL_MEDIA_PATH.length)),
        method,
      );
    }
    const [bucket, ...keyParts] = path.slice(LOCAL_S3_PATH.length).split('/');
    const key = decodeURIComponent(keyParts.join('/'));
    if (!bucket) return xmlError(response, 400, 'InvalidBucketName');
    if (method === 'OPTIONS') {
      response.writeHead(204, {
        'access-control-allow-origin': '*',
        'access-control-allow-methods': 'POST',
        'access-control-allow-headers': '*',
      });
      return void response.end();
    }
    if (method === 'POST' && !key) return this.postObject(request, response, bucket);
    if ((method === 'GET' || method === 'HEAD') && key) return this.serve(response, bucket, key, method);
    return xmlError(response, 405, 'MethodNotAllowed');
  }

  private async postObject(request: IncomingMessage, response: ServerResponse, bucket: string) {
    const body = await readRaw(request, MAX_UPLOAD_BYTES);
    if (!body) return xmlError(response, 400, 'EntityTooLarge');
    let form: FormData;
    try {
      form = await new Request('http://local/', {
        method: 'POST',
        headers: { 'content-type': String(request.headers['content-type'] ?? '') },
        body,
      }).formData();
    } catch {
      return xmlError(response, 400, 'MalformedPOSTRequest');
    }
    const fields = new Map<string, string>();
    let file: File | undefined;
    for (const [name, value] of form.entries()) {
      if (typeof value === 'string') fields.set(name.toLowerCase(), value);
      else if (name === 'file') file = value;
    }
    if (!file) return xmlError(response, 400, 'InvalidArgument', 'The form has no file');
    const policy = fields.get('policy');
    const signature = fields.get('x-amz-signature');
    const credential = fields.get('x-amz-credential');
    if (!policy || !signature || !credential) return xmlError(response, 403, 'AccessDenied');
    const [accessKeyId, day, region, service] = credential.split('/');
    if (accessKeyId !== this.credentials.accessKeyId || !day || !region || !service)
      return xmlError(response, 403, 'InvalidAccessKeyId');
    const expected = signingKey(this.credentials.secretAccessKey, day, region, service)
      .update(policy)
      .digest();
    const given = Buffer.from(signature, 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      return xmlError(response, 403, 'SignatureDoesNotMatch');
    const document = JSON.parse(Buffer.from(policy, 'base64').toString('utf8')) as {
      expiration: string;
      conditions: Condition[];
    };
    if (Date.parse(document.expiration) <= Date.now())
      return xmlError(response, 403, 'AccessDenied', 'Invalid according to Policy: Policy expired.');
    const bytes = Buffer.from(await file.arrayBuffer());
    fields.set('bucket', bucket);
    const refused = document.conditions.find((condition) => !holds(condition, fields, bytes.length));
    if (refused) {
      const tooBig = Array.isArray(refused) && refused[0] === 'content-length-range';
      return xmlError(
        response,
        tooBig ? 400 : 403,
        tooBig ? 'EntityTooLarge' : 'AccessDenied',
        `Invalid according to Policy: Policy Condition failed: ${JSON.stringify(refused)}`,
      );
    }
    const key = fields.get('key');
    if (!key) return xmlError(response, 400, 'InvalidArgument', 'The form has no key');
    this.put(bucket, key, {
      contentType: fields.get('content-type') ?? 'binary/octet-stream',
      body: bytes,
    });
    response.writeHead(204, { 'access-control-allow-origin': '*' });
    response.end();
  }

  private put(bucket: string, key: string, object: StoredObject) {
    if (!this.dir) return void this.memory.set(`${bucket}/${key}`, object);
    const file = join(this.dir, bucket, key);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, object.body);
    writeFileSync(`${file}.meta.json`, JSON.stringify({ contentType: object.contentType }));
  }

  private get(bucket: string, key: string): StoredObject | undefined {
    if (key.split('/').includes('..')) return undefined;
    if (!this.dir) return this.memory.get(`${bucket}/${key}`);
    const file = join(this.dir, bucket, key);
    if (!existsSync(file) || !existsSync(`${file}.meta.json`)) return undefined;
    const meta = JSON.parse(readFileSync(`${file}.meta.json`, 'utf8')) as { contentType: string };
    return { contentType: meta.contentType, body: readFileSync(file) };
  }

  private serve(response: ServerResponse, bucket: string, key: string, method: string) {
    const object = this.get(bucket, key);
    if (!object) return xmlError(response, 404, 'NoSuchKey');
    response.writeHead(200, {
      'content-type': object.contentType,
      'content-length': object.body.length,
      'cache-control': 'public, max-age=31536000, immutable',
      'x-content-type-options': 'nosniff',
    });
    response.end(method === 'HEAD' ? undefined : object.body);
  }
}

/** SigV4's signing key for a day, region and service, as an HMAC ready for the string to sign. */
function signingKey(secret: string, day: string, region: string, service: string) {
  const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();
  const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, day), region), service), 'aws4_request');
  return createHmac('sha256', key);
}

/** Whether the posted form meets one policy condition (field names compare without case, as in S3). */
function holds(condition: Condition, fields: Map<string, string>, length: number): boolean {
  if (!Array.isArray(condition))
    return Object.entries(condition).every(([name, value]) => fields.get(name.toLowerCase()) === value);
  const [op, first, second] = condition;
  if (op === 'content-length-range') return length >= Number(first) && length <= Number(second);
  const value = fields.get(String(first).replace(/^\$/, '').toLowerCase()) ?? '';
  if (op === 'eq') return value === String(second);
  if (op === 'starts-with') return value.startsWith(String(second));
  return false;
}

function xmlError(response: ServerResponse, status: number, code: string, message = code) {
  const body = `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message.replace(/[<&>]/g, '')}</Message></Error>`;
  response.writeHead(status, {
    'content-type': 'application/xml',
    'content-length': Buffer.byteLength(body),
    'access-control-allow-origin': '*',
  });
  response.end(body);
}

function readRaw(request: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    request.on('end', () => resolve(size > limit ? undefined : Buffer.concat(chunks)));
    request.on('error', reject);
  });
}
