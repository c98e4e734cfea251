import { Injectable } from '@nestjs/common';
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

/**
 * Writes one arrival per turn (plain SQL built once: it runs on the hot path) and reads the funnel: per step,
 * residents who reached it, and of those, residents who later reached another step of the dialog or its end.
 */
@Injectable()
export class StepArrivalRepository {
  private readonly codec: RowCodec<DialogStepArrivalEntity>;
  private readonly insertSql: string;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.codec = new RowCodec(dataSource, DialogStepArrivalEntity);
    const cols = (['dialogId', 'thread', 'step', 'sessionKey', 'at'] as const).map((p) => this.codec.column(p));
    this.insertSql = `INSERT INTO ${this.codec.table} (${cols.join(', ')}) VALUES (?, ?, ?, ?, ?)`;
  }

  async record(dialogId: string, thread: string, step: number, sessionKey: string, at: Date): Promise<void> {
    await runSql(this.dataSource, this.insertSql, [dialogId, thread, step, sessionKey, this.codec.toRaw('at', at)]);
  }

  async funnel(dialogId: string, since: Date): Promise<StepCount[]> {
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
