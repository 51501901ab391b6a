// Worker entry: the server runs from TypeScript sources, so the worker registers tsx before
// loading its real code (loader hooks of the parent thread do not reach a worker).
import { register } from 'tsx/esm/api';

register();
await import('./child-rows.worker.ts');
