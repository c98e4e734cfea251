import { Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { KeywordRow } from '../../classification/overrides/lexicon-overlay';
import type { KeywordSuggestion } from '../../classification/suggest';
import { ConsoleAuth, CurrentPrincipal } from '../../auth/console-auth.decorator';
import type { Principal } from '../../auth/principal';
import { ZodBody, ZodQuery } from '../../common/zod-body';
import * as s from './lexicon-admin.schemas';
import { ACCEPTED_WEIGHT, CorrectionView, LexiconAdminService, SectorSummary, TestResult } from './lexicon-admin.service';
import { CandidateView, LexiconTrainingService } from './lexicon-training.service';

/** The office's lexicon page: keywords, the test box, suggestions from re-routings, and retraining. */
@ApiTags('admin: lexicon')
@ConsoleAuth('admin')
@Controller('api/admin/lexicon')
export class LexiconAdminController {
  constructor(
    private readonly lexicon: LexiconAdminService,
    private readonly training: LexiconTrainingService,
  ) {}

  @Get('sectors')
  @ApiOperation({ summary: 'Sectors with their keyword and override counts, and the lexicon revision' })
  sectors(): Promise<{ revision: number; sectors: SectorSummary[] }> {
    return this.lexicon.sectors();
  }

  @Get('sectors/:sector/keywords')
  @ApiOperation({ summary: "A sector's weighted words, highest first; `q` filters, `page`/`size` page" })
  keywords(@Param('sector') sector: string, @ZodQuery(s.keywordsQuerySchema) q: s.KeywordsQuery) {
    return this.lexicon.keywords(sector, q);
  }

  @Put('sectors/:sector/keywords/:word')
  @ApiOperation({ summary: 'Adds a word or changes its weight (0 removes it); live on every instance within seconds' })
  setWeight(@CurrentPrincipal() p: Principal, @Param('sector') sector: string, @Param('word') word: string, @ZodBody(s.weightSchema) body: s.WeightBody): Promise<KeywordRow> {
    return this.lexicon.setWeight(p, sector, word, body.weight);
  }

  @Delete('sectors/:sector/keywords/:word')
  @ApiOperation({ summary: 'Removes a word from the sector (an override with weight 0)' })
  remove(@CurrentPrincipal() p: Principal, @Param('sector') sector: string, @Param('word') word: string): Promise<KeywordRow> {
    return this.lexicon.setWeight(p, sector, word, 0);
  }

  @Delete('sectors/:sector/overrides/:word')
  @ApiOperation({ summary: "Drops the console's override: the word gets its weight from the lexicon again" })
  reset(@CurrentPrincipal() p: Principal, @Param('sector') sector: string, @Param('word') word: string): Promise<KeywordRow> {
    return this.lexicon.reset(p, sector, word);
  }

  @Post('test')
  @HttpCode(200)
  @ApiOperation({ summary: 'Classifies a sentence: sector, committee, confidence and the words that decided it' })
  test(@ZodBody(s.testSchema) body: s.TestBody): Promise<TestResult> {
    return this.lexicon.test(body.text, body.title);
  }

  @Get('corrections')
  @ApiOperation({ summary: "Members' re-routings and the keywords they suggest (not yet accepted or rejected)" })
  corrections(): Promise<{ corrections: CorrectionView[]; suggestions: Array<KeywordSuggestion & { sector: string }> }> {
    return this.lexicon.corrections();
  }

  @Post('suggestions/accept')
  @HttpCode(200)
  @ApiOperation({ summary: `Accepts a suggested word: it gets \`weight\` (default ${ACCEPTED_WEIGHT}) in the sector` })
  accept(@CurrentPrincipal() p: Principal, @ZodBody(s.suggestionSchema) body: s.SuggestionBody): Promise<KeywordRow> {
    return this.lexicon.setWeight(p, body.sector, body.word, body.weight ?? ACCEPTED_WEIGHT, 'accepted');
  }

  @Post('suggestions/reject')
  @HttpCode(204)
  @ApiOperation({ summary: 'Rejects a suggested word: it is not suggested again' })
  reject(@CurrentPrincipal() p: Principal, @ZodBody(s.suggestionSchema) body: s.SuggestionBody): Promise<void> {
    return this.lexicon.reject(p, body.sector, body.word);
  }

  @Get('candidates')
  @ApiOperation({ summary: 'Retrained lexicons with their held-out evaluation, newest first' })
  candidates(): Promise<CandidateView[]> {
    return this.training.list();
  }

  @Post('candidates')
  @ApiOperation({ summary: 'Trains a candidate on corrections plus an optional CSV (id,label,title,text) and scores it against the lexicon in service on a held-out fifth' })
  retrain(@CurrentPrincipal() p: Principal, @ZodBody(s.retrainSchema) body: s.RetrainBody): Promise<CandidateView> {
    return this.training.retrain(p, body.csv);
  }

  @Post('candidates/:id/publish')
  @HttpCode(200)
  @ApiOperation({ summary: 'Puts the candidate in service (overrides stay on top), on every instance within seconds' })
  publish(@CurrentPrincipal() p: Principal, @Param('id', ParseIntPipe) id: number): Promise<CandidateView> {
    return this.training.publish(p, id);
  }

  @Post('candidates/:id/discard')
  @HttpCode(200)
  @ApiOperation({ summary: 'Discards the candidate' })
  discard(@CurrentPrincipal() p: Principal, @Param('id', ParseIntPipe) id: number): Promise<CandidateView> {
    return this.training.discard(p, id);
  }
}
