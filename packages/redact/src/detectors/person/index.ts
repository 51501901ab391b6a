export { personDetector, type PersonDetectorOptions } from './person.detector.ts';
export { loadPersonModel, MODEL_PATH } from './load-model.ts';
