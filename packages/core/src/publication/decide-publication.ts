/**
 * The publication review decision: one pure function of the declared use, what the engine found
 * (and a reviewer adjusted), the linked children's facts and the consents on file, and the date.
 * The outcome is the worst check:
 *   blocked        第十五条 (募捐、打赏、直播、带货、博流量; a forbidden purpose or channel), or an
 *                  element kept that may never be kept — never publishable as submitted;
 *   needs_consent  a linked child lacks the consent 第十二、十三条 require, or its notice;
 *   flagged        a label next to someone identifiable (第十五条), an identifier a reviewer kept
 *                  (第十四条): the reviewer must address it when approving;
 *   ok.
 */
import { CLAUSES } from '../basis/clauses.ts';
import { requireIsoDate } from '../basis/iso-date.ts';
import { errors } from '../errors.ts';
import { FORBIDDEN_PURPOSES, PURPOSE_CODES } from '../purposes/purpose-codes.ts';
import { elementTypeLabel, keepRefusal } from './keep-rules.ts';
import { labelsNextToChildren } from './label-proximity.ts';
import { childPublicityConsent } from './publication-consent.ts';
import { PUBLICATION_CHANNELS, PUBLICATION_KINDS, type CheckSeverity, type ElementFact, type PublicationCheck, type PublicationDecision, type PublicationInput, type PublicationOutcome } from './publication-types.ts';

/** 第十五条 names 募捐 and 直播带货; the lexicon adds tipping, selling links and traffic-seeking. */
const CUE_CATEGORIES: Readonly<Record<string, string>> = Object.freeze({
  fundraising: '募捐', livestream: '直播、打赏', commerce: '带货', traffic: '博眼球、赚流量',
});
const FORBIDDEN_CHANNELS = new Set(['livestream']);
const LISTS = new Set(['award_list', 'aid_list']);
const RANK: Readonly<Record<CheckSeverity, number>> = { block: 3, consent: 2, flag: 1, info: 0 };
const OUTCOME: Readonly<Record<CheckSeverity, PublicationOutcome>> = { block: 'blocked', consent: 'needs_consent', flag: 'flagged', info: 'ok' };

const check = (c: PublicationCheck): PublicationCheck => Object.freeze({ ...c, ...(c.elementIds ? { elementIds: Object.freeze([...c.elementIds]) } : {}) });
const quoted = (es: readonly ElementFact[]) => [...new Set(es.map((e) => `“${e.word ?? elementTypeLabel(e.type)}”`))].join('、');

function declaredUse(input: PublicationInput): PublicationCheck[] {
  const out: PublicationCheck[] = [];
  if (FORBIDDEN_PURPOSES.includes(input.purpose)) {
    out.push(check({ code: 'forbidden_purpose', severity: 'block', clause: CLAUSES.m15, message: `申报的用途为“${PURPOSE_CODES[input.purpose]}”：不得利用困境儿童个人信息进行募捐、直播带货，不得博眼球、赚流量，无论是否取得同意，一律不予发布` }));
  }
  if (FORBIDDEN_CHANNELS.has(input.channel)) {
    out.push(check({ code: 'forbidden_channel', severity: 'block', clause: CLAUSES.m15, message: `发布渠道为“${PUBLICATION_CHANNELS[input.channel]}”：不得利用困境儿童个人信息进行直播带货、博眼球、赚流量，不予发布` }));
  }
  return out;
}

/** Cues block, except in a court's case release, where they may be the facts of the case: flagged there. */
function cues(input: PublicationInput, live: readonly ElementFact[]): PublicationCheck[] {
  const found = live.filter((e) => e.type === 'EXPLOIT_CUE');
  if (!found.length) return [];
  const byCategory = new Map<string, ElementFact[]>();
  for (const e of found) byCategory.set(e.category ?? 'other', [...(byCategory.get(e.category ?? 'other') ?? []), e]);
  return [...byCategory].map(([cat, es]) => {
    const what = CUE_CATEGORIES[cat] ?? '募捐、直播带货或博流量';
    return input.kind === 'case_release'
      ? check({ code: 'exploit_cue_in_case', severity: 'flag', clause: CLAUSES.m15, elementIds: es.map((e) => e.id), message: `案例中出现${quoted(es)}（${what}）：请核实属于案件事实，而非利用儿童信息${what}；处理后的文本已删除这些用语` })
      : check({ code: 'exploit_cue', severity: 'block', clause: CLAUSES.m15, elementIds: es.map((e) => e.id), message: `稿件含${quoted(es)}（${what}）：不得利用困境儿童个人信息博眼球、赚流量，不得进行募捐、直播带货等，一律不予发布；请删除相关内容后重新提交` });
  });
}

function kept(input: PublicationInput, live: readonly ElementFact[]): PublicationCheck[] {
  const out: PublicationCheck[] = [];
  const keptOnes = live.filter((e) => e.kept);
  for (const e of keptOnes) {
    const refusal = keepRefusal(e.type, input.submitter.orgType);
    if (refusal) out.push(check({ code: 'keep_not_allowed', severity: 'block', clause: refusal.clause, elementIds: [e.id], message: refusal.message }));
  }
  const allowed = keptOnes.filter((e) => !keepRefusal(e.type, input.submitter.orgType));
  if (allowed.length) {
    out.push(check({ code: 'identifier_kept', severity: 'flag', clause: CLAUSES.m14, elementIds: allowed.map((e) => e.id), message: `审核员保留了${quoted(allowed)}共 ${allowed.length} 处未做技术处理：只有确因工作需要且已取得同意时才可保留，批准时须说明理由` }));
    if (!input.children.length) {
      out.push(check({ code: 'kept_unverified', severity: 'flag', clause: CLAUSES.m13, elementIds: allowed.map((e) => e.id), message: '保留的信息未能与名册中的儿童关联，系统无法核对同意：请确认已事先告知必要性及影响并取得儿童及其监护人同意' }));
    }
  }
  return out;
}

function labels(live: readonly ElementFact[]): PublicationCheck[] {
  return labelsNextToChildren(live).map(({ label, near }) => check({
    code: 'label_near_child', severity: 'flag', clause: CLAUSES.m15, elementIds: [label.id, ...near.map((n) => n.id)],
    message: `“${label.word ?? '标签化用语'}”紧邻可识别的${quoted(near)}：不得将困境儿童标签化；处理后的版本已改为中性表述，请复核全文语境`,
  }));
}

/** Text processing cannot reach pictures inside a DOCX/XLSX: they go out as they are unless taken out. */
function embedded(live: readonly ElementFact[]): PublicationCheck[] {
  const byFile = new Map<string, ElementFact[]>();
  for (const e of live.filter((x) => x.type === 'EMBEDDED_MEDIA')) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
  return [...byFile].map(([file, es]) => check({
    code: 'embedded_media', severity: 'flag', clause: CLAUSES.m14, elementIds: es.map((e) => e.id),
    message: `“${file}”内嵌 ${es.length} 张图片，文字处理不改动图片：如含儿童肖像或姓名，请取出图片单独送审；批准即表示已核实图片不能识别儿童`,
  }));
}

function record(input: PublicationInput, live: readonly ElementFact[]): PublicationCheck[] {
  const out: PublicationCheck[] = [];
  const processed = live.filter((e) => !e.kept && e.type !== 'LABEL' && e.type !== 'EXPLOIT_CUE' && e.type !== 'EMBEDDED_MEDIA');
  if (processed.length) {
    const counts = new Map<string, number>();
    for (const e of processed) counts.set(elementTypeLabel(e.type), (counts.get(elementTypeLabel(e.type)) ?? 0) + 1);
    out.push(check({ code: 'processed', severity: 'info', clause: CLAUSES.m14, message: `已做技术处理：${[...counts].map(([t, n]) => `${t} ${n} 处`).join('，')}` }));
  }
  if (LISTS.has(input.kind)) {
    out.push(check({ code: 'list_processed', severity: 'info', clause: CLAUSES.m8, message: `${PUBLICATION_KINDS[input.kind]}：姓名遮蔽，去除儿童类别、证件号码和联系方式，不得泄露困境儿童个人及其家庭有关信息` }));
  }
  if (!input.children.length && live.some((e) => e.type === 'PERSON' || e.type === 'FACE')) {
    out.push(check({ code: 'unlinked_persons', severity: 'info', clause: CLAUSES.m13, message: '稿件中的人名或肖像未能与名册中的儿童关联；如涉及困境儿童，发布前仍须告知必要性及影响并取得同意' }));
  }
  return out;
}

export function decidePublication(input: PublicationInput): PublicationDecision {
  requireIsoDate(input.date, 'date');
  if (!Object.hasOwn(PUBLICATION_KINDS, input.kind)) throw errors.validation([{ field: 'kind', message: `未知的发布类型“${input.kind}”` }]);
  if (!Object.hasOwn(PUBLICATION_CHANNELS, input.channel)) throw errors.validation([{ field: 'channel', message: `未知的发布渠道“${input.channel}”` }]);
  const live = input.elements.filter((e) => !e.removed);
  const consent = input.children.map((c) => childPublicityConsent(c, input));
  const checks = [
    ...declaredUse(input),
    ...cues(input, live),
    ...kept(input, live),
    ...consent.flatMap((c) => c.checks),
    ...labels(live),
    ...embedded(live),
    ...record(input, live),
  ];
  const worst = checks.reduce<CheckSeverity>((w, c) => (RANK[c.severity] > RANK[w] ? c.severity : w), 'info');
  return Object.freeze({ outcome: OUTCOME[worst], checks: Object.freeze(checks), children: Object.freeze(consent.map((c) => c.status)) });
}
