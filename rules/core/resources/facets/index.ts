// Every facet, by key. Sources that store facets by name (snapshots) look them up here.
import type { AnyFacet } from '../facet.js';
import { attributes } from './attributes.js';
import { availabilityZones } from './availability-zones.js';
import { certificates } from './certificates.js';
import { classicPolicies } from './classic-policies.js';
import { listenerCertificates } from './listener-certificates.js';
import { listenerRules } from './listener-rules.js';
import { listeners } from './listeners.js';
import { securityGroups } from './security-groups.js';
import { shieldProtection } from './shield-protection.js';
import { shieldSubscription } from './shield-subscription.js';
import { tags } from './tags.js';
import { targetGroupAttributes } from './target-group-attributes.js';
import { targetGroupTags } from './target-group-tags.js';
import { targetSecurityGroups } from './target-security-groups.js';
import { targets } from './targets.js';
import { tlsPolicies } from './tls-policies.js';
import { webAcl } from './web-acl.js';

export {
  attributes,
  availabilityZones,
  classicPolicies,
  listenerRules,
  listeners,
  securityGroups,
  shieldProtection,
  shieldSubscription,
  tags,
  targetGroupAttributes,
  targetGroupTags,
  targetSecurityGroups,
  targets,
  webAcl,
};

export const ALL_FACETS: readonly AnyFacet[] = [
  listeners,
  listenerRules,
  attributes,
  tags,
  securityGroups,
  classicPolicies,
  tlsPolicies,
  listenerCertificates,
  certificates,
  targets,
  targetGroupTags,
  targetGroupAttributes,
  targetSecurityGroups,
  webAcl,
  availabilityZones,
  shieldSubscription,
  shieldProtection,
];
