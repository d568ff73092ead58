/**
 * Rules that recognise page furniture in a single line of a scraped news page: navigation, UI
 * labels, datelines, bylines, captions, promotions, disclaimers, footers. Each rule looks at one
 * line only; rules that need the rest of the page (headline lists, repeats, the page's tail) live
 * in clean.ts. Rules are written for what such lines look like on any site, never for one page.
 */
import { AGENCY_PATTERN } from './agencies.ts';
import { countPieces } from '../text/words.ts';
import { findDates } from './dates.ts';

/** Why a line was taken out of the article text. */
export type FurnitureKind =
  | 'page-title' // "<headline> | Section - Outlet"
  | 'title' // the headline, and its repeats
  | 'dateline' // "Updated on: 13 December,2021 10:23 AM IST"
  | 'byline' // "ANI |", "AP Moscow", "By Jane Doe"
  | 'signoff' // "--IANS", "int/rs", "(With inputs from PTI)"
  | 'site-name' // "Site icon News Snap Circle"
  | 'copyright'
  | 'disclaimer' // syndication notes
  | 'caption' // photo captions and credits
  | 'nav' // breadcrumbs, menus, banners
  | 'ui' // buttons and widget labels
  | 'promo' // subscribe / register / cookie / app / newsletter calls
  | 'related' // "LATEST NEWS" headings, their headline lists, "Read more: ..." links
  | 'duplicate'; // a line printed again, or a teaser repeated in the body

/** True when the line ends the way a sentence does (closing quotes and brackets allowed). */
export function endsLikeSentence(line: string): boolean {
  return /[.!?…]["'”’)\]]*$/.test(line.trim());
}

/**
 * True for a line of running prose: long enough to be a sentence of an article and ending with a
 * full stop or exclamation mark. A lone question is not enough, since headlines are often questions.
 */
export function isProse(line: string): boolean {
  if (countPieces(line) < 8) return false;
  const text = line.trim();
  if (/[.!…]["'”’)\]]*$/.test(text)) return true;
  return /\?["'”’)\]]*$/.test(text) && /[.!?]["'”’)\]]*\s+\S/.test(text);
}

/** True when the line speaks to the reader or for the site ("you", "your", "our", "us"). */
export function addressesReader(line: string): boolean {
  return /\b(you|your|yours|we|our|us)\b/i.test(line);
}

// Lines that are nothing but a control or widget label, compared lower-cased without bullets.
const UI_LABELS = new Set([
  'share', 'share this', 'share this article', 'share this article on', 'share this story', 'share on',
  'copy', 'copy link', 'link copied', 'print', 'email', 'e-mail', 'comments', 'comment', 'view comments',
  'sign out', 'sign in', 'log in', 'login', 'log out', 'logout', 'register', 'subscribe', 'subscribe now',
  'follow', 'follow us', 'follow us on', 'story saved', 'saved', 'save', 'saved articles', 'saved stories',
  'my reads', 'my account', 'edit profile', 'notifications', 'following', 'live score', 'live scores',
  'open app', 'open in app', 'get app', 'download app', 'exit mobile version', 'advertisement',
  'advertisements', 'sponsored', 'ad', 'skip ad', 'close', 'menu', 'search', 'back to top',
  'scroll to top', 'skip to content', 'skip to main content', 'toggle navigation', 'listen to this article',
  'tweet', 'whatsapp', 'facebook', 'twitter', 'linkedin', 'reddit', 'telegram', 'pinterest', 'next',
  'previous', 'view all', 'see all', 'load more', 'show more', 'font size', 'ok', 'accept', 'accept all',
  'reject all', 'got it', 'read more', 'continue reading', 'watch', 'listen', 'home', 'found this helpful',
  'was this helpful', 'was this article helpful',
]);

// Headings that open a list of other stories' headlines rather than article text.
const RELATED_HEADINGS = new Set([
  'latest news', 'latest stories', 'latest updates', 'read more', 'also read', 'read also', 'related',
  'related news', 'related stories', 'related articles', 'related posts', 'more stories', 'more news',
  'top stories', 'top news', 'trending', 'trending now', 'trending news', 'trending stories', 'must read',
  'read next', 'recommended', 'recommended for you', 'recommended stories', 'you may also like',
  'you might also like', 'popular', 'most popular', 'most read', 'most viewed', "editor's picks",
  'editors picks', 'in case you missed it', "don't miss", 'also see', 'see also', 'more from this section',
  'web stories', 'photo galleries', 'videos', 'top videos', 'latest videos',
]);

/** The line lower-cased with bullets, trailing colons and surrounding space removed. */
function normalizedLabel(line: string): string {
  return line
    .trim()
    .replace(/^[•·▪◦*>\-–—]+\s*/, '')
    .replace(/\s*[:|»›>]+$/, '')
    .trim()
    .toLowerCase();
}

/** True for a heading such as "LATEST NEWS" or "Related stories" that opens a list of headlines. */
export function isRelatedHeading(line: string): boolean {
  const label = normalizedLabel(line);
  return RELATED_HEADINGS.has(label) || /^more (from|on|in) [\w' -]{1,40}$/.test(label);
}

function isNav(line: string): boolean {
  // Breadcrumbs: "Home > News > World News > <headline>": every step before the last a short label
  // in words. Steps of figures and symbols ("entries > 10 AND zscore > 3") are an expression, and a
  // sentence with slashes in it is prose.
  if (isProse(line)) return false;
  const segments = line.split(/\s+(?:>|»|›|\/)\s+/);
  const steps = segments.slice(0, -1);
  return segments.length >= 3 && countPieces(segments[0] ?? '') <= 3 && steps.every((s) => countPieces(s) <= 4 && /^[\p{L}][\p{L}\p{M} '’&.-]*$/u.test(s.trim()));
}

/** A banner or ticker prints its label twice in a row: "Elections 2024 Elections 2024". */
function isDoubledLabel(line: string): boolean {
  // Banners are short; the length cap also keeps the backreference search cheap on long paragraphs.
  return line.length <= 200 && /^(.{6,}?)\s+\1$/u.test(line) && !endsLikeSentence(line);
}

function isUi(line: string): boolean {
  // Machine identifiers that leaked from markup: "close_game", "shot-button", "mint-logo".
  if (/^(?=[\w-]*[A-Za-z])[A-Za-z0-9]+(?:[_-][A-Za-z0-9]+)+$/.test(line)) return true;
  // A gallery counter: "1 / 5", "3 of 12".
  if (/^\d{1,3}\s*(?:\/|of)\s*\d{1,3}$/.test(line)) return true;
  // A bulleted single word is a logo or link strip ("• healthshots"), not a point of the story.
  if (/^[•·▪◦]\s*\S+$/.test(line)) return true;
  const label = normalizedLabel(line);
  if (UI_LABELS.has(label)) return true;
  // "Share this article on", "Share via": but not a headline that starts with the noun ("Share boost for...").
  if (/^share (?:this|on|via|article|story|link|with)\b/i.test(line) && countPieces(line) <= 5 && !endsLikeSentence(line)) return true;
  // Weather widget: "New Delhi 0C", "London 12°C".
  if (/^[A-Z][A-Za-z .'-]{1,30}\s-?\d{1,2}\s?°?\s?[CF]$/.test(line)) return true;
  return false;
}

/**
 * "© 2024 Example Times", "Copyright 2024 ... All rights reserved.": a short notice, or one that
 * speaks only of rights. A long line that opens with a photo credit ("© Provided by ...") and
 * runs on into the story is the story's lead.
 */
function isCopyright(line: string): boolean {
  const short = countPieces(line) <= 20;
  if (/^(?:©|\(c\)\s|copyright\s*(?:©|\(c\)|\d{4}))/i.test(line)) return short || RIGHTS.test(line);
  return /\ball rights reserved\b/i.test(line) && short;
}

const RIGHTS = /\b(?:all rights reserved|may not be (?:published|reproduced|broadcast|rewritten|redistributed)|without (?:the )?(?:prior )?(?:written )?permission)\b/i;

function isDisclaimer(line: string): boolean {
  return (
    /\b(?:from|via|through) (?:a |the |an )?(?:third[- ]party )?(?:syndicated|agency|wire) feeds?\b/i.test(line) ||
    /\bmay have been reworked by\b/i.test(line) ||
    /\baccepts no responsibility\b/i.test(line) ||
    // The site's own notice, not an author's note in the first person ("Disclaimer: I work for ...").
    (/^\(?disclaimer\s*:/i.test(line) && !/\b(?:I|I'm|I've|my|me)\b/.test(line)) ||
    /\b(?:has|have) not been edited by\b.*\bstaff\b/i.test(line) ||
    /\bpublished from a (?:syndicated|wire|agency) feed\b/i.test(line)
  );
}

/**
 * A line that only states when the page was published or updated: a dated line whose other words,
 * once times, zones, weekdays and labels are set aside, are at most a place or a language link.
 */
export function isDateline(line: string): boolean {
  const dates = findDates(line);
  if (dates.length === 0) return false;
  // A full stop at the end makes it a sentence about a date, not a stamp.
  if (/[.!?]["'”’)]*$/.test(line) && !/\b(?:IST|GMT|UTC|AM|PM)\.?$/i.test(line)) return false;
  let rest = line;
  for (const d of [...dates].reverse()) rest = rest.slice(0, d.index) + ' ' + rest.slice(d.index + d.text.length);
  rest = rest
    .replace(/\b\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[AaPp]\.?[Mm]\.?)?/g, ' ')
    .replace(/\b(?:IST|GMT|UTC|BST|CET|CEST|EST|EDT|CST|CDT|PST|PDT|MSK|AEST|AEDT|HKT|SGT|JST)\b/g, ' ')
    .replace(/\b(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\b\.?/gi, ' ')
    .replace(/\b(?:first|last)?\s*(?:updated|published|posted|modified|created|edited|date[d]?)(?:\s+(?:on|at))?\b/gi, ' ')
    // "Tuesday 15 October 2019 by Jane Doe": the stamp signed by its author.
    .replace(/\bby(?:\s+\p{Lu}[\p{L}.'’-]*){1,4}\s*$/u, ' ')
    .replace(/[|:,•·\-–—/()[\]]/g, ' ');
  return countPieces(rest) <= 3;
}

const AGENCY_ANYWHERE = new RegExp(String.raw`(?<![\p{L}\p{N}_-])${AGENCY_PATTERN}(?![\p{L}\p{N}_-])`, 'u');
const AGENCY_ALL = new RegExp(AGENCY_PATTERN, 'g');
const AGENCY_ALONE = new RegExp(String.raw`^\(?\s*${AGENCY_PATTERN}\s*\)?$`);

/** "ANI |", "AP Moscow", "Reuters | New Delhi", "By Jane Doe": who filed the story, and from where. */
function isByline(line: string): boolean {
  if (endsLikeSentence(line)) return false;
  const words = countPieces(line);
  if (words <= 6 && AGENCY_ANYWHERE.test(line)) {
    // Besides the agency, only capitalised place words and separators: not a headline fragment.
    const rest = line.replace(AGENCY_ALL, ' ').replace(/[|,:/\-–—•·]/g, ' ').trim();
    return rest === '' || rest.split(/\s+/).every((w) => /^(?:By|by|[A-Z][\p{L}.'’-]*)$/u.test(w));
  }
  // The name after "By" is capitalised: "By changesets" heads a table column.
  return words <= 8 && /^(?:[Bb]y|(?:[Ww]ritten|[Rr]eported|[Ee]dited|[Pp]osted|[Cc]ompiled) by|BY)\s+\p{Lu}/u.test(line) && !/[.!?]/.test(line.slice(-1));
}

/** Agency or desk sign-offs after the last paragraph: "--IANS", "int/rs", "(With inputs from PTI)". */
function isSignoff(line: string): boolean {
  if (/^[-–—]{1,3}\s*[A-Za-z][\w.]*$/.test(line)) return true;
  if (/^[a-z]{2,4}(?:\/[a-z]{2,4})+$/.test(line)) return true;
  if (/^\(?\s*with (?:additional )?inputs? from\b/i.test(line) && countPieces(line) <= 12) return true;
  if (/^\((?:reporting|writing|editing|additional reporting|compiled|edited) by\b[^()]*\)\.?$/i.test(line)) return true;
  return AGENCY_ALONE.test(line);
}

function isCaption(line: string): boolean {
  // A gallery widget: "Gallery: Storm damage | 14 Photos".
  if (/^gallery\s*:/i.test(line) && countPieces(line) <= 12) return true;
  if (/\|\s*\d+\s+(?:photos|images|pictures)$/i.test(line)) return true;
  // "(Photo:PTI)", "(Photo: IANS)", "(Representational image)", "(File photo)" closing a line.
  if (/\((?:photo|photograph|image|picture|pic|file photo|file image|representational|credit|courtesy)s?\b[^()]*\)\s*$/i.test(line)) return true;
  // "Photo: AFP", "Photo credit: Jay Shah/X" closing a line.
  if (/\b(?:photo|image|picture|pic)s?(?:\s+credits?)?\s*:\s*[^.!?:]{1,60}$/i.test(line)) return true;
  // "... is seen.(AFP)": an agency or picture desk credited in brackets at the very end.
  if (/\((?:AFP|AP|Reuters|PTI|ANI|IANS|Getty Images?|EPA|Bloomberg|Shutterstock|Xinhua|File|HT Photo|X|Twitter|Instagram)\)\s*$/.test(line)) return true;
  return /^(?:file )?(?:photo|image|picture)s?(?:\s+credits?)?\s*:/i.test(line) && !isProse(line);
}

function isPromo(line: string): boolean {
  const words = countPieces(line);
  return (
    /\bclick here\b/i.test(line) ||
    // A call to action, unless it is reported speech inside a longer sentence of the story.
    (/\b(?:subscribe|sign up|register|log ?in|sign in)\s+(?:now|today|here|for free)\b/i.test(line) &&
      (words <= 4 || !endsLikeSentence(line) || addressesReader(line) || line.includes('!'))) ||
    (/^(?:subscribe|register|sign up|sign in|log ?in|login|join)\b/i.test(line) && words <= 6 && !endsLikeSentence(line)) ||
    (/\bcontinue reading\b/i.test(line) && words <= 10) ||
    (/\bpaywall\b/i.test(line) && words <= 12) ||
    /\b(?:whatsapp|telegram|google news)\b.{0,40}\bchannels?\b/i.test(line) ||
    /\bfollow us on\b/i.test(line) ||
    /\b(?:this|our) (?:web)?site uses? cookies?\b/i.test(line) ||
    /\bcookie (?:policy|settings|preferences)\b/i.test(line) ||
    /\bwebsite uses cookie\b/i.test(line) ||
    /\baccept (?:all )?cookies\b/i.test(line) ||
    /\bby continuing to (?:use|browse) (?:this|our|the) (?:web)?site\b/i.test(line) ||
    (/\b(?:download|get|open) (?:the |our )?app\b/i.test(line) && words <= 15) ||
    (/\bfree trial\b/i.test(line) && countPieces(line) <= 12) ||
    /\balready have an account\b/i.test(line) ||
    /\bcreate (?:a |your )?(?:free )?account\b/i.test(line) ||
    /\bunlock (?:a world of|exclusive|exciting)\b/i.test(line) ||
    (/\bnewsletters?\b/i.test(line) && (addressesReader(line) || /\b(?:sign up|subscribe)\b/i.test(line)) && words <= 40) ||
    /\byour registration\b/i.test(line) ||
    (/\bin your inbox\b/i.test(line) && words <= 25) ||
    /\bstay (?:updated|tuned) (?:for|with|on) (?:all )?(?:the )?latest\b/i.test(line)
  );
}

/** "Read more: <another story's headline>" and its kin. */
function isRelatedLink(line: string): boolean {
  return /^(?:read more|also read|read also|see also|also see|related(?: news| stories| articles)?|must read|read next|recommended|also watch|watch video)\s*[:|\-–—]\s*\S/i.test(line);
}

const RULES: [FurnitureKind, (line: string) => boolean][] = [
  ['site-name', (l) => /^site (?:icon|logo)\s+\S/i.test(l)],
  ['copyright', isCopyright],
  ['disclaimer', isDisclaimer],
  ['signoff', isSignoff],
  ['dateline', isDateline],
  ['byline', isByline],
  ['nav', (l) => isNav(l) || isDoubledLabel(l)],
  ['ui', isUi],
  ['caption', isCaption],
  ['related', isRelatedLink],
  ['promo', isPromo],
];

// "Photo: Jane Doe", "Illustration by Jane Doe", "Produced by Jane Doe", "Credit: Example Wire".
const CREDIT = /^\(?(?:(?:photo(?:graph)?s?|images?|illustrations?|video|graphics?|animation|design|produced|photo illustration)\s*(?:by\b|:)|(?:photo |image )?credits?\s*:|courtesy\b)/i;
// A picture desk closing a credit: "Jane Doe / Getty Images", "Jane Doe, AFP".
const PICTURE_DESK = /(?:^|[\s/,(])(?:Getty Images|Shutterstock|AFP|Reuters|Associated Press|AP Photo|EPA|Alamy|iStock)\)?$/;
// A photographer working for a paper: "Jane Doe for The Example Times".
const FOR_PAPER = /^\p{Lu}[\p{L}.'’-]*(?: \p{Lu}[\p{L}.'’-]*){1,3} for (?:The |the )?\p{Lu}[\p{L}.&'’-]*(?: \p{Lu}[\p{L}.&'’-]*){0,4}$/u;

/**
 * Lines that are furniture only before the lead, where a page puts credits and labels outside any
 * <figure>: a credit, a picture desk's name, "Jane Doe for Example Times", "In this photo ...",
 * a label closed by a dash ("Biz & IT —"), or a time stamp alone ("1:39 PM ET"). A label closed by
 * a colon is the caller's to judge: it may head a fact box ("Playing colours:") as well.
 */
export function classifyBeforeLead(line: string): FurnitureKind | null {
  const words = countPieces(line);
  if (CREDIT.test(line) && words <= 15 && !isProse(line)) return 'caption';
  if (PICTURE_DESK.test(line) && words <= 12 && !endsLikeSentence(line)) return 'caption';
  if (FOR_PAPER.test(line)) return 'caption';
  if (/^in this (?:[\w-]+ ){0,3}(?:photo|image|picture|photograph)\b/i.test(line)) return 'caption';
  if (/[—–|]$/.test(line.trim()) && words <= 5) return 'ui';
  if (/^\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{1,4})?$/i.test(line.trim())) return 'dateline';
  return null;
}

/** A short label closed by a colon: "'GMA' Cookie Search:", "Playing colours:". */
export function isColonLabel(line: string): boolean {
  return /:$/.test(line.trim()) && countPieces(line) <= 5;
}

/** The kind of furniture a trimmed, non-empty line is on its own, or null if it may be article text. */
export function classifyLine(line: string): FurnitureKind | null {
  for (const [kind, test] of RULES) if (test(line)) return kind;
  return null;
}
