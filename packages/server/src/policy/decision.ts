import { decide, type Decision, type DecisionInput } from '@hutong/core';
import type { AppContext } from '../context.ts';

/** The one way the server asks the lawful-basis decision: always against the catalogue in force. */
export function decideFor(ctx: AppContext, input: Omit<DecisionInput, 'catalogue'>): Decision {
  return decide({ ...input, catalogue: ctx.purposes.current() });
}
