import { writeFileSync } from 'node:fs';
import { generateClient, repoPath } from './client';

// Usage: npm run client:generate. Writes the API client from the platform's OpenAPI document.
const { files } = await generateClient();
for (const [path, content] of Object.entries(files)) {
  writeFileSync(repoPath(path), content);
  console.log(`wrote ${path}`);
}
