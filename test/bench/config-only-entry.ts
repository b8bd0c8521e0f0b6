// The cold-start baseline: a Lambda bundle holding only the Config client and one call to it.
import { ConfigServiceClient, PutEvaluationsCommand } from '@aws-sdk/client-config-service';

const client = new ConfigServiceClient({});

export const handler = async (event: { resultToken: string }) =>
  client.send(new PutEvaluationsCommand({ ResultToken: event.resultToken, Evaluations: [], TestMode: true }));
