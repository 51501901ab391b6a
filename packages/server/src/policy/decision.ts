import { decide, type Decision, type DecisionActor, type DecisionInput } from '@hutong/core';
import type { Actor } from '../shared/http/actor.ts';
import type { AppContext } from '../context.ts';

/** The one way the server asks the lawful-basis decision: always against the catalogue in force. */
export function decideFor(ctx: AppContext, input: Omit<DecisionInput, 'catalogue'>): Decision {
  return decide({ ...input, catalogue: ctx.purposes.current() });
}

/** The account as the decision sees it: org type, org, role and jurisdiction. */
export function decisionActor(actor: Actor): DecisionActor {
  return { orgType: actor.orgType!, ...(actor.orgId ? { orgId: actor.orgId } : {}), role: actor.role, regionCode: actor.jurisdiction };
}
