#!/usr/bin/env node
// Runs the official @objectstack/client conformance tests against a real `os serve` of the CRM sample.
//
//   OS_HOST_DLL=artifacts/bin/ObjectStack.Host/release/os.dll \
//   OS_TEST_PLUGINS=artifacts/test-plugins \
//   OS_RESULTS_FILE=artifacts/test-results/client-conformance.summary \
//   node tests/client-conformance/run.mjs
//
// OS_TEST_PLUGINS is a folder holding Fixture.TestIdentityPlugin/ (the TEST-ONLY bearer identity). The harness
// writes objectstack.json (samples/crm plus "fixtures.test-identity") into a fresh temp dir, starts the host there
// (so its SQLite database lands in <tmp>/.objectstack/) on a free 5xxxx loopback port, waits for /api/v1/ready,
// runs tests/*.test.mjs with `node --test`, writes OS_RESULTS_FILE as one line
// `total="N" passed="P" failed="F" skipped="S"`, stops the host by PID and removes the temp dir.
// Exit code: 0 when every test passed, 1 otherwise, 2 on bad usage.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const sampleConfig = path.join(repoRoot, 'samples/crm/objectstack.json');
const testDir = path.join(here, 'tests');
const READY_TIMEOUT_MS = 60_000;
const TEST_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;

function usage(message) {
  console.error(`run.mjs: ${message}`);
  console.error('usage: OS_HOST_DLL=<os.dll> OS_TEST_PLUGINS=<dir with Fixture.TestIdentityPlugin/> OS_RESULTS_FILE=<file> node run.mjs');
  process.exit(2);
}

function requiredPath(name, kind) {
  const value = process.env[name];
  if (!value) usage(`${name} is not set`);
  const resolved = path.resolve(value);
  if (kind === 'file' && !fs.statSync(resolved, { throwIfNoEntry: false })?.isFile()) usage(`${name}=${value}: no such file`);
  if (kind === 'dir' && !fs.statSync(resolved, { throwIfNoEntry: false })?.isDirectory()) usage(`${name}=${value}: no such directory`);
  return resolved;
}

const hostDll = requiredPath('OS_HOST_DLL', 'file');
const pluginsPath = requiredPath('OS_TEST_PLUGINS', 'dir');
const resultsFile = requiredPath('OS_RESULTS_FILE');
if (!fs.existsSync(path.join(pluginsPath, 'Fixture.TestIdentityPlugin'))) {
  usage(`OS_TEST_PLUGINS=${process.env.OS_TEST_PLUGINS} holds no Fixture.TestIdentityPlugin/ folder`);
}

const testFiles = fs.readdirSync(testDir).filter((f) => f.endsWith('.test.mjs')).sort().map((f) => path.join(testDir, f));
if (testFiles.length === 0) usage(`no tests/*.test.mjs in ${testDir}`);

// ---- state cleaned up on every exit path ------------------------------------------------------------------------
let tmpDir;
let host; // the `dotnet os.dll serve` child
let runner; // the `node --test` child
const hostOutput = [];

function log(message) {
  console.log(`[client-conformance] ${message}`);
}

function printHostOutput(lines = 200) {
  const text = hostOutput.join('');
  const tail = text.split('\n').slice(-lines).join('\n');
  console.log(`----- host output (last ${lines} lines) -----\n${tail}\n----- end of host output -----`);
}

function isRunning(child) {
  return child && child.exitCode === null && child.signalCode === null;
}

async function stopHost() {
  if (!isRunning(host)) return;
  const exited = new Promise((resolve) => host.once('exit', resolve));
  host.kill('SIGTERM');
  const timer = setTimeout(() => {
    if (isRunning(host)) {
      log(`host (pid ${host.pid}) did not stop within ${STOP_TIMEOUT_MS / 1000}s; killing it`);
      host.kill('SIGKILL');
    }
  }, STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

function removeTmp() {
  if (tmpDir) {
    fs.rmSync(tmpDir, { recursive: true, force: true });
    tmpDir = undefined;
  }
}

// Last resort when the process exits without the async cleanup (uncaught error): synchronous kill and rm.
process.on('exit', () => {
  if (isRunning(runner)) runner.kill('SIGKILL');
  if (isRunning(host)) host.kill('SIGKILL');
  removeTmp();
});

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping`);
    if (isRunning(runner)) runner.kill('SIGTERM');
    await stopHost();
    removeTmp();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  });
}

// ---- helpers ----------------------------------------------------------------------------------------------------
function portIsFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
  });
}

async function freePort() {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 50000 + Math.floor(Math.random() * 10000);
    if (await portIsFree(port)) return port;
  }

  throw new Error('found no free port in 50000-59999');
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitForReady(baseUrl) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (!isRunning(host)) return `the host exited (code ${host.exitCode}, signal ${host.signalCode}) before it was ready`;
    try {
      const res = await fetch(`${baseUrl}/api/v1/ready`, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) return null;
      last = `HTTP ${res.status}`;
    } catch (e) {
      last = e.cause?.code ?? e.message;
    }

    await sleep(250);
  }

  return `GET /api/v1/ready did not answer 200 within ${READY_TIMEOUT_MS / 1000}s (last: ${last})`;
}

function startHost(configPath, port) {
  // The host runs as Production, where the auth plugin refuses to start without a session secret: one per run.
  const env = {
    ...process.env,
    OS_HOST: '127.0.0.1',
    OS_AUTH_SECRET: randomBytes(48).toString('base64'),
    DOTNET_NOLOGO: '1',
    DOTNET_CLI_TELEMETRY_OPTOUT: '1',
  };
  for (const name of ['OS_URLS', 'OS_PORT', 'OS_CONFIG', 'OS_PLUGINS_PATH', 'ASPNETCORE_URLS']) delete env[name];
  hostOutput.length = 0;
  const child = spawn('dotnet', [hostDll, 'serve', '--config', configPath, '--plugins-path', pluginsPath, '--port', String(port)], {
    cwd: tmpDir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.setEncoding('utf8').on('data', (d) => hostOutput.push(d));
  child.stderr.setEncoding('utf8').on('data', (d) => hostOutput.push(d));
  child.on('error', (e) => hostOutput.push(`failed to start dotnet: ${e.message}\n`));
  return child;
}

function runTests(baseUrl, tapFile) {
  const args = [
    '--test',
    `--test-timeout=${TEST_TIMEOUT_MS}`,
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=tap', `--test-reporter-destination=${tapFile}`,
    ...testFiles,
  ];
  return new Promise((resolve) => {
    runner = spawn(process.execPath, args, { cwd: here, env: { ...process.env, OS_BASE_URL: baseUrl }, stdio: ['ignore', 'inherit', 'inherit'] });
    runner.on('error', (e) => {
      console.error(`failed to start node --test: ${e.message}`);
      resolve(1);
    });
    runner.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** Reads the final `# tests|pass|fail|cancelled|skipped|todo N` lines of the TAP output. */
function parseTap(tapFile) {
  if (!fs.existsSync(tapFile)) return null;
  const counts = {};
  for (const line of fs.readFileSync(tapFile, 'utf8').split('\n')) {
    const m = /^# (tests|pass|fail|cancelled|skipped|todo) (\d+)\s*$/.exec(line);
    if (m) counts[m[1]] = Number(m[2]);
  }

  if (counts.tests === undefined || counts.pass === undefined) return null;
  const skipped = (counts.skipped ?? 0) + (counts.todo ?? 0);
  const failed = (counts.fail ?? 0) + (counts.cancelled ?? 0);
  return { total: counts.tests, passed: counts.pass, failed, skipped };
}

// ---- main -------------------------------------------------------------------------------------------------------
async function main() {
  fs.rmSync(resultsFile, { force: true });
  tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'os-client-conformance-'));
  const config = JSON.parse(fs.readFileSync(sampleConfig, 'utf8'));
  if (Array.isArray(config.plugins)) {
    config.plugins.push('fixtures.test-identity');
  } else if (config.plugins && typeof config.plugins === 'object') {
    config.plugins['fixtures.test-identity'] = {};
  } else {
    config.plugins = ['fixtures.test-identity'];
  }

  const configPath = path.join(tmpDir, 'objectstack.json');
  fs.writeFileSync(configPath, `${JSON.stringify(config, null, 2)}\n`);

  // A port found free can still be taken before the host binds it: retry on an early exit.
  let baseUrl;
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    log(`starting the host: dotnet ${path.relative(process.cwd(), hostDll)} serve on ${baseUrl} (cwd ${tmpDir})`);
    host = startHost(configPath, port);
    const problem = await waitForReady(baseUrl);
    if (!problem) break;
    const exitedEarly = !isRunning(host);
    await stopHost();
    if (exitedEarly && attempt < 3 && /address already in use|EADDRINUSE|Failed to bind/i.test(hostOutput.join(''))) {
      log(`port ${port} was taken; retrying`);
      fs.rmSync(path.join(tmpDir, '.objectstack'), { recursive: true, force: true });
      continue;
    }

    log(`the host did not become ready: ${problem}`);
    printHostOutput();
    return 1;
  }

  log(`host ready (pid ${host.pid}); running ${testFiles.length} test files`);
  const tapFile = path.join(tmpDir, 'results.tap');
  const runnerCode = await runTests(baseUrl, tapFile);
  const counts = parseTap(tapFile);
  const hostDied = !isRunning(host);
  if (hostDied) log(`the host exited during the tests (code ${host.exitCode}, signal ${host.signalCode})`);
  await stopHost();

  if (!counts) {
    log(`node --test exited with ${runnerCode} and wrote no TAP summary`);
    printHostOutput();
    return 1;
  }

  const summary = `total="${counts.total}" passed="${counts.passed}" failed="${counts.failed}" skipped="${counts.skipped}"`;
  fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
  fs.writeFileSync(resultsFile, `${summary}\n`);
  log(summary);
  const ok = runnerCode === 0 && counts.failed === 0 && counts.total > 0 && !hostDied;
  if (!ok) printHostOutput(100);
  return ok ? 0 : 1;
}

let code;
try {
  code = await main();
} catch (e) {
  console.error(e);
  printHostOutput();
  code = 1;
}

await stopHost();
removeTmp();
process.exit(code);
