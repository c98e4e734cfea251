import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

/**
 * The module graph over `src/`: a module is the first folder under src (files directly in src are the
 * composition root, `app`, which may import anything). Built from the import lines themselves, so the
 * boundary test and the printed graph cannot disagree with the code. Specs are left out: tests may reach
 * across modules to set a scene.
 */

/** Modules that nothing below the delivery layer may import. */
export const UPPER_MODULES = ['console', 'conversation', 'channels'] as const;

/** Modules that must not import the upper ones (the lower layers plus the read-side features). */
export const LOWER_MODULES = [
  'tickets', 'reports', 'outbox', 'inbox', 'classification', 'routing', 'org', 'consultations', 'proposals', 'jobs', 'media',
  'common', 'config', 'database', 'i18n', 'auth', 'understanding',
] as const;

export const ROOT_MODULE = 'app';

/**
 * Files that join every module and so belong with the composition root: the entity registry TypeORM needs at
 * connection time sits in database/ beside the connection, but the column helpers every entity is built from
 * are in database/ too, so counting the registry there would make every module with a table a cycle.
 */
export const COMPOSITION_FILES: ReadonlySet<string> = new Set(['database/entities.ts']);

export interface ImportEdge {
  from: string;
  to: string;
  file: string;
  target: string;
}

export interface ModuleGraph {
  modules: string[];
  /** from → to → number of import lines. */
  edges: Map<string, Map<string, number>>;
  imports: ImportEdge[];
  globals: string[];
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(full));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') && !entry.name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

export function moduleOf(srcRoot: string, file: string): string {
  const relative = path.relative(srcRoot, file);
  if (COMPOSITION_FILES.has(relative.split(path.sep).join('/'))) return ROOT_MODULE;
  const parts = relative.split(path.sep);
  return parts.length > 1 ? parts[0] : ROOT_MODULE;
}

function resolveImport(fromFile: string, spec: string): string | undefined {
  const base = path.resolve(path.dirname(fromFile), spec);
  for (const candidate of [base + '.ts', path.join(base, 'index.ts'), base]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  // json and other non-ts targets still count for the module they sit in
  return fs.existsSync(base) ? base : undefined;
}

export function buildModuleGraph(srcRoot: string): ModuleGraph {
  const root = path.resolve(srcRoot);
  const files = sourceFiles(root);
  const edges = new Map<string, Map<string, number>>();
  const imports: ImportEdge[] = [];
  const modules = new Set<string>();
  const globals: string[] = [];
  for (const file of files) {
    const from = moduleOf(root, file);
    modules.add(from);
    const text = fs.readFileSync(file, 'utf8');
    if (/^\s*@Global\(\)/m.test(text)) globals.push(path.relative(root, file));
    const info = ts.preProcessFile(text, true, true);
    for (const ref of info.importedFiles) {
      if (!ref.fileName.startsWith('.')) continue;
      const target = resolveImport(file, ref.fileName);
      if (!target || !target.startsWith(root + path.sep)) continue;
      const to = moduleOf(root, target);
      if (to === from) continue;
      modules.add(to);
      imports.push({ from, to, file: path.relative(root, file), target: path.relative(root, target) });
      const row = edges.get(from) ?? new Map<string, number>();
      row.set(to, (row.get(to) ?? 0) + 1);
      edges.set(from, row);
    }
  }
  return { modules: [...modules].sort(), edges, imports, globals: globals.sort() };
}

/** Strongly connected components with more than one module: each is a cycle (Tarjan). */
export function moduleCycles(graph: ModuleGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  let next = 0;
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of (graph.edges.get(v) ?? new Map<string, number>()).keys()) {
      if (w === ROOT_MODULE) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) out.push(component.sort());
    }
  };
  for (const m of graph.modules) if (m !== ROOT_MODULE && !index.has(m)) visit(m);
  return out;
}

/** Import lines from a lower module into console, conversation or channels. */
export function boundaryViolations(graph: ModuleGraph): ImportEdge[] {
  const lower = new Set<string>(LOWER_MODULES);
  const upper = new Set<string>(UPPER_MODULES);
  return graph.imports.filter((e) => lower.has(e.from) && upper.has(e.to));
}

/** The pairs of a cycle that point both ways, to name the imports that close it. */
export function cycleEdges(graph: ModuleGraph, cycle: string[]): ImportEdge[] {
  const members = new Set(cycle);
  return graph.imports.filter((e) => members.has(e.from) && members.has(e.to));
}

export function formatModuleGraph(graph: ModuleGraph): string {
  const lines: string[] = [];
  lines.push(`modules: ${graph.modules.length}`);
  for (const m of graph.modules) {
    const row = graph.edges.get(m);
    const deps = row ? [...row.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([to, n]) => `${to}(${n})`) : [];
    lines.push(`  ${m.padEnd(15)} → ${deps.join(' ') || '-'}`);
  }
  const cycles = moduleCycles(graph);
  lines.push(`cycles: ${cycles.length}`);
  for (const cycle of cycles) {
    lines.push(`  ${cycle.join(' ↔ ')}`);
    const pairs = new Map<string, number>();
    for (const e of cycleEdges(graph, cycle)) pairs.set(`${e.from} → ${e.to}`, (pairs.get(`${e.from} → ${e.to}`) ?? 0) + 1);
    for (const [pair, n] of [...pairs.entries()].sort()) lines.push(`    ${pair} (${n})`);
  }
  const violations = boundaryViolations(graph);
  lines.push(`lower → console/conversation/channels: ${violations.length}`);
  for (const v of violations) lines.push(`  ${v.file} → ${v.target}`);
  lines.push(`@Global: ${graph.globals.length}`);
  for (const g of graph.globals) lines.push(`  ${g}`);
  return lines.join('\n') + '\n';
}
