/**
 * Preloaded into the server (NODE_OPTIONS=--import=…) by bench/profile-server.ts: Node 20 refuses
 * --cpu-prof in NODE_OPTIONS, so the V8 profiler is started through node:inspector instead and the
 * profile written to $MOT_CPU_PROFILE when the process exits.
 */
import { Session } from 'node:inspector';
import { writeFileSync } from 'node:fs';

const out = process.env.MOT_CPU_PROFILE;
if (out) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 200 });
  session.post('Profiler.start');
  process.on('exit', () => {
    session.post('Profiler.stop', (err, result) => {
      if (!err && result) writeFileSync(out, JSON.stringify(result.profile));
    });
  });
}
