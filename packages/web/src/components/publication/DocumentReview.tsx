import { useMemo } from 'react';
import { Col, Row, Spin, Typography } from 'antd';
import type { PublicationDetail, PublicationFile } from '../../api/publications.ts';
import { LoadError } from '../ProblemAlert.tsx';
import { FindingsTable } from './FindingsTable.tsx';
import { LocatedReview, locatedWords, useLocatedTexts } from './LocatedReview.tsx';
import { actionLabel } from './labels.ts';
import { MarkedText } from './MarkedText.tsx';
import { documentSpans, processedSpans, wordsOf } from './text-spans.ts';
import { useFileText, useReviewedFile } from './usePublicationFile.ts';

/** Plain text and Markdown: the engine's offsets count from the top of the file, so both versions can be shown whole. */
export const isPlainText = (name: string) => /\.(txt|md)$/iu.test(name);

/**
 * A document: the draft (reviewers only, while it exists) beside the processed version, each
 * finding marked in both — whole for plain text, by paragraph or cell for DOCX, XLSX and CSV —
 * then every finding in a table. The processed version is the server's own output, never rebuilt here.
 */
export function DocumentReview({ pub, file }: { pub: PublicationDetail; file: PublicationFile }) {
  const plain = isPlainText(file.name);
  const { showDraft, processed, draft: draftFile, loading, error } = useReviewedFile(pub, file);
  const processedText = useFileText(plain ? processed : undefined);
  const originalText = useFileText(plain ? draftFile : undefined);
  const located = useLocatedTexts(file.name, plain ? undefined : draftFile, plain ? undefined : processed);

  const spans = useMemo(() => documentSpans(file.findings), [file.findings]);
  const draftText = draftFile ? originalText.data : undefined;
  const raw = useMemo(
    () => (plain ? (draftText !== undefined ? wordsOf(draftText, spans) : undefined) : locatedWords(file, draftFile ? located.data : undefined)),
    [plain, draftText, spans, file, located.data, draftFile],
  );
  const outSpans = useMemo(
    () => (draftText !== undefined && processedText.data !== undefined ? processedSpans(draftText, file.findings, processedText.data) : null),
    [draftText, processedText.data, file.findings],
  );
  const byId = useMemo(() => new Map(file.findings.map((f) => [f.id, f])), [file.findings]);
  const describe = (s: { findingId: string }) => {
    const f = byId.get(s.findingId);
    return f ? (f.action === 'keep' ? actionLabel('kept') : `${actionLabel(f.action)}${f.replacement ? ` → ${f.replacement}` : ''}`) : '';
  };

  const table = <FindingsTable findings={file.findings} raw={raw} caption={`${file.name} 的识别结果`} />;
  if (!plain) {
    return (
      <>
        <LoadError error={error} />
        <Spin spinning={loading}>
          <LocatedReview file={file} texts={located} draft={showDraft} describe={describe} />
        </Spin>
        <div style={{ marginTop: 12 }}>{table}</div>
      </>
    );
  }

  return (
    <>
      <LoadError error={error} />
      <Spin spinning={loading}>
        <Row gutter={[16, 12]}>
          {showDraft && (
            <Col xs={24} lg={12}>
              <Typography.Text strong>原稿（仅审核员可见，未经技术处理）</Typography.Text>
              {draftText !== undefined && (
                <MarkedText text={draftText} spans={spans} label={`${file.name} 原稿`} describe={describe} />
              )}
            </Col>
          )}
          <Col xs={24} lg={showDraft ? 12 : 24}>
            <Typography.Text strong>技术处理后{pub.status === 'approved' ? '（已批准的发布版本）' : '（未批准）'}</Typography.Text>
            {processedText.data !== undefined && (
              <MarkedText text={processedText.data} spans={outSpans ?? []} label={`${file.name} 处理后`} describe={describe} />
            )}
          </Col>
        </Row>
      </Spin>
      <div style={{ marginTop: 12 }}>{table}</div>
    </>
  );
}
