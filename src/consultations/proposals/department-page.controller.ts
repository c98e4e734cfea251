import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { TrackingService } from '../tracking.service';
import { I18nService } from '../../i18n/i18n.service';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const HEADERS = {
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/** Sends the form as JSON to /api/department/report and shows the answer; strings come from data attributes. */
const SCRIPT = `const f = document.getElementById('report');
f.addEventListener('submit', async (e) => {
  e.preventDefault();
  const out = document.getElementById('result');
  const body = { token: f.dataset.token, text: f.elements.text.value, done: f.elements.done.checked };
  const res = await fetch('/api/department/report', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  out.textContent = res.ok ? f.dataset.ok : res.status === 400 ? f.dataset.invalid : f.dataset.gone;
  if (res.ok) f.remove();
});
`;

/** The page a department opens from its one-time link (phone-sized): the task, its record, and the report form. */
@ApiExcludeController()
@Controller('department')
export class DepartmentPageController {
  constructor(
    private readonly tracking: TrackingService,
    private readonly i18n: I18nService,
  ) {}

  @Get()
  async page(@Query('token') token: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    const t = (key: string, vars: Record<string, unknown> = {}) => escape(this.i18n.t(`tracking.page.${key}`, vars));
    const task = await this.tracking.task(token ?? '');
    const body = task
      ? `<h1>${escape(task.department)}</h1><p>${t('what')}<strong>${escape(task.what)}</strong></p><p>${t('deadline', { deadline: task.deadline })}</p>
<ul>${task.notes.map((n) => `<li>${escape(this.i18n.t(`tracking.page.note.${n.kind}`))}: ${escape(n.text)}</li>`).join('')}</ul>
<form id="report" data-token="${escape(token!)}" data-ok="${t('ok')}" data-gone="${t('gone')}" data-invalid="${t('invalid')}">
<label>${t('text')}<br><textarea name="text" rows="5" required style="width:100%"></textarea></label>
<label><input type="checkbox" name="done"> ${t(task.subject === 'proposal' ? 'doneProposal' : 'done')}</label><br><button type="submit">${t('submit')}</button></form><p id="result" role="status"></p>
<script src="/department/report.js"></script>`
      : `<p>${t('gone')}</p>`;
    void reply.status(task ? 200 : 404).headers({ ...HEADERS, 'content-type': 'text/html; charset=utf-8' })
      .send(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${t('title')}</title></head><body style="font-family:sans-serif;max-width:40em;margin:1em auto;padding:0 1em">${body}</body></html>`);
  }

  @Get('report.js')
  script(@Res() reply: FastifyReply): void {
    void reply.headers({ ...HEADERS, 'content-type': 'text/javascript; charset=utf-8' }).send(SCRIPT);
  }
}
