import { spawn } from 'node:child_process';

// Runs SIPp (sip-tester) to completion and reads its verdict: the exit code (0 = every call
// succeeded, 1 = some failed) and the final statistics screen it prints on exit.

export interface SippResult {
  exitCode: number | null;
  successful: number;
  failed: number;
  /** Peak of simultaneous calls, from "Peak was N calls". */
  peakCalls: number;
  output: string;
}

export interface SippOptions {
  /** Our endpoint's address, e.g. "127.0.0.1:5060" (omit for a UAS scenario). */
  remote?: string;
  /** A built-in scenario name (-sn) or a scenario file (-sf). */
  builtin?: string;
  file?: string;
  localPort: number;
  calls: number;
  rate?: number;
  /** Pause of the built-in uac before BYE, ms (-d). */
  durationMs?: number;
  /** Called user (-s). */
  service?: string;
  transport?: 'u1' | 'un' | 't1' | 'tn';
  timeoutSeconds: number;
  extra?: string[];
}

export function runSipp(o: SippOptions): Promise<SippResult> {
  const args = [
    ...(o.builtin !== undefined ? ['-sn', o.builtin] : ['-sf', o.file ?? '']),
    '-i', '127.0.0.1',
    '-p', String(o.localPort),
    '-m', String(o.calls),
    '-nostdin',
    '-timeout', `${o.timeoutSeconds}s`,
    '-timeout_error',
    '-t', o.transport ?? 'u1',
    '-max_recv_loops', '10000',
  ];
  if (o.rate !== undefined) args.push('-r', String(o.rate));
  if (o.durationMs !== undefined) args.push('-d', String(o.durationMs));
  if (o.service !== undefined) args.push('-s', o.service);
  if (o.extra !== undefined) args.push(...o.extra);
  if (o.remote !== undefined) args.push(o.remote);
  return new Promise((resolve) => {
    const child = spawn('sipp', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-200_000)));
    child.stderr.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-200_000)));
    const hardStop = setTimeout(() => child.kill('SIGKILL'), (o.timeoutSeconds + 15) * 1000);
    child.on('close', (code) => {
      clearTimeout(hardStop);
      resolve({
        exitCode: code,
        successful: lastCount(output, /Successful call\s*\|\s*\d+\s*\|\s*(\d+)/g),
        failed: lastCount(output, /Failed call\s*\|\s*\d+\s*\|\s*(\d+)/g),
        peakCalls: lastCount(output, /Peak was (\d+) calls/g),
        output,
      });
    });
  });
}

function lastCount(text: string, re: RegExp): number {
  let v = 0;
  for (const m of text.matchAll(re)) v = Number(m[1]);
  return v;
}
