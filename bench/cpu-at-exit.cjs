'use strict';
// Preloaded into a benchmarked CLI process (`node --require bench/cpu-at-exit.cjs …`): at exit it
// writes the process's CPU time (user + system, from process start, bootstrap included) to the file
// PULL_DOCTOR_BENCH_CPU_FILE names. CPU time still means something when the machine is busy.
const { writeFileSync } = require('node:fs');

const file = process.env.PULL_DOCTOR_BENCH_CPU_FILE;
if (file) {
  process.on('exit', () => {
    const { user, system } = process.cpuUsage();
    writeFileSync(file, String((user + system) / 1000));
  });
}
