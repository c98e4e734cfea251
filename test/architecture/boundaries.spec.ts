import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  boundaryViolations,
  buildModuleGraph,
  COMPOSITION_FILES,
  formatModuleGraph,
  moduleCycles,
  ROOT_MODULE,
} from '../../src/architecture/module-graph';

const SRC = path.join(__dirname, '..', '..', 'src');

describe('module boundaries of src/', () => {
  const graph = buildModuleGraph(SRC);

  it('has no cycle between modules', () => {
    expect(moduleCycles(graph)).toEqual([]);
  });

  it('keeps console, conversation and channels out of every lower module', () => {
    expect(boundaryViolations(graph).map((e) => `${e.file} → ${e.target}`)).toEqual([]);
  });

  it('lets nothing import the composition root except the entity registry', () => {
    const intoRoot = graph.imports.filter((e) => e.to === ROOT_MODULE && !COMPOSITION_FILES.has(e.target));
    expect(intoRoot.map((e) => `${e.file} → ${e.target}`)).toEqual([]);
  });
});

describe('the module graph itself', () => {
  let dir: string;
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  };

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minyi-graph-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('finds a cycle closed by a type-only import, and names the imports that close it', () => {
    write('tickets/ticket.ts', "import type { Sent } from '../outbox/sent';\nexport const t = 1;\n");
    write('outbox/sent.ts', "import { t } from '../tickets/ticket';\nexport type Sent = typeof t;\n");
    write('org/org.ts', 'export const o = 1;\n');
    const g = buildModuleGraph(dir);
    expect(moduleCycles(g)).toEqual([['outbox', 'tickets']]);
    expect(formatModuleGraph(g)).toContain('outbox ↔ tickets');
  });

  it('flags a lower module reaching into the console, even through an index file, and ignores specs', () => {
    write('console/auth/index.ts', 'export const guard = 1;\n');
    write('reports/report.ts', "export { guard } from '../console/auth';\n");
    write('tickets/ticket.spec.ts', "import '../conversation/turn';\n");
    write('conversation/turn.ts', 'export {};\n');
    const g = buildModuleGraph(dir);
    expect(boundaryViolations(g).map((e) => `${e.file} → ${e.target}`)).toEqual([
      `${path.join('reports', 'report.ts')} → ${path.join('console', 'auth', 'index.ts')}`,
    ]);
  });
});
