import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrgModule } from '../org/org.module';
import { WorkstationEntity } from '../org/workstation.entity';
import { ScopeService } from './scope.service';
import { UnitScope } from './unit-scope';

/**
 * Who may see what: the principal's scope over workstations and committees. Features behind a console session
 * (tickets, reports, consultations, proposals) import this, never the console; the console supplies the
 * sessions behind the guard through PrincipalResolver.
 */
@Module({
  imports: [OrgModule, TypeOrmModule.forFeature([WorkstationEntity])],
  providers: [ScopeService, UnitScope],
  exports: [ScopeService, UnitScope],
})
export class AuthModule {}
