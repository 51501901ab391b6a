/** Saves what the server returned; nothing is processed here. */
export function saveBlob(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Some browsers read the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function saveText(filename: string, text: string, mediaType = 'text/plain;charset=utf-8'): void {
  saveBlob(filename, new Blob([text], { type: mediaType }));
}

export function base64ToBytes(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** FileReader's data URL is base64 without building a giant string by hand. */
export function fileToBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/u, ''));
    r.onerror = () => reject(new Error('无法读取所选文件'));
    r.readAsDataURL(file);
  });
}
