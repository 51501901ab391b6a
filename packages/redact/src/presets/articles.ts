/** Citations printed in review reports; the texts are in /work/shared/law/. */
const M = '《困境儿童个人信息保护工作办法》';
export const ARTICLES = {
  /** Publishing news on a child's specific identity: consent and technical processing. */
  measures13: `${M}第十三条`,
  /** No name, home address, portrait or school in books, programmes or online information. */
  measures14: `${M}第十四条`,
  /** No labelling, no using children's information for fund-raising or live-stream selling. */
  measures15: `${M}第十五条`,
  /** Awards, aid and donations must not leak the child's or family's information. */
  measures8: `${M}第八条`,
  /** Departments must not disclose children's information against the rules (statistics). */
  measures12: `${M}第十二条`,
  court: '法释〔2016〕19号',
  /** Anonymised information is no longer personal information. */
  piplAnon: '《个人信息保护法》第四条、第七十三条',
} as const;
