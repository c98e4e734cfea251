import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

describe('src/understanding depends on nothing above it', () => {
  it('imports nothing from conversation, channels or tickets (it takes word lists and areas as data)', () => {
    const imports = readdirSync(__dirname)
      .filter((f) => f.endsWith('.ts'))
      .flatMap((f) => [...readFileSync(join(__dirname, f), 'utf8').matchAll(/from '([^']+)'/g)].map((m) => `${f}: ${m[1]}`));
    expect(imports.length).toBeGreaterThan(0);
    expect(imports.filter((i) => /\/(conversation|channels|tickets|console)\//.test(i) || /'\.\.\/(conversation|channels|tickets|console)/.test(i))).toEqual([]);
  });
});
