// One moto_server per describe block, started and stopped by the block's own hooks (the bench and
// other scripts outside vitest use moto.ts directly).
import { afterAll, beforeAll } from 'vitest';
import { type MotoServer, motoEnv, startMoto, useMotoEnv } from './moto.js';

/** The moto of one describe block: its endpoint, and the environment a child CLI needs to reach it. */
export interface MotoSuite {
  readonly endpoint: string;
  readonly env: Record<string, string>;
}

/**
 * Starts moto before the enclosing describe's other beforeAll hooks and points this process at it;
 * restores the environment and stops moto after the block. Call it first in the describe.
 */
export function motoForSuite(region = 'us-east-1'): MotoSuite {
  let moto: MotoServer | undefined;
  let restore: (() => void) | undefined;
  beforeAll(async () => {
    moto = await startMoto();
    restore = useMotoEnv(moto.endpoint, region);
  });
  afterAll(async () => {
    restore?.();
    await moto?.stop();
  });
  const started = (): MotoServer => {
    if (!moto) throw new Error('moto is not started: use the suite inside a test or a later hook');
    return moto;
  };
  return {
    get endpoint() {
      return started().endpoint;
    },
    get env() {
      return motoEnv(started().endpoint, region);
    },
  };
}
