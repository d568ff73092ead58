import { kindRecall, recallTable, type KindRecall } from '../eval/kind-recall.ts';
import { readQuestions } from '../eval/questions.ts';
import { loadCorpus } from '../ingest/load-corpus.ts';
import { tagSentences } from '../ingest/tag.ts';
import { configWithFolders } from './folders.ts';
import { parseQuestionSet } from './question-sets.ts';
import { runCommand, UsageError } from './run.ts';

runCommand({
  name: 'npm run kind-recall',
  summary: `For each answerable question of the files (FILE=CORPUS_DIR, the format of bbc-dev.jsonl), finds
the sentences of its article that hold an expected string, tags the article with the current tagger
(no index is read), and counts by question type whether the kind features mark those sentences as
holding the kind of answer asked: the tagger's recall as the sentence ranker sees it.`,
  flags: {
    misses: { type: 'boolean', help: 'also list the questions whose answering sentence holds no kind asked' },
    json: { type: 'boolean', help: 'print every question as one JSON line instead of the table' },
  },
  args: 'FILE.jsonl[=CORPUS_DIR]...',
  async run({ values, positionals }) {
    if (positionals.length === 0) throw new UsageError('Give at least one question file.');
    const config = configWithFolders({});
    const results: KindRecall[] = [];
    for (const set of positionals.map((argument) => parseQuestionSet(argument, config.corpusDir))) {
      const questions = (await readQuestions(set.file)).filter((question) => question.article !== null);
      const wanted = new Set(questions.map((question) => question.article!));
      const corpus = await loadCorpus(set.corpusDir, { maxFileBytes: config.maxFileBytes });
      const articles = new Map(corpus.articles.filter((article) => wanted.has(article.id)).map((article) => [article.id, { text: article.text, sentences: tagSentences(article.text), byline: article.byline }]));
      for (const question of questions) {
        const article = articles.get(question.article!);
        if (article) results.push(kindRecall(question, article));
      }
    }
    const out = (line: string) => process.stdout.write(`${line}\n`);
    if (values.json) {
      for (const result of results) out(JSON.stringify(result));
      return;
    }
    const rows = recallTable(results);
    out('type        questions  no sentence  kind 1  kind >0  close >0  answer tagged');
    for (const row of rows) {
      out(`${row.group.padEnd(10)}  ${String(row.questions).padStart(9)}  ${String(row.notFound).padStart(11)}  ${String(row.full).padStart(6)}  ${String(row.any).padStart(7)}  ${String(row.close).padStart(8)}  ${String(row.answerTagged).padStart(13)}`);
    }
    if (values.misses) {
      out('');
      for (const result of results.filter((r) => r.found && r.value === 0)) out(`${result.type} (${result.family}): ${result.question}\n    ${result.sentence!.replace(/\s+/gu, ' ').slice(0, 300)}`);
    }
  },
});
