/**
 * An in-memory stand-in for the Hutong API contract (packages/server), for browser tests of the
 * console that must not depend on the real server's state. It serves /api/* and, optionally,
 * the built console (packages/web/dist) with the single-page fallback.
 *
 * Accounts (password → TOTP code 123456 everywhere):
 *   admin     / Admin-Init-2025   must change password, then enrol TOTP
 *   zhangsan  / Passw0rd-2025     民政工作人员 (child.read/write, visit.write)
 *   shenji    / Passw0rd-2025     审计员 (ledger.read/verify)
 *   baohu     / Passw0rd-2025     个人信息保护负责人 (children and ledger)
 *   suoding   / anything          locked (423)
 * Purpose `statistics` is refused (403 with an article); a visit whose notes contain 失败 fails
 * with a field message; creating user `dup` answers a duplicate-name field error.
 */
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';

export interface MockOptions {
  port?: number;
  host?: string;
  staticDir?: string;
  idleTimeoutSeconds?: number;
}

interface MockUser {
  id: string; username: string; password: string; displayName: string; role: string; orgId: string;
  jurisdiction: string | null; mustChangePassword: boolean; totpEnrolled: boolean; locked: boolean; lastLoginAt: string | null;
}
interface Session { token: string; userId: string; stage: string; lastSeen: number; totpSecret?: string }

const ROLE_LABELS: Record<string, string> = {
  admin: '系统管理员', protection_officer: '个人信息保护负责人', civil_affairs_officer: '民政工作人员', child_supervisor: '儿童督导员',
  child_director: '儿童主任', department_staff: '部门工作人员', social_worker: '社会工作者', volunteer: '志愿者', reviewer: '审核员', auditor: '审计员',
};
const RW = ['region.read', 'child.read', 'child.write', 'visit.write'];
const PERMS: Record<string, string[]> = {
  admin: ['org.manage', 'user.manage', 'region.read'],
  protection_officer: [...RW, 'child.import', 'child.export', 'ledger.read', 'ledger.verify'],
  civil_affairs_officer: [...RW, 'child.import', 'child.export'],
  child_supervisor: RW, child_director: RW,
  auditor: ['region.read', 'ledger.read', 'ledger.verify'],
};
const ORG_TYPE_LABELS: Record<string, string> = { civil_affairs: '民政', education: '教育', school: '学校', social_org: '社会组织' };
const ACT_LABELS: Record<string, string> = {
  collect: '收集', store: '存储', use: '使用', provide: '提供', delete: '删除', login: '登录成功', login_failed: '登录失败',
  logout: '退出登录', user_create: '创建用户', org_create: '创建机构', ledger_verify: '台账校验', token_create: '创建令牌',
};
const PURPOSE_ARTICLES: Record<string, string> = {
  social_assistance: '《困境儿童个人信息保护办法》第十二条第（一）项', care_service: '《困境儿童个人信息保护办法》第十二条第（三）项',
  case_handling: '《困境儿童个人信息保护办法》第十二条第（六）项',
};

const REGIONS: { code: string; name: string; level: number; parent: string | null }[] = [
  { code: '350000', name: '福建省', level: 1, parent: null },
  { code: '350100', name: '福州市', level: 2, parent: '350000' },
  { code: '350102', name: '鼓楼区', level: 3, parent: '350100' },
  { code: '350121', name: '闽侯县', level: 3, parent: '350100' },
  { code: '350121100', name: '甘蔗街道', level: 4, parent: '350121' },
  { code: '350121101', name: '白沙镇', level: 4, parent: '350121' },
  { code: '350121101201', name: '溪头村', level: 5, parent: '350121101' },
  { code: '350121101202', name: '联坑村', level: 5, parent: '350121101' },
  { code: '350121100001', name: '昙石社区', level: 5, parent: '350121100' },
  { code: '350102001', name: '鼓东街道', level: 4, parent: '350102' },
  { code: '350102001001', name: '卫前社区', level: 5, parent: '350102001' },
];
const regionName = (code: string) => REGIONS.find((r) => r.code === code)?.name ?? code;
const regionPath = (code: string) => {
  const out: { code: string; name: string }[] = [];
  let r = REGIONS.find((x) => x.code === code);
  while (r) { out.unshift({ code: r.code, name: r.name }); r = REGIONS.find((x) => x.code === r!.parent); }
  return out;
};

const SURNAMES = '张王李赵陈林黄吴刘郑';
const GIVEN = ['小明', '欣怡', '子涵', '浩然', '雨桐', '宇轩', '思琪', '俊杰', '梓萱', '一诺', '嘉怡', '天佑'];
const SCHOOLS = ['闽侯县白沙中心小学', '闽侯县甘蔗中学', '福州市鼓楼第一中心小学'];
const CATEGORIES = ['orphan', 'left_behind', 'difficulty_poverty', 'difficulty_disability', 'de_facto_unattended'];
const CATEGORY_LABELS: Record<string, string> = {
  orphan: '孤儿', left_behind: '农村留守儿童', difficulty_poverty: '困境儿童（家庭经济困难）', difficulty_disability: '困境儿童（自身残疾）', de_facto_unattended: '事实无人抚养儿童',
};

const maskName = (s: string) => s[0] + '*'.repeat(s.length - 1);
const maskId = (s: string) => s.slice(0, 4) + '*'.repeat(10) + s.slice(14);
const maskPhone = (s: string) => s.slice(0, 3) + '****' + s.slice(7);
const maskAddress = (s: string) => s.slice(0, 6) + '****';

function makeState(idleTimeoutSeconds: number) {
  const orgs = [
    { id: 'org-mz-mh', name: '闽侯县民政局', type: 'civil_affairs', regionCode: '350121' },
    { id: 'org-bs', name: '白沙镇人民政府', type: 'civil_affairs', regionCode: '350121101' },
    { id: 'org-school', name: '闽侯县白沙中心小学', type: 'school', regionCode: '350121101' },
  ];
  const users: MockUser[] = [
    { id: 'u-admin', username: 'admin', password: 'Admin-Init-2025', displayName: '系统管理员', role: 'admin', orgId: 'org-mz-mh', jurisdiction: null, mustChangePassword: true, totpEnrolled: false, locked: false, lastLoginAt: null },
    { id: 'u-zs', username: 'zhangsan', password: 'Passw0rd-2025', displayName: '张晓燕', role: 'civil_affairs_officer', orgId: 'org-mz-mh', jurisdiction: '350121', mustChangePassword: false, totpEnrolled: true, locked: false, lastLoginAt: '2025-06-30T08:12:00Z' },
    { id: 'u-sj', username: 'shenji', password: 'Passw0rd-2025', displayName: '林审计', role: 'auditor', orgId: 'org-mz-mh', jurisdiction: '350121', mustChangePassword: false, totpEnrolled: true, locked: false, lastLoginAt: null },
    { id: 'u-bh', username: 'baohu', password: 'Passw0rd-2025', displayName: '陈保护', role: 'protection_officer', orgId: 'org-mz-mh', jurisdiction: '350121', mustChangePassword: false, totpEnrolled: true, locked: false, lastLoginAt: null },
    { id: 'u-lock', username: 'suoding', password: 'x', displayName: '王锁定', role: 'child_director', orgId: 'org-bs', jurisdiction: '350121101201', mustChangePassword: false, totpEnrolled: true, locked: true, lastLoginAt: null },
  ];
  const children = Array.from({ length: 37 }, (_, i) => {
    const name = SURNAMES[i % SURNAMES.length]! + GIVEN[i % GIVEN.length]!;
    const year = 2010 + (i % 12);
    const villages = ['350121101201', '350121101202', '350121100001'];
    return {
      id: `c${String(i + 1).padStart(4, '0')}-${crypto.createHash('sha1').update(String(i)).digest('hex').slice(0, 8)}`,
      name, gender: i % 2 ? '女' : '男', birthDate: `${year}-0${(i % 9) + 1}-1${i % 9}`,
      idNumber: `350121${year}0${(i % 9) + 1}1${i % 9}${String(100 + i).slice(-3)}${i % 3 === 0 ? 'X' : String(i % 10)}`,
      phone: `1380591${String(1000 + i)}`, school: SCHOOLS[i % SCHOOLS.length]!, grade: `${(i % 6) + 1}年级`,
      regionCode: villages[i % villages.length]!, household: `福建省福州市闽侯县白沙镇${regionName(villages[i % villages.length]!)}${i + 3}号`,
      categories: [CATEGORIES[i % CATEGORIES.length]!], health: i % 4 === 0 ? '先天性心脏病，已手术' : '良好',
      guardianSituation: i % 5 === 0 ? '父母均外出务工，由祖母照料' : '父母监护',
      guardians: [{ id: `g${i}a`, relation: i % 5 === 0 ? '祖母' : '母亲', name: SURNAMES[(i + 3) % 10]! + '桂英', phone: `1390591${String(2000 + i)}`, idNumber: `35012119${70 + (i % 20)}0101${String(200 + i)}2` }],
      visits: i % 3 === 0 ? [{ id: `v${i}`, visitedOn: '2025-05-12', kind: 'home', notes: '儿童身体状况良好，祖母照料尚可，已提醒按时复诊。', visitorName: '王主任' }] : [] as { id: string; visitedOn: string; kind: string; notes: string; visitorName: string }[],
    };
  });
  const ledger: Record<string, unknown>[] = [];
  const tokens: { id: string; userId: string; name: string; prefix: string; createdAt: string; lastUsedAt: string | null; expiresAt: string | null; revokedAt: string | null }[] = [];
  const sessions = new Map<string, Session>();
  const base = Date.parse('2025-06-01T01:00:00Z');
  const acts = ['collect', 'store', 'use', 'provide', 'login', 'use', 'use', 'login_failed'];
  for (let i = 0; i < 64; i++) {
    const act = acts[i % acts.length]!;
    const child = children[i % children.length]!;
    const actor = users[1 + (i % 3)]!;
    const security = act.startsWith('login');
    ledger.push({
      seq: i, at: new Date(base + i * 3_600_000 * 7).toISOString(), category: security ? 'security' : 'processing', act, actLabel: ACT_LABELS[act],
      actorUserId: actor.id, actorName: actor.displayName, actorOrgId: actor.orgId, actorOrgName: orgs.find((o) => o.id === actor.orgId)?.name,
      accountableOrgId: 'org-mz-mh', purpose: security ? null : act === 'use' ? 'social_assistance' : null,
      basis: security ? null : '《困境儿童个人信息保护办法》第十二条', childIds: security ? null : [child.id], fields: act === 'use' ? ['name', 'idNumber'] : null,
      outcome: act === 'login_failed' ? 'failed' : 'succeeded', reason: act === 'login_failed' ? 'bad_password' : act === 'use' ? 'masked_view' : null,
    });
  }
  return { orgs, users, children, ledger, tokens, sessions, idleTimeoutSeconds };
}

type State = ReturnType<typeof makeState>;
type Child = State['children'][number];

class Problem extends Error {
  constructor(readonly status: number, readonly code: string, detail: string, readonly extra: Record<string, unknown> = {}) { super(detail); }
}
const fieldsProblem = (fields: { field: string; message: string }[]) =>
  new Problem(400, 'HUTONG_VALIDATION', fields.map((f) => `${f.field}：${f.message}`).join('；'), { fields, title: '输入有误' });

function childFields(c: Child, full: boolean) {
  const f = (value: unknown, masked: unknown) => (full ? { value, masked: false } : { value: masked, masked: true });
  return {
    name: f(c.name, maskName(c.name)), gender: { value: c.gender, masked: false }, birthDate: f(c.birthDate, c.birthDate.slice(0, 4) + '年'),
    idNumber: f(c.idNumber, maskId(c.idNumber)), school: f(c.school, c.school.slice(0, 3) + '**学校'), grade: { value: c.grade, masked: false },
  };
}

function childDetail(c: Child, full: boolean, purpose?: string) {
  const f = (key: string, label: string, value: unknown, masked: unknown) =>
    full ? { key, label, value, masked: false } : { key, label, value: masked, masked: masked !== value };
  return {
    id: c.id, ownerOrg: { id: 'org-mz-mh', name: '闽侯县民政局' }, regionCode: c.regionCode, regionName: regionPath(c.regionCode).map((p) => p.name).join(''),
    groups: [
      { sensitivity: 'direct', label: '直接标识信息', fields: [f('name', '姓名', c.name, maskName(c.name)), f('idNumber', '身份证号', c.idNumber, maskId(c.idNumber)), f('phone', '联系电话', c.phone, maskPhone(c.phone)), f('photo', '照片', null, null)] },
      { sensitivity: 'location', label: '位置信息', fields: [f('householdAddress', '户籍地址', c.household, maskAddress(c.household)), f('school', '就读学校', c.school, c.school.slice(0, 3) + '**学校'), { key: 'regionCode', label: '区划代码', value: c.regionCode, masked: false }] },
      { sensitivity: 'sensitive', label: '敏感信息', fields: [f('categories', '儿童类别', c.categories.map((k) => CATEGORY_LABELS[k]), null), f('health', '健康状况', c.health, null), f('guardianSituation', '监护情况', c.guardianSituation, null)] },
      { sensitivity: 'general', label: '一般信息', fields: [{ key: 'gender', label: '性别', value: c.gender, masked: false }, f('birthDate', '出生日期', c.birthDate, c.birthDate.slice(0, 4) + '年'), { key: 'grade', label: '年级', value: c.grade, masked: false }] },
    ],
    guardians: c.guardians.map((g) => ({
      id: g.id, relation: g.relation,
      fields: [f('guardianName', '监护人姓名', g.name, maskName(g.name)), f('guardianPhone', '监护人电话', g.phone, maskPhone(g.phone)), f('guardianIdNumber', '监护人身份证号', g.idNumber, maskId(g.idNumber))],
    })),
    visits: c.visits.map(({ notes, ...v }) => ({ ...v, fields: [f('visitNotes', '走访记录', notes, null)] })),
    ...(full && purpose ? { basis: { purpose, article: PURPOSE_ARTICLES[purpose] ?? '《困境儿童个人信息保护办法》第十二条', message: '为履行法定职责所必需' } } : {}),
  };
}

async function readBody(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  if (!chunks.length) return {};
  try { return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>; } catch { throw new Problem(400, 'HUTONG_BAD_REQUEST', '请求体不是有效的 JSON'); }
}

const QR_SVG = (text: string) => {
  // A stand-in picture (not a real QR code): a deterministic grid from the secret's hash.
  const h = crypto.createHash('sha256').update(text).digest();
  let rects = '';
  for (let y = 0; y < 21; y++) for (let x = 0; x < 21; x++) {
    const finder = (x < 7 && y < 7) || (x > 13 && y < 7) || (x < 7 && y > 13);
    const on = finder ? (x % 6 === 0 || y % 6 === 0 || (x % 14 >= 2 && x % 14 <= 4 && y % 14 >= 2 && y % 14 <= 4)) : ((h[(x * 21 + y) % 32]! >> ((x + y) % 8)) & 1) === 1;
    if (on) rects += `<rect x="${x + 2}" y="${y + 2}" width="1" height="1"/>`;
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 25 25" shape-rendering="crispEdges"><rect width="25" height="25" fill="#fff"/><g fill="#000">${rects}</g></svg>`;
  return 'data:image/svg+xml;base64,' + Buffer.from(svg).toString('base64');
};

export async function startMockApi(opts: MockOptions = {}): Promise<{ url: string; port: number; close: () => Promise<void>; state: State }> {
  const state = makeState(opts.idleTimeoutSeconds ?? 900);
  const log = (act: string, s: Session | undefined, extra: Record<string, unknown> = {}) => {
    const u = s ? state.users.find((x) => x.id === s.userId) : undefined;
    state.ledger.push({
      seq: state.ledger.length, at: new Date().toISOString(), category: 'processing', act, actLabel: ACT_LABELS[act] ?? act,
      actorUserId: u?.id ?? null, actorName: u?.displayName ?? null, actorOrgId: u?.orgId ?? null, accountableOrgId: 'org-mz-mh',
      purpose: null, basis: null, childIds: null, fields: null, outcome: 'succeeded', reason: null, ...extra,
    });
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const p = url.pathname.replace(/^\/api/, '');
    const q = url.searchParams;
    const method = req.method ?? 'GET';
    const cookies = Object.fromEntries((req.headers.cookie ?? '').split(/;\s*/).filter(Boolean).map((c) => c.split('=') as [string, string]));
    let session = cookies.hutong_session ? state.sessions.get(cookies.hutong_session) : undefined;
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
      res.end(body === undefined ? '' : JSON.stringify(body));
    };
    const me = () => state.users.find((u) => u.id === session?.userId)!;
    const requireSession = (full = true) => {
      if (!session) throw new Problem(401, 'HUTONG_UNAUTHENTICATED', '请先登录');
      if (Date.now() - session.lastSeen > state.idleTimeoutSeconds * 1000) {
        state.sessions.delete(session.token);
        session = undefined;
        throw new Problem(401, 'HUTONG_SESSION_EXPIRED', '由于长时间未操作，会话已超时，请重新登录');
      }
      session.lastSeen = Date.now();
      if (full && session.stage !== 'active') throw new Problem(401, 'HUTONG_LOGIN_INCOMPLETE', '登录尚未完成', { next: session.stage });
      return me();
    };
    const requirePerm = (perm: string) => {
      const u = requireSession();
      if (!(PERMS[u.role] ?? []).includes(perm)) throw new Problem(403, 'HUTONG_FORBIDDEN', '您的角色无权执行此操作');
      return u;
    };
    const stageOf = (u: MockUser) => (u.mustChangePassword ? 'change_password' : !u.totpEnrolled ? 'enrol_totp' : 'totp');
    // Like the server: `next` says 'done' when the login is complete, /auth/me says stage 'active'.
    const nextOf = (stage: string) => (stage === 'active' ? 'done' : stage);
    const body = method === 'POST' || method === 'PATCH' ? await readBody(req) : {};
    const str = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : '');
    let m: RegExpMatchArray | null;

    if (p === '/health') return send(200, { status: 'ok', engine: 'mock', time: new Date().toISOString() });
    if (p === '/auth/login' && method === 'POST') {
      const fields = [];
      if (!str('username')) fields.push({ field: 'username', message: '请输入用户名' });
      if (!str('password')) fields.push({ field: 'password', message: '请输入密码' });
      if (fields.length) throw fieldsProblem(fields);
      const u = state.users.find((x) => x.username === str('username'));
      if (u?.locked) throw new Problem(423, 'HUTONG_ACCOUNT_LOCKED', '账户因连续 5 次登录失败已锁定，请 30 分钟后再试或联系本单位系统管理员解锁');
      if (!u || u.password !== str('password')) {
        log('login_failed', undefined, { outcome: 'denied', reason: '用户名或密码错误' });
        throw new Problem(401, 'HUTONG_BAD_CREDENTIALS', '用户名或密码错误（再错 4 次将锁定账户）');
      }
      const token = crypto.randomBytes(16).toString('hex');
      const s: Session = { token, userId: u.id, stage: stageOf(u), lastSeen: Date.now() };
      state.sessions.set(token, s);
      return send(200, { next: nextOf(s.stage) }, { 'Set-Cookie': `hutong_session=${token}; Path=/; HttpOnly; SameSite=Strict` });
    }
    if (p === '/auth/password' && method === 'POST') {
      const u = requireSession(false);
      if (u.password !== str('currentPassword')) throw fieldsProblem([{ field: 'currentPassword', message: '当前密码不正确' }]);
      const np = str('newPassword');
      if (np.length < 12 || !/[A-Za-z]/.test(np) || !/\d/.test(np)) throw fieldsProblem([{ field: 'newPassword', message: '新密码至少 12 位，须同时包含字母和数字' }]);
      if (np === u.password) throw fieldsProblem([{ field: 'newPassword', message: '新密码不能与当前密码相同' }]);
      u.password = np;
      u.mustChangePassword = false;
      session!.stage = session!.stage === 'change_password' ? stageOf(u) : session!.stage;
      return send(200, { next: nextOf(session!.stage) });
    }
    if (p === '/auth/totp/enrol' && method === 'POST') {
      const u = requireSession(false);
      if (session!.stage !== 'enrol_totp') throw new Problem(409, 'HUTONG_LOGIN_STEP', '当前登录步骤不符', { next: nextOf(session!.stage) });
      const secret = 'JBSWY3DPEHPK3PXP' + crypto.randomBytes(4).toString('hex').toUpperCase().replace(/[01890]/g, 'A');
      session!.totpSecret = secret;
      const otpauthUrl = `otpauth://totp/${encodeURIComponent('护童:' + u.username)}?secret=${secret}&issuer=${encodeURIComponent('护童')}`;
      return send(200, { secret, otpauthUrl, qrDataUrl: QR_SVG(otpauthUrl) });
    }
    if ((p === '/auth/totp/enrol/confirm' || p === '/auth/totp') && method === 'POST') {
      const u = requireSession(false);
      if (!/^\d{6}$/.test(str('code'))) throw fieldsProblem([{ field: 'code', message: '动态口令为 6 位数字' }]);
      if (str('code') !== '123456') throw new Problem(401, 'HUTONG_TOTP_INVALID', '动态口令不正确，请核对验证器上当前显示的 6 位数字', { fields: [{ field: 'code', message: '动态口令错误或已使用' }] });
      u.totpEnrolled = true;
      session!.stage = p === '/auth/totp' ? 'active' : 'totp';
      if (session!.stage === 'active') { u.lastLoginAt = new Date().toISOString(); log('login', session); }
      return send(200, { next: nextOf(session!.stage) });
    }
    if (p === '/auth/logout' && method === 'POST') {
      if (session) { log('logout', session); state.sessions.delete(session.token); }
      return send(204, undefined, { 'Set-Cookie': 'hutong_session=; Path=/; Max-Age=0' });
    }
    if (p === '/auth/me') {
      const u = requireSession(false);
      const org = state.orgs.find((o) => o.id === u.orgId);
      return send(200, {
        user: { id: u.id, username: u.username, displayName: u.displayName, role: u.role, roleLabel: ROLE_LABELS[u.role], jurisdiction: u.jurisdiction, mustChangePassword: u.mustChangePassword },
        org: org ? { ...org, typeLabel: ORG_TYPE_LABELS[org.type] ?? org.type } : null,
        permissions: session!.stage === 'active' ? PERMS[u.role] ?? [] : [], stage: session!.stage,
        idleTimeoutSeconds: state.idleTimeoutSeconds, expiresAt: new Date(Date.now() + state.idleTimeoutSeconds * 1000).toISOString(),
      });
    }
    if (p === '/auth/tokens' && method === 'GET') {
      const u = requireSession();
      return send(200, { items: state.tokens.filter((t) => t.userId === u.id).map(({ userId: _u, ...t }) => ({ ...t, revoked: !!t.revokedAt, expired: !!t.expiresAt && t.expiresAt < new Date().toISOString() })) });
    }
    if (p === '/auth/tokens' && method === 'POST') {
      const u = requireSession();
      if (!str('name').trim()) throw fieldsProblem([{ field: 'name', message: '请填写令牌名称' }]);
      if (state.tokens.some((t) => t.userId === u.id && t.name === str('name') && !t.revokedAt)) throw fieldsProblem([{ field: 'name', message: '已有同名的有效令牌' }]);
      const raw = 'htk_' + crypto.randomBytes(24).toString('base64url');
      const days = typeof body.expiresInDays === 'number' ? body.expiresInDays : 90;
      const t = { id: crypto.randomUUID(), userId: u.id, name: str('name'), prefix: raw.slice(0, 10), createdAt: new Date().toISOString(), lastUsedAt: null, expiresAt: new Date(Date.now() + days * 86_400_000).toISOString(), revokedAt: null };
      state.tokens.push(t);
      log('token_create', session);
      return send(201, { ...t, token: raw });
    }
    if ((m = p.match(/^\/auth\/tokens\/([^/]+)$/)) && method === 'DELETE') {
      const u = requireSession();
      const t = state.tokens.find((x) => x.id === m![1] && x.userId === u.id);
      if (!t) throw new Problem(404, 'HUTONG_NOT_FOUND', '令牌不存在或无权访问');
      t.revokedAt = new Date().toISOString();
      return send(204, undefined);
    }
    if (p === '/dashboard') {
      // The mock has no lawful-basis queues or figures; an empty to-do list keeps the home page quiet.
      requireSession();
      return send(200, { todo: [] });
    }
    if (p === '/regions') {
      requireSession();
      const parent = q.get('parent');
      const root = parent ?? null;
      const list = REGIONS.filter((r) => (root ? r.parent === root : r.parent === null));
      return send(200, list.map((r) => ({ code: r.code, name: r.name, level: r.level, hasChildren: REGIONS.some((x) => x.parent === r.code) })));
    }
    if (p === '/regions/search') {
      requireSession();
      return send(200, REGIONS.filter((r) => r.name.includes(q.get('q') ?? '')).map((r) => ({ code: r.code, name: r.name, level: r.level, hasChildren: REGIONS.some((x) => x.parent === r.code) })));
    }
    if ((m = p.match(/^\/regions\/(\d+)$/))) {
      requireSession();
      const r = REGIONS.find((x) => x.code === m![1]);
      if (!r) throw new Problem(404, 'HUTONG_NOT_FOUND', '区划不存在');
      return send(200, { code: r.code, name: r.name, level: r.level, fullName: regionPath(r.code).map((x) => x.name).join(''), path: regionPath(r.code) });
    }
    if (p === '/orgs' && method === 'GET') {
      requireSession();
      return send(200, { items: state.orgs.map((o) => ({ ...o, typeLabel: ORG_TYPE_LABELS[o.type] ?? o.type, regionName: regionPath(o.regionCode).map((x) => x.name).join('') })) });
    }
    if (p === '/orgs' && method === 'POST') {
      requirePerm('org.manage');
      const fields = [];
      if (!str('name').trim()) fields.push({ field: 'name', message: '请输入机构名称' });
      if (state.orgs.some((o) => o.name === str('name'))) fields.push({ field: 'name', message: '同名机构已存在' });
      if (!str('regionCode')) fields.push({ field: 'regionCode', message: '请选择所在区划' });
      if (fields.length) throw fieldsProblem(fields);
      const o = { id: 'org-' + crypto.randomBytes(3).toString('hex'), name: str('name'), type: str('type'), regionCode: str('regionCode') };
      state.orgs.push(o);
      log('org_create', session);
      return send(201, o);
    }
    if ((m = p.match(/^\/orgs\/([^/]+)$/)) && method === 'PATCH') {
      requirePerm('org.manage');
      const o = state.orgs.find((x) => x.id === m![1]);
      if (!o) throw new Problem(404, 'HUTONG_NOT_FOUND', '机构不存在');
      Object.assign(o, body);
      return send(200, o);
    }
    if (p === '/users' && method === 'GET') {
      requirePerm('user.manage');
      return send(200, { total: state.users.length, items: state.users.map(({ password: _p, locked, lastLoginAt: _l, ...u }) => ({ ...u, lockedUntil: locked ? new Date(Date.now() + 1_800_000).toISOString() : null, failedLogins: locked ? 5 : 0, disabled: false, roleLabel: ROLE_LABELS[u.role], orgName: state.orgs.find((o) => o.id === u.orgId)?.name ?? null })) });
    }
    if (p === '/users' && method === 'POST') {
      requirePerm('user.manage');
      const fields = [];
      if (!/^[a-z][a-z0-9_.-]{2,31}$/.test(str('username'))) fields.push({ field: 'username', message: '用户名为 3–32 位小写字母、数字或 ._-，以字母开头' });
      if (str('username') === 'dup' || state.users.some((u) => u.username === str('username'))) fields.push({ field: 'username', message: '用户名已被使用' });
      if (!str('displayName').trim()) fields.push({ field: 'displayName', message: '请输入姓名' });
      if (!['admin', 'auditor'].includes(str('role')) && !str('orgId')) fields.push({ field: 'orgId', message: `角色“${ROLE_LABELS[str('role')] ?? str('role')}”必须隶属于某个机构` });
      if (fields.length) throw fieldsProblem(fields);
      const pw = crypto.randomBytes(9).toString('base64url');
      const u: MockUser = { id: 'u-' + crypto.randomBytes(3).toString('hex'), username: str('username'), password: pw, displayName: str('displayName'), role: str('role'), orgId: str('orgId'), jurisdiction: (body.jurisdiction as string | null) ?? null, mustChangePassword: true, totpEnrolled: false, locked: false, lastLoginAt: null };
      state.users.push(u);
      log('user_create', session);
      const { password: _p, totpEnrolled: _t, ...pub } = u;
      return send(201, { user: { ...pub, roleLabel: ROLE_LABELS[u.role] }, initialPassword: pw });
    }
    if ((m = p.match(/^\/users\/([^/]+)(?:\/(reset-password|unlock))?$/))) {
      requirePerm('user.manage');
      const u = state.users.find((x) => x.id === m![1]);
      if (!u) throw new Problem(404, 'HUTONG_NOT_FOUND', '用户不存在');
      if (m[2] === 'unlock') { u.locked = false; return send(200, { ok: true }); }
      if (m[2] === 'reset-password') {
        u.password = crypto.randomBytes(9).toString('base64url');
        u.mustChangePassword = true;
        if (body.resetTotp === true) u.totpEnrolled = false;
        return send(200, { user: { id: u.id, username: u.username }, initialPassword: u.password });
      }
      if (method === 'PATCH') { Object.assign(u, body); return send(200, u); }
    }
    if (p === '/children' && method === 'GET') {
      requirePerm('child.read');
      let list = state.children;
      const term = (q.get('q') ?? '').trim();
      if (term) list = /^\d{17}[\dX]$/.test(term) ? list.filter((c) => c.idNumber === term) : list.filter((c) => c.name.includes(term));
      const region = q.get('region');
      if (region) list = list.filter((c) => c.regionCode.startsWith(region));
      const cat = q.get('category');
      if (cat) list = list.filter((c) => c.categories.includes(cat));
      const school = q.get('school');
      if (school) list = list.filter((c) => c.school === school);
      const page = Number(q.get('page') ?? 1);
      const size = Number(q.get('pageSize') ?? 20);
      const items = list.slice((page - 1) * size, page * size).map((c) => ({ id: c.id, regionCode: c.regionCode, regionName: regionPath(c.regionCode).map((x) => x.name).join(''), ownerOrg: { id: 'org-mz-mh', name: '闽侯县民政局' }, fields: childFields(c, false) }));
      return send(200, { items, total: list.length });
    }
    if ((m = p.match(/^\/children\/([^/]+)(\/history|\/visits)?$/))) {
      const c = state.children.find((x) => x.id === m![1]);
      if (m[2] === '/visits' && method === 'POST') {
        requirePerm('visit.write');
        if (!c) throw new Problem(404, 'HUTONG_NOT_FOUND', '记录不存在或无权访问');
        const fields = [];
        if (!str('notes').trim()) fields.push({ field: 'notes', message: '请填写走访情况' });
        if (str('notes').includes('失败')) fields.push({ field: 'notes', message: '走访情况中不得出现与保护无关的他人身份证号或电话号码' });
        if (str('visitedOn') > new Date().toISOString().slice(0, 10)) fields.push({ field: 'visitedOn', message: '走访日期不能晚于今天' });
        if (fields.length) throw fieldsProblem(fields);
        c.visits.push({ id: crypto.randomUUID(), visitedOn: str('visitedOn'), kind: str('kind'), notes: str('notes'), visitorName: me().displayName });
        log('collect', session, { childIds: [c.id], fields: ['visitNotes'] });
        return send(201, { ok: true });
      }
      requirePerm('child.read');
      if (!c) throw new Problem(404, 'HUTONG_NOT_FOUND', '记录不存在或无权访问');
      if (m[2] === '/history') return send(200, { items: state.ledger.filter((e) => (e.childIds as string[] | null)?.includes(c.id)).reverse() });
      const purpose = q.get('purpose');
      if (purpose) {
        const just = q.get('justification') ?? '';
        if (purpose === 'statistics') {
          log('use', session, { childIds: [c.id], purpose, outcome: 'denied', reason: '统计分析不得使用可识别身份的信息' });
          throw new Problem(403, 'HUTONG_FORBIDDEN', '统计分析目的只能使用去标识化的数据，不能查看可识别儿童身份的完整信息', { article: '《困境儿童个人信息保护办法》第十三条' });
        }
        if (just.trim().length < 4) throw fieldsProblem([{ field: 'justification', message: '请具体说明事由（不少于 4 个字）' }]);
        log('use', session, { childIds: [c.id], purpose, basis: PURPOSE_ARTICLES[purpose] ?? '第十二条', fields: ['name', 'idNumber', 'phone', 'householdAddress'] });
      }
      return send(200, childDetail(c, !!purpose, purpose ?? undefined));
    }
    if (p === '/ledger' && method === 'GET') {
      requirePerm('ledger.read');
      let list = [...state.ledger].reverse();
      for (const k of ['act', 'actorUserId', 'childId'] as const) {
        const v = q.get(k);
        if (v) list = list.filter((e) => (k === 'childId' ? (e.childIds as string[] | null)?.includes(v) : e[k] === v));
      }
      const orgId = q.get('orgId');
      if (orgId) list = list.filter((e) => e.actorOrgId === orgId);
      const from = q.get('from');
      const to = q.get('to');
      // Dates are YYYY-MM-DD in Beijing time, both ends included.
      if (from) list = list.filter((e) => Date.parse(String(e.at)) >= Date.parse(`${from}T00:00:00+08:00`));
      if (to) list = list.filter((e) => Date.parse(String(e.at)) < Date.parse(`${to}T00:00:00+08:00`) + 86_400_000);
      const page = Number(q.get('page') ?? 1);
      const size = Number(q.get('pageSize') ?? 20);
      return send(200, { items: list.slice((page - 1) * size, page * size), total: list.length });
    }
    if (p === '/ledger/verify' && method === 'POST') {
      requirePerm('ledger.verify');
      const root = crypto.createHash('sha256').update(JSON.stringify(state.ledger)).digest('hex');
      return send(200, { ok: true, entries: state.ledger.length, checkpoints: Math.floor(state.ledger.length / 16), root, unsequencedOverdue: 0, fileCheckpoints: 0, seconds: 0.1 });
    }
    if (p === '/ledger/checkpoints/latest') {
      requirePerm('ledger.read');
      return send(200, { treeSize: state.ledger.length, rootHash: crypto.createHash('sha256').update('cp' + state.ledger.length).digest('hex'), at: new Date().toISOString() });
    }
    if (p === '/ledger/proofs/inclusion') {
      requirePerm('ledger.read');
      const seq = Number(q.get('seq'));
      const treeSize = Number(q.get('treeSize') ?? state.ledger.length);
      if (!(seq >= 0 && seq < treeSize)) throw new Problem(400, 'HUTONG_VALIDATION', `序号应在 0 到 ${treeSize - 1} 之间`, { fields: [{ field: 'seq', message: `序号应在 0 到 ${treeSize - 1} 之间` }] });
      const hx = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
      return send(200, { hash: 'SM3', leafIndex: seq, treeSize, leafHash: hx('leaf' + seq), rootHash: hx('cp' + treeSize), proof: Array.from({ length: Math.ceil(Math.log2(treeSize)) }, (_, i) => hx(`p${seq}-${i}`)) });
    }
    throw new Problem(404, 'HUTONG_NOT_FOUND', `接口 ${method} ${url.pathname} 不存在`);
  };

  const serveStatic = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const dir = opts.staticDir!;
    const rel = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = path.join(dir, path.normalize(rel).replace(/^(\.\.[/\\])+/, ''));
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(dir, 'index.html');
    const types: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json' };
    res.writeHead(200, { 'Content-Type': types[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  };

  const server = http.createServer((req, res) => {
    if (!req.url?.startsWith('/api/')) {
      if (opts.staticDir) return serveStatic(req, res);
      res.writeHead(404).end();
      return;
    }
    handle(req, res).catch((e: unknown) => {
      const p = e instanceof Problem ? e : new Problem(500, 'HUTONG_INTERNAL', '服务器内部错误');
      if (!(e instanceof Problem)) console.error(e);
      res.writeHead(p.status, { 'Content-Type': 'application/problem+json; charset=utf-8' });
      res.end(JSON.stringify({ type: 'about:blank', status: p.status, code: p.code, title: p.message, detail: p.message, ...p.extra }));
    });
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    state,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

// `npx tsx packages/web/test/mock-api.ts [port]` runs it alone (with the built console).
if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.argv[2] ?? 3101);
  const staticDir = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../dist');
  const m = await startMockApi({ port, staticDir: fs.existsSync(staticDir) ? staticDir : undefined, idleTimeoutSeconds: Number(process.env.MOCK_IDLE ?? 900) });
  console.log(`mock Hutong API at ${m.url}`);
}
