// The ACM commands the facets send, re-exported one by one: a facet imports this module when it
// first calls ACM, so a run that never does (a snapshot audit) loads no ACM client, and a bundler
// still keeps only these commands of the client.
export { ACMClient, DescribeCertificateCommand } from '@aws-sdk/client-acm';
