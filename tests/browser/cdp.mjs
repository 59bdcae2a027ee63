// tests/browser/cdp.mjs — headless Chromium driven over the DevTools protocol through a pipe
// (--remote-debugging-pipe: NUL-separated JSON on file descriptors 3 and 4), with no npm package
// and no network port. Used by the HTML report's browser test and its benchmark.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

export async function launch({ width = 1280, height = 900 } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'nb-chromium-'));
  const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--disable-dev-shm-usage', '--hide-scrollbars', '--mute-audio', `--user-data-dir=${profile}`,
    `--window-size=${width},${height}`, '--remote-debugging-pipe', 'about:blank'];
  const proc = spawn(CHROMIUM, args, { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (d) => { stderr += d; if (stderr.length > 65536) stderr = stderr.slice(-65536); });
  const out = proc.stdio[3], inp = proc.stdio[4];
  let id = 0, buf = '';
  const waiting = new Map(), listeners = [];
  inp.on('data', (chunk) => {
    buf += chunk.toString('utf8');
    let z;
    while ((z = buf.indexOf('\0')) >= 0) {
      const msg = JSON.parse(buf.slice(0, z));
      buf = buf.slice(z + 1);
      if (msg.id && waiting.has(msg.id)) {
        const { resolve, reject } = waiting.get(msg.id);
        waiting.delete(msg.id);
        if (msg.error) reject(new Error(JSON.stringify(msg.error))); else resolve(msg.result);
      } else if (msg.method) {
        for (const l of listeners) l(msg);
      }
    }
  });
  const exited = new Promise((r) => proc.on('exit', r));
  function send(method, params = {}, sessionId) {
    const m = { id: ++id, method, params };
    if (sessionId) m.sessionId = sessionId;
    out.write(JSON.stringify(m) + '\0');
    return new Promise((resolve, reject) => waiting.set(m.id, { resolve, reject }));
  }
  const { targetId } = await send('Target.createTarget', { url: 'about:blank' });
  const { sessionId } = await send('Target.attachToTarget', { targetId, flatten: true });
  const page = {
    send: (method, params) => send(method, params, sessionId),
    on: (fn) => listeners.push((m) => { if (m.sessionId === sessionId) fn(m); }),
    waitFor(method, timeoutMs = 30000) {
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`timeout waiting for ${method}`)), timeoutMs);
        listeners.push((m) => { if (m.sessionId === sessionId && m.method === method) { clearTimeout(t); resolve(m.params); } });
      });
    },
    async eval(expr) {
      const r = await send('Runtime.evaluate', { expression: expr, returnByValue: true, awaitPromise: true }, sessionId);
      if (r.exceptionDetails) throw new Error('page: ' + JSON.stringify(r.exceptionDetails));
      return r.result.value;
    },
  };
  async function close() {
    try { await send('Browser.close'); } catch (e) { /* already gone */ }
    const t = setTimeout(() => proc.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(t);
    rmSync(profile, { recursive: true, force: true });
  }
  return { page, close, stderr: () => stderr };
}

// Collect console errors and uncaught exceptions of a page.
export async function watchErrors(page) {
  const errors = [];
  page.on((m) => {
    if (m.method === 'Runtime.exceptionThrown') errors.push('exception: ' + JSON.stringify(m.params.exceptionDetails.exception?.description || m.params.exceptionDetails.text));
    if (m.method === 'Runtime.consoleAPICalled' && (m.params.type === 'error' || m.params.type === 'assert'))
      errors.push('console.' + m.params.type + ': ' + m.params.args.map((a) => a.value ?? a.description).join(' '));
    if (m.method === 'Log.entryAdded' && m.params.entry.level === 'error') errors.push('log: ' + m.params.entry.text + ' ' + (m.params.entry.url || ''));
  });
  await page.send('Runtime.enable');
  await page.send('Log.enable');
  await page.send('Page.enable');
  return errors;
}
