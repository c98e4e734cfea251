/**
 * Traditional → simplified for the characters residents commonly type (phones set to traditional input, or
 * relatives abroad). No maintained converter ships with the project, so this is a compact table: each character of
 * TRADITIONAL maps to the character at the same position of SIMPLIFIED. Word lists are simplified, so only
 * characters that can occur in answers matter.
 */
const TRADITIONAL =
  '這個們來說話對錯沒問題確認記錄電號碼無關係時間區樓門燈壞幫查詢進度滿意謝給請聯繫維護環衛氣車輛過還會' +
  '麼為什嗎聽見講讓從裡後並與實經現處動長開關變點線網頁錢貴買賣單據專業務員辦結評價預約議協續繼資訊' +
  '圖片傳姓稱呼寫謂應該將軍陽陰晝夜雙學校醫療衛險災害燒飯飲熱冷暖氣漲價場廠礦農業機構廣場臟亂垃圾髒' +
  '邊東們觀覽願當專題條規劃設計鎮街鄉縣區劃莊園壩湧濕溝橋鐵興紅綠質響嚴禁擾噪聲鬧鄰居樂歡謝謝較難' +
  '間隨況嘆爺奶媽爸兒孫劉張陳楊趙黃吳鄭馮衛蔣韓鄧許蕭葉呂蘇盧魏孫錢龍萬頭腦臉腳備註個別總換領域決達鐘';
const SIMPLIFIED =
  '这个们来说话对错没问题确认记录电号码无关系时间区楼门灯坏帮查询进度满意谢给请联系维护环卫气车辆过还会' +
  '么为什吗听见讲让从里后并与实经现处动长开关变点线网页钱贵买卖单据专业务员办结评价预约议协续继资讯' +
  '图片传姓称呼写谓应该将军阳阴昼夜双学校医疗卫险灾害烧饭饮热冷暖气涨价场厂矿农业机构广场脏乱垃圾脏' +
  '边东们观览愿当专题条规划设计镇街乡县区划庄园坝涌湿沟桥铁兴红绿质响严禁扰噪声闹邻居乐欢谢谢较难' +
  '间随况叹爷奶妈爸儿孙刘张陈杨赵黄吴郑冯卫蒋韩邓许萧叶吕苏卢魏孙钱龙万头脑脸脚备注个别总换领域决达钟';

const TABLE: ReadonlyMap<string, string> = (() => {
  const from = Array.from(TRADITIONAL);
  const to = Array.from(SIMPLIFIED);
  if (from.length !== to.length) throw new Error(`t2s table: ${from.length} traditional vs ${to.length} simplified characters`);
  const map = new Map<string, string>();
  from.forEach((c, i) => {
    if (c !== to[i]) map.set(c, to[i]);
  });
  return map;
})();

/** Replaces the traditional characters of the table by their simplified forms; everything else is kept. */
export function toSimplified(text: string): string {
  let out = '';
  for (const c of text) out += TABLE.get(c) ?? c;
  return out;
}
