import { shanghaiDate } from '@hutong/core';
import { RECIPIENT_KINDS, SOURCE_KINDS } from './incident.schema.ts';

/**
 * The letters an incident produces, as pure functions of what is stored: the removal/correction
 * notice to a platform or publisher (第五、十四、十五条), and for a leak from inside the platform
 * the report to the authority and the notice to the guardian (个人信息保护法 第五十七条;
 * 未成年人网络保护条例 第三十五条). None repeats the leaked data: the notice carries the processed
 * excerpt and the post's SM3, the guardian letter a masked name.
 */
const M = '《困境儿童个人信息保护工作办法》';
const PIPL = '《个人信息保护法》';
const MINOR_NET = '《未成年人网络保护条例》';

export const KIND_LABELS: Readonly<Record<string, string>> = {
  name: '姓名', guardian_name: '监护人姓名', village: '所在村（社区）', township: '所在乡镇（街道）', school: '就读学校', id_number: '身份证号',
};

export function chineseDate(d: Date): string {
  const [y, m, day] = shanghaiDate(d).split('-');
  return `${y}年${Number(m)}月${Number(day)}日`;
}

export interface LetterEvidence {
  readonly kinds: readonly string[];
  readonly excerpt: string | null;
  readonly postSm3: string | null;
}

export interface NoticeLetterInput {
  readonly noticeId: string;
  readonly incidentId: string;
  readonly issuedAt: Date;
  readonly dueAt: Date;
  readonly dueDays: number;
  readonly recipient: string;
  readonly recipientKind: keyof typeof RECIPIENT_KINDS;
  readonly request: 'remove' | 'correct' | 'mask';
  readonly contact: string;
  readonly issuerOrgName: string;
  readonly source: { readonly kind: keyof typeof SOURCE_KINDS; readonly name: string };
  readonly postId: string;
  readonly url: string | null;
  readonly detectedAt: Date;
  readonly flags: readonly string[];
  readonly evidence: readonly LetterEvidence[];
}

/** Every article a notice cites, in the order the letter lists them. */
export function noticeLegalBasis(kind: 'platform' | 'publisher'): string[] {
  return [
    `${M}第五条`, `${M}第十四条`, `${M}第十五条`,
    ...(kind === 'platform' ? ['《网络安全法》第四十七条'] : [`${PIPL}第二十五条`]),
    `${PIPL}第二十八条`,
  ];
}

const REQUEST_TEXT: Record<NoticeLetterInput['request'], string> = {
  remove: '删除上述内容',
  correct: '更正上述内容，删除其中儿童的姓名、住址、就读学校、身份证号等能够识别儿童的信息',
  mask: '对上述内容中儿童的姓名、住址、就读学校、肖像等信息做技术处理（屏蔽、遮挡），使其不能识别到该儿童',
};

function found(input: NoticeLetterInput): string {
  const where = input.recipientKind === 'platform' ? `贵平台上的下列内容` : '您发布的下列内容';
  switch (input.source.kind) {
    case 'cyberspace_screening': return `${input.issuerOrgName}在开展网络信息筛查排查（${M}第五条）中发现，${where}披露了一名在册困境儿童的个人信息。`;
    case 'platform_self': return `根据${input.source.name}的自查报告，经${input.issuerOrgName}核对，${where}披露了一名在册困境儿童的个人信息。`;
    default: return `${input.issuerOrgName}发现，${where}披露了一名在册困境儿童的个人信息，该信息系从本平台内部泄露。`;
  }
}

const kindsOf = (evidence: readonly LetterEvidence[]) =>
  [...new Set(evidence.flatMap((e) => e.kinds))].map((k) => KIND_LABELS[k] ?? k).join('、') || '（未列明）';

export function noticeLetter(input: NoticeLetterInput): string {
  const sm3 = [...new Set(input.evidence.map((e) => e.postSm3).filter((s): s is string => !!s))];
  const excerpts = input.evidence.map((e) => e.excerpt).filter((s): s is string => !!s);
  const lines = [
    `# 关于${input.request === 'remove' ? '删除' : input.request === 'correct' ? '更正' : '技术处理'}涉及困境儿童个人信息内容的通知`,
    '',
    `- 通知编号：${input.noticeId}`,
    `- 致：${input.recipient}（${RECIPIENT_KINDS[input.recipientKind]}）`,
    `- 发出机构：${input.issuerOrgName}`,
    `- 日期：${chineseDate(input.issuedAt)}`,
    `- 事件编号：${input.incidentId}`,
    '',
    '## 一、发现的情况',
    '',
    found(input),
    '',
    '| 项目 | 内容 |',
    '|---|---|',
    `| 内容链接 | ${input.url ?? '（未提供，见内容编号）'} |`,
    `| 内容编号 | ${input.postId} |`,
    `| 发现时间 | ${chineseDate(input.detectedAt)} |`,
    `| 披露的信息种类 | ${kindsOf(input.evidence)} |`,
    `| 内容 SM3 摘要值 | ${sm3.length ? sm3.join('；') : '（未提供原文）'} |`,
    '',
    ...(excerpts.length
      ? ['经技术处理的摘录（儿童姓名以化名代替，地址概括到县，证件号码删除；本函不复制被披露的信息，原文请按链接与摘要值核对）：', '', ...excerpts.map((e) => `> ${e}`), '']
      : ['本函不复制被披露的信息，请按链接与内容编号核对。', '']),
    ...(input.flags.includes('label') ? ['该内容还含有将儿童标签化的用语（第十五条）。', ''] : []),
    ...(input.flags.includes('exploit') ? ['该内容还含有利用儿童信息募捐、直播带货或者博眼球的用语（第十五条）。', ''] : []),
    '## 二、依据',
    '',
    `1. ${M}第五条：网信部门要履行监督管理责任，指导网络运营者加强网络信息筛查排查，发现披露泄露困境儿童个人信息的，及时采取有效措施予以纠正，并会同有关部门妥善处置。`,
    `2. ${M}第十四条：……不得公开困境儿童的姓名、家庭住址、肖像、声音影像、就读学校及可能对其造成不良影响的其他内容。确因工作需要的，应当做好技术处理。`,
    `3. ${M}第十五条：任何组织和个人不得将困境儿童标签化，不得利用困境儿童个人信息博眼球、赚流量，不得利用困境儿童个人信息进行募捐、直播带货等。`,
    input.recipientKind === 'platform'
      ? '4. 《网络安全法》第四十七条：网络运营者应当加强对其用户发布的信息的管理，发现法律、行政法规禁止发布或者传输的信息的，应当立即停止传输该信息，采取消除等处置措施，防止信息扩散，保存有关记录，并向有关主管部门报告。'
      : `4. ${PIPL}第二十五条：个人信息处理者不得公开其处理的个人信息，取得个人单独同意的除外。`,
    `5. ${PIPL}第二十八条：特定身份、不满十四周岁未成年人的个人信息等属于敏感个人信息，只有在具有特定的目的和充分的必要性，并采取严格保护措施的情形下，方可处理。`,
    '',
    '## 三、请求',
    '',
    `请于${chineseDate(input.dueAt)}前（${input.dueDays} 日内）${REQUEST_TEXT[input.request]}${input.recipientKind === 'platform' ? '，采取停止传输等必要措施防止信息扩散并保存有关记录' : ''}，处理结果请告知我单位。逾期未处理的，我单位将会同有关部门依照${PIPL}等规定依法处置（${M}第十八条）。`,
    '',
    '## 四、联系方式',
    '',
    input.contact,
    '',
    `${input.issuerOrgName}`,
    '',
    chineseDate(input.issuedAt),
    '',
  ];
  return lines.join('\n');
}

export interface BreachLetterInput {
  readonly incidentId: string;
  readonly orgName: string;
  readonly at: Date;
  readonly detectedAt: Date;
  readonly sourceName: string;
  readonly url: string | null;
  readonly childRef: string;
  readonly maskedName: string | null;
  readonly ownerOrgName: string;
  readonly cause: string;
  readonly infoTypes: readonly string[];
  readonly harm: string;
  readonly measures: string;
  readonly individualMeasures: string;
  readonly contact: string;
  readonly authority: string;
  readonly notices: ReadonlyArray<{ readonly id: string; readonly recipient: string; readonly dueAt: Date }>;
}

/** The three items 个人信息保护法 第五十七条第一款 requires in every breach notification. */
function requiredContents(b: BreachLetterInput, you: '个人' | '您和孩子'): string[] {
  return [
    `## 一、泄露的信息种类、原因和可能造成的危害（${PIPL}第五十七条第一款第一项）`,
    '',
    `- 信息种类：${b.infoTypes.join('、')}`,
    `- 原因：${b.cause}`,
    `- 可能造成的危害：${b.harm}`,
    '',
    `## 二、采取的补救措施，以及${you}可以采取的减轻危害的措施（${PIPL}第五十七条第一款第二项）`,
    '',
    `- 已采取的补救措施：${b.measures}`,
    ...b.notices.map((n) => `- 已通知“${n.recipient}”删除或者更正相关内容，期限至${chineseDate(n.dueAt)}（通知编号 ${n.id}）`),
    `- ${you}可以采取的减轻危害的措施：${b.individualMeasures}`,
    '',
    `## 三、联系方式（${PIPL}第五十七条第一款第三项）`,
    '',
    b.contact,
    '',
  ];
}

export function authorityLetter(b: BreachLetterInput): string {
  return [
    '# 个人信息泄露事件报告',
    '',
    `- 致：${b.authority}`,
    `- 报告单位：${b.orgName}`,
    `- 日期：${chineseDate(b.at)}`,
    `- 事件编号：${b.incidentId}`,
    '',
    `依照${PIPL}第五十七条和${MINOR_NET}第三十五条，现将本单位处理的未成年人个人信息发生泄露的情况报告如下。本单位已启动个人信息安全事件应急预案。`,
    '',
    '## 事件概况',
    '',
    `- 发现时间：${chineseDate(b.detectedAt)}`,
    `- 泄露途径：${b.sourceName}${b.url ? `（${b.url}）` : ''}`,
    `- 受影响的未成年人：1 名在册困境儿童（平台内部引用 ${b.childRef}），所属机构：${b.ownerOrgName}`,
    '',
    ...requiredContents(b, '个人'),
    '## 四、告知受影响的未成年人及其监护人',
    '',
    `本单位将以信函、电话或者信息推送等方式告知受影响的未成年人及其监护人（${MINOR_NET}第三十五条第一款），告知内容包括上述各项。`,
    '',
    b.orgName,
    '',
    chineseDate(b.at),
    '',
  ].join('\n');
}

export function guardianLetter(b: BreachLetterInput): string {
  // A deleted child's record has no name left to mask: the letter still goes to the family.
  const child = b.maskedName ?? '孩子';
  return [
    '# 关于儿童个人信息泄露情况的告知',
    '',
    `致：${b.maskedName ?? '受影响儿童'}的父母或者其他监护人，以及${b.maskedName ?? '儿童'}本人`,
    '',
    `${b.orgName}于${chineseDate(b.detectedAt)}发现，本单位处理的${child}的个人信息发生了泄露。依照${PIPL}第五十七条和${MINOR_NET}第三十五条，现将有关情况告知如下。我们对此深表歉意，并已启动个人信息安全事件应急预案。`,
    '',
    ...requiredContents(b, '您和孩子'),
    `如需进一步了解情况，或者要求查阅、更正、删除孩子的个人信息，请通过上述联系方式与我们联系（${MINOR_NET}第三十四条）。`,
    '',
    b.orgName,
    '',
    chineseDate(b.at),
    '',
  ].join('\n');
}

/** Used when the breach record gives none: what a family can do about a disclosed name and address. */
export const DEFAULT_INDIVIDUAL_MEASURES = '留意陌生来电、短信和上门人员，不向陌生人透露孩子的信息，不点击不明链接；发现有人冒用孩子或家人的信息、骚扰或者威胁的，及时与我们联系，必要时向公安机关报告。';
