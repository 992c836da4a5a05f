import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = path.resolve(import.meta.dirname, '../..');

interface Manifest {
  display_information: { name: string; description: string; long_description?: string; background_color: string };
  oauth_config: { scopes: { bot: string[]; user?: string[] } };
  settings: { interactivity: { is_enabled: boolean; request_url: string } };
}

const manifest = parse(readFileSync(path.join(ROOT, 'slack-app-manifest.yaml'), 'utf8')) as Manifest;

describe('Slack app manifest', () => {
  it('asks for the scopes of every Slack method Clarion calls, and no more', () => {
    const adapter = readFileSync(path.join(ROOT, 'src/adapters/slack-web-api.ts'), 'utf8');

    const methods = [...new Set([...adapter.matchAll(/[cC]lient\)?\.(\w+\.\w+)\(/g)].map((m) => m[1]))].sort();

    expect(methods).toEqual(['chat.postEphemeral', 'chat.postMessage', 'chat.update', 'conversations.history', 'views.open']);
    // chat:write for posts, edits and ephemeral replies (docs.slack.dev: chat.postEphemeral takes chat:write); history of public and private channels to find a post whose answer was lost;
    // views.open needs no scope (docs.slack.dev: "No scopes required"), only the trigger of an interaction.
    expect(manifest.oauth_config.scopes).toEqual({ bot: ['chat:write', 'channels:history', 'groups:history'] });
  });

  it('turns interactivity on with an https request URL to replace', () => {
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.interactivity.request_url).toMatch(/^https:\/\/.*lambda-url/);
  });

  it("keeps the texts within Slack's manifest limits", () => {
    const info = manifest.display_information;

    expect(info.name.length).toBeLessThanOrEqual(35);
    expect(info.description.length).toBeLessThanOrEqual(140);
    expect(info.long_description?.length ?? 175).toBeGreaterThanOrEqual(175);
    expect(info.background_color).toMatch(/^#[0-9a-f]{6}$/i);
  });
});
