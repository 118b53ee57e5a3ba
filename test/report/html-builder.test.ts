import { describe, expect, it } from 'vitest';
import { escapeAttr, escapeHtml } from '../../src/report/escape-html.js';
import { type HighlightSpan, renderHighlighted } from '../../src/report/highlight.js';
import { renderArticleText, speakerName } from '../../src/report/render-article.js';
import type { DocumentJson } from '../../src/sinks/document-json.js';

/** A span rendered as `[name:` … `]`, to read nesting at a glance. */
function bracket(start: number, end: number, name: string, rank = 1): HighlightSpan {
  return {
    start,
    end,
    rank,
    open: (piece) => `[${name}${piece > 0 ? '+' : ''}:`,
    close: () => ']',
  };
}

const ENTITIES: Record<string, { name: string; type: string }> = {
  'person:park-jin': { name: 'Park Jin', type: 'PERSON' },
  'organization:acme': { name: 'Acme <Corp>', type: 'ORGANIZATION' },
};
const ctx = { entity: (id: string) => ENTITIES[id], title: 't' };

type Doc = Pick<DocumentJson, 'text' | 'mentions' | 'dates' | 'quotes'>;

function mention(text: string, sub: string, entity: string | null, type = 'PERSON', from = 0): DocumentJson['mentions'][number] {
  const start = text.indexOf(sub, from);
  if (start < 0) throw new Error(`no ${sub}`);
  return { start, end: start + sub.length, text: sub, type, form: 'NAM', entity };
}

/** Strip tags (and the visible type labels) to get back the text a reader sees. */
function visibleText(html: string): string {
  return html
    .replace(/<span class="tag">[^<]*<\/span>/g, '')
    .replace(/<span class="badge"[\s\S]*?<\/span><\/span>|<a class="badge"[\s\S]*?<\/a>|<span class="badge"[^>]*>[\s\S]*?<\/span>/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

describe('report: escape-html', () => {
  it.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['a & b', 'a &amp; b'],
    [`"quoted" 'single'`, '&quot;quoted&quot; &#39;single&#39;'],
    ['😀 plain', '😀 plain'],
  ])('should escape %j', (input, expected) => {
    expect(escapeHtml(input)).toBe(expected);
  });

  it('should flatten line breaks in attributes', () => {
    expect(escapeAttr('a\r\nb"c')).toBe('a b&quot;c');
  });
});

describe('report: highlight', () => {
  it.each<{ name: string; text: string; spans: HighlightSpan[]; expected: string }>([
    { name: 'no spans', text: 'a<b', spans: [], expected: 'a&lt;b' },
    { name: 'one span', text: 'hello world', spans: [bracket(6, 11, 'M')], expected: 'hello [M:world]' },
    {
      name: 'a mention nested in a quote',
      text: '"Park said no" he said',
      spans: [bracket(1, 5, 'M', 1), bracket(0, 14, 'Q', 0)],
      expected: '[Q:&quot;[M:Park] said no&quot;] he said',
    },
    {
      name: 'same extent: lower rank outside',
      text: 'abc',
      spans: [bracket(0, 3, 'D', 2), bracket(0, 3, 'M', 1)],
      expected: '[M:[D:abc]]',
    },
    {
      name: 'crossing spans: the later one is cut and continues',
      text: 'abcdef',
      spans: [bracket(0, 4, 'Q', 0), bracket(2, 6, 'M', 1)],
      expected: '[Q:ab[M:cd]][M+:ef]',
    },
    {
      name: 'adjacent spans',
      text: 'abcd',
      spans: [bracket(0, 2, 'A'), bracket(2, 4, 'B')],
      expected: '[A:ab][B:cd]',
    },
    {
      name: 'out-of-range and empty spans are dropped or clamped',
      text: 'abc',
      spans: [bracket(2, 2, 'E'), bracket(5, 9, 'X'), bracket(1, 99, 'C')],
      expected: 'a[C:bc]',
    },
    {
      name: 'hostile text inside a span',
      text: 'x <script>alert(1)</script>',
      spans: [bracket(2, 27, 'M')],
      expected: 'x [M:&lt;script&gt;alert(1)&lt;/script&gt;]',
    },
  ])('should render $name', ({ text, spans, expected }) => {
    expect(renderHighlighted(text, spans)).toBe(expected);
  });

  it('should keep every character exactly once whatever the spans', () => {
    const text = 'The quick brown fox jumps over the lazy dog';
    const spans = [bracket(0, 9, 'A', 0), bracket(4, 15, 'B', 1), bracket(10, 30, 'C', 2), bracket(12, 14, 'D', 1), bracket(20, 43, 'E', 0)];
    const html = renderHighlighted(text, spans);
    expect(html.replace(/\[[A-Z]\+?:|\]/g, '')).toBe(text);
    expect(html.split('[').length).toBe(html.split(']').length);
  });
});

describe('report: article text', () => {
  it('should highlight each mention once, linked to its entity, with a visible type label', () => {
    const text = 'Park Jin met Acme <Corp> staff.';
    const doc: Doc = {
      text,
      mentions: [mention(text, 'Park Jin', 'person:park-jin'), mention(text, 'Acme <Corp>', 'organization:acme', 'ORGANIZATION')],
      dates: [],
      quotes: [],
    };
    const html = renderArticleText(doc, ctx);
    expect(html.match(/class="m [^"]*" id="m\d+"/g)).toHaveLength(2);
    expect(html).toContain('href="../entities/person_park-jin-');
    expect(html).toContain('<span class="tag">PER</span>');
    expect(html).toContain('<span class="tag">ORG</span>');
    expect(html).toContain('title="ORG → Acme &lt;Corp&gt; (organization)"');
    expect(html).not.toContain('<Corp>');
    expect(visibleText(html)).toBe(text);
  });

  it('should render a script tag in the article as text', () => {
    const text = 'Before <script>document.title="pwned"</script> <img src=x onerror=alert(1)> after.';
    const html = renderArticleText({ text, mentions: [mention(text, 'after', null, 'MISC')], dates: [], quotes: [] }, ctx);
    expect(html).not.toMatch(/<script|<img/i);
    expect(visibleText(html)).toBe(text);
  });

  it('should nest a mention inside a quote and give the quote a badge naming the canonical speaker', () => {
    const text = 'He said: “Acme will grow,” Park Jin said.';
    const content = '“Acme will grow,”';
    const start = text.indexOf(content);
    const speaker = mention(text, 'Park Jin', 'person:park-jin');
    const doc: Doc = {
      text,
      mentions: [mention(text, 'Acme', 'organization:acme', 'ORGANIZATION'), speaker],
      dates: [],
      quotes: [
        {
          start,
          end: start + content.length,
          text: content,
          kind: 'direct',
          cue: null,
          speaker: { start: speaker.start, end: speaker.end, text: 'Park Jin' },
          speakerEntity: 'person:park-jin',
          confidence: 0.9,
        },
      ],
    };
    const html = renderArticleText(doc, ctx);
    expect(html).toMatch(/<span class="q" id="q0" data-q="0"><a class="badge"[^>]*><span class="sr">Quote by <\/span>❝ Park Jin<\/a>“<a class="m t-ORGANIZATION" id="m0"/);
    // the quote closes after its closing mark, before the speaker's own mention
    expect(html).toContain(',”</span> <a class="m t-PERSON" id="m1"');
    expect(visibleText(html)).toBe(text);
  });

  it.each([
    ['an emoji', '😀😀 '],
    ['a CJK extension B character', '𠀋 '],
    ['mixed astral and BMP', 'é𝒳ü😀 '],
  ])('should place highlights correctly after %s', (_name, prefix) => {
    const text = `${prefix}Park Jin spoke on Monday.`;
    const m = mention(text, 'Park Jin', 'person:park-jin');
    const start = text.indexOf('Monday');
    const doc: Doc = {
      text,
      mentions: [m],
      dates: [{ start, end: start + 6, text: 'Monday', type: 'DATE', value: '2022-06-13', range: { start: '2022-06-13', end: '2022-06-13' } }],
      quotes: [],
    };
    const html = renderArticleText(doc, ctx);
    expect(html).toMatch(/id="m0"[^>]*>Park Jin<span class="tag">PER<\/span><\/a>/);
    expect(html).toMatch(/id="d0"[^>]*>Monday<span class="tag">DATE<\/span><\/span>/);
    expect(visibleText(html)).toBe(text);
  });

  it('should not put a link inside a link when mentions nest', () => {
    const text = 'the Acme chief Park Jin';
    const doc: Doc = {
      text,
      mentions: [
        { start: 0, end: text.length, text, type: 'PERSON', form: 'NOM', entity: 'person:park-jin' },
        mention(text, 'Acme', 'organization:acme', 'ORGANIZATION'),
      ],
      dates: [],
      quotes: [],
    };
    const html = renderArticleText(doc, ctx);
    expect(html).toMatch(/^<a [^>]*id="m0"/);
    expect(html).toMatch(/<span class="m t-ORGANIZATION" id="m1"[^>]*tabindex="0">Acme/);
  });

  it.each([
    [{ speakerEntity: 'person:park-jin', speaker: { start: 0, end: 2, text: 'he' } }, 'Park Jin'],
    [{ speakerEntity: null, speaker: { start: 0, end: 7, text: 'experts' } }, 'experts'],
    [{ speakerEntity: null, speaker: null }, 'unattributed'],
  ])('should name the speaker %j as %s', (fields, expected) => {
    const quote = { start: 0, end: 1, text: 'x', kind: 'direct', cue: null, confidence: 1, ...fields };
    expect(speakerName(quote, ctx)).toBe(expected);
  });
});
