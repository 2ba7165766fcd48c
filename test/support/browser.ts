import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

const SYSTEM_CHROMIUM = "/usr/bin/chromium";

/**
 * The system's Chromium when there is one; otherwise the Chromium shipped
 * inside the npm package @sparticuz/chromium (decompressed from the package
 * into the temporary folder: nothing is downloaded). Headless, offline.
 */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: await chromiumPath(),
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

async function chromiumPath(): Promise<string> {
  if (existsSync(SYSTEM_CHROMIUM)) return SYSTEM_CHROMIUM;
  const { default: packaged } = await import("@sparticuz/chromium");
  return packaged.executablePath();
}
