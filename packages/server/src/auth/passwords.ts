import { randomInt } from 'node:crypto';
import { hash, verify, type Algorithm } from '@node-rs/argon2';
import { errors } from '@hutong/core';

/**
 * Password hashing and the strength rule (等保2.0 三级 身份鉴别: 口令复杂度). argon2id with OWASP's
 * minimum profile (19 MiB, 2 passes, 1 lane): strong enough offline, ~30 ms per login online.
 */
const ARGON2ID = 2 as Algorithm; // const enum in the typings; isolatedModules forbids naming it
const ARGON2_OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false; // a malformed stored hash must read as "wrong", never as a 500 that leaks which
  }
}

// Hashed once per process so an unknown username costs one argon2 verify, like a real one.
let dummyHash: Promise<string> | undefined;

/** Spends the same time as verifyPassword on a user that does not exist (no timing oracle). */
export async function verifyDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword(`dummy-${randomInt(1 << 30)}-hutong`);
  await verifyPassword(await dummyHash, password);
  return false;
}

/**
 * Passwords that pass the class rule but lead every leaked list in China. Compared lower-cased;
 * the list is short on purpose: the class and length rules do most of the work.
 */
const COMMON = new Set([
  'password123', 'password@123', 'password123!', 'p@ssw0rd123', 'p@ssword123', 'passw0rd!1', 'admin@123456',
  'admin123456', 'admin@12345', 'qwerty@123', 'qwer@123456', 'abc@123456', 'abcd@123456', 'aa123456789',
  'aa12345678', 'a123456789.', 'woaini@1314', 'woaini1314!', '1qaz@wsx3edc', '1qaz2wsx#edc', '1qaz@wsx#edc',
  'zaq1@wsx3edc', 'huawei@123', 'huawei@1234', 'root@123456', 'test@123456', 'welcome@123', 'changeme@123',
  'hutong@2024', 'hutong@2025', 'hutong123456', 'p@ssw0rd!@#',
]);

const CLASSES = [
  { name: '小写字母', test: /\p{Ll}/u },
  { name: '大写字母', test: /\p{Lu}/u },
  { name: '数字', test: /\p{Nd}/u },
  // Anything else counts as a symbol, Chinese characters included: they widen the search space too.
  { name: '特殊符号', test: /[^\p{Ll}\p{Lu}\p{Nd}]/u },
] as const;

/** Each unmet rule, in Chinese; empty when the password is acceptable. */
export function passwordProblems(password: string, username?: string): string[] {
  const problems: string[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) problems.push(`至少需要 ${PASSWORD_MIN_LENGTH} 个字符（当前 ${length} 个）`);
  if (length > PASSWORD_MAX_LENGTH) problems.push(`不能超过 ${PASSWORD_MAX_LENGTH} 个字符`);
  const present = CLASSES.filter((c) => c.test.test(password));
  if (present.length < 3) {
    const missing = CLASSES.filter((c) => !present.includes(c)).map((c) => c.name);
    problems.push(`需包含小写字母、大写字母、数字、特殊符号中的至少 3 类（缺少：${missing.join('、')}）`);
  }
  const lower = password.toLowerCase();
  const name = username?.trim().toLowerCase();
  if (name && name.length >= 3 && lower.includes(name)) problems.push('不能包含用户名');
  if (COMMON.has(lower)) problems.push('属于常见弱密码，请换一个');
  return problems;
}

/** Throws HUTONG_VALIDATION naming `field` when the password breaks the rule. */
export function assertStrongPassword(password: string, username: string | undefined, field = 'newPassword'): void {
  const problems = passwordProblems(password, username);
  if (problems.length) throw errors.validation([{ field, message: `密码强度不足：${problems.join('；')}` }]);
}

// No 0/O, 1/l/I: the one-time password is read aloud or copied by hand.
const LOWER = 'abcdefghijkmnpqrstuvwxyz';
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGIT = '23456789';
const ALL = LOWER + UPPER + DIGIT;

/** A one-time password such as `Kq7m-Pz4r-Tx9w-Hb3n`: 16 random characters, all classes present. */
export function generateInitialPassword(username?: string): string {
  for (;;) {
    const groups = Array.from({ length: 4 }, () => Array.from({ length: 4 }, () => ALL[randomInt(ALL.length)]).join(''));
    const candidate = groups.join('-');
    if (passwordProblems(candidate, username).length === 0) return candidate;
  }
}
