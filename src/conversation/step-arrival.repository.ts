import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RowCodec, runSql } from '../database/plain-sql';
import { DialogStepArrivalEntity } from './step-arrival.entity';

/** The thread name recorded when a resident finishes a dialog. */
export const END_THREAD = '_end';

export interface StepCount {
  thread: string;
  step: number;
  reached: number;
  completed: number;
}

/** Arrivals are written in batches: at most this long after the turn, or at once when this many wait. */
export const ARRIVAL_FLUSH_MS = 1_000;
export const ARRIVAL_BATCH = 200;

/**
 * Step arrivals for the console's funnel, and the funnel itself: per step, residents who reached it, and of those,
 * residents who later reached another step of the dialog or its end. A turn only queues its arrival in memory;
 * one multi-row INSERT per second writes them (a statement per turn cost ≈ 0.4 ms of CPU per turn on MariaDB).
 * These are statistics: a crash loses at most the last second of them, never a resident's conversation.
 */
@Injectable()
export class StepArrivalRepository implements OnApplicationShutdown {
  private readonly logger = new Logger('StepArrivals');
  private readonly codec: RowCodec<DialogStepArrivalEntity>;
  private readonly insertPrefix: string;
  private pending: unknown[][] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.codec = new RowCodec(dataSource, DialogStepArrivalEntity);
    const cols = (['dialogId', 'thread', 'step', 'sessionKey', 'at'] as const).map((p) => this.codec.column(p));
    this.insertPrefix = `INSERT INTO ${this.codec.table} (${cols.join(', ')}) VALUES `;
  }

  record(dialogId: string, thread: string, step: number, sessionKey: string, at: Date): void {
    this.pending.push([dialogId, thread, step, sessionKey, this.codec.toRaw('at', at)]);
    if (this.pending.length >= ARRIVAL_BATCH) void this.flush();
    else if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), ARRIVAL_FLUSH_MS);
      this.timer.unref();
    }
  }

  /** Writes what is queued (in order after any write in flight); failures are logged, not thrown. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const rows = this.pending;
    this.pending = [];
    if (rows.length === 0) return this.flushing;
    const sql = this.insertPrefix + rows.map(() => '(?, ?, ?, ?, ?)').join(', ');
    this.flushing = this.flushing
      .then(() => runSql(this.dataSource, sql, rows.flat()))
      .then(
        () => undefined,
        (e: Error) => this.logger.warn(`${rows.length} step arrivals not recorded: ${e.message}`),
      );
    return this.flushing;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.flush();
  }

  async funnel(dialogId: string, since: Date): Promise<StepCount[]> {
    await this.flush();
    const t = this.codec.table;
    const c = (p: keyof DialogStepArrivalEntity & string) => this.codec.column(p);
    const sinceRaw = this.codec.toRaw('at', since);
    const sql =
      `SELECT a.${c('thread')} AS thread, a.${c('step')} AS step, COUNT(DISTINCT a.${c('sessionKey')}) AS reached, ` +
      `COUNT(DISTINCT CASE WHEN EXISTS (SELECT 1 FROM ${t} b WHERE b.${c('dialogId')} = a.${c('dialogId')} ` +
      `AND b.${c('sessionKey')} = a.${c('sessionKey')} AND b.${c('at')} > a.${c('at')} ` +
      `AND (b.${c('thread')} <> a.${c('thread')} OR b.${c('step')} <> a.${c('step')})) THEN a.${c('sessionKey')} END) AS completed ` +
      `FROM ${t} a WHERE a.${c('dialogId')} = ? AND a.${c('at')} >= ? GROUP BY a.${c('thread')}, a.${c('step')}`;
    const { rows } = await runSql(this.dataSource, sql, [dialogId, sinceRaw]);
    return rows.map((r) => ({ thread: String(r.thread), step: Number(r.step), reached: Number(r.reached), completed: Number(r.completed) }));
  }
}
