import { SegmentedMessage } from 'sms-segments-calculator';

/**
 * How many texts a message goes out as, and why. The counting is Twilio's segment calculator
 * (sms-segments-calculator), not tables of our own: GSM-7's basic set and its extension table
 * (`€ [ ] { } ~ ^ | \` take two places), UCS-2 as soon as one character is outside them,
 * 160/153 places per text in GSM-7 and 70/67 in UCS-2. The renderer (composer, template
 * editor) and core both count with this module, so they never disagree.
 */
export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsSegments {
  encoding: SmsEncoding;
  /** Texts the message is sent as (0 for an empty message). */
  segments: number;
  /** Places the message takes as the network counts them (an extension character counts 2). */
  characters: number;
  /** Places per text at this length: 160 or 153 (GSM-7), 70 or 67 (UCS-2). */
  perSegment: number;
  /** The characters that force UCS-2, each once, in the order they first appear. */
  nonGsmCharacters: string[];
  /** GSM-7 characters that take two places (from the extension table), each once. */
  doubleCharacters: string[];
}

export function countSegments(text: string): SmsSegments {
  const message = new SegmentedMessage(text);
  const encoding = message.encodingName;
  // The calculator answers 1 segment for an empty body; nothing is sent for one.
  const segments = text === '' ? 0 : message.segmentsCount;
  const single = encoding === 'GSM-7' ? 160 : 70;
  const concatenated = encoding === 'GSM-7' ? 153 : 67;
  return {
    encoding,
    segments,
    characters: message.numberOfCharacters,
    perSegment: segments > 1 ? concatenated : single,
    nonGsmCharacters: unique(message.getNonGsmCharacters()),
    doubleCharacters: unique(
      message.encodedChars
        .filter((c) => c.encoding === 'GSM-7' && c.codeUnits.length > 1)
        .map((c) => c.raw),
    ),
  };
}

/**
 * The counter's words: "2 texts (GSM-7, 174 characters)", or "3 texts: ‘–’ is not in the
 * basic set (UCS-2, 174 characters)" — naming what forces UCS-2 so the dispatcher can replace
 * it. `about` is for a template, whose length depends on the job it is filled with.
 */
export function describeSegments(count: SmsSegments, options: { about?: boolean } = {}): string {
  if (count.segments === 0) return 'No text yet';
  const texts = `${options.about ? 'about ' : ''}${count.segments} ${count.segments === 1 ? 'text' : 'texts'}`;
  const size = `${count.characters} ${count.characters === 1 ? 'character' : 'characters'}`;
  if (count.encoding === 'UCS-2') {
    const names = count.nonGsmCharacters.map(characterName);
    const verb = names.length === 1 ? 'is' : 'are';
    return `${capitalized(texts)}: ${listed(names)} ${verb} not in the basic set (UCS-2, ${size})`;
  }
  const doubles =
    count.doubleCharacters.length === 0
      ? ''
      : `; ${listed(count.doubleCharacters.map(characterName))} ${
          count.doubleCharacters.length === 1 ? 'counts' : 'count'
        } as 2`;
  return `${capitalized(texts)} (GSM-7, ${size}${doubles})`;
}

/** ‘–’ for a character one can see; its code point for one that cannot (a no-break space). */
function characterName(char: string): string {
  if (/^[\p{Z}\p{C}\p{M}]+$/u.test(char)) {
    return [...char]
      .map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`)
      .join(' ');
  }
  return `‘${char}’`;
}

function listed(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function unique(chars: string[]): string[] {
  return [...new Set(chars)];
}
