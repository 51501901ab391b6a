/**
 * The dry-run format shared by `hutong policy check` and the console simulator: one scenario per
 * JSON line in, one result per line out. Unknown keys are refused (a misspelt "withdrawn" must not
 * silently turn into a valid consent). Beyond the documented keys it accepts: actor.orgId,
 * consents[].id/recipientOrgIds/expiresOn/withdrawnOn, recipient {orgType, orgId} for 提供, note.
 */
import type { PurposesCatalogue } from './purpose-types.ts';
import type { FieldProblem } from '../errors.ts';
import type { FieldKey } from '../fields/field-catalogue.ts';
import { decide } from './decide.ts';
import { decisionInputProblems, ProblemList, checkDate } from './decision-input.ts';
import type { Decision, DecisionInput } from './decision-types.ts';

export interface PolicyScenario {
  readonly id: string;
  readonly input: DecisionInput;
}

export type ScenarioParse =
  | { readonly ok: true; readonly scenario: PolicyScenario }
  | { readonly ok: false; readonly id: string | null; readonly problems: readonly FieldProblem[] };

export interface ScenarioResult {
  readonly id: string;
  readonly decision: 'allow' | 'deny';
  readonly allowedFields: readonly FieldKey[];
  readonly reasons: readonly { readonly article: string; readonly message: string }[];
}

const KEYS: Record<string, readonly string[]> = {
  '': ['id', 'date', 'actor', 'child', 'consents', 'guardianNotified', 'purpose', 'act', 'fields', 'recipient', 'note'],
  actor: ['orgType', 'orgId', 'role', 'regionCode'],
  child: ['birthDate', 'regionCode', 'categories', 'canExpressWill'],
  consent: ['id', 'by', 'purposes', 'recipientOrgTypes', 'recipientOrgIds', 'date', 'expiresOn', 'withdrawn', 'withdrawnOn', 'noticeOfNecessityAndImpact'],
  recipient: ['orgType', 'orgId'],
};

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function unknownKeys(p: ProblemList, o: unknown, allowed: readonly string[], path: string): void {
  if (!isObj(o)) return;
  for (const k of Object.keys(o)) if (!allowed.includes(k)) p.add(path ? `${path}.${k}` : k, `未知的键“${k}”（可用：${allowed.join('、')}）`);
}

/** Validates one parsed JSON line and turns it into a DecisionInput. */
export function parsePolicyScenario(value: unknown): ScenarioParse {
  const p = new ProblemList();
  if (!isObj(value)) return { ok: false, id: null, problems: [{ field: '(整行)', message: '应为 JSON 对象' }] };
  const id = typeof value.id === 'string' && value.id.trim() !== '' ? value.id : null;
  if (id === null) p.add('id', '缺少场景编号（非空字符串）');
  unknownKeys(p, value, KEYS['']!, '');
  unknownKeys(p, value.actor, KEYS.actor!, 'actor');
  unknownKeys(p, value.child, KEYS.child!, 'child');
  unknownKeys(p, value.recipient, KEYS.recipient!, 'recipient');
  if (value.consents !== undefined && Array.isArray(value.consents)) value.consents.forEach((c, i) => unknownKeys(p, c, KEYS.consent!, `consents[${i}]`));
  if (value.note !== undefined && typeof value.note !== 'string') p.add('note', '应为字符串');
  if (value.fields === undefined) p.add('fields', '缺少字段列表（字段目录的键名数组）');
  const notified = value.guardianNotified;
  if (notified !== undefined && notified !== null) checkDate(p, notified, 'guardianNotified');

  const child = isObj(value.child) ? { ...value.child, categories: value.child.categories ?? [] } : value.child;
  const input = {
    date: value.date, actor: value.actor, child,
    consents: value.consents ?? [],
    guardianNotices: typeof notified === 'string' ? [{ date: notified }] : [],
    purpose: value.purpose, act: value.act, fields: value.fields,
    ...(value.recipient !== undefined ? { recipient: value.recipient } : {}),
  };
  // guardianNotices is built here from guardianNotified, so its problems were reported above.
  for (const problem of decisionInputProblems(input)) if (!problem.field.startsWith('guardianNotices')) p.add(problem.field, problem.message);
  if (p.items.length) return { ok: false, id, problems: p.items };
  return { ok: true, scenario: { id: id!, input: input as unknown as DecisionInput } };
}

export function scenarioResult(id: string, d: Decision): ScenarioResult {
  return Object.freeze({
    id,
    decision: d.allowed ? 'allow' : 'deny',
    allowedFields: d.allowedFields,
    reasons: Object.freeze(d.reasons.map((r) => Object.freeze({ article: r.clause, message: r.message }))),
  });
}

/** Parse and decide one scenario value (a parsed JSON line), against `catalogue` or the seeded one. */
export function checkPolicyScenario(value: unknown, catalogue?: PurposesCatalogue): ScenarioParse & { readonly result?: ScenarioResult } {
  const parsed = parsePolicyScenario(value);
  if (!parsed.ok) return parsed;
  return { ...parsed, result: scenarioResult(parsed.scenario.id, decide({ ...parsed.scenario.input, ...(catalogue ? { catalogue } : {}) })) };
}
