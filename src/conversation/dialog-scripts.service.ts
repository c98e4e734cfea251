import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppException } from '../common/app.exception';
import { ConfigError } from '../config/config.error';
import { dialogsPath } from '../config/paths';
import { CONVERSATION_SETTINGS, ConversationSettings } from './conversation.settings';
import { DialogRuntime } from './dialog.runtime';
import { DialogScriptRepository, ScriptVersionSummary } from './dialog-script.repository';
import type { DialogScriptVersionEntity } from './dialog-script-version.entity';
import { HANDLERS } from './handlers';
import { I18nService } from '../i18n/i18n.service';
import { idMismatch, issueText, LoadedScript, LoadResult, loadScripts, readDialogFolder, ScriptIssue, scriptVersion } from './script.loader';

export class DialogScriptException extends AppException<'INVALID_SCRIPT' | 'UNKNOWN_VERSION'> {
  constructor(code: 'INVALID_SCRIPT' | 'UNKNOWN_VERSION', message: string, issues: ScriptIssue[] = []) {
    super(code, message, issues.length ? { errors: issues.map(issueText), issues } : undefined);
  }
}

/**
 * Dialog scripts and their versions. Files in `dialogs/` are loaded at boot; a file whose content is new becomes
 * the published version. Admins publish or roll back through the database, and every instance picks the
 * published set up within `reloadMs` (conversations on an older version restart with a notice).
 */
@Injectable()
export class DialogScriptsService {
  private readonly logger = new Logger('DialogScripts');
  private readonly current = new Map<string, LoadedScript>();
  private lastCheck = 0;

  constructor(
    private readonly repo: DialogScriptRepository,
    private readonly runtime: DialogRuntime,
    private readonly i18n: I18nService,
    @Inject(CONVERSATION_SETTINGS) private readonly settings: ConversationSettings,
  ) {}

  /** Loads `dialogs/`, fails fast on any problem, records new file versions, then installs the published set. */
  async boot(dir = dialogsPath()): Promise<void> {
    const result = loadScripts(readDialogFolder(dir), this.i18n, HANDLERS, { requireAll: true });
    if (this.i18n.problems.length || result.errors.length) throw new ConfigError([...this.i18n.problems, ...result.errors]);
    for (const s of result.scripts) {
      // A file edit is a new version and is published; an unchanged file leaves an admin's choice in place.
      if (!(await this.repo.ensure(s.id, s.version, s.yaml))) await this.repo.publish(s.id, s.version);
    }
    this.install(result.scripts);
    await this.refresh();
  }

  /** Picks up versions published by any instance since the last check. */
  async refresh(): Promise<void> {
    this.lastCheck = Date.now();
    const published = await this.repo.published();
    const changed: LoadedScript[] = [];
    for (const row of published) {
      if (this.current.get(row.dialogId)?.version === row.version) continue;
      const stored = await this.repo.find(row.dialogId, row.version);
      const loaded = stored && this.check(stored);
      if (loaded) changed.push(loaded);
    }
    if (changed.length) this.install(changed);
  }

  async refreshIfDue(): Promise<void> {
    if (Date.now() - this.lastCheck >= this.settings.reloadMs) await this.refresh();
  }

  list(dialogId?: string): Promise<ScriptVersionSummary[]> {
    return this.repo.list(dialogId);
  }

  async get(dialogId: string, version?: string): Promise<DialogScriptVersionEntity> {
    const row = await this.repo.find(dialogId, version ?? this.current.get(dialogId)?.version ?? '');
    if (!row) throw new DialogScriptException('UNKNOWN_VERSION', `DialogScriptsService.get(): no version ${version ?? '(current)'} of ${dialogId}`);
    return row;
  }

  /** Every problem of a draft, as `file:line: path: reason`, checked against the other published dialogs. */
  validateDraft(yaml: string, file = 'draft.yaml'): string[] {
    return this.load(yaml, file).errors;
  }

  /** The same problems with their codes and parameters, for the console to word. */
  draftIssues(yaml: string, file = 'draft.yaml'): ScriptIssue[] {
    return this.load(yaml, file).issues;
  }

  /** Every problem of a draft and, when there is none, the draft as it would run. */
  checkDraft(yaml: string, file = 'draft.yaml'): LoadResult {
    return this.load(yaml, file);
  }

  /** The scripts this instance runs now (the published set). */
  installed(): LoadedScript[] {
    return [...this.current.values()];
  }

  /** Stores a checked draft as a new, unpublished version; returns its version. */
  async saveDraft(dialogId: string, yaml: string): Promise<string> {
    const loaded = this.checked(dialogId, yaml, 'saveDraft');
    await this.repo.ensure(dialogId, loaded.version, yaml);
    return loaded.version;
  }

  previouslyPublished(dialogId: string): Promise<string | null> {
    return this.repo.previouslyPublished(dialogId);
  }

  async publish(dialogId: string, yaml: string): Promise<string> {
    const loaded = this.checked(dialogId, yaml, 'publish');
    await this.repo.ensure(dialogId, loaded.version, yaml);
    await this.repo.publish(dialogId, loaded.version);
    this.install([loaded]);
    return loaded.version;
  }

  async rollback(dialogId: string, version: string): Promise<void> {
    const row = await this.repo.find(dialogId, version);
    const loaded = row && this.check(row);
    if (!loaded) throw new DialogScriptException('UNKNOWN_VERSION', `DialogScriptsService.rollback(): no valid version ${version} of ${dialogId}`);
    await this.repo.publish(dialogId, version);
    this.install([loaded]);
  }

  private checked(dialogId: string, yaml: string, method: string): LoadedScript {
    const { scripts, issues } = this.load(yaml, `${dialogId}.yaml`);
    const loaded = scripts[0];
    if (issues.length || !loaded) throw new DialogScriptException('INVALID_SCRIPT', `DialogScriptsService.${method}(): ${dialogId} is invalid`, issues);
    if (loaded.id !== dialogId) throw new DialogScriptException('INVALID_SCRIPT', `DialogScriptsService.${method}(): the script's id is ${loaded.id}, not ${dialogId}`, [idMismatch(loaded, dialogId)]);
    return loaded;
  }

  private load(yaml: string, file: string): LoadResult {
    const others = [...this.current.keys()];
    return loadScripts([{ file, yaml }], this.i18n, HANDLERS, { otherIds: others });
  }

  private check(row: DialogScriptVersionEntity): LoadedScript | null {
    const { scripts, errors } = this.load(row.yaml, `${row.dialogId}@${row.version}.yaml`);
    if (errors.length || !scripts[0] || scriptVersion(row.dialogId, row.yaml) !== row.version) {
      this.logger.error(`stored version ${row.version} of ${row.dialogId} is invalid: ${errors.join('; ')}`);
      return null;
    }
    return scripts[0];
  }

  private install(scripts: LoadedScript[]): void {
    this.runtime.install(scripts);
    for (const s of scripts) this.current.set(s.id, s);
  }
}
