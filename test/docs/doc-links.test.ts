import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../engine/paths.js';
import { docPages, pageAnchors, proseOnly, readPage } from './doc-pages.js';

/**
 * Every relative link and image of the README, docs/ and the bench history points to a file that exists,
 * and every #anchor to a heading of its page.
 */

interface Link {
  page: string;
  line: number;
  target: string;
}

function relativeLinks(page: string): Link[] {
  const links: Link[] = [];
  proseOnly(readPage(page))
    .split('\n')
    .forEach((text, i) => {
      for (const m of text.matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
        const target = m[1]!;
        if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:
        links.push({ page, line: i + 1, target });
      }
    });
  return links;
}

describe('documentation links', () => {
  const pages = docPages();

  it('finds the pages and their links', () => {
    expect(pages).toContain('README.md');
    expect(pages).toContain('docs/cli.md');
    expect(relativeLinks('README.md').length).toBeGreaterThan(10);
  });

  it.each(pages)('%s: every relative link resolves', (page) => {
    const broken: string[] = [];
    for (const link of relativeLinks(page)) {
      const [file, anchor] = link.target.split('#') as [string, string | undefined];
      const resolved = file === '' ? page : path.posix.normalize(path.posix.join(path.posix.dirname(page), decodeURI(file)));
      const abs = path.join(PACKAGE_ROOT, resolved);
      if (!fs.existsSync(abs)) {
        broken.push(`${page}:${link.line}: ${link.target} (no file ${resolved})`);
        continue;
      }
      if (anchor !== undefined && resolved.endsWith('.md') && !pageAnchors(fs.readFileSync(abs, 'utf8')).has(anchor)) {
        broken.push(`${page}:${link.line}: ${link.target} (no heading #${anchor} in ${resolved})`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('computes anchors as GitHub does', () => {
    const anchors = pageAnchors('# A\n## `graph`: import, cache\n### Exposure (exposure-seconds)\n## A\n```sh\n# not a heading\n```\n');
    expect([...anchors]).toEqual(['a', 'graph-import-cache', 'exposure-exposure-seconds', 'a-1']);
  });
});
