// DOM reading for hostile pages. Pages can clobber `document` properties with named elements
// (`<img name="querySelectorAll">`, `<form name="title">`), so methods and getters are taken from
// the prototypes, never from the object. Text is read with `textContent` only; nothing is parsed
// as HTML. Works with any DOM implementation (the browser's, or jsdom in tests).

type AnyFn = (...args: never[]) => unknown

/** The first descriptor of `name` up the prototype chain of `obj` (skipping the object's own properties). */
function protoDescriptor(obj: object, name: string): PropertyDescriptor | undefined {
  let proto: object | null = Object.getPrototypeOf(obj)
  while (proto) {
    const d = Object.getOwnPropertyDescriptor(proto, name)
    if (d) return d
    proto = Object.getPrototypeOf(proto)
  }
  return undefined
}

function callProto<T>(obj: object, name: string, ...args: unknown[]): T {
  const fn = protoDescriptor(obj, name)?.value as AnyFn | undefined
  if (typeof fn !== "function") throw new TypeError(`no ${name}`)
  return Reflect.apply(fn, obj, args) as T
}

function getProto<T>(obj: object, name: string): T | undefined {
  const get = protoDescriptor(obj, name)?.get
  return get ? (Reflect.apply(get, obj, []) as T) : undefined
}

export function queryAll(root: ParentNode, selector: string): Element[] {
  return Array.from(callProto<NodeListOf<Element>>(root, "querySelectorAll", selector))
}

export function query(root: ParentNode, selector: string): Element | null {
  return callProto<Element | null>(root, "querySelector", selector)
}

export function attr(el: Element, name: string): string {
  return (callProto<string | null>(el, "getAttribute", name) ?? "").trim()
}

/** Collapsed, trimmed `textContent` (scripts included: for JSON-LD and single text nodes). */
export function rawText(node: Node | null | undefined): string {
  if (!node) return ""
  return (getProto<string | null>(node, "textContent") ?? "").replace(/\s+/g, " ").trim()
}

/** The visible text of an element: its text blocks (see `textLines`) joined by spaces. */
export function text(el: Element | null | undefined): string {
  return el ? textLines(el).join(" ") : ""
}

export function tagName(el: Element): string {
  return (getProto<string>(el, "tagName") ?? "").toLowerCase()
}

export function parentElement(node: Node): Element | null {
  return getProto<Element | null>(node, "parentElement") ?? null
}

export function closest(el: Element, selector: string): Element | null {
  return callProto<Element | null>(el, "closest", selector)
}

export function contains(a: Node, b: Node): boolean {
  return callProto<boolean>(a, "contains", b)
}

const SKIPPED = new Set(["script", "style", "noscript", "template", "svg", "button"])

/**
 * The visible text blocks of an element, in document order: one entry per run of text nodes in the
 * same element, skipping scripts, styles and `hidden` elements; a block equal to the one before it
 * is dropped (LinkedIn repeats every text for screen readers).
 */
export function textLines(root: Element, options: { skipNestedItems?: boolean } = {}): string[] {
  const lines: string[] = []
  const walk = (node: Node) => {
    for (const child of Array.from(getProto<NodeListOf<ChildNode>>(node, "childNodes") ?? [])) {
      const type = getProto<number>(child, "nodeType")
      if (type === 3) {
        const value = rawText(child)
        if (!value) continue
        const parent = parentElement(child)
        const last = lines[lines.length - 1]
        // Glue text nodes of one element (e.g. "Mar 2021 " + "- Present") into one block.
        if (last !== undefined && parent && lastParent === parent) lines[lines.length - 1] = `${last} ${value}`
        else lines.push(value)
        lastParent = parent
      } else if (type === 1) {
        const el = child as Element
        const tag = tagName(el)
        if (SKIPPED.has(tag) || callProto<boolean>(el, "hasAttribute", "hidden")) continue
        if (options.skipNestedItems && tag === "li") continue
        lastParent = null
        walk(el)
        lastParent = null
      }
    }
  }
  let lastParent: Element | null = null
  walk(root)
  return lines.filter((line, i) => line !== lines[i - 1])
}

/** Objects from every JSON-LD block, flattened through arrays and `@graph`. Bad JSON is skipped. */
export function jsonLdObjects(doc: Document): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = []
  const visit = (v: unknown, depth: number) => {
    if (depth > 4 || v === null || typeof v !== "object") return
    if (Array.isArray(v)) {
      for (const x of v) visit(x, depth + 1)
      return
    }
    const obj = v as Record<string, unknown>
    out.push(obj)
    if (Array.isArray(obj["@graph"])) visit(obj["@graph"], depth + 1)
    if (obj["mainEntity"] && typeof obj["mainEntity"] === "object") visit(obj["mainEntity"], depth + 1)
  }
  for (const script of queryAll(doc, 'script[type="application/ld+json"]')) {
    const raw = getProto<string | null>(script, "textContent") ?? ""
    if (raw.length > 500_000) continue
    try {
      visit(JSON.parse(raw), 0)
    } catch {
      // Malformed JSON-LD is common; ignore it.
    }
  }
  return out
}

export function hasType(obj: Record<string, unknown>, type: string): boolean {
  const t = obj["@type"]
  return t === type || (Array.isArray(t) && t.includes(type))
}

/** `<meta property|name=…>` content. */
export function meta(doc: Document, key: string): string {
  const el = query(doc, `meta[property="${key}"], meta[name="${key}"]`)
  return el ? attr(el, "content") : ""
}

export function linkHref(doc: Document, rel: string): string {
  const el = query(doc, `link[rel="${rel}"]`)
  return el ? attr(el, "href") : ""
}

export function documentTitle(doc: Document): string {
  return rawText(query(doc, "head > title, title"))
}

/** An absolute http(s) URL, or undefined (`javascript:`, `data:` and the like are refused). */
export function httpUrl(raw: string, base?: string): string | undefined {
  if (!raw) return undefined
  try {
    const u = base ? new URL(raw, base) : new URL(raw)
    if (u.protocol !== "http:" && u.protocol !== "https:") return undefined
    const href = u.href
    return href.length <= 2048 ? href : undefined
  } catch {
    return undefined
  }
}

/** Trims and cuts to the schema's maximum length; undefined when empty. */
export function clip(value: string | undefined | null, max: number): string | undefined {
  const v = (value ?? "").replace(/\s+/g, " ").trim()
  if (!v) return undefined
  return v.length > max ? v.slice(0, max).trim() : v
}
