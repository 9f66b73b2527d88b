// Looks for planted credentials in a dump (extension storage, page-visible data), in the forms a
// leak could take: as typed, base64 (standard and url-safe, also of "key:secret", the form of
// Clockwork's Authorization header), hex and URI-encoded.
export function secretForms(secret: string): string[] {
  const b64 = Buffer.from(secret, "utf8").toString("base64")
  return [secret, b64, b64.replace(/=+$/, ""), Buffer.from(secret, "utf8").toString("base64url"), Buffer.from(secret, "utf8").toString("hex"), encodeURIComponent(secret)]
}

/** The forms of the secrets (and of every "a:b" pair of them) found in `text`; empty when none. */
export function findSecrets(text: string, secrets: readonly string[]): string[] {
  const pairs = secrets.flatMap((a) => secrets.filter((b) => b !== a).map((b) => `${a}:${b}`))
  const found: string[] = []
  for (const secret of [...secrets, ...pairs]) {
    for (const form of secretForms(secret)) if (form.length >= 8 && text.includes(form)) found.push(`${secret.slice(0, 6)}… as ${form === secret ? "typed" : form.slice(0, 8)}`)
  }
  return found
}
