import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { imageErrors } from './image-errors.ts';

type FaceApi = typeof import('@vladmandic/face-api/dist/face-api.node-wasm.js');

let loading: Promise<FaceApi> | undefined;

/**
 * face-api on TensorFlow.js with the WebAssembly backend, loaded once per process on first use.
 * The .wasm binaries and the SSD MobileNet v1 weights ship inside node_modules, so nothing is
 * fetched at run time (tfjs-node would download a native library and fail here).
 */
export function faceApi(): Promise<FaceApi> {
  loading ??= load().catch((e: unknown) => {
    loading = undefined; // a later call may retry (e.g. after a transient file error)
    throw imageErrors.faceModel(e instanceof Error ? e.message : String(e));
  });
  return loading;
}

async function load(): Promise<FaceApi> {
  const require = createRequire(import.meta.url);
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  const mod = await import('@vladmandic/face-api/dist/face-api.node-wasm.js');
  const faceapi = ((mod as { default?: FaceApi }).default ?? mod) as FaceApi;
  // A file path, not a URL: without the platform-fetch flag Emscripten reads it with fs.
  wasm.setWasmPaths(join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + '/');
  // face-api's bundled typings omit the engine calls; at run time this is @tensorflow/tfjs itself.
  const tf = faceapi.tf as unknown as typeof import('@tensorflow/tfjs');
  if (!(await tf.setBackend('wasm'))) throw new Error('TensorFlow.js WASM 后端不可用');
  await tf.ready();
  await faceapi.nets.ssdMobilenetv1.loadFromDisk(join(dirname(require.resolve('@vladmandic/face-api/package.json')), 'model'));
  return faceapi;
}
