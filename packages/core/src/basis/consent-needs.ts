/**
 * Whose consent 第十二、十三条 require, from the age band on the date of the act:
 *  - under 14: the guardian (第十二条第二款; 个人信息保护法 第三十一条);
 *  - 14 or over: the child, and the guardian told in a clear way (第十二条第三款);
 *  - 14 or over but unable to express a will: the guardian's consent (第十二条第三款 后句). The
 *    child's own consent is then not required: a child without the ability to express a will cannot
 *    give a consent that is 自愿、明确 (个人信息保护法 第十四条第一款), and the guardian's consent
 *    implies the guardian knows, which is what the notice was for;
 *  - publication (第十三条): the child (when 14 or over and able to express a will) and the
 *    guardian, each after notice of the necessity and the impact;
 *  - adults (已满十八周岁, no longer within the measures): their own consent (个人信息保护法
 *    第十三条第一款第一项), or the guardian's if they cannot express a will.
 */
import type { AgeBand } from './age.ts';
import type { ClauseKey } from './clauses.ts';
import type { ConsentGiver } from './consent-types.ts';

export interface ConsentNeed {
  readonly by: ConsentGiver;
  /** Consent must record the necessity-and-impact notice (第十三条). */
  readonly notice: boolean;
  readonly clause: ClauseKey;
}

export interface ConsentRequirement {
  readonly needs: readonly ConsentNeed[];
  /** 第十二条第三款: the guardian must have been told (a notice or the guardian's own consent). */
  readonly guardianNotice: boolean;
}

const need = (by: ConsentGiver, notice: boolean, clause: ClauseKey): ConsentNeed => Object.freeze({ by, notice, clause });
const requirement = (needs: ConsentNeed[], guardianNotice: boolean): ConsentRequirement =>
  Object.freeze({ needs: Object.freeze(needs), guardianNotice });

export function consentRequirement(band: AgeBand, canExpressWill: boolean, publication: boolean): ConsentRequirement {
  const childDecides = band !== 'under14' && canExpressWill;
  if (publication) {
    const needs: ConsentNeed[] = [];
    if (childDecides) needs.push(need('child', true, 'm13'));
    if (band !== 'adult' || !canExpressWill) needs.push(need('guardian', true, 'm13'));
    return requirement(needs, false);
  }
  if (band === 'under14') return requirement([need('guardian', false, 'm12_2')], false);
  if (band === 'from14') return childDecides ? requirement([need('child', false, 'm12_3')], true) : requirement([need('guardian', false, 'm12_3')], false);
  return requirement([need(childDecides ? 'child' : 'guardian', false, 'pipl13_1_1')], false);
}
