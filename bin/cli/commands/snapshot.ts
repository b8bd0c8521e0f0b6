// Records the live estate, every facet of every load balancer, in the snapshot format.

import { RegionalAws } from '../../../rules/core/aws/regional-aws.js';
import { ALL_FACETS } from '../../../rules/core/resources/facets/index.js';
import { LiveEstate } from '../../../rules/core/resources/live/live-estate.js';
import {
  SNAPSHOT_FORMAT,
  SNAPSHOT_VERSION,
  type SnapshotFile,
} from '../../../rules/core/resources/snapshot/format.js';
import { recordRegion } from '../../../rules/core/resources/snapshot/record.js';
import { openSession, regionsOf, validateRegions } from '../aws-session.js';
import { checkOutputPath, emit } from '../output.js';

export interface SnapshotCommandOptions {
  output: string;
  region: string[];
  profile?: string;
}

export async function snapshotCommand(options: SnapshotCommandOptions): Promise<number> {
  checkOutputPath(options.output);
  validateRegions(options.region);
  const session = await openSession(options.profile);
  const file: SnapshotFile = {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    recordedAt: new Date().toISOString(),
    regions: [],
  };
  for (const region of regionsOf(options.region, session)) {
    const estate = await LiveEstate.open(new RegionalAws({ region, credentials: session.credentials }));
    file.regions.push(await recordRegion(estate, ALL_FACETS));
  }
  emit(JSON.stringify(file, null, 2), options.output);
  const count = file.regions.reduce((n, r) => n + r.loadBalancers.length, 0);
  process.stderr.write(
    `recorded ${count} load balancer(s) in ${file.regions.length} region(s) to ${options.output}\n`,
  );
  return 0;
}
