export { registryDetector, type RegistryDetector } from './registry.detector.ts';
export { AhoCorasick, type AcMatch } from './aho-corasick.ts';
