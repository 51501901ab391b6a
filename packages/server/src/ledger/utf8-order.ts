// 规范编码里的集合按 UTF-8 字节序排序：与码点序一致，任何语言的验证器都能复现；
// JS 默认的 UTF-16 码元序在 U+E000–U+FFFF 与增补平面字符之间会给出相反结果。

// 把 UTF-16 码元映射到保持码点序的值：代理对（D800–DFFF）移到所有 BMP 字符之后。
const fixup = (c: number): number => (c >= 0xe000 ? c - 0x800 : c + 0x2000);

/** 按 UTF-8 字节序（即码点序）比较两个良构字符串，返回负数、0 或正数。 */
export function compareUtf8(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return x >= 0xd800 && y >= 0xd800 ? fixup(x) - fixup(y) : x - y;
  }
  return a.length - b.length;
}

/** 排序并去重后的副本；已是严格升序时原样返回以免复制（最常见的 0–1 个元素）。 */
export function canonicalSet(items: readonly string[]): readonly string[] {
  let sorted = true;
  for (let i = 1; i < items.length; i++) {
    if (compareUtf8(items[i - 1]!, items[i]!) >= 0) {
      sorted = false;
      break;
    }
  }
  if (sorted) return items;
  const copy = items.slice().sort(compareUtf8);
  return copy.filter((s, i) => i === 0 || s !== copy[i - 1]);
}
