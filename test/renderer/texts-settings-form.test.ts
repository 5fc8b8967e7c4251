import { describe, expect, it } from 'vitest';
import { settingsSchema } from '../../src/shared/settings/settings';
import { draftOf, inputOf, settingsErrors } from '../../src/renderer/src/settings/settings-form';
import { hasUnsavedEdits } from '../../src/renderer/src/settings/unsaved-settings';

const defaults = settingsSchema.parse({ mode: 'sandbox' });

describe('Settings → Texts as form data (issue 18)', () => {
  it('starts at En route only, no quiet hours and no provider, and saves that back unchanged', () => {
    const draft = draftOf(defaults);
    expect(draft.messages).toMatchObject({ auto: ['en_route'], quiet: false, provider: '' });
    expect(inputOf(draft).messages).toEqual({ auto: ['en_route'] });
    expect(hasUnsavedEdits(defaults, draft)).toBe(false);
  });

  it('saves statuses in flow order, quiet hours when on, and the AWS provider with its fields; an edit is unsaved until then', () => {
    const settings = settingsSchema.parse({
      mode: 'sandbox',
      messages: {
        auto: ['en_route'],
        aws: { origination_identity: '+18005550100', region: 'us-west-2' },
      },
    });
    const draft = draftOf(settings);
    draft.messages.auto = ['completed', 'en_route', 'scheduled'];
    draft.messages.quiet = true;
    draft.messages.quiet_from = '21:30';
    draft.messages.provider = 'aws';
    draft.messages.aws.configuration_set = ' qdn-texts ';
    draft.messages.aws.inbound_queue_url =
      'https://sqs.us-west-2.amazonaws.com/123456789012/qdn-in';
    expect(hasUnsavedEdits(settings, draft)).toBe(true);
    expect(inputOf(draft).messages).toEqual({
      auto: ['scheduled', 'en_route', 'completed'],
      quiet_hours: { from: '21:30', to: '08:00' },
      provider: 'aws',
      aws: {
        origination_identity: '+18005550100',
        configuration_set: 'qdn-texts',
        inbound_queue_url: 'https://sqs.us-west-2.amazonaws.com/123456789012/qdn-in',
        // Shown by no field, kept as it was.
        region: 'us-west-2',
      },
    });
    expect(settingsErrors(draft)).toEqual({});
    // Ticked and unticked again is no change: the sheet closes without asking.
    const back = draftOf(settings);
    back.messages.auto = ['scheduled', 'en_route'];
    back.messages.auto = ['en_route'];
    expect(hasUnsavedEdits(settings, back)).toBe(false);
  });

  it('names the AWS fields the shared schema refuses', () => {
    const draft = draftOf(defaults);
    draft.messages.provider = 'aws';
    draft.messages.aws.inbound_queue_url = 'my queue';
    expect(settingsErrors(draft)).toMatchObject({
      'messages.aws.origination_identity': expect.any(String) as string,
      'messages.aws.inbound_queue_url': expect.any(String) as string,
    });
  });
});
