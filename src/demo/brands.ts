/** The demo brands: how fast and how often each answers, on which sources, and what its customers write. */

export interface DemoBrand {
  handle: string;
  /** The name customers and auto-acknowledgements use. */
  product: string;
  sources: readonly string[];
  /** Median delay of the first human answer; brands differ so their numbers differ. */
  medianAnswerMinutes: number;
  sigma: number;
  answerRate: number;
  conversationsPerDay: number;
  /** Sources on which the brand sends an automated acknowledgement first. */
  autoAckSources: readonly string[];
  agents: readonly string[];
  /** UTC hours in which the team answers; undefined means around the clock. */
  hours?: { open: number; close: number };
  openers: readonly string[];
  answers: readonly string[];
}

export const BRANDS: readonly DemoBrand[] = [
  {
    handle: "AcmeHelp",
    product: "Acme",
    sources: ["x", "email"],
    medianAnswerMinutes: 25,
    sigma: 0.8,
    answerRate: 0.95,
    conversationsPerDay: 7,
    autoAckSources: ["email"],
    agents: ["Maya R.", "Tom B.", "Priya S."],
    openers: [
      "my Acme Mini speaker won't connect to wifi since this morning's update",
      "ordered an Acme Book 14 two weeks ago, still no shipping confirmation. Order {order}",
      "the charger that came with my Acme Pad stopped working after 3 days",
      "how do I move my Acme account to a new email address?",
      "the Acme app keeps logging me out every few minutes",
    ],
    answers: [
      "Sorry about that, {name}! Could you hold the power button for 10 seconds and tell us what the light does?",
      "Thanks for reaching out. Order {order} ships tomorrow, the tracking link will come by email.",
      "That shouldn't happen. We'll send a replacement charger, can you confirm your address in DM?",
      "You can change it under Settings > Account > Email. Need a hand with any step?",
      "We know about a login bug in app version 4.2; a fix is rolling out today, updating should solve it.",
    ],
  },
  {
    handle: "NimbusCare",
    product: "Nimbus",
    sources: ["x", "instagram"],
    medianAnswerMinutes: 70,
    sigma: 0.9,
    answerRate: 0.85,
    conversationsPerDay: 6,
    autoAckSources: [],
    agents: ["Jordan P.", "Lena K."],
    openers: [
      "internet has been down in my area for 2 hours, is something going on?",
      "why did my bill go up by $15 this month?",
      "getting 12 Mbps on a 300 Mbps plan, what am I paying for?",
      "the technician never showed up for my appointment today",
      "my router reboots every evening around 9pm",
    ],
    answers: [
      "Sorry for the trouble! There's a local outage, our crew is on it and service should be back within the hour.",
      "Let's take a look, {name}. Your promo discount ended last cycle; I can check for a new offer.",
      "Sorry to hear that. Could you run a wired test at nimbus.example/speed and send us the result?",
      "I apologize, {name}. I've rebooked the visit for tomorrow 8-12, you'll get a confirmation text.",
      "Sounds like the router overheats. We can swap it, please DM us your account number.",
    ],
  },
  {
    handle: "ParcelPalSupport",
    product: "ParcelPal",
    sources: ["email", "api", "instagram"],
    medianAnswerMinutes: 150,
    sigma: 0.8,
    answerRate: 0.75,
    conversationsPerDay: 8,
    autoAckSources: ["email", "api"],
    agents: ["Sam O.", "Aisha M.", "Marco D."],
    hours: { open: 8, close: 20 },
    openers: [
      "parcel {order} says delivered but there's nothing at my door",
      "my package {order} has been stuck in transit for 5 days",
      "can I change the delivery address for {order}? I'm moving this week",
      "the driver left my parcel in the rain, everything is soaked",
      "I missed the delivery, where can I pick it up?",
    ],
    answers: [
      "Sorry, {name}! Parcels are sometimes marked delivered a bit early. If it's not there tonight we'll open a trace.",
      "I've checked {order}: it's at our regional hub and goes out for delivery tomorrow.",
      "Yes, we can redirect it. The address is updated, new ETA is 2 days.",
      "That's not okay, sorry. Send us a few photos and we'll start a damage claim for you.",
      "Your parcel is at the Main St pickup point until Friday, just bring an ID.",
    ],
  },
  {
    handle: "BrightBankHelp",
    product: "BrightBank",
    sources: ["x", "api", "email"],
    medianAnswerMinutes: 45,
    sigma: 1.1,
    answerRate: 0.9,
    conversationsPerDay: 5,
    autoAckSources: ["api"],
    agents: ["Olivia N.", "Kenji T."],
    openers: [
      "my card was declined twice today but there's money in the account",
      "there's a payment on my statement I don't recognise",
      "the app won't let me log in after the update, it says 'device not trusted'",
      "how long does a transfer to another bank take?",
      "I lost my card, how do I block it?",
    ],
    answers: [
      "Sorry for the hassle, {name}. Please don't post card details here; we'll DM you a secure link to check it.",
      "Thanks for telling us. I've flagged the payment; you can also freeze the card in the app under Cards.",
      "Please reinstall the app and sign in again, then approve the new device from the SMS we send.",
      "Transfers usually arrive the same business day, at most 2 business days.",
      "You can block it right away in the app under Cards > Lost or stolen. A new card arrives in 3-5 days.",
    ],
  },
];
