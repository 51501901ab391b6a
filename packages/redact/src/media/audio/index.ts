export type { AudioOptions, AudioResult, MutedSpan, TranscriptSegment } from './audio.types.ts';
export { processAudio } from './process-audio.ts';
export { isAudioFile } from './audio-format.ts';
export { toSegments, parseWebVtt, parseSrt } from './transcript/index.ts';
