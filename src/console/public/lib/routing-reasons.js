// Routing decisions are stored as codes (`sector:classifier:urban:0.979`); members read them as sentences.
import { t } from './i18n.js';

/** Names by code for sectors, areas, committees and studios, from /api/member/ticket-options. */
export function namesOf(options) {
  const names = {};
  for (const list of ['sectors', 'areas', 'committees', 'workstations']) {
    for (const row of options?.[list] ?? []) names[`${list}:${row.code}`] = row.name;
  }
  return names;
}

/** One code → one sentence; an unknown code is shown as it is rather than hidden. */
export function reasonText(code, names) {
  const [kind, detail, ...rest] = String(code).split(':');
  const name = (list, c) => names[`${list}:${c}`] ?? c;
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
    default:
      break;
  }
  if (kind === 'triage') return t('routing.triage', { why: t(`routing.triageWhy.${detail}`) });
  if (kind === 'area') return t('routing.area', { area: name('areas', detail) });
  if (kind === 'committee') return t('routing.committee', { committee: name('committees', detail) });
  return code;
}
