// The section modules as the signed-in routes load them: each lazy() takes a module's default export as
// the component, which must be a function; a lazy component there (a section's own split) fails in React.
import { describe, expect, it } from 'vitest';

// The sign-in page is in the first chunk, imported by name, not loaded lazily.
const modules = import.meta.glob<{ default: unknown }>(['./*.tsx', '!./sign-in.tsx', '!./*.test.tsx']);

describe('the route modules', () => {
  it.each(Object.keys(modules))('%s exports a component React can render lazily', async (path) => {
    const module = await modules[path]!();
    expect(typeof module.default).toBe('function');
  });
});
