import { isIP } from 'node:net';
import { z } from 'zod';
import type { CalendarConfig, TicketsConfig } from './tickets.config';

const DATABASE_URL_HINT = 'expected mysql://user:pass@host:3306/db or sqlite:<path>';

export const databaseUrlSchema = z
  .string()
  .min(1, DATABASE_URL_HINT)
  .refine((v) => /^sqlite:.+/.test(v) || /^mysql:\/\/[^/]+\/[A-Za-z0-9_$-]+(\?.*)?$/.test(v), DATABASE_URL_HINT);

const portSchema = z.coerce.number().int().min(0).max(65535);

/** Only the spellings people mean: z.coerce.boolean() would read "false" as true. */
const strictBoolean = z.union([z.boolean(), z.number(), z.string()]).transform((v, ctx) => {
  const text = String(v).trim().toLowerCase();
  if (text === 'true' || text === '1') return true;
  if (text === 'false' || text === '0') return false;
  ctx.addIssue({ code: 'custom', message: `expected true, false, 1 or 0, got "${String(v)}"` });
  return z.NEVER;
});

const TRUST_PROXY_HINT = 'name the proxy: a hop count (1) or its addresses/CIDRs (10.0.0.1,10.1.0.0/16); "true" would trust any X-Forwarded-For';

/** Fastify's trustProxy: false (the socket address), a hop count, or the proxies' addresses and CIDRs. */
const trustProxySchema = z.union([z.number(), z.string()]).transform((v, ctx): false | number | string => {
  const text = String(v).trim();
  if (text === '' || text === '0') return false;
  if (/^\d+$/.test(text)) return Number(text);
  const parts = text.split(',').map((p) => p.trim());
  if (parts.every((p) => isProxyAddress(p))) return parts.join(',');
  ctx.addIssue({ code: 'custom', message: TRUST_PROXY_HINT });
  return z.NEVER;
});

function isProxyAddress(text: string): boolean {
  const [ip, prefix, extra] = text.split('/');
  if (extra !== undefined || isIP(ip) === 0) return false;
  if (prefix === undefined) return true;
  return /^\d+$/.test(prefix) && Number(prefix) <= (isIP(ip) === 4 ? 32 : 128);
}

export const ADMIN_TOKEN_MIN_CHARS = 32;

export const appConfigSchema = z
  .object({
    server: z
      .object({
        port: portSchema,
        host: z.string().min(1),
        bodyLimitBytes: z.coerce.number().int().min(1024).max(50 * 1024 * 1024),
        photoLimitBytes: z.coerce.number().int().min(1024).max(50 * 1024 * 1024),
        publicUrl: z.string().url(),
        trustProxy: trustProxySchema,
      })
      .strict(),
    database: z.object({ url: databaseUrlSchema, logging: strictBoolean }).strict(),
    web: z
      .object({
        cookieSecret: z.string().refine((v) => v === '' || v.length >= 32, 'expected at least 32 characters (or empty: generated once and kept in the database)'),
      })
      .strict(),
    booking: z
      .object({
        perResidentPerWeek: z.coerce.number().int().min(0),
        perAddressPerWeek: z.coerce.number().int().min(0),
      })
      .strict(),
    workers: z
      .string()
      .regex(/^(all|none|(inbox|outbox|jobs)(,(inbox|outbox|jobs))*)$/, 'expected all, none, or a list of inbox, outbox, jobs'),
    log: z
      .object({ level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) })
      .strict(),
    locale: z
      .object({ default: z.string().min(2), supported: z.array(z.string().min(2)).min(1) })
      .strict()
      .refine((l) => l.supported.includes(l.default), 'locale.default must be one of locale.supported'),
    conversation: z
      .object({
        resumeAfterMinutes: z.coerce.number().min(1).max(7 * 24 * 60),
        reloadSeconds: z.coerce.number().min(1).max(3600),
      })
      .strict()
      .default({ resumeAfterMinutes: 120, reloadSeconds: 5 }),
    wecom: z
      .object({
        corpId: z.string(),
        agentId: z.string().regex(/^\d*$/, 'expected the numeric AgentID'),
        secret: z.string(),
        kfSecret: z.string(),
        token: z.string(),
        encodingAesKey: z
          .string()
          .refine((v) => v === '' || /^[A-Za-z0-9]{43}$/.test(v), 'expected 43 characters [A-Za-z0-9]'),
        apiBase: z.string().url(),
        requestTimeoutMs: z.coerce.number().int().min(100).max(60000),
      })
      .strict(),
    classification: z
      .object({ lexicon: z.string().min(1), maxChars: z.coerce.number().int().min(100).max(100000) })
      .strict(),
    admin: z
      .object({
        token: z
          .string()
          .refine((v) => v === '' || v.length >= ADMIN_TOKEN_MIN_CHARS, `expected at least ${ADMIN_TOKEN_MIN_CHARS} characters (e.g. openssl rand -hex 32), or empty`),
        signInPerAddressPerMinute: z.coerce.number().int().min(0),
        signInPerMinute: z.coerce.number().int().min(0),
      })
      .strict(),
    rateLimit: z
      .object({
        windowSeconds: z.coerce.number().int().min(1).max(3600),
        perResident: z.coerce.number().int().min(0),
        perIp: z.coerce.number().int().min(0),
      })
      .strict(),
    outbox: z
      .object({
        baseBackoffMs: z.coerce.number().int().min(10).max(3_600_000),
        maxBackoffMs: z.coerce.number().int().min(10).max(24 * 3_600_000),
        maxAttempts: z.coerce.number().int().min(1).max(1000),
      })
      .strict(),
    leases: z
      .object({
        inboxMs: z.coerce.number().int().min(1000).max(3_600_000),
        outboxMs: z.coerce.number().int().min(1000).max(3_600_000),
        turnMs: z.coerce.number().int().min(1000).max(3_600_000),
      })
      .strict(),
    reports: z
      .object({
        // Fixed bulletin recipients; the office adds more in the console.
        bulletinRecipients: z
          .array(
            z
              .object({ userid: z.string().min(1), level: z.enum(['city', 'committee', 'workstation']), unit: z.string().default('') })
              .strict()
              .refine((r) => r.level === 'city' || r.unit !== '', 'a committee or workstation recipient needs its unit code'),
          )
          .default([]),
      })
      .strict()
      .default({ bulletinRecipients: [] }),
  })
  .strict();

/** `config/default.yaml` with the environment applied. */
export type ServiceConfig = z.infer<typeof appConfigSchema>;

/** Everything minyi is configured by, loaded and validated once by loadConfig. */
export type AppConfig = ServiceConfig & { tickets: TicketsConfig; calendar: CalendarConfig };

/** Environment variable → path in the config tree. */
export const ENV_OVERRIDES: ReadonlyArray<readonly [string, string]> = [
  ['PORT', 'server.port'],
  ['HOST', 'server.host'],
  ['PUBLIC_URL', 'server.publicUrl'],
  ['TRUST_PROXY', 'server.trustProxy'],
  ['WEB_COOKIE_SECRET', 'web.cookieSecret'],
  ['BOOKING_PER_RESIDENT_PER_WEEK', 'booking.perResidentPerWeek'],
  ['BOOKING_PER_ADDRESS_PER_WEEK', 'booking.perAddressPerWeek'],
  ['DATABASE_URL', 'database.url'],
  ['DATABASE_LOGGING', 'database.logging'],
  ['LOG_LEVEL', 'log.level'],
  ['MINYI_WORKERS', 'workers'],
  ['WECOM_CORP_ID', 'wecom.corpId'],
  ['WECOM_AGENT_ID', 'wecom.agentId'],
  ['WECOM_SECRET', 'wecom.secret'],
  ['WECOM_KF_SECRET', 'wecom.kfSecret'],
  ['WECOM_TOKEN', 'wecom.token'],
  ['WECOM_ENCODING_AES_KEY', 'wecom.encodingAesKey'],
  ['WECOM_API_BASE', 'wecom.apiBase'],
  ['ADMIN_TOKEN', 'admin.token'],
  ['SIGN_IN_PER_ADDRESS_PER_MINUTE', 'admin.signInPerAddressPerMinute'],
  ['SIGN_IN_PER_MINUTE', 'admin.signInPerMinute'],
  ['RATE_LIMIT_WINDOW_SECONDS', 'rateLimit.windowSeconds'],
  ['RATE_LIMIT_PER_RESIDENT', 'rateLimit.perResident'],
  ['RATE_LIMIT_PER_IP', 'rateLimit.perIp'],
  ['OUTBOX_BASE_BACKOFF_MS', 'outbox.baseBackoffMs'],
  ['OUTBOX_MAX_BACKOFF_MS', 'outbox.maxBackoffMs'],
  ['OUTBOX_MAX_ATTEMPTS', 'outbox.maxAttempts'],
  ['INBOX_LEASE_MS', 'leases.inboxMs'],
  ['OUTBOX_LEASE_MS', 'leases.outboxMs'],
  ['TURN_LEASE_MS', 'leases.turnMs'],
  ['DIALOG_RESUME_AFTER_MINUTES', 'conversation.resumeAfterMinutes'],
  ['DIALOG_RELOAD_SECONDS', 'conversation.reloadSeconds'],
];

/** WeCom is enabled only when the callback can be verified and decrypted. */
export function wecomEnabled(config: AppConfig): boolean {
  const w = config.wecom;
  return Boolean(w.corpId && w.token && w.encodingAesKey);
}
