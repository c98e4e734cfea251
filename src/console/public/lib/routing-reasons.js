// Routing decisions are stored as codes (`sector:classifier:urban:0.979`); members read them as sentences.
import { has, t } from './i18n.js';

/** Names by code for sectors, areas, committees and studios, from /api/member/ticket-options. */
export function namesOf(options) {
  const names = {};
  for (const list of ['sectors', 'areas', 'committees', 'workstations']) {
    for (const row of options?.[list] ?? []) names[`${list}:${row.code}`] = row.name;
  }
  return names;
}

/** One code → one sentence; a code this page does not know reads as a plain "other reason", never as the code. */
export function reasonText(code, names) {
  if (code === 'rerouted-by-member') return t('routing.reroutedByMember');
  const [kind, detail, ...rest] = String(code).split(':');
  // A code without a name is a unit since deactivated (or names still loading): never shown as the code.
  const name = (list, c) => names[`${list}:${c}`] ?? (Object.keys(names).length ? t('routing.formerUnit') : '…');
  const last = rest[rest.length - 1];
  switch (`${kind}:${detail}`) {
    case 'sector:classifier':
      return t('routing.sectorClassifier', { sector: name('sectors', rest[0]), confidence: `${Math.round(Number(rest[1]) * 100)}%` });
    case 'sector:chosen-by-resident':
      return t('routing.sectorChosen', { sector: name('sectors', rest[0]) });
    case 'area:found-in-text':
      return t('routing.areaFound', { area: name('areas', rest[0]) });
    case 'committee:none-for-sector':
      return t('routing.noCommittee', { sector: name('sectors', rest[0]) });
    case 'workstation:override':
      return t('routing.override', { workstation: name('workstations', last) });
    case 'workstation:serves-area':
      return t('routing.servesArea', { workstation: name('workstations', rest[0]) });
    case 'workstation:committee-default':
      return t('routing.committeeDefault', { workstation: name('workstations', rest[0]) });
    case 'workstation:triage':
      return t('routing.toTriage', { workstation: name('workstations', rest[0]) });
    case 'workstation:chosen':
      return t('routing.chosenWorkstation', { workstation: name('workstations', rest[0]) });
    case 'committee:chosen':
      return t('routing.chosenCommittee', { committee: name('committees', rest[0]) });
    case 'question:close-call': {
      const [first, second] = String(rest[0] || '').split('/');
      return t('routing.closeCall', { first: name('sectors', first), second: name('sectors', second) });
    }
    case 'sector:unknown-choice':
    case 'sector:unknown':
      return t('routing.unknownSector');
    default:
      break;
  }
  if (kind === 'triage') return t('routing.triage', { why: has(`routing.triageWhy.${detail}`) ? t(`routing.triageWhy.${detail}`) : t('routing.triageWhy.no-sector') });
  if (kind === 'area') return t('routing.area', { area: name('areas', detail) });
  if (kind === 'committee') return t('routing.committee', { committee: name('committees', detail) });
  return t('routing.other');
}
