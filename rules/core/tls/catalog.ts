// The built-in catalog of predefined policies: protocols, ciphers, FIPS and post-quantum flags as
// AWS documents them (see catalog.json's per-entry source). Derived properties come from
// classify.ts at load, so the catalog cannot disagree with the classifier.
import data from './catalog.json' with { type: 'json' };
import { classifyPolicy, type TlsPolicyDescription, type TlsPolicyProfile } from './classify.js';

export interface CatalogEntry extends TlsPolicyDescription {
  /** Absent when no document says (a policy the refresh script found but nobody has checked yet). */
  fips?: boolean;
  postQuantum?: boolean;
  /** Which document or API call this entry was taken from. */
  source: string;
}

export interface CatalogFile {
  description: string;
  updated: string;
  elbv2: CatalogEntry[];
  classic: CatalogEntry[];
}

export const CATALOG_FILE = data as CatalogFile;

function index(entries: readonly CatalogEntry[]): ReadonlyMap<string, TlsPolicyProfile> {
  return new Map(entries.map((e) => [e.name, classifyPolicy(e, `catalog (${e.source})`)]));
}

/** Predefined ELBv2 (ALB and NLB) policies by name. */
export const ELBV2_CATALOG = index(CATALOG_FILE.elbv2);
/** Predefined Classic policies by name. */
export const CLASSIC_CATALOG = index(CATALOG_FILE.classic);

/** The policy CLBs (and the CLI, CloudFormation and CDK for ELBv2) use when none is chosen. */
export const ELB_DEFAULT_POLICY = 'ELBSecurityPolicy-2016-08';
