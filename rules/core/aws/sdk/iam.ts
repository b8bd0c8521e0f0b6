// The IAM commands the facets send, re-exported one by one: a facet imports this module when it
// first calls IAM, so a run that never does (a snapshot audit) loads no IAM client, and a bundler
// still keeps only these commands of the client.
export { GetServerCertificateCommand, IAMClient } from '@aws-sdk/client-iam';
