// Reward pictures over HTTP: a presigned form from the API, the upload to the local S3 as a browser posts
// it (type, size and signature checked there), the reward naming it only once it is there, and members
// loading it from the media URL the catalogue gives them.
import { describe, expect, it } from 'vitest';
import { call, cloudUrl, login, uniqueCode } from '../support/http';

const adminToken = async () =>
  (
    await call<{ accessToken: string }>('POST', '/v1/admin/auth/login', {
      body: { email: 'admin@sbm.local', password: 'e2e-admin-password' },
    })
  ).body.accessToken;

/** A PNG's signature and enough bytes to be a file. */
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(120, 7),
]);

interface UploadForm {
  imageKey: string;
  upload: { url: string; fields: Record<string, string> };
  maxBytes: number;
}

const uploadForm = (token: string, contentType: string, size: number) =>
  call<UploadForm>('POST', '/v1/admin/reward-images', { token, body: { contentType, size } });

/** Posts the file as a browser does: the form's fields first, then the file. */
function post(form: UploadForm, bytes: Buffer, contentType: string) {
  const data = new FormData();
  for (const [name, value] of Object.entries(form.upload.fields)) data.append(name, value);
  data.append('file', new Blob([bytes], { type: contentType }), 'picture');
  return fetch(form.upload.url, { method: 'POST', body: data });
}

describe('reward pictures', () => {
  it('uploads through the form, attaches to a reward, and serves members the picture', async () => {
    const token = await adminToken();
    const form = await uploadForm(token, 'image/png', PNG.length);
    expect(form.status).toBe(201);
    expect(form.body.imageKey).toMatch(/^reward-images\/[0-9A-Z]{26}\.png$/);

    // Named before it is uploaded: refused, and nothing is created.
    const early = await call('POST', '/v1/admin/rewards', {
      token,
      body: { name: 'Tote', type: 'physical', stock: 3, pointsCost: 10, imageKey: form.body.imageKey },
    });
    expect(early).toMatchObject({ status: 409, body: { code: 'IMAGE_NOT_UPLOADED' } });

    expect((await post(form.body, PNG, 'image/png')).status).toBe(204);
    const created = await call<{ id: string; imageUrl: string; category: string }>(
      'POST',
      '/v1/admin/rewards',
      {
        token,
        body: {
          name: uniqueCode('Tote'),
          type: 'physical',
          category: 'gift',
          stock: 3,
          pointsCost: 10,
          imageKey: form.body.imageKey,
        },
      },
    );
    expect(created.status).toBe(201);
    expect(created.body.imageUrl).toBe(`${cloudUrl()}/media/${form.body.imageKey}`);

    const member = await login(uniqueCode('viewer'));
    const listed = await call<{ items: { id: string; imageUrl?: string; category?: string }[] }>(
      'GET',
      '/v1/rewards',
      { token: member.body.accessToken },
    );
    const shown = listed.body.items.find((reward) => reward.id === created.body.id);
    expect(shown).toMatchObject({ imageUrl: created.body.imageUrl, category: 'gift' });
    const picture = await fetch(shown!.imageUrl!);
    expect(picture.status).toBe(200);
    expect(picture.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await picture.arrayBuffer())).toEqual(PNG);
  });

  it('refuses a type other than the form signed, a file over its size, a forged form and a GIF', async () => {
    const token = await adminToken();
    const form = (await uploadForm(token, 'image/jpeg', 64)).body;
    const wrongType = {
      ...form,
      upload: { ...form.upload, fields: { ...form.upload.fields, 'Content-Type': 'text/html' } },
    };
    expect((await post(wrongType, Buffer.alloc(32), 'text/html')).status).toBe(403);
    expect((await post(form, Buffer.alloc(65), 'image/jpeg')).status).toBe(400);
    const forged = {
      ...form,
      upload: { ...form.upload, fields: { ...form.upload.fields, key: 'reward-images/evil.jpg' } },
    };
    expect((await post(forged, Buffer.alloc(32), 'image/jpeg')).status).toBe(403);
    expect((await fetch(`${cloudUrl()}/media/${form.imageKey}`)).status).toBe(404);

    expect((await uploadForm(token, 'image/gif', 64)).status).toBe(400);
    expect((await uploadForm(token, 'image/png', 3 * 1024 * 1024)).status).toBe(400);
  });
});
