import { AppException } from '../../common/app.exception';
import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { setPageHeaders } from '../../common/page-headers';
import { API_DOCS_CSP } from './page-headers';

const UI_FILES: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'text/javascript; charset=utf-8',
};

const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>minyi API</title><link rel="stylesheet" href="/api/docs/ui/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/api/docs/ui/swagger-ui-bundle.js"></script>
<script src="/api/docs/ui/swagger-ui-standalone-preset.js"></script>
<script src="/console/app/api-docs.js"></script></body></html>`;

/** Swagger UI at /api/docs over /api/docs-json, served from swagger-ui-dist. */
@ApiExcludeController()
@Controller('api/docs')
export class ApiDocsController {
  private readonly dist = dirname(require.resolve('swagger-ui-dist/package.json'));

  @Get()
  page(@Res() reply: FastifyReply): void {
    setPageHeaders(reply, API_DOCS_CSP);
    void reply.header('content-type', 'text/html; charset=utf-8').send(PAGE);
  }

  @Get('ui/:file')
  async file(@Param('file') file: string, @Res() reply: FastifyReply): Promise<void> {
    const type = UI_FILES[file];
    if (!type) throw new AppException('NOT_FOUND', 'no such document');
    void reply.header('content-type', type).header('cache-control', 'public, max-age=86400').send(await readFile(join(this.dist, file)));
  }
}
