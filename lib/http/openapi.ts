import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import type { z } from 'zod';
import { declarations } from '../manifest';
import type { RouteContract } from './route';

const contentFor = (status: number, schema: z.ZodType) => ({
  [status >= 400 ? 'application/problem+json' : 'application/json']: { schema },
});

function securityOf(route: RouteContract) {
  if (route.auth.kind === 'public') return [];
  if (route.auth.kind === 'pos') return [{ posSignature: [] }];
  return [{ bearerAuth: [] }];
}

/** The OpenAPI 3.1 document of every HTTP route in the manifest, from the same zod schemas the handlers use. */
export function buildOpenApiDocument(serverUrl = '/') {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
  });
  const routes = declarations().flatMap(([name, declaration]) =>
    declaration.trigger.kind === 'http' ? [{ name, route: declaration.trigger.route as RouteContract }] : [],
  );
  for (const { name, route } of routes) {
    registry.registerPath({
      operationId: name,
      method: route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete',
      path: route.path,
      summary: route.summary,
      tags: [route.tag],
      security: securityOf(route),
      request: {
        ...(route.body
          ? { body: { required: true, content: { 'application/json': { schema: route.body } } } }
          : {}),
        ...(route.query ? { query: route.query as z.ZodObject } : {}),
        ...(route.params ? { params: route.params as z.ZodObject } : {}),
      },
      responses: Object.fromEntries(
        Object.entries(route.responses).map(([status, spec]) => [
          status,
          {
            description: spec.description,
            ...(spec.schema ? { content: contentFor(Number(status), spec.schema) } : {}),
          },
        ]),
      ),
    });
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'SBM CRM API',
      version: '1.0.0',
      description:
        'Loyalty and customer platform for shopping mall groups. Errors are RFC 9457 application/problem+json with a stable `code`.',
    },
    servers: [{ url: serverUrl }],
  });
}
