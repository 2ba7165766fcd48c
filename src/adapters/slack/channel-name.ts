/** Slack's rules: lowercase letters, digits, hyphens and underscores, at most 80 characters. */
export const CHANNEL_NAME_MAX = 80;

export function slugify(title: string): string {
  return title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, "-")
    .replace(/^[-_]+|[-_]+$/g, "");
}

/**
 * `inc-<number>-<slug>`; the number makes it unique among Sitrep's channels.
 * Later attempts (the name belongs to someone else) end in `-2`, `-3` …
 */
export function channelName(number: number, title: string, attempt = 1): string {
  const prefix = `inc-${number}`;
  const suffix = attempt > 1 ? `-${attempt}` : "";
  const room = CHANNEL_NAME_MAX - prefix.length - suffix.length - 1;
  const slug = slugify(title)
    .slice(0, Math.max(0, room))
    .replace(/[-_]+$/, "");
  return slug ? `${prefix}-${slug}${suffix}` : `${prefix}${suffix}`;
}
