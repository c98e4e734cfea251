import { existsSync } from 'node:fs';
import { configPath } from '../../config/paths';
import { YamlFile } from '../../config/yaml-file';

export interface TicketSettingsView {
  /** Where the values live; the console shows them, the tickets module owns and validates them. */
  file: string;
  settings: Record<string, unknown> | null;
}

/** The ticket deadline rules as configured, for display (editing them stays a config change with a restart). */
export function readTicketSettings(file = configPath('tickets.yaml')): TicketSettingsView {
  if (!existsSync(file)) return { file: 'config/tickets.yaml', settings: null };
  const data = YamlFile.read(file).data as { tickets?: Record<string, unknown> } | null;
  return { file: 'config/tickets.yaml', settings: data?.tickets ?? null };
}
