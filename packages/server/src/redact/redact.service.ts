import { codePointOffsets, redactText, type Finding, type PresetName } from '@hutong/redact';
import type { AppContext } from '../context.ts';
import type { Actor } from '../shared/http/actor.ts';
import { registryTermsFor } from '../registry/registry-terms.service.ts';
import { engineFor } from './redact-engine.ts';

export interface FindingDto {
  type: string;
  start: number;
  end: number;
  text: string;
  score: number;
  source: string;
}

/** Engine findings (UTF-16) as the API gives them: Unicode code points, end exclusive. */
export function findingDtos(text: string, findings: readonly Finding[]): FindingDto[] {
  const cp = codePointOffsets(text);
  return findings.map((f) => ({ type: f.type, start: cp(f.start), end: cp(f.end), text: f.text, score: f.score, source: f.source }));
}

/** The engine for this request: with the actor's registry terms (read through the one door, ledgered) when asked. */
export async function engineForRequest(ctx: AppContext, actor: Actor, useRegistry: boolean | undefined) {
  return engineFor(useRegistry ? (await registryTermsFor(ctx, actor)).terms : undefined);
}

/**
 * Any signed-in account may detect and redact a text it brings: the text is the caller's, nothing
 * is read from the registry and nothing of the text is stored or logged. Only `useRegistry`
 * touches children's data, and that is decided (and ledgered) by the registry module.
 */
export async function detectText(ctx: AppContext, actor: Actor, body: { text: string; useRegistry?: boolean | undefined }): Promise<{ findings: FindingDto[] }> {
  const engine = await engineForRequest(ctx, actor, body.useRegistry);
  return { findings: findingDtos(body.text, engine.detect(body.text)) };
}

/**
 * Detect and process with a preset (and the caller's policy overrides, checked by the redact
 * package: a bad operator is a 400 naming the key). The report's originals are masked.
 */
export async function redactTextFor(ctx: AppContext, actor: Actor, body: { text: string; preset: PresetName; policy?: Record<string, unknown> | undefined; useRegistry?: boolean | undefined }) {
  const engine = await engineForRequest(ctx, actor, body.useRegistry);
  const r = redactText(engine, body.text, { preset: body.preset, ...(body.policy ? { policy: body.policy } : {}) });
  return { text: r.text, findings: findingDtos(body.text, r.findings), report: [...r.report] };
}
