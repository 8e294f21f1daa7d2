// The demo city's agent phones (public contract): extensions 8001–8010 with SIP passwords
// Agent@8001 … Agent@8010. A credentials lookup for DigestServer / Registrar.

export const DEMO_EXTENSIONS: readonly string[] = Array.from({ length: 10 }, (_, i) => String(8001 + i));

export function demoAgentPassword(username: string): string | undefined {
  return DEMO_EXTENSIONS.includes(username) ? `Agent@${username}` : undefined;
}
