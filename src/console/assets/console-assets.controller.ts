import { AppException } from '../../common/app.exception';
import { Controller, Get, Headers, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { APP_CONFIG } from '../../config/config.module';
import { AppConfig, wecomEnabled } from '../../config/config.schema';
import { Asset, ConsoleAssetsService, etagOf, vendorVersion } from './console-assets.service';
import { sendPage } from './page-headers';

/** Serves the console shell, its modules and the strings it shows. */
@ApiTags('console')
@Controller()
export class ConsoleAssetsController {
  constructor(
    private readonly assets: ConsoleAssetsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('console')
  @ApiExcludeEndpoint()
  async shell(@Res() reply: FastifyReply): Promise<void> {
    sendPage(reply, await this.assets.index());
  }

  @Get('console/app/*')
  @ApiExcludeEndpoint()
  async app(@Param('*') name: string, @Headers('if-none-match') seen: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    this.send(reply, await this.assets.publicFile(name), 'no-cache', seen);
  }

  @Get('console/assets/:name')
  @ApiExcludeEndpoint()
  async vendor(
    @Param('name') name: string,
    @Query('v') version: string | undefined,
    @Headers('if-none-match') seen: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const pinned = version !== undefined && version === vendorVersion(name);
    this.send(reply, await this.assets.vendorFile(name), pinned ? 'public, max-age=31536000, immutable' : 'public, max-age=86400', seen);
  }

  @Get('api/console/locales/:lang')
  @ApiOperation({ summary: "The console's UI strings for a language (zh-CN, en); public, the sign-in page needs them" })
  @ApiOkResponse({ description: 'nested JSON of strings' })
  async locale(@Param('lang') lang: string): Promise<Record<string, unknown>> {
    const strings = await this.assets.locale(lang);
    if (!strings) throw new AppException('NOT_FOUND', `no console strings for "${lang}"`);
    return strings;
  }

  @Get('api/console/config')
  @ApiOperation({ summary: 'What the sign-in page offers: WeCom sign-in, languages' })
  clientConfig(): { wecom: boolean; defaultLocale: string; locales: string[]; vendor: Record<string, string | null> } {
    return {
      wecom: wecomEnabled(this.config),
      defaultLocale: this.config.locale.default,
      locales: this.config.locale.supported,
      vendor: { echarts: vendorVersion('echarts.js') },
    };
  }

  private send(reply: FastifyReply, asset: Asset | null, cache: string, seen?: string): void {
    if (!asset) throw new AppException('NOT_FOUND', 'no such asset');
    const etag = etagOf(asset.body);
    void reply.header('content-type', asset.type).header('cache-control', cache).header('etag', etag).header('x-content-type-options', 'nosniff');
    if (seen && seen.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
      void reply.code(304).send();
      return;
    }
    void reply.send(asset.body);
  }
}
