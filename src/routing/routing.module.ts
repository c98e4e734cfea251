import { Module } from '@nestjs/common';
import { OrgModule } from '../org/org.module';
import { RoutingService } from './routing.service';
import { ClassificationModule } from '../classification/classification.module';

/** Routing classifies through CLASSIFIER, which the classification module provides. */
@Module({
  imports: [OrgModule, ClassificationModule],
  providers: [RoutingService],
  exports: [RoutingService],
})
export class RoutingModule {}
