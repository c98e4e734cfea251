import { ConfigError } from '../config/config.error';
import { configPath } from '../config/paths';
import { YamlFile } from '../config/yaml-file';
import { loadOrgConfig, orgConfigSchema } from './org-config';

const REQUIRED_SECTORS = ['城乡建设', '环境保护', '交通运输', '教育文体', '劳动和社会保障', '商贸旅游', '卫生计生', '农业农村', '能源与安全生产', '政法与社会治理'];

function problemsOf(text: string): string[] {
  try {
    YamlFile.parse('org.yaml', text).validate(orgConfigSchema);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('org.yaml', () => {
  it('ships a default organisation: six studios, every committee covered, one triage queue', () => {
    const org = loadOrgConfig();
    const studios = org.workstations.filter((w) => w.kind === 'studio');
    expect(studios).toHaveLength(6);
    expect(org.workstations.filter((w) => w.kind === 'triage')).toHaveLength(1);
    for (const committee of org.committees.filter((c) => c.kind === 'specialised')) {
      expect(studios.some((w) => w.committee === committee.code)).toBe(true);
    }
    const names = org.sectors.map((s) => s.name);
    for (const name of REQUIRED_SECTORS) expect(names).toContain(name);
    // every sector is covered by some committee, so no sector routes only to triage by construction
    for (const sector of org.sectors) expect(org.committees.some((c) => c.sectors.includes(sector.code))).toBe(true);
    for (const studio of studios) expect(studio.duty.length).toBeGreaterThan(0);
  });

  it('reports an unknown reference with file, line, path and reason', () => {
    const text = `city: X
sectors:
  - { code: urban, name: 城乡建设 }
committees:
  - { code: c1, name: C1, sectors: [urban, nosuch] }
  - { code: office, name: 办公室, kind: office }
areas: []
workstations:
  - { code: w1, name: W1, committee: c1 }
  - { code: triage, name: T, committee: office, kind: triage }
members: []
`;
    expect(problemsOf(text)).toEqual(['org.yaml:5: committees.0.sectors.1: unknown sector "nosuch"']);
  });

  it('requires a studio for every specialised committee and exactly one triage queue', () => {
    const text = `city: X
sectors: [{ code: urban, name: 城乡建设 }]
committees: [{ code: c1, name: C1, sectors: [urban] }]
areas: []
workstations: [{ code: w1, name: W1, committee: c1, kind: triage }, { code: w2, name: W2, committee: c1, kind: triage }]
members: []
`;
    const problems = problemsOf(text);
    expect(problems).toContain('org.yaml:5: workstations: expected exactly one workstation of kind triage, found 2');
    expect(problems.some((p) => p.includes('committee "c1" has no studio'))).toBe(true);
  });

  it('rejects unknown keys and malformed values with their path', () => {
    const base = `city: X
sectors: [{ code: urban, name: 城乡建设 }]
committees: [{ code: c1, name: C1, sectors: [urban] }, { code: office, name: O, kind: office }]
areas: []
workstations:
  - code: w1
    name: W1
    committee: c1
    reception: [{ weekday: 9, start: "9am", end: "11:00" }]
  - { code: triage, name: T, committee: office, kind: triage }
members: [{ userid: a, name: A, role: boss }]
`;
    const problems = problemsOf(base);
    expect(problems.some((p) => p.startsWith('org.yaml:9: workstations.0.reception.0.weekday: weekday is 1 (Monday) to 7 (Sunday)'))).toBe(true);
    expect(problems.some((p) => p.startsWith('org.yaml:9: workstations.0.reception.0.start: expected HH:MM'))).toBe(true);
    expect(problems.some((p) => p.startsWith('org.yaml:11: members.0.role:'))).toBe(true);
  });

  it('points at the shipped file by default', () => {
    expect(configPath('org.yaml')).toMatch(/config[/\\]org\.yaml$/);
  });
});
