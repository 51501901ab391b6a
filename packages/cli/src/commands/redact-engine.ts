import type { Command } from 'commander';
import type { RegistryTerms } from '../redact-api.ts';
import { cliActor, orgsService, registryTermsFor } from '../server-api.ts';
import { withContext } from '../run-context.ts';
import type { Out } from '../output.ts';

/** One engine recipe for the CLI and the API: the shared engine plus, per run, the registry detector. */
export { engineFor } from '../server-api.ts';

export const REGISTRY_HELP = '同时按本机构名册中的儿童与监护人姓名、学校、村（社区）逐字匹配（须与 --org 同用；读取名册记入处理台账）';

/** --registry and --org on a command that detects. */
export function registryOptions(c: Command): Command {
  return c.option('--registry', REGISTRY_HELP).option('--org <机构>', '使用 --registry 时必填：以哪个机构的身份读取名册（机构编号或完整名称）');
}

/**
 * The platform's registry terms for `--registry`, read as an officer of `org` through the
 * server's one door (ledgered there). The database is opened only for this and closed before any
 * text is processed, so a long redaction does not hold the embedded database's lock.
 * Returns the exit code when it failed (already printed).
 */
export async function loadRegistryTerms(o: Out, opts: { registry?: boolean; org?: string }): Promise<{ terms?: RegistryTerms; code: number }> {
  if (!opts.registry) {
    if (opts.org) o.err('提示：未加 --registry，--org 不起作用');
    return { code: 0 };
  }
  if (!opts.org) {
    o.err('错误：使用 --registry 时须用 --org 指明机构（名册按机构读取，并记入处理台账）');
    return { code: 1 };
  }
  let terms: RegistryTerms | undefined;
  const code = await withContext(async ({ ctx }) => {
    const org = await orgsService.findOrgByIdOrName(ctx, opts.org!);
    if (!org) throw Object.assign(new Error(`找不到机构“${opts.org}”（请填写机构编号或完整名称；用 hutong org list 查看）`), { code: 'HUTONG_NOT_FOUND' });
    const r = await registryTermsFor(ctx, cliActor(org));
    terms = r.terms;
    o.err(`已读取名册：${r.children} 名儿童的姓名、监护人姓名、学校与村（社区），共 ${r.terms.persons.length + r.terms.schools.length + r.terms.places.length} 个匹配词（已记入处理台账）`);
  }, { org: '--org' });
  return code === 0 && terms ? { terms, code } : { code: code || 1 };
}
