/** Where a command writes: JSON for scripts, text for people. */
export interface Output {
  readonly json: boolean;
  print(text: string): void;
  /** Exactly these bytes (a document piped to a file). */
  write(text: string): void;
  printJson(value: unknown): void;
  /** The API's answer as JSON with --json, else the form people read (rendered only then). */
  show(value: unknown, render: () => string): void;
}

export function output(json: boolean, write: (text: string) => void = (t) => process.stdout.write(t)): Output {
  const print = (text: string) => write(text.endsWith("\n") ? text : `${text}\n`);
  const printJson = (value: unknown) => write(`${JSON.stringify(value, null, 2)}\n`);
  return {
    json,
    print,
    write,
    printJson,
    show: (value, render) => (json ? printJson(value) : print(render())),
  };
}
