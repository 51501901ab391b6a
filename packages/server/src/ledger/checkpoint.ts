// 检查点：排序器用 SM2 对（树大小, 根, 时间）签名。签名对象是下面这段固定格式的文本，
// 仿照 C2SP tlog-checkpoint：首行标明用途与版本（域分离，签名不会被挪作他用），其后每行一个字段。
import { isIsoUtcMillis } from './iso-time.ts';

export interface LedgerCheckpoint {
  treeSize: number;
  rootHash: Buffer;
  at: string; // 带毫秒的 UTC ISO-8601
  signature: string; // 十六进制
  publicKey: string; // 十六进制，须在核验方的受信任公钥列表中
}

export const CHECKPOINT_ORIGIN = 'hutong-ledger-checkpoint/v1';

/**
 * 待签名的规范字节：
 *   hutong-ledger-checkpoint/v1\n<十进制树大小>\n<根哈希 base64>\n<时间>\n
 * 参数无效时抛 RangeError，以免对含糊的内容签名。
 */
export function checkpointMessage(treeSize: number, root: Uint8Array, at: string): Buffer {
  if (!Number.isSafeInteger(treeSize) || treeSize < 0) throw new RangeError(`检查点树大小无效：${treeSize}`);
  if (!(root instanceof Uint8Array) || root.length === 0) throw new RangeError('检查点根哈希为空');
  if (!isIsoUtcMillis(at)) throw new RangeError(`检查点时间格式无效：${String(at)}`);
  const b64 = Buffer.from(root.buffer, root.byteOffset, root.byteLength).toString('base64');
  return Buffer.from(`${CHECKPOINT_ORIGIN}\n${treeSize}\n${b64}\n${at}\n`, 'utf8');
}
