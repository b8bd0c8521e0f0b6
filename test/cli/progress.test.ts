import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { AuditScope } from '../../bin/cli/audit/audit.js';
import { startProgress } from '../../bin/cli/progress.js';

class Capture extends Writable {
  text = '';
  constructor(readonly isTTY: boolean) {
    super();
  }
  columns = 120;
  cursorTo(): boolean {
    return true;
  }
  clearLine(): boolean {
    return true;
  }
  moveCursor(): boolean {
    return true;
  }
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

const scope = {
  label: '1/us-east-1',
  region: 'us-east-1',
  open: async () => undefined as never,
} as AuditScope;

function drive(stream: Capture) {
  const progress = startProgress(2, stream);
  for (let i = 0; i < 5; i++) progress.observer.loadBalancerFound?.(scope);
  for (let i = 0; i < 5; i++) progress.onLoadBalancer();
  progress.observer.scopeFinished?.(scope);
  progress.observer.scopeFinished?.(scope, { region: 'eu-west-1', code: 'AccessDenied', message: 'denied' });
  progress.stop();
}

describe('progress bar', () => {
  it('draws on a terminal: load balancers judged of those found, scopes done and failed', () => {
    const tty = new Capture(true);
    drive(tty);
    expect(tty.text).toContain('5/5 load balancers judged');
    expect(tty.text).toContain('2/2 scopes, 1 failed');
  });

  it('writes nothing at all when stderr is not a terminal', () => {
    const pipe = new Capture(false);
    drive(pipe);
    expect(pipe.text).toBe('');
  });
});
