import {
  CHANNEL_SECRET_MASK,
  CHANNEL_SECRETS,
  type AlertChannel,
  type ChannelDraft,
} from '../../../../shared/channels';
import { isSealed, type SecretBox } from '../../secrets/box';

/**
 * Channel secrets (SMTP password, webhook URLs, tokens) are sealed before a channel is stored,
 * masked in everything the renderer sees, and opened only to send.
 */
type Config = Record<string, unknown>;

function mapSecrets<T extends ChannelDraft>(channel: T, fn: (value: string, name: string) => string): T {
  const names = CHANNEL_SECRETS[channel.kind];
  const config = { ...(channel.config as Config) };
  for (const name of names) {
    const v = config[name];
    if (typeof v === 'string') config[name] = fn(v, name);
  }
  return { ...channel, config };
}

/** A masked value sent back keeps the stored one. */
export function sealChannel(draft: ChannelDraft, box: SecretBox, previous?: ChannelDraft): ChannelDraft {
  const before = previous && previous.kind === draft.kind ? (previous.config as Config) : {};
  return mapSecrets(draft, (value, name) => {
    // A mask with nothing stored behind it stays a mask, so the save is refused with the field named.
    if (value === CHANNEL_SECRET_MASK) return typeof before[name] === 'string' ? before[name] : CHANNEL_SECRET_MASK;
    return value === '' || isSealed(value) ? value : box.seal(value);
  });
}

export function maskChannel(channel: AlertChannel): AlertChannel {
  return mapSecrets(channel, (value) => (value === '' ? '' : CHANNEL_SECRET_MASK));
}

/** Throws SecretError when a value cannot be opened on this machine. */
export function openChannel<T extends ChannelDraft>(channel: T, box: SecretBox): T {
  return mapSecrets(channel, (value) => (isSealed(value) ? box.open(value) : value));
}

/** Where a masked URL must still be refused: a mask with no stored value behind it. */
export function unresolvedMasks(channel: ChannelDraft): string[] {
  return CHANNEL_SECRETS[channel.kind].filter((n) => (channel.config as Config)[n] === CHANNEL_SECRET_MASK);
}
