import type { Channel } from '../../domain/schema';

/** A small pictogram per channel, shown on cards (decorative; the channel name is the label). */
export const CHANNEL_ICONS: Record<Channel, string> = {
  'in-person': '🧑‍💼',
  web: '🌐',
  app: '📱',
  phone: '📞',
  email: '✉️',
  sms: '💬',
  chat: '🗨️',
  kiosk: '🖥️',
  social: '📣',
  print: '📄',
  signage: '🪧',
  other: '•',
};
