import { describe, expect, it } from 'vitest';
import { countSegments, describeSegments } from '../../src/shared/sms-segments';

describe('SMS segments (GSM-7 and UCS-2, from the kept calculator)', () => {
  it('sends 160 GSM-7 characters as one text and 161 as two (153 each)', () => {
    expect(countSegments('a'.repeat(160))).toEqual({
      encoding: 'GSM-7',
      segments: 1,
      characters: 160,
      perSegment: 160,
      nonGsmCharacters: [],
      doubleCharacters: [],
    });
    expect(countSegments('a'.repeat(161))).toMatchObject({ segments: 2, perSegment: 153 });
    expect(countSegments('a'.repeat(306)).segments).toBe(2);
    expect(countSegments('a'.repeat(307)).segments).toBe(3);
  });

  it('counts each extension character (€ [ ] { } ~ ^ | \\) as 2', () => {
    for (const char of ['€', '[', ']', '{', '}', '~', '^', '|', '\\']) {
      const count = countSegments(`${char}${'a'.repeat(158)}`);
      expect(count, char).toMatchObject({
        encoding: 'GSM-7',
        characters: 160,
        segments: 1,
        doubleCharacters: [char],
      });
      expect(countSegments(`${char}${'a'.repeat(159)}`).segments, char).toBe(2);
    }
    expect(describeSegments(countSegments('Total €20 {cash}'))).toBe(
      '1 text (GSM-7, 19 characters; ‘€’, ‘{’ and ‘}’ count as 2)',
    );
  });

  it('keeps é, ü, ñ and £ in GSM-7 (they are in the basic set), but not ç or ë', () => {
    expect(countSegments('Café Müller, Señor, £20').encoding).toBe('GSM-7');
    expect(countSegments('Zoë').nonGsmCharacters).toEqual(['ë']);
  });

  it('sends 70 UCS-2 characters as one text and 71 as two (67 each)', () => {
    const seventy = `–${'a'.repeat(69)}`;
    expect(countSegments(seventy)).toMatchObject({
      encoding: 'UCS-2',
      segments: 1,
      characters: 70,
      perSegment: 70,
    });
    expect(countSegments(`${seventy}a`)).toMatchObject({ segments: 2, perSegment: 67 });
    expect(countSegments('–'.repeat(134)).segments).toBe(2);
    expect(countSegments('–'.repeat(135)).segments).toBe(3);
  });

  it('turns a 174-character text with an en dash into 3 UCS-2 texts, and names the dash', () => {
    const text = `Hi Mark, QuickDumpNow has you booked for Thu, Dec 3, 1:00 PM – 3:00 PM. ${'x'.repeat(102)}`;
    expect(text).toHaveLength(174);
    const dashed = countSegments(text);
    expect(dashed).toMatchObject({ encoding: 'UCS-2', segments: 3, nonGsmCharacters: ['–'] });
    expect(describeSegments(dashed)).toBe(
      '3 texts: ‘–’ is not in the basic set (UCS-2, 174 characters)',
    );
    const hyphen = countSegments(text.replace('–', '-'));
    expect(hyphen).toMatchObject({ encoding: 'GSM-7', segments: 2 });
    expect(describeSegments(hyphen)).toBe('2 texts (GSM-7, 174 characters)');
  });

  it('names every character that forces UCS-2 once, and invisible ones by code point', () => {
    const count = countSegments('“Hi” – see you at 1\u00a0PM – “ok”');
    expect(count.nonGsmCharacters).toEqual(['“', '”', '–', '\u00a0']);
    expect(describeSegments(count, { about: true })).toBe(
      'About 1 text: ‘“’, ‘”’, ‘–’ and U+00A0 are not in the basic set (UCS-2, 29 characters)',
    );
  });

  it('counts an emoji as one character but two UCS-2 places, and nothing for an empty text', () => {
    expect(countSegments('😀'.repeat(35))).toMatchObject({ characters: 35, segments: 1 });
    expect(countSegments('😀'.repeat(36)).segments).toBe(2);
    expect(countSegments('')).toMatchObject({ segments: 0, characters: 0 });
    expect(describeSegments(countSegments(''))).toBe('No text yet');
  });
});
