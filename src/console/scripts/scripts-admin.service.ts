import { Injectable } from '@nestjs/common';
import { createTwoFilesPatch } from 'diff';
import type { BotReply } from '../../conversation/conversation.types';
import { DialogScriptException, DialogScriptsService } from '../../conversation/dialog-scripts.service';
import type { ScriptIssue } from '../../conversation/script.loader';
import { DialogPreviewService } from '../../conversation/preview/dialog-preview.service';
import { ConsoleAuditService } from '../auth/console-audit.service';
import type { Principal } from '../../auth/principal';
import { AppException } from '../../common/app.exception';
import { ScriptProblem, scriptProblems } from './script-problems';

export interface ScriptSummary {
  id: string;
  publishedVersion: string | null;
  publishedAt: Date | null;
  versions: number;
}

export interface ScriptVersionView {
  version: string;
  published: boolean;
  publishedAt: Date | null;
  createdAt: Date;
}

export interface ScriptDetail {
  id: string;
  publishedVersion: string;
  yaml: string;
  versions: ScriptVersionView[];
  /** Where a rollback without a version goes. */
  previousVersion: string | null;
}


/** The office's dialog-script page: versions, drafts checked by the start-up validator, diff, publish, preview. */
@Injectable()
export class ScriptsAdminService {
  constructor(
    private readonly scripts: DialogScriptsService,
    private readonly preview: DialogPreviewService,
    private readonly audit: ConsoleAuditService,
  ) {}

  async list(): Promise<ScriptSummary[]> {
    const byId = new Map<string, ScriptSummary>();
    for (const v of await this.scripts.list()) {
      const row = byId.get(v.dialogId) ?? { id: v.dialogId, publishedVersion: null, publishedAt: null, versions: 0 };
      row.versions++;
      if (v.published) Object.assign(row, { publishedVersion: v.version, publishedAt: v.publishedAt });
      byId.set(v.dialogId, row);
    }
    return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  async detail(id: string): Promise<ScriptDetail> {
    const versions = await this.versions(id);
    const published = await this.scripts.get(id);
    return { id, publishedVersion: published.version, yaml: published.yaml, versions, previousVersion: await this.scripts.previouslyPublished(id) };
  }

  async version(id: string, version: string): Promise<{ version: string; yaml: string }> {
    const row = await this.scripts.get(id, version);
    return { version: row.version, yaml: row.yaml };
  }

  validate(id: string, yaml: string): { problems: ScriptProblem[] } {
    return { problems: scriptProblems(this.scripts.draftIssues(yaml, `${id}.yaml`)) };
  }

  async save(actor: Principal, id: string, yaml: string): Promise<{ version: string; problems: ScriptProblem[] }> {
    await this.known(id);
    const version = await this.guard(() => this.scripts.saveDraft(id, yaml));
    await this.audit.record(actor.userid, 'scripts.save', id, { version });
    return { version, problems: [] };
  }

  /** Unified diff from the published version to `version`. */
  async diff(id: string, version: string): Promise<{ from: string; to: string; patch: string }> {
    const [published, other] = [await this.scripts.get(id), await this.scripts.get(id, version)];
    const patch = createTwoFilesPatch(`${id}@${published.version}`, `${id}@${other.version}`, published.yaml, other.yaml, '', '', { context: 3 });
    return { from: published.version, to: other.version, patch };
  }

  async publish(actor: Principal, id: string, version: string): Promise<ScriptDetail> {
    const from = (await this.scripts.get(id)).version;
    await this.scripts.rollback(id, version);
    await this.audit.record(actor.userid, 'scripts.publish', id, { from, to: version });
    return this.detail(id);
  }

  async rollback(actor: Principal, id: string, version?: string): Promise<ScriptDetail> {
    const from = (await this.scripts.get(id)).version;
    const to = version ?? (await this.scripts.previouslyPublished(id));
    if (!to) throw new AppException('CONFLICT', `${id} has no earlier published version`);
    await this.scripts.rollback(id, to);
    await this.audit.record(actor.userid, 'scripts.rollback', id, { from, to });
    return this.detail(id);
  }

  async say(actor: Principal, id: string, yaml: string, text: string, options: { locale?: string; restart?: boolean }): Promise<{ replies: BotReply[] }> {
    await this.known(id);
    return { replies: await this.guard(() => this.preview.say(actor.userid, id, yaml, text, options)) };
  }

  private async versions(id: string): Promise<ScriptVersionView[]> {
    const rows = await this.scripts.list(id);
    if (!rows.length) throw new AppException('NOT_FOUND', `no dialog "${id}"`);
    return rows.map((r) => ({ version: r.version, published: r.published, publishedAt: r.publishedAt, createdAt: r.createdAt }));
  }

  private async known(id: string): Promise<void> {
    await this.versions(id);
  }

  /** An invalid draft is 422 with the problems located by line, as the editor shows them. */
  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (e) {
      if (e instanceof DialogScriptException && e.code === 'INVALID_SCRIPT') {
        const issues = (e.details as { issues?: ScriptIssue[] } | undefined)?.issues ?? [];
        throw new AppException('VALIDATION', 'invalid dialog script', { problems: scriptProblems(issues) });
      }
      throw e;
    }
  }
}
