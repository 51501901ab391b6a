import type { Detector } from '../../types.ts';
import { addressDetector } from './address.detector.ts';
import { schoolDetector } from './school.detector.ts';

/** ADDRESS and SCHOOL. The gazetteer behind both is built on first detect and shared. */
export function placeDetectors(): Detector[] {
  return [addressDetector(), schoolDetector()];
}
