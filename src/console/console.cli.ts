import type { Command } from 'commander';
import type { DataSource } from 'typeorm';
import { loadConfig } from '../config/config.loader';
import { withDataSource } from '../org/service-database';
import { MemberEntity } from '../org/member.entity';
import { ConsoleAuditEntity } from './auth/console-audit.entity';
import { ConsoleAuthRepository } from './auth/console-auth.repository';
import { ConsoleLoginTokenEntity } from './auth/console-login-token.entity';
import { ConsoleSessionEntity } from './auth/console-session.entity';
import { LoginLinks } from './auth/login-links';
import { safeConsoleHash } from '../tickets/ticket-links';

/** The auth repository over a bare DataSource, for commands that run without Nest. */
export function consoleAuthRepository(dataSource: DataSource): ConsoleAuthRepository {
  return new ConsoleAuthRepository(
    dataSource.getRepository(ConsoleSessionEntity),
    dataSource.getRepository(ConsoleLoginTokenEntity),
    dataSource.getRepository(ConsoleAuditEntity),
    dataSource.getRepository(MemberEntity),
  );
}

/** `minyi login-link <userid> [--next '#/…']`: prints a one-time console sign-in link, valid 15 minutes. */
export function registerConsoleCommands(program: Command): void {
  program
    .command('login-link')
    .description('print a one-time console sign-in link for a member (valid 15 minutes)')
    .argument('<userid>', "the member's WeCom userid")
    .option('--next <hash>', "the console page to land on after sign-in, e.g. '#/ticket?number=SM20261201-0001'")
    .action(async (userid: string, options: { next?: string }) => {
      if (options.next !== undefined && !safeConsoleHash(options.next)) {
        throw new Error(`--next must be a console route such as '#/ticket?number=SM20261201-0001', not ${JSON.stringify(options.next)}`);
      }
      const publicUrl = loadConfig().server.publicUrl;
      const link = await withDataSource(async (dataSource) => {
        const repo = consoleAuthRepository(dataSource);
        const created = await new LoginLinks(repo, () => new Date()).create(userid, publicUrl, options.next);
        await repo.audit({ at: new Date(), actorUserid: null, action: 'login_link.create', target: userid, detail: { via: 'cli' } });
        return created;
      });
      process.stdout.write(`${link.url}\n`);
      process.stderr.write(`valid until ${link.expiresAt.toISOString()}, once\n`);
    });
}
