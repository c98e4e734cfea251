import { join } from 'node:path';
import { loadOrgConfig } from '../org/org-config';
import { loadClassifier } from './classifier.loader';
import { readExamplesCsv } from './dataset';

const fixture = (name: string): string => join(__dirname, '..', '..', 'test', 'fixtures', 'classification', name);

describe('the city labelled set', () => {
  const sectors = loadOrgConfig().sectors.map((s) => s.name);
  const city = readExamplesCsv(fixture('city-sectors.csv'), sectors);
  const heldOut = readExamplesCsv(fixture('city-sectors.holdout.csv'), sectors);
  const count = (rows: typeof city) => Object.fromEntries(sectors.map((s) => [s, rows.filter((r) => r.label === s).length]));

  it('has at least 40 concerns for every sector of org.yaml, and 10 held out in another voice', () => {
    expect(Object.values(count(city)).every((n) => n >= 40)).toBe(true);
    expect(Object.values(count(heldOut)).every((n) => n >= 10)).toBe(true);
  });

  it('keeps the held-out concerns out of the training set, and every id unique', () => {
    const texts = new Set(city.map((r) => r.text));
    expect(heldOut.filter((r) => texts.has(r.text))).toEqual([]);
    expect(new Set(city.map((r) => r.id)).size).toBe(city.length);
    expect(texts.size).toBe(city.length);
  });
});

describe('the shipped lexicon on the concerns the city reported as misrouted', () => {
  const classifier = loadClassifier();

  it.each([
    ['交通运输', '县城到镇上的公交车一天只有两班'],
    ['能源与安全生产', '矿上井下安全设备老化'],
    ['能源与安全生产', '变电站经常跳闸停电'],
    ['政法与社会治理', '邻居占了我家宅基地'],
    ['政法与社会治理', '电信诈骗'],
    ['政法与社会治理', '偷电动车'],
    ['政法与社会治理', '法院判了执行不了'],
    ['民族宗教与文化文史', '古长城烽火台被挖土破坏'],
  ])('%s: %s', (sector, text) => {
    expect(classifier.classify({ text }).sector).toBe(sector);
  });
});
