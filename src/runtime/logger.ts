import { type DestinationStream, type Logger, pino } from "pino";
import type { LogConfig } from "../config.js";
import { redactRecord, scrubText } from "../services/log-redaction.js";

export type { Logger };

/** Options of {@link createLogger}. */
export interface LoggerOptions extends LogConfig {
  /** Where the JSON lines go; standard error by default (standard output is the program's own output). */
  destination?: DestinationStream;
}

/**
 * The service's structured log: one JSON line per record (`level` as a name, `time` as ISO-8601), with
 * secrets and, unless `messages`, message text removed from every record, its message and its error.
 */
export function createLogger(options: LoggerOptions): Logger {
  const redact = { messages: options.messages };
  return pino(
    {
      level: options.level,
      timestamp: pino.stdTimeFunctions.isoTime,
      // `redactRecord` has already made errors plain (and scrubbed) objects; pino's own error serializer
      // would run after it and name their type "Object".
      serializers: { err: (value: unknown) => value },
      formatters: {
        level: (label) => ({ level: label }),
        log: (record) => redactRecord(record, redact),
      },
      hooks: {
        // The message string (and printf-style arguments) can hold secrets too.
        logMethod(args, method) {
          const scrubbed = args.map((arg) => (typeof arg === "string" ? scrubText(arg) : arg));
          return method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
    },
    // Synchronous writes: a line is out before `process.exit`, and a crash loses none.
    options.destination ?? pino.destination({ dest: 2, sync: true }),
  );
}

/** A logger that writes nothing (tests and one-shot commands that build the service without serving). */
export function silentLogger(): Logger {
  return pino({ level: "silent" });
}
