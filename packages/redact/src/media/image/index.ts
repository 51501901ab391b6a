/**
 * 技术处理 of photos (《困境儿童个人信息保护工作办法》第十三、十四条): faces, identifying text
 * and metadata. The audio half lives in ../audio.
 */
export type { Box, ImageFinding, ImageOptions, ImageResult } from './image.types.ts';
export { processImage, isImageFile } from './process-image.ts';
