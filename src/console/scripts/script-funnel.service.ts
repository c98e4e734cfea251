import { Injectable } from '@nestjs/common';
import { parseDocument } from 'yaml';
import { Clock } from '../../common/clock';
import { DialogScriptsService } from '../../conversation/dialog-scripts.service';
import { I18nService } from '../../i18n/i18n.service';
import { isLocaleKey } from '../../conversation/script.schema';
import { END_THREAD, StepArrivalRepository } from '../../conversation/step-arrival.repository';

const DAY_MS = 86_400_000;

export interface FunnelStep {
  thread: string;
  step: number;
  /** The question as residents read it (in Chinese, placeholders shown as …), to recognise it. */
  label: string | null;
  reached: number;
  completed: number;
}

/** The per-step funnel of a dialog, laid over the steps of its published script. */
@Injectable()
export class ScriptFunnelService {
  constructor(
    private readonly scripts: DialogScriptsService,
    private readonly arrivals: StepArrivalRepository,
    private readonly i18n: I18nService,
    private readonly clock: Clock,
  ) {}

  /** A step's text is usually a locale key, which tells an admin nothing; the words residents get do. */
  private wording(text: string): string {
    return (isLocaleKey(text) ? this.i18n.template(text, 'zh-CN') : text).replace(/\{\{[^}]*\}\}/g, '…');
  }

  /**
   * Per question of the published script (in file order; other steps never hold a resident between turns), the
   * residents who reached it and who moved on; then those who left the dialog.
   */
  async funnel(id: string, days: number): Promise<{ since: Date; steps: FunnelStep[] }> {
    const published = await this.scripts.get(id);
    const since = new Date(this.clock.now().getTime() - days * DAY_MS);
    const counts = new Map((await this.arrivals.funnel(id, since)).map((c) => [`${c.thread}#${c.step}`, c]));
    const steps: FunnelStep[] = [];
    const threads = (parseDocument(published.yaml).toJS() as { threads?: Record<string, Array<{ collect?: unknown; text?: unknown }>> }).threads ?? {};
    for (const [thread, list] of Object.entries(threads)) {
      (Array.isArray(list) ? list : []).forEach((s, step) => {
        const c = counts.get(`${thread}#${step}`);
        if (!s?.collect && !c) return;
        const text = typeof s.text === 'string' ? s.text : Array.isArray(s.text) && typeof s.text[0] === 'string' ? s.text[0] : null;
        const label = text === null ? null : this.wording(text);
        steps.push({ thread, step, label, reached: c?.reached ?? 0, completed: c?.completed ?? 0 });
      });
    }
    const end = counts.get(`${END_THREAD}#0`);
    steps.push({ thread: END_THREAD, step: 0, label: null, reached: end?.reached ?? 0, completed: end?.reached ?? 0 });
    return { since, steps };
  }
}
