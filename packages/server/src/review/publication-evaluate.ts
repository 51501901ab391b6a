import { decidePublication, type ElementFact, type OrgType, type PublicationAudience, type PublicationChannel, type PublicationDecision, type PublicationKind, type PurposeCode } from '@hutong/core';
import type { PublicationChildFacts } from '../registry/publication-link.service.ts';
import { today } from '../registry/registry.service.ts';
import type { ChildView } from './publication-record.ts';

/** A linked child: its reference in this publication and today's facts from the registry. */
export interface Linked {
  ref: string;
  facts: PublicationChildFacts;
}

export interface Declared {
  kind: string;
  channel: string;
  audience: string;
  purpose: string;
}

/** The core decision, today, for this submitter's publication (packages/core publication/). */
export function decideToday(d: Declared, submitter: { orgType: OrgType; orgId: string }, elements: readonly ElementFact[], linked: readonly Linked[]): PublicationDecision {
  return decidePublication({
    date: today(), submitter, kind: d.kind as PublicationKind, channel: d.channel as PublicationChannel, audience: d.audience as PublicationAudience,
    purpose: d.purpose as PurposeCode, elements,
    children: linked.map((l) => ({ ref: l.ref, birthDate: l.facts.birthDate, canExpressWill: l.facts.canExpressWill, consents: l.facts.consents, guardianNotices: l.facts.guardianNotices })),
  });
}

export function childViews(decision: PublicationDecision, linked: readonly Linked[]): ChildView[] {
  const byRef = new Map(linked.map((l) => [l.ref, l.facts]));
  return decision.children.map((c) => ({
    ref: c.ref, ageBand: c.ageBand, consented: c.consented, needs: c.needs.map((n) => ({ ...n })),
    maskedName: byRef.get(c.ref)?.maskedName ?? null, matchedBy: byRef.get(c.ref)?.matchedBy ?? 'name',
  }));
}

/** Keeps the references children already had in this publication; new ones continue the numbering. */
export function assignRefs(found: readonly PublicationChildFacts[], existing: ReadonlyMap<string, string> = new Map()): Linked[] {
  let next = Math.max(0, ...[...existing.values()].map((r) => Number(r.slice(1)) || 0));
  return found.map((facts) => ({ ref: existing.get(facts.childId) ?? `C${++next}`, facts }));
}
