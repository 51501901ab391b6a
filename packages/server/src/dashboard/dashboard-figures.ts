import { CHILD_CATEGORIES, CHILD_CATEGORY_KEYS, compareIsoDates, NATIONWIDE, parentCode, REGION_LEVEL_LABELS, regionLevel, type RegionLevel } from '@hutong/core';
import { getDivisions } from '@hutong/divisions';
import type { AppContext } from '../context.ts';
import type { Actor } from '../shared/http/actor.ts';
import { categoriesInScope } from '../registry/category-counts.service.ts';
import { basisFactsForMany } from '../consent/consent-records.ts';
import { today } from '../registry/registry.service.ts';
import { MIN_CELL, suppressTable, type Cell, type Count } from './small-cells.ts';

export interface Figures {
  asOf: string;
  minCell: number;
  children: Count;
  byCategory: Cell[];
  /** The level one below the actor's jurisdiction (a county officer sees 乡级). */
  regionLevel: string;
  byRegion: Cell[];
  consent: { covered: Count; notCovered: Count; share: number | null };
}

/** The unit directly under `root` that contains `code`; null when the child sits at `root` itself. */
function unitUnder(root: string, code: string): string | null {
  for (let x = code; ;) {
    const up = parentCode(x);
    if (up === null) return root === NATIONWIDE ? x : null;
    if (up === root) return x;
    x = up;
  }
}

function regionLabel(code: string): string {
  if (code === NATIONWIDE) return '全国';
  const d = getDivisions().get(code);
  return d ? d.shortName ?? d.name : code;
}

/**
 * Covered: at least one consent in force today (not withdrawn, not past its end) or a guardian
 * notification on file. It measures paperwork on file, not lawfulness: a child held by civil
 * affairs under its statutory duty needs no consent and counts as not covered.
 */
async function coveredCount(ctx: AppContext, ids: readonly string[]): Promise<number> {
  const t = today();
  let covered = 0;
  for (let i = 0; i < ids.length; i += 2000) {
    const facts = await basisFactsForMany(ctx.db, ids.slice(i, i + 2000));
    for (const f of facts.values()) {
      const live = f.consents.some((c) => !c.withdrawn && (!c.expiresOn || compareIsoDates(c.expiresOn, t) >= 0));
      if (live || f.guardianNotices.length > 0) covered++;
    }
  }
  return covered;
}

export async function figuresFor(ctx: AppContext, actor: Actor): Promise<Figures> {
  const children = await categoriesInScope(ctx, actor);
  const total = children.length;
  const byCategory = suppressTable(CHILD_CATEGORY_KEYS.map((k) => ({ key: k, label: CHILD_CATEGORIES[k], count: children.filter((c) => c.categories.includes(k)).length })), total);

  const perUnit = new Map<string, number>();
  for (const c of children) {
    const unit = unitUnder(actor.jurisdiction, c.regionCode) ?? actor.jurisdiction;
    perUnit.set(unit, (perUnit.get(unit) ?? 0) + 1);
  }
  // Children registered at the jurisdiction itself (not a unit under it) get a row of their own.
  const regionRows = [...perUnit].sort(([a], [b]) => a.localeCompare(b))
    .map(([key, count]) => ({ key, label: key === actor.jurisdiction && regionLevel(key) < 5 ? `${regionLabel(key)}（本级）` : regionLabel(key), count }));
  const byRegion = suppressTable(regionRows, total);

  const covered = await coveredCount(ctx, children.map((c) => c.id));
  const consent = suppressTable([{ key: 'covered', label: '', count: covered }, { key: 'notCovered', label: '', count: total - covered }], total);
  const [yes, no] = consent.rows as [Cell, Cell];
  const level = actor.jurisdiction === NATIONWIDE ? 1 : Math.min(regionLevel(actor.jurisdiction) + 1, 5) as RegionLevel;
  return {
    asOf: new Date().toISOString(),
    minCell: MIN_CELL,
    children: byCategory.total,
    byCategory: byCategory.rows,
    regionLevel: REGION_LEVEL_LABELS[level],
    byRegion: byRegion.rows,
    consent: {
      covered: { count: yes.count, suppressed: yes.suppressed },
      notCovered: { count: no.count, suppressed: no.suppressed },
      share: yes.count !== null && total > 0 ? Math.round((yes.count / total) * 1000) / 1000 : null,
    },
  };
}
