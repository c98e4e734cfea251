#!/usr/bin/env node
// Runs the compiled CLI, building it first when dist/ is missing or older than the sources.
const fs = require('node:fs');
const path = require('node:path');
const root = path.join(__dirname, '..');
const cli = path.join(root, 'dist', 'cli.js');

function newestSource(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

if (!fs.existsSync(cli) || fs.statSync(cli).mtimeMs < newestSource(path.join(root, 'src'))) {
  require('node:child_process').execFileSync(
    process.execPath,
    [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json')],
    { stdio: ['ignore', 'ignore', 'inherit'], cwd: root },
  );
  fs.utimesSync(cli, new Date(), new Date());
}
require(cli).main(process.argv);
