import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { freePort } from './instances';

/**
 * A MariaDB server of the test's own (own datadir in /tmp, own port and socket), so a test can kill and restart
 * it without disturbing the shared server other suites use. `--no-defaults` keeps the system my.cnf out.
 */
export interface PrivateMariadb {
  readonly url: string;
  kill9(): Promise<void>;
  start(): Promise<void>;
  destroy(): Promise<void>;
}

const CANDIDATES = ['/usr/sbin/mariadbd', '/usr/bin/mariadbd', '/usr/local/bin/mariadbd'];

/** The mariadbd binary, or null when MariaDB's server is not installed here. */
export function findMariadbd(): string | null {
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

export async function startPrivateMariadb(database = 'minyi'): Promise<PrivateMariadb> {
  const mariadbd = findMariadbd();
  if (!mariadbd) throw new Error('mariadbd is not installed');
  const dir = mkdtempSync(join(tmpdir(), 'minyi-mariadb-'));
  const datadir = join(dir, 'data');
  execFileSync('mariadb-install-db', ['--no-defaults', `--datadir=${datadir}`, '--user=root', '--auth-root-authentication-method=normal', '--skip-test-db'], {
    stdio: 'ignore',
  });
  const port = await freePort();
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();

  const server: PrivateMariadb = {
    url: `mysql://root@127.0.0.1:${port}/${database}`,
    start: async () => {
      child = spawn(
        mariadbd,
        [
          '--no-defaults', `--datadir=${datadir}`, `--port=${port}`, '--bind-address=127.0.0.1', `--socket=${join(dir, 'mysqld.sock')}`,
          `--pid-file=${join(dir, 'mysqld.pid')}`, '--user=root', '--skip-log-bin', '--innodb-buffer-pool-size=32M',
          // Committed means on disk: what the service acknowledged must survive the kill.
          '--innodb-flush-log-at-trx-commit=1',
        ],
        { stdio: 'ignore' },
      );
      const c = child;
      exited = new Promise((resolve) => c.once('exit', () => resolve()));
      const deadline = Date.now() + 30_000;
      for (;;) {
        try {
          const conn = await createConnection({ host: '127.0.0.1', port, user: 'root', connectTimeout: 1000 });
          await conn.query(`CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
          await conn.end();
          return;
        } catch (e) {
          if (c.exitCode !== null || Date.now() > deadline) throw new Error(`private mariadbd did not start: ${(e as Error).message}`);
          await new Promise((r) => setTimeout(r, 200));
        }
      }
    },
    kill9: async () => {
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await exited;
    },
    destroy: async () => {
      await server.kill9();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await server.start();
  return server;
}
