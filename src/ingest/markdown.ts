import type { Nodes, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { toString } from 'mdast-util-to-string';
import { frontMatterValue, readFrontMatter } from './front-matter.ts';

/** A Markdown article as plain text: what readers see, without the markup. */
export interface MarkdownText {
  /** Block texts (headings, paragraphs, list items, quotes) joined by blank lines. */
  text: string;
  /** The front matter's title, else the first level-one heading, which Markdown articles use as their headline. */
  title: string | null;
  /** The front matter's author(s), as written. */
  byline: string | null;
  /** The front matter's date, as written. */
  date: string | null;
}

/**
 * Turns Markdown into the plain text that is cleaned, chunked and quoted: emphasis, links and
 * images give their text, code and HTML blocks are dropped, and the first `# heading` becomes
 * the title rather than body text. YAML front matter gives title, byline and date, never body
 * text. Parsed with mdast-util-from-markdown (CommonMark), so quotes never carry `**`,
 * `[...](...)` or `#`.
 */
export function markdownToText(markdown: string): MarkdownText {
  const front = readFrontMatter(markdown);
  const tree: Root = fromMarkdown(front.body);
  const blocks: string[] = [];
  let title: string | null = null;
  const visit = (node: Nodes) => {
    switch (node.type) {
      case 'heading': {
        const text = toString(node).trim();
        if (node.depth === 1 && title === null) title = text;
        else if (text) blocks.push(text);
        return;
      }
      case 'paragraph': {
        const text = toString(node).trim();
        if (text) blocks.push(text);
        return;
      }
      case 'code':
      case 'html':
      case 'thematicBreak':
      case 'definition':
        return;
      default:
        if ('children' in node) for (const child of node.children) visit(child as Nodes);
    }
  };
  visit(tree);
  return {
    text: blocks.join('\n\n'),
    title: frontMatterValue(front, ['title', 'headline']) ?? title,
    byline: frontMatterValue(front, ['author', 'authors', 'byline', 'by']),
    date: frontMatterValue(front, ['date', 'published', 'pubdate', 'publishdate', 'date_published']),
  };
}
