import type { DataSource } from 'typeorm';
import { ConsultationActionEntity, ConsultationEntity, ConsultationParticipantEntity } from '../../src/consultations/consultation.entities';
import { ProposalEntity } from '../../src/consultations/proposals/proposal.entities';

const STUDIOS = [['ws-binhe', 'education'], ['ws-daliuta', 'resources'], ['ws-gaojiapu', 'agriculture'], ['ws-jinjie', 'economy'], ['ws-xisha', 'social'], ['ws-linzhou', 'culture']];
const DAY = 86_400_000;

/**
 * `n` held consultations spread over the 180 days before `end`, each with members, a department, four residents
 * (three accepted) and two actions (one done on time), and a proposal for every fifth, in batches.
 */
export async function seedConsultations(ds: DataSource, n: number, end: Date): Promise<void> {
  const batch = 500;
  for (let start = 0; start < n; start += batch) {
    const rows = Array.from({ length: Math.min(batch, n - start) }, (_, k) => {
      const i = start + k;
      const [ws, committee] = STUDIOS[i % STUDIOS.length];
      const at = new Date(end.getTime() - ((i * 7919) % 180) * DAY - (i % 24) * 3600_000);
      return { topicId: i + 1, workstationCode: ws, committeeCode: committee, title: `bench ${i}`, startsAt: at, place: 'bench', agenda: 'bench', state: 'held' as const, minutes: 'bench', heldAt: at, createdBy: 'bench', createdAt: at, updatedAt: at };
    });
    const saved = await ds.getRepository(ConsultationEntity).save(rows, { chunk: 100 });
    const participants = saved.flatMap((c, k) => [
      { consultationId: c.id, kind: 'member' as const, memberUserid: 'zhangwei', departmentId: null, topicResidentId: null, response: 'invited' as const, respondedAt: null },
      { consultationId: c.id, kind: 'department' as const, memberUserid: null, departmentId: 1 + (k % 12), topicResidentId: null, response: 'invited' as const, respondedAt: null },
      ...[0, 1, 2, 3].map((r) => ({ consultationId: c.id, kind: 'resident' as const, memberUserid: null, departmentId: null, topicResidentId: c.id * 4 + r, response: r < 3 ? 'accepted' as const : 'declined' as const, respondedAt: c.heldAt })),
    ]);
    await ds.getRepository(ConsultationParticipantEntity).insert(participants.slice(0, participants.length / 2));
    await ds.getRepository(ConsultationParticipantEntity).insert(participants.slice(participants.length / 2));
    await ds.getRepository(ConsultationActionEntity).insert(saved.flatMap((c) => [0, 1].map((a) => {
      const deadline = new Date(c.heldAt!.getTime() + (7 + a * 7) * DAY);
      return { consultationId: c.id, workstationCode: c.workstationCode, departmentId: 1, memberUserid: null, what: 'bench', deadline, state: a === 0 ? 'done' as const : 'open' as const, evidence: null, doneAt: a === 0 ? new Date(deadline.getTime() - DAY) : null, escalatedAt: null, createdAt: c.heldAt! };
    })));
    await ds.getRepository(ProposalEntity).insert(saved.filter((c) => c.id % 5 === 0).map((c) => ({
      consultationId: c.id, topicId: c.topicId, title: 'bench', reasons: 'bench', suggestions: 'bench', sponsorUserid: 'zhangwei', workstationCode: c.workstationCode, committeeCode: c.committeeCode,
      state: 'registered' as const, departmentId: 1, registrationNumber: `B${c.id}`, registeredAt: c.heldAt, deadline: new Date(c.heldAt!.getTime() + 30 * DAY), reply: null, repliedAt: null,
      satisfaction: null, track: 'open' as const, escalatedAt: null, createdAt: c.heldAt!, updatedAt: c.heldAt!,
    })));
  }
}
