#!/usr/bin/env node
// Runs the built bot (npm run build, which npm ci runs through `prepare`).
await import('../dist/cli.mjs');
