import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../config/config.error';
import { YamlFile } from '../config/yaml-file';
import { ENTRY_THREADS, REQUIRED_DIALOGS } from './dialog-ids';
import type { I18nService } from '../i18n/i18n.service';
import { BUILTIN_ACTIONS, DialogScript, isLocaleKey, ScriptOption, ScriptStep, scriptSchema } from './script.schema';

/** A script that passed every check, with where it came from and its version. */
export interface LoadedScript {
  id: string;
  file: string;
  yaml: string;
  /** sha256(id + yaml) prefix: any edit of the file makes a new version. */
  version: string;
  script: DialogScript;
}

export interface ScriptSource {
  file: string;
  yaml: string;
}

/** What the checks need to know from code: handler names and where each handler may jump. */
export type HandlerCatalog = ReadonlyMap<string, { readonly gotos?: readonly string[] }>;

export interface LoadResult {
  scripts: LoadedScript[];
  errors: string[];
}

export const scriptVersion = (id: string, yaml: string): string => createHash('sha256').update(`${id}\n${yaml}`).digest('hex').slice(0, 16);

export function readDialogFolder(dir: string): ScriptSource[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => ({ file: join(dir, f), yaml: readFileSync(join(dir, f), 'utf8') }));
}

/**
 * Parses and checks dialog scripts, all problems at once as `file:line: path: reason`: bad YAML, schema, unknown
 * thread, unknown handler, unknown dialog, missing locale key (zh-CN), unknown command list, unreachable thread.
 * `otherIds` are dialogs known elsewhere (the published set, when one draft is checked alone).
 */
export function loadScripts(
  sources: ScriptSource[],
  i18n: I18nService,
  handlers: HandlerCatalog,
  options: { otherIds?: Iterable<string>; requireAll?: boolean } = {},
): LoadResult {
  const errors: string[] = [];
  const parsed: Array<{ yaml: YamlFile; source: ScriptSource; script: DialogScript }> = [];
  for (const source of sources) {
    try {
      const yaml = YamlFile.parse(source.file, source.yaml);
      parsed.push({ yaml, source, script: yaml.validate(scriptSchema) });
    } catch (e) {
      if (e instanceof ConfigError) errors.push(...e.problems);
      else throw e;
    }
  }
  const byId = new Map<string, DialogScript>();
  for (const p of parsed) {
    if (byId.has(p.script.id)) errors.push(`${p.yaml.where(['id'])}: dialog "${p.script.id}" is defined twice`);
    byId.set(p.script.id, p.script);
  }
  const known = new Set([...byId.keys(), ...(options.otherIds ?? [])]);
  const targetThreads = new Map<string, Set<string>>();
  for (const p of parsed) errors.push(...checkScript(p.yaml, p.script, { i18n, handlers, known, byId, targetThreads }));
  for (const p of parsed) errors.push(...checkReachable(p.yaml, p.script, handlers, targetThreads.get(p.script.id)));
  if (options.requireAll) {
    const folder = sources[0]?.file.replace(/[^/\\]+$/, '') ?? 'dialogs/';
    for (const id of REQUIRED_DIALOGS) if (!known.has(id)) errors.push(`${folder}: required dialog ${id} is missing`);
  }
  const scripts = errors.length
    ? []
    : parsed.map((p) => ({ id: p.script.id, file: p.source.file, yaml: p.source.yaml, version: scriptVersion(p.script.id, p.source.yaml), script: p.script }));
  return { scripts, errors };
}

interface CheckContext {
  i18n: I18nService;
  handlers: HandlerCatalog;
  known: Set<string>;
  byId: Map<string, DialogScript>;
  targetThreads: Map<string, Set<string>>;
}

function checkScript(yaml: YamlFile, script: DialogScript, c: CheckContext): string[] {
  const errors: string[] = [];
  const at = (path: PropertyKey[], reason: string) => errors.push(`${yaml.where(path)}: ${reason}`);
  const threads = new Set(Object.keys(script.threads));
  const checkText = (path: PropertyKey[], text: string) => {
    if (isLocaleKey(text) && !c.i18n.has(text)) at(path, `missing locale key "${text}" in zh-CN`);
  };
  const checkAction = (path: PropertyKey[], node: { action?: string; execute?: { script: string; thread?: string } }) => {
    const action = node.action;
    if (action === undefined || (BUILTIN_ACTIONS as readonly string[]).includes(action)) {
      if (node.execute) {
        const target = node.execute.script;
        if (!c.known.has(target)) at([...path, 'execute', 'script'], `unknown dialog "${target}"`);
        const thread = node.execute.thread;
        if (thread) {
          const other = c.byId.get(target);
          if (other && !(thread in other.threads)) at([...path, 'execute', 'thread'], `unknown thread "${thread}" in ${target}`);
          if (!c.targetThreads.has(target)) c.targetThreads.set(target, new Set());
          c.targetThreads.get(target)!.add(thread);
        }
      }
      return;
    }
    if (!threads.has(action)) at([...path, 'action'], `unknown thread "${action}"`);
  };
  const checkHandler = (path: PropertyKey[], name: string | undefined) => {
    if (!name) return;
    const spec = c.handlers.get(name);
    if (!spec) return at([...path, 'handler'], `unknown handler "${name}"`);
    for (const goto of spec.gotos ?? []) {
      if (!threads.has(goto)) at([...path, 'handler'], `handler "${name}" jumps to thread "${goto}", which this script lacks`);
    }
  };
  for (const [thread, steps] of Object.entries(script.threads)) {
    steps.forEach((step: ScriptStep, i) => {
      const path = ['threads', thread, i];
      for (const text of typeof step.text === 'string' ? [step.text] : step.text ?? []) checkText([...path, 'text'], text);
      if (Array.isArray(step.quick_replies)) {
        step.quick_replies.forEach((q, j) => checkText([...path, 'quick_replies', j], typeof q === 'string' ? q : q.title));
      }
      checkAction(path, step);
      checkHandler(path, step.handler);
      (step.collect?.options ?? []).forEach((option: ScriptOption, j) => {
        const optionPath = [...path, 'collect', 'options', j];
        if (option.command && !c.i18n.isWordList(option.command)) at([...optionPath, 'command'], `missing command word list "${option.command}" in zh-CN`);
        if (option.pattern) {
          try {
            new RegExp(option.pattern, 'i');
          } catch {
            at([...optionPath, 'pattern'], `invalid regular expression "${option.pattern}"`);
          }
        }
        checkAction(optionPath, option);
        checkHandler(optionPath, option.handler);
      });
    });
  }
  return errors;
}

/** Threads no path reaches from `default` (or from code and other scripts) are almost always a typo elsewhere. */
function checkReachable(yaml: YamlFile, script: DialogScript, handlers: HandlerCatalog, fromOutside?: Set<string>): string[] {
  const seen = new Set<string>();
  const queue = ['default', ...(ENTRY_THREADS[script.id] ?? []), ...(fromOutside ?? [])];
  while (queue.length) {
    const thread = queue.shift()!;
    if (seen.has(thread) || !script.threads[thread]) continue;
    seen.add(thread);
    for (const step of script.threads[thread]) {
      const nodes: Array<{ action?: string; handler?: string }> = [step, ...(step.collect?.options ?? [])];
      for (const node of nodes) {
        if (node.action) queue.push(node.action);
        if (node.handler) queue.push(...(handlers.get(node.handler)?.gotos ?? []));
      }
    }
  }
  return Object.keys(script.threads)
    .filter((t) => !seen.has(t))
    .map((t) => `${yaml.where(['threads', t])}: thread "${t}" is unreachable`);
}
