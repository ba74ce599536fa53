import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { buildOpenApiDocument } from './openapi';

// Usage: npm run openapi [-- <output path>]; the default is .build/openapi.json.
const output = resolve(process.argv[2] ?? '.build/openapi.json');
mkdirSync(dirname(output), { recursive: true });
writeFileSync(output, `${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`);
console.log(`OpenAPI document written to ${output}`);
