import { describe, expect, it } from 'vitest';
import type { PublicationDetail } from '../../api/publications.ts';
import { addTerm, decide, decisionOf, dropAddition, planOf } from './adjust-plan.ts';

describe('adjust plan: the whole set, with one change', () => {
  const pub = {
    adjustments: [
      { id: 'k1', action: 'keep', type: 'PERSON', reason: '本人及监护人同意署名', by: 'u', at: '' },
      { id: '0:face-0', action: 'remove', type: 'FACE', reason: '不是人脸，是画像', by: 'u', at: '' },
      { id: 'a1', action: 'add', type: 'SCHOOL', reason: '可识别学校', by: 'u', at: '' },
    ],
    additions: [{ id: 'a1', type: 'SCHOOL', text: '示范小学', reason: '可识别学校' }],
  } as unknown as PublicationDetail;

  it('starts from what is on record, additions by their text', () => {
    expect(planOf(pub)).toEqual({
      keep: [{ id: 'k1', reason: '本人及监护人同意署名' }], remove: [{ id: '0:face-0', reason: '不是人脸，是画像' }],
      add: [{ type: 'SCHOOL', text: '示范小学', reason: '可识别学校' }],
    });
  });

  it('a decision replaces the earlier one for the same id; null undoes it; others stay', () => {
    const plan = planOf(pub);
    const moved = decide(plan, 'k1', 'remove', '误识别');
    expect(decisionOf(moved, 'k1')).toEqual({ action: 'remove', reason: '误识别' });
    expect(moved.keep).toEqual([]);
    expect(decisionOf(decide(plan, '0:face-0', null), '0:face-0')).toBeNull();
    expect(decide(plan, '0:face-0', null).keep).toEqual(plan.keep);
    expect(dropAddition(addTerm(plan, { type: 'PERSON', text: '小雨', reason: '乳名' }), 0).add).toEqual([{ type: 'PERSON', text: '小雨', reason: '乳名' }]);
  });
});
