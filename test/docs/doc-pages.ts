import fs from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../../engine/paths.js';

/** The documentation pages whose commands and links are tested, relative to the package root. */
export function docPages(): string[] {
  const docs = fs.readdirSync(path.join(PACKAGE_ROOT, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`);
  return ['README.md', ...docs, 'bench/results/history.md'];
}

export function readPage(page: string): string {
  return fs.readFileSync(path.join(PACKAGE_ROOT, page), 'utf8');
}

export interface FencedBlock {
  /** The info string after the opening fence (`sh`, `yaml`, `text`, …; '' when none). */
  lang: string;
  body: string;
  /** 1-based line number of the first line inside the block. */
  line: number;
}

/** Fenced code blocks (``` … ```) of a Markdown page, in order. */
export function fencedBlocks(markdown: string): FencedBlock[] {
  const blocks: FencedBlock[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^\s*```(\S*)\s*$/.exec(lines[i]!);
    if (!open) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !/^\s*```\s*$/.test(lines[end]!)) end++;
    blocks.push({ lang: open[1]!, body: lines.slice(start, end).join('\n'), line: start + 1 });
    i = end;
  }
  return blocks;
}

/** The page without its fenced blocks and inline code, so that only prose links remain. */
export function proseOnly(markdown: string): string {
  const lines = markdown.split('\n');
  let inFence = false;
  const out: string[] = [];
  for (const line of lines) {
    if (/^\s*```/.test(line)) {
      inFence = !inFence;
      out.push('');
      continue;
    }
    out.push(inFence ? '' : line.replace(/`[^`]*`/g, ''));
  }
  return out.join('\n');
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
export function headingSlug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** Every anchor of a page (duplicates get -1, -2, … as on GitHub). */
export function pageAnchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const line of proseOnlyKeepingHeadings(markdown)) {
    const h = /^#{1,6}\s+(.*)$/.exec(line);
    if (!h) continue;
    const base = headingSlug(h[1]!);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  return anchors;
}

/** Lines outside fenced blocks, with inline code kept (heading text includes it). */
function proseOnlyKeepingHeadings(markdown: string): string[] {
  let inFence = false;
  const out: string[] = [];
  for (const line of markdown.split('\n')) {
    if (/^\s*```/.test(line)) inFence = !inFence;
    else if (!inFence) out.push(line);
  }
  return out;
}
