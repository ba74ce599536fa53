import { readFile } from 'node:fs/promises';
import { join, normalize } from 'node:path';
import type { ServerResponse } from 'node:http';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const assetsDir = () => (require('swagger-ui-dist') as { getAbsoluteFSPath(): string }).getAbsoluteFSPath();

const CONTENT_TYPES: Record<string, string> = {
  css: 'text/css',
  js: 'text/javascript',
  png: 'image/png',
  map: 'application/json',
};

/** Swagger UI for the generated OpenAPI document. */
export function swaggerUiPage(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>SBM CRM API</title>
<link rel="stylesheet" href="/docs/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/docs/swagger-ui-bundle.js"></script>
<script src="/docs/swagger-initializer-local.js"></script>
</body></html>`;
}

export async function serveSwaggerAsset(name: string, response: ServerResponse) {
  if (name === 'swagger-initializer-local.js') {
    response.writeHead(200, { 'content-type': 'text/javascript' });
    return void response.end(
      "window.ui = SwaggerUIBundle({ url: '/v1/openapi.json', dom_id: '#swagger-ui' });",
    );
  }
  const safe = normalize(name).replace(/^(\.\.[/\\])+/, '');
  try {
    const content = await readFile(join(assetsDir(), safe));
    response.writeHead(200, {
      'content-type': CONTENT_TYPES[safe.split('.').pop() ?? ''] ?? 'application/octet-stream',
    });
    response.end(content);
  } catch {
    response.writeHead(404, { 'content-type': 'text/plain' });
    response.end('not found');
  }
}
