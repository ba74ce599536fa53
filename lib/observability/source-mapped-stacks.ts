import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';

/**
 * A bundled function's stack traces point into its minified file; the source map shipped beside it
 * turns them back into source lines. Node's `--enable-source-maps` would parse every map at start-up (5 to
 * 14 ms of each cold start here, a fifth to a half of a bare Node process); here a map is read when the
 * first stack is logged, once per instance, and positions without a map are left as they are.
 */
const maps = new Map<string, SourceMap | undefined>();

function sourceMapOf(file: string): SourceMap | undefined {
  if (!maps.has(file)) {
    let map: SourceMap | undefined;
    try {
      const path = `${file.startsWith('file://') ? fileURLToPath(file) : file}.map`;
      if (existsSync(path)) map = new SourceMap(JSON.parse(readFileSync(path, 'utf8')) as never);
    } catch {
      // A stack is worth logging as it is rather than not at all.
      map = undefined;
    }
    maps.set(file, map);
  }
  return maps.get(file);
}

/** `file:line:column` of a bundled JavaScript file, as V8 writes a stack frame's position. */
const POSITION = /((?:file:\/\/)?\/[^\s():]+\.[cm]?js):(\d+):(\d+)/g;

/** A stack with every position in a file that has a source map given as its source file, line and column. */
export function sourceMappedStack(stack: string): string {
  return stack.replace(POSITION, (position, file: string, line: string, column: string) => {
    const origin = sourceMapOf(file)?.findOrigin(Number(line), Number(column));
    return origin && 'fileName' in origin
      ? `${origin.fileName}:${origin.lineNumber}:${origin.columnNumber}`
      : position;
  });
}
