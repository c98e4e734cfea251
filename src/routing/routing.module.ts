import { Module } from '@nestjs/common';
import { OrgModule } from '../org/org.module';
import { RoutingService } from './routing.service';

/** The CLASSIFIER token is provided by the classification module (global) once it is registered. */
@Module({
  imports: [OrgModule],
  providers: [RoutingService],
  exports: [RoutingService],
})
export class RoutingModule {}
