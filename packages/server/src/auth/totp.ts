import { generateSecret, generateSync, generateURI, verifySync } from 'otplib';
import QRCode from 'qrcode';

/**
 * RFC 6238 TOTP as every authenticator app speaks it: SHA-1, 6 digits, 30 s steps. One step of
 * drift either way is accepted; a step already used is refused so an overheard code cannot be
 * replayed within its window (users.totp_last_step).
 */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_ISSUER = '护童 Hutong';

export type TotpCheck = { ok: true; step: number } | { ok: false; reason: 'invalid' | 'replay' };

export function newTotpSecret(): string {
  return generateSecret({ length: 20 }); // 160 bits, base32: what RFC 4226 recommends
}

export function totpStep(now: Date): number {
  return Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS);
}

/**
 * Checks `code` at `now` with ±1 step. Verifies without the replay floor first so that a replay
 * can be told apart from a wrong code in the audit trail (the caller answers both the same way).
 */
export function checkTotp(secret: string, code: string, now: Date, lastStep: number | null): TotpCheck {
  let result;
  try {
    result = verifySync({ secret, token: code, epoch: Math.floor(now.getTime() / 1000), epochTolerance: TOTP_PERIOD_SECONDS });
  } catch {
    return { ok: false, reason: 'invalid' }; // malformed token: otplib throws rather than answering false
  }
  // The functional API types TOTP and HOTP results together; only TOTP results carry timeStep.
  if (!result.valid || !('timeStep' in result)) return { ok: false, reason: 'invalid' };
  if (lastStep !== null && result.timeStep <= lastStep) return { ok: false, reason: 'replay' };
  return { ok: true, step: result.timeStep };
}

/** The code an authenticator shows at `now` (tests and the demo seed). */
export function totpCodeAt(secret: string, now: Date): string {
  return generateSync({ secret, epoch: Math.floor(now.getTime() / 1000) });
}

export function totpUri(username: string, secret: string): string {
  return generateURI({ issuer: TOTP_ISSUER, label: username, secret });
}

export function totpQrDataUrl(uri: string): Promise<string> {
  return QRCode.toDataURL(uri, { errorCorrectionLevel: 'M', margin: 2, width: 240 });
}
