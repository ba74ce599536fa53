import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { round } from './stats';

/** One chunk of Vite's manifest (dist/.vite/manifest.json). */
interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
}

const gzippedKb = (path: string) => round(gzipSync(readFileSync(path)).length / 1024, 1);

/**
 * What the console's first page costs: the entry chunk and every chunk it imports statically (what the
 * browser must fetch before the sign-in page can show), gzipped as a CDN would send them; and the
 * largest chunk of all, wherever it loads.
 */
export function measureConsole(dist: string) {
  const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8')) as Record<
    string,
    ManifestChunk
  >;
  const entries = Object.keys(manifest).filter((key) => manifest[key]!.isEntry);
  const initial = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key]!;
    if (initial.has(chunk.file)) return;
    initial.add(chunk.file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  entries.forEach(visit);
  const chunks = readdirSync(join(dist, 'assets'))
    .filter((name) => name.endsWith('.js'))
    .map((name) => ({ file: `assets/${name}`, kbGz: gzippedKb(join(dist, 'assets', name)) }))
    .sort((a, b) => b.kbGz - a.kbGz);
  const initialKbGz = round(
    chunks.filter((chunk) => initial.has(chunk.file)).reduce((sum, chunk) => sum + chunk.kbGz, 0),
    1,
  );
  return { initialKbGz, initialFiles: [...initial], largest: chunks[0]!, chunks };
}
