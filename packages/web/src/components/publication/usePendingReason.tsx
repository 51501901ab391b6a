import { useState } from 'react';
import { ReasonDialog } from '../ReasonDialog.tsx';

export interface ReasonAsk {
  title: string;
  label: string;
  intro: string;
  okText: string;
  /** Sends the change; a refusal stays in the dialog, beside the reason typed. */
  send: (reason: string) => Promise<void>;
}

/** One reason dialog for a panel's actions: ask(…) opens it for one change. */
export function usePendingReason(): { ask: (a: ReasonAsk) => void; dialog: React.ReactNode } {
  const [pending, setPending] = useState<ReasonAsk | null>(null);
  const dialog = (
    <ReasonDialog
      open={!!pending}
      title={pending?.title ?? ''}
      label={pending?.label ?? '理由'}
      field="reason"
      okText={pending?.okText ?? '确定'}
      intro={pending?.intro ?? ''}
      maxLength={500}
      onClose={() => setPending(null)}
      onSubmit={async (reason) => {
        await pending!.send(reason);
        setPending(null);
      }}
    />
  );
  return { ask: setPending, dialog };
}
