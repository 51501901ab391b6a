import type { FastifyRequest } from 'fastify';
import { can, errors, ROLES, type HutongError, type Permission } from '@hutong/core';
import type { Actor } from '../shared/http/actor.ts';
import { authErrors } from './auth.errors.ts';
import { PERMISSION_LABELS } from './permission-labels.ts';
import type { Principal } from './principal.ts';
import type { LoadedSession } from './sessions.service.ts';

/** What the auth hook learnt about a request beyond req.actor: the login session, or why not. */
export interface AuthState {
  session: LoadedSession | null;
  /** Why there is no actor although credentials came (expired session). */
  problem: HutongError | null;
  /** Set for token requests: whose token, and when it stops working. */
  token: { principal: Principal; expiresAt: Date } | null;
}

const states = new WeakMap<FastifyRequest, AuthState>();
const EMPTY: AuthState = Object.freeze({ session: null, problem: null, token: null });

export function setAuthState(req: FastifyRequest, state: AuthState): void {
  states.set(req, state);
}

export function authStateOf(req: FastifyRequest): AuthState {
  return states.get(req) ?? EMPTY;
}

/**
 * The actor of an authenticated request (active session or valid token), or 401 saying what
 * is missing: a login, a finished login, or a fresh one after a timeout.
 */
export function requireActor(req: FastifyRequest): Actor {
  if (req.actor) return req.actor;
  const { session, problem } = authStateOf(req);
  if (problem) throw problem;
  if (session && session.stage !== 'active') throw authErrors.loginIncomplete(session.stage);
  throw errors.unauthenticated();
}

/** requireActor plus the role's permission (core ROLE_PERMISSIONS); 403 names both. */
export function requirePermission(req: FastifyRequest, permission: Permission): Actor {
  const actor = requireActor(req);
  if (!can(actor.role, permission)) {
    throw errors.forbidden(`角色“${ROLES[actor.role]}”没有“${PERMISSION_LABELS[permission]}”权限（${permission}）`);
  }
  return actor;
}

/** The session of a login in progress (any stage); the staged /auth routes act on it. */
export function requireLoginSession(req: FastifyRequest): LoadedSession {
  const { session, problem } = authStateOf(req);
  if (session) return session;
  if (problem) throw problem;
  throw authErrors.noLoginSession();
}
