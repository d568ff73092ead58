/** The `tokenizer.json` of an uncased BERT WordPiece tokenizer over `vocab` (tokens by id). */
export function tokenizerJson(vocab: readonly string[]): unknown {
  const idOf = new Map(vocab.map((token, id) => [token, id]));
  const id = (token: string): number => {
    const found = idOf.get(token);
    if (found === undefined) throw new Error(`token ${token} missing from the vocabulary`);
    return found;
  };
  const specials = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];
  const special = (token: string, typeId = 0) => ({ SpecialToken: { id: token, type_id: typeId } });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: specials.map((content) => ({ id: id(content), content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true })),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [special('[CLS]'), { Sequence: { id: 'A', type_id: 0 } }, special('[SEP]')],
      pair: [special('[CLS]'), { Sequence: { id: 'A', type_id: 0 } }, special('[SEP]'), { Sequence: { id: 'B', type_id: 1 } }, special('[SEP]', 1)],
      special_tokens: Object.fromEntries(['[CLS]', '[SEP]'].map((t) => [t, { id: t, ids: [id(t)], tokens: [t] }])),
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(vocab.map((token, i) => [token, i])),
    },
  };
}

/** The `tokenizer_config.json` of that tokenizer; `maxLength` null leaves model_max_length out, as some exports do. */
export function tokenizerConfigJson(maxLength: number | null): unknown {
  return {
    tokenizer_class: 'BertTokenizer',
    do_lower_case: true,
    ...(maxLength === null ? {} : { model_max_length: maxLength }),
    cls_token: '[CLS]',
    sep_token: '[SEP]',
    pad_token: '[PAD]',
    unk_token: '[UNK]',
    mask_token: '[MASK]',
    clean_up_tokenization_spaces: true,
  };
}
