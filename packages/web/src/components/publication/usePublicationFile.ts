import { useEffect, useMemo } from 'react';
import { publicationsApi, type DownloadedFile, type FileVersion, type PublicationDetail, type PublicationFile } from '../../api/publications.ts';
import { useLoader, type Loaded } from '../../hooks/useLoader.ts';

/**
 * One version of a publication's file, fetched when shown. `revision` changes when the server
 * has processed the file again (its SM3), so a reviewer's adjustment shows at once.
 */
export function usePublicationFile(id: string, name: string, version: FileVersion, revision: string, enabled: boolean): Loaded<DownloadedFile> {
  return useLoader((signal) => publicationsApi.file(id, name, version, signal), [id, name, version, revision], enabled);
}

export interface ReviewedFile {
  /** The draft is shown beside the processed version: reviewers only, while it exists. */
  readonly showDraft: boolean;
  readonly processed: DownloadedFile | undefined;
  readonly draft: DownloadedFile | undefined;
  readonly loading: boolean;
  readonly error: unknown;
}

/** Both versions of a file as a review view shows them. */
export function useReviewedFile(pub: PublicationDetail, file: PublicationFile): ReviewedFile {
  const showDraft = pub.viewer === 'reviewer' && file.downloads.original;
  const processed = usePublicationFile(pub.id, file.name, 'processed', file.processedSm3 ?? '', file.downloads.processed);
  // Fetching the draft is a 使用 in the ledger: only reviewers, only when it is shown.
  const original = usePublicationFile(pub.id, file.name, 'original', pub.draft.available ? 'draft' : 'gone', showDraft);
  return {
    showDraft,
    processed: processed.data,
    // Once the draft is destroyed (approval), what was fetched before goes too.
    draft: showDraft ? original.data : undefined,
    loading: processed.loading || original.loading,
    error: processed.error ?? original.error,
  };
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
