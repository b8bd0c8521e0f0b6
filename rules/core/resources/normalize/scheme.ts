import type { Scheme } from '../../model/model.js';

/** Anything but an explicit "internal" is treated as internet-facing: the safer assumption. */
export function schemeOf(value: string | undefined): Scheme {
  return value?.toLowerCase() === 'internal' ? 'internal' : 'internet-facing';
}
