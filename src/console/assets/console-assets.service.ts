import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { readFile } from 'node:fs/promises';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config.schema';
import { localesPath, projectRoot } from '../../config/paths';

export interface Asset {
  body: Buffer;
  type: string;
}

/** A strong validator from the bytes, so a revalidating browser gets 304 instead of the file again. */
export function etagOf(body: Buffer): string {
  return `"${createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`;
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
};

/** Library files the console loads as-is (no build step): name in the URL to file in node_modules. */
const VENDOR: Record<string, () => string> = {
  'vue.js': () => join(dirname(require.resolve('vue/package.json')), 'dist', 'vue.esm-browser.prod.js'),
  'echarts.js': () => join(dirname(require.resolve('echarts/package.json')), 'dist', 'echarts.min.js'),
};

/** Each vendor file's package version: a URL carrying it names one file for ever, so browsers keep it. */
export function vendorVersion(name: string): string | null {
  const pkg = { 'vue.js': 'vue', 'echarts.js': 'echarts' }[name];
  return pkg ? (require(`${pkg}/package.json`) as { version: string }).version : null;
}

const PUBLIC_NAME = /^[a-z0-9][a-z0-9_-]*(\/[a-z0-9][a-z0-9_-]*)*\.(js|css|svg)$/;

/**
 * The console front end: ES modules and CSS under src/console/public, read from the project root (they are not
 * compiled, so dist/ has no copy), plus Vue and ECharts from node_modules, plus the console's locale files.
 */
@Injectable()
export class ConsoleAssetsService {
  private readonly publicDir = resolve(projectRoot(), 'src', 'console', 'public');

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async index(): Promise<Asset> {
    return { body: await readFile(join(this.publicDir, 'index.html')), type: TYPES['.html'] };
  }

  /** A front-end file by its path under public/, or null; names are whitelisted by pattern and kept inside. */
  async publicFile(name: string): Promise<Asset | null> {
    if (!PUBLIC_NAME.test(name)) return null;
    const file = resolve(this.publicDir, name);
    if (!file.startsWith(this.publicDir + sep)) return null;
    return this.read(file);
  }

  async vendorFile(name: string): Promise<Asset | null> {
    const locate = VENDOR[name];
    return locate ? this.read(locate()) : null;
  }

  /** The console's strings for one supported language, or null. */
  async locale(lang: string): Promise<Record<string, unknown> | null> {
    if (!this.config.locale.supported.includes(lang)) return null;
    const asset = await this.read(localesPath(lang, 'console.json'));
    return asset ? (JSON.parse(asset.body.toString('utf8')) as Record<string, unknown>) : null;
  }

  private async read(file: string): Promise<Asset | null> {
    try {
      return { body: await readFile(file), type: TYPES[extname(file)] ?? 'application/octet-stream' };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  }
}
