/**
 * Preloaded into the server (NODE_OPTIONS=--import=…) by bench/profile-server.ts: Node 20 refuses
 * --cpu-prof in NODE_OPTIONS, so the V8 profiler is started through node:inspector instead.
 *
 * The process writes its pid to `$MOT_CPU_PROFILE.pid`. The first SIGUSR2 starts the measurement
 * (the V8 profiler unless MOT_CPU_PROFILE_OFF=1, and the process CPU time), the second stops it and
 * writes the profile to $MOT_CPU_PROFILE and `{ user, system }` CPU microseconds to
 * `$MOT_CPU_PROFILE.cpu.json`: start-up and shutdown are left out.
 */
import { Session } from 'node:inspector';
import { writeFileSync } from 'node:fs';

const out = process.env.MOT_CPU_PROFILE;
if (out) {
  const profile = process.env.MOT_CPU_PROFILE_OFF !== '1';
  const session = new Session();
  session.connect();
  let cpu0 = null;
  process.on('SIGUSR2', () => {
    if (cpu0 === null) {
      if (profile) {
        session.post('Profiler.enable');
        session.post('Profiler.setSamplingInterval', { interval: 200 });
        session.post('Profiler.start');
      }
      cpu0 = process.cpuUsage();
      return;
    }
    const cpu = process.cpuUsage(cpu0);
    const write = (result) => {
      if (result) writeFileSync(out, JSON.stringify(result.profile));
      writeFileSync(`${out}.cpu.json`, JSON.stringify(cpu));
    };
    if (profile) session.post('Profiler.stop', (err, result) => write(err ? null : result));
    else write(null);
  });
  writeFileSync(`${out}.pid`, String(process.pid));
}
