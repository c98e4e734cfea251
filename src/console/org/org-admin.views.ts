import { maskPhone } from '../../common/privacy';
import type { AreaEntity } from '../../org/area.entity';
import type { CommitteeEntity } from '../../org/committee.entity';
import type { MemberEntity, MemberRole } from '../../org/member.entity';
import type { ReceptionHours, WorkstationEntity } from '../../org/workstation.entity';

/** What the organisation API returns: plain shapes, with phone numbers masked unless the office asks. */

export interface MemberView {
  userid: string;
  name: string;
  phone: string | null;
  role: MemberRole;
  committeeCode: string | null;
  workstationCode: string | null;
  active: boolean;
}

export interface WorkstationView {
  code: string;
  name: string;
  committeeCode: string;
  kind: WorkstationEntity['kind'];
  areaCodes: string[];
  address: string | null;
  phone: string | null;
  receptionHours: ReceptionHours[];
  active: boolean;
}

export interface CommitteeView {
  code: string;
  name: string;
  kind: CommitteeEntity['kind'];
  sectorCodes: string[];
  description: string | null;
  active: boolean;
}

export interface AreaView {
  code: string;
  name: string;
  kind: AreaEntity['kind'];
  aliases: string[];
  active: boolean;
}

export const memberView = (m: MemberEntity, unmasked: boolean): MemberView => ({
  userid: m.userid, name: m.name, phone: unmasked ? m.phone : maskPhone(m.phone), role: m.role,
  committeeCode: m.committeeCode, workstationCode: m.workstationCode, active: m.active,
});

export const workstationView = (w: WorkstationEntity): WorkstationView => ({
  code: w.code, name: w.name, committeeCode: w.committeeCode, kind: w.kind, areaCodes: w.areaCodes,
  address: w.address, phone: w.phone, receptionHours: w.receptionHours, active: w.active,
});

export const committeeView = (c: CommitteeEntity): CommitteeView => ({
  code: c.code, name: c.name, kind: c.kind, sectorCodes: c.sectorCodes, description: c.description, active: c.active,
});

export const areaView = (a: AreaEntity): AreaView => ({ code: a.code, name: a.name, kind: a.kind, aliases: a.aliases, active: a.active });
