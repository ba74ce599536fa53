// The front ends' API client is generated from the platform's OpenAPI document: these tests fail when it is stale.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../lib/http/openapi';
import { GENERATED, generateClient, repoPath } from '../../web/shared/codegen/client';

describe('the generated API client', () => {
  it('is what npm run client:generate makes of the OpenAPI document today', async () => {
    const { files } = await generateClient();
    for (const [path, content] of Object.entries(files))
      expect(readFileSync(repoPath(path), 'utf8'), `${path} is stale: run npm run client:generate`).toBe(
        content,
      );
  }, 30_000);

  it('has an endpoint for every route a front end calls, and none for tills or WeChat', () => {
    const source = readFileSync(repoPath(GENERATED.client), 'utf8');
    const document = buildOpenApiDocument();
    for (const [path, operations] of Object.entries(
      document.paths as Record<string, Record<string, unknown>>,
    )) {
      const quoted = `url: \`${path.replace(/\{(\w+)\}/g, (_, name: string) => `\${encodeURIComponent(String(queryArg.${name}))}`)}\``;
      expect(source.includes(quoted), `${Object.keys(operations).join('/')} ${path}`).toBe(
        !/^\/v1\/(pos|wechat)\//.test(path),
      );
    }
  });

  it("includes the console's session routes", () => {
    const source = readFileSync(repoPath(GENERATED.client), 'utf8');
    for (const endpoint of ['consoleRefresh:', 'consoleLogout:', 'staffMe:'])
      expect(source, endpoint).toContain(endpoint);
  });
});
