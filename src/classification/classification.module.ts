import { Global, Module } from '@nestjs/common';
import { CLASSIFIER } from './classifier.token';
import { ClassificationService } from './classification.service';

/**
 * Sector classification: needs the global ConfigModule (`classification.lexicon`, `classification.maxChars`).
 * Global, and provides the routing module's CLASSIFIER, so routing classifies with the loaded lexicon.
 */
@Global()
@Module({
  providers: [ClassificationService, { provide: CLASSIFIER, useExisting: ClassificationService }],
  exports: [ClassificationService, CLASSIFIER],
})
export class ClassificationModule {}
