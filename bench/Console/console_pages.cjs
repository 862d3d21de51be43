// N headless chromium pages watching one station on the seed's web console, for bench/run-console.sh.
// Runs under the node and playwright-core that Microsoft.Playwright ships (tests/EndToEnd.Tests/bin/.../.playwright:
// PLAYWRIGHT_CORE names its package directory), driving Debian's chromium: nothing is downloaded.
// Each page opens the console, picks the station, plays; after the warm-up, for the window it records:
//   - every latency sample the page sends the seed (its {"type":"latency","samplesMs":[...]} live-socket messages,
//     read off the socket with Playwright: the page's own capture-to-display figures, frame by frame);
//   - the figure it shows (data-latency-ms), read every 500 ms, in case the page sends none;
//   - frames decoded and dropped (getVideoPlaybackQuality) and stalls ("waiting" events);
//   - the seed's CPU (utime + stime of /proc/SEED_PID/stat) and chromium's (every process under this one);
// and at the end the seed's own figures for the browser viewers (GET /api/metrics, viewers browser-*).
// Prints one JSON object on stdout.
// Usage: node console_pages.cjs --url http://127.0.0.1:PORT/ --pages N --seconds S --warmup W --station NAME
//                               --chromium PATH --seed-pid PID
'use strict';
const fs = require('fs');
const { chromium } = require(process.env.PLAYWRIGHT_CORE || 'playwright-core');

const options = { url: '', pages: 1, seconds: 60, warmup: 10, station: 'main', chromium: '/usr/lib/chromium/chromium', seedPid: 0 };
for (let i = 2; i < process.argv.length; i += 2) {
  const key = process.argv[i].replace(/^--/, '').replace(/-(\w)/g, (_, c) => c.toUpperCase());
  if (!(key in options)) { console.error(`unknown option ${process.argv[i]}`); process.exit(2); }
  options[key] = typeof options[key] === 'number' ? Number(process.argv[i + 1]) : process.argv[i + 1];
}

const HZ = 100; // USER_HZ of /proc/PID/stat
const sleep = ms => new Promise(r => setTimeout(r, ms));
const log = text => console.error(`[pages ${options.pages}] ${text}`);

function ticks(pid) {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { self: Number(fields[11]) + Number(fields[12]), children: Number(fields[13]) + Number(fields[14]), ppid: Number(fields[1]) };
  } catch { return null; }
}

// CPU ticks of every live process under this node process (chromium's browser, GPU, renderer... processes) plus
// what their reaped children used.
function treeTicks() {
  const parent = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const t = ticks(entry);
    if (t) parent.set(Number(entry), t);
  }
  let sum = 0;
  const under = pid => { for (let p = parent.get(pid)?.ppid; p; p = parent.get(p)?.ppid) if (p === process.pid) return true; return false; };
  for (const [pid, t] of parent) if (under(pid)) sum += t.self + t.children;
  return sum;
}

function percentile(sorted, q) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

const playing = (n) => {
  const v = document.querySelector('[data-testid=player]');
  return v && !v.paused && v.getVideoPlaybackQuality().totalVideoFrames > n;
};
const state = () => {
  const v = document.querySelector('[data-testid=player]');
  const q = v ? v.getVideoPlaybackQuality() : { totalVideoFrames: 0, droppedVideoFrames: 0 };
  const shown = document.querySelector('[data-testid=latency]')?.getAttribute('data-latency-ms');
  return { frames: q.totalVideoFrames, dropped: q.droppedVideoFrames, width: v?.videoWidth ?? 0, height: v?.videoHeight ?? 0,
    shownMs: shown == null ? null : Number(shown), waiting: window.__benchWaiting ?? 0 };
};

(async () => {
  const browser = await chromium.launch({
    executablePath: options.chromium, headless: true, timeout: 60000,
    args: ['--autoplay-policy=no-user-gesture-required', '--disable-audio-output', '--mute-audio', '--disable-background-media-suspend',
      '--disable-background-timer-throttling', '--disable-backgrounding-occluded-windows', '--disable-renderer-backgrounding',
      '--disable-dev-shm-usage', '--no-first-run'],
  });
  let measuring = false;
  const pages = [];
  try {
    for (let i = 0; i < options.pages; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      const record = { index: i, samples: [], shown: [], messages: 0 };
      page.on('websocket', socket => socket.on('framesent', frame => {
        if (!measuring || typeof frame.payload !== 'string') return;
        try {
          const message = JSON.parse(frame.payload);
          if (message.type === 'latency' && Array.isArray(message.samplesMs)) {
            record.messages++;
            record.samples.push(...message.samplesMs.filter(Number.isFinite));
          }
        } catch { /* not JSON: not ours */ }
      }));
      await page.goto(options.url, { timeout: 60000 });
      await page.waitForFunction(() => document.querySelector('[data-testid=connection]')?.dataset.state === 'open', null, { timeout: 60000 });
      await page.waitForFunction(s => [...(document.querySelector('[data-testid=station-select]')?.options ?? [])].some(o => o.value === s),
        options.station, { timeout: 60000 });
      await page.selectOption('[data-testid=station-select]', options.station);
      await page.waitForFunction(playing, 10, { timeout: 60000 });
      await page.evaluate(() => {
        window.__benchWaiting = 0;
        document.querySelector('[data-testid=player]').addEventListener('waiting', () => window.__benchWaiting++);
      });
      pages.push({ page, record });
      log(`page ${i + 1} plays`);
    }

    await sleep(options.warmup * 1000);
    const before = await Promise.all(pages.map(p => p.page.evaluate(state)));
    const seed0 = ticks(options.seedPid), tree0 = treeTicks(), t0 = process.hrtime.bigint();
    measuring = true;
    const end = Date.now() + options.seconds * 1000;
    while (Date.now() < end) {
      await sleep(500);
      for (const p of pages) {
        const shown = await p.page.evaluate(() => document.querySelector('[data-testid=latency]')?.getAttribute('data-latency-ms'));
        if (shown != null && Number.isFinite(Number(shown))) p.record.shown.push(Number(shown));
      }
    }
    measuring = false;
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const seed1 = ticks(options.seedPid), tree1 = treeTicks();
    const after = await Promise.all(pages.map(p => p.page.evaluate(state)));

    let seedViewers = [];
    try {
      const metrics = await (await fetch(new URL('/api/metrics', options.url))).json();
      seedViewers = (metrics.viewers ?? []).filter(v => String(v.viewerId).startsWith('browser-'))
        .map(v => ({ viewerId: v.viewerId, p50: v.latencyP50Ms, p95: v.latencyP95Ms, samples: v.latencySamples, fps: v.framesPerSecond, stale: v.stale }));
    } catch (error) { log(`GET /api/metrics: ${error}`); }

    const all = pages.flatMap(p => p.record.samples).sort((a, b) => a - b);
    const allShown = pages.flatMap(p => p.record.shown).sort((a, b) => a - b);
    const perPage = pages.map((p, i) => {
      const s = [...p.record.samples].sort((a, b) => a - b);
      return { index: i, latencyMessages: p.record.messages, samples: s.length, p50: percentile(s, 0.5), p95: percentile(s, 0.95),
        fps: (after[i].frames - before[i].frames) / seconds, dropped: after[i].dropped - before[i].dropped,
        waiting: after[i].waiting - before[i].waiting, size: `${after[i].width}x${after[i].height}` };
    });
    console.log(JSON.stringify({
      pages: options.pages, seconds,
      seedCpuSeconds: seed0 && seed1 ? (seed1.self - seed0.self) / HZ : null,
      chromiumCpuSeconds: (tree1 - tree0) / HZ,
      samples: all.length, p50: percentile(all, 0.5), p95: percentile(all, 0.95), min: all[0] ?? null, max: all.at(-1) ?? null,
      shownReadings: allShown.length, shownP50: percentile(allShown, 0.5), shownP95: percentile(allShown, 0.95),
      fpsMean: perPage.reduce((a, p) => a + p.fps, 0) / perPage.length,
      dropped: perPage.reduce((a, p) => a + p.dropped, 0), waiting: perPage.reduce((a, p) => a + p.waiting, 0),
      perPage, seedViewers,
    }));
  } finally {
    await browser.close();
  }
})().catch(error => { console.error(`[pages ${options.pages}] failed: ${error?.stack ?? error}`); process.exit(1); });
