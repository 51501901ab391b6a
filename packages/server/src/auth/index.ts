export { authPlugin, requireActor, requirePermission } from './auth.plugin.ts';
export { requireLoginSession, authStateOf } from './guards.ts';
export { authRoutes } from './auth.routes.ts';
export { setAuthClock, clockOf, systemClock, type Clock } from './clock.ts';
export { SESSION_COOKIE } from './sessions.service.ts';
export { TOKEN_PREFIX } from './tokens.service.ts';
export { assertStrongPassword, passwordProblems, generateInitialPassword, hashPassword, verifyPassword } from './passwords.ts';
export { totpCodeAt, TOTP_PERIOD_SECONDS } from './totp.ts';
export { SYSTEM_ACTOR } from './admin-audit.ts';
