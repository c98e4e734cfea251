import { z } from 'zod';

/**
 * The dialog script format: Botkit's (threads of steps with `text`, `collect: {key, options}`, `action`), plus
 * `handler` (a code handler bound by name) and `if` (a step that runs only when a variable is set).
 * Texts are locale keys (`concern.ask_text`) or literal text with `{{vars.x}}`.
 */
const NAME = /^[a-z][A-Za-z0-9_]*$/;
const DIALOG_ID = /^[A-Z][A-Z0-9_]*$/;
const VAR = /^_?[a-z][A-Za-z0-9_]*$/;

/**
 * The schema's own rules, by the code the console words them with; the English text stays what logs, the CLI and
 * API clients read.
 */
export const RULE = {
  dialogId: 'expected an UPPER_SNAKE dialog id',
  handlerName: 'expected a handler name like fileConcern',
  variableName: 'expected a variable name',
  threadName: 'expected a thread name like summary',
  optionOneMatch: 'an option needs exactly one of pattern, command, default',
  optionNeedsMove: 'an option needs an action or a handler',
  executeWithAction: 'execute goes with action: execute_script',
  stepNeedsContent: 'a step needs text, collect, action or handler',
  questionNoAction: 'a question decides where to go in collect.options, not action',
  ifOnlyWithMove: 'if goes with an action or a handler only',
  defaultThread: 'a script needs a "default" thread',
} as const;

export type SchemaRule = keyof typeof RULE;

export const BUILTIN_ACTIONS = ['next', 'repeat', 'complete', 'stop', 'timeout', 'execute_script'] as const;

const executeSchema = z.object({ script: z.string().regex(DIALOG_ID, RULE.dialogId), thread: z.string().optional() }).strict();

const optionSchema = z
  .object({
    pattern: z.string().optional(),
    type: z.enum(['string', 'regex']).optional(),
    /** A locale key holding a list of words, matched exactly in every locale. */
    command: z.string().optional(),
    default: z.literal(true).optional(),
    action: z.string().optional(),
    execute: executeSchema.optional(),
    handler: z.string().regex(NAME, RULE.handlerName).optional(),
  })
  .strict()
  .refine((o) => [o.pattern, o.command, o.default].filter((x) => x !== undefined).length === 1, RULE.optionOneMatch)
  .refine((o) => o.action !== undefined || o.handler !== undefined, RULE.optionNeedsMove)
  .refine((o) => (o.action === 'execute_script') === (o.execute !== undefined), RULE.executeWithAction);

const quickReplySchema = z.union([z.string(), z.object({ title: z.string(), payload: z.string().optional() }).strict()]);

export const stepSchema = z
  .object({
    text: z.union([z.string(), z.array(z.string()).min(1)]).optional(),
    quick_replies: z.union([z.array(quickReplySchema).min(1), z.object({ from: z.string().regex(NAME) }).strict()]).optional(),
    collect: z
      .object({
        key: z.string().regex(NAME, RULE.variableName),
        options: z.array(optionSchema).optional(),
        /** The question asks for a ticket number: a number beyond the offered options is part of one, not a miss. */
        ticket_number: z.literal(true).optional(),
      })
      .strict()
      .optional(),
    action: z.string().optional(),
    execute: executeSchema.optional(),
    handler: z.string().regex(NAME, RULE.handlerName).optional(),
    if: z.string().regex(VAR, RULE.variableName).optional(),
  })
  .strict()
  .refine((s) => s.text || s.action || s.handler || s.collect, RULE.stepNeedsContent)
  .refine((s) => !(s.collect && s.action), RULE.questionNoAction)
  .refine((s) => !s.if || (!s.collect && !s.text), RULE.ifOnlyWithMove)
  .refine((s) => (s.action === 'execute_script') === (s.execute !== undefined), RULE.executeWithAction);

export const scriptSchema = z
  .object({
    id: z.string().regex(DIALOG_ID, RULE.dialogId),
    description: z.string().optional(),
    threads: z.record(z.string().regex(NAME, RULE.threadName), z.array(stepSchema).min(1)),
  })
  .strict()
  .refine((s) => 'default' in s.threads, { message: RULE.defaultThread, path: ['threads'] });

export type ScriptOption = z.infer<typeof optionSchema>;
export type ScriptStep = z.infer<typeof stepSchema>;
export type ScriptQuickReply = z.infer<typeof quickReplySchema>;
export type DialogScript = z.infer<typeof scriptSchema>;

/** A locale key (`a.b_c`) rather than literal text. */
export const isLocaleKey = (text: string): boolean => /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/.test(text);
