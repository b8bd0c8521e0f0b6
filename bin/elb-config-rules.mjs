#!/usr/bin/env node
// Installed entry point: runs the bundled CLI (built by `npm run build:cli`, run on pack).
import '../dist/cli.mjs';
