// The streamed formats: --format jsonl writes one evaluation per line, the JSON report's entry,
// and both jsonl and csv write a region's evaluations while other regions are still being
// audited, keeping none (structural checks with a region held back, not timings).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AuditScope } from '../../../bin/cli/audit/audit.js';
import { type StreamedFormat, streamAudit } from '../../../bin/cli/audit/stream-report.js';
import { main } from '../../../bin/cli/main.js';
import type { OutputSink } from '../../../bin/cli/output.js';
import { readSnapshots } from '../../../rules/core/resources/snapshot/load.js';
import { SnapshotEstate } from '../../../rules/core/resources/snapshot/snapshot-estate.js';
import { RULES } from '../../../rules/index.js';

const SAMPLE = 'rules/core/resources/sample-estate';
const dir = mkdtempSync(join(tmpdir(), 'elb-streamed-report-'));

afterEach(() => {
  process.exitCode = undefined;
  vi.restoreAllMocks();
});

async function auditTo(format: string, ...extra: string[]): Promise<{ code: number; report: string }> {
  const output = join(dir, `report-${Math.random().toString(36).slice(2)}`);
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const code = await main([
    'node',
    'elb-config-rules',
    'audit',
    '--snapshot',
    SAMPLE,
    '--format',
    format,
    '--output',
    output,
    ...extra,
  ]);
  vi.restoreAllMocks();
  return { code, report: readFileSync(output, 'utf8') };
}

describe('audit --format jsonl', () => {
  it('writes one evaluation per line: exactly the JSON report entries, each line a JSON object', async () => {
    const jsonl = await auditTo('jsonl');
    const json = await auditTo('json');
    expect(jsonl.code).toBe(0);
    expect(jsonl.report.endsWith('\n')).toBe(true);
    const lines = jsonl.report.slice(0, -1).split('\n');
    const entries = JSON.parse(json.report).evaluations as Record<string, unknown>[];
    expect(entries.length).toBeGreaterThan(100);
    expect(lines).toHaveLength(entries.length);
    for (const line of lines) {
      const entry = JSON.parse(line);
      expect(typeof entry).toBe('object');
      expect(Object.keys(entry).filter((k) => k !== 'error')).toEqual([
        'ruleId',
        'resourceType',
        'resourceId',
        'resourceName',
        'complianceType',
        'annotation',
        'findings',
        'region',
        'accountId',
      ]);
      expect('error' in entry).toBe(entry.complianceType === 'INSUFFICIENT_DATA');
    }
    // The same evaluations as the JSON report, in the order they were judged rather than sorted.
    expect(lines.map((l) => JSON.stringify(JSON.parse(l))).sort()).toEqual(
      entries.map((e) => JSON.stringify(e)).sort(),
    );
  });

  it('exits by --fail-on as the other formats do', async () => {
    expect((await auditTo('jsonl', '--fail-on', 'NON_COMPLIANT')).code).toBe(3);
    expect((await auditTo('json', '--fail-on', 'NON_COMPLIANT')).code).toBe(3);
  });
});

/** A sink that records what was written, and when (counted in writes, not time). */
function recordingSink() {
  const writes: string[] = [];
  let closed = false;
  const sink: OutputSink = {
    async write(text) {
      if (closed) throw new Error('written after close');
      writes.push(text);
    },
    async close() {
      closed = true;
    },
  };
  return { sink, writes, isClosed: () => closed };
}

/** The sample estate's regions as scopes; the last one opens only when released. */
function scopesWithHeldRegion() {
  const regions = readSnapshots([SAMPLE]);
  expect(regions.length).toBeGreaterThanOrEqual(2);
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  const scopes: AuditScope[] = regions.map((region, i) => ({
    label: `${region.accountId}/${region.region}`,
    accountId: region.accountId,
    region: region.region,
    open: async () => {
      if (i === regions.length - 1) await held;
      return new SnapshotEstate(region);
    },
  }));
  const last = regions.at(-1);
  // A scope is an account and a region: the sample estate has two accounts in one region.
  return { scopes, release, heldRegion: last ? `${last.accountId}/${last.region}` : '' };
}

describe.each(['jsonl', 'csv'] as StreamedFormat[])('the streamed %s report', (format) => {
  it("writes a region's evaluations while another region is still being audited, and keeps none", async () => {
    const { scopes, release, heldRegion } = scopesWithHeldRegion();
    const { sink, writes, isClosed } = recordingSink();
    let firstFinished = () => {};
    const firstDone = new Promise<void>((resolve) => {
      firstFinished = resolve;
    });
    const audit = streamAudit(
      scopes,
      {
        rules: RULES,
        observer: {
          scopeFinished: (scope) => {
            if (scope.label === scopes[0]?.label) firstFinished();
          },
        },
      },
      format,
      sink,
    );
    await firstDone;
    // The first region is done and written; the held region has not even opened.
    const regionOf = (text: string) =>
      format === 'jsonl'
        ? `${JSON.parse(text).accountId}/${JSON.parse(text).region}`
        : (parse(text, { record_delimiter: '\r\n' }) as string[][])[0]?.slice(0, 2).join('/');
    const rows = format === 'csv' ? writes.slice(1) : writes;
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.every((w) => regionOf(w) !== heldRegion)).toBe(true);
    expect(isClosed()).toBe(false);
    const writtenBefore = writes.length;

    release();
    const result = await audit;
    expect(isClosed()).toBe(true);
    const later = writes.slice(writtenBefore);
    expect(later.length).toBeGreaterThan(0);
    expect(later.every((w) => regionOf(w) === heldRegion)).toBe(true);
    // Nothing is kept for the end: the evaluations went to the sink only.
    expect(result.evaluations).toEqual([]);
    expect(result.errors).toEqual([]);
    if (format === 'csv') expect(writes[0]).toMatch(/^accountId,region,ruleId,severity,/);
  });
});
