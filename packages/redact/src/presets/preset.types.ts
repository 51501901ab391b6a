import type { OperatorName, OperatorParams } from '../operators/index.ts';
import type { EntityType } from '../types.ts';

/** What happens to one entity type, and why (printed in the review report). */
export interface Rule {
  readonly op: OperatorName;
  readonly params?: OperatorParams;
  readonly article: string;
  /** Set when the finding itself is a problem a reviewer must see (募捐/直播 cues, 第十五条). */
  readonly flag?: string;
}

export const PRESET_NAMES = ['news', 'judgment', 'aid_list', 'stats'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

/** A preset is data: one rule per entity type (STYLE: presets are data). */
export interface Preset {
  readonly name: PresetName;
  readonly title: string;
  readonly rules: Readonly<Record<EntityType, Rule>>;
}
