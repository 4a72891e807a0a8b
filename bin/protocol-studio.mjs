#!/usr/bin/env node
// Runs the TypeScript CLI through tsx's loader, so `npx protocol-studio` works right after `npm install`.
import { register } from 'tsx/esm/api';

register();
await import('../main/cli/run.ts');
