// The deploy commands in README.md and docs/deploy.md, checked against the real sizes of what they
// deploy: a file passed with --template-body fits TemplateBody (51,200 bytes); a pack passed with
// --template-s3-uri sits in an awsconfigconforms* bucket and was uploaded by an `aws s3 cp` of the
// same documents from a file of at most 300 KB.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../infra/paths.js';
import { MAX_PACK_TEMPLATE_BODY_BYTES, MAX_PACK_TEMPLATE_BYTES } from '../support/contracts/contracts.js';
import { synthApp } from '../support/synth.js';

const DOCS = ['README.md', 'docs/deploy.md'];

/** Shell commands of the sh blocks, with line continuations joined. */
function shellCommands(markdown: string): string[] {
  const blocks = [...markdown.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
  return blocks
    .flatMap((b) => b.replace(/\\\n\s*/g, ' ').split('\n'))
    .map((l) => l.trim())
    .filter(Boolean);
}

const commands = DOCS.flatMap((doc) =>
  shellCommands(readFileSync(join(REPO_ROOT, doc), 'utf8')).map((command) => ({ doc, command })),
);

/** Synthesized templates, for commands that name cdk.out/<stack>.template.json. */
let synthesized: Map<string, string> | undefined;
function fileBytes(path: string): number {
  if (path.startsWith('cdk.out/')) {
    if (!synthesized) {
      const assembly = synthApp({ memberAccounts: ['111111111111'] }).app.synth();
      synthesized = new Map(
        assembly.stacks.map((s) => [`cdk.out/${s.templateFile}`, JSON.stringify(s.template, null, 1)]),
      );
    }
    const text = synthesized.get(path);
    if (text === undefined) throw new Error(`${path} is not a template npm run synth writes`);
    return Buffer.byteLength(text);
  }
  return Buffer.byteLength(readFileSync(join(REPO_ROOT, path)));
}

describe('documented deploy commands', () => {
  const templateBodies = commands.flatMap(({ doc, command }) =>
    [...command.matchAll(/--template-body file:\/\/(\S+)/g)].map((m) => ({ doc, file: m[1]! })),
  );
  const s3Uris = commands.flatMap(({ doc, command }) =>
    [...command.matchAll(/--template-s3-uri (s3:\/\/(\S+?)\/(\S+))/g)].map((m) => ({
      doc,
      uri: m[1]!,
      bucket: m[2]!,
    })),
  );
  const uploads = new Map(
    commands.flatMap(({ command }) => {
      const m = command.match(/^aws s3 cp (\S+) (s3:\/\/\S+)/);
      return m ? [[m[2]!, m[1]!] as const] : [];
    }),
  );

  it('finds the pack and template commands to check', () => {
    expect(s3Uris.length).toBeGreaterThanOrEqual(4);
    expect(templateBodies.length).toBeGreaterThanOrEqual(1);
  });

  it.each(templateBodies.map((t) => [`${t.doc}: ${t.file}`, t.file] as const))(
    '%s fits --template-body',
    (_, file) => {
      expect(fileBytes(file), `${file} is passed inline`).toBeLessThanOrEqual(MAX_PACK_TEMPLATE_BODY_BYTES);
    },
    300_000,
  );

  it.each(s3Uris.map((u) => [`${u.doc}: ${u.uri}`, u] as const))(
    '%s is uploaded, fits and can be read by Config',
    (_, u) => {
      expect(u.bucket, 'Config reads pack templates from buckets named awsconfigconforms*').toMatch(
        /^awsconfigconforms/,
      );
      const source = uploads.get(u.uri);
      expect(source, `no \`aws s3 cp <file> ${u.uri}\` in the docs`).toBeDefined();
      expect(fileBytes(source!)).toBeLessThanOrEqual(MAX_PACK_TEMPLATE_BYTES);
    },
  );
});
