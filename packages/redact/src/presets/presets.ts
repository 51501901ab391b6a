import type { EntityType } from '../types.ts';
import { ARTICLES as A } from './articles.ts';
import type { Preset, PresetName, Rule } from './preset.types.ts';

const EXPLOIT_FLAG = '疑似利用儿童信息募捐、直播带货或博眼球，已删除，请人工复核（第十五条）';

function rules(base: Rule, over: Partial<Record<EntityType, Rule>>): Record<EntityType, Rule> {
  return {
    PERSON: base, ID_CARD: base, PHONE: base, BANK_CARD: base, EMAIL: base, QQ: base, WECHAT: base, PLATE: base,
    PASSPORT: base, DATE_OF_BIRTH: base, ADDRESS: base, SCHOOL: base, LABEL: base, EXPLOIT_CUE: base, ...over,
  };
}

/** 宣传报道: 第十三、十四条 technical processing, 第十五条 no labels and no exploitation. */
const news: Preset = {
  name: 'news',
  title: '宣传报道',
  rules: rules({ op: 'delete', article: A.measures13 }, {
    PERSON: { op: 'pseudonym', article: A.measures14 },
    ADDRESS: { op: 'generalise', article: A.measures14 },
    SCHOOL: { op: 'generalise', article: A.measures14 },
    DATE_OF_BIRTH: { op: 'generalise', article: A.measures13 },
    LABEL: { op: 'neutralise', article: A.measures15 },
    EXPLOIT_CUE: { op: 'delete', article: A.measures15, flag: EXPLOIT_FLAG },
  }),
};

/**
 * 裁判文书: 姓+某 with numbered clashes, places no finer than the county, identity numbers masked,
 * contact details, accounts and plates deleted (法释〔2016〕19号). Cues stay: they may be the
 * facts of the case.
 */
const judgment: Preset = {
  name: 'judgment',
  title: '裁判文书',
  rules: rules({ op: 'delete', article: A.court }, {
    PERSON: { op: 'court', article: A.court },
    ID_CARD: { op: 'mask', article: A.court },
    PASSPORT: { op: 'mask', article: A.court },
    ADDRESS: { op: 'generalise', article: A.court },
    SCHOOL: { op: 'generalise', article: A.court },
    DATE_OF_BIRTH: { op: 'generalise', article: A.court },
    LABEL: { op: 'neutralise', article: A.measures15 },
    EXPLOIT_CUE: { op: 'keep', article: A.measures15 },
  }),
};

/** 奖励/资助名单公示 (第八条): masked names, no category label, no identity numbers or contacts. */
const aidList: Preset = {
  name: 'aid_list',
  title: '奖励、资助名单公示',
  rules: rules({ op: 'delete', article: A.measures8 }, {
    PERSON: { op: 'mask', article: A.measures8 },
    ADDRESS: { op: 'generalise', article: A.measures8 },
    SCHOOL: { op: 'generalise', article: A.measures8 },
    LABEL: { op: 'delete', article: A.measures8 },
    EXPLOIT_CUE: { op: 'delete', article: A.measures15, flag: EXPLOIT_FLAG },
  }),
};

/**
 * 统计报表: nothing that singles a child out; counties, years and (aggregated) categories
 * remain, since they are what statistics count.
 */
const stats: Preset = {
  name: 'stats',
  title: '统计报表',
  rules: rules({ op: 'delete', article: A.piplAnon }, {
    ADDRESS: { op: 'generalise', article: A.piplAnon },
    SCHOOL: { op: 'generalise', article: A.piplAnon },
    DATE_OF_BIRTH: { op: 'generalise', article: A.piplAnon },
    LABEL: { op: 'keep', article: A.measures12 },
    EXPLOIT_CUE: { op: 'delete', article: A.measures15, flag: EXPLOIT_FLAG },
  }),
};

export const PRESETS: Readonly<Record<PresetName, Preset>> = { news, judgment, aid_list: aidList, stats };
