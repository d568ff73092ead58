import path from 'node:path';
import { DEFAULT_FUSION, type Fusion } from '../answer/retrieve.ts';
import { readQuestions } from '../eval/questions.ts';
import { prepareExamples } from '../eval/examples.ts';
import { crossValidatedReplies } from '../eval/fit.ts';
import { rankMetrics, scoreAnswer, summarize, type EvalReport, type GroupReport, type QuestionResult } from '../eval/score.ts';
import { loadCorpus } from '../ingest/load-corpus.ts';
import { openDesk } from '../local-desk.ts';
import { createLogger } from '../log.ts';
import { CORPUS_FLAG, configWithFolders, INDEX_FLAG, withIngestCommand } from './folders.ts';
import { terminalProgress } from './progress.ts';
import { runCommand, UsageError } from './run.ts';

function printReport(report: EvalReport, embedder: string, crossValidated: EvalReport | null): void {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const shown = crossValidated ?? report;
  for (const r of shown.results) {
    const ok = r.answerable ? r.quoteHit : r.reply !== 'answer';
    const detail = r.answerable
      ? `rank ${r.rank ?? '-'}, quote ${r.quoteHit ? 'hit' : 'miss'}${r.reply === 'answer' ? '' : `, ${r.reply}${r.refusal ? ` (${r.refusal})` : ''}`}`
      : r.reply === 'answer'
        ? 'answered (should not)'
        : `${r.reply}${r.refusal ? ` (${r.refusal})` : ''}`;
    const group = r.group ? `${r.group}: ` : '';
    out(`${ok ? 'ok  ' : 'MISS'} ${group}${r.question}  [${detail}${r.violations.length ? `, forbidden: ${r.violations.join(', ')}` : ''}; ${r.ms.toFixed(0)} ms]`);
    if (!ok && r.firstQuote) out(`       quoted: "${r.firstQuote.replace(/\s+/gu, ' ').slice(0, 240)}"`);
  }
  out('');
  const columns = crossValidated ? [crossValidated, report] : [report];
  const header = crossValidated ? ['cross-validated', 'fitted on all'] : ['result'];
  const cell = (g: GroupReport | undefined) => (g ? `${g.correct}/${g.questions}${g.answerable ? '' : ` (${g.closest} closest)`}` : '-');
  const rows: [string, ...string[]][] = [['', ...header]];
  for (const g of shown.groups) rows.push([`${g.group} ${g.answerable ? 'quote hits' : 'not answered'}`, ...columns.map((c) => cell(c.groups.find((x) => x.group === g.group)))]);
  const line = (name: string, f: (r: EvalReport) => string) => rows.push([name, ...columns.map(f)]);
  line('hit@1', (r) => `${r.hitAt1}/${r.answerable}`);
  line('hit@3', (r) => `${r.hitAt3}/${r.answerable}`);
  line('quote hits (answer replies)', (r) => `${r.quoteHits}/${r.answerable}`);
  line('answerable, closest reply', (r) => `${r.closestAnswerable}/${r.answerable} (${r.closestShowing} show the answer)`);
  line('answerable, refused', (r) => `${r.wrongRefusals}/${r.answerable}`);
  line('unanswerable, not answered', (r) => `${r.correctRefusals}/${r.unanswerable} (${r.closestUnanswerable} closest)`);
  line('forbidden text in answers', (r) => `${r.violations}`);
  line('forbidden text in closest', (r) => `${r.closestViolations}`);
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
  for (const row of rows) out(row.map((value, c) => value.padEnd(widths[c]!)).join('  ').trimEnd());
  out('');
  out(`embedder            ${embedder}`);
  out(`mean latency        ${report.meanMs.toFixed(1)} ms`);
}

runCommand({
  name: 'npm run eval',
  summary: `Scores a question file (JSON lines; docs/quality.md describes the format): hit@1, hit@3, quote
hits, correct refusals, forbidden text, mean latency. With --known-item and no file: the headline
of each article of --corpus as the question, the article as the expected source, giving MRR@10
and hit@1 (build the index from the same corpus first). Without --index and --corpus, the index
of CORPUS_DIR is built first when there is none.`,
  flags: {
    index: INDEX_FLAG,
    corpus: CORPUS_FLAG,
    'known-item': { type: 'boolean', help: 'headline → article check over --corpus (default CORPUS_DIR) instead of a question file' },
    json: { type: 'boolean', help: 'print the scores as one JSON object' },
    fusion: { type: 'string', value: 'rrf|score', help: 'how dense and keyword ranks are combined, to compare settings' },
    folds: { type: 'string', value: 'N', help: 'also cross-validate: fit the answer model on N-1 folds, score the other, articles never split' },
  },
  args: '[FILE.jsonl]',
  async run({ values, positionals }) {
    const fusion = values.fusion as Fusion | undefined;
    if (fusion !== undefined && fusion !== 'rrf' && fusion !== 'score') throw new UsageError('--fusion is rrf or score');
    const folds = values.folds === undefined ? 0 : Number(values.folds);
    if (!(Number.isInteger(folds) && folds >= 0 && folds !== 1)) throw new UsageError('--folds is a whole number from 2');
    if (!values['known-item'] && positionals.length !== 1) throw new UsageError('Give one question file.');
    const config = configWithFolders(values);
    // A question file that cannot be read is said before the index is opened.
    const questions = values['known-item'] ? [] : await readQuestions(path.resolve(positionals[0]!));
    const log = createLogger({ level: config.logLevel, format: 'auto' });
    // The project's own index (INDEX_DIR from CORPUS_DIR) is built on first use, as npm start does.
    const desk = await openDesk(config, log, { fusion, buildIfMissing: values.index === undefined && values.corpus === undefined });
    // A missing index is said with the ingest command that builds it.
    await desk.articles().catch((error: unknown) => {
      throw withIngestCommand(error, values);
    });
    const embedder = (await desk.status()).embedder.id;
    if (values['known-item']) {
      const corpus = await loadCorpus(config.corpusDir, { maxFileBytes: config.maxFileBytes });
      const progress = terminalProgress('Known-item queries', 'queries');
      const ranks: (number | null)[] = [];
      let replyFirst = 0;
      const started = performance.now();
      for (const [i, article] of corpus.articles.entries()) {
        const passages = await desk.search(article.title, { top: 10 });
        const rank = passages.findIndex((passage) => passage.article.id === article.id);
        // What a user sees first: the reply's first source, or its first related article.
        const reply = await desk.ask(article.title);
        if ((reply.answered ? reply.sources : reply.related)[0]?.article === article.id) replyFirst++;
        ranks.push(rank >= 0 ? rank + 1 : null);
        progress.update(i + 1, corpus.articles.length);
      }
      progress.end();
      const { mrr, hitAt1 } = rankMetrics(ranks, 10);
      const meanMs = (performance.now() - started) / Math.max(1, ranks.length);
      const replyFirstShare = replyFirst / Math.max(1, ranks.length);
      const result = { queries: ranks.length, mrrAt10: mrr, hitAt1, replyFirst: replyFirstShare, meanMs, embedder, fusion: fusion ?? DEFAULT_FUSION };
      if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
      else
        process.stdout.write(
          `known-item over ${ranks.length} articles (${embedder}, ${result.fusion}): MRR@10 ${mrr.toFixed(4)}, hit@1 ${hitAt1.toFixed(4)}, the reply's first source ${replyFirstShare.toFixed(4)}, mean ${meanMs.toFixed(1)} ms/query and answer\n`,
        );
      return;
    }

    if (positionals.length !== 1) throw new UsageError('Give one question file.');
    const results: QuestionResult[] = [];
    for (const question of questions) {
      const started = performance.now();
      const answer = await desk.ask(question.q);
      results.push(scoreAnswer(question, answer, performance.now() - started));
    }
    const report = summarize(results);
    let crossValidated: EvalReport | null = null;
    if (folds > 0) {
      const progress = terminalProgress('Preparing questions');
      const examples = await prepareExamples(desk, questions, (done, total) => progress.update(done, total));
      progress.end();
      const replies = crossValidatedReplies(examples, folds, { maxSources: 3 });
      crossValidated = summarize(replies.map((reply, i) => scoreAnswer(questions[i]!, reply, results[i]!.ms)));
    }
    if (values.json) process.stdout.write(`${JSON.stringify({ embedder, ...report, ...(crossValidated && { crossValidated }) })}\n`);
    else printReport(report, embedder, crossValidated);
  },
});
