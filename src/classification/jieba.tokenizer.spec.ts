import { join } from 'node:path';
import { Classifier } from './classifier';
import { defaultJiebaFiles } from './classifier.loader';
import { JiebaTokenizer } from './jieba.tokenizer';
import { readLexicon } from './lexicon';

const config = (...parts: string[]): string => join(__dirname, '..', '..', 'config', ...parts);

describe(JiebaTokenizer.name, () => {
  const files = defaultJiebaFiles();
  const sut = JiebaTokenizer.load(files, { hmm: false, dictionary: 'small' });

  it('keeps local place names and domain words whole, drops stop words, punctuation and numbers', () => {
    expect(sut.tokenize('神木市大柳塔镇的煤矿塌陷区，2019年养老金和物业费！')).toEqual(['神木市', '大柳塔镇', '煤矿塌陷区', '年', '养老金', '物业费']);
  });

  it('glues Latin letters back into words', () => {
    expect(sut.tokenize('这个APP不好用')).toContain('APP');
  });

  describe('with the shipped lexicon', () => {
    const lexicon = readLexicon(config('lexicon.json'));
    const classifier = new Classifier(lexicon, JiebaTokenizer.load(files, lexicon.tokenizer).tokenize);

    it.each([
      ['城乡建设', '小区停水三天了，自来水公司一直不来修，路灯也坏了'],
      ['交通运输', '出租车司机拒载还绕路，希望加强出租车管理'],
      ['教育文体', '孩子上学难，学校招生划片不合理，教育局不回复'],
      ['劳动和社会保障', '公司拖欠工资半年，社保也没有缴纳'],
      ['商贸旅游', '景区门票乱涨价，旅游体验很差'],
      ['卫生计生', '医院医生态度恶劣，医保报销比例太低'],
      ['环境保护', '化工厂晚上偷偷排放废气，气味刺鼻，污染严重'],
      ['农业农村', '村里土地流转合同到期，合作社不给农户分红，惠农补贴也没发'],
      ['能源与安全生产', '煤矿采空区塌陷，房屋开裂，井下瓦斯超标'],
      ['政法与社会治理', '我被电信诈骗了五万元，派出所立案后一直没有进展'],
      ['民族宗教与文化文史', '村里的寺庙是清代文物，希望保护非遗和古迹'],
    ])('%s: explains its answer', (sector, text) => {
      const r = classifier.classify({ text });
      expect(r.sector).toBe(sector);
      expect(r.keywords.length).toBeGreaterThan(0);
      expect(r.keywords[0].weight).toBeGreaterThan(0);
    });

    it('has all eleven sectors', () => {
      expect(classifier.sectors).toHaveLength(11);
    });
  });
});
