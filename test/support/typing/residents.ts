import type { Question } from './prompts';

/**
 * Residents who only type, generated from a seed. They write the way residents of a coal, energy and farming
 * county city write to a government account, often elderly and on a phone: spoken style, punctuation left out or
 * doubled, full-width digits from the Chinese keyboard, common typos, phone numbers inside sentences, forms of
 * address instead of names, places as they say them. The phrasings model people; they are not tuned to what the
 * bot understands (docs/typing-residents.md lists them).
 */

/** A deterministic PRNG (mulberry32): one seed gives the same residents on every machine. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** How a resident starts: greets, writes the concern itself, or names what they want. */
export type Opening = 'greeting' | 'concern' | 'menu';
/** How a resident punctuates free text. */
export type Punctuation = 'normal' | 'none' | 'spaces' | 'excited' | 'dots';

export interface Trap {
  question: Question;
  /** An answer the bot should not accept (a wrong phone, emoji only, a question back, a cancel by mistake). */
  phrase: string;
  /** What the bot should do: re-ask the question, or ask before it throws the draft away. */
  expect: 'reask' | 'confirm_cancel';
}

export interface TypingResident {
  id: number;
  opening: Opening;
  greeting: string;
  concern: string;
  /** The place as typed, and the area (town or street) it names. */
  place: string;
  areaCode: string;
  since: string;
  affected: string;
  photos: string;
  /** The phone as typed, and its digits; null when the resident stays anonymous. */
  phone: string | null;
  phoneDigits: string | null;
  anonymous: string;
  /** The name as typed, and the form of address it gives. */
  name: string;
  address: string;
  punctuation: Punctuation;
  fullWidthDigits: boolean;
  /** Picks options by their number rather than words, when the bot shows numbered options. */
  picksByNumber: boolean;
  /** On Customer Service, the share of menus the resident taps instead of typing. */
  tapsMenus: number;
  trap: Trap | null;
  rng: Rng;
}

interface Concern {
  text: string;
}

/** Everyday concerns of the city's residents (coal mining, energy, farming, town life). */
const CONCERNS: readonly Concern[] = [
  { text: '村里的自来水经常停，一停就是好几天，老人孩子吃水都成问题' },
  { text: '我们村后面煤矿采空区塌陷了，地裂缝越来越大，房子墙都裂了' },
  { text: '拉煤的大车天天从村里过，尘土飞扬，晚上还吵得睡不着觉' },
  { text: '小区门口的路灯坏了一个多月了，晚上黑乎乎的，老年人出门不安全' },
  { text: '在工地干了半年活，老板一直拖着工钱不给，过年回家的钱都没有' },
  { text: '我父亲的养老金这个月没到账，去问了几次都说等通知' },
  { text: '住院的钱垫了三个月了，医保报销到现在还没报下来' },
  { text: '冬天暖气一直不热，屋里才十几度，交了取暖费也没人管' },
  { text: '村口的垃圾堆了好久没人清运，臭得很，夏天苍蝇蚊子特别多' },
  { text: '土地流转的钱说好年底给，到现在一分钱都没见着' },
  { text: '娃娃上学的校车停了，每天要走好几里路，下雨天更难走' },
  { text: '我家的低保今年突然取消了，也没人给说个原因' },
  { text: '村里通往镇上的路坑坑洼洼的，一下雨车就过不去' },
  { text: '电压不稳，一到晚上灯就忽明忽暗，家里电器都烧坏了两个' },
  { text: '附近的洗煤厂往河里排黑水，河水都成黑的了，羊都不敢喝' },
  { text: '小区电梯坏了半个月没人修，物业不管，老人上下楼太难了' },
  { text: '养羊的补贴申请了一年了还没批下来，问谁都说不知道' },
  { text: '菜市场门口乱停车，天天堵，上次救护车都进不来' },
  { text: '煤矿放炮震得厉害，我家窑洞顶上都掉土了，怕塌' },
  { text: '有人打电话冒充公安让转钱，村里好几个老人被骗了' },
  // voice input: one run-on sentence with fillers, no punctuation
  { text: '就是我们那个村子里面那个路啊坏了好长时间了然后也没人管下雨天根本走不了车' },
  { text: '那个我想问一下就是我们家那个养老保险交了十几年了现在说是断了嗯不知道咋回事' },
  { text: '我跟你说一下就是我们楼下那个饭馆天天晚上排烟油烟特别大窗户都不敢开' },
];

/** Places as residents type them: an area's name or alias from config/org.yaml with the rest of the address. */
const PLACES: readonly { area: string; texts: readonly string[] }[] = [
  { area: 'daliuta', texts: ['大柳塔镇新村路12号', '就在大柳塔镇前石畔村', '大柳塔这边的活鸡兔村', '我是大柳塔镇的，住在三道沟'] },
  { area: 'xisha', texts: ['西沙街道幸福小区3号楼', '西沙那边的东兴街上', '在西沙街道新华书店后面'] },
  { area: 'linzhou', texts: ['麟州街道文化广场附近', '我住麟州街道南门巷子里'] },
  { area: 'binhe', texts: ['滨河新区滨河花园5号楼', '滨河新区二中对面'] },
  { area: 'gaojiapu', texts: ['高家堡镇王家沟村', '高家堡老街上'] },
  { area: 'diantai', texts: ['店塔镇石角塔村二组', '店塔镇政府往东走一里路'] },
  { area: 'sunjiacha', texts: ['我们是孙家岔镇的，村名叫刘家沟', '孙家岔镇燕家塔村'] },
  { area: 'jinjie', texts: ['锦界镇工业园区对面的家属院', '锦界镇上河村'] },
  { area: 'zhongji', texts: ['中鸡镇三道河村', '中鸡这边'] },
  { area: 'yongxing', texts: ['永兴街道永兴小区8号楼二单元', '永兴街道办事处旁边'] },
  { area: 'erlintu', texts: ['尔林兔镇尔林兔村', '尔林兔镇上'] },
];

const SINCE = ['上个月', '快半年了', '去年冬天就开始了', '三天前', '前两天', '好几年了一直这样', '从今年开春', '十月份开始的', '记不清了 好久了', '有一个多月了', '年前', '去年八月份', '从搬进来就这样', '一直就这样'];
const AFFECTED = ['全村二十多户', '我们一栋楼的人', '不清楚', '不知道', '就我们一家', '好多户人家', '附近的老百姓都受影响', '说不上来', '村里老人多，大概五六十个人', '不太清楚有多少', '估计有几十户', '全组的人', '不好说', '这个说不准'];
const PHOTOS = ['没有照片', '没拍', '没有', '没拍照片', '没', '无', '没照', '没有图片', '手机拍不了', '没有照片，手机不会弄', '没有哩', '照片没拍下', '拍不了照', '没有图', '这个没有', '不会发照片'];
const ANONYMOUS = ['不想留电话', '匿名', '匿名吧', '不留了', '电话就不留了', '电话不方便留'];
const GREETINGS = ['你好', '您好', '在吗', '喂', '有人吗', '同志你好', '你好，我想反映个问题', '再吗', '您好[抱拳]', '在不在', '领导好', '打扰了', '你好！'];
const MENU_FILE = ['反映问题', '我要反映问题', '反应问题', '投诉', '我想反映个事', '我有个事要反映', '我要投诉', '我想反应一下情况', '反映个问题', '有个事想反映一下'];
const CONSENT = ['好的', '行', '可以', '同意的', '嗯', '没问题', '同意', '可以可以', '行，转吧', '好的，麻烦了', '能行', '嗯嗯', 'OK', 'ok的', '同意同意', '好嘞', '行行行', '可以，你们转吧', '嗯嗯好的', '能成'];
const SECTOR_QUESTION = ['第一个', '1', '头一个吧', '前面那个', '第一种', '说不清', '不知道，你们看着办'];
const ROUTE_OK = ['嗯，对', '是的', '对的', '对', '没错', '正确', '对着呢', '是这个', '对对对', '是的没错', '就是这个', '对着哩', '没毛病'];
const SUBMIT = ['提交吧', '对的，提交', '确认', '没问题，提交', '可以，提交', '确认提交', '好的提交吧', '没错 提交', 'OK 提交', '提交', '行 提交', '都对着呢 提交吧', '可以了提交吧', '没啥问题了'];
const NOT_SAME = ['不是', '不是一回事', '单独提交', '不一样', '我这是单独的事', '不是同一个事', '不是的', '两码事', '不是我这个'];
const RESUME = ['继续', '接着来', '继续吧', '接着填', '接着弄'];
const THANKS = ['谢谢', '麻烦了', '谢谢你们', '辛苦了', '谢谢[抱拳]'];
/** Answers to "discard the draft?" after a cancel typed by mistake: keep it. */
const KEEP_DRAFT = ['不放弃', '继续', '点错了，继续', '不是 我按错了 继续填', '按错了', '不要放弃'];

const SURNAMES = ['王', '刘', '李', '张', '赵', '孙', '马', '高', '杨', '郭', '贺', '乔'];
/** Ways of giving a name; `{s}` is the surname. The form of address is what a member should call them. */
const NAMES: readonly { typed: string; address: string }[] = [
  { typed: '我姓{s}', address: '{s}' },
  { typed: '{s}先生', address: '{s}先生' },
  { typed: '叫我老{s}就行', address: '老{s}' },
  { typed: '{s}阿姨', address: '{s}阿姨' },
  { typed: '免贵姓{s}', address: '{s}' },
  { typed: '老{s}', address: '老{s}' },
  { typed: '你就叫我{s}姐吧', address: '{s}姐' },
  { typed: '{s}师傅', address: '{s}师傅' },
  { typed: '{s}建国', address: '{s}建国' },
  { typed: '我叫{s}秀英', address: '{s}秀英' },
  { typed: '我是老{s}', address: '老{s}' },
  { typed: '{s}大爷', address: '{s}大爷' },
  { typed: '小{s}', address: '小{s}' },
  { typed: '老{s}就行', address: '老{s}' },
  { typed: '{s}老师', address: '{s}老师' },
];

/** Status questions; `{n}` is the ticket number in the resident's writing. */
const STATUS = ['{n}办得怎么样了', '查一下{n}的进度', '我那个{n}现在咋样了', '请问{n}有结果没有', '帮我查查 {n}', '{n}到哪一步了', '{n}这个事有人管没有', '{n}怎么样了', '我想问下{n}的进度', '{n}的事办了没'];

/** Deliberate wrong answers; the bot should re-ask (and keep the draft). */
const TRAPS: readonly Trap[] = [
  { question: 'phone', phrase: '我电话是1380013800', expect: 'reask' },
  { question: 'phone', phrase: '电话138001380001', expect: 'reask' },
  { question: 'photos', phrase: '👍', expect: 'reask' },
  { question: 'consent', phrase: '啥意思', expect: 'reask' },
  { question: 'route', phrase: '这个我也不懂', expect: 'reask' },
  { question: 'since', phrase: '取消', expect: 'confirm_cancel' },
  { question: 'affected', phrase: '退出', expect: 'confirm_cancel' },
];

const FULL_WIDTH_OFFSET = 0xfee0;

/** Half-width digits and ASCII letters as a Chinese keyboard's full-width mode types them. */
export function toFullWidth(s: string): string {
  return s.replace(/[0-9A-Za-z+\-]/g, (c) => (c === '-' ? '－' : String.fromCharCode(c.charCodeAt(0) + FULL_WIDTH_OFFSET)));
}

/** A landline of the city (area code 0912), typed as people write it. */
const LANDLINE = '0912-8123456';

function phoneOf(rng: Rng): { typed: string; digits: string } {
  const digits = `1${rng.pick(['3', '5', '8', '9', '7'])}${String(rng.int(10))}${String(rng.int(1e8)).padStart(8, '0')}`;
  const spaced = `${digits.slice(0, 3)} ${digits.slice(3, 7)} ${digits.slice(7)}`;
  const dashed = `${digits.slice(0, 3)}-${digits.slice(3, 7)}-${digits.slice(7)}`;
  const typed = rng.pick([
    digits,
    `我的电话是${digits}`,
    toFullWidth(digits),
    spaced,
    `+86 ${digits}`,
    `+86-${digits}`,
    `电话${dashed}`,
    `${digits}，打这个就行`,
    `手机号${toFullWidth(digits)}`,
    `我手机 ${spaced}`,
    `家里座机${LANDLINE}`,
    `联系电话：${digits}`,
    `手机${digits}，白天都在`,
  ]);
  return typed.includes(LANDLINE) ? { typed, digits: LANDLINE.replace('-', '') } : { typed, digits };
}

/** Applies a resident's punctuation habit to free text. */
export function punctuate(text: string, style: Punctuation): string {
  switch (style) {
    case 'normal':
      return text;
    case 'none':
      return text.replace(/[，。！？、,.!?]/g, '');
    case 'spaces':
      return text.replace(/[，。！？、,.!?]/g, ' ').trim();
    case 'excited':
      return `${text.replace(/[，]/g, '！')}！！`;
    case 'dots':
      return `${text.replace(/[，]/g, '。。。')}。。。`;
  }
}

export function generateResidents(seed: number, count: number): TypingResident[] {
  const rng = new Rng(seed);
  return Array.from({ length: count }, (_, id) => {
    const own = new Rng(Math.floor(rng.next() * 2 ** 32));
    const place = own.pick(PLACES);
    const anonymous = own.chance(0.1);
    const phone = phoneOf(own);
    const surname = own.pick(SURNAMES);
    const name = own.pick(NAMES);
    const fullWidthDigits = own.chance(0.25);
    const r: TypingResident = {
      id,
      opening: own.pick<Opening>(['greeting', 'greeting', 'concern', 'concern', 'menu', 'menu', 'menu']),
      greeting: own.pick(GREETINGS),
      concern: own.pick(CONCERNS).text,
      place: fullWidthDigits ? toFullWidth(own.pick(place.texts)) : own.pick(place.texts),
      areaCode: place.area,
      since: own.pick(SINCE),
      affected: own.pick(AFFECTED),
      photos: own.pick(PHOTOS),
      phone: anonymous ? null : phone.typed,
      phoneDigits: anonymous ? null : phone.digits,
      anonymous: own.pick(ANONYMOUS),
      name: name.typed.replace('{s}', surname),
      address: name.address.replace('{s}', surname),
      punctuation: own.pick<Punctuation>(['normal', 'normal', 'none', 'none', 'spaces', 'excited', 'dots']),
      fullWidthDigits,
      picksByNumber: own.chance(0.3),
      tapsMenus: own.pick([0, 0.3, 0.6]),
      trap: own.chance(0.25) ? own.pick(TRAPS) : null,
      rng: own,
    };
    if (own.chance(0.2)) r.concern = r.concern.replace('反映', '反应').replace('已经', '以经');
    return r;
  });
}

/** Locale keys of the option a resident wants at a question, when the bot offers buttons or numbers. */
export const WANTED_OPTION: Partial<Record<Question, string>> = {
  menu: 'menu.opt_file',
  photos: 'concern.skip_btn',
  more_photos: 'concern.done_btn',
  consent: 'concern.consent_yes_btn',
  route: 'concern.route_ok_btn',
  summary: 'concern.submit_btn',
  similar: 'concern.keep_btn',
  resume: 'system.resume_continue_btn',
};

/** Ways of choosing the n-th option (1-based) by its number. */
export function numberPick(rng: Rng, n: number): string {
  const words = ['一', '二', '三', '四', '五', '六', '七', '八', '九'];
  return rng.pick([String(n), toFullWidth(String(n)), `第${words[n - 1]}个`, `选${n}`, `${n}。`, `${n}吧`, `选第${words[n - 1]}个`]);
}

/** A sentence with the ticket number as a resident copies or types it. */
export function statusPhrase(r: TypingResident, number: string): string {
  const written = r.rng.pick([
    number,
    number.toLowerCase(),
    toFullWidth(number),
    `${number.slice(0, 10)} ${number.slice(10).replace('-', '')}`,
    number.replace('-', ' - '),
  ]);
  return r.rng.pick(STATUS).replace('{n}', written);
}

/** The resident's typed answer to a question; `attempt` counts earlier tries at the same question. */
export function typedAnswer(r: TypingResident, q: Question, attempt: number): string {
  const { rng } = r;
  const free = (s: string) => punctuate(s, r.punctuation);
  const polite = (s: string) => (rng.chance(0.15) ? `${s}${rng.pick(['，', ' ', ''])}${rng.pick(THANKS)}` : s);
  switch (q) {
    case 'menu':
      return rng.pick(MENU_FILE);
    case 'text':
      return free(r.concern);
    case 'where':
      return free(r.place);
    case 'since':
      return free(r.since);
    case 'affected':
      return free(r.affected);
    case 'photos':
    case 'more_photos':
      return attempt === 0 ? r.photos : rng.pick(PHOTOS);
    case 'phone':
      if (!r.phone) return r.anonymous;
      return attempt === 0 ? r.phone : r.phoneDigits ?? r.anonymous;
    case 'name':
      return r.name;
    case 'consent':
      return polite(rng.pick(CONSENT));
    case 'route':
      return rng.pick(ROUTE_OK);
    // Two sectors too close to call: people pick one by its place in the sentence, or say they cannot tell.
    case 'sector_question':
      return rng.pick(SECTOR_QUESTION);
    case 'summary':
      return polite(rng.pick(SUBMIT));
    case 'similar':
      return rng.pick(NOT_SAME);
    case 'resume':
      return rng.pick(RESUME);
    case 'confirm_cancel':
      return rng.pick(KEEP_DRAFT);
    // Asked only of a resident who rejects the route, edits or asks for status without a number; these residents
    // do none of that, so meeting one means the bot went somewhere unexpected.
    case 'sector':
    case 'edit_field':
    case 'status_number':
      return '算了，我重新说';
  }
}

export function openingMessage(r: TypingResident): string {
  if (r.opening === 'greeting') return r.greeting;
  if (r.opening === 'concern') return punctuate(r.concern, r.punctuation);
  return r.rng.pick(MENU_FILE);
}
