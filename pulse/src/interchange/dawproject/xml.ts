// A minimal element tree over fast-xml-parser. DAWproject depends on element order (a device chain is a
// sequence of differently named elements), so the parser runs in its order-preserving mode.
import { XMLBuilder, XMLParser, XMLValidator } from "fast-xml-parser";
import { DawProjectError } from "./errors";

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

type OrderedNode = Record<string, unknown> & { ":@"?: Record<string, string> };

const ATTRIBUTE_PREFIX = "@_";
const options = {
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: ATTRIBUTE_PREFIX,
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: true,
} as const;

export function element(name: string, attributes: Record<string, string | number | boolean | undefined> = {}, children: XmlElement[] = []): XmlElement {
  const kept: Record<string, string> = {};
  for (const [key, value] of Object.entries(attributes)) if (value !== undefined) kept[key] = String(value);
  return { name, attributes: kept, children, text: "" };
}

export function textElement(name: string, text: string): XmlElement {
  return { name, attributes: {}, children: [], text };
}

function fromOrdered(node: OrderedNode): XmlElement | undefined {
  const name = Object.keys(node).find((key) => key !== ":@");
  if (name === undefined || name === "#text" || name.startsWith("?") || name.startsWith("!")) return undefined;
  const attributes: Record<string, string> = {};
  for (const [key, value] of Object.entries(node[":@"] ?? {})) attributes[key.slice(ATTRIBUTE_PREFIX.length)] = String(value);
  const children: XmlElement[] = [];
  let text = "";
  for (const child of node[name] as OrderedNode[]) {
    if ("#text" in child) text += String(child["#text"]);
    const converted = fromOrdered(child);
    if (converted) children.push(converted);
  }
  return { name, attributes, children, text };
}

/** Parses a whole document and returns its root element; malformed XML is a DawProjectError with a line number. */
export function parseXml(xml: string, what: string): XmlElement {
  let root: XmlElement | undefined;
  try {
    const valid = XMLValidator.validate(xml);
    if (valid !== true) throw new DawProjectError(`${what}: malformed XML at line ${valid.err.line}: ${valid.err.msg}`);
    const nodes = new XMLParser(options).parse(xml) as OrderedNode[];
    root = nodes.map(fromOrdered).find((e) => e !== undefined);
  } catch (error) {
    if (error instanceof DawProjectError) throw error;
    // E.g. nesting so deep it exhausts the stack: still the file's fault, not a crash.
    throw new DawProjectError(`${what}: cannot be read as XML (${(error as Error).message})`);
  }
  if (!root) throw new DawProjectError(`${what}: no root element`);
  return root;
}

function toOrdered(e: XmlElement): OrderedNode {
  const children: OrderedNode[] = e.children.map(toOrdered);
  if (e.text !== "") children.unshift({ "#text": e.text });
  const node: OrderedNode = { [e.name]: children };
  if (Object.keys(e.attributes).length > 0) {
    node[":@"] = Object.fromEntries(Object.entries(e.attributes).map(([k, v]) => [ATTRIBUTE_PREFIX + k, v]));
  }
  return node;
}

export function serialiseXml(root: XmlElement): string {
  const builder = new XMLBuilder({ ...options, format: true, indentBy: "  ", suppressEmptyNode: true });
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${(builder.build([toOrdered(root)]) as string).trimStart()}`;
}

// ---- reading helpers ----

export function child(e: XmlElement, name: string): XmlElement | undefined {
  return e.children.find((c) => c.name === name);
}

export function childrenNamed(e: XmlElement, name: string): XmlElement[] {
  return e.children.filter((c) => c.name === name);
}

export function numberAttribute(e: XmlElement, name: string, fallback?: number): number {
  const raw = e.attributes[name];
  if (raw === undefined) {
    if (fallback !== undefined) return fallback;
    throw new DawProjectError(`<${e.name}${e.attributes["id"] ? ` id="${e.attributes["id"]}"` : ""}> lacks the attribute "${name}"`);
  }
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new DawProjectError(`<${e.name}> attribute ${name}="${raw}" is not a number`);
  return value;
}

export function booleanAttribute(e: XmlElement, name: string, fallback: boolean): boolean {
  const raw = e.attributes[name];
  if (raw === undefined) return fallback;
  if (raw === "true" || raw === "1") return true;
  if (raw === "false" || raw === "0") return false;
  throw new DawProjectError(`<${e.name}> attribute ${name}="${raw}" is not true or false`);
}
