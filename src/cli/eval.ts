import path from 'node:path';
import { DEFAULT_FUSION, type Fusion } from '../answer/retrieve.ts';
import { readQuestions } from '../eval/questions.ts';
import { rankMetrics, scoreAnswer, summarize, type EvalReport } from '../eval/score.ts';
import { loadCorpus } from '../ingest/load-corpus.ts';
import { openDesk } from '../local-desk.ts';
import { createLogger } from '../log.ts';
import { CORPUS_FLAG, configWithFolders, INDEX_FLAG } from './folders.ts';
import { terminalProgress } from './progress.ts';
import { runCommand, UsageError } from './run.ts';

function printReport(report: EvalReport, embedder: string): void {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  for (const r of report.results) {
    const ok = r.answerable ? r.quoteHit : !r.answered;
    const detail = r.answerable
      ? `rank ${r.rank ?? '-'}, quote ${r.quoteHit ? 'hit' : 'miss'}${r.answered ? '' : `, refused (${r.refusal})`}`
      : r.answered
        ? 'answered (should refuse)'
        : `refused (${r.refusal})`;
    const group = r.group ? `${r.group}: ` : '';
    out(`${ok ? 'ok  ' : 'MISS'} ${group}${r.question}  [${detail}${r.violations.length ? `, forbidden: ${r.violations.join(', ')}` : ''}; ${r.ms.toFixed(0)} ms]`);
    if (!ok && r.firstQuote) out(`       quoted: "${r.firstQuote.replace(/\s+/gu, ' ').slice(0, 240)}"`);
  }
  out('');
  if (report.groups.length > 0) {
    for (const g of report.groups) out(`${(g.answerable ? `type ${g.group}` : `kind ${g.group}`).padEnd(20)}${g.correct}/${g.questions} ${g.answerable ? 'quote hits' : 'refused'}`);
    out('');
  }
  out(`embedder            ${embedder}`);
  out(`hit@1               ${report.hitAt1}/${report.answerable}`);
  out(`hit@3               ${report.hitAt3}/${report.answerable}`);
  out(`quote hit           ${report.quoteHits}/${report.answerable}`);
  out(`wrong refusals      ${report.wrongRefusals}/${report.answerable}`);
  out(`correct refusals    ${report.correctRefusals}/${report.unanswerable}`);
  out(`forbidden text      ${report.violations}`);
  out(`mean latency        ${report.meanMs.toFixed(1)} ms`);
}

runCommand({
  name: 'npm run eval',
  summary: `Scores a question file (format of shared/eval/seed-questions.jsonl): hit@1, hit@3, quote
hits, correct refusals, forbidden text, mean latency. With --known-item and no file: the headline
of each article of --corpus as the question, the article as the expected source, giving MRR@10
and hit@1 (build the index from the same corpus first).`,
  flags: {
    index: INDEX_FLAG,
    corpus: CORPUS_FLAG,
    'known-item': { type: 'boolean', help: 'headline → article check over --corpus instead of a question file' },
    json: { type: 'boolean', help: 'print the scores as one JSON object' },
    fusion: { type: 'string', value: 'rrf|score', help: 'how dense and keyword ranks are combined, to compare settings' },
    'min-evidence': { type: 'string', value: 'X', help: 'least share of the question a passage must hold, 0 to 1, to compare settings' },
  },
  args: '[FILE.jsonl]',
  async run({ values, positionals }) {
    const fusion = values.fusion as Fusion | undefined;
    if (fusion !== undefined && fusion !== 'rrf' && fusion !== 'score') throw new UsageError('--fusion is rrf or score');
    const minEvidence = values['min-evidence'] === undefined ? undefined : Number(values['min-evidence']);
    if (minEvidence !== undefined && !(minEvidence >= 0 && minEvidence <= 1)) throw new UsageError('--min-evidence is a number from 0 to 1');
    if (values['known-item'] && values.corpus === undefined) throw new UsageError('--known-item needs --corpus DIR');
    const config = configWithFolders(values);
    const log = createLogger({ level: config.logLevel, format: 'auto' });
    const desk = await openDesk(config, log, { fusion, minEvidence });
    const embedder = (await desk.status()).embedder.id;
    if (values['known-item']) {
      const corpus = await loadCorpus(config.corpusDir, { maxFileBytes: config.maxFileBytes });
      const progress = terminalProgress('Known-item queries', 'queries');
      const ranks: (number | null)[] = [];
      const started = performance.now();
      for (const [i, article] of corpus.articles.entries()) {
        const passages = await desk.search(article.title, { top: 10 });
        const rank = passages.findIndex((passage) => passage.article.id === article.id);
        ranks.push(rank >= 0 ? rank + 1 : null);
        progress.update(i + 1, corpus.articles.length);
      }
      progress.end();
      const { mrr, hitAt1 } = rankMetrics(ranks, 10);
      const meanMs = (performance.now() - started) / Math.max(1, ranks.length);
      const result = { queries: ranks.length, mrrAt10: mrr, hitAt1, meanMs, embedder, fusion: fusion ?? DEFAULT_FUSION };
      if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
      else process.stdout.write(`known-item over ${ranks.length} articles (${embedder}, ${result.fusion}): MRR@10 ${mrr.toFixed(4)}, hit@1 ${hitAt1.toFixed(4)}, mean ${meanMs.toFixed(1)} ms/query\n`);
      return;
    }

    if (positionals.length !== 1) throw new UsageError('Give one question file.');
    const questions = await readQuestions(path.resolve(positionals[0]!));
    const results = [];
    for (const question of questions) {
      const started = performance.now();
      const answer = await desk.ask(question.q);
      results.push(scoreAnswer(question, answer, performance.now() - started));
    }
    const report = summarize(results);
    if (values.json) process.stdout.write(`${JSON.stringify({ embedder, ...report })}\n`);
    else printReport(report, embedder);
  },
});
