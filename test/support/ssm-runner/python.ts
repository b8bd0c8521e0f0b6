// A long-lived python3 process that runs aws:executeScript handlers with boto3, pointed at the
// emulator through the environment it was started with. One process per test file: importing boto3
// once instead of once per step keeps the suites fast on shared cores.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const WORKER = fileURLToPath(new URL('./python_worker.py', import.meta.url));

export interface PythonCall {
  iamAction: string;
  params: Record<string, unknown>;
}

export interface PythonReply {
  ok: boolean;
  result?: unknown;
  error?: string;
  traceback?: string;
  calls: PythonCall[];
  printed: string;
}

export class PythonScriptError extends Error {
  override name = 'PythonScriptError';
  constructor(
    message: string,
    readonly traceback: string,
  ) {
    super(message);
  }
}

export class PythonWorker {
  private child: ChildProcessWithoutNullStreams | undefined;
  private readonly pending = new Map<number, (reply: PythonReply) => void>();
  private nextId = 1;
  private stderr = '';

  constructor(private readonly env: Record<string, string>) {}

  /** Runs handler(events, context) from a script, as aws:executeScript does. */
  runHandler(
    script: string,
    handler: string,
    payload: unknown,
    context: Record<string, unknown>,
  ): Promise<PythonReply> {
    return this.request({ script, handler, payload, context });
  }

  /** Calls one function of a script with JSON arguments: for unit tests of a script's logic. */
  async callFunction(script: string, fn: string, ...args: unknown[]): Promise<unknown> {
    const reply = await this.request({ script, function: fn, args });
    if (!reply.ok) throw new PythonScriptError(reply.error ?? 'failed', reply.traceback ?? '');
    return reply.result;
  }

  /** Kills a worker stuck in a script (a step that timed out); the next request starts a fresh one. */
  async abort(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await exited;
    this.pending.clear();
  }

  async close(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.stdin.end();
      setTimeout(() => child.kill('SIGKILL'), 3000).unref();
    });
  }

  private request(body: Record<string, unknown>): Promise<PythonReply> {
    const child = this.start();
    const id = this.nextId++;
    return new Promise<PythonReply>((resolve, reject) => {
      const onExit = (code: number | null) =>
        reject(new Error(`python worker exited (${code}) while running a script: ${this.stderr}`));
      child.once('exit', onExit);
      this.pending.set(id, (reply) => {
        child.off('exit', onExit);
        resolve(reply);
      });
      child.stdin.write(`${JSON.stringify({ id, ...body })}\n`);
    });
  }

  private start(): ChildProcessWithoutNullStreams {
    if (this.child && this.child.exitCode === null) return this.child;
    const child = spawn('python3', ['-u', WORKER], {
      env: workerEnv(this.env),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    child.stderr.on('data', (chunk) => {
      this.stderr = (this.stderr + String(chunk)).slice(-4000);
    });
    createInterface({ input: child.stdout }).on('line', (line) => {
      const reply = JSON.parse(line) as PythonReply & { id: number };
      const settle = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      settle?.(reply);
    });
    this.child = child;
    return child;
  }
}

/** The parent environment (python3 may be a version-manager shim that needs it) with no ambient AWS profile. */
function workerEnv(env: Record<string, string>): Record<string, string | undefined> {
  const merged: Record<string, string | undefined> = { ...process.env, ...env };
  for (const key of ['AWS_PROFILE', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE']) delete merged[key];
  return merged;
}
