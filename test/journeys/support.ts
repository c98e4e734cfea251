import type { Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import type { FakeSent } from '../fake-wecom/fake-wecom.server';
import type { TestApp } from '../support/app';
import { sentText } from '../support/wecom-app';
import { waitFor } from '../support/wait';

export const NUMBER = /编号：([A-Z]{2}\d{8}-\d{4})/;

type Card = { touser?: string; msgtype?: string; template_card?: { card_action?: { url?: string }; button_list?: Array<{ text: string; url?: string }> } };

/** The ticket card one member got for one ticket, once the outbox has sent it to the fake WeCom server. */
export async function cardFor(sent: readonly FakeSent[], number: string, userid: string): Promise<NonNullable<Card['template_card']>> {
  const card = await waitFor(
    () => sent.map((s) => s.body as Card).find((b) => b.msgtype === 'template_card' && b.touser === userid && JSON.stringify(b).includes(number)),
    30_000,
    `${userid}'s card for ${number}`,
  );
  return card.template_card!;
}

/** A link on a card, pointed at the test server: the card carries the configured public URL. */
export function onServer(t: TestApp, url: string): string {
  const u = new URL(url);
  return `${t.url}${u.pathname}${u.search}${u.hash}`;
}

/** Every text a resident got through WeCom, in order (app texts, kf texts and menus' heads). */
export const textsTo = (sent: readonly FakeSent[], path: string, user: string): string[] =>
  sent.filter((s) => s.path === path && (s.body as { touser?: string }).touser === user).map(sentText);

export async function ticketRow(t: TestApp, number: string): Promise<{ state: string; rating: string | null; workstationCode: string; assigneeUserid: string | null; attachments: unknown }> {
  const [row] = (await t.app.get(DataSource).query('SELECT state, rating, workstationCode, assigneeUserid, attachments FROM ticket WHERE number = ?', [number])) as Array<{
    state: string; rating: string | null; workstationCode: string; assigneeUserid: string | null; attachments: unknown;
  }>;
  return row;
}

/** One move on the console's ticket page, as a member does it: the move's button, its form, confirm. */
export async function move(page: Page, action: string, fill: (page: Page) => Promise<void> = async () => undefined): Promise<void> {
  await page.locator(`[data-action=${action}]`).click();
  await page.locator(`[data-form=${action}]`).waitFor();
  await fill(page);
  await page.locator('[data-test=action-submit]').click();
  await page.locator('[data-test=action-done]').waitFor();
}

/** Take, a note, the answer: a member working a ticket already open on `page`. */
export async function takeNoteAnswer(page: Page, note: string, reply: string): Promise<void> {
  await move(page, 'take');
  await move(page, 'note', (p) => p.fill('[data-test=note-text]', note));
  await page.locator('[data-test=note]', { hasText: note }).waitFor();
  await move(page, 'answer', (p) => p.fill('[data-test=reply]', reply));
}
