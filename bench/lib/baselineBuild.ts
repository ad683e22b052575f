import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Our server as an earlier commit built it, for `ab.ts --baseline=<rev>`: a change measured against the code
// before it in the same seconds, where the machine's drift (larger here than most changes) falls on both.

export interface BaselineBuild {
  /** The compiled bench server (bench/servers/ours.ts of that commit). */
  file: string;
  /** That commit's package.json, for the Node.js flags its `npm start` used. */
  root: string;
}

/** Extracts `rev` into a temporary folder (git archive: nothing is added to the repository), then builds it. */
export function buildBaseline(rev: string): BaselineBuild {
  const repo = execFileSync('git', ['rev-parse', '--show-toplevel'], { encoding: 'utf8' }).trim();
  const commit = execFileSync('git', ['rev-parse', '--short', rev], { encoding: 'utf8' }).trim();
  const root = path.join(os.tmpdir(), `rt-baseline-${commit}`);
  if (!fs.existsSync(path.join(root, 'package.json'))) {
    fs.mkdirSync(root, { recursive: true });
    execFileSync('sh', ['-c', `git archive ${commit} | tar -x -C ${JSON.stringify(root)}`], { cwd: repo });
    // The same installed packages: a baseline differs in our code, not in its dependencies.
    fs.symlinkSync(path.join(repo, 'node_modules'), path.join(root, 'node_modules'));
  }
  execFileSync(process.execPath, ['scripts/build-server.mjs', 'dist/bench', 'bench/servers/ours.ts'], { cwd: root });
  return { file: path.join(root, 'dist/bench/ours.js'), root };
}
