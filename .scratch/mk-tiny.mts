import { writeTinyBertModel } from '/work/main/tests/fixtures/tiny-model.ts';
console.log(await writeTinyBertModel('/tmp/tiny-models'));
