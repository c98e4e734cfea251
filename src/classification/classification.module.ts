import { Module } from '@nestjs/common';
import { CLASSIFIER } from './classifier.token';
import { ClassificationService } from './classification.service';

/**
 * Sector classification: needs the global ConfigModule (`classification.lexicon`, `classification.maxChars`).
 * Provides CLASSIFIER, which routing imports this module for, so routing classifies with the loaded lexicon.
 */
@Module({
  providers: [ClassificationService, { provide: CLASSIFIER, useExisting: ClassificationService }],
  exports: [ClassificationService, CLASSIFIER],
})
export class ClassificationModule {}
