import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Clock } from '../common/clock';
import { MemberEntity } from '../org/member.entity';
import { WorkstationEntity } from '../org/workstation.entity';
import { ConsoleAuditEntity } from './auth/console-audit.entity';
import { ConsoleAuditService } from './auth/console-audit.service';
import { SignInThrottle } from './auth/sign-in-throttle';
import { ConsoleAuthGuard } from './auth/console-auth.guard';
import { ConsoleAuthRepository } from './auth/console-auth.repository';
import { ConsoleLoginTokenEntity } from './auth/console-login-token.entity';
import { ConsoleSessionEntity } from './auth/console-session.entity';
import { LoginLinks } from './auth/login-links';
import { ScopeService } from './auth/scope.service';
import { SessionService } from './auth/session.service';
import { SignInService } from './auth/sign-in.service';
import { consoleWecomClientProvider } from './auth/wecom-oauth';

/**
 * Console sessions, roles and scope. Global, so any feature can inject ScopeService and use `@ConsoleAuth`
 * (the guard is app-wide) without importing it; importing it explicitly is harmless.
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([ConsoleSessionEntity, ConsoleLoginTokenEntity, ConsoleAuditEntity, MemberEntity, WorkstationEntity])],
  providers: [
    ConsoleAuthRepository,
    SessionService,
    ConsoleAuditService,
    SignInService,
    SignInThrottle,
    ScopeService,
    consoleWecomClientProvider,
    { provide: LoginLinks, inject: [ConsoleAuthRepository, Clock], useFactory: (repo: ConsoleAuthRepository, clock: Clock) => new LoginLinks(repo, () => clock.now()) },
    { provide: APP_GUARD, useClass: ConsoleAuthGuard },
  ],
  exports: [ScopeService, SessionService, ConsoleAuditService, SignInService, SignInThrottle, LoginLinks],
})
export class ConsoleAuthModule {}
