#!/usr/bin/env node
// The `lienthong` command: registers tsx's loader in this process and runs the TypeScript entry,
// so signals (SIGTERM, SIGKILL) reach the server itself, with no build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/server/main.ts');
