/**
 * What the 技术处理 engine finds. Types are the issue's, exactly: `hutong detect` prints them.
 * A finding is a span of the text with the detector (`source`) that found it, so a reviewer can
 * see why something was processed and which rule applies (review report).
 */
export const ENTITY_TYPES = {
  PERSON: '人名',
  ID_CARD: '身份证号',
  PHONE: '电话号码',
  BANK_CARD: '银行卡号',
  EMAIL: '电子邮箱',
  QQ: 'QQ 号',
  WECHAT: '微信号',
  PLATE: '车牌号',
  PASSPORT: '护照号',
  DATE_OF_BIRTH: '出生日期',
  ADDRESS: '地址',
  SCHOOL: '学校',
  LABEL: '标签化用语',
  EXPLOIT_CUE: '募捐/直播/带货用语',
} as const;
export type EntityType = keyof typeof ENTITY_TYPES;
export const ENTITY_TYPE_KEYS = Object.keys(ENTITY_TYPES) as EntityType[];

/**
 * Offsets are UTF-16 indices into the JS string while inside the engine (fast slicing); the
 * CLI and API convert to Unicode code points at the edge (offsets.ts), as the issue specifies.
 */
export interface Finding {
  readonly type: EntityType;
  readonly start: number;
  /** Exclusive. */
  readonly end: number;
  readonly text: string;
  /** 0–1: rules with checksums score near 1, the statistical tagger its confidence. */
  readonly score: number;
  /** The detector: 'id_card', 'phone', 'person_tagger', 'registry', 'address_gazetteer', … */
  readonly source: string;
  /** Detector-specific facts operators need (e.g. { processed: true } for an already-masked ID, { surname: '欧阳' }, { county: '松溪县' }). */
  readonly meta?: Readonly<Record<string, string | number | boolean>>;
}

/** Names, schools and villages of the registry's children and guardians (REGISTRY detector input). */
export interface RegistryTerms {
  readonly persons: readonly string[];
  readonly schools: readonly string[];
  readonly places: readonly string[];
}

export interface DetectOptions {
  /** Restrict to these types (default: all). */
  readonly types?: readonly EntityType[];
}

/**
 * One detector. `detect` sees the whole document (nicknames need the full name seen earlier) and
 * must run in time linear in the text: no regex that can backtrack catastrophically.
 */
export interface Detector {
  readonly name: string;
  readonly types: readonly EntityType[];
  detect(text: string): Finding[];
}
