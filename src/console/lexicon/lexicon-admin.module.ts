import { Module } from '@nestjs/common';
import { LexiconOverridesRepository } from '../../classification/overrides/lexicon-overrides.repository';
import { LexiconSyncService } from '../../classification/overrides/lexicon-sync.service';
import { ConsoleAuthModule } from '../console-auth.module';
import { LexiconAdminController } from './lexicon-admin.controller';
import { LexiconAdminService } from './lexicon-admin.service';
import { LexiconTrainingService } from './lexicon-training.service';
import { ClassificationModule } from '../../classification/classification.module';

/** The console's lexicon tuning, and the sync that keeps every instance's classifier on the tuned lexicon. */
@Module({
  imports: [ConsoleAuthModule, ClassificationModule],
  controllers: [LexiconAdminController],
  providers: [LexiconOverridesRepository, LexiconSyncService, LexiconAdminService, LexiconTrainingService],
})
export class LexiconAdminModule {}
