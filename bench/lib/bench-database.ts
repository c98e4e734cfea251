import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';

/**
 * Creates the database a mysql:// URL names when it does not exist yet (utf8mb4, as the service expects), so a
 * benchmark can be pointed at a server with a name of one's choosing; returns the URL.
 */
export async function ensureMysqlDatabase(url: string): Promise<string> {
  const server = new URL(url);
  const database = decodeURIComponent(server.pathname.slice(1));
  if (!/^[A-Za-z0-9_$-]+$/.test(database)) throw new Error(`not a database name: "${database}"`);
  server.pathname = '/';
  const conn = await createConnection({ uri: server.toString() });
  try {
    await conn.query(`CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await conn.end();
  }
  return url;
}

/**
 * The database a benchmark runs on: DATABASE_URL=mysql://… (that database is dropped and created again, so every
 * run starts empty), else a fresh SQLite file in a temporary folder that `cleanup` removes.
 */
export async function benchDatabaseUrl(name: string): Promise<{ url: string; cleanup: () => Promise<void> }> {
  const given = process.env.DATABASE_URL;
  if (given?.startsWith('mysql://')) {
    const server = new URL(given);
    const database = server.pathname.slice(1);
    server.pathname = '/';
    const conn = await createConnection({ uri: server.toString() });
    await conn.query(`DROP DATABASE IF EXISTS \`${database}\``);
    await conn.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await conn.end();
    return { url: given, cleanup: async () => undefined };
  }
  const dir = mkdtempSync(join(tmpdir(), `minyi-bench-${name}-`));
  return { url: `sqlite:${join(dir, `${name}.sqlite`)}`, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
}
