// The package's JavaScript surface as the tests read it: every method of the two classes, from
// their prototypes (so a new method is in every table below without being added to it), with
// its parameters and answer from the packed `.d.ts`. Kept outside test/ so that
// `node --test test/` does not run it as a test file.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { OpenRouterAdmin } from "openrouter-admin";
import { WorkspaceSettings } from "openrouter-admin/settings";

/** The package's folder (the unpacked tarball). */
const PACKAGE = new URL("./", import.meta.resolve("openrouter-admin"));

/** The two classes, each with the `.d.ts` that declares it. */
export const CLASSES = [
  { name: "OpenRouterAdmin", cls: OpenRouterAdmin, dts: "openrouter_admin.d.ts" },
  { name: "WorkspaceSettings", cls: WorkspaceSettings, dts: "openrouter_admin_settings.d.ts" },
];

/** wasm-bindgen's own members of every class, not operations. */
const OWN = new Set(["constructor", "free", "toString", "toJSON", "__destroy_into_raw"]);

/** A `.d.ts` file of the package, as text. */
export function dtsText(file) {
  return readFileSync(fileURLToPath(new URL(file, PACKAGE)), "utf8");
}

/** The method lines of `class Name { ... }` in a `.d.ts`: name -> { params, returns }. */
function declared(text, name) {
  const start = text.indexOf(`export class ${name} {`);
  if (start < 0) throw new Error(`the .d.ts declares no class ${name}`);
  const body = text.slice(start, text.indexOf("\n}\n", start));
  const out = new Map();
  for (const line of body.split("\n")) {
    const m = /^ {4}(\w+)\((.*)\): (.+);$/.exec(line);
    if (!m) continue;
    const params = m[2] === "" ? [] : m[2].split(", ").map((p) => p.split(/\??:/)[0]);
    out.set(m[1], { params, returns: m[3] });
  }
  return out;
}

/**
 * Every operation method of both classes, from the prototypes: `{ owner, name, params,
 * returns }`. Throws naming a method the `.d.ts` does not declare.
 */
export function methods() {
  const out = [];
  for (const { name: owner, cls, dts } of CLASSES) {
    const types = declared(dtsText(dts), owner);
    for (const name of Object.getOwnPropertyNames(cls.prototype)) {
      if (OWN.has(name) || typeof cls.prototype[name] !== "function") continue;
      const d = types.get(name);
      if (!d) throw new Error(`${owner}.${name} is not declared in ${dts}`);
      out.push({ owner, name, params: d.params, returns: d.returns });
    }
  }
  return out;
}
