// 哈希链 h_n = HASH(h_{n−1} ‖ leaf_n)：与 Merkle 树互补——链让“从某条起全部重算”成为唯一的改写方式，
// 树让检查点能给出对数大小的包含与一致性证明。
import type { HashFn } from './hashes.ts';

/** 链的起点 h_{−1}：32 个零字节。视为常量，切勿修改。 */
export const GENESIS: Buffer = Buffer.alloc(32);

// 逐条核验时每条都要算一次链哈希；复用暂存区省去拼接分配（HashFn 约定不保留输入）。
const scratch64 = Buffer.allocUnsafeSlow(64);

/** HASH(prev ‖ leafHash)。 */
export function chainHash(h: HashFn, prev: Uint8Array, leafHash: Uint8Array): Buffer {
  const n = prev.length + leafHash.length;
  const input = n === 64 ? scratch64 : Buffer.allocUnsafe(n);
  input.set(prev, 0);
  input.set(leafHash, prev.length);
  return h(input);
}
