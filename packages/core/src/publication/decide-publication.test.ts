/** The publication review decision, article by article (第八、十二、十三、十四、十五条). */
import { describe, expect, it } from 'vitest';
import type { ConsentRecord } from '../basis/consent-types.ts';
import { decidePublication } from './decide-publication.ts';
import type { ElementFact, LinkedChild, PublicationInput } from './publication-types.ts';

const M = '《困境儿童个人信息保护工作办法》';
const DATE = '2024-06-01';
const UNDER14 = '2015-03-01';
const AGED15 = '2009-01-15';

const pub = (o: Partial<ConsentRecord> = {}): ConsentRecord => ({ id: `c-${o.by ?? 'guardian'}`, by: 'guardian', purposes: ['publicity'], date: '2024-05-01', noticeOfNecessityAndImpact: true, ...o });
const kid = (o: Partial<LinkedChild> = {}): LinkedChild => ({ ref: 'C1', birthDate: UNDER14, canExpressWill: true, consents: [], guardianNotices: [], ...o });
const person = (id = 'e1', o: Partial<ElementFact> = {}): ElementFact => ({ id, type: 'PERSON', file: '稿件.txt', location: '第1段', start: 10, end: 13, ...o });

function input(o: Partial<PublicationInput> = {}): PublicationInput {
  return {
    date: DATE, submitter: { orgType: 'media', orgId: 'org-media' }, kind: 'news', channel: 'newspaper', audience: 'public', purpose: 'publicity',
    elements: [person()], children: [], ...o,
  };
}
const codes = (d: ReturnType<typeof decidePublication>) => d.checks.map((c) => c.code);
const only = (d: ReturnType<typeof decidePublication>, code: string) => d.checks.filter((c) => c.code === code);

describe(`${M}第十五条: fundraising, tipping, live-streaming and traffic block outright`, () => {
  it.each([
    ['募捐', 'fundraising', '募捐'],
    ['打赏', 'livestream', '直播、打赏'],
    ['带货', 'commerce', '带货'],
    ['求转发', 'traffic', '博眼球、赚流量'],
  ])('the cue “%s” blocks, whatever consent exists', (word, category, what) => {
    const d = decidePublication(input({
      elements: [person(), { id: 'cue', type: 'EXPLOIT_CUE', file: '稿件.txt', category, word }],
      children: [kid({ consents: [pub()] })],
    }));
    expect(d.outcome).toBe('blocked');
    const [c] = only(d, 'exploit_cue');
    expect(c).toMatchObject({ severity: 'block', clause: `${M}第十五条`, elementIds: ['cue'] });
    expect(c!.message).toContain(`“${word}”（${what}）`);
  });

  it('a forbidden declared purpose or a live-stream channel blocks with no cue in the text', () => {
    expect(decidePublication(input({ purpose: 'fundraising' })).checks[0]).toMatchObject({ code: 'forbidden_purpose', clause: `${M}第十五条` });
    const d = decidePublication(input({ channel: 'livestream' }));
    expect(d.outcome).toBe('blocked');
    expect(d.checks[0]!.message).toMatch(/网络直播/u);
  });

  it('a court’s case release is flagged, not blocked: the cue may be the facts of the case', () => {
    const d = decidePublication(input({ kind: 'case_release', submitter: { orgType: 'court' }, elements: [{ id: 'cue', type: 'EXPLOIT_CUE', file: 'a.txt', category: 'livestream', word: '直播' }] }));
    expect(d.outcome).toBe('flagged');
    expect(codes(d)).toEqual(['exploit_cue_in_case']);
  });

  it('a cue a reviewer judged a false detection no longer blocks', () => {
    const d = decidePublication(input({ elements: [{ id: 'cue', type: 'EXPLOIT_CUE', file: 'a.txt', category: 'commerce', word: '链接', removed: true }] }));
    expect(d.outcome).toBe('ok');
  });

  it('a label next to an identifiable child is flagged; far away or in another paragraph it is not', () => {
    const label = (o: Partial<ElementFact>): ElementFact => ({ id: 'l1', type: 'LABEL', file: '稿件.txt', location: '第1段', start: 14, end: 18, category: 'status', word: '留守儿童', ...o });
    const near = decidePublication(input({ elements: [person(), label({})] }));
    expect(near.outcome).toBe('flagged');
    expect(only(near, 'label_near_child')[0]).toMatchObject({ clause: `${M}第十五条`, elementIds: ['l1', 'e1'] });
    expect(only(near, 'label_near_child')[0]!.message).toContain('“留守儿童”紧邻可识别的“姓名”');
    expect(decidePublication(input({ elements: [person(), label({ start: 200, end: 204 })] })).outcome).toBe('ok');
    expect(decidePublication(input({ elements: [person(), label({ location: '第2段' })] })).outcome).toBe('ok');
    // A poster captioned with a label labels whoever is shown.
    const poster = decidePublication(input({ elements: [{ id: 'f0', type: 'FACE', file: 'p.jpg' }, { id: 't0', type: 'LABEL', file: 'p.jpg', word: '孤儿' }] }));
    expect(codes(poster)).toContain('label_near_child');
  });

  it('labels and cues may never be kept', () => {
    const d = decidePublication(input({ elements: [{ id: 'l1', type: 'LABEL', file: 'a.txt', word: '孤儿', kept: true }] }));
    expect(d.outcome).toBe('blocked');
    expect(only(d, 'keep_not_allowed')[0]!.clause).toBe(`${M}第十五条`);
  });
});

describe(`${M}第十二、十三条: publicity consent by age, with the notice of necessity and impact`, () => {
  it('under 14 without the guardian’s publicity consent needs consent (第十二条第二款)', () => {
    const d = decidePublication(input({ children: [kid({ consents: [pub({ purposes: ['care_service'] })] })] }));
    expect(d.outcome).toBe('needs_consent');
    const [c] = only(d, 'guardian_consent_missing');
    expect(c).toMatchObject({ severity: 'consent', clause: `${M}第十二条第二款`, childRef: 'C1' });
    expect(c!.message).toMatch(/未满十四周岁.*父母或者其他监护人同意/u);
    expect(c!.message).toContain('不包括“宣传报道/发布”');
    expect(d.children).toEqual([{ ref: 'C1', ageBand: 'under14', consented: false, needs: [{ by: 'guardian', satisfied: false }] }]);
  });

  it('under 14 with the guardian’s consent and notice is ok', () => {
    const d = decidePublication(input({ children: [kid({ consents: [pub()] })] }));
    expect(d.outcome).toBe('ok');
    expect(d.children[0]).toMatchObject({ consented: true, needs: [{ by: 'guardian', satisfied: true, consentId: 'c-guardian' }] });
    expect(only(d, 'consent_on_file')[0]!.clause).toBe(`${M}第十三条`);
  });

  it('a 15-year-old with the guardian’s consent only is missing the child’s own consent (第十三条)', () => {
    const d = decidePublication(input({ children: [kid({ birthDate: AGED15, consents: [pub()] })] }));
    expect(d.outcome).toBe('needs_consent');
    expect(codes(d)).toContain('child_consent_missing');
    const [c] = only(d, 'child_consent_missing');
    expect(c!.clause).toBe(`${M}第十三条`);
    expect(c!.message).toMatch(/已满十四周岁（15 周岁）.*儿童本人同意/u);
    expect(decidePublication(input({ children: [kid({ birthDate: AGED15, consents: [pub(), pub({ by: 'child' })] })] })).outcome).toBe('ok');
  });

  it('a 15-year-old who cannot express a will: the guardian consents (第十二条第三款)', () => {
    expect(decidePublication(input({ children: [kid({ birthDate: AGED15, canExpressWill: false, consents: [pub()] })] })).outcome).toBe('ok');
    const d = decidePublication(input({ children: [kid({ birthDate: AGED15, canExpressWill: false })] }));
    expect(only(d, 'guardian_consent_missing')[0]!.clause).toBe(`${M}第十二条第三款`);
  });

  it('a consent without the notice of necessity and impact is not enough (第十三条)', () => {
    const d = decidePublication(input({ children: [kid({ consents: [pub({ noticeOfNecessityAndImpact: false })] })] }));
    expect(d.outcome).toBe('needs_consent');
    const [c] = only(d, 'notice_missing');
    expect(c!.clause).toBe(`${M}第十三条`);
    expect(c!.message).toMatch(/告知必要性以及对个人权益的影响/u);
  });

  it('a consent naming another recipient, withdrawn, or given after the date does not cover the publication', () => {
    for (const c of [pub({ recipientOrgTypes: ['school'] }), pub({ withdrawnOn: '2024-05-20' }), pub({ date: '2024-06-02' })]) {
      expect(decidePublication(input({ children: [kid({ consents: [c] })] })).outcome).toBe('needs_consent');
    }
    expect(decidePublication(input({ children: [kid({ consents: [pub({ recipientOrgIds: ['org-media'] })] })] })).outcome).toBe('ok');
  });

  it('a block outranks missing consent; missing consent outranks a flag', () => {
    const both = decidePublication(input({ purpose: 'traffic', children: [kid()] }));
    expect(both.outcome).toBe('blocked');
    expect(codes(both)).toEqual(expect.arrayContaining(['forbidden_purpose', 'guardian_consent_missing']));
    const flagAndConsent = decidePublication(input({ children: [kid()], elements: [person(), { id: 'l', type: 'LABEL', file: '稿件.txt', location: '第1段', start: 13, end: 15, word: '孤儿' }] }));
    expect(flagAndConsent.outcome).toBe('needs_consent');
  });
});

describe(`${M}第十四条 and 第八条: what stays unprocessed`, () => {
  it('a kept face is flagged for the reviewer; unlinked, consent cannot be checked', () => {
    const d = decidePublication(input({ elements: [{ id: 'f0', type: 'FACE', file: 'a.jpg', kept: true }] }));
    expect(d.outcome).toBe('flagged');
    expect(codes(d)).toEqual(expect.arrayContaining(['identifier_kept', 'kept_unverified']));
    expect(only(d, 'identifier_kept')[0]!.clause).toBe(`${M}第十四条`);
  });

  it('an ID number or a voice can never be kept; a court keeps nothing identifying', () => {
    expect(only(decidePublication(input({ elements: [{ id: 'i', type: 'ID_CARD', file: 'a.txt', kept: true }] })), 'keep_not_allowed')[0]!.clause).toBe('《个人信息保护法》第六条');
    expect(only(decidePublication(input({ elements: [{ id: 'v', type: 'VOICE', file: 'a.wav', kept: true }] })), 'keep_not_allowed')[0]!.clause).toBe(`${M}第十四条`);
    const court = decidePublication(input({ kind: 'case_release', submitter: { orgType: 'court' }, elements: [person('e1', { kept: true })] }));
    expect(court.outcome).toBe('blocked');
    expect(only(court, 'keep_not_allowed')[0]!.clause).toBe('《未成年人保护法》第一百零三条');
  });

  it('lists are recorded under 第八条; processing under 第十四条', () => {
    const d = decidePublication(input({ kind: 'aid_list', submitter: { orgType: 'school' }, channel: 'school_notice', audience: 'school' }));
    expect(d.outcome).toBe('ok');
    expect(only(d, 'list_processed')[0]!.clause).toBe(`${M}第八条`);
    expect(only(d, 'processed')[0]).toMatchObject({ clause: `${M}第十四条`, message: '已做技术处理：姓名 1 处' });
  });

  it('refuses malformed input instead of guessing', () => {
    expect(() => decidePublication(input({ date: '2024-13-01' }))).toThrow(/日期|date/u);
    expect(() => decidePublication(input({ kind: 'leaflet' as never }))).toThrow(/未知的发布类型/u);
  });

  it('returns frozen results', () => {
    const d = decidePublication(input({ children: [kid()] }));
    expect(Object.isFrozen(d) && Object.isFrozen(d.checks) && Object.isFrozen(d.checks[0]) && Object.isFrozen(d.children[0])).toBe(true);
  });
});

describe(`${M}第十四条: pictures inside documents`, () => {
  it('flags a document with embedded pictures, which text processing cannot reach', () => {
    const d = decidePublication(input({ elements: [{ id: 'm1', type: 'EMBEDDED_MEDIA', file: '通讯.docx' }, { id: 'm2', type: 'EMBEDDED_MEDIA', file: '通讯.docx' }] }));
    expect(d.outcome).toBe('flagged');
    expect(only(d, 'embedded_media')[0]).toMatchObject({ clause: `${M}第十四条`, elementIds: ['m1', 'm2'] });
    expect(only(d, 'embedded_media')[0]!.message).toContain('“通讯.docx”内嵌 2 张图片');
    expect(only(d, 'processed')).toEqual([]);
  });
});
