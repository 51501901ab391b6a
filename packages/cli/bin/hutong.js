#!/usr/bin/env node
// `npx hutong …` runs the TypeScript sources directly: tsx compiles them on load, so the CLI
// needs no build step and always matches the server code it calls in-process.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
