import { writeFileSync } from 'node:fs';
import { generateClient, repoPath } from './client';

// Usage: npm run client:generate. Writes the API client and the role table from the platform's code.
const { files, alreadyDeclared } = await generateClient();
for (const [path, content] of Object.entries(files)) {
  writeFileSync(repoPath(path), content);
  console.log(`wrote ${path}`);
}
for (const path of alreadyDeclared)
  console.log(
    `${path} is in the platform's OpenAPI document now: delete it from web/shared/codegen/pending-routes.ts`,
  );
