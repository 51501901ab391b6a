/**
 * The articles the decision cites, spelt once. Texts are in /work/shared/law (the measures are
 * 民发〔2024〕67号). A reason always carries exactly one of these.
 */
const M = '《困境儿童个人信息保护工作办法》';
const PIPL = '《个人信息保护法》';
const MPL = '《未成年人保护法》';

export const CLAUSES = Object.freeze({
  m4: `${M}第四条`,
  m6: `${M}第六条`,
  m7: `${M}第七条`,
  m8: `${M}第八条`,
  m9: `${M}第九条`,
  m10: `${M}第十条`,
  m11: `${M}第十一条`,
  m12_1: `${M}第十二条第一款`,
  m12_2: `${M}第十二条第二款`,
  m12_3: `${M}第十二条第三款`,
  m13: `${M}第十三条`,
  m14: `${M}第十四条`,
  m15: `${M}第十五条`,
  pipl6: `${PIPL}第六条`,
  pipl13_1_1: `${PIPL}第十三条第一款第一项`,
  pipl13_1_3: `${PIPL}第十三条第一款第三项`,
  pipl14_1: `${PIPL}第十四条第一款`,
  pipl14_2: `${PIPL}第十四条第二款`,
  pipl15: `${PIPL}第十五条`,
  pipl19: `${PIPL}第十九条`,
  pipl23: `${PIPL}第二十三条`,
  pipl25: `${PIPL}第二十五条`,
  pipl30: `${PIPL}第三十条`,
  pipl31: `${PIPL}第三十一条`,
  pipl34: `${PIPL}第三十四条`,
  pipl47: `${PIPL}第四十七条`,
  mpl29_2: `${MPL}第二十九条第二款`,
  mpl43: `${MPL}第四十三条`,
  mpl82: `${MPL}第八十二条`,
  mpl91: `${MPL}第九十一条`,
  mpl100: `${MPL}第一百条`,
  mpl103: `${MPL}第一百零三条`,
  mpl104: `${MPL}第一百零四条`,
  reg36: '《未成年人网络保护条例》第三十六条',
} as const);

export type ClauseKey = keyof typeof CLAUSES;
