#!/usr/bin/env node
// Launcher for the `breach` CLI (package bin): runs the TypeScript sources through tsx.
import { register } from 'tsx/esm/api';

register();
await import('./cli.ts');
