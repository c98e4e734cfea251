import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Clock } from '../common/clock';
import { MemberEntity } from '../org/member.entity';
import { ConsoleAuditEntity } from './auth/console-audit.entity';
import { ConsoleAuditService } from './auth/console-audit.service';
import { SignInThrottle } from './auth/sign-in-throttle';
import { AuthModule } from '../auth/auth.module';
import { ConsoleAuthGuard } from '../auth/console-auth.guard';
import { PrincipalResolver } from '../auth/principal-resolver';
import { ConsoleAuthRepository } from './auth/console-auth.repository';
import { ConsoleLoginTokenEntity } from './auth/console-login-token.entity';
import { ConsoleSessionEntity } from './auth/console-session.entity';
import { LoginLinks } from './auth/login-links';
import { SessionService } from './auth/session.service';
import { SignInService } from './auth/sign-in.service';
import { consoleWecomClientProvider } from './auth/wecom-oauth';

/**
 * Console sessions and sign-in. It supplies the sessions behind the app-wide guard (src/auth) through
 * PrincipalResolver; features behind a session import AuthModule for scope, never this.
 */
@Module({
  imports: [AuthModule, TypeOrmModule.forFeature([ConsoleSessionEntity, ConsoleLoginTokenEntity, ConsoleAuditEntity, MemberEntity])],
  providers: [
    ConsoleAuthRepository,
    SessionService,
    ConsoleAuditService,
    SignInService,
    SignInThrottle,
    consoleWecomClientProvider,
    { provide: LoginLinks, inject: [ConsoleAuthRepository, Clock], useFactory: (repo: ConsoleAuthRepository, clock: Clock) => new LoginLinks(repo, () => clock.now()) },
    { provide: PrincipalResolver, useExisting: SessionService },
    { provide: APP_GUARD, useClass: ConsoleAuthGuard },
  ],
  exports: [AuthModule, SessionService, ConsoleAuditService, SignInService, SignInThrottle, LoginLinks],
})
export class ConsoleAuthModule {}
