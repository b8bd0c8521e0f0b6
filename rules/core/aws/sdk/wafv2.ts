// The WAFv2 commands the facets send, re-exported one by one: a facet imports this module when it
// first calls WAFv2, so a run that never does (a snapshot audit) loads no WAFv2 client, and a bundler
// still keeps only these commands of the client.
export { GetWebACLForResourceCommand, WAFV2Client } from '@aws-sdk/client-wafv2';
