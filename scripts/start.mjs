// `npm start`: builds the web UI once if it has not been built, then runs the server.
import { existsSync } from 'node:fs';
import { spawnSync, spawn } from 'node:child_process';

if (!existsSync('web/dist/index.html')) {
  console.log('building the web UI (first start only) ...');
  const b = spawnSync('npm', ['run', 'build', '-w', '@hotline/web'], { stdio: 'inherit' });
  if (b.status !== 0) process.exit(b.status ?? 1);
}
const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts', ...process.argv.slice(2)], { stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
