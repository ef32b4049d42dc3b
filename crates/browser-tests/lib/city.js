// A real City/Sync instance for one journey: the debug binary, a fresh data folder, a free
// loopback port, the one-time setup link from its output, and its mail read from the files
// the "file" mail transport writes.

import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const BINARY = process.env.CITYSYNC_BIN
  ? resolve(process.env.CITYSYNC_BIN)
  : resolve(here, '../../../target/debug/citysync');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A port nobody listens on right now (the server binds it a moment later). */
function freePort() {
  return new Promise((ok, fail) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => ok(port));
    });
  });
}

/** The environment of the parent, without any City/Sync setting that could leak in. */
function cleanEnv() {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!k.startsWith('CITYSYNC_') && k !== 'DATABASE_URL' && k !== 'RUST_LOG') env[k] = v;
  }
  return env;
}

/** Quoted-printable undone: soft line breaks joined, escaped bytes read as UTF-8. */
function decodeQuoted(raw) {
  const text = raw
    .replaceAll('=\r\n', '')
    .replaceAll('=\n', '')
    .replace(/=([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(text, 'latin1').toString('utf8');
}

/** Starts `citysync serve`; resolves once /healthz answers 200 and the setup link was logged. */
export async function startCity() {
  if (!existsSync(BINARY)) {
    throw new Error(`no City/Sync binary at ${BINARY}: run \`cargo build --bin citysync\` first or set CITYSYNC_BIN`);
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'citysync-browser-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = {
    ...cleanEnv(),
    CITYSYNC_DATA_DIR: dataDir,
    CITYSYNC_SERVER__BIND: `127.0.0.1:${port}`,
    CITYSYNC_SERVER__PUBLIC_URL: base,
    CITYSYNC_SERVER__WORKERS: '2',
    // The journeys' staff sign in without a second factor (issue 27 turns it on by default).
    CITYSYNC_ACCOUNTS__STAFF_SECOND_FACTOR: 'false',
  };
  const child = spawn(BINARY, ['serve'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk) => {
    output += chunk.toString();
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  let exited = null;
  child.on('exit', (code, signal) => {
    exited = { code, signal };
  });

  const deadline = Date.now() + 60_000;
  let setupUrl = null;
  for (;;) {
    if (exited) {
      throw new Error(`citysync exited (${JSON.stringify(exited)}) before it was ready:\n${output}`);
    }
    // The log may wrap the link in quotes or colour codes: take the URL characters only.
    const found = output.match(/http:\/\/[^\s"'\x1b]*\/setup\?token=[A-Za-z0-9_\-]+/);
    if (found) setupUrl = found[0];
    if (setupUrl) {
      try {
        const resp = await fetch(`${base}/healthz`);
        if (resp.status === 200) break;
      } catch {
        // not listening yet
      }
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`citysync did not become ready within 60 s:\n${output}`);
    }
    await sleep(100);
  }

  return {
    base,
    dataDir,
    setupUrl,
    url: (path) => `${base}${path}`,
    log: () => output,
    /** Runs an operator's command on the same city (`citysync ledger close-epoch`…); its output. */
    cli: (...args) => execFileSync(BINARY, args, { env, encoding: 'utf8', timeout: 60_000 }),
    /** Waits for a mail to `to` containing `needle` and returns its text. */
    async mailText(to, needle) {
      const outbox = join(dataDir, 'outbox-mail');
      const until = Date.now() + 20_000;
      for (;;) {
        const files = existsSync(outbox) ? readdirSync(outbox).sort() : [];
        for (const f of files) {
          const decoded = decodeQuoted(readFileSync(join(outbox, f), 'utf8'));
          if (decoded.includes(to) && decoded.includes(needle)) return decoded;
        }
        if (Date.now() > until) throw new Error(`no mail to ${to} with ${needle} in ${outbox}`);
        await sleep(150);
      }
    },
    /**
     * Waits for a mail to `to` whose decoded text holds every one of `needles`, and returns
     * the decoded text of its attachment named `filename` (base64 or quoted-printable).
     */
    async mailAttachment(to, needles, filename) {
      const until = Date.now() + 60_000;
      for (;;) {
        const outbox = join(dataDir, 'outbox-mail');
        const files = existsSync(outbox) ? readdirSync(outbox).sort() : [];
        for (const f of files) {
          const raw = readFileSync(join(outbox, f), 'utf8');
          const text = decodeQuoted(raw);
          if (!text.includes(to) || !needles.every((n) => text.includes(n))) continue;
          const at = raw.indexOf(`filename="${filename}"`) >= 0 ? raw.indexOf(`filename="${filename}"`) : raw.indexOf(`filename=${filename}`);
          if (at < 0) throw new Error(`the mail to ${to} with ${needles.join(', ')} has no ${filename}`);
          // The part's headers end at the first blank line after the file name; its body at the boundary.
          const part = raw.slice(raw.lastIndexOf('\n--', at));
          const headers = part.slice(0, part.search(/\r?\n\r?\n/));
          const body = part.slice(headers.length).replace(/^\s+/, '');
          const content = body.slice(0, body.search(/\r?\n--/));
          return /base64/i.test(headers)
            ? Buffer.from(content.replace(/\s+/g, ''), 'base64').toString('utf8')
            : decodeQuoted(content);
        }
        if (Date.now() > until) throw new Error(`no mail to ${to} with ${needles.join(', ')} in ${outbox}`);
        await sleep(500);
      }
    },
    /** Waits for a mail to `to` containing `prefix` and returns the first such link. */
    async mailLink(to, prefix) {
      const outbox = join(dataDir, 'outbox-mail');
      const until = Date.now() + 20_000;
      for (;;) {
        const files = existsSync(outbox) ? readdirSync(outbox).sort() : [];
        for (const f of files) {
          // Quoted-printable: soft line breaks and the escaped "=" are enough to read links.
          const text = readFileSync(join(outbox, f), 'utf8')
            .replaceAll('=\r\n', '')
            .replaceAll('=\n', '')
            .replaceAll('=3D', '=');
          const at = text.indexOf(prefix);
          if (text.includes(to) && at >= 0) {
            return text.slice(at).split(/[\s"<>]/)[0];
          }
        }
        if (Date.now() > until) throw new Error(`no mail to ${to} with ${prefix} in ${outbox}`);
        await sleep(150);
      }
    },
    async stop() {
      if (!exited) {
        child.kill('SIGTERM');
        for (let i = 0; i < 50 && !exited; i++) await sleep(100);
        if (!exited) child.kill('SIGKILL');
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
