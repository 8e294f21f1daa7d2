import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// baresip as a headless agent phone: a temporary config directory (no sound card: the audio
// source is a generated 8 kHz tone file, the player a dummy aubridge device), one account that
// registers to our endpoint with digest credentials and auto-answers, and the ctrl_tcp module
// so a test can drive it (hold, transfer, hangup) with netstring-framed JSON commands.

export const BARESIP_MODULES = ['/usr/lib/baresip/modules', '/usr/lib/x86_64-linux-gnu/baresip/modules', '/usr/local/lib/baresip/modules'];

export interface BaresipOptions {
  sipPort: number;
  ctrlPort: number;
  /** Our endpoint's UDP port. */
  registrarPort: number;
  extension: string;
  password: string;
}

function toneWav(): Buffer {
  const rate = 8000;
  // 60 s: baresip ends a call when its aufile source reaches the end of the file.
  const n = rate * 60;
  const b = Buffer.alloc(44 + n * 2);
  b.write('RIFF', 0);
  b.writeUInt32LE(36 + n * 2, 4);
  b.write('WAVEfmt ', 8);
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(1, 20);
  b.writeUInt16LE(1, 22);
  b.writeUInt32LE(rate, 24);
  b.writeUInt32LE(rate * 2, 28);
  b.writeUInt16LE(2, 32);
  b.writeUInt16LE(16, 34);
  b.write('data', 36);
  b.writeUInt32LE(n * 2, 40);
  for (let i = 0; i < n; i++) b.writeInt16LE(Math.round(3000 * Math.sin((2 * Math.PI * 440 * i) / rate)), 44 + i * 2);
  return b;
}

export class Baresip {
  log = '';
  readonly #waiters: { re: RegExp; resolve: () => void }[] = [];

  private constructor(
    readonly dir: string,
    readonly child: ChildProcess,
    readonly opts: BaresipOptions,
  ) {
    const onData = (d: Buffer): void => {
      this.log = (this.log + d.toString()).slice(-100_000);
      for (const w of [...this.#waiters]) {
        if (w.re.test(this.log)) {
          this.#waiters.splice(this.#waiters.indexOf(w), 1);
          w.resolve();
        }
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
  }

  static async start(o: BaresipOptions): Promise<Baresip> {
    const modules = BARESIP_MODULES.find((d) => existsSync(join(d, 'g711.so')));
    if (modules === undefined) throw new Error('baresip modules directory not found');
    const dir = await mkdtemp(join(tmpdir(), 'baresip-'));
    await writeFile(join(dir, 'tone.wav'), toneWav());
    const config = [
      `sip_listen 127.0.0.1:${o.sipPort}`,
      'sip_transports udp',
      `audio_source aufile,${join(dir, 'tone.wav')}`,
      `audio_alert aufile,${join(dir, 'tone.wav')}`,
      'audio_player aubridge,none',
      'audio_srate 8000',
      'audio_channels 1',
      `rtp_ports ${30000 + (o.sipPort % 1000) * 10}-${30009 + (o.sipPort % 1000) * 10}`,
      `module_path ${modules}`,
      'module g711.so',
      'module aufile.so',
      'module aubridge.so',
      'module_app account.so',
      'module_app menu.so',
      'module_app ctrl_tcp.so',
      `ctrl_tcp_listen 127.0.0.1:${o.ctrlPort}`,
      '',
    ].join('\n');
    await writeFile(join(dir, 'config'), config);
    await writeFile(join(dir, 'accounts'), `<sip:${o.extension}@127.0.0.1:${o.registrarPort}>;auth_pass=${o.password};answermode=auto;regint=600\n`);
    const child = spawn('baresip', ['-f', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    return new Baresip(dir, child, o);
  }

  /** Resolves when the log matches `re` (now or later); rejects after `ms`. */
  waitForLog(re: RegExp, ms = 10_000): Promise<void> {
    if (re.test(this.log)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`baresip did not log ${re} within ${ms} ms; log:\n${this.log.slice(-3000)}`)), ms);
      this.#waiters.push({ re, resolve: () => (clearTimeout(t), resolve()) });
    });
  }

  /** Runs a menu command over ctrl_tcp (netstring-framed JSON); resolves with the raw reply. */
  command(command: string, params = ''): Promise<string> {
    return new Promise((resolve, reject) => {
      const sock = connect(this.opts.ctrlPort, '127.0.0.1');
      const json = JSON.stringify({ command, params, token: 'test' });
      let reply = '';
      const t = setTimeout(() => (sock.destroy(), resolve(reply)), 2000);
      sock.on('error', (e) => (clearTimeout(t), reject(e)));
      sock.on('data', (d) => {
        reply += d.toString();
        if (reply.includes('"response":true')) {
          clearTimeout(t);
          sock.destroy();
          resolve(reply);
        }
      });
      sock.write(`${Buffer.byteLength(json)}:${json},`);
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null) {
      const exited = new Promise((r) => this.child.once('exit', r));
      this.child.kill('SIGTERM');
      const t = setTimeout(() => this.child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(t);
    }
    await rm(this.dir, { recursive: true, force: true });
  }
}
