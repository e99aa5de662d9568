/**
 * HMAC-SHA256 through Web Crypto (the same code on Node and Workers), and constant-time comparison of
 * signatures, so checking a webhook leaks nothing about the expected value through timing.
 */
const encoder = new TextEncoder();

export async function hmacSha256(secret: string, data: Uint8Array | string): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey(
    "raw",
    encoder.encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const bytes = typeof data === "string" ? encoder.encode(data) : data;
  return new Uint8Array(await crypto.subtle.sign("HMAC", key, bytes));
}

export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** Compares two strings in time that depends only on their lengths. */
export function constantTimeEqual(a: string, b: string): boolean {
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}

/**
 * Whether `signature` equals the expected signature under any of `secrets` (rotation), every secret
 * being checked so the time does not say which one matched.
 */
export async function matchesAnySecret(
  secrets: readonly string[],
  signature: string,
  expected: (secret: string) => Promise<string>,
): Promise<boolean> {
  let ok = false;
  for (const secret of secrets) {
    if (constantTimeEqual(await expected(secret), signature)) ok = true;
  }
  return ok;
}
