/**
 * Runs HTML ingest over the Readability test pages (fetched by `npm run test-pages`) and prints
 * body recall, leakage, and title, byline and date matches for the English articles among them.
 * `--verbose` lists every page that misses something.
 */
import { englishPages, PAGES_DIR, readPages, scorePage, summarizePages, type PageScore } from '../eval/pages.ts';
import { prepareArticle } from '../ingest/prepare.ts';

function main(): void {
  const verbose = process.argv.includes('--verbose');
  const pages = englishPages(readPages(PAGES_DIR));
  if (pages.length === 0) {
    process.stderr.write(`no test pages in ${PAGES_DIR}: run \`npm run test-pages\` first\n`);
    process.exitCode = 1;
    return;
  }
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const scores: PageScore[] = [];
  for (const page of pages) {
    const prepared = prepareArticle({ file: `${page.name}.html`, raw: page.source, format: 'html', defaultOutlet: null });
    const got = prepared.ok ? prepared.article : { text: '', title: null, byline: null, published: null };
    const score = scorePage(page, got);
    scores.push(score);
    const misses = [
      score.recall < 0.98 ? `recall ${score.recall.toFixed(3)}` : '',
      score.leakage > 0.01 ? `leakage ${score.leakage.toFixed(3)}` : '',
      score.title === false ? `title ${JSON.stringify(got.title)} want ${JSON.stringify(page.title)}` : '',
      score.byline === false ? `byline ${JSON.stringify(got.byline)} want ${JSON.stringify(page.byline)}` : '',
      score.date === false ? `date ${got.published} want ${page.publishedTime}` : '',
      score.headlineInBody ? 'headline in body' : '',
    ].filter(Boolean);
    if (verbose && misses.length > 0) out(`${page.name}: ${misses.join('; ')}`);
  }
  const s = summarizePages(scores);
  const ratio = ([hit, of]: [number, number]) => `${hit}/${of}`;
  if (verbose) out('');
  out(`pages              ${s.pages} (expected-metadata lang starting with "en")`);
  out(`body recall        mean ${s.recallMean.toFixed(3)}, median ${s.recallMedian.toFixed(3)}`);
  out(`leakage            mean ${s.leakageMean.toFixed(4)}`);
  out(`title              ${ratio(s.title)}`);
  out(`byline             ${ratio(s.byline)}`);
  out(`date               ${ratio(s.date)}`);
  out(`headline in body   ${s.headlineInBody}`);
}

main();
