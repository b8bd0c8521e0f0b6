// Opens the HTML report in headless Chromium (Debian's, driven by playwright-core) and checks
// what a person sees: the summary counts, a filtered view, and that the page fetches nothing.
// Without chromium the test is skipped loudly; under CI=true a missing browser fails the run.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BrowserContext, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAudit } from '../../../bin/cli/audit/audit.js';
import { formatHtml } from '../../../bin/cli/format/html.js';
import { SnapshotEstate } from '../../../rules/core/resources/snapshot/snapshot-estate.js';
import { selectRules } from '../../../rules/index.js';
import { FLEET_SNAPSHOT } from '../fixtures/fleet-snapshot.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const INSTALL_HINT = 'apt-get update && apt-get install -y chromium';

function browserAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  const message = `${CHROMIUM} not found: the HTML report browser test cannot run. Install it with: ${INSTALL_HINT}`;
  if (process.env.CI === 'true') throw new Error(`${message} (CI=true: a missing browser fails the run)`);
  process.stderr.write(`\n${'!'.repeat(78)}\n!! SKIPPING BROWSER TEST: ${message}\n${'!'.repeat(78)}\n\n`);
  return false;
}

const run = browserAvailable();

describe.runIf(run)('HTML report in a browser', () => {
  let browser: BrowserContext;
  let url: string;
  const requests: string[] = [];

  beforeAll(async () => {
    const rules = selectRules(['alb-https-only', 'nlb-tls-only', 'clb-https-ssl-only']);
    const result = await runAudit(
      FLEET_SNAPSHOT.regions.map((region) => ({
        label: `${region.accountId}/${region.region}`,
        accountId: region.accountId,
        region: region.region,
        open: async () => new SnapshotEstate(region),
      })),
      { rules },
    );
    const dir = mkdtempSync(join(tmpdir(), 'elb-html-'));
    const file = join(dir, 'report.html');
    writeFileSync(file, formatHtml(result, rules, { generatedAt: new Date('2026-01-01T00:00:00Z') }));
    url = pathToFileURL(file).href;
    // A fresh profile for every run (playwright passes it as --user-data-dir).
    browser = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'elb-chromium-')), {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('shows the summary counts, filters the findings, and fetches nothing', async () => {
    const page = await browser.newPage();
    page.on('request', (request) => requests.push(request.url()));
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(url);
    await page.waitForSelector('html[data-ready="true"]');

    // Summary cards and the per-rule table.
    expect(await page.textContent('#total-load-balancers')).toBe('6');
    expect(await page.textContent('#total-NON_COMPLIANT')).toBe('3');
    expect(await page.textContent('#total-INSUFFICIENT_DATA')).toBe('1');
    expect(await page.textContent('#total-COMPLIANT')).toBe('2');
    const clbRow = page.locator('#by-rule tbody tr', { hasText: 'clb-https-ssl-only' });
    expect(await clbRow.locator('td.c-NON_COMPLIANT').textContent()).toBe('2');
    expect(await page.locator('#chart svg g.bar').count()).toBe(3);
    expect(
      await page.locator('#by-control tbody td:first-child', { hasText: /^Security Hub ELB\.1$/ }).count(),
    ).toBe(1);

    // Default view: every applicable evaluation (9 less 3 not applicable).
    expect(await page.textContent('#match-count')).toBe('6');
    expect(await page.locator('#findings-body tr').count()).toBe(6);

    // Filtered: failures of the Classic rule.
    await page.selectOption('#filter-compliance', 'NON_COMPLIANT');
    await page.selectOption('#filter-rule', 'clb-https-ssl-only');
    expect(await page.textContent('#match-count')).toBe('2');
    const names = await page.locator('#findings-body td.name').allTextContents();
    expect(names.sort()).toEqual(['=HYPERLINK("http://x")<script>', 'plain-clb']);
    // The remediation hint is shown beside a failure.
    expect(await page.locator('#findings-body td.hint').first().textContent()).not.toBe('');
    // The filter lives in the URL, so the view can be shared.
    expect(page.url()).toContain('rule=clb-https-ssl-only');

    // Text search and the account filter.
    await page.click('#filter-reset');
    await page.fill('#filter-text', 'nodata');
    expect(await page.textContent('#match-count')).toBe('1');
    expect(await page.locator('#findings-body td.status').textContent()).toBe('NO DATA');
    await page.click('#filter-reset');
    await page.selectOption('#filter-account', '555566667777');
    expect(await page.textContent('#match-count')).toBe('1');

    // Clicking a count in a summary table filters the findings to it.
    await page.click('#by-account tbody tr:has-text("222233334444") td.c-NON_COMPLIANT a');
    expect(await page.textContent('#match-count')).toBe('3');

    expect(errors).toEqual([]);
    // Only the file itself: no script, style, font or image comes from anywhere.
    expect(requests.filter((r) => r !== url && !r.startsWith(`${url}#`))).toEqual([]);
    // The hostile load balancer name stayed text.
    expect(await page.locator('#findings-body script').count()).toBe(0);
  });
});
