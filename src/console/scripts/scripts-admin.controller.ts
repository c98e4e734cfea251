import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { BotReply } from '../../conversation/conversation.types';
import { I18nService } from '../../i18n/i18n.service';
import { ConsoleAuth, CurrentPrincipal } from '../../auth/console-auth.decorator';
import type { Principal } from '../../auth/principal';
import { ZodBody, ZodQuery } from '../../common/zod-body';
import type { ScriptProblem } from './script-problems';
import * as s from './scripts-admin.schemas';
import { FunnelStep, ScriptFunnelService } from './script-funnel.service';
import { ScriptDetail, ScriptsAdminService, ScriptSummary } from './scripts-admin.service';

/** The office's dialog-script page: edit, check, preview, version, publish, roll back, and the per-step funnel. */
@ApiTags('admin: dialog scripts')
@ConsoleAuth('admin')
@Controller('api/admin/scripts')
export class ScriptsAdminController {
  constructor(
    private readonly scripts: ScriptsAdminService,
    private readonly funnels: ScriptFunnelService,
    private readonly i18n: I18nService,
  ) {}

  @Post('strings')
  @HttpCode(200)
  @ApiOperation({ summary: 'What residents read for each locale key a script names (null for an unknown key), so the editor shows words, not keys' })
  strings(@ZodBody(s.stringsSchema) body: s.StringsBody): Record<string, string | null> {
    const locale = this.i18n.resolveLocale(body.locale);
    return Object.fromEntries(body.keys.map((key) => [key, this.i18n.has(key) ? this.i18n.template(key, locale) : null]));
  }

  @Get()
  @ApiOperation({ summary: 'Every dialog with its published version' })
  list(): Promise<ScriptSummary[]> {
    return this.scripts.list();
  }

  @Get(':id')
  @ApiOperation({ summary: "A dialog's published YAML, its versions and the version a rollback goes to" })
  detail(@Param('id') id: string): Promise<ScriptDetail> {
    return this.scripts.detail(id);
  }

  @Get(':id/versions/:version')
  @ApiOperation({ summary: 'The YAML of one stored version' })
  version(@Param('id') id: string, @Param('version') version: string): Promise<{ version: string; yaml: string }> {
    return this.scripts.version(id, version);
  }

  @Post(':id/validate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Checks a draft with the start-up validator; problems as line + reason (none: valid)' })
  validate(@Param('id') id: string, @ZodBody(s.draftSchema) body: s.Draft): { problems: ScriptProblem[] } {
    return this.scripts.validate(id, body.yaml);
  }

  @Post(':id/versions')
  @ApiOperation({ summary: 'Stores a valid draft as a new unpublished version (400 with `details.problems` if invalid)' })
  save(@CurrentPrincipal() p: Principal, @Param('id') id: string, @ZodBody(s.draftSchema) body: s.Draft): Promise<{ version: string; problems: ScriptProblem[] }> {
    return this.scripts.save(p, id, body.yaml);
  }

  @Get(':id/diff')
  @ApiOperation({ summary: 'Unified diff from the published version to `version`' })
  diff(@Param('id') id: string, @ZodQuery(s.diffQuerySchema) q: s.DiffQuery): Promise<{ from: string; to: string; patch: string }> {
    return this.scripts.diff(id, q.version);
  }

  @Post(':id/publish')
  @HttpCode(200)
  @ApiOperation({ summary: 'Publishes a stored version: new conversations get it at once, on every instance within seconds (audited)' })
  publish(@CurrentPrincipal() p: Principal, @Param('id') id: string, @ZodBody(s.versionSchema) body: s.VersionBody): Promise<ScriptDetail> {
    return this.scripts.publish(p, id, body.version);
  }

  @Post(':id/rollback')
  @HttpCode(200)
  @ApiOperation({ summary: 'Publishes `version`, or without it the version published before the current one (audited)' })
  rollback(@CurrentPrincipal() p: Principal, @Param('id') id: string, @ZodBody(s.rollbackSchema) body: s.RollbackBody): Promise<ScriptDetail> {
    return this.scripts.rollback(p, id, body.version);
  }

  @Get(':id/funnel')
  @ApiOperation({ summary: 'Per step: residents who reached it and who moved on, over the last `days` days' })
  funnel(@Param('id') id: string, @ZodQuery(s.funnelQuerySchema) q: s.FunnelQuery): Promise<{ since: Date; steps: FunnelStep[] }> {
    return this.funnels.funnel(id, q.days);
  }

  @Post(':id/preview')
  @HttpCode(200)
  @ApiOperation({ summary: 'One message to the draft as the preview resident preview:<admin> (`restart`: begin the dialog afresh); nothing is filed or sent' })
  preview(@CurrentPrincipal() p: Principal, @Param('id') id: string, @ZodBody(s.previewSchema) body: s.PreviewBody): Promise<{ replies: BotReply[] }> {
    return this.scripts.say(p, id, body.yaml, body.text, { locale: body.locale, restart: body.restart });
  }
}
