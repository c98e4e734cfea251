import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** Runs the built service (npm test builds first) with MINYI_HOME pointing at a copy of config/. */
function startWith(mutate: (orgYaml: string) => string, env: NodeJS.ProcessEnv = {}) {
  const home = mkdtempSync(join(tmpdir(), 'minyi-home-'));
  cpSync(join(ROOT, 'config'), join(home, 'config'), { recursive: true });
  const org = join(home, 'config', 'org.yaml');
  writeFileSync(org, mutate(readFileSync(org, 'utf8')));
  const run = spawnSync(process.execPath, [join(ROOT, 'dist', 'main.js')], {
    env: { PATH: process.env.PATH, MINYI_HOME: home, DATABASE_URL: `sqlite:${join(home, 'db.sqlite')}`, PORT: '0', ...env },
    encoding: 'utf8',
    timeout: 30000,
  });
  return { ...run, org };
}

describe('start-up with a bad configuration', () => {
  it('stops with the file, line, path and reason when org.yaml references an unknown committee', () => {
    const run = startWith((text) => text.replace('committee: culture\n', 'committee: culturee\n'));
    expect(run.status).toBe(78);
    expect(run.stderr).toContain(`${run.org}:`);
    expect(run.stderr).toMatch(/org\.yaml:\d+: workstations\.5\.committee: unknown committee "culturee"/);
  });

  it('stops with the variable and the reason for a bad DATABASE_URL', () => {
    const run = startWith((text) => text, { DATABASE_URL: 'postgres://nope' });
    expect(run.status).toBe(78);
    expect(run.stderr).toContain('DATABASE_URL: expected mysql://user:pass@host:3306/db or sqlite:<path>');
  });
});
