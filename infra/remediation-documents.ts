// Reads a rule's remediation document: the YAML file its RemediationLink names (an absolute path,
// the document.yaml beside the link in rules/core/remediation/). The CDK stack puts `content` into
// AWS::SSM::Document.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { AnyRule, RemediationLink } from '../rules/core/engine/rule.js';

export type DocumentLink = Extract<RemediationLink, { kind: 'document' }>;

export interface RemediationDocument {
  /** The name the document is deployed under (DocumentName of the SSM document). */
  name: string;
  path: string;
  /** The parsed YAML: the value of AWS::SSM::Document's Content. */
  content: Record<string, unknown>;
}

export function loadRemediationDocument(ruleId: string, link: DocumentLink): RemediationDocument {
  const path = link.file;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`Rule ${ruleId}: remediation file ${path} cannot be read: ${(error as Error).message}`);
  }
  let content: unknown;
  try {
    content = parseYaml(text);
  } catch (error) {
    throw new Error(`Rule ${ruleId}: ${path} is not valid YAML: ${(error as Error).message}`);
  }
  if (
    !content ||
    typeof content !== 'object' ||
    (content as { schemaVersion?: unknown }).schemaVersion !== '0.3'
  ) {
    throw new Error(`Rule ${ruleId}: ${path} is not an SSM Automation document (schemaVersion '0.3')`);
  }
  return { name: link.documentName, path, content: content as Record<string, unknown> };
}

/** Every document the rules link to, once each (two rules may share one document). */
export function remediationDocuments(rules: readonly AnyRule[]): RemediationDocument[] {
  const byName = new Map<string, RemediationDocument>();
  for (const rule of rules) {
    const link = rule.remediation;
    if (link?.kind !== 'document') continue;
    const doc = loadRemediationDocument(rule.id, link);
    const seen = byName.get(doc.name);
    if (seen && seen.path !== doc.path) {
      throw new Error(`Two different files are deployed as ${doc.name}: ${seen.path} and ${doc.path}`);
    }
    byName.set(doc.name, doc);
  }
  return [...byName.values()];
}
