import { useMemo } from 'react';
import { Col, List, Row, Typography } from 'antd';
import type { DownloadedFile, PublicationFile, PublicationFinding } from '../../api/publications.ts';
import { useLoader, type Loaded } from '../../hooks/useLoader.ts';
import { locatedTexts, locationKey, type LocatedTexts } from './located-text.ts';
import { MarkedText } from './MarkedText.tsx';
import { documentSpans, processedSpans, withinLocation } from './text-spans.ts';

/**
 * A DOCX, XLSX or CSV shown paragraph by paragraph or cell by cell where something was found:
 * the draft (reviewers only) beside the processed file, each with the findings marked. Read from
 * the files themselves; a location that cannot be read is left out, never guessed.
 */
export interface BothTexts { original: LocatedTexts | null; processed: LocatedTexts | null }

/** The paragraphs or cells of both versions (a file that cannot be read gives null, and is not shown). */
export function useLocatedTexts(name: string, original: DownloadedFile | undefined, processed: DownloadedFile | undefined): Loaded<BothTexts> {
  return useLoader(async () => ({
    original: original ? await locatedTexts(name, original.blob).catch(() => null) : null,
    processed: processed ? await locatedTexts(name, processed.blob).catch(() => null) : null,
  }), [original, processed, name], !!(original || processed));
}

/** The words of each finding in the draft, by finding id, read from its paragraph or cell. */
export function locatedWords(file: PublicationFile, texts: BothTexts | undefined): Map<string, string> | undefined {
  if (!texts?.original || !texts.processed) return undefined;
  const out = new Map<string, string>();
  for (const f of file.findings) {
    const text = f.location && f.start !== undefined && f.end !== undefined ? texts.original.texts.get(locationKey(f.location, texts.processed.sheets)) : undefined;
    if (text !== undefined) out.set(f.id, Array.from(text).slice(f.start, f.end).join(''));
  }
  return out;
}

export function LocatedReview({ file, texts, draft, describe }: {
  file: PublicationFile;
  texts: Loaded<BothTexts>;
  /** The draft side is shown (a reviewer, while the draft exists). */
  draft: boolean;
  describe: (s: { findingId: string }) => string;
}) {
  const rows = useMemo(() => {
    const t = texts.data;
    if (!t?.processed) return [];
    const sheets = t.processed.sheets;
    const locations = [...new Set(file.findings.map((f) => f.location).filter((l): l is string => !!l))];
    return locations.map((location) => {
      const key = locationKey(location, sheets);
      const found: PublicationFinding[] = withinLocation(file.findings, location);
      const before = t.original?.texts.get(key);
      const after = t.processed!.texts.get(key);
      return {
        location, before, after, spans: documentSpans(found),
        afterSpans: before !== undefined && after !== undefined ? processedSpans(before, found, after) ?? [] : [],
      };
    }).filter((r) => r.after !== undefined || r.before !== undefined);
  }, [texts.data, file.findings]);

  if (!rows.length) return null;
  return (
    <List
      size="small"
      bordered
      aria-label={`${file.name} 逐段（逐格）对照`}
      header={<Typography.Text strong>逐{/\.docx$/iu.test(file.name) ? '段' : '格'}对照{draft ? '：左为原稿（仅审核员可见），右为处理后' : '：处理后'}</Typography.Text>}
      dataSource={rows}
      pagination={rows.length > 8 ? { pageSize: 8, size: 'small', align: 'center', showSizeChanger: false } : false}
      renderItem={(r) => (
        <List.Item style={{ display: 'block' }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.location}</Typography.Text>
          <Row gutter={[12, 6]}>
            {draft && (
              <Col xs={24} md={12}>
                {r.before !== undefined
                  ? <MarkedText compact text={r.before} spans={r.spans} label={`${r.location} 原稿`} describe={describe} />
                  : <Typography.Text type="secondary">（无法读取原稿此处）</Typography.Text>}
              </Col>
            )}
            <Col xs={24} md={draft ? 12 : 24}>
              {r.after !== undefined
                ? <MarkedText compact text={r.after} spans={r.afterSpans} label={`${r.location} 处理后`} describe={describe} />
                : <Typography.Text type="secondary">（处理后此处为空）</Typography.Text>}
            </Col>
          </Row>
        </List.Item>
      )}
    />
  );
}
