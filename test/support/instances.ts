import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import type { FakeWecom } from '../fake-wecom/fake-wecom.server';
import { TEST_LIMITS_OFF } from './app';
import { TEST_WECOM_KEYS } from './wecom-callback';
import { WECOM_TEST_AGENT_ID, WECOM_TEST_SECRETS } from './wecom-app';

/** The project folder (holding package.json), also when this file runs compiled from dist-bench/. */
function projectRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

const ROOT = projectRoot();
export const MAIN_JS = join(ROOT, 'dist', 'main.js');

/** A minyi instance as a real child process (`node dist/main.js`), as it runs in production. */
export interface Instance {
  readonly port: number;
  readonly url: string;
  /** Everything it wrote to stdout and stderr (JSON logs), across restarts. */
  readonly output: string[];
  start(): Promise<void>;
  /** SIGKILL: no shutdown hook runs, leases and open transactions are left behind. */
  kill9(): Promise<void>;
  stop(): Promise<void>;
  running(): boolean;
  /** The process id while running. */
  pid(): number | undefined;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The environment of an instance with WeCom on, pointed at the fake server. */
export function wecomEnv(fake: FakeWecom): NodeJS.ProcessEnv {
  return {
    WECOM_CORP_ID: TEST_WECOM_KEYS.corpId,
    WECOM_TOKEN: TEST_WECOM_KEYS.token,
    WECOM_ENCODING_AES_KEY: TEST_WECOM_KEYS.encodingAesKey,
    WECOM_AGENT_ID: String(WECOM_TEST_AGENT_ID),
    WECOM_SECRET: WECOM_TEST_SECRETS.app,
    WECOM_KF_SECRET: WECOM_TEST_SECRETS.kf,
    WECOM_API_BASE: fake.url,
  };
}

export async function startInstance(env: NodeJS.ProcessEnv, options: { port?: number; startTimeoutMs?: number } = {}): Promise<Instance> {
  if (!existsSync(MAIN_JS)) throw new Error(`${MAIN_JS} is missing: build first (npx tsc -p tsconfig.build.json; npm test does)`);
  const port = options.port ?? (await freePort());
  const output: string[] = [];
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();

  const instance: Instance = {
    port,
    url: `http://127.0.0.1:${port}`,
    output,
    running: () => Boolean(child && child.exitCode === null && child.signalCode === null),
    pid: () => (instance.running() ? child?.pid : undefined),
    start: async () => {
      child = spawn(process.execPath, [MAIN_JS], {
        cwd: ROOT,
        env: { PATH: process.env.PATH, LOG_LEVEL: 'info', ...TEST_LIMITS_OFF, ...env, PORT: String(port), HOST: '127.0.0.1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const c = child;
      c.stdout?.on('data', (d: Buffer) => output.push(d.toString()));
      c.stderr?.on('data', (d: Buffer) => output.push(d.toString()));
      exited = new Promise((resolve) => c.once('exit', () => resolve()));
      const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
      for (;;) {
        if (c.exitCode !== null) throw new Error(`instance on ${port} exited with ${c.exitCode}: ${output.join('').slice(-2000)}`);
        try {
          if ((await fetch(`${instance.url}/health`)).status === 200) return;
        } catch {
          // not listening yet
        }
        if (Date.now() > deadline) throw new Error(`instance on ${port} not healthy in time: ${output.join('').slice(-2000)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    kill9: async () => {
      if (!instance.running()) return;
      child?.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      if (!instance.running()) return;
      child?.kill('SIGTERM');
      const timer = setTimeout(() => child?.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
  await instance.start();
  return instance;
}
