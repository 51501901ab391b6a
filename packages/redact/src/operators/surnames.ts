/**
 * Han surnames, so court style can tell 张三 (→ 张某) from 阿依古丽 (→ 阿某) and keep 欧阳 whole.
 * Common single surnames (about 99% of the population) and the compound ones still in use.
 */
const SINGLE =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤' +
  '常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由'.replace('阿', '').replace('乌', '').replace('哈', '');

const COMPOUND = [
  '欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒', '夏侯', '轩辕', '令狐',
  '端木', '独孤', '南宫', '西门', '百里', '呼延', '万俟', '申屠', '太史', '钟离', '闻人', '澹台', '公冶', '宗政', '濮阳',
  '淳于', '单于', '太叔', '仲孙', '赫连', '羊舌', '微生', '公羊', '梁丘', '左丘', '东郭', '拓跋', '司空', '第五', '鲜于',
];

const singles = new Set(SINGLE);
const compounds = new Set(COMPOUND);

/** Separators in transliterated minority and foreign names (阿卜杜拉·买买提). */
export const NAME_DOT = /[·•・‧∙]/u;

export type NameKind = 'han' | 'other';

/**
 * The surname of a Han name, or null for minority and foreign names. A detector's meta.surname
 * wins; a two-character 欧阳 alone is read as 欧 + 阳, since a bare compound surname is rarer.
 */
export function hanSurname(name: string, metaSurname?: unknown): string | null {
  if (typeof metaSurname === 'string' && metaSurname && name.startsWith(metaSurname)) return metaSurname;
  if (NAME_DOT.test(name)) return null;
  const chars = [...name];
  if (chars.length >= 3 && compounds.has(chars[0]! + chars[1]!)) return chars[0]! + chars[1]!;
  if (singles.has(chars[0] ?? '')) return chars[0]!;
  return null;
}
