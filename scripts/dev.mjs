// `npm run dev`: the API with tsx watch on :3000 and Vite's dev server (which proxies /api to it).
import { spawn } from 'node:child_process';

const env = { ...process.env, GENDAN_DEMO: process.env.GENDAN_DEMO ?? '1' };
const children = [
  spawn('npx', ['tsx', 'watch', 'apps/server/src/main.ts'], { stdio: 'inherit', env }),
  spawn('npm', ['run', 'dev', '-w', '@gendan/web'], { stdio: 'inherit', env }),
];
const stop = () => {
  for (const c of children) c.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const c of children)
  c.on('exit', (code) => {
    if (code) {
      stop();
      process.exitCode = code;
    }
  });
