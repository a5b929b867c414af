import { describe, expect, it } from 'vitest';
import { html, raw } from './html.ts';

describe('html', () => {
  it('escapes interpolated text and keeps nested fragments', () => {
    const name = '<script>alert("x")</script> & \'y\'';
    const out = html`<p title="${name}">${name}</p>${html`<b>${'đ'}</b>`}${raw('<br>')}`;
    expect(out.value).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;</p><b>đ</b><br>',
    );
  });

  it('joins arrays and renders nothing for null, undefined and false', () => {
    expect(html`<ul>${[1, 2].map((n) => html`<li>${n}</li>`)}${null}${undefined}${false}</ul>`.value).toBe(
      '<ul><li>1</li><li>2</li></ul>',
    );
  });
});
