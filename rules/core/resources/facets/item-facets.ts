// The facets that configuration items record (those that declare inItems), in ALL_FACETS order.
// The engine reads items through this list, not ALL_FACETS, so a rule's bundle holds only the SDK
// clients of the facets it needs; test/core/resources/facets/item-facets.test.ts keeps it complete.
import type { AnyFacet } from '../facet.js';
import { attributes } from './attributes.js';
import { availabilityZones } from './availability-zones.js';
import { classicPolicies } from './classic-policies.js';
import { tags } from './tags.js';

export const ITEM_FACETS: readonly AnyFacet[] = [attributes, tags, classicPolicies, availabilityZones];
