import { createConnection } from 'mysql2/promise';

export const DEFAULT_TEST_MYSQL_URL = 'mysql://root@127.0.0.1:3306/test';

/**
 * Decides once per run whether the database tests also run on MySQL/MariaDB. Workers inherit the variable.
 * CI sets MINYI_TEST_REQUIRE_MYSQL=1 so that an unreachable server fails the run instead of skipping silently.
 */
export default async function globalSetup(): Promise<void> {
  const url = process.env.MINYI_TEST_MYSQL_URL ?? DEFAULT_TEST_MYSQL_URL;
  process.env.MINYI_TEST_MYSQL_URL = url;
  if (process.env.MINYI_TEST_MYSQL === '0') return;
  try {
    const conn = await createConnection({ uri: url, connectTimeout: 3000 });
    await conn.query('SELECT 1');
    await conn.end();
    process.env.MINYI_TEST_MYSQL = '1';
  } catch (e) {
    if (process.env.MINYI_TEST_REQUIRE_MYSQL === '1') {
      throw new Error(`MySQL/MariaDB required for this run but unreachable at ${url}: ${(e as Error).message}`);
    }
    process.env.MINYI_TEST_MYSQL = '0';
    process.stderr.write(`\n[minyi tests] MySQL/MariaDB not reachable at ${url}: database tests run on SQLite only.\n`);
  }
}
