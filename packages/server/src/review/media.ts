import { HutongError } from '@hutong/core';
import type { RegistryDetector } from '@hutong/redact';
import { processAudio, toSegments, type AudioResult, type TranscriptSegment } from '../../../redact/src/media/audio/index.ts';
import { processImage, type ImageFinding, type ImageResult } from '../../../redact/src/media/image/index.ts';

/**
 * The one place publication review reaches the media engines (packages/redact/src/media):
 * pictures — faces blurred unless a reviewer kept them, text read and masked, EXIF/GPS and other
 * metadata removed — and recordings — the voice altered, identifying words muted where a
 * transcript says they were spoken. Both engines throw HUTONG_VALIDATION for bad input and
 * never return unprocessed bytes; this adapter adds nothing to that promise but the file name.
 */
export type { AudioResult, ImageFinding, ImageResult, TranscriptSegment };

/** Names the file in a validation error: the engines name the option ('image'), the reviewer needs the file. */
function named(e: unknown, name: string): unknown {
  if (!(e instanceof HutongError) || e.code !== 'HUTONG_VALIDATION') return e;
  const fields = (e.details.fields ?? []).map((f) => ({ ...f, field: name, message: `“${name}”：${f.message}` }));
  return new HutongError(e.statusCode, e.code, fields.map((f) => f.message).join('；') || `“${name}”：${e.message}`, { ...e.details, fields });
}

export async function processImageFile(bytes: Buffer, name: string, opts: { keepFaces: readonly string[]; registry?: RegistryDetector | undefined }): Promise<ImageResult> {
  try {
    return await processImage(bytes, { faces: 'blur', keepFaces: [...opts.keepFaces], ...(opts.registry ? { registry: opts.registry } : {}) });
  } catch (e) {
    throw named(e, name);
  }
}

export async function processAudioFile(bytes: Buffer, name: string, opts: { transcript?: string | undefined; registry?: RegistryDetector | undefined }): Promise<AudioResult> {
  try {
    return await processAudio(bytes, name, { ...(opts.transcript !== undefined ? { transcript: opts.transcript } : {}), ...(opts.registry ? { registry: opts.registry } : {}) });
  } catch (e) {
    throw named(e, name);
  }
}

/** A transcript's segments (WebVTT or SRT), or a validation error naming the file and line. */
export function transcriptSegments(text: string, name: string): TranscriptSegment[] {
  try {
    return toSegments(text);
  } catch (e) {
    throw named(e, name);
  }
}
