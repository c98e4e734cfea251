import { loadWordLists } from './word-lists';
import { Understanding } from './understanding';

const TOPICS = [
  { payload: '交通运输', words: '交通运输 公交、道路和交通出行' },
  { payload: '城乡建设', words: '城乡建设 住房、物业、供暖供水和市政设施' },
];
const CULTURE = [
  { payload: '民族宗教与文化文史', words: '民族宗教与文化文史 文物古迹、非遗、宗教民族和地方文史' },
  { payload: '城乡建设', words: '城乡建设 住房、物业、供暖供水和市政设施' },
];

describe('Understanding.closestTopic', () => {
  const understanding = new Understanding(loadWordLists());
  it.each([
    ['坐公交的事', TOPICS, '交通运输'],
    ['是公交车太少', TOPICS, '交通运输'],
    ['物业不管', TOPICS, '城乡建设'],
    ['小区供暖的问题', TOPICS, '城乡建设'],
    ['是老房子文物保护的事', CULTURE, '民族宗教与文化文史'],
    ['跟住房有关', CULTURE, '城乡建设'],
    ['嗯嗯', TOPICS, null],
    ['是的问题', TOPICS, null],
  ])('%s → %s', (answer, topics, expected) => {
    expect(understanding.closestTopic(answer, topics)).toBe(expected);
  });
});
