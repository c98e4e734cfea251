import { ConfigError } from './config.error';
import { AppConfig, appConfigSchema, ENV_OVERRIDES } from './config.schema';
import { configPath } from './paths';
import { loadCalendarConfig, loadTicketsConfig } from './tickets.config';
import { YamlFile } from './yaml-file';

type Tree = Record<string, unknown>;

function setPath(tree: Tree, path: string, value: string): void {
  const keys = path.split('.');
  let node = tree;
  for (const key of keys.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Tree;
  }
  node[keys[keys.length - 1]] = value;
}

/**
 * The one loader: `config/default.yaml` with environment overrides, plus `config/tickets.yaml` and
 * `config/calendar.yaml`, each validated; throws ConfigError naming the culprit (variable or `file:line: path`).
 */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  file = configPath('default.yaml'),
  files: { tickets?: string; calendar?: string } = {},
): AppConfig {
  const yaml = YamlFile.read(file);
  const raw = yaml.data;
  if (typeof raw !== 'object' || raw === null) throw new ConfigError([`${file}: expected a mapping at the top level`]);
  const tree = raw as Tree;
  const fromEnv = new Map<string, string>();
  for (const [name, path] of ENV_OVERRIDES) {
    const value = env[name];
    if (value !== undefined && value !== '') {
      setPath(tree, path, value);
      fromEnv.set(path, name);
    }
  }
  const parsed = appConfigSchema.safeParse(tree);
  if (!parsed.success) {
    throw ConfigError.fromZod(parsed.error, (path) => fromEnv.get(path) ?? yaml.where(path.split('.')));
  }
  return { ...parsed.data, tickets: loadTicketsConfig(files.tickets), calendar: loadCalendarConfig(files.calendar) };
}
