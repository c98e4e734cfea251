import type { Storage, StoreItems } from 'botbuilder-core';

/**
 * The `Storage` Botkit sees. A turn stages the dialog state it already read with its session (one query for
 * both), so Botkit's read costs no query; the turn saves the state itself, together with the session. Keys not
 * staged (nothing in minyi today) fall through to the database.
 */
export class TurnStorage implements Storage {
  private readonly staged = new Map<string, Record<string, unknown>>();

  constructor(private readonly fallback: Storage) {}

  /** Turns of one resident run one at a time (TurnLock), so a key is staged by at most one turn. */
  stage(key: string, item: Record<string, unknown> | null): void {
    this.staged.set(key, item ?? {});
  }

  unstage(key: string): void {
    this.staged.delete(key);
  }

  async read(keys: string[]): Promise<StoreItems> {
    const missing = keys.filter((k) => !this.staged.has(k));
    const items: StoreItems = missing.length ? await this.fallback.read(missing) : {};
    for (const key of keys) {
      const item = this.staged.get(key);
      // An empty staged item means "nothing stored yet": botbuilder expects the key to be absent then.
      if (item && Object.keys(item).length > 0) items[key] = item;
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    const rest: StoreItems = {};
    for (const [key, item] of Object.entries(changes)) {
      if (this.staged.has(key)) this.staged.set(key, item as Record<string, unknown>);
      else rest[key] = item;
    }
    if (Object.keys(rest).length) await this.fallback.write(rest);
  }

  async delete(keys: string[]): Promise<void> {
    const rest = keys.filter((k) => !this.staged.has(k));
    for (const key of keys) if (this.staged.has(key)) this.staged.set(key, {});
    if (rest.length) await this.fallback.delete(rest);
  }
}
