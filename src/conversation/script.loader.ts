import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { YamlFile, YamlSyntaxError } from '../config/yaml-file';
import { ENTRY_THREADS, REQUIRED_DIALOGS } from './dialog-ids';
import type { I18nService } from '../i18n/i18n.service';
import { BUILTIN_ACTIONS, DialogScript, isLocaleKey, RULE, SchemaRule, ScriptOption, ScriptStep, scriptSchema } from './script.schema';

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

/**
 * One problem of a script: where it is, a stable code with its parameters (the console words it in the admin's
 * language) and the English message that logs, the CLI and API clients read.
 */
export interface ScriptIssue {
  file: string;
  line: number | null;
  /** Dotted path in the script (`threads.default.2.action`); empty for the whole file. */
  path: string;
  code: ScriptIssueCode;
  params: Record<string, string>;
  message: string;
}

const OWN_CODES = [
  'yamlIndent',
  'yamlDuplicateKey',
  'yamlUnclosed',
  'yamlSyntax',
  'schemaUnknownKeys',
  'schemaRequired',
  'schemaExpectedText',
  'schemaExpectedList',
  'schemaExpectedMap',
  'schemaEmptyList',
  'schemaChoose',
  'schemaFormat',
  'schemaInvalid',
  'duplicateDialog',
  'requiredDialogMissing',
  'missingLocaleKey',
  'missingWordList',
  'invalidPattern',
  'unknownDialog',
  'unknownThread',
  'unknownThreadIn',
  'unknownHandler',
  'handlerThreadMissing',
  'unreachableThread',
  'idMismatch',
] as const;

export type ScriptIssueCode = (typeof OWN_CODES)[number] | `schema${Capitalize<SchemaRule>}`;

const schemaRuleCode = (rule: SchemaRule): ScriptIssueCode => `schema${rule[0].toUpperCase()}${rule.slice(1)}` as ScriptIssueCode;

/** Every code an issue can carry: the console has wording for each. */
export const SCRIPT_ISSUE_CODES: readonly ScriptIssueCode[] = [...OWN_CODES, ...(Object.keys(RULE) as SchemaRule[]).map(schemaRuleCode)];

/** The `file:line: path: reason` line of an issue, as the start-up check and `minyi dialogs validate` print it. */
export const issueText = (i: ScriptIssue): string => `${i.file}${i.line ? `:${i.line}` : ''}${i.path ? `: ${i.path}` : ''}: ${i.message}`;

export interface LoadResult {
  scripts: LoadedScript[];
  issues: ScriptIssue[];
  /** The issues as `file:line: path: reason` lines. */
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
 * Parses and checks dialog scripts, all problems at once (as issues, and as `file:line: path: reason` lines): bad YAML, schema, unknown
 * thread, unknown handler, unknown dialog, missing locale key (zh-CN), unknown command list, unreachable thread.
 * `otherIds` are dialogs known elsewhere (the published set, when one draft is checked alone).
 */
export function loadScripts(
  sources: ScriptSource[],
  i18n: I18nService,
  handlers: HandlerCatalog,
  options: { otherIds?: Iterable<string>; requireAll?: boolean } = {},
): LoadResult {
  const errors: ScriptIssue[] = [];
  const parsed: Array<{ yaml: YamlFile; source: ScriptSource; script: DialogScript }> = [];
  for (const source of sources) {
    let yaml: YamlFile;
    try {
      yaml = YamlFile.parse(source.file, source.yaml);
    } catch (e) {
      if (!(e instanceof YamlSyntaxError)) throw e;
      errors.push(...e.errors.map((x) => ({ file: x.file, line: x.line, path: '', code: yamlCode(x.code), params: {}, message: x.message })));
      continue;
    }
    const result = scriptSchema.safeParse(yaml.data);
    if (result.success) parsed.push({ yaml, source, script: result.data });
    else errors.push(...result.error.issues.map((issue) => issueAt(yaml, issue.path, schemaCode(issue), issue.message)));
  }
  const byId = new Map<string, DialogScript>();
  for (const p of parsed) {
    if (byId.has(p.script.id)) errors.push(issueAt(p.yaml, ['id'], ['duplicateDialog', { dialog: p.script.id }], `dialog "${p.script.id}" is defined twice`));
    byId.set(p.script.id, p.script);
  }
  const known = new Set([...byId.keys(), ...(options.otherIds ?? [])]);
  const targetThreads = new Map<string, Set<string>>();
  for (const p of parsed) errors.push(...checkScript(p.yaml, p.script, { i18n, handlers, known, byId, targetThreads }));
  for (const p of parsed) errors.push(...checkReachable(p.yaml, p.script, handlers, targetThreads.get(p.script.id)));
  if (options.requireAll) {
    const folder = sources[0]?.file.replace(/[^/\\]+$/, '') ?? 'dialogs/';
    for (const id of REQUIRED_DIALOGS) {
      if (!known.has(id)) errors.push({ file: folder, line: null, path: '', code: 'requiredDialogMissing', params: { dialog: id }, message: `required dialog ${id} is missing` });
    }
  }
  const scripts = errors.length
    ? []
    : parsed.map((p) => ({ id: p.script.id, file: p.source.file, yaml: p.source.yaml, version: scriptVersion(p.script.id, p.source.yaml), script: p.script }));
  return { scripts, issues: errors, errors: errors.map(issueText) };
}

/** A valid script saved under another dialog's name: its `id:` line says which dialog it is. */
export function idMismatch(loaded: LoadedScript, expected: string): ScriptIssue {
  const line = loaded.yaml.split('\n').findIndex((l) => /^id\s*:/.test(l)) + 1;
  return { file: loaded.file, line: line || null, path: 'id', code: 'idMismatch', params: { dialog: loaded.id, expected }, message: `the script's id is ${loaded.id}, not ${expected}` };
}

function issueAt(yaml: YamlFile, path: ReadonlyArray<PropertyKey>, [code, params]: [ScriptIssueCode, Record<string, string>], message: string): ScriptIssue {
  return { file: yaml.file, line: yaml.line(path) ?? null, path: path.map(String).join('.'), code, params, message };
}

/** The parser's codes an admin can act on get their own wording; the rest read as a syntax error on that line. */
function yamlCode(code: string): ScriptIssueCode {
  if (code === 'BAD_INDENT' || code === 'TAB_AS_INDENT') return 'yamlIndent';
  if (code === 'DUPLICATE_KEY') return 'yamlDuplicateKey';
  if (code === 'MISSING_CHAR' || code === 'BAD_DQ_ESCAPE') return 'yamlUnclosed';
  return 'yamlSyntax';
}

const RULE_OF_MESSAGE = new Map<string, SchemaRule>(Object.entries(RULE).map(([rule, message]) => [message, rule as SchemaRule]));

function schemaCode(issue: z.core.$ZodIssue): [ScriptIssueCode, Record<string, string>] {
  const rule = RULE_OF_MESSAGE.get(issue.message);
  if (rule) return [schemaRuleCode(rule), {}];
  switch (issue.code) {
    case 'unrecognized_keys':
      return ['schemaUnknownKeys', { keys: issue.keys.join(', ') }];
    case 'invalid_type':
      if (issue.input === undefined) return ['schemaRequired', {}];
      if (issue.expected === 'string') return ['schemaExpectedText', {}];
      if (issue.expected === 'array') return ['schemaExpectedList', {}];
      if (issue.expected === 'object' || issue.expected === 'record') return ['schemaExpectedMap', {}];
      return ['schemaInvalid', {}];
    case 'too_small':
      return ['schemaEmptyList', {}];
    case 'invalid_value':
      return ['schemaChoose', { values: issue.values.map(String).join(', ') }];
    case 'invalid_key':
      return ['schemaThreadName', {}];
    case 'invalid_format':
      return ['schemaFormat', {}];
    default:
      return ['schemaInvalid', {}];
  }
}

interface CheckContext {
  i18n: I18nService;
  handlers: HandlerCatalog;
  known: Set<string>;
  byId: Map<string, DialogScript>;
  targetThreads: Map<string, Set<string>>;
}

function checkScript(yaml: YamlFile, script: DialogScript, c: CheckContext): ScriptIssue[] {
  const errors: ScriptIssue[] = [];
  const at = (path: PropertyKey[], code: ScriptIssueCode, params: Record<string, string>, reason: string) => errors.push(issueAt(yaml, path, [code, params], reason));
  const threads = new Set(Object.keys(script.threads));
  const checkText = (path: PropertyKey[], text: string) => {
    if (isLocaleKey(text) && !c.i18n.has(text)) at(path, 'missingLocaleKey', { key: text }, `missing locale key "${text}" in zh-CN`);
  };
  const checkAction = (path: PropertyKey[], node: { action?: string; execute?: { script: string; thread?: string } }) => {
    const action = node.action;
    if (action === undefined || (BUILTIN_ACTIONS as readonly string[]).includes(action)) {
      if (node.execute) {
        const target = node.execute.script;
        if (!c.known.has(target)) at([...path, 'execute', 'script'], 'unknownDialog', { dialog: target }, `unknown dialog "${target}"`);
        const thread = node.execute.thread;
        if (thread) {
          const other = c.byId.get(target);
          if (other && !(thread in other.threads)) at([...path, 'execute', 'thread'], 'unknownThreadIn', { thread, dialog: target }, `unknown thread "${thread}" in ${target}`);
          if (!c.targetThreads.has(target)) c.targetThreads.set(target, new Set());
          c.targetThreads.get(target)!.add(thread);
        }
      }
      return;
    }
    if (!threads.has(action)) at([...path, 'action'], 'unknownThread', { thread: action }, `unknown thread "${action}"`);
  };
  const checkHandler = (path: PropertyKey[], name: string | undefined) => {
    if (!name) return;
    const spec = c.handlers.get(name);
    if (!spec) return at([...path, 'handler'], 'unknownHandler', { handler: name }, `unknown handler "${name}"`);
    for (const goto of spec.gotos ?? []) {
      if (!threads.has(goto)) at([...path, 'handler'], 'handlerThreadMissing', { handler: name, thread: goto }, `handler "${name}" jumps to thread "${goto}", which this script lacks`);
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
        if (option.command && !c.i18n.isWordList(option.command)) at([...optionPath, 'command'], 'missingWordList', { key: option.command }, `missing command word list "${option.command}" in zh-CN`);
        if (option.pattern) {
          try {
            new RegExp(option.pattern, 'i');
          } catch {
            at([...optionPath, 'pattern'], 'invalidPattern', { pattern: option.pattern! }, `invalid regular expression "${option.pattern}"`);
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
function checkReachable(yaml: YamlFile, script: DialogScript, handlers: HandlerCatalog, fromOutside?: Set<string>): ScriptIssue[] {
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
    .map((t) => issueAt(yaml, ['threads', t], ['unreachableThread', { thread: t }], `thread "${t}" is unreachable`));
}
