import { loadTicketsConfig } from '../config/tickets.config';
import { hotTopics, TopicCandidate } from './hot-topics';

const words = loadTicketsConfig().similar;

const c = (number: string, text: string, sectorCode = 'urban', supportCount = 0): TopicCandidate => ({
  number, title: text.slice(0, 12), text, keywords: [], sectorCode, areaCode: 'a', supportCount,
});

describe(hotTopics.name, () => {
  it('groups residents\' words about one matter at one place, ranks by residents, and drops singletons', () => {
    const topics = hotTopics([
      c('1', '幸福路路灯坏了一个多星期了，晚上黑漆漆的'),
      c('2', '幸福路的路灯晚上不亮，走夜路很害怕'),
      c('3', '滨河小区3号楼前面路面塌陷了，有个大坑', 'urban', 3),
      // classified into another sector, still the same subsidence
      c('4', '滨河小区3号楼那里地面塌陷，坑越来越大，怕有人掉进去', 'safety'),
      c('5', '滨河小区3号楼楼道灯坏了'),
      c('6', '人民路路灯坏了好几天了'),
    ], words);
    expect(topics.map((t) => t.tickets)).toEqual([['3', '4'], ['1', '2']]);
    expect(topics[0].residents).toBe(5);
  });

  it('honours the limit', () => {
    const places = ['幸福路', '人民路', '建设路', '滨河路', '西沙路'];
    const many = places.flatMap((p, i) => [c(`${i}a`, `${p}路灯坏了，晚上很黑`), c(`${i}b`, `${p}的路灯不亮，晚上黑乎乎的`)]);
    expect(hotTopics(many, words, 3)).toHaveLength(3);
    expect(hotTopics(many, words)).toHaveLength(5);
  });
});
