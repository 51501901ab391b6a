import type { Detector } from '../../types.ts';
import { bankCardDetector } from './bank-card.detector.ts';
import { dateOfBirthDetector } from './date-of-birth.detector.ts';
import { emailDetector } from './email.detector.ts';
import { idCardDetector } from './id-card.detector.ts';
import { exploitCueDetector, labelDetector } from './lexicon.detector.ts';
import { passportDetector } from './passport.detector.ts';
import { phoneDetector } from './phone.detector.ts';
import { plateDetector } from './plate.detector.ts';
import { qqDetector } from './qq.detector.ts';
import type { Today } from './today.ts';
import { wechatDetector } from './wechat.detector.ts';

export interface RuleOptions {
  /** Today (YYYY-MM-DD) for "birth date not in the future"; tests pin it. */
  readonly today?: Today;
}

/** The character-level rules: identifiers with checksums or fixed shapes, and the 第十五条 lexicons. */
export function ruleDetectors(opts: RuleOptions = {}): Detector[] {
  return [
    idCardDetector(opts.today),
    phoneDetector(),
    bankCardDetector(),
    emailDetector(),
    qqDetector(),
    wechatDetector(),
    plateDetector(),
    passportDetector(),
    dateOfBirthDetector(opts.today),
    labelDetector(),
    exploitCueDetector(),
  ];
}

export type { Today } from './today.ts';
