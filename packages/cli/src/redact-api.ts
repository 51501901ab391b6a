/** Everything the redact commands use from @hutong/redact, in one place. */
export {
  codePointOffsets, defaultEngine, ENTITY_TYPES, ENTITY_TYPE_KEYS, FILE_FORMATS, PRESET_NAMES, PRESETS, RedactEngine, redactFile, writeReport,
  processImage, isImageFile, processAudio, isAudioFile, registryDetector, maskText,
  evaluate, EVAL_FORMATS, LABEL_MAPS, readCorpus, scoredTypes,
  type EntityType, type FileReport, type ImageResult, type AudioResult, type Finding, type PresetName, type RegistryTerms, type EvalFormat, type EvalReport, type LabelMap,
} from '@hutong/redact';
