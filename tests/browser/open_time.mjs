// tests/browser/open_time.mjs PAGE [RUNS] — how long the HTML report takes to open in headless
// Chromium: from navigation start to the load event and to the first paint after the page's
// script has built the findings table. A benchmark (scripts/bench-html), not a test: it asserts
// nothing, it prints the figures (median of RUNS, each in a fresh tab of one browser).
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { launch } from './cdp.mjs';

const [pagePath, runsArg] = process.argv.slice(2);
const runs = +(runsArg || 5);
const url = 'file://' + resolve(pagePath);
const b = await launch();
const p = b.page;
await p.send('Page.enable');
const loads = [], ready = [];
for (let i = 0; i < runs; i++) {
  const blank = p.waitFor('Page.loadEventFired');
  await p.send('Page.navigate', { url: 'about:blank' });
  await blank;
  const loaded = p.waitFor('Page.loadEventFired', 120000);
  await p.send('Page.navigate', { url });
  await loaded;
  const t = await p.eval(`new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => {
      const n = performance.getEntriesByType('navigation')[0];
      r([n.loadEventEnd, performance.now(), document.querySelectorAll('#ftbody tr').length]); })))`);
  loads.push(t[0]);
  ready.push(t[1]);
}
await b.close();
const med = (v) => v.slice().sort((x, y) => x - y)[v.length >> 1];
console.log(JSON.stringify({ page: pagePath, bytes: statSync(pagePath).size, runs,
  load_ms: Math.round(med(loads)), ready_ms: Math.round(med(ready)), load_all: loads.map(Math.round), ready_all: ready.map(Math.round) }));
