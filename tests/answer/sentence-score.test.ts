import { describe, expect, it } from 'vitest';
import { analyzeQuestion } from '../../src/answer/question.ts';
import { answerKind, continuesPrevious, elsewhere, firstPersonAuthor, narrowerScope, reasonCues, withheld } from '../../src/answer/sentence-score.ts';
import { tagSentences } from '../../src/ingest/tag.ts';
import { terms, termsAt } from '../../src/text/tokenize.ts';

function kindOf(question: string, sentence: string): number {
  const [tagged] = tagSentences(sentence);
  return answerKind(analyzeQuestion(question), new Set(terms(question)), sentence, tagged!).value;
}

describe('answerKind', () => {
  it.each([
    ['When did Raskin join Apple?', 'Mr Raskin joined Apple in 1978 as employee number 31.', 1],
    ['When did Raskin join Apple?', 'Mr Raskin joined Apple as its publications chief.', 0],
    ['How much did the auction raise?', 'The auction raised £115,000 for victims.', 1],
    ['How many people visited the Tate Modern?', 'Visitors to the Tate Modern rose by more than 10%.', 0],
    ['Why is GM recalling the cars?', 'GM is recalling them because the windshield is not properly fitted.', 1],
    ['Why is GM recalling the cars?', 'GM is recalling 17,000 cars in the US.', 0],
    ['Where was the protocol signed?', 'The protocol, signed in Cairo, will establish zones.', 1],
    ['What did Peskov say?', 'Peskov said nothing new.', 0.5],
    // Someone else's capital, a sum that sizes another thing the question names, a pronoun "one".
    ["What's the capital of Australia?", "And in China's capital Beijing, courts have adopted phone photos.", 0],
    ['What is the capital of China?', "And in China's capital Beijing, courts have adopted phone photos.", 1],
    ['How much did the stage school for the musical cost?', 'Previews of the £3m musical have been delayed.', 0],
    ['How much did the musical cost?', 'Previews of the £3m musical have been delayed.', 1],
    ["What price were Air China's shares sold at in its debut?", 'Air China picked London for its $1.07bn (£558m) debut.', 0],
    ['How many people visited the Tate?', "One of the skills is to show people what they wouldn't ask for at the Tate.", 0],
    ['What share of pupils are truants?', 'Truants make up one in 13 pupils.', 0.7],
    ["What was Kelly Holmes's winning time?", 'The 28-year-old Holmes won again.', 0],
    // "Which X" answered by X told apart by words the question lacks; not by X alone.
    ['Which titles was Michelle Collins stripped of?', 'Collins was stripped of her 2003 world and US indoor 200m titles.', 0.5],
    ['Which titles was Michelle Collins stripped of?', 'Collins was stripped of the titles.', 0],
    // A name that shares a word with a name of the question is that name, not the answer.
    ['Which painting did the Tate fail to buy?', 'The Tate Gallery failed to buy the painting.', 0],
    ['Which Manchester club did he join?', 'He joined Manchester United in 2004.', 0.7],
    ["What was Kelly Holmes's winning time?", 'Holmes won in four minutes 14.74 seconds.', 0.7],
    // A time is told in clock units, not as a span of months or years.
    ["What was Kelly Holmes's winning time?", 'Four months later, Holmes won double gold.', 0],
    ["What was Kelly Holmes's winning time?", 'It was the first time in 84 years a Briton had won it.', 0],
    // "What is the X of Y": a name counts only next to X.
    ["What's the capital of Australia?", 'News Corp moved from Australia to the US state of Delaware.', 0],
    ["What's the capital of Australia?", 'News Corp moved from Canberra, the Australian capital, to Delaware.', 1],
    ["What's the capital of Australia?", 'News Corp moved to the US state of Delaware, a step analysts in many markets had long expected would help it raise capital.', 0],
    // A sum in a noun phrase sizes the noun, unless the noun names a sum.
    ["What price were Air China's shares sold at?", 'They shared a $45bn state bailout in 2003.', 0],
    ['How much is the producer worth?', 'The producer has a £50m fortune.', 1],
    ['How much did the bank lose?', 'The bank lost $45bn in 2003.', 1],
    // A rate asked is not answered by a total.
    ['What price per share will Illva pay?', 'Illva will pay $58m for the stake.', 0],
    ['What price per share will Illva pay?', 'Illva will pay $4.50 per share.', 1],
    ['How much do donors give each year?', 'Donors give $950m a year.', 1],
    ['How much do donors give each year?', 'Donors give an annual $950m.', 1],
    ['How much do donors give each year?', 'Donors gave $950m in 2004.', 0],
    ['How much do the players get each season?', 'The players got £5,000 each.', 1],
    // A numeral after a name is part of the name.
    ['How many awards did The Incredibles win?', "The Incredibles' awards came despite Shrek 2's greater success.", 0],
    ['How many awards did The Incredibles win?', 'The Incredibles won 10 awards.', 1],
    ['How many awards did The Incredibles win?', 'The Incredibles album went to number one.', 0],
  ])('GIVEN %j and %j THEN %d', (question, sentence, expected) => {
    expect(kindOf(question, sentence)).toBe(expected);
  });

  it('GIVEN an answer the question already holds THEN it does not count', () => {
    expect(kindOf('Who visited Tate Modern in 2004?', 'Tate Modern was busy in 2004.')).toBe(0);
  });

  it('GIVEN "which X" THEN a name next to X and the question\'s words is close; one further off is not', () => {
    const question = 'Which union does Jonathan Baume lead?';
    const kind = (sentence: string) => answerKind(analyzeQuestion(question), new Set(terms(question)), sentence, tagSentences(sentence)[0]!);
    expect(kind("It suited Mr Baume's union, the First Division Association, to say so.")).toEqual({ value: 1, close: 1 });
    expect(kind('Jonathan Baume, of the union, spoke of agendas between Mr Brown and the others in a long interview.')).toEqual({ value: 1, close: 0 });
  });
});

describe('elsewhere', () => {
  // A race elsewhere is another race.
  it.each([
    ["What was Holmes's winning time in the final in Athens?", 'Holmes won the final in four minutes 14.74 seconds in Glasgow.', true],
    ["What was Holmes's winning time in the final in Athens?", 'Holmes won the final in Athens in four minutes 14.74 seconds after a race in Glasgow.', false],
    ["What was Holmes's winning time in the final?", 'Holmes won the final in four minutes 14.74 seconds in Glasgow.', false],
  ])('GIVEN %j and %j THEN %s', (question, sentence, expected) => {
    const [tagged] = tagSentences(sentence);
    expect(elsewhere(analyzeQuestion(question), new Set(terms(question)), sentence, tagged!, termsAt(sentence))).toBe(expected);
  });
});

describe('reasonCues', () => {
  it.each([
    ['GM is recalling them because the windshield is not properly fitted.', { cause: 1, sequence: 0, purpose: 0 }],
    ['The firm cut prices in an attempt to win back customers.', { cause: 0, sequence: 0, purpose: 1 }],
    ['He had surgery to repair a double hernia.', { cause: 0, sequence: 0, purpose: 1 }],
    ['Police closed the road to prevent a crash.', { cause: 0, sequence: 0, purpose: 1 }],
    ['Shares fell as a result of the warning.', { cause: 1, sequence: 0, purpose: 0 }],
    ['Shares fell after the warning.', { cause: 0, sequence: 1, purpose: 0 }],
    ['The minister is expected to be in London.', { cause: 0, sequence: 0, purpose: 0 }],
    // Causes by grammar: forms of "blame", "attributed ... to", "responsible for", "as" opening a clause.
    ['The organisation blames the growing popularity of computer games.', { cause: 1, sequence: 0, purpose: 0 }],
    ['Analysts also attributed the fall to mild weather.', { cause: 1, sequence: 0, purpose: 0 }],
    ['One-time increases in tobacco prices were responsible for the increase.', { cause: 1, sequence: 0, purpose: 0 }],
    ['Promoters booked the park, as the arena was not available on that date.', { cause: 1, sequence: 0, purpose: 0 }],
    ['Sandhurst would be good for him as it would teach him discipline.', { cause: 1, sequence: 0, purpose: 0 }],
    // Comparisons and roles with "as" are no causes.
    ['It is not as refined as its parent, and never as good as it was.', { cause: 0, sequence: 0, purpose: 0 }],
    ['The show will never appeal to children as it did years ago.', { cause: 0, sequence: 0, purpose: 0 }],
    ['Choice as an ideology is beginning to look tired.', { cause: 0, sequence: 0, purpose: 0 }],
    ['The currency, known as the new lira, will be launched in January.', { cause: 0, sequence: 0, purpose: 0 }],
    ['He has many attributes that you need to make it.', { cause: 0, sequence: 0, purpose: 0 }],
    // Purposes whatever the object: "to prevent further", "to help keep down".
    ['Mr Brown earmarked £1bn to help keep down council tax.', { cause: 0, sequence: 0, purpose: 1 }],
    ['Guards were posted to prevent further attacks.', { cause: 0, sequence: 0, purpose: 1 }],
  ])('GIVEN %j THEN %j', (sentence, expected) => {
    expect(reasonCues(sentence)).toEqual(expected);
  });
});

describe('narrowerScope', () => {
  const worldwide = analyzeQuestion('How much has Shark Tale taken at the worldwide box office?');
  it.each([
    ["The film's opening week US box office takings were $56m.", true],
    ["The film's worldwide takings passed the US box office figure of $56m.", false],
    ['The film took $300m at the box office.', false],
    // The name before the noun is the question's own.
    ['Shark Tale box office takings reached $300m.', false],
  ])('GIVEN the worldwide box office and %j THEN %s', (sentence, expected) => {
    expect(narrowerScope(worldwide, sentence, new Set(terms(sentence)))).toBe(expected);
  });
});

describe('withheld', () => {
  it.each([
    ['No further details of the share price or number of shares were given.', true],
    ['He joined for an undisclosed fee.', true],
    ['The price of the deal was not disclosed.', true],
    ['The share price rose 5%.', false],
    ['Disney did not reveal that it paid the former director.', false],
  ])('GIVEN %j THEN the price (or fee) is withheld: %s', (sentence, expected) => {
    const head = /fee/u.test(sentence) ? terms('fee')[0]! : terms('price')[0]!;
    expect(withheld(head, sentence, termsAt(sentence))).toBe(expected);
  });

  it('GIVEN a question without a head noun THEN nothing is withheld', () => {
    expect(withheld(null, 'No further details of the price were given.', termsAt('No further details of the price were given.'))).toBe(false);
  });
});

describe('continuesPrevious', () => {
  it.each([
    ['He said the deal was done.', true],
    ['But she gets $30,000 every time.', true],
    ['According to Kremlin spokesperson Dmitry Peskov.', true],
    ['According to the report, sales rose by a tenth.', false],
    ['The 18-year-old had surgery.', true],
    ['"It is ludicrous," they said.', true],
    ['Heathrow said the deal was done.', false],
    ['Theirs was a long wait.', false],
  ])('GIVEN %j THEN %s', (sentence, expected) => {
    expect(continuesPrevious(sentence)).toBe(expected);
  });
});

describe('answerKind with durations written as modifiers', () => {
  it.each([
    ["How long did Putin's talks with the envoys last?", 'Putin said his five-hour talks with US envoys were useful.', 1],
    ['How long is the contract?', 'He signed a 10-year deal with the club.', 1],
    ['How long is the contract?', 'He signed a deal with the club.', 0],
  ])('GIVEN %j and %j THEN %d', (question, sentence, expected) => {
    expect(kindOf(question, sentence)).toBe(expected);
  });
});

describe('answerKind for new kinds of text', () => {
  it.each([
    ['When was Robert Jackson higher education minister?', 'Mr Jackson served as higher education minister between 1987 and 1990.', 1],
    ['When was Robert Jackson higher education minister?', 'Mr Jackson served as higher education minister for three years.', 0],
    ['Where did the minister meet pupils?', 'The minister met pupils at Glenurquhart High School on Friday.', 1],
    ['Where is the film being shot?', 'Filming will take place in Melbourne, Australia, next year.', 1],
    ['Who chairs the casino association?', 'But British Casino Association Chairman Penny Cobham said members were outraged.', 1],
    ['How much does Fiat get straight away?', 'Fiat is to get 1bn euros immediately.', 1],
    ['By how much did traffic jump?', 'Traffic on the network rose by 40% on launch day.', 1],
    ['How much did traffic jump?', 'Traffic on the network rose by 40% on launch day.', 0.7],
  ])('GIVEN %j and %j THEN %d', (question, sentence, expected) => {
    expect(kindOf(question, sentence)).toBe(expected);
  });
});

describe('the first-person author of a piece', () => {
  const piece = 'I have covered elections for 20 years. This one is different.\n\nMy editor sent me to Ohio. I found a state split down the middle.';
  const report = 'The mayor spoke on Monday. "I am proud of this city," she said.\n\n"I will stand again," she added.';

  it('GIVEN a bylined piece in the first person THEN its author stands behind "I"', () => {
    expect(firstPersonAuthor('Jane Doe', piece, tagSentences(piece))).toBe('Jane Doe');
  });

  it.each([
    ['a report whose "I" is only quoted', 'Jane Doe', report],
    ['a first-person piece without a byline', null, piece],
  ])('GIVEN %s THEN no author', (_name, byline, text) => {
    expect(firstPersonAuthor(byline, text, tagSentences(text))).toBeNull();
  });

  it('GIVEN "who" and a sentence with the author\'s "I" THEN it holds a person; without the author THEN none', () => {
    const sentences = tagSentences(piece);
    const question = 'Who was sent to Ohio?';
    const analysis = analyzeQuestion(question);
    const third = sentences[2]!;
    expect(answerKind(analysis, new Set(terms(question)), piece, third, undefined, 'Jane Doe').value).toBe(1);
    expect(answerKind(analysis, new Set(terms(question)), piece, third).value).toBe(0);
  });

  it('GIVEN "I" inside quotation marks THEN it is not the author', () => {
    const text = '"I was there," the guard said of the night.';
    const [sentence] = tagSentences(text);
    const question = 'Who was there that night?';
    expect(answerKind(analyzeQuestion(question), new Set(terms(question)), text, sentence!, undefined, 'Jane Doe').value).toBe(0);
  });
});
