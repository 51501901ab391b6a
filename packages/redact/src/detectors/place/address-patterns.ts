/**
 * The parts of a Chinese address below the division names, as sticky regexes tried at one
 * position. Every quantifier is bounded and each alternative ends in a fixed suffix, so a match
 * attempt costs O(bound) and the whole scan stays linear (types.ts: no catastrophic backtracking).
 */

const HAN = '\\p{Script=Han}';
const NUM = '(?:[A-Za-zＡ-Ｚａ-ｚ]{0,2}[0-9０-９]+[A-Za-zＡ-Ｚａ-ｚ]?|[零〇一二三四五六七八九十百千两]+)';
/** Letters and numbers as buildings and units write them: 3, 三, A, A29, 96A, 12-3, 第五. */
const ID = `(?:第?${NUM}|[A-Za-zＡ-Ｚａ-ｚ])(?:[-－—~～/][0-9０-９A-Za-z]+)*`;

/**
 * Number-bearing parts: 12号, 3组, 三组, 2栋, 1单元, 502室, 12-3-502, 东区. The unit word is what
 * makes a bare number an address part, so a unitless number is only taken inside a chain.
 */
export const NUMBERED = new RegExp(
  `${ID}(?:号院|号楼|号|弄|栋|幢|座|单元|室|层|楼|组|队|社|屯|期|区|排|门|巷|街|栋楼|号房|房|片|院)`,
  'uy',
);
/** A number without a unit (二灶市村958, 9-7-1453, F1314), but not a date, age or amount. */
export const BARE_NUMBER = /[A-Za-z]{0,2}[0-9０-９]+[A-Za-z]?(?:[-－—~～/][0-9０-９A-Za-z]+)*(?![0-9０-９A-Za-z年月日天岁周个人名位次元块米里点时分秒斤户家多余世届期%％．.])/uy;

/**
 * Streets: a short name and a street word (人民路, 解放东街, 宫上巷, 104国道). Names that would
 * cross a function word are cut by STOP below.
 */
export const ROAD = new RegExp(`[${HAN}0-9]{1,10}?(?:大道|大街|胡同|国道|省道|县道|路|街|巷|弄)`, 'uy');

/**
 * Places inside a township or county: estates, natural villages, compounds, workplaces
 * (双源村, 上冯新村, 幸福小区, 国都发展大厦, 十里亭化工市场). Only taken once a chain has begun.
 */
export const POI = new RegExp(
  `[${HAN}A-Za-z]{1,14}?(?:自然村|村民委员会|居民委员会|委员会|村委会|居委会|管委会|小区|花园|大厦|广场|公寓|新村|家园|苑|园|城|中心|市场|大楼|宿舍|工业区|工业园|园区|` +
  '厂|公司|商行|店|宾馆|酒店|医院|村|屯|组|队|庄|寨|坊|湾|坪|场|楼|院|府|郡|阁|庭|居|舍|所|站|馆|塘|坑|岭|垟|岙|桥|口|堡|' +
  '营|沟|铺|集|洼|坝|垄|家|头|浜|涂|埠|洋|岗|墩|畈|圩|港|座|轩|墅|邸|仓库|库|大厅|总台|前台|专柜|实验室|教堂|礼堂|' +
  '学校|中学|小学|大学|学院|幼儿园|部|处|室|层|区|期|门|科|行|社|堂|弄|里)',
  'uy',
);

/** Development zones (东郊开发区, 经济技术开发区): below county, often between county and road. */
export const ZONE = new RegExp(`[${HAN}]{0,10}?(?:开发区|工业园区|高新区|新区|园区|工业区|保税区|产业园)`, 'uy');

/** Glue between parts; never ends an address. */
export const LINK = /(?:[-－—_#＃·・ 、（）()/]|附近|对面|对过|旁边|隔壁|[东西南北]侧|[东西][南北]角|门口|楼下|交叉口|交汇处|交口|路口|向[东西南北]|往[东西南北]|与|和|旁)/uy;

/** Characters a place or street name never contains in running text: verbs and function words. */
export const STOP = /[的了是在与及或把被给让我你他她它们这那哪也就还又很说要想能可没不吗呢吧啊着过住到去从将已至为等由对以并而但若因其该各每某]/u;

/** STOP as a table of code units (its class lists BMP characters only), for scans that would otherwise slice. */
const STOP_CODES = new Uint8Array(0x10000);
for (const ch of STOP.source.slice(1, -1)) STOP_CODES[ch.charCodeAt(0)] = 1;

/** Whether the code unit is a STOP character (STOP.test on that one character). */
export function isStopCode(c: number): boolean {
  return STOP_CODES[c] === 1;
}

/** Whether text[from, to) holds a STOP character: STOP.test(text.slice(from, to)) without the slice. */
export function hasStop(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (STOP_CODES[text.charCodeAt(k)] === 1) return true;
  return false;
}

/**
 * Words that say "what follows is where someone lives or comes from". Right after one of these,
 * a lone township or village name, or a street without a number, is an address; elsewhere such a
 * mention is just a place.
 */
export const CUE = /(?:家住|住在|住址|地址|现住|居住在|居住于|住于|(?<![国大])家在|老家在?|来自|户籍地?|籍贯|搬到|搬至|迁至|落户|位于|住进)(?:在|于|是|为)?[:：\s]*/gu;

/** Division-like names the 2023 tree lacks (江东区 was merged in 2016; old 镇 names linger). */
export const ADMIN = new RegExp(`[${HAN}]{1,5}?(?:省|市|区|县|镇|乡|街道)`, 'uy');

/** Estates and villages identify a home; shops, offices and hospitals only with a street or number. */
export const RESIDENTIAL_END = /(?:自然村|小区|花园|公寓|新村|家园|苑|宿舍|家属院|大院|村|屯|组|队|庄|寨|湾|坪|郡|居|塘|坑|岭|垟|岙|堡|营|沟|铺|集|洼|坝|垄)$/u;
/** Estates that name a home without a cue once a division precedes them (松溪县幸福小区). */
export const ESTATE_END = /(?:自然村|小区|花园|新村|公寓|家园|苑|宿舍|家属院|大院|山庄)$/u;
/** Where many people live or nobody does: 住在农村, 来自农村家庭, 县城, 人民政府 say nothing about a home. */
export const GENERIC_PLACE = /^(?:农村|乡村|村里|城里|乡下|山村|小村|县城|城市|市区|郊区|山区|老家|外地|本地|当地|家里|城乡|人民政府|政府|交界|一带|境内|地区|边境|沿海|内地)|(?:交界处?|一带|境内|地区|边境|政府|政府大院)$/u;

/** Addresses start where a road name starts: walk left over at most this many name characters. */
export const ROAD_NAME_MAX = 10;
export const ROAD_BEFORE_NUMBER = /(?:大道|大街|胡同|路|街|巷|弄)(?=[0-9０-９零〇一二三四五六七八九十百]+[号弄巷])/gu;

/** CJK unified ideographs (BMP), the only characters a division name starts with. */
export function isHan(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf);
}
