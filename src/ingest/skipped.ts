/** Why a file was not indexed, as a group; `reason` gives the details in words. */
export type SkipKind =
  | 'duplicate' // the same text as another file
  | 'same-id' // another file has its article id (x.md and x.txt)
  | 'empty'
  | 'no-text' // nothing or too little left after removing page furniture
  | 'binary'
  | 'too-large'
  | 'unsupported' // not a .txt, .md or .html file
  | 'documentation' // README, LICENSE...
  | 'unreadable' // a file or folder that cannot be read
  | 'not-regular' // a named pipe, socket or device: never opened
  | 'symlink'; // a symbolic link not followed, and why

/** A file of the corpus that was not read as an article, and why. */
export interface SkippedFile {
  /** Path relative to the corpus folder; a folder ends with `/`. */
  file: string;
  reason: string;
  kind: SkipKind;
}
