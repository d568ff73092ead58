import path from 'node:path';
import { corpusSample } from '../embed/stand-in/corpus-sample.ts';
import { ensureStandInModel, STAND_IN_MODEL } from '../embed/stand-in/stand-in-model.ts';
import { configWithFolders, CORPUS_FLAG } from './folders.ts';
import { runCommand } from './run.ts';

runCommand({
  name: 'npm run stand-in',
  summary: `Writes ${STAND_IN_MODEL}: a model with the exact shape of Xenova/bge-small-en-v1.5 (12 layers,
width 384, fp32 and int8-quantized ONNX) and random weights, with a WordPiece vocabulary learnt from
the corpus. Its vectors mean nothing, its speed is the real model's: use it to measure ingest and
question times where the real weights cannot be downloaded. Written once, reused after.`,
  flags: {
    corpus: CORPUS_FLAG,
    models: { type: 'string', value: 'DIR', help: 'where to write it (default MODEL_LOCAL_DIR, else MODEL_CACHE_DIR)' },
  },
  async run({ values }) {
    const config = configWithFolders(values);
    const modelsDir = values.models ? path.resolve(values.models) : (config.model.localDir ?? config.model.cacheDir);
    const model = await ensureStandInModel({ modelsDir, sample: await corpusSample(config.corpusDir, config.maxFileBytes) });
    process.stdout.write(
      `${model.written ? 'Wrote' : 'Already there:'} ${model.modelDir} (${model.tokensPerWord.toFixed(2)} tokens per word on ${config.corpusDir}).\n` +
        `Use it with EMBEDDING_MODEL=${model.modelId} MODEL_LOCAL_DIR=${modelsDir} MODEL_ALLOW_REMOTE=false.\n`,
    );
  },
});
