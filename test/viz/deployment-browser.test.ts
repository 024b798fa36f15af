import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deploymentPlan, type DeploymentPlan } from '../../engine/analysis/deployment/index.js';
import { planFromScenario } from '../../engine/scenario/scenario-adapter.js';
import { PreparedRun } from '../../engine/sim/prepared-run.js';
import { generateReportHtml } from '../../viz/generate-report.js';
import { fixtureRun, fixtureScenario, WATER } from './fixture.js';
import { openReport, skipWithoutChromium, type OpenedReport } from './browser.js';

const OUT = path.resolve(import.meta.dirname, '../../test-output');

/**
 * The fixture's movement, planned for deployment on the fixture grid, as `motorcade report` adds it; with
 * `twoMinutesLater`, a second movement on the same trip two minutes behind it (within the 5 min separation).
 */
function fixtureDeployment(twoMinutesLater = false): DeploymentPlan {
  const { graph } = fixtureRun();
  const scenario = fixtureScenario();
  if (twoMinutesLater) {
    const m1 = scenario.movements[0]!;
    scenario.movements.push({ ...m1, id: 'm2', departure: { fromS: m1.departure.fromS + 120, toS: m1.departure.toS + 120 } });
  }
  const plan = planFromScenario(scenario, graph);
  const rules = { officers: { major: { base: 1, perArm: 2 }, minor: { base: 0, perArm: 1 } }, staticCloseBeforeS: 600, rollingCloseBeforeS: 120, separationS: 300, maxShiftS: 1800 };
  return deploymentPlan(new PreparedRun(graph, plan), { rules, outriders: plan.movements.map(() => 4) });
}

describe.skipIf(skipWithoutChromium('deployment layer'))('report in Chromium: the deployment layer and day timeline', () => {
  let r: OpenedReport;
  let plan: DeploymentPlan;
  const file = path.join(OUT, 'fixture-deployment-report.html');
  beforeAll(async () => {
    fs.mkdirSync(OUT, { recursive: true });
    plan = fixtureDeployment();
    fs.writeFileSync(file, generateReportHtml({ ...fixtureRun(), water: WATER, deployment: plan }));
    r = await openReport(file);
  });
  afterAll(async () => { await r?.close(); });

  it('draws one marker per junction post of the driven option once the layer is switched on', async () => {
    const posts = plan.movements[0]!.options.find((o) => o.option === plan.movements[0]!.chosen)!.posts;
    expect(posts.length).toBeGreaterThan(0);
    expect(await r.page.locator('path.deploy-post').count()).toBe(0);
    await r.page.locator('input[data-layer="deployment"]').check();
    expect(await r.page.locator('path.deploy-post').count()).toBe(posts.length);
  });

  it('shows the day timeline: the drive and closure bars of the movement, the staffing line, the totals', async () => {
    expect(await r.page.locator('svg.deploy-timeline rect.deploy-drive[data-movement="m1"]').count()).toBe(1);
    expect(await r.page.locator('svg.deploy-timeline rect.deploy-closure[data-movement="m1"]').count()).toBe(1);
    expect(await r.page.locator('svg.deploy-timeline polyline.deploy-staffing').count()).toBe(1);
    expect(await r.page.locator('.deploy-summary').innerText()).toContain(`${plan.day.officersTotal} officers posted in total, ${plan.day.officersPeak.count} at the peak minute`);
  });
});

describe.skipIf(skipWithoutChromium('deployment places'))('report in Chromium: the shared places of the day', () => {
  let r: OpenedReport;
  let plan: DeploymentPlan;
  const file = path.join(OUT, 'fixture-deployment-places-report.html');
  beforeAll(async () => {
    fs.mkdirSync(OUT, { recursive: true });
    plan = fixtureDeployment(true);
    fs.writeFileSync(file, generateReportHtml({ ...fixtureRun(), water: WATER, deployment: plan }));
    r = await openReport(file);
  });
  afterAll(async () => { await r?.close(); });

  it('draws a row per shared place with both movements there, outlined where they conflict', async () => {
    const places = plan.day.places;
    expect(places.length).toBeGreaterThan(0);
    const uses = places.flatMap((p) => p.uses);
    expect(uses.some((u) => u.movement === 'm2' && u.conflictsWith.includes('m1'))).toBe(true);
    const shown = places.slice(0, 12).flatMap((p) => p.uses);
    expect(await r.page.locator('svg.deploy-places rect.deploy-place-use').count()).toBe(shown.length);
    expect(await r.page.locator('svg.deploy-places rect.deploy-place-use[data-movement="m2"]').count()).toBe(shown.filter((u) => u.movement === 'm2').length);
    expect(await r.page.locator('svg.deploy-places rect.deploy-place-conflict').count()).toBe(shown.filter((u) => u.conflictsWith.length > 0).length);
    expect(await r.page.locator('.deploy-places-figure figcaption').innerText()).toContain('Places two or more movements share');
  });
});
