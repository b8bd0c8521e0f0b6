// The API requests CloudFormation (or Config, for a conformance pack) sends for the resources it
// creates, built from resolved resource properties: PutConfigRule, PutRemediationConfigurations and
// CreateDocument. Properties that exist only in CloudFormation are dropped; JSON-typed properties
// become the strings the API takes.
import { stringify } from 'yaml';

export interface ApiRequest {
  service: 'config' | 'ssm';
  operation: string;
  request: Record<string, unknown>;
}

export const CHECKED_TYPES = [
  'AWS::Config::ConfigRule',
  'AWS::Config::RemediationConfiguration',
  'AWS::SSM::Document',
] as const;

/** SSM's limit on a document's content, which the model does not state (CreateDocument, Content). */
export const MAX_SSM_DOCUMENT_BYTES = 64 * 1024;

export function apiRequest(
  type: string,
  properties: Record<string, unknown>,
  generatedName: string,
): ApiRequest {
  switch (type) {
    case 'AWS::Config::ConfigRule': {
      const { InputParameters, Compliance: _cfnOnly, ...rest } = properties;
      return {
        service: 'config',
        operation: 'PutConfigRule',
        request: {
          ConfigRule: {
            ...rest,
            ...(InputParameters === undefined ? {} : { InputParameters: jsonString(InputParameters) }),
          },
        },
      };
    }
    case 'AWS::Config::RemediationConfiguration':
      return {
        service: 'config',
        operation: 'PutRemediationConfigurations',
        request: { RemediationConfigurations: [properties] },
      };
    case 'AWS::SSM::Document': {
      const { Content, UpdateMethod: _cfnOnly, Name, ...rest } = properties;
      return {
        service: 'ssm',
        operation: 'CreateDocument',
        request: {
          ...rest,
          Name: Name ?? generatedName,
          Content: documentContent(Content, rest.DocumentFormat),
        },
      };
    }
    default:
      throw new Error(`no API mapping for ${type}`);
  }
}

/** CloudFormation sends a JSON-typed property as its JSON text. */
function jsonString(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The document text CloudFormation sends: the object serialized in the document's format. */
export function documentContent(content: unknown, format: unknown): string {
  if (typeof content === 'string') return content;
  return format === 'YAML' ? stringify(content) : JSON.stringify(content);
}
