import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileModel, type AnswerModel } from '../answer/ranker.ts';
import { crossValidatedReplies, fitAnswerModel, type RankerChoice } from '../eval/fit.ts';
import { parseQuestionSet, prepareSets } from './question-sets.ts';
import { scoreAnswer, summarize } from '../eval/score.ts';
import { createLogger } from '../log.ts';
import { CORPUS_FLAG, configWithFolders } from './folders.ts';
import { terminalProgress } from './progress.ts';
import { runCommand, UsageError } from './run.ts';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SHIPPED_MODEL = path.join(ROOT, 'src', 'answer', 'answer-model.json');
const INDEX_CACHE = path.join(ROOT, 'node_modules', '.cache', 'newsdesk', 'fit-index');
const RANKERS: readonly RankerChoice[] = ['auto', 'linear', 'trees'];

/** The model file's text: indented JSON with each tree on one line (indented, a tree model runs to thousands of lines). */
function modelText(model: AnswerModel): string {
  const trees: unknown[] = [];
  const text = JSON.stringify(model, (key, value: unknown) => (key === 'trees' && Array.isArray(value) ? value.map((tree) => `@tree-${trees.push(tree) - 1}@`) : value), 2);
  return `${text.replace(/"@tree-(\d+)@"/gu, (_, i: string) => JSON.stringify(trees[Number(i)]))}\n`;
}

runCommand({
  name: 'npm run fit',
  summary: `Fits the answer model (sentence ranker, answer/closest/refuse decision and its thresholds) on
question files with expected sources (the format of shared/eval/bbc-dev.jsonl), each over its own
corpus (FILE=CORPUS_DIR; a bare FILE is about --corpus), and writes it with each file's hash. Each
corpus's index is built or refreshed with the configured embedder under node_modules/.cache. With
--folds N it cross-validates too (articles never split) and records the figures beside the weights.`,
  flags: {
    corpus: CORPUS_FLAG,
    out: { type: 'string', value: 'FILE', help: 'where to write the model', default: path.relative(process.cwd(), SHIPPED_MODEL) },
    folds: { type: 'string', value: 'N', help: 'cross-validate over N folds and record the figures; 0 for none', default: '5' },
    ranker: { type: 'string', value: 'KIND', help: 'linear (linear models only), trees (a tree ranker) or auto: inner cross-validation picks whether trees boosted on the linear ranker and decision do better', default: 'auto' },
  },
  args: 'FILE.jsonl[=CORPUS_DIR]...',
  async run({ values, positionals }) {
    if (positionals.length === 0) throw new UsageError('Give at least one question file.');
    const folds = Number(values.folds);
    if (!(Number.isInteger(folds) && folds >= 0 && folds !== 1)) throw new UsageError('--folds is 0 (none) or a whole number from 2');
    const ranker = values.ranker as RankerChoice;
    if (!RANKERS.includes(ranker)) throw new UsageError(`--ranker is one of ${RANKERS.join(', ')}`);
    const config = configWithFolders(values);
    const log = createLogger({ level: config.logLevel === 'info' ? 'warn' : config.logLevel, format: 'auto' });
    const sets = positionals.map((argument) => parseQuestionSet(argument, config.corpusDir));
    const progress = terminalProgress('Preparing questions');
    const { examples, provenance } = await prepareSets(sets, config, log, INDEX_CACHE, (done, total) => progress.update(done, total));
    progress.end();
    const model = fitAnswerModel(examples, { sets: provenance }, ranker);
    compileModel(model);
    if (folds > 0) {
      const replies = crossValidatedReplies(examples, folds, { maxSources: 3, ranker });
      const report = summarize(replies.map((reply, i) => scoreAnswer(examples[i]!.question, reply, 0)));
      const { results: _results, meanMs: _ms, ...figures } = report;
      model.fitted = { ...model.fitted, crossValidated: { folds, ...figures } };
      process.stdout.write(
        `cross-validated (${folds} folds): quote hits ${report.quoteHits}/${report.answerable}, closest ${report.closestAnswerable} (${report.closestShowing} show the answer), refused ${report.wrongRefusals}/${report.answerable}, unanswerable not answered ${report.correctRefusals}/${report.unanswerable}, forbidden ${report.violations}, hit@1 ${report.hitAt1}\n${report.groups.map(({ group, correct, questions }) => `${group} ${correct}/${questions}`).join(', ')}\n`,
      );
    }
    await writeFile(path.resolve(values.out), modelText(model));
    process.stdout.write(`wrote ${values.out}: ${model.ranker.type ?? 'linear'} ranker, thresholds answer ${model.thresholds.answer}, closest ${model.thresholds.closest}\n`);
  },
});
