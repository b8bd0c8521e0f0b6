// The Lambda entry for this rule: esbuild bundles this file, so the bundle holds only this rule.
import { createHandler } from '../core/engine/handler.js';
import { rule } from './rule.js';

export const handler = createHandler(rule);
