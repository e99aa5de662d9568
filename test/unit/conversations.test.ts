import { describe, expect, it } from "vitest";
import type { AccountLookup } from "../../src/domain/attribution.js";
import { type Conversation, deriveConversations, type ThreadItem } from "../../src/domain/conversations.js";
import { matchingRules } from "../../src/domain/matching-rules.js";
import { singlePolicySet } from "../../src/domain/policy.js";
import { action, HOUR, inbound, MIN, message, outbound, T0 } from "../support/events.js";

const DEFAULT_RULES = matchingRules(singlePolicySet());
const W = DEFAULT_RULES.windowMs;
const known: AccountLookup = (handle) => ({ acmehelp: "AcmeHelp", zedcare: "ZedCare" })[handle.toLowerCase()];

type Expected = Partial<Conversation>;

const cases: Array<{ name: string; items: ThreadItem[]; expected: Expected[] }> = [
  {
    name: "an unanswered message is one conversation due after the target",
    items: [inbound("1", 0)],
    expected: [{ startedAt: T0, dueAt: T0 + 2 * HOUR, firstResponseAt: null, touches: 0, messageCount: 1 }],
  },
  {
    name: "the first reply is the first response",
    items: [inbound("1", 0), outbound("2", 30)],
    expected: [{ firstResponseAt: T0 + 30 * MIN, firstResponseId: "2", responder: "AcmeHelp", touches: 1 }],
  },
  {
    name: "outbound messages before the first inbound are ignored",
    items: [outbound("1", 0), inbound("2", 10), outbound("3", 20)],
    expected: [{ firstMessageId: "2", startedAt: T0 + 10 * MIN, firstResponseId: "3", messageCount: 2 }],
  },
  {
    name: "a thread that starts outbound and is never answered has no conversation",
    items: [outbound("1", 0), outbound("2", 5)],
    expected: [],
  },
  {
    name: "ties are ordered by numeric id: 9 before 10, so the reply is a prelude",
    items: [inbound("10", 0), outbound("9", 0)],
    expected: [{ firstMessageId: "10", firstResponseAt: null, messageCount: 1 }],
  },
  {
    name: "ties between numeric ids do not compare as strings",
    items: [inbound("9", 0), outbound("10", 0)],
    expected: [{ firstMessageId: "9", firstResponseId: "10", firstResponseAt: T0 }],
  },
  {
    name: "ties between non-numeric ids compare as strings",
    items: [inbound("b", 0), outbound("a", 0)],
    expected: [{ firstMessageId: "b", firstResponseAt: null }],
  },
  {
    name: "a reply stamped before its parent is a prelude, not a response",
    items: [outbound("2", -5, { inReplyTo: "1" }), inbound("1", 0)],
    expected: [{ firstMessageId: "1", firstResponseAt: null }],
  },
  {
    name: "a customer who comes back after exactly W stays in the conversation",
    items: [inbound("1", 0), outbound("2", 10), message("3", 10, { at: T0 + 10 * MIN + W })],
    expected: [{ firstMessageId: "1", messageCount: 3, lastDirection: "inbound" }],
  },
  {
    name: "a customer who comes back after W + 1 ms starts a new conversation",
    items: [inbound("1", 0), outbound("2", 10), message("3", 10, { at: T0 + 10 * MIN + W + 1 })],
    expected: [
      { firstMessageId: "1", messageCount: 2, lastDirection: "outbound" },
      { firstMessageId: "3", startedAt: T0 + 10 * MIN + W + 1, firstResponseAt: null },
    ],
  },
  {
    name: "silence counts from the previous message of either side",
    items: [inbound("1", 0), inbound("2", 60 * 71), message("3", 0, { at: T0 + 71 * HOUR + W })],
    expected: [{ firstMessageId: "1", messageCount: 3 }],
  },
  {
    name: "a reply after more than W of silence still answers the conversation",
    items: [
      inbound("1", 0),
      message("2", 0, { direction: "outbound", author: "AcmeHelp", at: T0 + W + HOUR }),
    ],
    expected: [{ firstResponseAt: T0 + W + HOUR, touches: 1 }],
  },
  {
    name: "an automated acknowledgement is not a response",
    items: [inbound("1", 0), outbound("2", 1, { automated: true }), outbound("3", 150)],
    expected: [{ firstResponseId: "3", firstResponseAt: T0 + 150 * MIN, touches: 1, messageCount: 3 }],
  },
  {
    name: "automated messages alone leave the conversation unanswered, last human message inbound",
    items: [inbound("1", 0), outbound("2", 1, { automated: true })],
    expected: [{ firstResponseAt: null, touches: 0, lastDirection: "inbound", lastAt: T0 }],
  },
  {
    name: "an automated inbound message (a customer's auto-reply) opens no conversation",
    items: [inbound("1", 0, { automated: true }), outbound("2", 5, { automated: true })],
    expected: [],
  },
  {
    name: "an automated inbound message inside a conversation does not reopen or restart it",
    items: [
      inbound("1", 0),
      outbound("2", 10),
      message("3", 0, { at: T0 + 10 * MIN + W + 1, automated: true }),
    ],
    expected: [{ firstMessageId: "1", messageCount: 3, lastDirection: "outbound", lastAt: T0 + 10 * MIN }],
  },
  {
    name: "a burst of agent messages is one touch; each answer to a follow-up is another",
    items: [inbound("1", 0), outbound("2", 5), outbound("3", 6), inbound("4", 30), outbound("5", 40)],
    expected: [{ touches: 2, messageCount: 5, lastAt: T0 + 40 * MIN, lastDirection: "outbound" }],
  },
  {
    name: "an explicit resolve is kept",
    items: [inbound("1", 0), outbound("2", 10), action("resolve", "r1", 20)],
    expected: [{ resolvedAt: T0 + 20 * MIN, messageCount: 2 }],
  },
  {
    name: "a reopen cancels an earlier resolve",
    items: [inbound("1", 0), outbound("2", 10), action("resolve", "r1", 20), action("reopen", "r2", 30)],
    expected: [{ resolvedAt: null }],
  },
  {
    name: "a customer message after a resolve opens the conversation again",
    items: [inbound("1", 0), outbound("2", 10), action("resolve", "r1", 20), inbound("3", 25)],
    expected: [{ resolvedAt: null, lastDirection: "inbound" }],
  },
  {
    name: "a resolve acts on the conversation in progress at its time",
    items: [
      inbound("1", 0),
      outbound("2", 10),
      inbound("3", 10 + 73 * 60),
      action("resolve", "r1", 10 + 74 * 60),
    ],
    expected: [{ resolvedAt: null }, { firstMessageId: "3", resolvedAt: T0 + (10 + 74 * 60) * MIN }],
  },
  {
    name: "a resolve before the thread's first customer message is ignored",
    items: [action("resolve", "r1", -5), inbound("1", 0)],
    expected: [{ resolvedAt: null }],
  },
];

describe("deriveConversations", () => {
  it.each(cases)("$name", ({ items, expected }) => {
    const conversations = deriveConversations(items, DEFAULT_RULES, known);
    expect(conversations).toHaveLength(expected.length);
    expected.forEach((fields, index) => {
      expect(conversations[index]).toMatchObject(fields);
    });
  });

  it("gives the same conversations for every arrival order", () => {
    const items = [
      outbound("1", 0),
      inbound("2", 5),
      outbound("3", 5),
      outbound("4", 6, { automated: true }),
      inbound("5", 40),
      action("resolve", "r", 50),
      outbound("6", 45),
      message("7", 0, { at: T0 + 45 * MIN + W + 1 }),
    ];
    const expected = deriveConversations(items, DEFAULT_RULES);
    for (let shift = 1; shift < items.length; shift++) {
      const rotated = [...items.slice(shift), ...items.slice(0, shift)];
      expect(deriveConversations(rotated, DEFAULT_RULES)).toEqual(expected);
      expect(deriveConversations([...rotated].reverse(), DEFAULT_RULES)).toEqual(expected);
    }
  });

  it("names conversations by source and first message", () => {
    const [conversation] = deriveConversations([inbound("42", 0, { source: "x" })], DEFAULT_RULES);
    expect(conversation?.id).toBe("x:42");
  });
});

describe("account attribution", () => {
  const attributionCases: Array<{ name: string; items: ThreadItem[]; account: string; basis: string }> = [
    {
      name: "the responder's account wins",
      items: [
        inbound("1", 0, { text: "@ZedCare help", account: "Other" }),
        outbound("2", 5, { author: "jane", account: "AcmeHelp" }),
      ],
      account: "AcmeHelp",
      basis: "responder",
    },
    {
      name: "an outbound message without an account belongs to its author",
      items: [inbound("1", 0), outbound("2", 5, { author: "AcmeHelp" })],
      account: "AcmeHelp",
      basis: "responder",
    },
    {
      name: "unanswered: the first mentioned known account, case-insensitively",
      items: [inbound("1", 0, { text: "@someone @zedcare and @AcmeHelp are down", account: "Given" })],
      account: "ZedCare",
      basis: "mention",
    },
    {
      name: "an e-mail address is not a mention",
      items: [inbound("1", 0, { text: "write to me at me@acmehelp.com", account: "Given" })],
      account: "Given",
      basis: "ingest",
    },
    {
      name: "no known mention: the account given at ingest",
      items: [inbound("1", 0, { text: "@nobody hi", account: "Given" })],
      account: "Given",
      basis: "ingest",
    },
    {
      name: "an automated reply names the account when nobody answered",
      items: [inbound("1", 0), outbound("2", 1, { automated: true, author: "AcmeBot", account: "AcmeHelp" })],
      account: "AcmeHelp",
      basis: "ingest",
    },
    {
      name: "a known account replying in another spelling is named in its canonical one",
      items: [inbound("1", 0), outbound("2", 5, { author: "ACMEHELP" })],
      account: "AcmeHelp",
      basis: "responder",
    },
    {
      name: "a known account given at ingest in another spelling is named in its canonical one",
      items: [inbound("1", 0, { text: "hi", account: "zedCARE" })],
      account: "ZedCare",
      basis: "ingest",
    },
    {
      name: "nothing known: unattributed",
      items: [inbound("1", 0, { text: "hello" })],
      account: "unattributed",
      basis: "none",
    },
  ];

  it.each(attributionCases)("$name", ({ items, account, basis }) => {
    const [conversation] = deriveConversations(items, DEFAULT_RULES, known);
    expect(conversation).toMatchObject({ account, accountBasis: basis });
  });
});
