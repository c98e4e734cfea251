import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { Classification } from '../classification/classifier';
import type { CommitteeEntity } from '../org/committee.entity';
import { OrgService } from '../org/org.service';
import type { SectorEntity } from '../org/sector.entity';
import type { WorkstationEntity } from '../org/workstation.entity';
import { CLASSIFIER, SectorClassifier } from '../classification/classifier.token';

export interface RouteInput {
  text: string;
  title?: string;
  areaCode?: string | null;
  /** The sector NAME (or code) the resident chose; it wins over the classifier. */
  chosenSector?: string | null;
}

type Named = { code: string; name: string };

export interface RouteDecision {
  classification: Classification;
  sector: Named | null;
  committee: Named | null;
  workstation: Named;
  areaCode: string | null;
  triage: boolean;
  /**
   * A close call between two sectors (`Classification.closeCall`) the resident has not settled: the dialog asks
   * which fits (`concern.sector_question` with `concern.sector_topics.<code>`) and routes again with the answer
   * as `chosenSector`. Null when the resident chose, or the classifier is sure enough or knows too little.
   */
  question: { first: Named; second: Named } | null;
  /** Why, step by step, as codes with arguments (`sector:classifier:urban`, `workstation:override:urban/xisha`). */
  reasons: string[];
}

const NO_CLASSIFIER: Classification = {
  sector: null, confidence: 0, top3: [], keywords: [], bias: 0, otherContribution: 0, triage: true, reason: 'no-keywords',
  runnerUp: null, closeCall: false, truncated: false,
};

const named = (e: { code: string; name: string }): Named => ({ code: e.code, name: e.name });

/** The two sectors of a close call, when both are active sectors of the organisation. */
function closeCallQuestion(classification: Classification, byName: (n: string | null) => SectorEntity | null): RouteDecision['question'] {
  if (!classification.closeCall || !classification.runnerUp) return null;
  const first = byName(classification.sector);
  const second = byName(classification.runnerUp.sector);
  return first && second && first.code !== second.code ? { first: named(first), second: named(second) } : null;
}

/** sector (+ area) → committee → workstation; anything uncertain goes to the office's triage queue. */
@Injectable()
export class RoutingService {
  private readonly logger = new Logger(RoutingService.name);
  private warned = false;

  constructor(
    private readonly org: OrgService,
    @Optional() @Inject(CLASSIFIER) private readonly classifier: SectorClassifier | null = null,
  ) {}

  async route(input: RouteInput): Promise<RouteDecision> {
    const classification = this.classify(input);
    let areaCode = input.areaCode ?? null;
    const reasons: string[] = [];
    if (!areaCode) {
      const found = await this.org.findArea(input.text);
      if (found) {
        areaCode = found.code;
        reasons.push(`area:found-in-text:${found.code}`);
      }
    }
    const decision = await this.decide(classification, areaCode, input.chosenSector ?? null);
    return { ...decision, reasons: [...reasons, ...decision.reasons] };
  }

  /** The routing rules over a classification already made (also used by re-routing and tests). */
  async decide(classification: Classification, areaCode: string | null, chosenSector: string | null): Promise<RouteDecision> {
    const reasons: string[] = [];
    const sectors = await this.org.repo.activeSectors();
    const byName = (n: string | null) => sectors.find((s) => s.name === n || s.code === n) ?? null;
    let sector: SectorEntity | null = null;
    if (chosenSector) {
      sector = byName(chosenSector);
      reasons.push(sector ? `sector:chosen-by-resident:${sector.code}` : `sector:unknown-choice:${chosenSector}`);
    }
    if (!sector && classification.sector) {
      if (classification.triage) {
        reasons.push(`triage:${classification.reason ?? 'low-confidence'}:${classification.confidence.toFixed(3)}`);
      } else {
        sector = byName(classification.sector);
        reasons.push(sector ? `sector:classifier:${sector.code}:${classification.confidence.toFixed(3)}` : `sector:unknown:${classification.sector}`);
      }
    } else if (!sector) {
      reasons.push(`triage:${classification.reason ?? 'no-sector'}`);
    }
    const question = chosenSector ? null : closeCallQuestion(classification, byName);
    if (question) reasons.push(`question:close-call:${question.first.code}/${question.second.code}`);
    if (areaCode) reasons.push(`area:${areaCode}`);
    const target = sector ? await this.workstationFor(sector.code, areaCode, reasons) : null;
    if (!target) {
      const triage = await this.org.triageWorkstation();
      reasons.push(`workstation:triage:${triage.code}`);
      return { classification, sector: sector && named(sector), committee: null, workstation: named(triage), areaCode, triage: true, question, reasons };
    }
    return {
      classification,
      sector: named(sector!),
      committee: named(target.committee),
      workstation: named(target.workstation),
      areaCode,
      triage: false,
      question,
      reasons,
    };
  }

  /** Override for (sector, area) first; else the committee's studio serving the area; else its first studio. */
  async workstationFor(
    sectorCode: string,
    areaCode: string | null,
    reasons: string[],
  ): Promise<{ committee: CommitteeEntity; workstation: WorkstationEntity } | null> {
    const [committees, workstations] = await Promise.all([this.org.repo.activeCommittees(), this.org.repo.activeWorkstations()]);
    const committee = committees.find((c) => c.sectorCodes.includes(sectorCode));
    if (!committee) {
      reasons.push(`committee:none-for-sector:${sectorCode}`);
      return null;
    }
    reasons.push(`committee:${committee.code}`);
    if (areaCode) {
      const override = await this.org.repo.routingOverride(sectorCode, areaCode);
      const ws = override && workstations.find((w) => w.code === override.workstationCode);
      if (ws) {
        reasons.push(`workstation:override:${sectorCode}/${areaCode}:${ws.code}`);
        return { committee: committees.find((c) => c.code === ws.committeeCode) ?? committee, workstation: ws };
      }
    }
    const studios = workstations.filter((w) => w.committeeCode === committee.code && w.kind === 'studio');
    const serving = areaCode ? studios.find((w) => w.areaCodes.includes(areaCode)) : undefined;
    if (serving) {
      reasons.push(`workstation:serves-area:${serving.code}`);
      return { committee, workstation: serving };
    }
    if (studios[0]) {
      reasons.push(`workstation:committee-default:${studios[0].code}`);
      return { committee, workstation: studios[0] };
    }
    reasons.push(`workstation:none-for-committee:${committee.code}`);
    return null;
  }

  private classify(input: RouteInput): Classification {
    if (!this.classifier) {
      if (!this.warned) this.logger.warn('no classifier registered: concerns without a chosen sector go to triage');
      this.warned = true;
      return NO_CLASSIFIER;
    }
    return this.classifier.classify({ text: input.text, title: input.title });
  }
}
