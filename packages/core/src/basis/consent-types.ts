/**
 * Consents and guardian notices as the decision reads them. Consent is data, never a boolean on
 * the child (DESIGN.md): who gave it, for which purposes and recipients, when, until when, and
 * whether it was withdrawn. The server's consent records (issue 3 item 2) map onto this.
 */
import type { OrgType } from '../orgs/org-types.ts';
import type { PurposeCode } from '../purposes/purpose-codes.ts';
import type { IsoDate } from './iso-date.ts';

export const CONSENT_GIVERS = { guardian: '监护人', child: '儿童本人' } as const;
export type ConsentGiver = keyof typeof CONSENT_GIVERS;

export interface ConsentRecord {
  /** Optional id, echoed in the decision's basis so the caller can ledger which consent was relied on. */
  readonly id?: string;
  readonly by: ConsentGiver;
  readonly purposes: readonly PurposeCode[];
  /** Org types that may process under this consent. Absent (and no recipientOrgIds): any recipient. */
  readonly recipientOrgTypes?: readonly OrgType[];
  /** Named organisations that may process under this consent. */
  readonly recipientOrgIds?: readonly string[];
  /** The day consent was given; it covers acts on that day and after. */
  readonly date: IsoDate;
  /** Last day the consent covers (inclusive). Absent: no end date. */
  readonly expiresOn?: IsoDate | null;
  /** Withdrawn with no date: covers nothing any more. */
  readonly withdrawn?: boolean;
  /** Withdrawal takes effect on this day (个人信息保护法 第十五条: not retroactive). */
  readonly withdrawnOn?: IsoDate | null;
  /** 第十三条 / 个人信息保护法 第三十条: told the necessity and the impact on the child's rights. */
  readonly noticeOfNecessityAndImpact?: boolean;
}

/** 第十二条第三款: the guardian was told, in a clear way, that a child of 14 or over consented. */
export interface GuardianNotice {
  readonly date: IsoDate;
  /** Absent: the notice covers every purpose. */
  readonly purposes?: readonly PurposeCode[];
}
