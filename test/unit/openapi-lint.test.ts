// The OpenAPI document passes Redocly's recommended rules (redocly.yaml) without an error or a warning,
// as it is written by `npm run openapi`; the local cloud's is linted by test/e2e/platform.test.ts.
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../lib/http/openapi';
import { redoclyLint } from '../support/redocly';

describe('the OpenAPI document, linted', () => {
  it("breaks none of Redocly's recommended rules", () => {
    const { totals, problems } = redoclyLint(buildOpenApiDocument());
    expect(problems).toEqual([]);
    expect(totals).toMatchObject({ errors: 0, warnings: 0 });
  }, 30_000);

  it('is linted for real: a document that breaks a rule is reported', () => {
    const document = buildOpenApiDocument();
    const { totals, problems } = redoclyLint({ ...document, info: { ...document.info, license: undefined } });
    expect(totals.warnings).toBeGreaterThan(0);
    expect(problems).toEqual([expect.stringContaining('info-license')]);
  }, 30_000);
});
