import { describe, expect, it } from 'vitest';
import { findDangerousMarkup } from '../../../src/shared/inbox/dangerous-markup';
import { requestSubmissionSchema } from '../../../src/shared/inbox/submission';

/** What customers type in words: none of it may be refused. */
const BENIGN = [
  'Donation=yes please',
  'Monday=fine',
  'Condo=',
  'online=yes',
  'onsite = 2 crew',
  'one=two, ontime=ok',
  'a = b',
  'I <3 your trucks',
  'a < b and c > d',
  'a<b',
  '2 sofas <- left of the garage',
  '<<< the blue door >>>',
  'Price < $300 please',
  'Data: 3 boxes, Data:5',
  'email me: bob@example.com',
  'https://example.com/photos?id=3&x=4',
  'Tom & Jerry’s Diner',
  'Apt #4 &amp; garage',
  'Gate code *1234#',
  'JavaScript book collection, ~40 boxes',
  'script: bring a dolly',
  'Mon–Fri 8–5, “please” call first',
  'Étage 3, à côté de l’école — 五楼',
  'reaction=happy 😀',
];

/** Markup that could run or load something if it reached HTML, and what the rule names. */
const DANGEROUS: [string, string][] = [
  ['<script>alert(1)</script>', '<script'],
  ['hello <SCRIPT src=//x.io/a.js>', '<SCRIPT'],
  ['<a href="https://x.io">win</a>', '<a'],
  ['see <img src=x onerror=alert(1)>', '<img'],
  ['<img/src=x>', '<img'],
  ['<svg/onload=alert(1)>', '<svg'],
  ['<iframe srcdoc="…">', '<iframe'],
  ['</textarea><b>', '</textarea'],
  ['<b>bold</b>', '<b'],
  ['<!-- hidden -->', '<!-'],
  ['<!doctype html>', '<!d'],
  ['javascript:alert(1)', 'javascript:'],
  ['link: JaVaScRiPt:alert(1)', 'JaVaScRiPt:'],
  ['java\tscript:alert(1)', 'javascript:'],
  ['java&#x09;script:alert(1)', 'javascript:'],
  ['&#106;avascript:alert(1)', 'javascript:'],
  ['javascript&colon;alert(1)', 'javascript:'],
  ['vbscript:msgbox(1)', 'vbscript:'],
  ['data:text/html;base64,PGI+eDwvYj4=', 'data:text/html'],
  ['data:,hello', 'data:,'],
  ['data:;base64,PHNjcmlwdD4=', 'data:;base64'],
  ['x" onerror="alert(1)', 'onerror='],
  ["' onmouseover='alert(1)", 'onmouseover='],
  ['onclick = steal()', 'onclick='],
  ['onfocusin=x', 'onfocusin='],
  ['onsomething=doEvil(1)', 'onsomething=doEvil('],
  ['&lt;script&gt;', '<script'],
];

describe('findDangerousMarkup', () => {
  it.each(BENIGN)('takes %j as plain text', (text) => {
    expect(findDangerousMarkup(text)).toBeNull();
  });

  it.each(DANGEROUS)('refuses %j, naming %j', (text, found) => {
    expect(findDangerousMarkup(text)).toBe(found);
  });

  it('is the rule ingest applies to every text field of a request', () => {
    const request = {
      schema: 1,
      kind: 'request',
      id: 'req-aaaaaaaaaaaaaaaa',
      submitted_at: '2026-11-28T14:59:00Z',
      name: "Bob's Diner",
      phone: '+1 312 555 0142',
      address: 'Apt 4B, 2250 North Lincoln Ave',
      service: 'Furniture',
      date: '2026-12-03',
      window: 'morning',
    };
    for (const text of BENIGN) {
      for (const field of ['name', 'address', 'notes'] as const) {
        expect(requestSubmissionSchema.safeParse({ ...request, [field]: text }).success).toBe(true);
      }
    }
    for (const [text, found] of DANGEROUS) {
      const parsed = requestSubmissionSchema.safeParse({ ...request, notes: text });
      expect(parsed.error?.issues).toEqual([
        expect.objectContaining({ path: ['notes'], message: expect.stringContaining(found) }),
      ]);
    }
  });
});
