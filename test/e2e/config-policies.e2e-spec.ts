import { CONVERSATION_SETTINGS, type ConversationSettings } from '../../src/conversation/conversation.settings';
import { TURN_LOCK_POLICY, type TurnLockPolicy } from '../../src/conversation/turn-lock';
import { INBOX_POLICY, type InboxPolicy } from '../../src/inbox/inbox.policy';
import { OUTBOX_POLICY, type OutboxPolicy } from '../../src/outbox/outbox.policy';
import { startTestApp, TestApp } from '../support/app';

/** Leases, back-off and conversation timing come from the one configuration, per instance, not from globals. */
describe('policies from the configuration', () => {
  const apps: TestApp[] = [];
  afterAll(async () => {
    for (const t of apps) await t.close();
  });

  it('gives two instances in one process each its own leases, back-off and timing', async () => {
    const fast = await startTestApp('sqlite', {
      env: { INBOX_LEASE_MS: '4000', OUTBOX_LEASE_MS: '5000', TURN_LEASE_MS: '6000', OUTBOX_BASE_BACKOFF_MS: '250', OUTBOX_MAX_BACKOFF_MS: '3000', OUTBOX_MAX_ATTEMPTS: '7', DIALOG_RESUME_AFTER_MINUTES: '30' },
    });
    apps.push(fast);
    const shipped = await startTestApp('sqlite');
    apps.push(shipped);

    expect(fast.app.get<OutboxPolicy>(OUTBOX_POLICY)).toMatchObject({ leaseMs: 5000, baseBackoffMs: 250, maxBackoffMs: 3000, maxAttempts: 7 });
    expect(fast.app.get<InboxPolicy>(INBOX_POLICY)).toMatchObject({ leaseMs: 4000, baseBackoffMs: 250, maxBackoffMs: 3000 });
    expect(fast.app.get<TurnLockPolicy>(TURN_LOCK_POLICY).leaseMs).toBe(6000);
    expect(fast.app.get<ConversationSettings>(CONVERSATION_SETTINGS).resumeAfterMs).toBe(30 * 60_000);

    expect(shipped.app.get<OutboxPolicy>(OUTBOX_POLICY)).toMatchObject({ leaseMs: 30_000, baseBackoffMs: 1000, maxBackoffMs: 60_000, maxAttempts: 20 });
    expect(shipped.app.get<InboxPolicy>(INBOX_POLICY).leaseMs).toBe(60_000);
    expect(shipped.app.get<TurnLockPolicy>(TURN_LOCK_POLICY).leaseMs).toBe(30_000);
    expect(shipped.app.get<ConversationSettings>(CONVERSATION_SETTINGS).resumeAfterMs).toBe(120 * 60_000);
  });
});
