import { describe, expect, it } from 'vitest';
import { authorityLetter, guardianLetter, noticeLetter, noticeLegalBasis, type BreachLetterInput, type NoticeLetterInput } from './incident-letters.ts';

const notice: NoticeLetterInput = {
  noticeId: 'n-1', incidentId: 'i-1', issuedAt: new Date('2025-03-01T02:00:00Z'), dueAt: new Date('2025-03-08T02:00:00Z'), dueDays: 7,
  recipient: '某短视频平台', recipientKind: 'platform', request: 'remove', contact: '0599-0000000',
  issuerOrgName: '某县网信办', source: { kind: 'cyberspace_screening', name: '某短视频平台' }, postId: 'v-9', url: 'https://v.example.net/9',
  detectedAt: new Date('2025-02-28T16:30:00Z'), flags: ['exploit'],
  evidence: [{ kinds: ['name', 'village'], excerpt: '某地的小A在直播', postSm3: 'ab'.repeat(32) }],
};

const breach: BreachLetterInput = {
  incidentId: 'i-2', orgName: '某县民政局', at: new Date('2025-03-02T00:00:00Z'), detectedAt: new Date('2025-03-01T00:00:00Z'),
  sourceName: '本平台导出文件', url: null, childRef: 'cd'.repeat(16), maskedName: '王*', ownerOrgName: '某镇民政办',
  cause: '名单误传至公开网盘', infoTypes: ['姓名', '身份证号'], harm: '可能被冒用身份', measures: '已删除文件', individualMeasures: '留意陌生来电',
  contact: '0599-1111111', authority: '某县网信办', notices: [{ id: 'n-7', recipient: '某网盘', dueAt: new Date('2025-03-05T00:00:00Z') }],
};

describe('noticeLetter (第五、十四、十五条)', () => {
  it('states what was found, the basis, the request with its deadline (Shanghai dates) and the contact', () => {
    const t = noticeLetter(notice);
    for (const s of ['致：某短视频平台（网络平台）', '第五条', '第十四条', '第十五条', '《网络安全法》第四十七条', '《个人信息保护法》第二十八条',
      '2025年3月1日', '2025年3月8日前（7 日内）删除上述内容', '停止传输', '> 某地的小A在直播', 'ab'.repeat(32), '姓名、所在村（社区）', '募捐、直播带货', '0599-0000000', 'https://v.example.net/9']) {
      expect(t, s).toContain(s);
    }
    expect(t).not.toContain('标签化的用语');
  });

  it('a publisher is asked under 个人信息保护法 第二十五条 and not told to stop transmission; no excerpt, no copy', () => {
    const t = noticeLetter({ ...notice, recipientKind: 'publisher', request: 'mask', evidence: [{ kinds: ['id_number'], excerpt: null, postSm3: null }], flags: [] });
    expect(t).toContain('《个人信息保护法》第二十五条');
    expect(t).not.toContain('网络安全法');
    expect(t).not.toContain('停止传输');
    expect(t).toContain('技术处理（屏蔽、遮挡）');
    expect(t).toContain('本函不复制被披露的信息');
    expect(t).toContain('身份证号');
    expect(noticeLegalBasis('publisher')).toEqual(['《困境儿童个人信息保护工作办法》第五条', '《困境儿童个人信息保护工作办法》第十四条', '《困境儿童个人信息保护工作办法》第十五条', '《个人信息保护法》第二十五条', '《个人信息保护法》第二十八条']);
  });
});

describe('breach letters (个人信息保护法 第五十七条; 未成年人网络保护条例 第三十五条)', () => {
  it.each([['authority', authorityLetter], ['guardian', guardianLetter]] as const)('%s letter carries every required item', (_k, letter) => {
    const t = letter(breach);
    for (const s of ['第五十七条第一款第一项', '姓名、身份证号', '名单误传至公开网盘', '可能被冒用身份', '第五十七条第一款第二项', '已删除文件', '留意陌生来电',
      '已通知“某网盘”删除或者更正相关内容，期限至2025年3月5日', '第五十七条第一款第三项', '0599-1111111', '第三十五条', '应急预案']) {
      expect(t, s).toContain(s);
    }
  });

  it('the authority report is addressed to the authority and names no child; the guardian letter uses the masked name', () => {
    expect(authorityLetter(breach)).toContain('致：某县网信办');
    expect(authorityLetter(breach)).not.toContain('王*');
    expect(guardianLetter(breach)).toContain('致：王*的父母或者其他监护人');
    expect(guardianLetter({ ...breach, maskedName: null })).toContain('致：受影响儿童的父母或者其他监护人，以及儿童本人');
  });
});
