import { describe, expect, it } from 'vitest';
import { tagSentences } from '../../src/ingest/tag.ts';

/** The tags of `text` as `kind:text` strings, sentence by sentence. */
function tagged(text: string): string[][] {
  return tagSentences(text).map((sentence) => sentence.tags.map((tag) => `${tag.kind}:${text.slice(tag.start, tag.end)}`));
}

describe('tagSentences', () => {
  it('GIVEN an article THEN its sentences are the spans quotes are cut from, in order', () => {
    const text = 'Shares fell 3%.\n\nMr Davies said it was "a shock". It was not.';
    const sentences = tagSentences(text);
    expect(sentences.map((s) => text.slice(s.start, s.end))).toEqual(['Shares fell 3%.', 'Mr Davies said it was "a shock".', 'It was not.']);
  });

  it.each([
    ['The auction raised £115,000 for victims.', 'money:£115,000'],
    ['Air China plans to raise $1.07bn (£558m) from the flotation.', 'money:$1.07bn'],
    ['Sales will dip by at least A$30m after the tsunami.', 'money:A$30m'],
    ['Prices rose by 23% in the fourth quarter.', 'percent:23%'],
    ['More than 120 games are in development.', 'number:120'],
    ['Traffic increased fourfold on launch day.', 'number:fourfold'],
    ['Harbour tolls rose by a tenth on Monday.', 'number:a tenth'],
    ['Mr Raskin joined Apple in 1978.', 'date:1978'],
    ['Rates are expected to rise on 22 March.', 'date:22 March'],
    ['The talks lasted five hours.', 'duration:five hours'],
  ])('GIVEN %j THEN it holds %s', (text, tag) => {
    expect(tagged(text).flat()).toContain(tag);
  });

  it.each([
    ['Her coach Aston Moore told the Times the news.', 'person:Aston Moore'],
    ['"It was wrong," said Peter Briggs.', 'person:Peter Briggs'],
    ['Dr Alastair Sibbald led the research.', 'person:Dr Alastair Sibbald'],
    ['The protocol was signed in Cairo on Sunday.', 'place:Cairo'],
    ['Mr Baume leads the Civil Service Union.', 'organisation:Civil Service Union'],
    ['The seat was won by Labour from the BBC.', 'organisation:BBC'],
    ['The plates will be auctioned for the Bank of China.', 'organisation:Bank of China'],
  ])('GIVEN %j THEN a name is typed: %s', (text, tag) => {
    expect(tagged(text).flat()).toContain(tag);
  });

  it.each([
    ['British triple jumper Ashia Hansen has ruled out a comeback.', 'British'],
    ['Experts, though, are sceptical. The experts said so.', 'Experts'],
    ['Hansen has been sidelined since June 2004.', 'June'],
  ])('GIVEN %j THEN %j is not tagged as a name', (text, word) => {
    const names = tagged(text).flat().filter((tag) => /^(person|place|organisation|name):/.test(tag));
    expect(names.map((tag) => tag.split(':')[1])).not.toContain(word);
  });

  describe('spans of years', () => {
    it.each([
      ['He served as minister between 1987 and 1990.', 'date:between 1987 and 1990'],
      ['From 2001 to 2003 he ran the club.', 'date:From 2001 to 2003'],
      ['The firm has not laid off a worker since 1945.', 'date:since 1945'],
      ['Until 1857, divorce needed an Act of Parliament.', 'date:Until 1857'],
    ])('GIVEN %j THEN it says when: %s', (text, tag) => {
      expect(tagged(text).flat()).toContain(tag);
    });

    it.each([
      ['The talks lasted five hours.', 'duration:five hours'],
      ['The wall stood for 1500 years before it fell.', 'duration:1500 years'],
    ])('GIVEN %j THEN a length of time stays a duration: %s', (text, tag) => {
      expect(tagged(text).flat()).toContain(tag);
    });
  });

  describe('places by grammar', () => {
    it.each([
      ['He lives in the city of Hull.', 'place:Hull'],
      ['Voters in the state of Texas went to the polls.', 'place:Texas'],
      ['The minister spoke to pupils at Glenurquhart High School on Friday.', 'place:Glenurquhart High School'],
      ['He returned to study at the University of Victoria.', 'place:University of Victoria'],
      ['Filming will take place in Melbourne, Australia, next year.', 'place:Melbourne'],
      ['Filming will take place in Melbourne, Australia, next year.', 'place:Australia'],
      ['The plant in Austin, Texas, will close.', 'place:Austin'],
    ])('GIVEN %j THEN %s', (text, tag) => {
      expect(tagged(text).flat()).toContain(tag);
    });

    it.each([
      // A team sheet of surnames, one of which is also a London borough.
      ['Celtic: Douglas, McNamara, Lennon, Sutton, Thompson.', 'place:Sutton'],
      // A university named as an employer, not where something happens.
      ['Leeds University warned that the scheme could fail.', 'place:Leeds University'],
      ['The city of doctors and nurses is growing.', 'place:doctors'],
    ])('GIVEN %j THEN not %s', (text, tag) => {
      expect(tagged(text).flat()).not.toContain(tag);
    });
  });

  describe('people inside titled name runs', () => {
    it.each([
      ['But British Casino Association Chairman Penny Cobham said members were outraged.', ['organisation:British Casino Association', 'person:Penny Cobham']],
      ["Moazzam Begg's Labour MP Roger Godsiff welcomed his release.", ['person:Roger Godsiff']],
      ['"It looks like a new range," said energy analyst Orin Middleton of Barclays Capital.', ['person:Orin Middleton', 'organisation:Barclays Capital']],
      ['Prime Minister Tony Blair and Foreign Secretary Jack Straw met.', ['person:Prime Minister Tony Blair', 'person:Jack Straw']],
      ['Mr Smith of Leeds said so.', ['person:Mr Smith']],
    ])('GIVEN %j THEN %j', (text, tags) => {
      for (const tag of tags) expect(tagged(text).flat()).toContain(tag);
    });

    it.each([
      // What only says which title it is gets no name of its own.
      ['Education Secretary Ruth Kelly launched the plan.', 'name:Education'],
      ["Moazzam Begg's Labour MP Roger Godsiff welcomed his release.", 'name:Labour MP Roger Godsiff'],
      ['The Bank of England raised rates.', 'person:England'],
      ['He became a professor of the University of St Andrews in 2003.', 'person:Andrews'],
    ])('GIVEN %j THEN not %s', (text, tag) => {
      expect(tagged(text).flat()).not.toContain(tag);
    });
  });

  it.each([
    ['Fiat is to get 1bn euros immediately.', 'money:1bn euros'],
    ['A woman is paid about 80p for every pound a man earns.', 'money:about 80p'],
    ['It will pay 17 cents a share.', 'money:17 cents'],
  ])('GIVEN %j THEN a currency named after the amount makes it money: %s', (text, tag) => {
    expect(tagged(text).flat()).toContain(tag);
  });

  it.each([
    ['More than 120 games are in development.', 'number:120'],
    // A capitalised word after a number is a name, not a currency.
    ['The highest-ranking rap act was 50 Cent, who took the prize.', 'number:50'],
    ['Halo 2 won the best Xbox game category.', 'number:2'],
  ])('GIVEN %j THEN the number stays a number: %s', (text, tag) => {
    expect(tagged(text).flat()).toContain(tag);
  });

  it('GIVEN tags THEN each lies inside its sentence', () => {
    const text = 'Hansen, the European champion, competed in Poland in June 2004. She earns $30,000 a race.\n\nHer coach said 2006.';
    for (const sentence of tagSentences(text)) {
      for (const tag of sentence.tags) {
        expect(tag.start).toBeGreaterThanOrEqual(sentence.start);
        expect(tag.end).toBeLessThanOrEqual(sentence.end);
        expect(tag.end).toBeGreaterThan(tag.start);
      }
    }
  });

  it('GIVEN an article longer than one block THEN tags far into it keep exact offsets', () => {
    const line = 'The club paid $5m for the striker on 3 March, Mr Jones said.';
    const text = Array.from({ length: 2000 }, () => line).join('\n');
    const sentences = tagSentences(text);
    expect(sentences).toHaveLength(2000);
    for (const sentence of [sentences[0]!, sentences[999]!, sentences[1999]!]) {
      expect(sentence.tags.map((tag) => `${tag.kind}:${text.slice(tag.start, tag.end)}`)).toEqual(['money:$5m', 'date:3 March', 'person:Mr Jones']);
    }
  });

  it.each([
    ['an empty text', ''],
    ['only spaces', '   \n\n  '],
    ['text with odd characters', 'Ça coûte 5 €… “quoted” — dash\u00a0space \u{1F600} done.'],
    ['a very long line without punctuation', 'word '.repeat(5000)],
  ])('GIVEN %s THEN it does not throw and offsets stay inside the text', (_name, text) => {
    for (const sentence of tagSentences(text)) {
      expect(sentence.end).toBeLessThanOrEqual(text.length);
      for (const tag of sentence.tags) expect(text.slice(tag.start, tag.end).length).toBe(tag.end - tag.start);
    }
  });
});
