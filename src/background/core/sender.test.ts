import { describe, expect, it } from 'vitest';
import { classifySender } from './sender.ts';

const ID = 'eahibjmkmaganiedoliklnojfjmeckin';
const ORIGIN = `chrome-extension://${ID}/`;
const classify = (sender: object) => classifySender(sender, ID, ORIGIN).kind;

describe('classifySender', () => {
  it('knows the popup, even when it runs in a tab', () => {
    expect(classify({ id: ID, url: `${ORIGIN}src/popup/index.html`, tab: { id: 3 } })).toBe('extension-page');
  });

  it('knows the offscreen document by its URL', () => {
    expect(classify({ id: ID, url: `${ORIGIN}src/offscreen/index.html` })).toBe('offscreen');
  });

  it('knows a content script on a Power BI page', () => {
    expect(
      classifySender({ id: ID, url: 'https://app.powerbi.com/groups/me/apps', tab: { id: 7 }, frameId: 0 } as never, ID, ORIGIN),
    ).toEqual({
      kind: 'content',
      tabId: 7,
      url: 'https://app.powerbi.com/groups/me/apps',
    });
  });

  it.each([
    'https://admin.powerplatform.microsoft.com/environments/environment/8fcc484b-d74e-e479-84da-ad5a78d6d55b/hub',
    'https://make.powerapps.com/environments/8fcc484b-d74e-e479-84da-ad5a78d6d55b/home',
    'https://make.powerautomate.com/environments/8fcc484b-d74e-e479-84da-ad5a78d6d55b/flows',
  ])('knows a content script on a Power Platform page: %s', (url) => {
    expect(classify({ id: ID, url, tab: { id: 7 }, frameId: 0 })).toBe('content');
  });

  it.each([
    ['another extension', { id: 'otherextensionidotherextensionid', url: `${ORIGIN}src/popup/index.html` }],
    ['a page the extension does not run on', { id: ID, url: 'https://evil.example/', tab: { id: 1 } }],
    ['a look-alike host', { id: ID, url: 'https://app.powerbi.com.evil.example/', tab: { id: 1 } }],
    ['a sender without a URL', { id: ID }],
    ['a frame inside a matched page', { id: ID, url: 'https://app.powerbi.com/groups/me/apps', tab: { id: 7 }, frameId: 4 }],
  ])('does not trust %s', (_why, sender) => {
    expect(classify(sender)).toBe('untrusted');
  });
});
