// 台账所用的哈希函数。国密部署用 SM3，SHA-256 只用于对照 RFC 6962 公开测试向量。
import * as crypto from 'node:crypto';

/**
 * 一个密码学哈希函数：输入任意字节，返回新分配的摘要。
 * 约定：实现不得保留或修改 `data`——树与链的代码会复用同一块暂存缓冲区传入。
 */
export type HashFn = (data: Uint8Array) => Buffer;

// crypto.hash() 是一次性接口（Node ≥ 20.12），省去每次创建 Hash 对象的开销，
// 在短输入上约快 15–20%；旧版 Node 20 退回 createHash。
const oneShot: typeof crypto.hash | undefined = typeof crypto.hash === 'function' ? crypto.hash : undefined;

function nodeHash(algorithm: string): HashFn {
  if (oneShot) return (data) => oneShot(algorithm, data, 'buffer');
  return (data) => crypto.createHash(algorithm).update(data).digest();
}

/** GB/T 32905-2016 SM3，32 字节摘要。 */
export const sm3Hash: HashFn = nodeHash('sm3');

/** FIPS 180-4 SHA-256，32 字节摘要。 */
export const sha256Hash: HashFn = nodeHash('sha256');

/** 逐字节比较两段摘要。被比较的都是公开数据，无需常数时间。 */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  const n = a.length;
  if (n !== b.length) return false;
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}
