/** @module Preview page: which `:word:` runs the drawn message shows as emoji, and which stay as the text they were. */

/** The characters Slack allows in an emoji name (`:white_check_mark:`, `:+1:`, `:e-mail:`). */
const SHORTCODE_NAME = /^[a-z0-9_+'-]+$/i;

/**
 * slack-blocks-to-jsx reads any two colons with no space between as an emoji and, when the name is not
 * one, shows it without its colons: `03:40:00` became `034000`, `09:00–17:30` `09::00–17::30`, an ARN
 * lost its separators. Slack keeps such text as written, so only a name the emoji table knows is drawn
 * as the emoji; anything else is put back with its colons. `name` is what the library hands its emoji
 * hook: the bare name when it looked like one, else the whole run, colons included.
 */
export function emojiOrText(name: string, lookUp: (name: string) => string): string {
  if (!SHORTCODE_NAME.test(name)) return name.startsWith(':') ? name : `:${name}:`;
  const drawn = lookUp(name);
  // The library's look-up answers an unknown name with the name itself.
  return drawn === name ? `:${name}:` : drawn;
}
