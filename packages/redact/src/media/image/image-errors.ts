import { errors, HutongError } from '@hutong/core';

const FIELD = 'image';
const SUPPORTED = '支持 JPG、PNG、WebP';

/** Bad input is HUTONG_VALIDATION naming what is wrong; nothing is returned for it. */
export const imageErrors = {
  empty: (): HutongError => errors.validation([{ field: FIELD, message: '文件为空' }]),
  notAnImage: (): HutongError => errors.validation([{ field: FIELD, message: `不是可识别的图片文件（${SUPPORTED}），已拒绝处理` }]),
  unsupported: (format: string): HutongError =>
    errors.validation([{ field: FIELD, message: `不支持的图片格式 ${format}（${SUPPORTED}）` }]),
  corrupt: (): HutongError => errors.validation([{ field: FIELD, message: '图片数据不完整或已损坏（例如文件被截断），无法可靠处理，已拒绝' }]),
  animated: (pages: number): HutongError =>
    errors.validation([{ field: FIELD, message: `动图有 ${pages} 帧，目前只能处理单帧图片；请导出为静态图片后再处理` }]),
  tooLarge: (width: number, height: number, maxPixels: number): HutongError =>
    errors.validation([{ field: FIELD, message: `图片 ${width}×${height} 超过 ${Math.round(maxPixels / 1e6)} 百万像素，请缩小后再处理` }]),
  badOption: (field: string, message: string): HutongError => errors.validation([{ field, message }]),
  /** The server cannot read text in pictures: a configuration problem, said plainly rather than skipped. */
  ocrUnavailable: (reason: string): HutongError =>
    new HutongError(503, 'HUTONG_OCR_UNAVAILABLE', `无法识别图片中的文字：${reason}。图片中的姓名、证件号、电话等须遮盖（《困境儿童个人信息保护工作办法》第十三条、第十四条），因此未处理；如确认图片中没有文字，可关闭文字识别（ocr: false）后重试`),
  ocrFailed: (detail: string): HutongError =>
    new HutongError(500, 'HUTONG_OCR_FAILED', `文字识别失败：${detail}`),
  faceModel: (detail: string): HutongError =>
    new HutongError(500, 'HUTONG_FACE_MODEL', `人脸检测模型无法加载：${detail}`),
  /** The encoder kept something it should not have: never hand such bytes out. */
  metadataLeft: (what: string[]): HutongError =>
    new HutongError(500, 'HUTONG_METADATA_LEFT', `输出图片仍含元数据（${what.join('、')}），已拒绝输出`),
};
