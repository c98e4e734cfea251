import { Logger } from '@nestjs/common';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDataSource, dataSourceOptions } from './database-url';
import { SectorEntity } from '../org/sector.entity';

/** Runs migrations and one insert carrying a phone on a fresh SQLite file, returning what reached the logger. */
async function logsOf(logging: boolean): Promise<string[]> {
  const lines: string[] = [];
  Logger.overrideLogger({
    log: (m: unknown) => void lines.push(String(m)),
    error: (m: unknown) => void lines.push(String(m)),
    warn: (m: unknown) => void lines.push(String(m)),
    debug: (m: unknown) => void lines.push(String(m)),
    verbose: (m: unknown) => void lines.push(String(m)),
  });
  const ds = createDataSource(dataSourceOptions(`sqlite:${join(mkdtempSync(join(tmpdir(), 'minyi-sqllog-')), 'db.sqlite')}`, logging));
  try {
    await ds.initialize();
    await ds.runMigrations();
    await ds.getRepository(SectorEntity).insert({ code: 'p', name: '电话13812345678', description: null, sortOrder: 0, active: true });
  } finally {
    await ds.destroy();
    Logger.overrideLogger(false);
  }
  return lines;
}

describe('SQL logging', () => {
  it('writes nothing when DATABASE_LOGGING is off (the CLI prints JSON on stdout)', async () => {
    expect(await logsOf(false)).toEqual([]);
  });

  it('when on, writes the statements without their parameters', async () => {
    const lines = await logsOf(true);
    expect(lines.some((l) => l.includes('INSERT INTO "sector"'))).toBe(true);
    expect(lines.join('\n')).not.toContain('13812345678');
  });
});
