import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

/**
 * A built app (`<DIST_DIR>/apps/<app>/src/main.js`) in a process of its own, beside the suite's
 * cluster: `env` on top of the test worker's; its output appended to `logFile`, else dropped
 * (stderr kept on the test's output).
 */
export function spawnApp(app: string, env: NodeJS.ProcessEnv, logFile?: string): ChildProcess {
  const child = spawn(process.execPath, [path.join(ROOT, process.env.DIST_DIR ?? 'dist', `apps/${app}/src/main.js`)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', logFile ? 'pipe' : 'ignore', logFile ? 'pipe' : 'inherit'],
  });
  if (logFile) {
    const log = fs.createWriteStream(logFile, { flags: 'a' });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
  }
  return child;
}

const gone = (c: ChildProcess) => c.exitCode !== null || c.signalCode !== null;

/** The milliseconds until its `/health/ready` on `healthPort` answered 200; rejects if it exits first or after `timeoutMs`. */
export async function whenReady(child: ChildProcess, healthPort: number, what: string, timeoutMs = 120_000): Promise<number> {
  const t0 = Date.now();
  for (;;) {
    if (gone(child)) throw new Error(`${what} exited (${child.exitCode ?? child.signalCode}) before it was ready`);
    const ok = await fetch(`http://127.0.0.1:${healthPort}/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return Date.now() - t0;
    if (Date.now() - t0 > timeoutMs) throw new Error(`${what} was not ready in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Resolves once the process has exited, after sending it `signal` when one is given. */
export function stopped(child: ChildProcess | undefined, signal?: NodeJS.Signals): Promise<void> {
  return new Promise<void>((resolve) => {
    if (!child || gone(child)) return resolve();
    child.once('exit', () => resolve());
    if (signal) child.kill(signal);
  });
}
