/**
 * Text the demo customers and agents write, shared by all brands ({name}, {product} and {order} are
 * filled per thread), and the names customers are made of.
 */

export const NUDGES = [
  "Hello? Anyone there?",
  "Still waiting for a reply...",
  "any update on this?",
  "It's been a while, can someone help please?",
];
export const FOLLOW_UPS = [
  "Tried that, still the same problem.",
  "Thanks. How long will that take?",
  "Done, just sent it.",
  "ok, and what if that doesn't work?",
  "That's what the last person said too...",
];
export const AGENT_FOLLOW_UPS = [
  "Thanks, {name}, got it. I've escalated this to our specialists, they'll reach out within 24h.",
  "Understood. I've added a note to your case and will follow up tomorrow.",
  "Thanks for checking! In that case we'll arrange a replacement.",
  "That usually takes 1-2 business days, we'll keep you posted.",
];
export const THANKS = [
  "Thanks, that fixed it!",
  "Great, thanks for the quick help 🙏",
  "perfect, all sorted now",
  "ok thanks",
];
export const RETURNS = [
  "Hi again, the same problem is back.",
  "Me again: still not sorted from last week.",
  "Hey, different issue this time: {opener}",
];
export const ACKS = [
  "Thanks for contacting {product}! We've received your message and will reply as soon as we can.",
  "We got your request. Our team usually replies within a few hours.",
];
export const FIRST_NAMES = [
  "Maria",
  "James",
  "Aiko",
  "Lucas",
  "Fatima",
  "Noah",
  "Chloe",
  "Mateo",
  "Zoe",
  "Omar",
  "Hannah",
  "Ravi",
  "Elena",
  "Kwame",
  "Sofia",
  "Liam",
  "Ines",
  "Yusuf",
  "Grace",
  "Tariq",
];
export const LAST_NAMES = [
  "Garcia",
  "Okafor",
  "Tanaka",
  "Novak",
  "Smith",
  "Haddad",
  "Lindqvist",
  "Costa",
  "Brown",
  "Mensah",
  "Rossi",
  "Kowalski",
  "Nguyen",
  "Dubois",
  "Patel",
];
