/** Where a command writes: JSON for scripts, text for people. */
export interface Output {
  readonly json: boolean;
  print(text: string): void;
  /** Exactly these bytes (a document piped to a file). */
  write(text: string): void;
  printJson(value: unknown): void;
}

export function output(json: boolean, write: (text: string) => void = (t) => process.stdout.write(t)): Output {
  return {
    json,
    print: (text) => write(text.endsWith("\n") ? text : `${text}\n`),
    write,
    printJson: (value) => write(`${JSON.stringify(value, null, 2)}\n`),
  };
}
