/** The words of the synthetic support data: brand names, customer messages, agent replies. */

export const BRAND_STEMS: readonly string[] = [
  "Acme",
  "Nimbus",
  "ParcelPal",
  "BrightBank",
  "Zephyr",
  "Lumen",
  "Quanta",
  "Orbit",
  "Harbor",
  "Maple",
  "Cobalt",
  "Pioneer",
  "Summit",
  "Velvet",
  "Beacon",
  "Juniper",
  "Cedar",
  "Falcon",
  "Helix",
  "Ivory",
  "Kestrel",
  "Meridian",
  "Onyx",
  "Pixel",
  "Quill",
  "Redwood",
  "Sable",
  "Tidal",
  "Vista",
  "Willow",
  "Yonder",
  "Zenith",
  "Sparrow",
  "Copper",
  "Granite",
  "Aurora",
  "Ember",
  "Fjord",
  "Glimmer",
  "Hollow",
];
export const BRAND_STYLES: readonly ((stem: string) => string)[] = [
  (stem) => `${stem}Support`,
  (stem) => `${stem}Help`,
  (stem) => `${stem}Care`,
  (stem) => `Ask_${stem}`,
  (stem) => `${stem}_Cares`,
  (stem) => `${stem}Service`,
];
export const SIGNATURES: readonly ((initials: string) => string)[] = [
  (initials) => ` ^${initials}`,
  (initials) => ` -${initials}`,
  (initials) => `\n^${initials}`,
  () => "",
];

export const OPENINGS: readonly string[] = [
  "my order hasn't arrived yet, it's been {n} days. what's going on?",
  "been on hold for {n} minutes, is anyone actually working today?",
  "the app crashes every time I open it. Tried reinstalling, same thing",
  "why was I charged twice this month? £{n}.99, twice.",
  'your "24/7 support" hasn\'t answered my DM since yesterday',
  'can\'t log in, it says "account locked" but I never got an email',
  "quick question: do you ship to Canada?",
  "3 calls, 2 chats, 0 answers. Fix my internet please",
  "delivery window was 9-1, it's now 4pm and nobody came.\nNot impressed.",
  "is the outage downtown fixed yet? still nothing here",
  "ordered a blue one, got a red one. How do I swap it?",
  "your website says in stock, the store says no. Which is it?",
  "can I change my booking without paying the fee again?",
  "card declined at checkout, but my bank says it's fine 🤔",
  "refund was promised {n} days ago.\nStill nothing on my statement.",
];
export const FOLLOW_UPS: readonly string[] = [
  "I did, still no reply",
  "DM sent",
  "ok, the order number is {n}",
  'that didn\'t work, same error: "try again later"',
  "so what now?",
  "I already did all of that, twice.",
  "it's the latest version, on Android",
  "how long will that take?",
];
export const THANKS: readonly string[] = [
  "Thanks, that worked!",
  "appreciate it, thank you 🙏",
  "great, all sorted now. Thanks!",
];
export const NUDGES: readonly string[] = [
  "hello??",
  "anyone?",
  "still waiting for an answer...",
  "Is this account even monitored?",
];
export const RETURNING: readonly string[] = [
  "hi again, same problem as last week",
  "back again. The issue from last time is happening again",
  "me again, the replacement has the same fault",
];
export const FIRST_REPLIES: readonly string[] = [
  "Hi there, sorry to hear that! Can you DM us your order number so we can take a look?",
  "We're sorry for the wait. Please follow and DM us, we'll sort this out together.",
  "Thanks for reaching out, we'd be glad to help. What device and app version are you using?",
  "Sorry about that. Please send us a DM with the email on the account and we'll check it.",
  "Yes, we ship there: delivery takes 5-7 business days.",
  "We're aware of an outage in your area and crews are on it. No ETA yet, we'll keep you posted.",
];
export const LATER_REPLIES: readonly string[] = [
  "Thanks for the details. I've passed this to our team, they'll contact you within {n} hours.",
  "That's not the \"quick fix\" we promised, sorry. Let's try a reset: Settings > General > Reset.",
  "Got it, thanks! We've replied in DM.",
  "Sorry it's still happening. Could you try once more and tell us the exact error?",
];
export const CLOSINGS: readonly string[] = [
  "Glad we could help! Have a great day 😊",
  "Happy to help, reach out anytime.",
];
