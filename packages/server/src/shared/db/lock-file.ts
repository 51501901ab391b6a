import fs from 'node:fs';
import path from 'node:path';
import { HutongError } from '@hutong/core';

/**
 * PGlite corrupts a data directory opened by two processes, so the first process takes a lock
 * file; a lock left by a dead process is taken over.
 */
export function acquireDirLock(dir: string): () => void {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'hutong.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx', 0o600);
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          if (fs.readFileSync(file, 'utf8') === String(process.pid)) fs.unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
      process.once('exit', release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(fs.readFileSync(file, 'utf8'));
      if (pid && pid !== process.pid && isAlive(pid)) {
        throw new HutongError(409, 'HUTONG_DATA_DIR_LOCKED', `数据目录 ${dir} 正被进程 ${pid} 使用；请先停止该进程，或用 HUTONG_DATA_DIR 指定其他目录，或设置 DATABASE_URL 使用 PostgreSQL 服务器（可多进程共用）`);
      }
      fs.unlinkSync(file);
    }
  }
  throw new Error(`无法获取数据目录锁 ${file}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
