import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { CSRF_HEADER } from '../auth/auth.constants';
import { SESSION_COOKIE } from './console.constants';
import { CSRF_SECURITY, SESSION_SECURITY } from '../auth/console-auth.decorator';

/** OpenAPI for every controller at /api/docs (UI) and /api/docs-json; console APIs say they need the cookie + CSRF. */
export function setupOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('minyi')
    .setDescription(
      'Console APIs need the session cookie (sign in at /console/login, or POST /api/auth/admin with ADMIN_TOKEN); ' +
        `every non-GET call also needs the ${CSRF_HEADER} header with the csrfToken from GET /api/me.`,
    )
    .setVersion('1')
    .addCookieAuth(SESSION_COOKIE, { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE }, SESSION_SECURITY)
    .addApiKey({ type: 'apiKey', in: 'header', name: CSRF_HEADER }, CSRF_SECURITY)
    .build();
  const document = SwaggerModule.createDocument(app, config);
  // The UI is served by ApiDocsController from swagger-ui-dist: Nest's built-in UI needs @fastify/static, whose
  // ESM-only dependencies jest's CommonJS runtime cannot load.
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json', ui: false, raw: ['json'] });
}
