import { AppException } from '../common/app.exception';

export enum ClassificationExceptionCode {
  CSV_MISSING_COLUMN = 'CSV_MISSING_COLUMN',
  CSV_UNKNOWN_LABEL = 'CSV_UNKNOWN_LABEL',
  CSV_MALFORMED = 'CSV_MALFORMED',
  CSV_EMPTY = 'CSV_EMPTY',
  LEXICON_INVALID = 'LEXICON_INVALID',
  LEXICON_UNREADABLE = 'LEXICON_UNREADABLE',
  NOT_LOADED = 'NOT_LOADED',
}

/** A classification failure an operator can act on: bad training CSV (with its line), bad lexicon file. */
export class ClassificationException extends AppException<ClassificationExceptionCode> {
  constructor(message: string, code: ClassificationExceptionCode, details?: Record<string, unknown>) {
    super(code, message, details);
  }
}
