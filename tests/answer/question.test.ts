import { describe, expect, it } from 'vitest';
import { analyzeQuestion } from '../../src/answer/question.ts';

describe('analyzeQuestion', () => {
  it.each([
    ['Who founded the Survivors Fund?', 'who', ['person', 'organisation', 'name', 'place'], null],
    ['Whose own goal gave Liverpool the win?', 'who', ['person', 'organisation', 'name', 'place'], null],
    ['Where will Toyota show its robots?', 'where', ['place', 'name', 'organisation'], null],
    ['When was Lord Archer released?', 'when', ['date', 'time'], null],
    ['How many games are being developed?', 'how-many', ['number', 'duration'], 'game'],
    ['How much did the auction raise?', 'how-much', ['money', 'percent', 'number'], null],
    ['How long did the talks last?', 'how-much', ['duration', 'date', 'time', 'number'], null],
    ['In what year did the band win the prize?', 'what', ['date', 'time', 'duration'], 'year'],
    ['What price were the shares sold at?', 'what', ['money', 'number'], 'price'],
    ['What proportion of voters feel strongly?', 'what', ['percent', 'number'], 'proport'],
    ['In which city was the protocol signed?', 'which', ['place', 'name', 'organisation'], 'citi'],
    ['Which union does Jonathan Baume lead?', 'which', ['person', 'organisation', 'name', 'place'], 'union'],
    ["What's the capital of Australia?", 'what', ['place', 'name', 'organisation'], 'capit'],
    ["What was Kelly Holmes's winning time in the final?", 'what', ['time', 'duration'], 'time'],
    ["What is the company's operating profit?", 'what', ['money', 'number'], 'profit'],
    ['By how much did sales rise in March?', 'how-much', ['percent', 'number', 'money'], null],
    ['What was the trade deficit in November?', 'what', ['money', 'number'], 'deficit'],
    ['What did the poem sell for at the auction?', 'what', ['money', 'percent', 'number'], null],
    ['What will the broker pay out per share?', 'what', ['money', 'percent', 'number'], null],
  ])('GIVEN %j THEN it asks %s, expects %j, head %j', (question, asks, kinds, head) => {
    const analysis = analyzeQuestion(question);
    expect(analysis.asks).toBe(asks);
    expect(analysis.expects).toEqual({ kinds });
    expect(analysis.head).toBe(head);
    expect(analysis.offtopic).toBeNull();
  });

  it.each([
    ['Why is GM recalling the cars?'],
    ['Why did the singer switch labels?'],
  ])('GIVEN %j THEN it expects a reason', (question) => {
    expect(analyzeQuestion(question).expects).toEqual({ reason: true });
  });

  it.each([
    ['What kind of writer is the contest looking for?', 'writer'],
    ['What civic honour did Robson receive?', 'honour'],
    ['What did Menzies Campbell liken the link to?', null],
    ['What did Meghan Markle say?', null],
  ])('GIVEN %j THEN no kind is fixed and the head noun is %j', (question, head) => {
    const analysis = analyzeQuestion(question);
    expect(analysis.expects).toBeNull();
    expect(analysis.head).toBe(head);
  });

  it.each([
    ['How much did the stage school set up in Newcastle cost?', ['stage', 'school']],
    ["What price were Air China's shares sold at?", ['air', 'china', 'share']],
    ['How many people visited Tate Modern in 2004?', []],
  ])('GIVEN %j THEN the subject is %j', (question, subject) => {
    expect([...analyzeQuestion(question).subject]).toEqual(subject);
  });

  it.each([
    ['Which painting by Joshua Reynolds did the Tate fail to buy?', ['joshua', 'reynold', 'tate']],
    ['Which Manchester club did Wayne Rooney join?', ['wayn', 'roonei']],
    // A whole name can describe the noun after it: the singer is not called "Return of the Mack".
    ['Why did the Return of the Mack singer switch labels?', []],
    ["Which preacher would the Schindler's List star love to play?", []],
    ['Why did Mark Morrison leave the Return of the Mack label?', ['mark', 'morrison']],
    // The name after the auxiliary is the subject, whatever the tagger makes of the verb after it.
    ['When will Putin visit India?', ['putin', 'india']],
  ])('GIVEN %j THEN the names it is about are %j', (question, names) => {
    expect([...analyzeQuestion(question).names]).toEqual(names);
  });

  it.each([
    ["What's the capital of Australia?", true],
    ['What is the largest city of Brazil?', true],
    ['What was the venue of the European Indoor Championships?', false],
    ['What is the real name of the rapper?', false],
    ['Which city hosted the summit?', false],
    ['What did Meghan Markle say?', false],
  ])('GIVEN %j THEN it asks for the place called by its head noun: %s', (question, namedByHead) => {
    expect(analyzeQuestion(question).namedByHead).toBe(namedByHead);
  });

  it.each([
    ["What was Kelly Holmes's winning time in the Olympic 1500m final in Athens?", [['athen']]],
    ['How many fans were at Wembley for the final?', [['wemblei']]],
    ['After how many minutes did Baros come on in the Carling Cup final?', []],
    ['How many people visited Tate Modern in 2004?', []],
  ])('GIVEN %j THEN the places it sets its event in are %j', (question, places) => {
    expect(analyzeQuestion(question).places).toEqual(places);
  });

  it.each([
    ['How much would a user expect to pay each month?', 'month'],
    ['What price per share will Illva pay?', 'share'],
    ['How much does she get paid every time she sets a record?', 'time'],
    ['How much does the club earn a year?', 'year'],
    // All of a thing, or one thing, is not a rate.
    ['How much would it cost to buy every gadget on the list?', null],
    ['How much did a gambler stake on the next 007?', null],
    ['Who won a second title?', null],
  ])('GIVEN %j THEN the unit it asks an amount per is %j', (question, per) => {
    expect(analyzeQuestion(question).per).toBe(per);
  });

  it.each([
    ['How much has Shark Tale taken at the worldwide box office?', [{ scope: 'worldwid', noun: 'box' }]],
    ['What were the global sales of the console?', [{ scope: 'global', noun: 'sale' }]],
    ['How much has Shark Tale taken at the box office?', []],
    ['Who won the World Cup?', []],
  ])('GIVEN %j THEN the nouns it gives a worldwide scope are %j', (question, scoped) => {
    expect(analyzeQuestion(question).scoped).toEqual(scoped);
  });

  it('GIVEN a question THEN its verbs are its predicate, the head noun aside', () => {
    expect([...analyzeQuestion('Which company is publishing the Football Manager game?').predicate]).toEqual(['publish']);
  });

  it.each([
    ['How do I make a sourdough starter from scratch?', 'how-to'],
    ['How long should I boil an egg?', 'how-to'],
    ["My laptop's Wi-Fi keeps dropping out. How do I fix it?", 'how-to'],
    ['What is the recipe for banana bread?', 'how-to'],
    ['How to reset a router?', 'how-to'],
    ['hello', 'chat'],
    ['Thanks!', 'chat'],
    ['help', 'help'],
    ['What can you do?', 'help'],
    ['¿Quién ganó la final de la copa?', 'not-english'],
    ['Wer hat das Spiel gewonnen?', 'not-english'],
    ['El equipo de La Liga ganó la final', 'not-english'],
    ['普京什么时候访问印度', 'not-english'],
    ['Tell me a joke', 'chat'],
    ['Please tell me a story', 'chat'],
    ['Are you a robot?', 'chat'],
    ["What's your name?", 'chat'],
    ['How are you doing today?', 'chat'],
    ['What do you think of Tony Blair?', 'chat'],
    ['What time is it?', 'chat'],
    ["What's the weather like today?", 'chat'],
    ['Good night', 'chat'],
    ["hey bot, how's your day going?", 'chat'],
    ['Hi there, can you help me with my homework?', 'chat'],
    ['Write me a poem about the sea', 'how-to'],
    ['Translate hello into French', 'how-to'],
    ['Can you recommend a good book?', 'how-to'],
  ])('GIVEN %j THEN it is offtopic: %s', (question, offtopic) => {
    expect(analyzeQuestion(question).offtopic).toBe(offtopic);
  });

  it.each([
    ['How did Peskov respond to the report?'],
    ['Hello Kitty maker Sanrio: how much did it earn?'],
    ['What did I miss about the Budapest summit?'],
    ['Was ist das? asked the headline of the Times about Putin'],
    ['Can you tell me when the two leaders last met?'],
    ['Do you know who won the Booker prize?'],
    ['Tell me about Tate Modern'],
    ['What do you know about the Tate Modern?'],
    ['What time did the polls close?'],
    ['Why was the weather blamed for the delay?'],
    ['Who wrote the report on the Hutton inquiry?'],
    ['El Guerrouj targets cross country'],
  ])('GIVEN a news question that looks like chat, advice or another language (%j) THEN it is not offtopic', (question) => {
    expect(analyzeQuestion(question).offtopic).toBeNull();
  });
});
