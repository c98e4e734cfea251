import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateDialogs } from '../../src/conversation/dialogs.cli';
import { HANDLERS } from '../../src/conversation/handlers';
import { I18nService } from '../../src/i18n/i18n.service';
import { loadScripts, readDialogFolder } from '../../src/conversation/script.loader';

const FIXTURES = join(__dirname, '..', 'fixtures', 'dialogs', 'broken');
const i18n = I18nService.load();
const errorsOf = (name: string) => loadScripts(readDialogFolder(FIXTURES).filter((s) => s.file.endsWith(name)), i18n, HANDLERS).errors;

describe('dialog script loader', () => {
  it('reports bad YAML with its line', () => {
    expect(errorsOf('bad-yaml.yaml')).toEqual([expect.stringMatching(/bad-yaml\.yaml:5: /)]);
  });
  it('reports an unknown thread with the line of the option', () => {
    expect(errorsOf('unknown-thread.yaml')).toEqual([expect.stringMatching(/unknown-thread\.yaml:8: .*action: unknown thread "sumary"$/)]);
  });
  it('reports an unknown handler', () => {
    expect(errorsOf('unknown-handler.yaml')).toEqual([expect.stringMatching(/unknown-handler\.yaml:4: .*unknown handler "fileConcernn"$/)]);
  });
  it('rejects a handler named like an Object.prototype member, with its line', () => {
    expect(errorsOf('prototype-handler.yaml')).toEqual([
      expect.stringMatching(/prototype-handler\.yaml:5: .*unknown handler "constructor"$/),
      expect.stringMatching(/prototype-handler\.yaml:6: .*unknown handler "toString"$/),
    ]);
  });
  it('reports a locale key missing in zh-CN', () => {
    expect(errorsOf('missing-key.yaml')).toEqual([expect.stringMatching(/missing-key\.yaml:4: .*missing locale key "concern\.ask_txt" in zh-CN$/)]);
  });
  it('reports an unreachable thread', () => {
    expect(errorsOf('unreachable.yaml')).toEqual([expect.stringMatching(/unreachable\.yaml:7: .*thread "orphan" is unreachable$/)]);
  });
  it('reports schema problems, each with its line', () => {
    const errors = errorsOf('schema.yaml');
    expect(errors).toEqual(expect.arrayContaining([expect.stringMatching(/schema\.yaml:1: id: expected an UPPER_SNAKE dialog id/), expect.stringMatching(/schema\.yaml:6: threads\.default\.0\.collect\.key: /)]));
  });
  it('reports an unknown dialog in execute_script', () => {
    expect(errorsOf('unknown-dialog.yaml')).toEqual([expect.stringMatching(/unknown-dialog\.yaml:5: .*unknown dialog "NO_SUCH_DIALOG"$/)]);
  });
  it('accepts the shipped dialogs', () => {
    expect(validateDialogs()).toMatchObject({ ok: true, lines: [] });
  });

  it('`minyi dialogs validate` exits non-zero with file:line lines for a broken folder, zero for dialogs/', () => {
    const cli = join(__dirname, '..', '..', 'dist', 'cli.js');
    let status = 0;
    let stderr = '';
    try {
      execFileSync('node', [cli, 'dialogs', 'validate', '--dir', FIXTURES], { encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      status = (e as { status: number }).status;
      stderr = (e as { stderr: string }).stderr;
    }
    expect(status).toBe(1);
    expect(stderr).toMatch(/unknown-thread\.yaml:8: /);
    expect(execFileSync('node', [cli, 'dialogs', 'validate'], { encoding: 'utf8' })).toContain('8 dialog script(s) OK');
  });
});

describe(I18nService.name, () => {
  it('falls back to zh-CN for a key missing in en, and renders {{vars}}', () => {
    const root = mkdtempSync(join(tmpdir(), 'minyi-locales-'));
    mkdirSync(join(root, 'zh-CN'));
    mkdirSync(join(root, 'en'));
    writeFileSync(join(root, 'zh-CN', 'a.json'), JSON.stringify({ x: { hello: '你好，{{name}}', only: '只有中文' } }));
    writeFileSync(join(root, 'en', 'a.json'), JSON.stringify({ x: { hello: 'Hello, {{name}} & co' } }));
    const sut = I18nService.load(root);
    expect(sut.t('x.hello', { name: '<b>' }, 'en')).toBe('Hello, <b> & co');
    expect(sut.t('x.only', {}, 'en')).toBe('只有中文');
    expect(sut.resolveLocale('en-US')).toBe('en');
    expect(sut.resolveLocale('fr')).toBe('zh-CN');
  });

  it('every locale key named in conversation code exists in zh-CN', () => {
    const dir = join(__dirname, '..', '..', 'src', 'conversation');
    const files = [dir, join(dir, 'handlers')].flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.ts')).map((f) => join(d, f)));
    const keys = new Set<string>();
    for (const file of files) {
      for (const m of readFileSync(file, 'utf8').matchAll(/(?:say|t|reask|words|is)\(\s*'([a-z_]+(?:\.[a-z_]+)+)'/g)) keys.add(m[1]);
    }
    expect(keys.size).toBeGreaterThan(30);
    expect([...keys].filter((k) => !i18n.has(k))).toEqual([]);
  });

  it('no Chinese text in conversation and web chat sources (strings live in locales)', () => {
    const roots = [join(__dirname, '..', '..', 'src', 'conversation'), join(__dirname, '..', '..', 'src', 'channels', 'web')];
    const offenders: string[] = [];
    const walk = (d: string): void => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        const p = join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (p.endsWith('.ts') && !p.endsWith('.spec.ts') && /[\u4e00-\u9fff]/.test(readFileSync(p, 'utf8'))) offenders.push(p);
      }
    };
    roots.forEach(walk);
    expect(offenders).toEqual([]);
  });
});
