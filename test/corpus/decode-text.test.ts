import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText, firstInvalidUtf8 } from '../../src/corpus/decode-text.js';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('read-corpus: decoding', () => {
  it('should drop a UTF-8 BOM so offsets count from the decoded text', () => {
    const decoded = decodeText(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8('“Hi,” he said.')]));
    expect(decoded.text).toBe('“Hi,” he said.');
    expect(decoded.messages).toEqual([]);
  });

  it('should keep CRLF as it is', () => {
    expect(decodeText(utf8('a\r\nb')).text).toBe('a\r\nb');
  });

  it.each(['utf-16le', 'utf-16be'] as const)('should read %s with a BOM', (encoding) => {
    const bytes = iconv.encode('Park said “yes” 😀', encoding, { addBOM: true });
    const decoded = decodeText(bytes);
    expect(decoded.text).toBe('Park said “yes” 😀');
    expect(decoded.encoding).toBe(encoding);
  });

  it('should refuse binary content with the offset of the NUL byte', () => {
    const decoded = decodeText(Uint8Array.from([0x47, 0x49, 0x46, 0x00, 0x01]));
    expect(decoded.text).toBeNull();
    expect(decoded.messages[0]).toMatchObject({ severity: 'fatal', ruleId: 'read-corpus:binary' });
    expect(decoded.messages[0]?.reason).toContain('byte 3');
  });

  it('should refuse corrupt UTF-8 (valid multi-byte text plus a stray byte)', () => {
    const bytes = Uint8Array.from([...utf8('“Caf'), 0xff, ...utf8('é”')]);
    const decoded = decodeText(bytes);
    expect(decoded.text).toBeNull();
    expect(decoded.messages[0]).toMatchObject({ severity: 'fatal', ruleId: 'read-corpus:invalid-utf8' });
    expect(decoded.messages[0]?.reason).toContain(`byte ${firstInvalidUtf8(bytes)}`);
  });

  it('should transcode Windows-1252 text with a warning', () => {
    const sentence = 'Le café était fermé, a déclaré le ministre. « Nous étions déçus », a-t-il ajouté à Genève.';
    const decoded = decodeText(iconv.encode(sentence, 'windows-1252'));
    expect(decoded.text).toBe(sentence);
    expect(decoded.messages[0]).toMatchObject({ severity: 'warning', ruleId: 'read-corpus:transcoded' });
  });
});
