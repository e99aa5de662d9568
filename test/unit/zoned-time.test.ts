import { describe, expect, it } from "vitest";
import { localDate, localParts, startOfLocalDay } from "../../src/domain/zoned-time.js";

describe("zoned time", () => {
  it("reads the wall clock in a zone", () => {
    expect(localParts(Date.parse("2026-03-02T23:30:00Z"), "Europe/Berlin")).toEqual({
      year: 2026,
      month: 3,
      day: 3,
      hour: 0,
      minute: 30,
    });
    expect(localDate(Date.parse("2026-03-02T23:30:00Z"), "America/New_York", -1)).toBe("2026-03-01");
  });

  it.each([
    ["2026-03-02", "UTC", "2026-03-02T00:00:00.000Z"],
    ["2026-03-02", "Europe/Berlin", "2026-03-01T23:00:00.000Z"],
    ["2026-07-02", "Europe/Berlin", "2026-07-01T22:00:00.000Z"],
    ["2026-03-29", "Europe/Berlin", "2026-03-28T23:00:00.000Z"],
    ["2026-03-30", "Europe/Berlin", "2026-03-29T22:00:00.000Z"],
    ["2026-11-01", "America/New_York", "2026-11-01T04:00:00.000Z"],
    ["2026-11-02", "America/New_York", "2026-11-02T05:00:00.000Z"],
    ["2026-03-02", "Asia/Kolkata", "2026-03-01T18:30:00.000Z"],
  ])("%s starts at local midnight in %s", (date, zone, expected) => {
    expect(new Date(startOfLocalDay(date, zone)).toISOString()).toBe(expected);
  });
});
