import { createApp } from './app.factory';
import { ConfigError } from './config/config.error';
import { loadConfig } from './config/config.loader';
import { loadOrgConfig } from './org/org-config';

async function main(): Promise<void> {
  const started = Date.now();
  let config;
  let org;
  try {
    config = loadConfig();
    org = loadOrgConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`minyi: ${e.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw e;
  }
  const app = await createApp({ config, org });
  await app.listen({ port: config.server.port, host: config.server.host });
  const url = `http://localhost:${config.server.port}`;
  process.stdout.write(`minyi listening on ${url} (chat: ${url}/, health: ${url}/health) in ${Date.now() - started} ms\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`minyi: failed to start: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exit(1);
});
