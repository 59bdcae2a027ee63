// tests/browser/report_test.mjs PAGE CELLS_CSV OUTDIR — the HTML report in a real browser.
//
// Headless Chromium loads the page from a local file and must log no console error; a scripted
// filter must narrow the findings table to exactly the findings it names; the evidence of 洪泽区
// 2023's table 4 sum (SUM-T4-ROW at t4.review.total) must outline, on the image as the browser
// decoded it, the boxes cells.csv gives for that row's cells; a dismissal made in the page must
// export as a waivers CSV (written to OUTDIR/waivers.csv for the shell test to feed to --waivers).
// Screenshots at desktop and phone widths go to OUTDIR. Prints one line per check; exits 1 on a
// failure.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { launch, watchErrors } from './cdp.mjs';

const [pagePath, cellsPath, outDir] = process.argv.slice(2);
const url = 'file://' + resolve(pagePath);
let failed = 0;
function check(ok, what) {
  console.log((ok ? 'ok    ' : 'FAIL  ') + what);
  if (!ok) failed++;
}

// cells.csv by header names (a field may be quoted)
function parseCsv(text) {
  const rows = [];
  let row = [], f = '', q = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (q) {
      if (c === '"' && text[i + 1] === '"') { f += '"'; i++; } else if (c === '"') q = false; else f += c;
    } else if (c === '"') q = true;
    else if (c === ',') { row.push(f); f = ''; }
    else if (c === '\n') { row.push(f); rows.push(row); row = []; f = ''; }
    else f += c;
  }
  if (f || row.length) { row.push(f); rows.push(row); }
  const head = rows.shift();
  return rows.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i]])));
}
const cells = parseCsv(readFileSync(cellsPath, 'utf8'));

async function open(b, width, height, mobile, hash = '') {
  const p = b.page;
  await p.send('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: 1, mobile });
  // from a blank page, so that a new fragment of the same page is a full load again
  const blank = p.waitFor('Page.loadEventFired');
  await p.send('Page.navigate', { url: 'about:blank' });
  await blank;
  const loaded = p.waitFor('Page.loadEventFired');
  await p.send('Page.navigate', { url: url + hash });
  await loaded;
  await p.eval('new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))');
}

async function shot(p, name, full = false) {
  const r = await p.send('Page.captureScreenshot', { format: 'png', captureBeyondViewport: full });
  writeFileSync(`${outDir}/${name}`, Buffer.from(r.data, 'base64'));
}

const b = await launch();
const p = b.page;
try {
  const errors = await watchErrors(p);
  await open(b, 1280, 900, false);
  await shot(p, 'desktop-top.png');
  const all = await p.eval('window.nianbao.data.f.length');
  const rows0 = await p.eval('document.querySelectorAll("#ftbody tr").length');
  check(all > 0 && rows0 === Math.min(all, 300), `the findings table shows ${rows0} of ${all} findings`);

  // a scripted filter: the rule select, as a person would set it
  const want = await p.eval(`window.nianbao.data.f.filter(f => window.nianbao.data.rules[f[1]][0] === 'SUM-T4-ROW').length`);
  const got = await p.eval(`(() => { const s = document.getElementById('f-rule'); s.value = 'SUM-T4-ROW';
      s.dispatchEvent(new Event('change')); return [...document.querySelectorAll('#ftbody tr')].map(tr => tr.children[1].textContent); })()`);
  check(want > 0 && got.length === want && got.every((r) => r === 'SUM-T4-ROW'),
    `filter by rule SUM-T4-ROW narrows ${rows0} rows to ${got.length} (expected ${want})`);
  const text = await p.eval(`(() => { const s = document.getElementById('f-rule'); s.value = ''; s.dispatchEvent(new Event('change'));
      const t = document.getElementById('f-text'); t.value = '复议后起诉'; t.dispatchEvent(new Event('input'));
      return document.querySelectorAll('#ftbody tr').length; })()`);
  check(text >= 1 && text < rows0, `text filter 复议后起诉 narrows to ${text} rows`);
  await p.eval("document.getElementById('findings').scrollIntoView()");
  await shot(p, 'desktop-filtered.png');

  // the finding of the known defect, and its evidence
  const fi = await p.eval(`window.nianbao.data.f.findIndex(f => window.nianbao.data.rules[f[1]][0] === 'SUM-T4-ROW'
      && f[2] === 't4.review.total' && window.nianbao.data.docs[f[0]][2].indexOf('2023_huaian_hongze') >= 0)`);
  check(fi >= 0, `洪泽 2023 SUM-T4-ROW t4.review.total is finding ${fi}`);
  await open(b, 1280, 900, false, `#f-${fi}`);
  const ev = await p.eval(`(async () => {
      const ovs = [...document.querySelectorAll('i.ov[data-f~="${fi}"]')];
      if (!ovs.length) return null;
      const fig = ovs[0].closest('figure'), img = fig.querySelector('img');
      await img.decode();
      const c = document.createElement('canvas'); c.width = img.naturalWidth; c.height = img.naturalHeight;
      const g = c.getContext('2d'); g.drawImage(img, 0, 0);
      const px = (x, y) => Array.from(g.getImageData(x, y, 1, 1).data.slice(0, 3));
      return { page: +fig.dataset.page, table: fig.dataset.table, region: fig.dataset.region.split(' ').map(Number),
               scale: +fig.dataset.scale, pad: +fig.dataset.pad, selected: ovs.every(o => getComputedStyle(o).display === 'block'),
               marks: ovs.map(o => { const [x, y, w, h] = o.dataset.px.split(' ').map(Number);
                 return { cell: o.dataset.cell, rep: o.classList.contains('rep'), box: o.dataset.box.split(' ').map(Number), px: [x, y, w, h],
                          left: px(x, y + (h >> 1)), right: px(x + w - 1, y + (h >> 1)), top: px(x + (w >> 1), y), inner: px(x + 4, y + (h >> 1)) }; }) };
    })()`);
  check(ev && ev.page === 4 && ev.table === 't4', `evidence image on page ${ev && ev.page}, table ${ev && ev.table}`);
  check(ev && ev.selected, 'the finding\'s outlines are picked out on the image when it is selected');
  const red = (c) => c[0] > 190 && c[1] < 60 && c[2] < 60, blue = (c) => c[2] > 190 && c[0] < 60;
  const cols = ['upheld', 'corrected', 'other', 'pending', 'total'];
  check(ev && ev.marks.length === 5 && cols.every((c) => ev.marks.some((m) => m.cell === `t4.review.${c}`)),
    `outlines on the five cells of t4.review: ${ev && ev.marks.map((m) => m.cell).join(' ')}`);
  for (const m of ev ? ev.marks : []) {
    const [, row, col] = m.cell.split('.');
    const c = cells.find((x) => x.table === 't4' && x.row === row && x.col === col && x.file.indexOf('2023_huaian_hongze') >= 0);
    const box = c ? [c.x0, c.y0, c.x1, c.y1].map(Number) : null;
    const [rx0, ry0] = ev.region, s = ev.scale, pad = ev.pad;
    const expect = box && [(box[0] - pad - rx0) * s, (box[1] - pad - ry0) * s, (box[2] + pad - rx0) * s, (box[3] + pad - ry0) * s];
    const [x, y, w, h] = m.px;
    const near = expect && Math.abs(x - expect[0]) <= 1 && Math.abs(y - expect[1]) <= 1 && Math.abs(x + w - expect[2]) <= 1 && Math.abs(y + h - expect[3]) <= 1;
    check(c && +c.page === 4 && box.every((v, i) => Math.abs(v - m.box[i]) < 0.06) && near,
      `${m.cell}: outline [${m.px}] is cells.csv's box [${box}] on page ${c && c.page}`);
    const colour = m.rep ? red : blue;
    check(colour(m.left) && colour(m.right) && colour(m.top) && !red(m.inner) && !blue(m.inner),
      `${m.cell}: the decoded image shows a ${m.rep ? 'red' : 'blue'} outline (left ${m.left}, inside ${m.inner})`);
    check(m.rep === (col === 'total'), `${m.cell}: ${m.rep ? 'reported' : 'operand'}`);
  }
  const hl = await p.eval(`[...document.querySelectorAll('table.cells td.sel')].length`);
  check(hl === 5, `the five cells are picked out in the extracted table 4 (${hl})`);
  const tip = await p.eval(`document.getElementById('f-${fi}').closest('section.report')
      .querySelector('table.cells[data-table=t4] tr[data-row=review] td.rep').title`);
  check(/报告值 0，计算值 11|reported 0, computed 11/.test(tip), `the reported cell says reported and computed: ${tip}`);
  await shot(p, 'desktop-evidence.png');

  // review: dismiss it with a reason, export the waivers
  await p.eval(`(() => { const li = document.getElementById('f-${fi}'); li.querySelector('.rv input').value = '机关已发布更正说明';
      [...li.querySelectorAll('.rv button')][1].click(); })()`);
  const csv = await p.eval('window.nianbao.waiversCsv()');
  const sha = await p.eval(`window.nianbao.data.docs[window.nianbao.data.f[${fi}][0]][3]`);
  check(csv === `rule,target,cell,reason,expires\nSUM-T4-ROW,${sha},t4.review.total,机关已发布更正说明,\n`, 'the dismissal exports as one waiver row');
  writeFileSync(`${outDir}/waivers.csv`, csv);
  await open(b, 1280, 900, false, `#f-${fi}`);
  const kept = await p.eval(`document.getElementById('f-${fi}').getAttribute('data-review')`);
  check(kept === 'dismissed', 'the mark is kept (localStorage) when the page is opened again');

  // phone width: the page reflows, nothing wider than the screen but the scrolled tables
  await open(b, 390, 844, true);
  const wide = await p.eval('document.documentElement.scrollWidth');
  check(wide <= 400, `at 390 px wide the page is ${wide} px wide`);
  await shot(p, 'phone-top.png');
  await open(b, 390, 844, true, `#f-${fi}`);
  await shot(p, 'phone-evidence.png');
  check(errors.length === 0, `no console error (${errors.join('; ')})`);
} catch (e) {
  check(false, 'browser test: ' + (e && e.stack || e));
} finally {
  await b.close();
}
process.exit(failed ? 1 : 0);
