import type { DataSource } from 'typeorm';
import type { Channel } from './channels';
import { PromptReader } from './prompts';
import { generateResidents } from './residents';
import { type Finding, type ResidentResult, runButtonResident, runTypingResident } from './simulate';

/** The figures for one channel. */
export interface ChannelFigures {
  channel: string;
  residents: number;
  filedShare: number;
  /** Filed tickets found in the database under the resident who filed them. */
  ownedShare: number;
  misunderstoodPerResident: number;
  /** Deliberate wrong answers the bot caught (not counted as misunderstood). */
  trapsCaught: number;
  draftsLost: number;
  statusFoundShare: number;
  typedTurnsPerFilingMean: number | null;
  typedTurnsPerFilingMedian: number | null;
  /** Turns of a filing by buttons; null where the channel shows none (the WeCom app). */
  buttonTurnsPerFiling: number | null;
}

export interface ChannelRun {
  figures: ChannelFigures;
  findings: Finding[];
  results: ResidentResult[];
}

const round = (n: number, digits = 2): number => Number(n.toFixed(digits));

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Runs `count` residents from `seed` through a channel, `parallel` at a time, and one button resident. */
export async function runChannel(channel: Channel, dataSource: DataSource, options: { seed: number; count: number; parallel?: number; prefix?: string }): Promise<ChannelRun> {
  const ctx = { reader: new PromptReader(), channel, dataSource };
  const residents = generateResidents(options.seed, options.count);
  const prefix = options.prefix ?? `typing-${channel.name}`;
  const results: ResidentResult[] = new Array<ResidentResult>(residents.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < residents.length; i = next++) {
      results[i] = await runTypingResident(ctx, residents[i], channel.open(`${prefix}-${options.seed}-${i}`));
    }
  };
  await Promise.all(Array.from({ length: options.parallel ?? 4 }, worker));
  const buttons = channel.hasButtons ? await runButtonResident(ctx, channel.open(`${prefix}-${options.seed}-buttons`)) : null;

  const n = results.length;
  const filedTurns = results.flatMap((r) => (r.turnsToFile === null ? [] : [r.turnsToFile]));
  const figures: ChannelFigures = {
    channel: channel.name,
    residents: n,
    filedShare: round(results.filter((r) => r.filed).length / n),
    ownedShare: round(results.filter((r) => r.owned).length / n),
    misunderstoodPerResident: round(results.reduce((s, r) => s + r.misunderstood, 0) / n),
    trapsCaught: results.reduce((s, r) => s + r.trapsCaught, 0),
    draftsLost: results.reduce((s, r) => s + r.draftsLost, 0),
    statusFoundShare: round(results.filter((r) => r.statusFound).length / n),
    typedTurnsPerFilingMean: filedTurns.length ? round(filedTurns.reduce((a, b) => a + b, 0) / filedTurns.length, 1) : null,
    typedTurnsPerFilingMedian: median(filedTurns),
    buttonTurnsPerFiling: buttons?.turns ?? null,
  };
  return { figures, findings: results.flatMap((r) => r.findings), results };
}

/** Findings grouped by what failed, most frequent first, as Markdown for the engineer who fixes the understanding. */
export function findingsMarkdown(runs: ChannelRun[], heading: string): string {
  const groups = new Map<string, { f: Finding; count: number; channels: Set<string> }>();
  for (const f of runs.flatMap((r) => r.findings)) {
    const key = `${f.kind}|${f.question}|${f.phrase}|${f.reply.slice(0, 40)}`;
    const g = groups.get(key) ?? { f, count: 0, channels: new Set<string>() };
    g.count++;
    g.channels.add(f.channel);
    groups.set(key, g);
  }
  const rows = [...groups.values()].sort((a, b) => a.f.kind.localeCompare(b.f.kind) || b.count - a.count);
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const lines = [
    heading,
    '',
    '| channel | residents | filed | owned | misunderstood/resident | traps caught | drafts lost | status found | typed turns mean / median | button turns |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...runs.map(({ figures: f }) => `| ${f.channel} | ${f.residents} | ${f.filedShare} | ${f.ownedShare} | ${f.misunderstoodPerResident} | ${f.trapsCaught} | ${f.draftsLost} | ${f.statusFoundShare} | ${f.typedTurnsPerFilingMean ?? '-'} / ${f.typedTurnsPerFilingMedian ?? '-'} | ${f.buttonTurnsPerFiling ?? '-'} |`),
    '',
    '| kind | question | phrase typed | bot reply | count | channels |',
    '|---|---|---|---|---|---|',
    ...rows.map((g) => `| ${g.f.kind} | ${g.f.question} | ${cell(g.f.phrase)} | ${cell(g.f.reply)} | ${g.count} | ${[...g.channels].join(', ')} |`),
  ];
  return `${lines.join('\n')}\n`;
}
