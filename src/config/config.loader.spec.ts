import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from './config.error';
import { loadConfig } from './config.loader';
import { wecomEnabled } from './config.schema';

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe(loadConfig.name, () => {
  it('loads the shipped defaults: SQLite under data/, port 3000, WeCom off', () => {
    const config = loadConfig({});
    expect(config.database.url).toBe('sqlite:data/minyi.sqlite');
    expect(config.server.port).toBe(3000);
    expect(wecomEnabled(config)).toBe(false);
  });

  it('loads conversation timing, ticket deadlines and the working calendar with the rest', () => {
    const config = loadConfig({ DIALOG_RESUME_AFTER_MINUTES: '30' });
    expect(config.conversation).toEqual({ resumeAfterMinutes: 30, reloadSeconds: 5 });
    expect(config.tickets.deadlines.urgent.answerWorkingDays).toBeGreaterThanOrEqual(1);
    expect(config.calendar.weekend).toEqual(expect.arrayContaining([6, 7]));
    expect(problemsOf(() => loadConfig({ DIALOG_RELOAD_SECONDS: 'soon' }))[0]).toMatch(/^DIALOG_RELOAD_SECONDS: /);
  });

  it('names the file and line of a bad tickets.yaml', () => {
    const dir = mkdtempSync(join(tmpdir(), 'minyi-tickets-'));
    const tickets = join(dir, 'tickets.yaml');
    writeFileSync(tickets, 'tickets:\n  deadlines: {}\n');
    expect(problemsOf(() => loadConfig({}, undefined, { tickets })).join('\n')).toContain(tickets);
  });

  it('applies environment overrides with the names of the map', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'mysql://root@127.0.0.1:3306/minyi',
      WECOM_CORP_ID: 'wx5823bf96d3bd56c7',
      WECOM_TOKEN: 'QDG6eK',
      WECOM_ENCODING_AES_KEY: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
      ADMIN_TOKEN: 'a-secret-of-at-least-32-characters!',
    });
    expect(config.server.port).toBe(8080);
    expect(config.database.url).toBe('mysql://root@127.0.0.1:3306/minyi');
    expect(config.admin.token).toBe('a-secret-of-at-least-32-characters!');
    expect(wecomEnabled(config)).toBe(true);
  });

  it('refuses a short ADMIN_TOKEN at start-up, naming it', () => {
    expect(problemsOf(() => loadConfig({ ADMIN_TOKEN: 'x' }))).toEqual([
      'ADMIN_TOKEN: expected at least 32 characters (e.g. openssl rand -hex 32), or empty',
    ]);
    expect(loadConfig({}).admin.token).toBe('');
  });

  it('reads booleans strictly: "false" is false, and anything but true/false/1/0 names the variable', () => {
    expect(loadConfig({ DATABASE_LOGGING: 'false' }).database.logging).toBe(false);
    expect(loadConfig({ DATABASE_LOGGING: '0' }).database.logging).toBe(false);
    expect(loadConfig({ DATABASE_LOGGING: 'TRUE' }).database.logging).toBe(true);
    expect(loadConfig({ DATABASE_LOGGING: '1' }).database.logging).toBe(true);
    expect(loadConfig({}).database.logging).toBe(false);
    for (const bad of ['no', 'off', 'yes', 'flase']) {
      expect(problemsOf(() => loadConfig({ DATABASE_LOGGING: bad }))).toEqual([`DATABASE_LOGGING: expected true, false, 1 or 0, got "${bad}"`]);
    }
  });

  it('trusts X-Forwarded-For only through a proxy TRUST_PROXY names, by hop count or address', () => {
    expect(loadConfig({}).server.trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).server.trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.1, 10.1.0.0/16,::1' }).server.trustProxy).toBe('10.0.0.1,10.1.0.0/16,::1');
    for (const bad of ['true', '10.0.0.0/33', 'proxy.local']) expect(problemsOf(() => loadConfig({ TRUST_PROXY: bad }))[0]).toMatch(/^TRUST_PROXY: name the proxy/);
  });

  it('names the variable and the reason for a bad DATABASE_URL', () => {
    expect(problemsOf(() => loadConfig({ DATABASE_URL: 'postgres://x/y' }))).toEqual([
      'DATABASE_URL: expected mysql://user:pass@host:3306/db or sqlite:<path>',
    ]);
  });

  it('accepts a list of background workers and names MINYI_WORKERS when the list is wrong', () => {
    expect(loadConfig({ MINYI_WORKERS: 'inbox,outbox' }).workers).toBe('inbox,outbox');
    expect(problemsOf(() => loadConfig({ MINYI_WORKERS: 'inbox,mail' }))).toEqual([
      'MINYI_WORKERS: expected all, none, or a list of inbox, outbox, jobs',
    ]);
  });

  it('names the variable for a bad port and a bad AES key', () => {
    const problems = problemsOf(() => loadConfig({ PORT: 'eighty', WECOM_ENCODING_AES_KEY: 'short' }));
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^PORT: /);
    expect(problems[1]).toBe('WECOM_ENCODING_AES_KEY: expected 43 characters [A-Za-z0-9]');
  });

  it('names the file, line and path for a bad value in the YAML file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'minyi-config-'));
    const file = join(dir, 'default.yaml');
    const base = require('node:fs').readFileSync(join(__dirname, '../../config/default.yaml'), 'utf8') as string;
    writeFileSync(file, base.replace('level: info', 'level: loud'));
    const [problem] = problemsOf(() => loadConfig({}, file));
    expect(problem).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+: log\\.level: `));
  });

  it('reports a YAML syntax error with its line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'minyi-config-'));
    const file = join(dir, 'default.yaml');
    writeFileSync(file, 'server:\n  port: 3000\n   host: [unclosed\n');
    expect(problemsOf(() => loadConfig({}, file))[0]).toMatch(/default\.yaml:\d+: /);
  });
});
