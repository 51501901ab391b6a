export { PRESETS } from './presets.ts';
export { PRESET_NAMES, type Preset, type PresetName, type Rule } from './preset.types.ts';
export { ARTICLES } from './articles.ts';
export { resolvePolicy, loadPolicyFile, type PolicyInput, type ResolvedPolicy, type ResolvedRule } from './policy.ts';
