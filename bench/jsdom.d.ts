// The part of jsdom's API the bench uses (no @types/jsdom is installed).
declare module "jsdom" {
  export class JSDOM {
    constructor(html: string, options?: { url?: string })
    readonly window: Window & typeof globalThis & { close(): void }
  }
}
