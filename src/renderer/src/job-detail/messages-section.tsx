import { useState } from 'react';
import type { Job } from '../../../shared/job';
import { errorMessage } from '../../../shared/errors';
import { qdn } from '../qdn';
import { useWorkspaceStore } from '../stores/workspace-store';
import { useTextsStore } from '../stores/texts-store';
import { useJobDetailStore } from './job-detail-store';
import { QrCode } from './qr-code';
import { SmsComposer } from './sms-composer';
import { QuoteSms } from './quote-sms';
import { customerLinkOf } from './customer-link';
import type { Settings } from '../../../shared/settings/settings';

/**
 * The customer's link: copy it, text it (a ready message from the templates, editable, or
 * the messaging app through `sms:`), show it as a QR code, revoke it or give a new one. A
 * request offers only its quote link and the quote text (customer-link.ts): no tracking link
 * and no "you're booked" text before the customer has confirmed.
 */
export function MessagesSection({ job, settings }: { job: Job; settings: Settings }) {
  const base = useWorkspaceStore((s) => s.info?.publicBaseUrl);
  const revoke = useJobDetailStore((s) => s.revoke);
  const rotate = useJobDetailStore((s) => s.rotate);
  const busy = useJobDetailStore((s) => Boolean(s.busy.link));
  const provider = useTextsStore((s) => s.status?.provider ?? null);
  const sending = useTextsStore((s) => Boolean(s.sending[job.job_id]));
  const send = useTextsStore((s) => s.send);
  const error = useJobDetailStore((s) => s.errors.link);
  const [confirming, setConfirming] = useState<'revoke' | 'rotate' | null>(null);
  const [feedback, setFeedback] = useState<string | null>(null);
  const [showQr, setShowQr] = useState(false);
  const revoked = Boolean(job.token_revoked_at);
  const target = customerLinkOf(job, base);
  const link = target.kind === 'tracking' || target.kind === 'quote' ? target.url : null;
  const quoting = target.kind === 'quote' || target.kind === 'awaiting_quote';
  const linkName = quoting ? 'Quote link' : 'Link';

  async function copy(text: string, what: string) {
    try {
      await qdn.copyText(text);
      setFeedback(`${what} copied.`);
    } catch (err) {
      setFeedback(`Could not copy the ${what.toLowerCase()}: ${errorMessage(err)}`);
    }
  }

  return (
    <section className="panel-section messages" aria-labelledby="job-messages-title">
      <h3 id="job-messages-title">{quoting ? 'Quote link' : 'Customer link'}</h3>
      {revoked ? (
        <p className="warning">
          This job&rsquo;s link is revoked: its page tells the customer it is no longer valid. Give
          a new link to share the pickup again.
        </p>
      ) : target.kind === 'awaiting_quote' ? (
        <p className="none">
          The customer&rsquo;s link goes out with the quote: save a quote first. The tracking link
          and the booked text follow once the customer confirms.
        </p>
      ) : link ? (
        <>
          <p className="link-line">
            <code className="url" data-testid={quoting ? 'quote-url' : 'tracking-url'}>
              {link}
            </code>
          </p>
          <div className="button-row">
            <button type="button" className="secondary" onClick={() => void copy(link, linkName)}>
              {quoting ? 'Copy quote link' : 'Copy link'}
            </button>
            <button
              type="button"
              className="secondary"
              aria-expanded={showQr}
              onClick={() => setShowQr((v) => !v)}
            >
              {showQr ? 'Hide QR code' : 'QR code'}
            </button>
          </div>
          {showQr && (
            <QrCode
              text={link}
              label={`QR code of ${job.customer_name}'s ${quoting ? 'quote' : 'tracking'} link`}
            />
          )}
          {quoting ? (
            <QuoteSms job={job} link={link} settings={settings} onCopy={copy} />
          ) : (
            <SmsComposer
              job={job}
              link={link}
              settings={settings}
              onCopy={copy}
              onSend={provider ? (input) => send(job.job_id, input) : undefined}
              sending={sending}
            />
          )}
        </>
      ) : (
        <p className="none">The link appears once the workspace is read.</p>
      )}
      <p className="feedback" aria-live="polite">
        {feedback}
      </p>
      <div className="button-row link-actions">
        {!revoked && confirming !== 'revoke' && (
          <button
            type="button"
            className="secondary danger"
            disabled={busy}
            onClick={() => setConfirming('revoke')}
          >
            Revoke link…
          </button>
        )}
        {confirming !== 'rotate' && (
          <button
            type="button"
            className="secondary"
            disabled={busy}
            onClick={() => setConfirming('rotate')}
          >
            {revoked ? 'Give a new link…' : 'Rotate link…'}
          </button>
        )}
      </div>
      {confirming && (
        <div className="confirm-row" role="group" aria-label={`Confirm ${confirming}`}>
          <span>
            {confirming === 'revoke'
              ? 'The customer’s page will say the link is no longer valid, at once.'
              : 'The old link stops working; the customer needs the new one.'}
          </span>
          <button
            type="button"
            className={confirming === 'revoke' ? 'danger' : undefined}
            autoFocus
            disabled={busy}
            onClick={() => {
              const action = confirming === 'revoke' ? revoke : rotate;
              setConfirming(null);
              setFeedback(null);
              void action(job);
            }}
          >
            {confirming === 'revoke' ? 'Revoke the link' : 'Give a new link'}
          </button>
          <button type="button" className="secondary" onClick={() => setConfirming(null)}>
            Keep it
          </button>
        </div>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
