import { CLAUSES, type ElementFact, type PublicationKind } from '@hutong/core';
import type { EntityType, Finding, PresetName, RegistryDetector, RegistryTerms, ReportEntry } from '@hutong/redact';
import { hmacSm3, sm3 } from '../shared/crypto/index.ts';
import type { LinkTerms } from '../registry/publication-link.service.ts';
import { processDocument, processShortText } from './document-processing.ts';
import { processAudioFile, processImageFile, transcriptSegments } from './media.ts';
import type { IntakeFile } from './publication-intake.ts';
import type { DraftRecord, FileView, FindingView, TermDraft } from './publication-record.ts';
import { CollectingEngine, registryOf, type Term } from './review-engine.ts';

/**
 * One pass of the engines over a submission: every file processed (documents by the text engine
 * with the preset its kind calls for, pictures and recordings by the media engines), the title
 * and file names too, with a reviewer's keeps, dismissals and additions applied. Returns what the
 * decision needs (elements), what linking needs (the raw numbers and names), what the record
 * shows, and the raw words for the draft. Pure apart from the engines: nothing is stored here.
 */
export function presetFor(kind: PublicationKind): PresetName {
  if (kind === 'award_list' || kind === 'aid_list') return 'aid_list';
  if (kind === 'case_release') return 'judgment';
  return 'news';
}

export interface PreviousMedia {
  processed: Buffer;
  view: FileView;
}

export interface AnalyseInput {
  kind: PublicationKind;
  title: string;
  files: readonly IntakeFile[];
  /** The submitter's own registry terms (only at submission, and only with registry access). */
  liveRegistry?: RegistryTerms | undefined;
  draft: Pick<DraftRecord, 'salt' | 'known' | 'added' | 'adjust' | 'media' | 'terms' | 'texts'>;
  previous?: ReadonlyMap<number, PreviousMedia>;
}

export interface AnalysedFile {
  position: number;
  role: IntakeFile['role'];
  name: string;
  mediaType: string;
  /** Null for a transcript: it is read, never published. */
  processed: Buffer | null;
  view: FileView;
}

export interface AnalyseOutput {
  title: string;
  titleFindings: FindingView[];
  files: AnalysedFile[];
  elements: ElementFact[];
  terms: TermDraft[];
  texts: Record<string, string>;
  known: Term[];
  media: Record<number, string>;
  link: LinkTerms;
}

const WORDS = new Set(['LABEL', 'EXPLOIT_CUE']);
const termKey = (type: string, text: string) => `${type}\u0000${text}`;

function entryView(id: string, e: ReportEntry): FindingView {
  return {
    id, type: e.type, action: e.operator, article: e.article, ...(e.original !== undefined ? { original: e.original } : {}),
    replacement: e.operator === 'keep' ? '（保留）' : e.replacement, ...(e.location ? { location: e.location } : {}),
    start: e.start, end: e.end, score: e.score, source: e.rule, ...(e.flag ? { flag: e.flag } : {}),
  };
}

class Analysis {
  readonly elements: ElementFact[] = [];
  readonly texts: Record<string, string> = {};
  readonly media: Record<number, string> = {};
  /** Picture and recording words, for linking (not reviewer-adjustable terms). */
  readonly mediaTerms: Term[] = [];
  private readonly actionByTerm = new Map<string, 'keep' | 'remove'>();
  private readonly actionById = new Map<string, 'keep' | 'remove'>();
  readonly engine: CollectingEngine;
  readonly keepTexts: string[];
  readonly mediaRegistry: RegistryDetector | undefined;

  constructor(readonly input: AnalyseInput) {
    const added = input.draft.added.map((a) => ({ type: a.type, text: a.text }));
    this.engine = new CollectingEngine(registryOf(input.liveRegistry, input.draft.known), added);
    this.mediaRegistry = registryOf(input.liveRegistry, input.draft.known, added);
    const termsById = new Map(input.draft.terms.map((t) => [t.id, t]));
    for (const a of input.draft.adjust) {
      this.actionById.set(a.id, a.action);
      const t = termsById.get(a.id);
      if (t) this.actionByTerm.set(termKey(t.type, t.text), a.action);
    }
    this.keepTexts = input.draft.adjust.map((a) => termsById.get(a.id)?.text).filter((t): t is string => t !== undefined);
  }

  fromEntries(prefix: string, file: string, entries: readonly ReportEntry[], counts: Readonly<Record<string, number>>): FindingView[] {
    const category = new Map(this.engine.findings().filter((f) => WORDS.has(f.type)).map((f) => [f.text, String(f.meta?.['category'] ?? '')]));
    const shown = new Map<string, number>();
    const views = entries.map((e, i) => {
      const id = `${prefix}:${i}`;
      const action = e.operator === 'keep' ? this.actionByTerm.get(termKey(e.type, e.replacement)) : undefined;
      const word = WORDS.has(e.type) ? e.original : undefined;
      this.elements.push({
        id, type: e.type, file, ...(e.location ? { location: e.location } : {}), start: e.start, end: e.end,
        ...(word ? { word, category: category.get(word) ?? '' } : {}),
        ...(action === 'keep' ? { kept: true } : action === 'remove' ? { removed: true } : {}),
      });
      shown.set(e.type, (shown.get(e.type) ?? 0) + 1);
      return entryView(id, e);
    });
    // Past the report cap the findings are counted only; the decision still has to see every one.
    for (const [type, n] of Object.entries(counts)) {
      for (let k = shown.get(type) ?? 0; k < n; k++) this.elements.push({ id: `${prefix}:${type}-${k}`, type, file });
    }
    return views;
  }

  async document(f: IntakeFile, name: string): Promise<AnalysedFile> {
    const r = await processDocument(this.engine, { name, ext: f.ext, bytes: f.bytes }, presetFor(this.input.kind), this.keepTexts);
    const findings = this.fromEntries(String(f.position), name, r.report.entries, r.report.counts);
    for (let k = 0; k < r.embeddedMedia; k++) this.elements.push({ id: `${f.position}:media-${k}`, type: 'EMBEDDED_MEDIA', file: name });
    return {
      position: f.position, role: f.role, name, mediaType: f.mediaType, processed: r.output,
      view: { position: f.position, name, role: f.role, mediaType: f.mediaType, findings, omitted: r.report.omitted, counts: { ...r.report.counts }, ...(r.embeddedMedia ? { embeddedMedia: r.embeddedMedia } : {}) },
    };
  }

  private reuse(f: IntakeFile, key: string): PreviousMedia | undefined {
    this.media[f.position] = key;
    const prev = this.input.previous?.get(f.position);
    return prev && this.input.draft.media[f.position] === key ? prev : undefined;
  }

  async image(f: IntakeFile, name: string): Promise<AnalysedFile> {
    const keepFaces = [...this.actionById.keys()].filter((id) => id.startsWith(`${f.position}:face-`)).map((id) => id.slice(id.indexOf(':') + 1)).sort();
    const key = sm3(JSON.stringify({ keepFaces, registry: this.mediaRegistry?.terms ?? null })).toString('hex');
    let view: FileView, processed: Buffer;
    const prev = this.reuse(f, key);
    if (prev) {
      ({ view, processed } = prev);
    } else {
      const r = await processImageFile(f.bytes, name, { keepFaces, registry: this.mediaRegistry });
      processed = r.output;
      const counts: Record<string, number> = {};
      const findings = r.findings.map((x) => {
        const type = x.kind === 'face' ? 'FACE' : x.type ?? 'TEXT';
        counts[type] = (counts[type] ?? 0) + 1;
        return { id: `${f.position}:${x.id}`, type, action: x.action, article: CLAUSES.m14, reason: x.reason, box: x.box, score: x.score, ...(x.text !== undefined && WORDS.has(type) ? { original: x.text } : {}) };
      });
      for (const x of r.findings) if (x.text !== undefined) this.texts[`${f.position}:${x.id}`] = x.text;
      view = { position: f.position, name, role: f.role, mediaType: r.mime, findings, omitted: 0, counts, metadataRemoved: r.metadataRemoved, width: r.width, height: r.height };
    }
    for (const v of view.findings) {
      const action = this.actionById.get(v.id);
      this.elements.push({
        id: v.id, type: v.type, file: name, ...(v.original !== undefined ? { word: v.original } : {}),
        ...(action === 'keep' && v.action === 'kept' ? { kept: true } : action === 'remove' ? { removed: true } : {}),
      });
      const text = this.texts[v.id] ?? this.input.draft.texts[v.id];
      if (text !== undefined) {
        this.texts[v.id] = text;
        this.mediaTerms.push({ type: v.type as EntityType, text });
      }
    }
    return { position: f.position, role: f.role, name, mediaType: view.mediaType, processed, view };
  }

  async audio(f: IntakeFile, name: string, transcript: IntakeFile | undefined): Promise<AnalysedFile> {
    const text = transcript ? transcript.bytes.toString('utf8') : undefined;
    const segments = transcript && text !== undefined ? transcriptSegments(text, transcript.name) : [];
    // Labels and cues are wording, not something to mute: the decision reads them from the transcript.
    const spoken = segments.map((s) => s.text).join('\n');
    const words = spoken ? this.engine.detect(spoken).filter((x) => WORDS.has(x.type)) : [];
    const key = sm3(JSON.stringify({ transcript: text ? sm3(text).toString('hex') : null, registry: this.mediaRegistry?.terms ?? null })).toString('hex');
    let view: FileView, processed: Buffer;
    const prev = this.reuse(f, key);
    if (prev) {
      ({ view, processed } = prev);
    } else {
      const r = await processAudioFile(f.bytes, name, { transcript: text, registry: this.mediaRegistry });
      processed = r.output;
      const counts: Record<string, number> = { VOICE: 1 };
      const findings: FindingView[] = r.muted.map((m, i) => {
        counts[m.type] = (counts[m.type] ?? 0) + 1;
        this.texts[`${f.position}:m${i}`] = m.text;
        return { id: `${f.position}:m${i}`, type: m.type, action: 'muted', article: CLAUSES.m14, reason: m.reason, from: m.start, to: m.end, score: 1 };
      });
      const v = r.voiceAltered;
      findings.push({ id: `${f.position}:voice`, type: 'VOICE', action: 'altered', article: CLAUSES.m14, score: 1, reason: `${CLAUSES.m14}：不得公开困境儿童的声音，已变声（音高 ${v.pitchSemitones} 个半音；${v.formant}）` });
      view = {
        position: f.position, name, role: f.role, mediaType: r.mime, findings, omitted: 0, counts, voiceAltered: v, durationSeconds: r.durationSeconds,
        ...(r.metadataRemoved ? { metadataRemoved: r.metadataRemoved } : {}), ...(r.warnings?.length ? { warnings: r.warnings } : {}),
      };
    }
    for (const v of view.findings) {
      this.elements.push({ id: v.id, type: v.type, file: name });
      const t = this.texts[v.id] ?? this.input.draft.texts[v.id];
      if (t !== undefined) {
        this.texts[v.id] = t;
        this.mediaTerms.push({ type: v.type as EntityType, text: t });
      }
    }
    words.forEach((w, i) => this.elements.push({ id: `${f.position}:w${i}`, type: w.type, file: name, word: w.text, category: String(w.meta?.['category'] ?? '') }));
    return { position: f.position, role: f.role, name, mediaType: view.mediaType, processed, view };
  }

  /** Distinct detections in text, with stable ids only this draft's salt can reproduce. */
  terms(): TermDraft[] {
    const salt = Buffer.from(this.input.draft.salt, 'hex');
    const byKey = new Map<string, TermDraft>();
    const all: Array<Pick<Finding, 'type' | 'text' | 'source'>> = [...this.engine.findings(), ...this.mediaTerms.map((t) => ({ ...t, source: 'media' }))];
    for (const f of all) {
      const key = termKey(f.type, f.text);
      const t = byKey.get(key);
      if (t) {
        if (!t.sources.includes(f.source)) t.sources.push(f.source);
        continue;
      }
      byKey.set(key, { id: `k${hmacSm3(salt, key).toString('hex').slice(0, 16)}`, type: f.type, text: f.text, sources: [f.source] });
    }
    return [...byKey.values()];
  }

  /** A text a reviewer dismissed as not personal information links no child either. */
  dismissed(t: Term): boolean {
    return this.actionByTerm.get(termKey(t.type, t.text)) === 'remove';
  }

  known(): Term[] {
    const out = new Map(this.input.draft.known.map((k) => [termKey(k.type, k.text), k]));
    for (const f of this.engine.findings()) if (f.source.startsWith('registry')) out.set(termKey(f.type, f.text), { type: f.type, text: f.text });
    return [...out.values()];
  }
}

const FILE_NAME_CHARS = /[\\/:*?"<>|\u0000-\u001f]/gu;

export async function analyse(input: AnalyseInput): Promise<AnalyseOutput> {
  const a = new Analysis(input);
  const preset = presetFor(input.kind);
  const titleRun = processShortText(a.engine, input.title, preset, a.keepTexts, '（标题已处理）');
  const titleFindings = a.fromEntries('title', '标题', titleRun.report, {});

  // Published names are processed too: 王小明.jpg must not name the child it blurs.
  const names = new Map<number, string>();
  const taken = new Set<string>();
  for (const f of input.files) {
    let stem = processShortText(a.engine, f.stem, preset, a.keepTexts, `文件${f.position + 1}`).text.replace(FILE_NAME_CHARS, '_');
    while (taken.has(`${stem}${f.ext}`.toLowerCase())) stem = `${stem}-${f.position + 1}`;
    taken.add(`${stem}${f.ext}`.toLowerCase());
    names.set(f.position, `${stem}${f.ext}`);
  }

  const files: AnalysedFile[] = [];
  for (const f of input.files) {
    const name = names.get(f.position)!;
    if (f.role === 'document') files.push(await a.document(f, name));
    else if (f.role === 'image') files.push(await a.image(f, name));
    else if (f.role === 'audio') files.push(await a.audio(f, name, f.transcript !== undefined ? input.files[f.transcript] : undefined));
  }
  for (const f of input.files.filter((x) => x.role === 'transcript')) {
    const audio = input.files.find((x) => x.transcript === f.position);
    const name = names.get(f.position)!;
    files.push({
      position: f.position, role: f.role, name, mediaType: f.mediaType, processed: null,
      view: { position: f.position, name, role: f.role, mediaType: f.mediaType, findings: [], omitted: 0, counts: {}, ...(audio ? { transcriptOf: names.get(audio.position)! } : {}) },
    });
  }
  files.sort((x, y) => x.position - y.position);

  const terms = a.terms();
  const of = (type: string) => [...new Set(terms.filter((t) => t.type === type && !a.dismissed({ type: t.type as EntityType, text: t.text })).map((t) => t.text))];
  return {
    title: titleRun.text, titleFindings, files, elements: a.elements, terms, texts: a.texts, known: a.known(), media: a.media,
    link: { idNumbers: of('ID_CARD'), names: of('PERSON'), schools: of('SCHOOL') },
  };
}
