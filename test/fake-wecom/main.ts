import { parseArgs } from 'node:util';
import { startFakeWecom } from './fake-wecom.server';

/** `npm run wecom:fake -- --port 3999`: a local fake WeCom API for demos, printing the env to point minyi at it. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '3999' },
      'corp-id': { type: 'string', default: 'wx5823bf96d3bd56c7' },
      'agent-id': { type: 'string', default: '1000002' },
      secret: { type: 'string', default: 'fake-app-secret' },
      'kf-secret': { type: 'string' },
      'kf-account': { type: 'string', multiple: true, default: ['wkfakeaccount01'] },
      servicer: { type: 'string', multiple: true, default: [] },
    },
  });
  const fake = await startFakeWecom({
    port: Number(values.port),
    corpId: values['corp-id'],
    agentId: Number(values['agent-id']),
    secrets: { app: values.secret ?? 'fake-app-secret', ...(values['kf-secret'] ? { kf: values['kf-secret'] } : {}) },
    kfAccounts: values['kf-account'],
    servicers: values.servicer,
  });
  const lines = [
    `# fake WeCom API listening on ${fake.url} (Ctrl-C to stop)`,
    `export WECOM_API_BASE=${fake.url}`,
    `export WECOM_CORP_ID=${fake.corpId}`,
    `export WECOM_AGENT_ID=${fake.agentId}`,
    `export WECOM_SECRET=${values.secret}`,
    ...(values['kf-secret'] ? [`export WECOM_KF_SECRET=${values['kf-secret']}`] : []),
    '# callback keys of Tencent\'s public sample, to sign test callbacks (see test/support/wecom-callback.ts):',
    'export WECOM_TOKEN=QDG6eK',
    'export WECOM_ENCODING_AES_KEY=jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  const stop = (): void => {
    void fake.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // Log each call on one line (path and errcode only: no tokens, no bodies).
  let seen = 0;
  setInterval(() => {
    for (; seen < fake.calls.length; seen++) {
      const call = fake.calls[seen];
      process.stdout.write(`${new Date(call.at).toISOString()} ${call.method} ${call.path} errcode=${call.errcode}\n`);
    }
  }, 500).unref();
}

main().catch((e: unknown) => {
  process.stderr.write(`fake WeCom failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
