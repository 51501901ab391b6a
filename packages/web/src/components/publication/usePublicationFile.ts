import { useEffect, useMemo } from 'react';
import { publicationsApi, type DownloadedFile, type FileVersion } from '../../api/publications.ts';
import { useLoader, type Loaded } from '../../hooks/useLoader.ts';

/**
 * One version of a publication's file, fetched when shown. `revision` changes when the server
 * has processed the file again (its SM3), so a reviewer's adjustment shows at once.
 */
export function usePublicationFile(id: string, name: string, version: FileVersion, revision: string, enabled: boolean): Loaded<DownloadedFile> {
  return useLoader((signal) => publicationsApi.file(id, name, version, signal), [id, name, version, revision], enabled);
}

/** The text of a text file as UTF-8, without the BOM (the engine's offsets do not count it). */
export function useFileText(file: DownloadedFile | undefined): Loaded<string> {
  const loaded = useLoader(async () => (file ? (await file.blob.text()).replace(/^\uFEFF/u, '') : ''), [file], !!file);
  return loaded;
}

/** An object URL for a picture or a recording, released when the file changes or the view goes. */
export function useObjectUrl(file: DownloadedFile | undefined): string | undefined {
  const url = useMemo(() => (file ? URL.createObjectURL(file.blob) : undefined), [file]);
  useEffect(() => () => { if (url) URL.revokeObjectURL(url); }, [url]);
  return url;
}
