/** Who wrote a message: the customer (`inbound`) or the brand's account or one of its agents (`outbound`). */
export type Direction = "inbound" | "outbound";

/** A customer message or an agent reply, normalized from any source. Times are epoch milliseconds. */
export interface MessageEvent {
  type: "message";
  /** The network or channel the message came from (`x`, `meta`, `email`, `api`, ...). */
  source: string;
  /** The source's own message id; `(source, id)` identifies a message. */
  id: string;
  direction: Direction;
  author: string;
  at: number;
  /** The brand account the message belongs to, when the source says so. */
  account: string | null;
  /** The id of the message this one answers, in the same source. */
  inReplyTo: string | null;
  /** Other message ids known to share the thread (e.g. a tweet's list of responses). */
  links: string[];
  /** An explicit thread id given by the source (a ticket, a DM channel). */
  conversation: string | null;
  text: string | null;
  /** An auto-acknowledgement or bot message: not a response unless the conversation's policy says so. */
  automated: boolean;
  /** Labels given by the source (a ticket's tags); policies can match on them. */
  tags?: string[];
  /** A priority given by the source (a ticket's priority); policies can match on it. */
  priority?: string | null;
  /** A private reply (a DM) to a public message; whether it counts as a response is up to the policy. */
  private?: boolean;
}

/** Marks the thread's conversation in progress at `at` as resolved, or opens it again. */
export interface ThreadActionEvent {
  type: "resolve" | "reopen";
  source: string;
  id: string;
  at: number;
  author: string | null;
  /** The message this action refers to; joins the action to that message's thread. */
  inReplyTo: string | null;
  /** The explicit thread id this action refers to. */
  conversation: string | null;
}

export type SlaEvent = MessageEvent | ThreadActionEvent;
