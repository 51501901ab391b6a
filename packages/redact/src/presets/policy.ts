import { readFile } from 'node:fs/promises';
import { errors, type FieldProblem } from '@hutong/core';
import { OPERATORS, OPERATOR_NAMES, type Operator, type OperatorName, type OperatorParams, type PseudonymStyle } from '../operators/index.ts';
import { ENTITY_TYPES, ENTITY_TYPE_KEYS, type EntityType } from '../types.ts';
import { PRESETS } from './presets.ts';
import { PRESET_NAMES, type PresetName, type Rule } from './preset.types.ts';

/**
 * A policy file as written by people:
 * `{ "preset": "news", "operators": { "PERSON": "court", "PHONE": { "op": "mask", "keepEnd": 4 } }, "keep": ["PLATE", "民政局"] }`.
 * `keep` lists entity types to leave alone and exact texts never to process (a spokesperson's
 * name, the agency's own address).
 */
export interface PolicyInput {
  readonly preset?: string;
  readonly operators?: Readonly<Record<string, string | ({ readonly op: string } & Record<string, unknown>)>>;
  readonly keep?: readonly string[];
}

export interface ResolvedRule extends Rule {
  readonly operator: Operator;
}

/** A checked policy, ready to run: one operator per type. Frozen. */
export interface ResolvedPolicy {
  readonly preset: PresetName;
  readonly title: string;
  readonly rules: Readonly<Record<EntityType, ResolvedRule>>;
  readonly keepTypes: ReadonlySet<EntityType>;
  readonly keepTexts: ReadonlySet<string>;
  readonly pseudonymStyle: PseudonymStyle;
}

const OVERRIDE_ARTICLE = '处理方式由处理策略文件指定';

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Check a policy (parsed JSON, or a preset name) and build its operators. Every problem is
 * reported at once, each naming its key (`operators.PHONE.keepStart`), as HUTONG_VALIDATION.
 */
export function resolvePolicy(input: unknown = {}, defaultPreset: PresetName = 'news'): ResolvedPolicy {
  if (typeof input === 'string') input = { preset: input };
  const problems: FieldProblem[] = [];
  if (!isObject(input)) throw errors.validation([{ field: 'policy', message: '处理策略应为 JSON 对象' }]);
  for (const k of Object.keys(input)) {
    if (k !== 'preset' && k !== 'operators' && k !== 'keep' && k !== '$schema' && k !== 'description') {
      problems.push({ field: k, message: '未知的配置项，可用：preset、operators、keep' });
    }
  }
  const presetName = input['preset'] ?? defaultPreset;
  let preset = PRESETS[defaultPreset];
  if (typeof presetName !== 'string' || !(PRESET_NAMES as readonly string[]).includes(presetName)) {
    problems.push({ field: 'preset', message: `未知的预设“${String(presetName)}”，可选：${PRESET_NAMES.join('、')}` });
  } else preset = PRESETS[presetName as PresetName];

  const rules = { ...preset.rules } as Record<EntityType, Rule>;
  const ops = input['operators'];
  if (ops !== undefined && !isObject(ops)) problems.push({ field: 'operators', message: '应为对象，键为信息类型（如 PERSON）' });
  for (const [type, spec] of Object.entries(isObject(ops) ? ops : {})) {
    const field = `operators.${type}`;
    if (!(ENTITY_TYPE_KEYS as string[]).includes(type)) {
      problems.push({ field, message: `未知的信息类型，可选：${ENTITY_TYPE_KEYS.join('、')}` });
      continue;
    }
    const { op, ...params } = typeof spec === 'string' ? { op: spec } : isObject(spec) ? spec : { op: undefined };
    if (typeof op !== 'string' || !(OPERATOR_NAMES as readonly string[]).includes(op)) {
      problems.push({ field: typeof spec === 'string' ? field : `${field}.op`, message: `未知的处理方式“${String(op)}”，可选：${OPERATOR_NAMES.join('、')}` });
      continue;
    }
    const bad = OPERATORS[op as OperatorName].validate(params);
    for (const p of bad) problems.push({ field: `${field}.${p.field}`, message: p.message });
    if (!bad.length) rules[type as EntityType] = { op: op as OperatorName, params, article: `${rules[type as EntityType].article}；${OVERRIDE_ARTICLE}` };
  }

  const keepTypes = new Set<EntityType>();
  const keepTexts = new Set<string>();
  const keep = input['keep'];
  if (keep !== undefined && !Array.isArray(keep)) problems.push({ field: 'keep', message: '应为字符串数组（信息类型或需保留的原文）' });
  (Array.isArray(keep) ? keep : []).forEach((k: unknown, i) => {
    if (typeof k !== 'string' || !k.trim()) problems.push({ field: `keep[${i}]`, message: '应为非空字符串' });
    else if (k in ENTITY_TYPES) keepTypes.add(k as EntityType);
    else keepTexts.add(k.trim());
  });
  if (problems.length) throw errors.validation(problems.map((p) => ({ ...p, field: `处理策略 ${p.field}` })));

  const resolved = {} as Record<EntityType, ResolvedRule>;
  for (const t of ENTITY_TYPE_KEYS) {
    const r = keepTypes.has(t) ? { ...rules[t], op: 'keep' as const, params: {} } : rules[t];
    resolved[t] = Object.freeze({ ...r, operator: OPERATORS[r.op].create((r.params ?? {}) as OperatorParams) });
  }
  const style = rules.PERSON.params?.['style'];
  return Object.freeze({
    preset: preset.name, title: preset.title, rules: Object.freeze(resolved), keepTypes, keepTexts,
    pseudonymStyle: style === 'name' ? 'name' : 'letter',
  });
}

/** Read and check a policy file; a JSON syntax error names the file. */
export async function loadPolicyFile(path: string): Promise<ResolvedPolicy> {
  let raw: string;
  try { raw = await readFile(path, 'utf8'); } catch {
    throw errors.validation([{ field: '处理策略文件', message: `无法读取 ${path}` }]);
  }
  let parsed: unknown;
  try { parsed = JSON.parse(raw); } catch (e) {
    throw errors.validation([{ field: '处理策略文件', message: `${path} 不是有效的 JSON：${(e as Error).message}` }]);
  }
  return resolvePolicy(parsed);
}
