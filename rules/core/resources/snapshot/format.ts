// The snapshot file format: an estate recorded as normalised models, per account and region.
// Facet values are stored under their facet key; a facet that was not recorded is absent, and
// rules that need it report INSUFFICIENT_DATA rather than guessing.
import type { LoadBalancer } from '../../model/model.js';

export const SNAPSHOT_FORMAT = 'elb-config-rules/snapshot';
export const SNAPSHOT_VERSION = 1;

export interface LoadBalancerRecord {
  loadBalancer: LoadBalancer;
  facets: Record<string, unknown>;
  /** Facets that could not be read when the snapshot was recorded, with the reason. */
  failures?: Record<string, string>;
}

export interface RegionSnapshot {
  accountId: string;
  region: string;
  loadBalancers: LoadBalancerRecord[];
}

export interface SnapshotFile {
  format: typeof SNAPSHOT_FORMAT;
  version: typeof SNAPSHOT_VERSION;
  recordedAt: string;
  description?: string;
  regions: RegionSnapshot[];
}
