// Personal settings kept on this computer: the name written as the author of
// new versions.

const AUTHOR_KEY = "dossier.author";

let author = $state<string>(globalThis.localStorage?.getItem(AUTHOR_KEY) ?? "");

export const settings = {
  get author(): string {
    return author;
  },
  set author(value: string) {
    author = value;
    globalThis.localStorage?.setItem(AUTHOR_KEY, value);
  },
  /** Uses the system user name until the user gives theirs. */
  useDefaultAuthor(name: string) {
    if (!author) author = name;
  },
};
