/**
 * 技术处理 of pictures and recordings (第十三、十四条: 肖像、声音). Text and tables are in ../formats;
 * these take whole files in memory because sharp, tesseract and ffmpeg do.
 */
export { processImage, isImageFile, type Box, type ImageFinding, type ImageOptions, type ImageResult } from './image/index.ts';
export { processAudio, isAudioFile, toSegments, parseWebVtt, parseSrt, type AudioOptions, type AudioResult, type MutedSpan, type TranscriptSegment } from './audio/index.ts';
