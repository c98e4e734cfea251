import { concernSimilarity } from './similarity';
import { loadTicketsConfig } from '../../config/tickets.config';

const words = loadTicketsConfig().similar;

// Pairs as residents type them: the same matter at the same place in other words, and concerns that only share
// a place or only share a matter.
const SAME: Array<[string, string]> = [
  ['幸福路路灯坏了一个多星期了，晚上黑漆漆的', '幸福路的路灯晚上不亮，走夜路很害怕'],
  ['滨河小区3号楼前面路面塌陷了，有个大坑', '滨河小区３号楼那里地面塌陷，坑越来越大，怕有人掉进去'],
  ['西沙街道夜市噪音扰民，凌晨还在营业。', '西沙街道夜市噪音扰民，凌晨两点还在营业。'],
  ['学校门口上下学时间太堵了', '学校门口接孩子的车太多，上下学堵得走不动'],
  ['人民路和建设路路口那块地陷下去了', '人民路建设路路口地面下陷，好大一个坑'],
  ['路灯坏了', '路灯坏了！！'],
];
const DIFFERENT: Array<[string, string]> = [
  ['幸福路路灯坏了一个多星期了，晚上黑漆漆的', '幸福路有人乱倒建筑垃圾，没人管'],
  ['滨河小区3号楼前面路面塌陷了，有个大坑', '滨河小区3号楼楼道灯坏了'],
  ['幸福路路灯坏了一个多星期了，晚上黑漆漆的', '人民路路灯坏了好几天了'],
  ['学校门口上下学时间太堵了', '小区门口垃圾堆了好几天没人清理'],
  ['人民路和建设路路口那块地陷下去了', '人民路建设路路口红绿灯坏了'],
  ['幸福路路灯坏了，晚上很黑', '人民路的路灯不亮，晚上黑乎乎的'],
  ['你好', '你好'],
];

describe(concernSimilarity.name, () => {
  it.each(SAME)('finds %s and %s the same concern, both ways', (a, b) => {
    expect(concernSimilarity(a, b, words)).toBeGreaterThanOrEqual(0.3);
    expect(concernSimilarity(b, a, words)).toBeGreaterThanOrEqual(0.3);
  });

  it.each(DIFFERENT)('keeps %s and %s apart', (a, b) => {
    expect(concernSimilarity(a, b, words)).toBe(0);
    expect(concernSimilarity(b, a, words)).toBe(0);
  });
});
