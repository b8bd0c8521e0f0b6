import { type MotoServer, startMoto } from './moto.js';

/**
 * moto without its default AMI catalogue: the tests launch instances from any image id, and skipping
 * the catalogue makes every reset and first EC2 call several times cheaper on shared cores.
 */
export function startLeanMoto(): Promise<MotoServer> {
  process.env.MOTO_EC2_LOAD_DEFAULT_AMIS = 'false';
  return startMoto();
}
