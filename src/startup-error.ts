/** A problem that stops the start, said in one line that names the variable and the fix. */
export class StartupError extends Error {
  override readonly name = "StartupError";
}
