import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { Actor } from '../shared/http/actor.ts';
import type { RouteOptions } from '../shared/http/route-options.ts';
import { authErrors } from './auth.errors.ts';
import { setAuthState } from './guards.ts';
import { toActor } from './principal.ts';
import { lookupSession, SESSION_COOKIE } from './sessions.service.ts';
import { authenticateToken } from './tokens.service.ts';

export { requireActor, requirePermission } from './guards.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Resolved once per request by the auth hook; null for anonymous or unfinished logins. */
    actor: Actor | null;
  }
}

/**
 * Resolves req.actor from `Authorization: Bearer htk_…` or an active `hutong_session` cookie.
 * A bearer header wins and, if it is bad, the request ends with 401 here: a client that sent a
 * credential must not silently fall back to anonymous. Routes decide what they need with
 * requireActor / requirePermission.
 */
const plugin: FastifyPluginAsync<RouteOptions> = async (app, { ctx }) => {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (req: FastifyRequest) => {
    req.actor = null;
    const auth = req.headers.authorization;
    if (auth !== undefined) {
      const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
      if (!m) throw authErrors.tokenInvalid();
      const { principal, expiresAt } = await authenticateToken(ctx, m[1]!, req.id);
      req.actor = toActor(principal, 'token', req.id);
      setAuthState(req, { session: null, problem: null, token: { principal, expiresAt } });
      return;
    }
    const token = req.cookies?.[SESSION_COOKIE];
    if (!token) return;
    const found = await lookupSession(ctx, token, req.id);
    if (found.kind === 'expired') {
      setAuthState(req, { session: null, problem: authErrors.sessionExpired(), token: null });
    } else if (found.kind === 'ok') {
      setAuthState(req, { session: found.session, problem: null, token: null });
      if (found.session.stage === 'active') req.actor = toActor(found.session.principal, 'session', req.id);
    }
  });
};

// fastify-plugin semantics without the extra dependency: skip encapsulation so the decorator
// and hook apply to every sibling capability registered under /api.
export const authPlugin = Object.assign(plugin, {
  [Symbol.for('skip-override')]: true,
  [Symbol.for('fastify.display-name')]: 'hutong-auth',
});
