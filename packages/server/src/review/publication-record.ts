import type { ChildConsentStatus, ElementFact, PublicationCheck } from '@hutong/core';
import type { MatchedBy } from '../registry/publication-link.service.ts';
import type { FileRole } from './publication-intake.ts';
import type { Term } from './review-engine.ts';

/**
 * What a publication keeps, sealed. The record (record key) is what stays after approval: what
 * was processed and why, the checks, the linked children as masked references, the adjustments
 * without the words. The draft (draft key, destroyed with the originals) holds the raw text the
 * engine found, which only reviewers see and only while the draft exists.
 */
export interface FindingView {
  /** Unique in the publication: `2:5` (file 2, entry 5), `1:face-0`, `3:m0`, `title:0`. */
  id: string;
  /** The engine's entity type, or FACE / VOICE / EMBEDDED_MEDIA. */
  type: string;
  /** Operator (pseudonym, generalise, delete, neutralise, mask, keep) or blurred, pixelated, masked, kept, muted, altered. */
  action: string;
  article: string;
  reason?: string;
  /** Masked (张*), or the word as written for labels and cues. */
  original?: string;
  replacement?: string;
  location?: string;
  start?: number;
  end?: number;
  box?: { x: number; y: number; width: number; height: number };
  /** Seconds into a recording. */
  from?: number;
  to?: number;
  score: number;
  source?: string;
  flag?: string;
}

export interface FileView {
  position: number;
  name: string;
  role: FileRole;
  mediaType: string;
  findings: FindingView[];
  /** Findings beyond the report cap: counted in `counts`, not listed. */
  omitted: number;
  counts: Record<string, number>;
  metadataRemoved?: string[];
  voiceAltered?: { pitchSemitones: number; formant: string; formantSemitones?: number };
  durationSeconds?: number;
  width?: number;
  height?: number;
  warnings?: string[];
  embeddedMedia?: number;
  /** For a transcript: the recording it belongs to (not published itself). */
  transcriptOf?: string;
}

export interface ChildView extends ChildConsentStatus {
  maskedName: string | null;
  matchedBy: MatchedBy;
}

export interface AdjustmentRecord {
  id: string;
  action: 'keep' | 'remove' | 'add';
  type: string;
  reason: string;
  by: string;
  at: string;
}

export interface PublicationRecord {
  v: 1;
  titleFindings: FindingView[];
  files: FileView[];
  elements: ElementFact[];
  checks: PublicationCheck[];
  children: ChildView[];
  adjustments: AdjustmentRecord[];
}

/** A distinct detected text (type + words), across the text files, title and file names. */
export interface TermDraft {
  id: string;
  type: string;
  text: string;
  sources: string[];
}

export interface DraftAdjustment {
  id: string;
  action: 'keep' | 'remove';
  reason: string;
  by: string;
  at: string;
}

export interface DraftAddition extends Term {
  id: string;
  reason: string;
  by: string;
  at: string;
}

export interface DraftRecord {
  v: 1;
  title: string;
  /** Original file names by position. */
  names: Record<number, string>;
  /** Hex; term ids are HMACs under it, so they cannot be reversed once the draft is gone. */
  salt: string;
  terms: TermDraft[];
  /** Raw text of picture text findings and muted words, by finding id. */
  texts: Record<string, string>;
  /** Registry terms the engine matched: a later run without registry access still finds them. */
  known: Term[];
  added: DraftAddition[];
  adjust: DraftAdjustment[];
  /** What each picture or recording was last processed with, so an unchanged one is not redone. */
  media: Record<number, string>;
}
