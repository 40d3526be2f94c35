// The responder, bundled by `npm run build:responder` from responder/*.ts and the yaml package.
// Generated: do not edit; a test checks it matches its sources. Run: node responder.cjs serve --help
"use strict";
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __commonJS = (cb, mod) => function __require() {
  try {
    return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
  } catch (e) {
    throw mod = 0, e;
  }
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key2 of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key2) && key2 !== except)
        __defProp(to, key2, { get: () => from[key2], enumerable: !(desc = __getOwnPropDesc(from, key2)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));

// node_modules/yaml/dist/nodes/identity.js
var require_identity = __commonJS({
  "node_modules/yaml/dist/nodes/identity.js"(exports2) {
    "use strict";
    var ALIAS = /* @__PURE__ */ Symbol.for("yaml.alias");
    var DOC = /* @__PURE__ */ Symbol.for("yaml.document");
    var MAP = /* @__PURE__ */ Symbol.for("yaml.map");
    var PAIR = /* @__PURE__ */ Symbol.for("yaml.pair");
    var SCALAR = /* @__PURE__ */ Symbol.for("yaml.scalar");
    var SEQ = /* @__PURE__ */ Symbol.for("yaml.seq");
    var NODE_TYPE = /* @__PURE__ */ Symbol.for("yaml.node.type");
    var isAlias2 = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === ALIAS;
    var isDocument = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === DOC;
    var isMap4 = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === MAP;
    var isPair2 = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === PAIR;
    var isScalar3 = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === SCALAR;
    var isSeq3 = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === SEQ;
    function isCollection(node) {
      if (node && typeof node === "object")
        switch (node[NODE_TYPE]) {
          case MAP:
          case SEQ:
            return true;
        }
      return false;
    }
    function isNode(node) {
      if (node && typeof node === "object")
        switch (node[NODE_TYPE]) {
          case ALIAS:
          case MAP:
          case SCALAR:
          case SEQ:
            return true;
        }
      return false;
    }
    var hasAnchor = (node) => (isScalar3(node) || isCollection(node)) && !!node.anchor;
    exports2.ALIAS = ALIAS;
    exports2.DOC = DOC;
    exports2.MAP = MAP;
    exports2.NODE_TYPE = NODE_TYPE;
    exports2.PAIR = PAIR;
    exports2.SCALAR = SCALAR;
    exports2.SEQ = SEQ;
    exports2.hasAnchor = hasAnchor;
    exports2.isAlias = isAlias2;
    exports2.isCollection = isCollection;
    exports2.isDocument = isDocument;
    exports2.isMap = isMap4;
    exports2.isNode = isNode;
    exports2.isPair = isPair2;
    exports2.isScalar = isScalar3;
    exports2.isSeq = isSeq3;
  }
});

// node_modules/yaml/dist/visit.js
var require_visit = __commonJS({
  "node_modules/yaml/dist/visit.js"(exports2) {
    "use strict";
    var identity = require_identity();
    var BREAK = /* @__PURE__ */ Symbol("break visit");
    var SKIP = /* @__PURE__ */ Symbol("skip children");
    var REMOVE = /* @__PURE__ */ Symbol("remove node");
    function visit(node, visitor) {
      const visitor_ = initVisitor(visitor);
      if (identity.isDocument(node)) {
        const cd = visit_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
          node.contents = null;
      } else
        visit_(null, node, visitor_, Object.freeze([]));
    }
    visit.BREAK = BREAK;
    visit.SKIP = SKIP;
    visit.REMOVE = REMOVE;
    function visit_(key2, node, visitor, path) {
      const ctrl = callVisitor(key2, node, visitor, path);
      if (identity.isNode(ctrl) || identity.isPair(ctrl)) {
        replaceNode(key2, path, ctrl);
        return visit_(key2, ctrl, visitor, path);
      }
      if (typeof ctrl !== "symbol") {
        if (identity.isCollection(node)) {
          path = Object.freeze(path.concat(node));
          for (let i = 0; i < node.items.length; ++i) {
            const ci = visit_(i, node.items[i], visitor, path);
            if (typeof ci === "number")
              i = ci - 1;
            else if (ci === BREAK)
              return BREAK;
            else if (ci === REMOVE) {
              node.items.splice(i, 1);
              i -= 1;
            }
          }
        } else if (identity.isPair(node)) {
          path = Object.freeze(path.concat(node));
          const ck = visit_("key", node.key, visitor, path);
          if (ck === BREAK)
            return BREAK;
          else if (ck === REMOVE)
            node.key = null;
          const cv = visit_("value", node.value, visitor, path);
          if (cv === BREAK)
            return BREAK;
          else if (cv === REMOVE)
            node.value = null;
        }
      }
      return ctrl;
    }
    async function visitAsync(node, visitor) {
      const visitor_ = initVisitor(visitor);
      if (identity.isDocument(node)) {
        const cd = await visitAsync_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
          node.contents = null;
      } else
        await visitAsync_(null, node, visitor_, Object.freeze([]));
    }
    visitAsync.BREAK = BREAK;
    visitAsync.SKIP = SKIP;
    visitAsync.REMOVE = REMOVE;
    async function visitAsync_(key2, node, visitor, path) {
      const ctrl = await callVisitor(key2, node, visitor, path);
      if (identity.isNode(ctrl) || identity.isPair(ctrl)) {
        replaceNode(key2, path, ctrl);
        return visitAsync_(key2, ctrl, visitor, path);
      }
      if (typeof ctrl !== "symbol") {
        if (identity.isCollection(node)) {
          path = Object.freeze(path.concat(node));
          for (let i = 0; i < node.items.length; ++i) {
            const ci = await visitAsync_(i, node.items[i], visitor, path);
            if (typeof ci === "number")
              i = ci - 1;
            else if (ci === BREAK)
              return BREAK;
            else if (ci === REMOVE) {
              node.items.splice(i, 1);
              i -= 1;
            }
          }
        } else if (identity.isPair(node)) {
          path = Object.freeze(path.concat(node));
          const ck = await visitAsync_("key", node.key, visitor, path);
          if (ck === BREAK)
            return BREAK;
          else if (ck === REMOVE)
            node.key = null;
          const cv = await visitAsync_("value", node.value, visitor, path);
          if (cv === BREAK)
            return BREAK;
          else if (cv === REMOVE)
            node.value = null;
        }
      }
      return ctrl;
    }
    function initVisitor(visitor) {
      if (typeof visitor === "object" && (visitor.Collection || visitor.Node || visitor.Value)) {
        return Object.assign({
          Alias: visitor.Node,
          Map: visitor.Node,
          Scalar: visitor.Node,
          Seq: visitor.Node
        }, visitor.Value && {
          Map: visitor.Value,
          Scalar: visitor.Value,
          Seq: visitor.Value
        }, visitor.Collection && {
          Map: visitor.Collection,
          Seq: visitor.Collection
        }, visitor);
      }
      return visitor;
    }
    function callVisitor(key2, node, visitor, path) {
      if (typeof visitor === "function")
        return visitor(key2, node, path);
      if (identity.isMap(node))
        return visitor.Map?.(key2, node, path);
      if (identity.isSeq(node))
        return visitor.Seq?.(key2, node, path);
      if (identity.isPair(node))
        return visitor.Pair?.(key2, node, path);
      if (identity.isScalar(node))
        return visitor.Scalar?.(key2, node, path);
      if (identity.isAlias(node))
        return visitor.Alias?.(key2, node, path);
      return void 0;
    }
    function replaceNode(key2, path, node) {
      const parent = path[path.length - 1];
      if (identity.isCollection(parent)) {
        parent.items[key2] = node;
      } else if (identity.isPair(parent)) {
        if (key2 === "key")
          parent.key = node;
        else
          parent.value = node;
      } else if (identity.isDocument(parent)) {
        parent.contents = node;
      } else {
        const pt = identity.isAlias(parent) ? "alias" : "scalar";
        throw new Error(`Cannot replace node with ${pt} parent`);
      }
    }
    exports2.visit = visit;
    exports2.visitAsync = visitAsync;
  }
});

// node_modules/yaml/dist/doc/directives.js
var require_directives = __commonJS({
  "node_modules/yaml/dist/doc/directives.js"(exports2) {
    "use strict";
    var identity = require_identity();
    var visit = require_visit();
    var escapeChars = {
      "!": "%21",
      ",": "%2C",
      "[": "%5B",
      "]": "%5D",
      "{": "%7B",
      "}": "%7D"
    };
    var escapeTagName = (tn) => tn.replace(/[!,[\]{}]/g, (ch) => escapeChars[ch]);
    var Directives = class _Directives {
      constructor(yaml, tags) {
        this.docStart = null;
        this.docEnd = false;
        this.yaml = Object.assign({}, _Directives.defaultYaml, yaml);
        this.tags = Object.assign({}, _Directives.defaultTags, tags);
      }
      clone() {
        const copy = new _Directives(this.yaml, this.tags);
        copy.docStart = this.docStart;
        return copy;
      }
      /**
       * During parsing, get a Directives instance for the current document and
       * update the stream state according to the current version's spec.
       */
      atDocument() {
        const res = new _Directives(this.yaml, this.tags);
        switch (this.yaml.version) {
          case "1.1":
            this.atNextDocument = true;
            break;
          case "1.2":
            this.atNextDocument = false;
            this.yaml = {
              explicit: _Directives.defaultYaml.explicit,
              version: "1.2"
            };
            this.tags = Object.assign({}, _Directives.defaultTags);
            break;
        }
        return res;
      }
      /**
       * @param onError - May be called even if the action was successful
       * @returns `true` on success
       */
      add(line, onError) {
        if (this.atNextDocument) {
          this.yaml = { explicit: _Directives.defaultYaml.explicit, version: "1.1" };
          this.tags = Object.assign({}, _Directives.defaultTags);
          this.atNextDocument = false;
        }
        const parts = line.trim().split(/[ \t]+/);
        const name = parts.shift();
        switch (name) {
          case "%TAG": {
            if (parts.length !== 2) {
              onError(0, "%TAG directive should contain exactly two parts");
              if (parts.length < 2)
                return false;
            }
            const [handle, prefix] = parts;
            this.tags[handle] = prefix;
            return true;
          }
          case "%YAML": {
            this.yaml.explicit = true;
            if (parts.length !== 1) {
              onError(0, "%YAML directive should contain exactly one part");
              return false;
            }
            const [version] = parts;
            if (version === "1.1" || version === "1.2") {
              this.yaml.version = version;
              return true;
            } else {
              const isValid = /^\d+\.\d+$/.test(version);
              onError(6, `Unsupported YAML version ${version}`, isValid);
              return false;
            }
          }
          default:
            onError(0, `Unknown directive ${name}`, true);
            return false;
        }
      }
      /**
       * Resolves a tag, matching handles to those defined in %TAG directives.
       *
       * @returns Resolved tag, which may also be the non-specific tag `'!'` or a
       *   `'!local'` tag, or `null` if unresolvable.
       */
      tagName(source, onError) {
        if (source === "!")
          return "!";
        if (source[0] !== "!") {
          onError(`Not a valid tag: ${source}`);
          return null;
        }
        if (source[1] === "<") {
          const verbatim = source.slice(2, -1);
          if (verbatim === "!" || verbatim === "!!") {
            onError(`Verbatim tags aren't resolved, so ${source} is invalid.`);
            return null;
          }
          if (source[source.length - 1] !== ">")
            onError("Verbatim tags must end with a >");
          return verbatim;
        }
        const [, handle, suffix] = source.match(/^(.*!)([^!]*)$/s);
        if (!suffix)
          onError(`The ${source} tag has no suffix`);
        const prefix = this.tags[handle];
        if (prefix) {
          try {
            return prefix + decodeURIComponent(suffix);
          } catch (error) {
            onError(String(error));
            return null;
          }
        }
        if (handle === "!")
          return source;
        onError(`Could not resolve tag: ${source}`);
        return null;
      }
      /**
       * Given a fully resolved tag, returns its printable string form,
       * taking into account current tag prefixes and defaults.
       */
      tagString(tag) {
        for (const [handle, prefix] of Object.entries(this.tags)) {
          if (tag.startsWith(prefix))
            return handle + escapeTagName(tag.substring(prefix.length));
        }
        return tag[0] === "!" ? tag : `!<${tag}>`;
      }
      toString(doc) {
        const lines = this.yaml.explicit ? [`%YAML ${this.yaml.version || "1.2"}`] : [];
        const tagEntries = Object.entries(this.tags);
        let tagNames;
        if (doc && tagEntries.length > 0 && identity.isNode(doc.contents)) {
          const tags = {};
          visit.visit(doc.contents, (_key, node) => {
            if (identity.isNode(node) && node.tag)
              tags[node.tag] = true;
          });
          tagNames = Object.keys(tags);
        } else
          tagNames = [];
        for (const [handle, prefix] of tagEntries) {
          if (handle === "!!" && prefix === "tag:yaml.org,2002:")
            continue;
          if (!doc || tagNames.some((tn) => tn.startsWith(prefix)))
            lines.push(`%TAG ${handle} ${prefix}`);
        }
        return lines.join("\n");
      }
    };
    Directives.defaultYaml = { explicit: false, version: "1.2" };
    Directives.defaultTags = { "!!": "tag:yaml.org,2002:" };
    exports2.Directives = Directives;
  }
});

// node_modules/yaml/dist/doc/anchors.js
var require_anchors = __commonJS({
  "node_modules/yaml/dist/doc/anchors.js"(exports2) {
    "use strict";
    var identity = require_identity();
    var visit = require_visit();
    function anchorIsValid(anchor) {
      if (/[\x00-\x19\s,[\]{}]/.test(anchor)) {
        const sa = JSON.stringify(anchor);
        const msg = `Anchor must not contain whitespace or control characters: ${sa}`;
        throw new Error(msg);
      }
      return true;
    }
    function anchorNames(root) {
      const anchors = /* @__PURE__ */ new Set();
      visit.visit(root, {
        Value(_key, node) {
          if (node.anchor)
            anchors.add(node.anchor);
        }
      });
      return anchors;
    }
    function findNewAnchor(prefix, exclude) {
      for (let i = 1; true; ++i) {
        const name = `${prefix}${i}`;
        if (!exclude.has(name))
          return name;
      }
    }
    function createNodeAnchors(doc, prefix) {
      const aliasObjects = [];
      const sourceObjects = /* @__PURE__ */ new Map();
      let prevAnchors = null;
      return {
        onAnchor: (source) => {
          aliasObjects.push(source);
          prevAnchors ?? (prevAnchors = anchorNames(doc));
          const anchor = findNewAnchor(prefix, prevAnchors);
          prevAnchors.add(anchor);
          return anchor;
        },
        /**
         * With circular references, the source node is only resolved after all
         * of its child nodes are. This is why anchors are set only after all of
         * the nodes have been created.
         */
        setAnchors: () => {
          for (const source of aliasObjects) {
            const ref = sourceObjects.get(source);
            if (typeof ref === "object" && ref.anchor && (identity.isScalar(ref.node) || identity.isCollection(ref.node))) {
              ref.node.anchor = ref.anchor;
            } else {
              const error = new Error("Failed to resolve repeated object (this should not happen)");
              error.source = source;
              throw error;
            }
          }
        },
        sourceObjects
      };
    }
    exports2.anchorIsValid = anchorIsValid;
    exports2.anchorNames = anchorNames;
    exports2.createNodeAnchors = createNodeAnchors;
    exports2.findNewAnchor = findNewAnchor;
  }
});

// node_modules/yaml/dist/doc/applyReviver.js
var require_applyReviver = __commonJS({
  "node_modules/yaml/dist/doc/applyReviver.js"(exports2) {
    "use strict";
    function applyReviver(reviver, obj, key2, val) {
      if (val && typeof val === "object") {
        if (Array.isArray(val)) {
          for (let i = 0, len = val.length; i < len; ++i) {
            const v0 = val[i];
            const v1 = applyReviver(reviver, val, String(i), v0);
            if (v1 === void 0)
              delete val[i];
            else if (v1 !== v0)
              val[i] = v1;
          }
        } else if (val instanceof Map) {
          for (const k of Array.from(val.keys())) {
            const v0 = val.get(k);
            const v1 = applyReviver(reviver, val, k, v0);
            if (v1 === void 0)
              val.delete(k);
            else if (v1 !== v0)
              val.set(k, v1);
          }
        } else if (val instanceof Set) {
          for (const v0 of Array.from(val)) {
            const v1 = applyReviver(reviver, val, v0, v0);
            if (v1 === void 0)
              val.delete(v0);
            else if (v1 !== v0) {
              val.delete(v0);
              val.add(v1);
            }
          }
        } else {
          for (const [k, v0] of Object.entries(val)) {
            const v1 = applyReviver(reviver, val, k, v0);
            if (v1 === void 0)
              delete val[k];
            else if (v1 !== v0)
              val[k] = v1;
          }
        }
      }
      return reviver.call(obj, key2, val);
    }
    exports2.applyReviver = applyReviver;
  }
});

// node_modules/yaml/dist/nodes/toJS.js
var require_toJS = __commonJS({
  "node_modules/yaml/dist/nodes/toJS.js"(exports2) {
    "use strict";
    var identity = require_identity();
    function toJS(value, arg, ctx) {
      if (Array.isArray(value))
        return value.map((v, i) => toJS(v, String(i), ctx));
      if (value && typeof value.toJSON === "function") {
        if (!ctx || !identity.hasAnchor(value))
          return value.toJSON(arg, ctx);
        const data = { aliasCount: 0, count: 1, res: void 0 };
        ctx.anchors.set(value, data);
        ctx.onCreate = (res2) => {
          data.res = res2;
          delete ctx.onCreate;
        };
        const res = value.toJSON(arg, ctx);
        if (ctx.onCreate)
          ctx.onCreate(res);
        return res;
      }
      if (typeof value === "bigint" && !ctx?.keep)
        return Number(value);
      return value;
    }
    exports2.toJS = toJS;
  }
});

// node_modules/yaml/dist/nodes/Node.js
var require_Node = __commonJS({
  "node_modules/yaml/dist/nodes/Node.js"(exports2) {
    "use strict";
    var applyReviver = require_applyReviver();
    var identity = require_identity();
    var toJS = require_toJS();
    var NodeBase = class {
      constructor(type) {
        Object.defineProperty(this, identity.NODE_TYPE, { value: type });
      }
      /** Create a copy of this node.  */
      clone() {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (this.range)
          copy.range = this.range.slice();
        return copy;
      }
      /** A plain JavaScript representation of this node. */
      toJS(doc, { mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        if (!identity.isDocument(doc))
          throw new TypeError("A document argument is required");
        const ctx = {
          anchors: /* @__PURE__ */ new Map(),
          doc,
          keep: true,
          mapAsMap: mapAsMap === true,
          mapKeyWarned: false,
          maxAliasCount: typeof maxAliasCount === "number" ? maxAliasCount : 100
        };
        const res = toJS.toJS(this, "", ctx);
        if (typeof onAnchor === "function")
          for (const { count, res: res2 } of ctx.anchors.values())
            onAnchor(res2, count);
        return typeof reviver === "function" ? applyReviver.applyReviver(reviver, { "": res }, "", res) : res;
      }
    };
    exports2.NodeBase = NodeBase;
  }
});

// node_modules/yaml/dist/nodes/Alias.js
var require_Alias = __commonJS({
  "node_modules/yaml/dist/nodes/Alias.js"(exports2) {
    "use strict";
    var anchors = require_anchors();
    var visit = require_visit();
    var identity = require_identity();
    var Node = require_Node();
    var toJS = require_toJS();
    var Alias = class extends Node.NodeBase {
      constructor(source) {
        super(identity.ALIAS);
        this.source = source;
        Object.defineProperty(this, "tag", {
          set() {
            throw new Error("Alias nodes cannot have tags");
          }
        });
      }
      /**
       * Resolve the value of this alias within `doc`, finding the last
       * instance of the `source` anchor before this node.
       */
      resolve(doc, ctx) {
        if (ctx?.maxAliasCount === 0)
          throw new ReferenceError("Alias resolution is disabled");
        let nodes;
        if (ctx?.aliasResolveCache) {
          nodes = ctx.aliasResolveCache;
        } else {
          nodes = [];
          visit.visit(doc, {
            Node: (_key, node) => {
              if (identity.isAlias(node) || identity.hasAnchor(node))
                nodes.push(node);
            }
          });
          if (ctx)
            ctx.aliasResolveCache = nodes;
        }
        let found = void 0;
        for (const node of nodes) {
          if (node === this)
            break;
          if (node.anchor === this.source)
            found = node;
        }
        if (found && ctx) {
          const { anchors: anchors2, doc: doc2, maxAliasCount } = ctx;
          let data = anchors2.get(found);
          if (!data) {
            toJS.toJS(found, null, ctx);
            data = anchors2.get(found);
          }
          if (data?.res === void 0) {
            const msg = "This should not happen: Alias anchor was not resolved?";
            throw new ReferenceError(msg);
          }
          if (maxAliasCount >= 0) {
            data.count += 1;
            if (data.aliasCount === 0)
              data.aliasCount = getAliasCount(doc2, found, anchors2);
            if (data.count * data.aliasCount > maxAliasCount) {
              const msg = "Excessive alias count indicates a resource exhaustion attack";
              throw new ReferenceError(msg);
            }
          }
        }
        return found;
      }
      toJSON(_arg, ctx) {
        if (!ctx)
          return { source: this.source };
        const source = this.resolve(ctx.doc, ctx);
        if (!source) {
          const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
          throw new ReferenceError(msg);
        }
        return ctx.anchors.get(source).res;
      }
      toString(ctx, _onComment, _onChompKeep) {
        const src = `*${this.source}`;
        if (ctx) {
          anchors.anchorIsValid(this.source);
          if (ctx.options.verifyAliasOrder && !ctx.anchors.has(this.source)) {
            const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
            throw new Error(msg);
          }
          if (ctx.implicitKey)
            return `${src} `;
        }
        return src;
      }
    };
    function getAliasCount(doc, node, anchors2) {
      if (identity.isAlias(node)) {
        const source = node.resolve(doc);
        const anchor = anchors2 && source && anchors2.get(source);
        return anchor ? anchor.count * anchor.aliasCount : 0;
      } else if (identity.isCollection(node)) {
        let count = 0;
        for (const item of node.items) {
          const c = getAliasCount(doc, item, anchors2);
          if (c > count)
            count = c;
        }
        return count;
      } else if (identity.isPair(node)) {
        const kc = getAliasCount(doc, node.key, anchors2);
        const vc = getAliasCount(doc, node.value, anchors2);
        return Math.max(kc, vc);
      }
      return 1;
    }
    exports2.Alias = Alias;
  }
});

// node_modules/yaml/dist/nodes/Scalar.js
var require_Scalar = __commonJS({
  "node_modules/yaml/dist/nodes/Scalar.js"(exports2) {
    "use strict";
    var identity = require_identity();
    var Node = require_Node();
    var toJS = require_toJS();
    var isScalarValue = (value) => !value || typeof value !== "function" && typeof value !== "object";
    var Scalar = class extends Node.NodeBase {
      constructor(value) {
        super(identity.SCALAR);
        this.value = value;
      }
      toJSON(arg, ctx) {
        return ctx?.keep ? this.value : toJS.toJS(this.value, arg, ctx);
      }
      toString() {
        return String(this.value);
      }
    };
    Scalar.BLOCK_FOLDED = "BLOCK_FOLDED";
    Scalar.BLOCK_LITERAL = "BLOCK_LITERAL";
    Scalar.PLAIN = "PLAIN";
    Scalar.QUOTE_DOUBLE = "QUOTE_DOUBLE";
    Scalar.QUOTE_SINGLE = "QUOTE_SINGLE";
    exports2.Scalar = Scalar;
    exports2.isScalarValue = isScalarValue;
  }
});

// node_modules/yaml/dist/doc/createNode.js
var require_createNode = __commonJS({
  "node_modules/yaml/dist/doc/createNode.js"(exports2) {
    "use strict";
    var Alias = require_Alias();
    var identity = require_identity();
    var Scalar = require_Scalar();
    var defaultTagPrefix = "tag:yaml.org,2002:";
    function findTagObject(value, tagName, tags) {
      if (tagName) {
        const match = tags.filter((t) => t.tag === tagName);
        const tagObj = match.find((t) => !t.format) ?? match[0];
        if (!tagObj)
          throw new Error(`Tag ${tagName} not found`);
        return tagObj;
      }
      return tags.find((t) => t.identify?.(value) && !t.format);
    }
    function createNode(value, tagName, ctx) {
      if (identity.isDocument(value))
        value = value.contents;
      if (identity.isNode(value))
        return value;
      if (identity.isPair(value)) {
        const map = ctx.schema[identity.MAP].createNode?.(ctx.schema, null, ctx);
        map.items.push(value);
        return map;
      }
      if (value instanceof String || value instanceof Number || value instanceof Boolean || typeof BigInt !== "undefined" && value instanceof BigInt) {
        value = value.valueOf();
      }
      const { aliasDuplicateObjects, onAnchor, onTagObj, schema, sourceObjects } = ctx;
      let ref = void 0;
      if (aliasDuplicateObjects && value && typeof value === "object") {
        ref = sourceObjects.get(value);
        if (ref) {
          ref.anchor ?? (ref.anchor = onAnchor(value));
          return new Alias.Alias(ref.anchor);
        } else {
          ref = { anchor: null, node: null };
          sourceObjects.set(value, ref);
        }
      }
      if (tagName?.startsWith("!!"))
        tagName = defaultTagPrefix + tagName.slice(2);
      let tagObj = findTagObject(value, tagName, schema.tags);
      if (!tagObj) {
        if (value && typeof value.toJSON === "function") {
          value = value.toJSON();
        }
        if (!value || typeof value !== "object") {
          const node2 = new Scalar.Scalar(value);
          if (ref)
            ref.node = node2;
          return node2;
        }
        tagObj = value instanceof Map ? schema[identity.MAP] : Symbol.iterator in Object(value) ? schema[identity.SEQ] : schema[identity.MAP];
      }
      if (onTagObj) {
        onTagObj(tagObj);
        delete ctx.onTagObj;
      }
      const node = tagObj?.createNode ? tagObj.createNode(ctx.schema, value, ctx) : typeof tagObj?.nodeClass?.from === "function" ? tagObj.nodeClass.from(ctx.schema, value, ctx) : new Scalar.Scalar(value);
      if (tagName)
        node.tag = tagName;
      else if (!tagObj.default)
        node.tag = tagObj.tag;
      if (ref)
        ref.node = node;
      return node;
    }
    exports2.createNode = createNode;
  }
});

// node_modules/yaml/dist/nodes/Collection.js
var require_Collection = __commonJS({
  "node_modules/yaml/dist/nodes/Collection.js"(exports2) {
    "use strict";
    var createNode = require_createNode();
    var identity = require_identity();
    var Node = require_Node();
    function collectionFromPath(schema, path, value) {
      let v = value;
      for (let i = path.length - 1; i >= 0; --i) {
        const k = path[i];
        if (typeof k === "number" && Number.isInteger(k) && k >= 0) {
          const a = [];
          a[k] = v;
          v = a;
        } else {
          v = /* @__PURE__ */ new Map([[k, v]]);
        }
      }
      return createNode.createNode(v, void 0, {
        aliasDuplicateObjects: false,
        keepUndefined: false,
        onAnchor: () => {
          throw new Error("This should not happen, please report a bug.");
        },
        schema,
        sourceObjects: /* @__PURE__ */ new Map()
      });
    }
    var isEmptyPath = (path) => path == null || typeof path === "object" && !!path[Symbol.iterator]().next().done;
    var Collection = class extends Node.NodeBase {
      constructor(type, schema) {
        super(type);
        Object.defineProperty(this, "schema", {
          value: schema,
          configurable: true,
          enumerable: false,
          writable: true
        });
      }
      /**
       * Create a copy of this collection.
       *
       * @param schema - If defined, overwrites the original's schema
       */
      clone(schema) {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (schema)
          copy.schema = schema;
        copy.items = copy.items.map((it) => identity.isNode(it) || identity.isPair(it) ? it.clone(schema) : it);
        if (this.range)
          copy.range = this.range.slice();
        return copy;
      }
      /**
       * Adds a value to the collection. For `!!map` and `!!omap` the value must
       * be a Pair instance or a `{ key, value }` object, which may not have a key
       * that already exists in the map.
       */
      addIn(path, value) {
        if (isEmptyPath(path))
          this.add(value);
        else {
          const [key2, ...rest] = path;
          const node = this.get(key2, true);
          if (identity.isCollection(node))
            node.addIn(rest, value);
          else if (node === void 0 && this.schema)
            this.set(key2, collectionFromPath(this.schema, rest, value));
          else
            throw new Error(`Expected YAML collection at ${key2}. Remaining path: ${rest}`);
        }
      }
      /**
       * Removes a value from the collection.
       * @returns `true` if the item was found and removed.
       */
      deleteIn(path) {
        const [key2, ...rest] = path;
        if (rest.length === 0)
          return this.delete(key2);
        const node = this.get(key2, true);
        if (identity.isCollection(node))
          return node.deleteIn(rest);
        else
          throw new Error(`Expected YAML collection at ${key2}. Remaining path: ${rest}`);
      }
      /**
       * Returns item at `key`, or `undefined` if not found. By default unwraps
       * scalar values from their surrounding node; to disable set `keepScalar` to
       * `true` (collections are always returned intact).
       */
      getIn(path, keepScalar) {
        const [key2, ...rest] = path;
        const node = this.get(key2, true);
        if (rest.length === 0)
          return !keepScalar && identity.isScalar(node) ? node.value : node;
        else
          return identity.isCollection(node) ? node.getIn(rest, keepScalar) : void 0;
      }
      hasAllNullValues(allowScalar) {
        return this.items.every((node) => {
          if (!identity.isPair(node))
            return false;
          const n = node.value;
          return n == null || allowScalar && identity.isScalar(n) && n.value == null && !n.commentBefore && !n.comment && !n.tag;
        });
      }
      /**
       * Checks if the collection includes a value with the key `key`.
       */
      hasIn(path) {
        const [key2, ...rest] = path;
        if (rest.length === 0)
          return this.has(key2);
        const node = this.get(key2, true);
        return identity.isCollection(node) ? node.hasIn(rest) : false;
      }
      /**
       * Sets a value in this collection. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       */
      setIn(path, value) {
        const [key2, ...rest] = path;
        if (rest.length === 0) {
          this.set(key2, value);
        } else {
          const node = this.get(key2, true);
          if (identity.isCollection(node))
            node.setIn(rest, value);
          else if (node === void 0 && this.schema)
            this.set(key2, collectionFromPath(this.schema, rest, value));
          else
            throw new Error(`Expected YAML collection at ${key2}. Remaining path: ${rest}`);
        }
      }
    };
    exports2.Collection = Collection;
    exports2.collectionFromPath = collectionFromPath;
    exports2.isEmptyPath = isEmptyPath;
  }
});

// node_modules/yaml/dist/stringify/stringifyComment.js
var require_stringifyComment = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyComment.js"(exports2) {
    "use strict";
    var stringifyComment = (str) => str.replace(/^(?!$)(?: $)?/gm, "#");
    function indentComment(comment, indent) {
      if (/^\n+$/.test(comment))
        return comment.substring(1);
      return indent ? comment.replace(/^(?! *$)/gm, indent) : comment;
    }
    var lineComment = (str, indent, comment) => str.endsWith("\n") ? indentComment(comment, indent) : comment.includes("\n") ? "\n" + indentComment(comment, indent) : (str.endsWith(" ") ? "" : " ") + comment;
    exports2.indentComment = indentComment;
    exports2.lineComment = lineComment;
    exports2.stringifyComment = stringifyComment;
  }
});

// node_modules/yaml/dist/stringify/foldFlowLines.js
var require_foldFlowLines = __commonJS({
  "node_modules/yaml/dist/stringify/foldFlowLines.js"(exports2) {
    "use strict";
    var FOLD_FLOW = "flow";
    var FOLD_BLOCK = "block";
    var FOLD_QUOTED = "quoted";
    function foldFlowLines(text2, indent, mode = "flow", { indentAtStart, lineWidth = 80, minContentWidth = 20, onFold, onOverflow } = {}) {
      if (!lineWidth || lineWidth < 0)
        return text2;
      if (lineWidth < minContentWidth)
        minContentWidth = 0;
      const endStep = Math.max(1 + minContentWidth, 1 + lineWidth - indent.length);
      if (text2.length <= endStep)
        return text2;
      const folds = [];
      const escapedFolds = {};
      let end = lineWidth - indent.length;
      if (typeof indentAtStart === "number") {
        if (indentAtStart > lineWidth - Math.max(2, minContentWidth))
          folds.push(0);
        else
          end = lineWidth - indentAtStart;
      }
      let split = void 0;
      let prev = void 0;
      let overflow = false;
      let i = -1;
      let escStart = -1;
      let escEnd = -1;
      if (mode === FOLD_BLOCK) {
        i = consumeMoreIndentedLines(text2, i, indent.length);
        if (i !== -1)
          end = i + endStep;
      }
      for (let ch; ch = text2[i += 1]; ) {
        if (mode === FOLD_QUOTED && ch === "\\") {
          escStart = i;
          switch (text2[i + 1]) {
            case "x":
              i += 3;
              break;
            case "u":
              i += 5;
              break;
            case "U":
              i += 9;
              break;
            default:
              i += 1;
          }
          escEnd = i;
        }
        if (ch === "\n") {
          if (mode === FOLD_BLOCK)
            i = consumeMoreIndentedLines(text2, i, indent.length);
          end = i + indent.length + endStep;
          split = void 0;
        } else {
          if (ch === " " && prev && prev !== " " && prev !== "\n" && prev !== "	") {
            const next = text2[i + 1];
            if (next && next !== " " && next !== "\n" && next !== "	")
              split = i;
          }
          if (i >= end) {
            if (split) {
              folds.push(split);
              end = split + endStep;
              split = void 0;
            } else if (mode === FOLD_QUOTED) {
              while (prev === " " || prev === "	") {
                prev = ch;
                ch = text2[i += 1];
                overflow = true;
              }
              const j = i > escEnd + 1 ? i - 2 : escStart - 1;
              if (escapedFolds[j])
                return text2;
              folds.push(j);
              escapedFolds[j] = true;
              end = j + endStep;
              split = void 0;
            } else {
              overflow = true;
            }
          }
        }
        prev = ch;
      }
      if (overflow && onOverflow)
        onOverflow();
      if (folds.length === 0)
        return text2;
      if (onFold)
        onFold();
      let res = text2.slice(0, folds[0]);
      for (let i2 = 0; i2 < folds.length; ++i2) {
        const fold = folds[i2];
        const end2 = folds[i2 + 1] || text2.length;
        if (fold === 0)
          res = `
${indent}${text2.slice(0, end2)}`;
        else {
          if (mode === FOLD_QUOTED && escapedFolds[fold])
            res += `${text2[fold]}\\`;
          res += `
${indent}${text2.slice(fold + 1, end2)}`;
        }
      }
      return res;
    }
    function consumeMoreIndentedLines(text2, i, indent) {
      let end = i;
      let start = i + 1;
      let ch = text2[start];
      while (ch === " " || ch === "	") {
        if (i < start + indent) {
          ch = text2[++i];
        } else {
          do {
            ch = text2[++i];
          } while (ch && ch !== "\n");
          end = i;
          start = i + 1;
          ch = text2[start];
        }
      }
      return end;
    }
    exports2.FOLD_BLOCK = FOLD_BLOCK;
    exports2.FOLD_FLOW = FOLD_FLOW;
    exports2.FOLD_QUOTED = FOLD_QUOTED;
    exports2.foldFlowLines = foldFlowLines;
  }
});

// node_modules/yaml/dist/stringify/stringifyString.js
var require_stringifyString = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyString.js"(exports2) {
    "use strict";
    var Scalar = require_Scalar();
    var foldFlowLines = require_foldFlowLines();
    var getFoldOptions = (ctx, isBlock) => ({
      indentAtStart: isBlock ? ctx.indent.length : ctx.indentAtStart,
      lineWidth: ctx.options.lineWidth,
      minContentWidth: ctx.options.minContentWidth
    });
    var containsDocumentMarker = (str) => /^(%|---|\.\.\.)/m.test(str);
    function lineLengthOverLimit(str, lineWidth, indentLength) {
      if (!lineWidth || lineWidth < 0)
        return false;
      const limit = lineWidth - indentLength;
      const strLen = str.length;
      if (strLen <= limit)
        return false;
      for (let i = 0, start = 0; i < strLen; ++i) {
        if (str[i] === "\n") {
          if (i - start > limit)
            return true;
          start = i + 1;
          if (strLen - start <= limit)
            return false;
        }
      }
      return true;
    }
    function doubleQuotedString(value, ctx) {
      const json = JSON.stringify(value);
      if (ctx.options.doubleQuotedAsJSON)
        return json;
      const { implicitKey } = ctx;
      const minMultiLineLength = ctx.options.doubleQuotedMinMultiLineLength;
      const indent = ctx.indent || (containsDocumentMarker(value) ? "  " : "");
      let str = "";
      let start = 0;
      for (let i = 0, ch = json[i]; ch; ch = json[++i]) {
        if (ch === " " && json[i + 1] === "\\" && json[i + 2] === "n") {
          str += json.slice(start, i) + "\\ ";
          i += 1;
          start = i;
          ch = "\\";
        }
        if (ch === "\\")
          switch (json[i + 1]) {
            case "u":
              {
                str += json.slice(start, i);
                const code = json.substr(i + 2, 4);
                switch (code) {
                  case "0000":
                    str += "\\0";
                    break;
                  case "0007":
                    str += "\\a";
                    break;
                  case "000b":
                    str += "\\v";
                    break;
                  case "001b":
                    str += "\\e";
                    break;
                  case "0085":
                    str += "\\N";
                    break;
                  case "00a0":
                    str += "\\_";
                    break;
                  case "2028":
                    str += "\\L";
                    break;
                  case "2029":
                    str += "\\P";
                    break;
                  default:
                    if (code.substr(0, 2) === "00")
                      str += "\\x" + code.substr(2);
                    else
                      str += json.substr(i, 6);
                }
                i += 5;
                start = i + 1;
              }
              break;
            case "n":
              if (implicitKey || json[i + 2] === '"' || json.length < minMultiLineLength) {
                i += 1;
              } else {
                str += json.slice(start, i) + "\n\n";
                while (json[i + 2] === "\\" && json[i + 3] === "n" && json[i + 4] !== '"') {
                  str += "\n";
                  i += 2;
                }
                str += indent;
                if (json[i + 2] === " ")
                  str += "\\";
                i += 1;
                start = i + 1;
              }
              break;
            default:
              i += 1;
          }
      }
      str = start ? str + json.slice(start) : json;
      return implicitKey ? str : foldFlowLines.foldFlowLines(str, indent, foldFlowLines.FOLD_QUOTED, getFoldOptions(ctx, false));
    }
    function singleQuotedString(value, ctx) {
      if (ctx.options.singleQuote === false || ctx.implicitKey && value.includes("\n") || /[ \t]\n|\n[ \t]/.test(value))
        return doubleQuotedString(value, ctx);
      const indent = ctx.indent || (containsDocumentMarker(value) ? "  " : "");
      const res = "'" + value.replace(/'/g, "''").replace(/\n+/g, `$&
${indent}`) + "'";
      return ctx.implicitKey ? res : foldFlowLines.foldFlowLines(res, indent, foldFlowLines.FOLD_FLOW, getFoldOptions(ctx, false));
    }
    function quotedString(value, ctx) {
      const { singleQuote } = ctx.options;
      let qs;
      if (singleQuote === false)
        qs = doubleQuotedString;
      else {
        const hasDouble = value.includes('"');
        const hasSingle = value.includes("'");
        if (hasDouble && !hasSingle)
          qs = singleQuotedString;
        else if (hasSingle && !hasDouble)
          qs = doubleQuotedString;
        else
          qs = singleQuote ? singleQuotedString : doubleQuotedString;
      }
      return qs(value, ctx);
    }
    var blockEndNewlines;
    try {
      blockEndNewlines = new RegExp("(^|(?<!\n))\n+(?!\n|$)", "g");
    } catch {
      blockEndNewlines = /\n+(?!\n|$)/g;
    }
    function blockString({ comment, type, value }, ctx, onComment, onChompKeep) {
      const { blockQuote, commentString, lineWidth } = ctx.options;
      if (!blockQuote || /\n[\t ]+$/.test(value)) {
        return quotedString(value, ctx);
      }
      const indent = ctx.indent || (ctx.forceBlockIndent || containsDocumentMarker(value) ? "  " : "");
      const literal = blockQuote === "literal" ? true : blockQuote === "folded" || type === Scalar.Scalar.BLOCK_FOLDED ? false : type === Scalar.Scalar.BLOCK_LITERAL ? true : !lineLengthOverLimit(value, lineWidth, indent.length);
      if (!value)
        return literal ? "|\n" : ">\n";
      let chomp;
      let endStart;
      for (endStart = value.length; endStart > 0; --endStart) {
        const ch = value[endStart - 1];
        if (ch !== "\n" && ch !== "	" && ch !== " ")
          break;
      }
      let end = value.substring(endStart);
      const endNlPos = end.indexOf("\n");
      if (endNlPos === -1) {
        chomp = "-";
      } else if (value === end || endNlPos !== end.length - 1) {
        chomp = "+";
        if (onChompKeep)
          onChompKeep();
      } else {
        chomp = "";
      }
      if (end) {
        value = value.slice(0, -end.length);
        if (end[end.length - 1] === "\n")
          end = end.slice(0, -1);
        end = end.replace(blockEndNewlines, `$&${indent}`);
      }
      let startWithSpace = false;
      let startEnd;
      let startNlPos = -1;
      for (startEnd = 0; startEnd < value.length; ++startEnd) {
        const ch = value[startEnd];
        if (ch === " ")
          startWithSpace = true;
        else if (ch === "\n")
          startNlPos = startEnd;
        else
          break;
      }
      let start = value.substring(0, startNlPos < startEnd ? startNlPos + 1 : startEnd);
      if (start) {
        value = value.substring(start.length);
        start = start.replace(/\n+/g, `$&${indent}`);
      }
      const indentSize = indent ? "2" : "1";
      let header = (startWithSpace ? indentSize : "") + chomp;
      if (comment) {
        header += " " + commentString(comment.replace(/ ?[\r\n]+/g, " "));
        if (onComment)
          onComment();
      }
      if (!literal) {
        const foldedValue = value.replace(/\n+/g, "\n$&").replace(/(?:^|\n)([\t ].*)(?:([\n\t ]*)\n(?![\n\t ]))?/g, "$1$2").replace(/\n+/g, `$&${indent}`);
        let literalFallback = false;
        const foldOptions = getFoldOptions(ctx, true);
        if (blockQuote !== "folded" && type !== Scalar.Scalar.BLOCK_FOLDED) {
          foldOptions.onOverflow = () => {
            literalFallback = true;
          };
        }
        const body = foldFlowLines.foldFlowLines(`${start}${foldedValue}${end}`, indent, foldFlowLines.FOLD_BLOCK, foldOptions);
        if (!literalFallback)
          return `>${header}
${indent}${body}`;
      }
      value = value.replace(/\n+/g, `$&${indent}`);
      return `|${header}
${indent}${start}${value}${end}`;
    }
    function plainString(item, ctx, onComment, onChompKeep) {
      const { type, value } = item;
      const { actualString, implicitKey, indent, indentStep, inFlow } = ctx;
      if (implicitKey && value.includes("\n") || inFlow && /[[\]{},]/.test(value)) {
        return quotedString(value, ctx);
      }
      if (/^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/.test(value)) {
        return implicitKey || inFlow || !value.includes("\n") ? quotedString(value, ctx) : blockString(item, ctx, onComment, onChompKeep);
      }
      if (!implicitKey && !inFlow && type !== Scalar.Scalar.PLAIN && value.includes("\n")) {
        return blockString(item, ctx, onComment, onChompKeep);
      }
      if (containsDocumentMarker(value)) {
        if (indent === "") {
          ctx.forceBlockIndent = true;
          return blockString(item, ctx, onComment, onChompKeep);
        } else if (implicitKey && indent === indentStep) {
          return quotedString(value, ctx);
        }
      }
      const str = value.replace(/\n+/g, `$&
${indent}`);
      if (actualString) {
        const test = (tag) => tag.default && tag.tag !== "tag:yaml.org,2002:str" && tag.test?.test(str);
        const { compat, tags } = ctx.doc.schema;
        if (tags.some(test) || compat?.some(test))
          return quotedString(value, ctx);
      }
      return implicitKey ? str : foldFlowLines.foldFlowLines(str, indent, foldFlowLines.FOLD_FLOW, getFoldOptions(ctx, false));
    }
    function stringifyString(item, ctx, onComment, onChompKeep) {
      const { implicitKey, inFlow } = ctx;
      const ss = typeof item.value === "string" ? item : Object.assign({}, item, { value: String(item.value) });
      let { type } = item;
      if (type !== Scalar.Scalar.QUOTE_DOUBLE) {
        if (/[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u.test(ss.value))
          type = Scalar.Scalar.QUOTE_DOUBLE;
      }
      const _stringify = (_type) => {
        switch (_type) {
          case Scalar.Scalar.BLOCK_FOLDED:
          case Scalar.Scalar.BLOCK_LITERAL:
            return implicitKey || inFlow ? quotedString(ss.value, ctx) : blockString(ss, ctx, onComment, onChompKeep);
          case Scalar.Scalar.QUOTE_DOUBLE:
            return doubleQuotedString(ss.value, ctx);
          case Scalar.Scalar.QUOTE_SINGLE:
            return singleQuotedString(ss.value, ctx);
          case Scalar.Scalar.PLAIN:
            return plainString(ss, ctx, onComment, onChompKeep);
          default:
            return null;
        }
      };
      let res = _stringify(type);
      if (res === null) {
        const { defaultKeyType, defaultStringType } = ctx.options;
        const t = implicitKey && defaultKeyType || defaultStringType;
        res = _stringify(t);
        if (res === null)
          throw new Error(`Unsupported default string type ${t}`);
      }
      return res;
    }
    exports2.stringifyString = stringifyString;
  }
});

// node_modules/yaml/dist/stringify/stringify.js
var require_stringify = __commonJS({
  "node_modules/yaml/dist/stringify/stringify.js"(exports2) {
    "use strict";
    var anchors = require_anchors();
    var identity = require_identity();
    var stringifyComment = require_stringifyComment();
    var stringifyString = require_stringifyString();
    function createStringifyContext(doc, options) {
      const opt = Object.assign({
        blockQuote: true,
        commentString: stringifyComment.stringifyComment,
        defaultKeyType: null,
        defaultStringType: "PLAIN",
        directives: null,
        doubleQuotedAsJSON: false,
        doubleQuotedMinMultiLineLength: 40,
        falseStr: "false",
        flowCollectionPadding: true,
        indentSeq: true,
        lineWidth: 80,
        minContentWidth: 20,
        nullStr: "null",
        simpleKeys: false,
        singleQuote: null,
        trailingComma: false,
        trueStr: "true",
        verifyAliasOrder: true
      }, doc.schema.toStringOptions, options);
      let inFlow;
      switch (opt.collectionStyle) {
        case "block":
          inFlow = false;
          break;
        case "flow":
          inFlow = true;
          break;
        default:
          inFlow = null;
      }
      return {
        anchors: /* @__PURE__ */ new Set(),
        doc,
        flowCollectionPadding: opt.flowCollectionPadding ? " " : "",
        indent: "",
        indentStep: typeof opt.indent === "number" ? " ".repeat(opt.indent) : "  ",
        inFlow,
        options: opt
      };
    }
    function getTagObject(tags, item) {
      if (item.tag) {
        const match = tags.filter((t) => t.tag === item.tag);
        if (match.length > 0)
          return match.find((t) => t.format === item.format) ?? match[0];
      }
      let tagObj = void 0;
      let obj;
      if (identity.isScalar(item)) {
        obj = item.value;
        let match = tags.filter((t) => t.identify?.(obj));
        if (match.length > 1) {
          const testMatch = match.filter((t) => t.test);
          if (testMatch.length > 0)
            match = testMatch;
        }
        tagObj = match.find((t) => t.format === item.format) ?? match.find((t) => !t.format);
      } else {
        obj = item;
        tagObj = tags.find((t) => t.nodeClass && obj instanceof t.nodeClass);
      }
      if (!tagObj) {
        const name = obj?.constructor?.name ?? (obj === null ? "null" : typeof obj);
        throw new Error(`Tag not resolved for ${name} value`);
      }
      return tagObj;
    }
    function stringifyProps(node, tagObj, { anchors: anchors$1, doc }) {
      if (!doc.directives)
        return "";
      const props = [];
      const anchor = (identity.isScalar(node) || identity.isCollection(node)) && node.anchor;
      if (anchor && anchors.anchorIsValid(anchor)) {
        anchors$1.add(anchor);
        props.push(`&${anchor}`);
      }
      const tag = node.tag ?? (tagObj.default ? null : tagObj.tag);
      if (tag)
        props.push(doc.directives.tagString(tag));
      return props.join(" ");
    }
    function stringify2(item, ctx, onComment, onChompKeep) {
      if (identity.isPair(item))
        return item.toString(ctx, onComment, onChompKeep);
      if (identity.isAlias(item)) {
        if (ctx.doc.directives)
          return item.toString(ctx);
        if (ctx.resolvedAliases?.has(item)) {
          throw new TypeError(`Cannot stringify circular structure without alias nodes`);
        } else {
          if (ctx.resolvedAliases)
            ctx.resolvedAliases.add(item);
          else
            ctx.resolvedAliases = /* @__PURE__ */ new Set([item]);
          item = item.resolve(ctx.doc);
        }
      }
      let tagObj = void 0;
      const node = identity.isNode(item) ? item : ctx.doc.createNode(item, { onTagObj: (o) => tagObj = o });
      tagObj ?? (tagObj = getTagObject(ctx.doc.schema.tags, node));
      const props = stringifyProps(node, tagObj, ctx);
      if (props.length > 0)
        ctx.indentAtStart = (ctx.indentAtStart ?? 0) + props.length + 1;
      const str = typeof tagObj.stringify === "function" ? tagObj.stringify(node, ctx, onComment, onChompKeep) : identity.isScalar(node) ? stringifyString.stringifyString(node, ctx, onComment, onChompKeep) : node.toString(ctx, onComment, onChompKeep);
      if (!props)
        return str;
      return identity.isScalar(node) || str[0] === "{" || str[0] === "[" ? `${props} ${str}` : `${props}
${ctx.indent}${str}`;
    }
    exports2.createStringifyContext = createStringifyContext;
    exports2.stringify = stringify2;
  }
});

// node_modules/yaml/dist/stringify/stringifyPair.js
var require_stringifyPair = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyPair.js"(exports2) {
    "use strict";
    var identity = require_identity();
    var Scalar = require_Scalar();
    var stringify2 = require_stringify();
    var stringifyComment = require_stringifyComment();
    function stringifyPair({ key: key2, value }, ctx, onComment, onChompKeep) {
      const { allNullValues, doc, indent, indentStep, options: { commentString, indentSeq, simpleKeys } } = ctx;
      let keyComment = identity.isNode(key2) && key2.comment || null;
      if (simpleKeys) {
        if (keyComment) {
          throw new Error("With simple keys, key nodes cannot have comments");
        }
        if (identity.isCollection(key2) || !identity.isNode(key2) && typeof key2 === "object") {
          const msg = "With simple keys, collection cannot be used as a key value";
          throw new Error(msg);
        }
      }
      let explicitKey = !simpleKeys && (!key2 || keyComment && value == null && !ctx.inFlow || identity.isCollection(key2) || (identity.isScalar(key2) ? key2.type === Scalar.Scalar.BLOCK_FOLDED || key2.type === Scalar.Scalar.BLOCK_LITERAL : typeof key2 === "object"));
      ctx = Object.assign({}, ctx, {
        allNullValues: false,
        implicitKey: !explicitKey && (simpleKeys || !allNullValues),
        indent: indent + indentStep
      });
      let keyCommentDone = false;
      let chompKeep = false;
      let str = stringify2.stringify(key2, ctx, () => keyCommentDone = true, () => chompKeep = true);
      if (!explicitKey && !ctx.inFlow && str.length > 1024) {
        if (simpleKeys)
          throw new Error("With simple keys, single line scalar must not span more than 1024 characters");
        explicitKey = true;
      }
      if (ctx.inFlow) {
        if (allNullValues || value == null) {
          if (keyCommentDone && onComment)
            onComment();
          return str === "" ? "?" : explicitKey ? `? ${str}` : str;
        }
      } else if (allNullValues && !simpleKeys || value == null && explicitKey) {
        str = `? ${str}`;
        if (keyComment && !keyCommentDone) {
          str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
        } else if (chompKeep && onChompKeep)
          onChompKeep();
        return str;
      }
      if (keyCommentDone)
        keyComment = null;
      if (explicitKey) {
        if (keyComment)
          str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
        str = `? ${str}
${indent}:`;
      } else {
        str = `${str}:`;
        if (keyComment)
          str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
      }
      let vsb, vcb, valueComment;
      if (identity.isNode(value)) {
        vsb = !!value.spaceBefore;
        vcb = value.commentBefore;
        valueComment = value.comment;
      } else {
        vsb = false;
        vcb = null;
        valueComment = null;
        if (value && typeof value === "object")
          value = doc.createNode(value);
      }
      ctx.implicitKey = false;
      if (!explicitKey && !keyComment && identity.isScalar(value))
        ctx.indentAtStart = str.length + 1;
      chompKeep = false;
      if (!indentSeq && indentStep.length >= 2 && !ctx.inFlow && !explicitKey && identity.isSeq(value) && !value.flow && !value.tag && !value.anchor) {
        ctx.indent = ctx.indent.substring(2);
      }
      let valueCommentDone = false;
      const valueStr = stringify2.stringify(value, ctx, () => valueCommentDone = true, () => chompKeep = true);
      let ws = " ";
      if (keyComment || vsb || vcb) {
        ws = vsb ? "\n" : "";
        if (vcb) {
          const cs = commentString(vcb);
          ws += `
${stringifyComment.indentComment(cs, ctx.indent)}`;
        }
        if (valueStr === "" && !ctx.inFlow) {
          if (ws === "\n" && valueComment)
            ws = "\n\n";
        } else {
          ws += `
${ctx.indent}`;
        }
      } else if (!explicitKey && identity.isCollection(value)) {
        const vs0 = valueStr[0];
        const nl0 = valueStr.indexOf("\n");
        const hasNewline = nl0 !== -1;
        const flow = ctx.inFlow ?? value.flow ?? value.items.length === 0;
        if (hasNewline || !flow) {
          let hasPropsLine = false;
          if (hasNewline && (vs0 === "&" || vs0 === "!")) {
            let sp0 = valueStr.indexOf(" ");
            if (vs0 === "&" && sp0 !== -1 && sp0 < nl0 && valueStr[sp0 + 1] === "!") {
              sp0 = valueStr.indexOf(" ", sp0 + 1);
            }
            if (sp0 === -1 || nl0 < sp0)
              hasPropsLine = true;
          }
          if (!hasPropsLine)
            ws = `
${ctx.indent}`;
        }
      } else if (valueStr === "" || valueStr[0] === "\n") {
        ws = "";
      }
      str += ws + valueStr;
      if (ctx.inFlow) {
        if (valueCommentDone && onComment)
          onComment();
      } else if (valueComment && !valueCommentDone) {
        str += stringifyComment.lineComment(str, ctx.indent, commentString(valueComment));
      } else if (chompKeep && onChompKeep) {
        onChompKeep();
      }
      return str;
    }
    exports2.stringifyPair = stringifyPair;
  }
});

// node_modules/yaml/dist/log.js
var require_log = __commonJS({
  "node_modules/yaml/dist/log.js"(exports2) {
    "use strict";
    var node_process = require("process");
    function debug(logLevel, ...messages) {
      if (logLevel === "debug")
        console.log(...messages);
    }
    function warn(logLevel, warning) {
      if (logLevel === "debug" || logLevel === "warn") {
        if (typeof node_process.emitWarning === "function")
          node_process.emitWarning(warning);
        else
          console.warn(warning);
      }
    }
    exports2.debug = debug;
    exports2.warn = warn;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/merge.js
var require_merge = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/merge.js"(exports2) {
    "use strict";
    var identity = require_identity();
    var Scalar = require_Scalar();
    var MERGE_KEY = "<<";
    var merge = {
      identify: (value) => value === MERGE_KEY || typeof value === "symbol" && value.description === MERGE_KEY,
      default: "key",
      tag: "tag:yaml.org,2002:merge",
      test: /^<<$/,
      resolve: () => Object.assign(new Scalar.Scalar(Symbol(MERGE_KEY)), {
        addToJSMap: addMergeToJSMap
      }),
      stringify: () => MERGE_KEY
    };
    var isMergeKey = (ctx, key2) => (merge.identify(key2) || identity.isScalar(key2) && (!key2.type || key2.type === Scalar.Scalar.PLAIN) && merge.identify(key2.value)) && ctx?.doc.schema.tags.some((tag) => tag.tag === merge.tag && tag.default);
    function addMergeToJSMap(ctx, map, value) {
      const source = resolveAliasValue(ctx, value);
      if (identity.isSeq(source))
        for (const it of source.items)
          mergeValue(ctx, map, it);
      else if (Array.isArray(source))
        for (const it of source)
          mergeValue(ctx, map, it);
      else
        mergeValue(ctx, map, source);
    }
    function mergeValue(ctx, map, value) {
      const source = resolveAliasValue(ctx, value);
      if (!identity.isMap(source))
        throw new Error("Merge sources must be maps or map aliases");
      const srcMap = source.toJSON(null, ctx, Map);
      for (const [key2, value2] of srcMap) {
        if (map instanceof Map) {
          if (!map.has(key2))
            map.set(key2, value2);
        } else if (map instanceof Set) {
          map.add(key2);
        } else if (!Object.prototype.hasOwnProperty.call(map, key2)) {
          Object.defineProperty(map, key2, {
            value: value2,
            writable: true,
            enumerable: true,
            configurable: true
          });
        }
      }
      return map;
    }
    function resolveAliasValue(ctx, value) {
      return ctx && identity.isAlias(value) ? value.resolve(ctx.doc, ctx) : value;
    }
    exports2.addMergeToJSMap = addMergeToJSMap;
    exports2.isMergeKey = isMergeKey;
    exports2.merge = merge;
  }
});

// node_modules/yaml/dist/nodes/addPairToJSMap.js
var require_addPairToJSMap = __commonJS({
  "node_modules/yaml/dist/nodes/addPairToJSMap.js"(exports2) {
    "use strict";
    var log = require_log();
    var merge = require_merge();
    var stringify2 = require_stringify();
    var identity = require_identity();
    var toJS = require_toJS();
    function addPairToJSMap(ctx, map, { key: key2, value }) {
      if (identity.isNode(key2) && key2.addToJSMap)
        key2.addToJSMap(ctx, map, value);
      else if (merge.isMergeKey(ctx, key2))
        merge.addMergeToJSMap(ctx, map, value);
      else {
        const jsKey = toJS.toJS(key2, "", ctx);
        if (map instanceof Map) {
          map.set(jsKey, toJS.toJS(value, jsKey, ctx));
        } else if (map instanceof Set) {
          map.add(jsKey);
        } else {
          const stringKey = stringifyKey(key2, jsKey, ctx);
          const jsValue = toJS.toJS(value, stringKey, ctx);
          if (stringKey in map)
            Object.defineProperty(map, stringKey, {
              value: jsValue,
              writable: true,
              enumerable: true,
              configurable: true
            });
          else
            map[stringKey] = jsValue;
        }
      }
      return map;
    }
    function stringifyKey(key2, jsKey, ctx) {
      if (jsKey === null)
        return "";
      if (typeof jsKey !== "object")
        return String(jsKey);
      if (identity.isNode(key2) && ctx?.doc) {
        const strCtx = stringify2.createStringifyContext(ctx.doc, {});
        strCtx.anchors = /* @__PURE__ */ new Set();
        for (const node of ctx.anchors.keys())
          strCtx.anchors.add(node.anchor);
        strCtx.inFlow = true;
        strCtx.inStringifyKey = true;
        const strKey = key2.toString(strCtx);
        if (!ctx.mapKeyWarned) {
          let jsonStr = JSON.stringify(strKey);
          if (jsonStr.length > 40)
            jsonStr = jsonStr.substring(0, 36) + '..."';
          log.warn(ctx.doc.options.logLevel, `Keys with collection values will be stringified due to JS Object restrictions: ${jsonStr}. Set mapAsMap: true to use object keys.`);
          ctx.mapKeyWarned = true;
        }
        return strKey;
      }
      return JSON.stringify(jsKey);
    }
    exports2.addPairToJSMap = addPairToJSMap;
  }
});

// node_modules/yaml/dist/nodes/Pair.js
var require_Pair = __commonJS({
  "node_modules/yaml/dist/nodes/Pair.js"(exports2) {
    "use strict";
    var createNode = require_createNode();
    var stringifyPair = require_stringifyPair();
    var addPairToJSMap = require_addPairToJSMap();
    var identity = require_identity();
    function createPair(key2, value, ctx) {
      const k = createNode.createNode(key2, void 0, ctx);
      const v = createNode.createNode(value, void 0, ctx);
      return new Pair(k, v);
    }
    var Pair = class _Pair {
      constructor(key2, value = null) {
        Object.defineProperty(this, identity.NODE_TYPE, { value: identity.PAIR });
        this.key = key2;
        this.value = value;
      }
      clone(schema) {
        let { key: key2, value } = this;
        if (identity.isNode(key2))
          key2 = key2.clone(schema);
        if (identity.isNode(value))
          value = value.clone(schema);
        return new _Pair(key2, value);
      }
      toJSON(_, ctx) {
        const pair = ctx?.mapAsMap ? /* @__PURE__ */ new Map() : {};
        return addPairToJSMap.addPairToJSMap(ctx, pair, this);
      }
      toString(ctx, onComment, onChompKeep) {
        return ctx?.doc ? stringifyPair.stringifyPair(this, ctx, onComment, onChompKeep) : JSON.stringify(this);
      }
    };
    exports2.Pair = Pair;
    exports2.createPair = createPair;
  }
});

// node_modules/yaml/dist/stringify/stringifyCollection.js
var require_stringifyCollection = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyCollection.js"(exports2) {
    "use strict";
    var identity = require_identity();
    var stringify2 = require_stringify();
    var stringifyComment = require_stringifyComment();
    function stringifyCollection(collection, ctx, options) {
      const flow = ctx.inFlow ?? collection.flow;
      const stringify3 = flow ? stringifyFlowCollection : stringifyBlockCollection;
      return stringify3(collection, ctx, options);
    }
    function stringifyBlockCollection({ comment, items }, ctx, { blockItemPrefix, flowChars, itemIndent, onChompKeep, onComment }) {
      const { indent, options: { commentString } } = ctx;
      const itemCtx = Object.assign({}, ctx, { indent: itemIndent, type: null });
      let chompKeep = false;
      const lines = [];
      for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment2 = null;
        if (identity.isNode(item)) {
          if (!chompKeep && item.spaceBefore)
            lines.push("");
          addCommentBefore(ctx, lines, item.commentBefore, chompKeep);
          if (item.comment)
            comment2 = item.comment;
        } else if (identity.isPair(item)) {
          const ik = identity.isNode(item.key) ? item.key : null;
          if (ik) {
            if (!chompKeep && ik.spaceBefore)
              lines.push("");
            addCommentBefore(ctx, lines, ik.commentBefore, chompKeep);
          }
        }
        chompKeep = false;
        let str2 = stringify2.stringify(item, itemCtx, () => comment2 = null, () => chompKeep = true);
        if (comment2)
          str2 += stringifyComment.lineComment(str2, itemIndent, commentString(comment2));
        if (chompKeep && comment2)
          chompKeep = false;
        lines.push(blockItemPrefix + str2);
      }
      let str;
      if (lines.length === 0) {
        str = flowChars.start + flowChars.end;
      } else {
        str = lines[0];
        for (let i = 1; i < lines.length; ++i) {
          const line = lines[i];
          str += line ? `
${indent}${line}` : "\n";
        }
      }
      if (comment) {
        str += "\n" + stringifyComment.indentComment(commentString(comment), indent);
        if (onComment)
          onComment();
      } else if (chompKeep && onChompKeep)
        onChompKeep();
      return str;
    }
    function stringifyFlowCollection({ items }, ctx, { flowChars, itemIndent }) {
      const { indent, indentStep, flowCollectionPadding: fcPadding, options: { commentString } } = ctx;
      itemIndent += indentStep;
      const itemCtx = Object.assign({}, ctx, {
        indent: itemIndent,
        inFlow: true,
        type: null
      });
      let reqNewline = false;
      let linesAtValue = 0;
      const lines = [];
      for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment = null;
        if (identity.isNode(item)) {
          if (item.spaceBefore)
            lines.push("");
          addCommentBefore(ctx, lines, item.commentBefore, false);
          if (item.comment)
            comment = item.comment;
        } else if (identity.isPair(item)) {
          const ik = identity.isNode(item.key) ? item.key : null;
          if (ik) {
            if (ik.spaceBefore)
              lines.push("");
            addCommentBefore(ctx, lines, ik.commentBefore, false);
            if (ik.comment)
              reqNewline = true;
          }
          const iv = identity.isNode(item.value) ? item.value : null;
          if (iv) {
            if (iv.comment)
              comment = iv.comment;
            if (iv.commentBefore)
              reqNewline = true;
          } else if (item.value == null && ik?.comment) {
            comment = ik.comment;
          }
        }
        if (comment)
          reqNewline = true;
        let str = stringify2.stringify(item, itemCtx, () => comment = null);
        reqNewline || (reqNewline = lines.length > linesAtValue || str.includes("\n"));
        if (i < items.length - 1) {
          str += ",";
        } else if (ctx.options.trailingComma) {
          if (ctx.options.lineWidth > 0) {
            reqNewline || (reqNewline = lines.reduce((sum, line) => sum + line.length + 2, 2) + (str.length + 2) > ctx.options.lineWidth);
          }
          if (reqNewline) {
            str += ",";
          }
        }
        if (comment)
          str += stringifyComment.lineComment(str, itemIndent, commentString(comment));
        lines.push(str);
        linesAtValue = lines.length;
      }
      const { start, end } = flowChars;
      if (lines.length === 0) {
        return start + end;
      } else {
        if (!reqNewline) {
          const len = lines.reduce((sum, line) => sum + line.length + 2, 2);
          reqNewline = ctx.options.lineWidth > 0 && len > ctx.options.lineWidth;
        }
        if (reqNewline) {
          let str = start;
          for (const line of lines)
            str += line ? `
${indentStep}${indent}${line}` : "\n";
          return `${str}
${indent}${end}`;
        } else {
          return `${start}${fcPadding}${lines.join(" ")}${fcPadding}${end}`;
        }
      }
    }
    function addCommentBefore({ indent, options: { commentString } }, lines, comment, chompKeep) {
      if (comment && chompKeep)
        comment = comment.replace(/^\n+/, "");
      if (comment) {
        const ic = stringifyComment.indentComment(commentString(comment), indent);
        lines.push(ic.trimStart());
      }
    }
    exports2.stringifyCollection = stringifyCollection;
  }
});

// node_modules/yaml/dist/nodes/YAMLMap.js
var require_YAMLMap = __commonJS({
  "node_modules/yaml/dist/nodes/YAMLMap.js"(exports2) {
    "use strict";
    var stringifyCollection = require_stringifyCollection();
    var addPairToJSMap = require_addPairToJSMap();
    var Collection = require_Collection();
    var identity = require_identity();
    var Pair = require_Pair();
    var Scalar = require_Scalar();
    function findPair(items, key2) {
      const k = identity.isScalar(key2) ? key2.value : key2;
      for (const it of items) {
        if (identity.isPair(it)) {
          if (it.key === key2 || it.key === k)
            return it;
          if (identity.isScalar(it.key) && it.key.value === k)
            return it;
        }
      }
      return void 0;
    }
    var YAMLMap = class extends Collection.Collection {
      static get tagName() {
        return "tag:yaml.org,2002:map";
      }
      constructor(schema) {
        super(identity.MAP, schema);
        this.items = [];
      }
      /**
       * A generic collection parsing method that can be extended
       * to other node classes that inherit from YAMLMap
       */
      static from(schema, obj, ctx) {
        const { keepUndefined, replacer } = ctx;
        const map = new this(schema);
        const add = (key2, value) => {
          if (typeof replacer === "function")
            value = replacer.call(obj, key2, value);
          else if (Array.isArray(replacer) && !replacer.includes(key2))
            return;
          if (value !== void 0 || keepUndefined)
            map.items.push(Pair.createPair(key2, value, ctx));
        };
        if (obj instanceof Map) {
          for (const [key2, value] of obj)
            add(key2, value);
        } else if (obj && typeof obj === "object") {
          for (const key2 of Object.keys(obj))
            add(key2, obj[key2]);
        }
        if (typeof schema.sortMapEntries === "function") {
          map.items.sort(schema.sortMapEntries);
        }
        return map;
      }
      /**
       * Adds a value to the collection.
       *
       * @param overwrite - If not set `true`, using a key that is already in the
       *   collection will throw. Otherwise, overwrites the previous value.
       */
      add(pair, overwrite) {
        let _pair;
        if (identity.isPair(pair))
          _pair = pair;
        else if (!pair || typeof pair !== "object" || !("key" in pair)) {
          _pair = new Pair.Pair(pair, pair?.value);
        } else
          _pair = new Pair.Pair(pair.key, pair.value);
        const prev = findPair(this.items, _pair.key);
        const sortEntries = this.schema?.sortMapEntries;
        if (prev) {
          if (!overwrite)
            throw new Error(`Key ${_pair.key} already set`);
          if (identity.isScalar(prev.value) && Scalar.isScalarValue(_pair.value))
            prev.value.value = _pair.value;
          else
            prev.value = _pair.value;
        } else if (sortEntries) {
          const i = this.items.findIndex((item) => sortEntries(_pair, item) < 0);
          if (i === -1)
            this.items.push(_pair);
          else
            this.items.splice(i, 0, _pair);
        } else {
          this.items.push(_pair);
        }
      }
      delete(key2) {
        const it = findPair(this.items, key2);
        if (!it)
          return false;
        const del = this.items.splice(this.items.indexOf(it), 1);
        return del.length > 0;
      }
      get(key2, keepScalar) {
        const it = findPair(this.items, key2);
        const node = it?.value;
        return (!keepScalar && identity.isScalar(node) ? node.value : node) ?? void 0;
      }
      has(key2) {
        return !!findPair(this.items, key2);
      }
      set(key2, value) {
        this.add(new Pair.Pair(key2, value), true);
      }
      /**
       * @param ctx - Conversion context, originally set in Document#toJS()
       * @param {Class} Type - If set, forces the returned collection type
       * @returns Instance of Type, Map, or Object
       */
      toJSON(_, ctx, Type) {
        const map = Type ? new Type() : ctx?.mapAsMap ? /* @__PURE__ */ new Map() : {};
        if (ctx?.onCreate)
          ctx.onCreate(map);
        for (const item of this.items)
          addPairToJSMap.addPairToJSMap(ctx, map, item);
        return map;
      }
      toString(ctx, onComment, onChompKeep) {
        if (!ctx)
          return JSON.stringify(this);
        for (const item of this.items) {
          if (!identity.isPair(item))
            throw new Error(`Map items must all be pairs; found ${JSON.stringify(item)} instead`);
        }
        if (!ctx.allNullValues && this.hasAllNullValues(false))
          ctx = Object.assign({}, ctx, { allNullValues: true });
        return stringifyCollection.stringifyCollection(this, ctx, {
          blockItemPrefix: "",
          flowChars: { start: "{", end: "}" },
          itemIndent: ctx.indent || "",
          onChompKeep,
          onComment
        });
      }
    };
    exports2.YAMLMap = YAMLMap;
    exports2.findPair = findPair;
  }
});

// node_modules/yaml/dist/schema/common/map.js
var require_map = __commonJS({
  "node_modules/yaml/dist/schema/common/map.js"(exports2) {
    "use strict";
    var identity = require_identity();
    var YAMLMap = require_YAMLMap();
    var map = {
      collection: "map",
      default: true,
      nodeClass: YAMLMap.YAMLMap,
      tag: "tag:yaml.org,2002:map",
      resolve(map2, onError) {
        if (!identity.isMap(map2))
          onError("Expected a mapping for this tag");
        return map2;
      },
      createNode: (schema, obj, ctx) => YAMLMap.YAMLMap.from(schema, obj, ctx)
    };
    exports2.map = map;
  }
});

// node_modules/yaml/dist/nodes/YAMLSeq.js
var require_YAMLSeq = __commonJS({
  "node_modules/yaml/dist/nodes/YAMLSeq.js"(exports2) {
    "use strict";
    var createNode = require_createNode();
    var stringifyCollection = require_stringifyCollection();
    var Collection = require_Collection();
    var identity = require_identity();
    var Scalar = require_Scalar();
    var toJS = require_toJS();
    var YAMLSeq = class extends Collection.Collection {
      static get tagName() {
        return "tag:yaml.org,2002:seq";
      }
      constructor(schema) {
        super(identity.SEQ, schema);
        this.items = [];
      }
      add(value) {
        this.items.push(value);
      }
      /**
       * Removes a value from the collection.
       *
       * `key` must contain a representation of an integer for this to succeed.
       * It may be wrapped in a `Scalar`.
       *
       * @returns `true` if the item was found and removed.
       */
      delete(key2) {
        const idx = asItemIndex(key2);
        if (typeof idx !== "number")
          return false;
        const del = this.items.splice(idx, 1);
        return del.length > 0;
      }
      get(key2, keepScalar) {
        const idx = asItemIndex(key2);
        if (typeof idx !== "number")
          return void 0;
        const it = this.items[idx];
        return !keepScalar && identity.isScalar(it) ? it.value : it;
      }
      /**
       * Checks if the collection includes a value with the key `key`.
       *
       * `key` must contain a representation of an integer for this to succeed.
       * It may be wrapped in a `Scalar`.
       */
      has(key2) {
        const idx = asItemIndex(key2);
        return typeof idx === "number" && idx < this.items.length;
      }
      /**
       * Sets a value in this collection. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       *
       * If `key` does not contain a representation of an integer, this will throw.
       * It may be wrapped in a `Scalar`.
       */
      set(key2, value) {
        const idx = asItemIndex(key2);
        if (typeof idx !== "number")
          throw new Error(`Expected a valid index, not ${key2}.`);
        const prev = this.items[idx];
        if (identity.isScalar(prev) && Scalar.isScalarValue(value))
          prev.value = value;
        else
          this.items[idx] = value;
      }
      toJSON(_, ctx) {
        const seq = [];
        if (ctx?.onCreate)
          ctx.onCreate(seq);
        let i = 0;
        for (const item of this.items)
          seq.push(toJS.toJS(item, String(i++), ctx));
        return seq;
      }
      toString(ctx, onComment, onChompKeep) {
        if (!ctx)
          return JSON.stringify(this);
        return stringifyCollection.stringifyCollection(this, ctx, {
          blockItemPrefix: "- ",
          flowChars: { start: "[", end: "]" },
          itemIndent: (ctx.indent || "") + "  ",
          onChompKeep,
          onComment
        });
      }
      static from(schema, obj, ctx) {
        const { replacer } = ctx;
        const seq = new this(schema);
        if (obj && Symbol.iterator in Object(obj)) {
          let i = 0;
          for (let it of obj) {
            if (typeof replacer === "function") {
              const key2 = obj instanceof Set ? it : String(i++);
              it = replacer.call(obj, key2, it);
            }
            seq.items.push(createNode.createNode(it, void 0, ctx));
          }
        }
        return seq;
      }
    };
    function asItemIndex(key2) {
      let idx = identity.isScalar(key2) ? key2.value : key2;
      if (idx && typeof idx === "string")
        idx = Number(idx);
      return typeof idx === "number" && Number.isInteger(idx) && idx >= 0 ? idx : null;
    }
    exports2.YAMLSeq = YAMLSeq;
  }
});

// node_modules/yaml/dist/schema/common/seq.js
var require_seq = __commonJS({
  "node_modules/yaml/dist/schema/common/seq.js"(exports2) {
    "use strict";
    var identity = require_identity();
    var YAMLSeq = require_YAMLSeq();
    var seq = {
      collection: "seq",
      default: true,
      nodeClass: YAMLSeq.YAMLSeq,
      tag: "tag:yaml.org,2002:seq",
      resolve(seq2, onError) {
        if (!identity.isSeq(seq2))
          onError("Expected a sequence for this tag");
        return seq2;
      },
      createNode: (schema, obj, ctx) => YAMLSeq.YAMLSeq.from(schema, obj, ctx)
    };
    exports2.seq = seq;
  }
});

// node_modules/yaml/dist/schema/common/string.js
var require_string = __commonJS({
  "node_modules/yaml/dist/schema/common/string.js"(exports2) {
    "use strict";
    var stringifyString = require_stringifyString();
    var string = {
      identify: (value) => typeof value === "string",
      default: true,
      tag: "tag:yaml.org,2002:str",
      resolve: (str) => str,
      stringify(item, ctx, onComment, onChompKeep) {
        ctx = Object.assign({ actualString: true }, ctx);
        return stringifyString.stringifyString(item, ctx, onComment, onChompKeep);
      }
    };
    exports2.string = string;
  }
});

// node_modules/yaml/dist/schema/common/null.js
var require_null = __commonJS({
  "node_modules/yaml/dist/schema/common/null.js"(exports2) {
    "use strict";
    var Scalar = require_Scalar();
    var nullTag = {
      identify: (value) => value == null,
      createNode: () => new Scalar.Scalar(null),
      default: true,
      tag: "tag:yaml.org,2002:null",
      test: /^(?:~|[Nn]ull|NULL)?$/,
      resolve: () => new Scalar.Scalar(null),
      stringify: ({ source }, ctx) => typeof source === "string" && nullTag.test.test(source) ? source : ctx.options.nullStr
    };
    exports2.nullTag = nullTag;
  }
});

// node_modules/yaml/dist/schema/core/bool.js
var require_bool = __commonJS({
  "node_modules/yaml/dist/schema/core/bool.js"(exports2) {
    "use strict";
    var Scalar = require_Scalar();
    var boolTag = {
      identify: (value) => typeof value === "boolean",
      default: true,
      tag: "tag:yaml.org,2002:bool",
      test: /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
      resolve: (str) => new Scalar.Scalar(str[0] === "t" || str[0] === "T"),
      stringify({ source, value }, ctx) {
        if (source && boolTag.test.test(source)) {
          const sv = source[0] === "t" || source[0] === "T";
          if (value === sv)
            return source;
        }
        return value ? ctx.options.trueStr : ctx.options.falseStr;
      }
    };
    exports2.boolTag = boolTag;
  }
});

// node_modules/yaml/dist/stringify/stringifyNumber.js
var require_stringifyNumber = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyNumber.js"(exports2) {
    "use strict";
    function stringifyNumber({ format, minFractionDigits, tag, value }) {
      if (typeof value === "bigint")
        return String(value);
      const num = typeof value === "number" ? value : Number(value);
      if (!isFinite(num))
        return isNaN(num) ? ".nan" : num < 0 ? "-.inf" : ".inf";
      let n = Object.is(value, -0) ? "-0" : JSON.stringify(value);
      if (!format && minFractionDigits && (!tag || tag === "tag:yaml.org,2002:float") && /^-?\d/.test(n) && !n.includes("e")) {
        let i = n.indexOf(".");
        if (i < 0) {
          i = n.length;
          n += ".";
        }
        let d = minFractionDigits - (n.length - i - 1);
        while (d-- > 0)
          n += "0";
      }
      return n;
    }
    exports2.stringifyNumber = stringifyNumber;
  }
});

// node_modules/yaml/dist/schema/core/float.js
var require_float = __commonJS({
  "node_modules/yaml/dist/schema/core/float.js"(exports2) {
    "use strict";
    var Scalar = require_Scalar();
    var stringifyNumber = require_stringifyNumber();
    var floatNaN = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
      resolve: (str) => str.slice(-3).toLowerCase() === "nan" ? NaN : str[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY,
      stringify: stringifyNumber.stringifyNumber
    };
    var floatExp = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      format: "EXP",
      test: /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
      resolve: (str) => parseFloat(str),
      stringify(node) {
        const num = Number(node.value);
        return isFinite(num) ? num.toExponential() : stringifyNumber.stringifyNumber(node);
      }
    };
    var float = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
      resolve(str) {
        const node = new Scalar.Scalar(parseFloat(str));
        const dot = str.indexOf(".");
        if (dot !== -1 && str[str.length - 1] === "0")
          node.minFractionDigits = str.length - dot - 1;
        return node;
      },
      stringify: stringifyNumber.stringifyNumber
    };
    exports2.float = float;
    exports2.floatExp = floatExp;
    exports2.floatNaN = floatNaN;
  }
});

// node_modules/yaml/dist/schema/core/int.js
var require_int = __commonJS({
  "node_modules/yaml/dist/schema/core/int.js"(exports2) {
    "use strict";
    var stringifyNumber = require_stringifyNumber();
    var intIdentify = (value) => typeof value === "bigint" || Number.isInteger(value);
    var intResolve = (str, offset, radix, { intAsBigInt }) => intAsBigInt ? BigInt(str) : parseInt(str.substring(offset), radix);
    function intStringify(node, radix, prefix) {
      const { value } = node;
      if (intIdentify(value) && value >= 0)
        return prefix + value.toString(radix);
      return stringifyNumber.stringifyNumber(node);
    }
    var intOct = {
      identify: (value) => intIdentify(value) && value >= 0,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "OCT",
      test: /^0o[0-7]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 2, 8, opt),
      stringify: (node) => intStringify(node, 8, "0o")
    };
    var int2 = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      test: /^[-+]?[0-9]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 0, 10, opt),
      stringify: stringifyNumber.stringifyNumber
    };
    var intHex = {
      identify: (value) => intIdentify(value) && value >= 0,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "HEX",
      test: /^0x[0-9a-fA-F]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 2, 16, opt),
      stringify: (node) => intStringify(node, 16, "0x")
    };
    exports2.int = int2;
    exports2.intHex = intHex;
    exports2.intOct = intOct;
  }
});

// node_modules/yaml/dist/schema/core/schema.js
var require_schema = __commonJS({
  "node_modules/yaml/dist/schema/core/schema.js"(exports2) {
    "use strict";
    var map = require_map();
    var _null = require_null();
    var seq = require_seq();
    var string = require_string();
    var bool2 = require_bool();
    var float = require_float();
    var int2 = require_int();
    var schema = [
      map.map,
      seq.seq,
      string.string,
      _null.nullTag,
      bool2.boolTag,
      int2.intOct,
      int2.int,
      int2.intHex,
      float.floatNaN,
      float.floatExp,
      float.float
    ];
    exports2.schema = schema;
  }
});

// node_modules/yaml/dist/schema/json/schema.js
var require_schema2 = __commonJS({
  "node_modules/yaml/dist/schema/json/schema.js"(exports2) {
    "use strict";
    var Scalar = require_Scalar();
    var map = require_map();
    var seq = require_seq();
    function intIdentify(value) {
      return typeof value === "bigint" || Number.isInteger(value);
    }
    var stringifyJSON = ({ value }) => JSON.stringify(value);
    var jsonScalars = [
      {
        identify: (value) => typeof value === "string",
        default: true,
        tag: "tag:yaml.org,2002:str",
        resolve: (str) => str,
        stringify: stringifyJSON
      },
      {
        identify: (value) => value == null,
        createNode: () => new Scalar.Scalar(null),
        default: true,
        tag: "tag:yaml.org,2002:null",
        test: /^null$/,
        resolve: () => null,
        stringify: stringifyJSON
      },
      {
        identify: (value) => typeof value === "boolean",
        default: true,
        tag: "tag:yaml.org,2002:bool",
        test: /^true$|^false$/,
        resolve: (str) => str === "true",
        stringify: stringifyJSON
      },
      {
        identify: intIdentify,
        default: true,
        tag: "tag:yaml.org,2002:int",
        test: /^-?(?:0|[1-9][0-9]*)$/,
        resolve: (str, _onError, { intAsBigInt }) => intAsBigInt ? BigInt(str) : parseInt(str, 10),
        stringify: ({ value }) => intIdentify(value) ? value.toString() : JSON.stringify(value)
      },
      {
        identify: (value) => typeof value === "number",
        default: true,
        tag: "tag:yaml.org,2002:float",
        test: /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?$/,
        resolve: (str) => parseFloat(str),
        stringify: stringifyJSON
      }
    ];
    var jsonError = {
      default: true,
      tag: "",
      test: /^/,
      resolve(str, onError) {
        onError(`Unresolved plain scalar ${JSON.stringify(str)}`);
        return str;
      }
    };
    var schema = [map.map, seq.seq].concat(jsonScalars, jsonError);
    exports2.schema = schema;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/binary.js
var require_binary = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/binary.js"(exports2) {
    "use strict";
    var node_buffer = require("buffer");
    var Scalar = require_Scalar();
    var stringifyString = require_stringifyString();
    var binary = {
      identify: (value) => value instanceof Uint8Array,
      // Buffer inherits from Uint8Array
      default: false,
      tag: "tag:yaml.org,2002:binary",
      /**
       * Returns a Buffer in node and an Uint8Array in browsers
       *
       * To use the resulting buffer as an image, you'll want to do something like:
       *
       *   const blob = new Blob([buffer], { type: 'image/jpeg' })
       *   document.querySelector('#photo').src = URL.createObjectURL(blob)
       */
      resolve(src, onError) {
        if (typeof node_buffer.Buffer === "function") {
          return node_buffer.Buffer.from(src, "base64");
        } else if (typeof atob === "function") {
          const str = atob(src.replace(/[\n\r]/g, ""));
          const buffer = new Uint8Array(str.length);
          for (let i = 0; i < str.length; ++i)
            buffer[i] = str.charCodeAt(i);
          return buffer;
        } else {
          onError("This environment does not support reading binary tags; either Buffer or atob is required");
          return src;
        }
      },
      stringify({ comment, type, value }, ctx, onComment, onChompKeep) {
        if (!value)
          return "";
        const buf = value;
        let str;
        if (typeof node_buffer.Buffer === "function") {
          str = buf instanceof node_buffer.Buffer ? buf.toString("base64") : node_buffer.Buffer.from(buf.buffer).toString("base64");
        } else if (typeof btoa === "function") {
          let s = "";
          for (let i = 0; i < buf.length; ++i)
            s += String.fromCharCode(buf[i]);
          str = btoa(s);
        } else {
          throw new Error("This environment does not support writing binary tags; either Buffer or btoa is required");
        }
        type ?? (type = Scalar.Scalar.BLOCK_LITERAL);
        if (type !== Scalar.Scalar.QUOTE_DOUBLE) {
          const lineWidth = Math.max(ctx.options.lineWidth - ctx.indent.length, ctx.options.minContentWidth);
          const n = Math.ceil(str.length / lineWidth);
          const lines = new Array(n);
          for (let i = 0, o = 0; i < n; ++i, o += lineWidth) {
            lines[i] = str.substr(o, lineWidth);
          }
          str = lines.join(type === Scalar.Scalar.BLOCK_LITERAL ? "\n" : " ");
        }
        return stringifyString.stringifyString({ comment, type, value: str }, ctx, onComment, onChompKeep);
      }
    };
    exports2.binary = binary;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/pairs.js
var require_pairs = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/pairs.js"(exports2) {
    "use strict";
    var identity = require_identity();
    var Pair = require_Pair();
    var Scalar = require_Scalar();
    var YAMLSeq = require_YAMLSeq();
    function resolvePairs(seq, onError) {
      if (identity.isSeq(seq)) {
        for (let i = 0; i < seq.items.length; ++i) {
          let item = seq.items[i];
          if (identity.isPair(item))
            continue;
          else if (identity.isMap(item)) {
            if (item.items.length > 1)
              onError("Each pair must have its own sequence indicator");
            const pair = item.items[0] || new Pair.Pair(new Scalar.Scalar(null));
            if (item.commentBefore)
              pair.key.commentBefore = pair.key.commentBefore ? `${item.commentBefore}
${pair.key.commentBefore}` : item.commentBefore;
            if (item.comment) {
              const cn = pair.value ?? pair.key;
              cn.comment = cn.comment ? `${item.comment}
${cn.comment}` : item.comment;
            }
            item = pair;
          }
          seq.items[i] = identity.isPair(item) ? item : new Pair.Pair(item);
        }
      } else
        onError("Expected a sequence for this tag");
      return seq;
    }
    function createPairs(schema, iterable, ctx) {
      const { replacer } = ctx;
      const pairs2 = new YAMLSeq.YAMLSeq(schema);
      pairs2.tag = "tag:yaml.org,2002:pairs";
      let i = 0;
      if (iterable && Symbol.iterator in Object(iterable))
        for (let it of iterable) {
          if (typeof replacer === "function")
            it = replacer.call(iterable, String(i++), it);
          let key2, value;
          if (Array.isArray(it)) {
            if (it.length === 2) {
              key2 = it[0];
              value = it[1];
            } else
              throw new TypeError(`Expected [key, value] tuple: ${it}`);
          } else if (it && it instanceof Object) {
            const keys = Object.keys(it);
            if (keys.length === 1) {
              key2 = keys[0];
              value = it[key2];
            } else {
              throw new TypeError(`Expected tuple with one key, not ${keys.length} keys`);
            }
          } else {
            key2 = it;
          }
          pairs2.items.push(Pair.createPair(key2, value, ctx));
        }
      return pairs2;
    }
    var pairs = {
      collection: "seq",
      default: false,
      tag: "tag:yaml.org,2002:pairs",
      resolve: resolvePairs,
      createNode: createPairs
    };
    exports2.createPairs = createPairs;
    exports2.pairs = pairs;
    exports2.resolvePairs = resolvePairs;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/omap.js
var require_omap = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/omap.js"(exports2) {
    "use strict";
    var identity = require_identity();
    var toJS = require_toJS();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var pairs = require_pairs();
    var YAMLOMap = class _YAMLOMap extends YAMLSeq.YAMLSeq {
      constructor() {
        super();
        this.add = YAMLMap.YAMLMap.prototype.add.bind(this);
        this.delete = YAMLMap.YAMLMap.prototype.delete.bind(this);
        this.get = YAMLMap.YAMLMap.prototype.get.bind(this);
        this.has = YAMLMap.YAMLMap.prototype.has.bind(this);
        this.set = YAMLMap.YAMLMap.prototype.set.bind(this);
        this.tag = _YAMLOMap.tag;
      }
      /**
       * If `ctx` is given, the return type is actually `Map<unknown, unknown>`,
       * but TypeScript won't allow widening the signature of a child method.
       */
      toJSON(_, ctx) {
        if (!ctx)
          return super.toJSON(_);
        const map = /* @__PURE__ */ new Map();
        if (ctx?.onCreate)
          ctx.onCreate(map);
        for (const pair of this.items) {
          let key2, value;
          if (identity.isPair(pair)) {
            key2 = toJS.toJS(pair.key, "", ctx);
            value = toJS.toJS(pair.value, key2, ctx);
          } else {
            key2 = toJS.toJS(pair, "", ctx);
          }
          if (map.has(key2))
            throw new Error("Ordered maps must not include duplicate keys");
          map.set(key2, value);
        }
        return map;
      }
      static from(schema, iterable, ctx) {
        const pairs$1 = pairs.createPairs(schema, iterable, ctx);
        const omap2 = new this();
        omap2.items = pairs$1.items;
        return omap2;
      }
    };
    YAMLOMap.tag = "tag:yaml.org,2002:omap";
    var omap = {
      collection: "seq",
      identify: (value) => value instanceof Map,
      nodeClass: YAMLOMap,
      default: false,
      tag: "tag:yaml.org,2002:omap",
      resolve(seq, onError) {
        const pairs$1 = pairs.resolvePairs(seq, onError);
        const seenKeys = [];
        for (const { key: key2 } of pairs$1.items) {
          if (identity.isScalar(key2)) {
            if (seenKeys.includes(key2.value)) {
              onError(`Ordered maps must not include duplicate keys: ${key2.value}`);
            } else {
              seenKeys.push(key2.value);
            }
          }
        }
        return Object.assign(new YAMLOMap(), pairs$1);
      },
      createNode: (schema, iterable, ctx) => YAMLOMap.from(schema, iterable, ctx)
    };
    exports2.YAMLOMap = YAMLOMap;
    exports2.omap = omap;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/bool.js
var require_bool2 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/bool.js"(exports2) {
    "use strict";
    var Scalar = require_Scalar();
    function boolStringify({ value, source }, ctx) {
      const boolObj = value ? trueTag : falseTag;
      if (source && boolObj.test.test(source))
        return source;
      return value ? ctx.options.trueStr : ctx.options.falseStr;
    }
    var trueTag = {
      identify: (value) => value === true,
      default: true,
      tag: "tag:yaml.org,2002:bool",
      test: /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/,
      resolve: () => new Scalar.Scalar(true),
      stringify: boolStringify
    };
    var falseTag = {
      identify: (value) => value === false,
      default: true,
      tag: "tag:yaml.org,2002:bool",
      test: /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/,
      resolve: () => new Scalar.Scalar(false),
      stringify: boolStringify
    };
    exports2.falseTag = falseTag;
    exports2.trueTag = trueTag;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/float.js
var require_float2 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/float.js"(exports2) {
    "use strict";
    var Scalar = require_Scalar();
    var stringifyNumber = require_stringifyNumber();
    var floatNaN = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
      resolve: (str) => str.slice(-3).toLowerCase() === "nan" ? NaN : str[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY,
      stringify: stringifyNumber.stringifyNumber
    };
    var floatExp = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      format: "EXP",
      test: /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/,
      resolve: (str) => parseFloat(str.replace(/_/g, "")),
      stringify(node) {
        const num = Number(node.value);
        return isFinite(num) ? num.toExponential() : stringifyNumber.stringifyNumber(node);
      }
    };
    var float = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/,
      resolve(str) {
        const node = new Scalar.Scalar(parseFloat(str.replace(/_/g, "")));
        const dot = str.indexOf(".");
        if (dot !== -1) {
          const f = str.substring(dot + 1).replace(/_/g, "");
          if (f[f.length - 1] === "0")
            node.minFractionDigits = f.length;
        }
        return node;
      },
      stringify: stringifyNumber.stringifyNumber
    };
    exports2.float = float;
    exports2.floatExp = floatExp;
    exports2.floatNaN = floatNaN;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/int.js
var require_int2 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/int.js"(exports2) {
    "use strict";
    var stringifyNumber = require_stringifyNumber();
    var intIdentify = (value) => typeof value === "bigint" || Number.isInteger(value);
    function intResolve(str, offset, radix, { intAsBigInt }) {
      const sign = str[0];
      if (sign === "-" || sign === "+")
        offset += 1;
      str = str.substring(offset).replace(/_/g, "");
      if (intAsBigInt) {
        switch (radix) {
          case 2:
            str = `0b${str}`;
            break;
          case 8:
            str = `0o${str}`;
            break;
          case 16:
            str = `0x${str}`;
            break;
        }
        const n2 = BigInt(str);
        return sign === "-" ? BigInt(-1) * n2 : n2;
      }
      const n = parseInt(str, radix);
      return sign === "-" ? -1 * n : n;
    }
    function intStringify(node, radix, prefix) {
      const { value } = node;
      if (intIdentify(value)) {
        const str = value.toString(radix);
        return value < 0 ? "-" + prefix + str.substr(1) : prefix + str;
      }
      return stringifyNumber.stringifyNumber(node);
    }
    var intBin = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "BIN",
      test: /^[-+]?0b[0-1_]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 2, 2, opt),
      stringify: (node) => intStringify(node, 2, "0b")
    };
    var intOct = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "OCT",
      test: /^[-+]?0[0-7_]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 1, 8, opt),
      stringify: (node) => intStringify(node, 8, "0")
    };
    var int2 = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      test: /^[-+]?[0-9][0-9_]*$/,
      resolve: (str, _onError, opt) => intResolve(str, 0, 10, opt),
      stringify: stringifyNumber.stringifyNumber
    };
    var intHex = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "HEX",
      test: /^[-+]?0x[0-9a-fA-F_]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 2, 16, opt),
      stringify: (node) => intStringify(node, 16, "0x")
    };
    exports2.int = int2;
    exports2.intBin = intBin;
    exports2.intHex = intHex;
    exports2.intOct = intOct;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/set.js
var require_set = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/set.js"(exports2) {
    "use strict";
    var identity = require_identity();
    var Pair = require_Pair();
    var YAMLMap = require_YAMLMap();
    var YAMLSet = class _YAMLSet extends YAMLMap.YAMLMap {
      constructor(schema) {
        super(schema);
        this.tag = _YAMLSet.tag;
      }
      add(key2) {
        let pair;
        if (identity.isPair(key2))
          pair = key2;
        else if (key2 && typeof key2 === "object" && "key" in key2 && "value" in key2 && key2.value === null)
          pair = new Pair.Pair(key2.key, null);
        else
          pair = new Pair.Pair(key2, null);
        const prev = YAMLMap.findPair(this.items, pair.key);
        if (!prev)
          this.items.push(pair);
      }
      /**
       * If `keepPair` is `true`, returns the Pair matching `key`.
       * Otherwise, returns the value of that Pair's key.
       */
      get(key2, keepPair) {
        const pair = YAMLMap.findPair(this.items, key2);
        return !keepPair && identity.isPair(pair) ? identity.isScalar(pair.key) ? pair.key.value : pair.key : pair;
      }
      set(key2, value) {
        if (typeof value !== "boolean")
          throw new Error(`Expected boolean value for set(key, value) in a YAML set, not ${typeof value}`);
        const prev = YAMLMap.findPair(this.items, key2);
        if (prev && !value) {
          this.items.splice(this.items.indexOf(prev), 1);
        } else if (!prev && value) {
          this.items.push(new Pair.Pair(key2));
        }
      }
      toJSON(_, ctx) {
        return super.toJSON(_, ctx, Set);
      }
      toString(ctx, onComment, onChompKeep) {
        if (!ctx)
          return JSON.stringify(this);
        if (this.hasAllNullValues(true))
          return super.toString(Object.assign({}, ctx, { allNullValues: true }), onComment, onChompKeep);
        else
          throw new Error("Set items must all have null values");
      }
      static from(schema, iterable, ctx) {
        const { replacer } = ctx;
        const set2 = new this(schema);
        if (iterable && Symbol.iterator in Object(iterable))
          for (let value of iterable) {
            if (typeof replacer === "function")
              value = replacer.call(iterable, value, value);
            set2.items.push(Pair.createPair(value, null, ctx));
          }
        return set2;
      }
    };
    YAMLSet.tag = "tag:yaml.org,2002:set";
    var set = {
      collection: "map",
      identify: (value) => value instanceof Set,
      nodeClass: YAMLSet,
      default: false,
      tag: "tag:yaml.org,2002:set",
      createNode: (schema, iterable, ctx) => YAMLSet.from(schema, iterable, ctx),
      resolve(map, onError) {
        if (identity.isMap(map)) {
          if (map.hasAllNullValues(true))
            return Object.assign(new YAMLSet(), map);
          else
            onError("Set items must all have null values");
        } else
          onError("Expected a mapping for this tag");
        return map;
      }
    };
    exports2.YAMLSet = YAMLSet;
    exports2.set = set;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/timestamp.js
var require_timestamp = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/timestamp.js"(exports2) {
    "use strict";
    var stringifyNumber = require_stringifyNumber();
    function parseSexagesimal(str, asBigInt) {
      const sign = str[0];
      const parts = sign === "-" || sign === "+" ? str.substring(1) : str;
      const num = (n) => asBigInt ? BigInt(n) : Number(n);
      const res = parts.replace(/_/g, "").split(":").reduce((res2, p) => res2 * num(60) + num(p), num(0));
      return sign === "-" ? num(-1) * res : res;
    }
    function stringifySexagesimal(node) {
      let { value } = node;
      let num = (n) => n;
      if (typeof value === "bigint")
        num = (n) => BigInt(n);
      else if (isNaN(value) || !isFinite(value))
        return stringifyNumber.stringifyNumber(node);
      let sign = "";
      if (value < 0) {
        sign = "-";
        value *= num(-1);
      }
      const _60 = num(60);
      const parts = [value % _60];
      if (value < 60) {
        parts.unshift(0);
      } else {
        value = (value - parts[0]) / _60;
        parts.unshift(value % _60);
        if (value >= 60) {
          value = (value - parts[0]) / _60;
          parts.unshift(value);
        }
      }
      return sign + parts.map((n) => String(n).padStart(2, "0")).join(":").replace(/000000\d*$/, "");
    }
    var intTime = {
      identify: (value) => typeof value === "bigint" || Number.isInteger(value),
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "TIME",
      test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$/,
      resolve: (str, _onError, { intAsBigInt }) => parseSexagesimal(str, intAsBigInt),
      stringify: stringifySexagesimal
    };
    var floatTime = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      format: "TIME",
      test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$/,
      resolve: (str) => parseSexagesimal(str, false),
      stringify: stringifySexagesimal
    };
    var timestamp = {
      identify: (value) => value instanceof Date,
      default: true,
      tag: "tag:yaml.org,2002:timestamp",
      // If the time zone is omitted, the timestamp is assumed to be specified in UTC. The time part
      // may be omitted altogether, resulting in a date format. In such a case, the time part is
      // assumed to be 00:00:00Z (start of day, UTC).
      test: RegExp("^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:t|T|[ \\t]+)([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2}(\\.[0-9]+)?)(?:[ \\t]*(Z|[-+][012]?[0-9](?::[0-9]{2})?))?)?$"),
      resolve(str) {
        const match = str.match(timestamp.test);
        if (!match)
          throw new Error("!!timestamp expects a date, starting with yyyy-mm-dd");
        const [, year, month, day, hour, minute, second] = match.map(Number);
        const millisec = match[7] ? Number((match[7] + "00").substr(1, 3)) : 0;
        let date = Date.UTC(year, month - 1, day, hour || 0, minute || 0, second || 0, millisec);
        const tz = match[8];
        if (tz && tz !== "Z") {
          let d = parseSexagesimal(tz, false);
          if (Math.abs(d) < 30)
            d *= 60;
          date -= 6e4 * d;
        }
        return new Date(date);
      },
      stringify: ({ value }) => value?.toISOString().replace(/(T00:00:00)?\.000Z$/, "") ?? ""
    };
    exports2.floatTime = floatTime;
    exports2.intTime = intTime;
    exports2.timestamp = timestamp;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/schema.js
var require_schema3 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/schema.js"(exports2) {
    "use strict";
    var map = require_map();
    var _null = require_null();
    var seq = require_seq();
    var string = require_string();
    var binary = require_binary();
    var bool2 = require_bool2();
    var float = require_float2();
    var int2 = require_int2();
    var merge = require_merge();
    var omap = require_omap();
    var pairs = require_pairs();
    var set = require_set();
    var timestamp = require_timestamp();
    var schema = [
      map.map,
      seq.seq,
      string.string,
      _null.nullTag,
      bool2.trueTag,
      bool2.falseTag,
      int2.intBin,
      int2.intOct,
      int2.int,
      int2.intHex,
      float.floatNaN,
      float.floatExp,
      float.float,
      binary.binary,
      merge.merge,
      omap.omap,
      pairs.pairs,
      set.set,
      timestamp.intTime,
      timestamp.floatTime,
      timestamp.timestamp
    ];
    exports2.schema = schema;
  }
});

// node_modules/yaml/dist/schema/tags.js
var require_tags = __commonJS({
  "node_modules/yaml/dist/schema/tags.js"(exports2) {
    "use strict";
    var map = require_map();
    var _null = require_null();
    var seq = require_seq();
    var string = require_string();
    var bool2 = require_bool();
    var float = require_float();
    var int2 = require_int();
    var schema = require_schema();
    var schema$1 = require_schema2();
    var binary = require_binary();
    var merge = require_merge();
    var omap = require_omap();
    var pairs = require_pairs();
    var schema$2 = require_schema3();
    var set = require_set();
    var timestamp = require_timestamp();
    var schemas = /* @__PURE__ */ new Map([
      ["core", schema.schema],
      ["failsafe", [map.map, seq.seq, string.string]],
      ["json", schema$1.schema],
      ["yaml11", schema$2.schema],
      ["yaml-1.1", schema$2.schema]
    ]);
    var tagsByName = {
      binary: binary.binary,
      bool: bool2.boolTag,
      float: float.float,
      floatExp: float.floatExp,
      floatNaN: float.floatNaN,
      floatTime: timestamp.floatTime,
      int: int2.int,
      intHex: int2.intHex,
      intOct: int2.intOct,
      intTime: timestamp.intTime,
      map: map.map,
      merge: merge.merge,
      null: _null.nullTag,
      omap: omap.omap,
      pairs: pairs.pairs,
      seq: seq.seq,
      set: set.set,
      timestamp: timestamp.timestamp
    };
    var coreKnownTags = {
      "tag:yaml.org,2002:binary": binary.binary,
      "tag:yaml.org,2002:merge": merge.merge,
      "tag:yaml.org,2002:omap": omap.omap,
      "tag:yaml.org,2002:pairs": pairs.pairs,
      "tag:yaml.org,2002:set": set.set,
      "tag:yaml.org,2002:timestamp": timestamp.timestamp
    };
    function getTags(customTags, schemaName, addMergeTag) {
      const schemaTags = schemas.get(schemaName);
      if (schemaTags && !customTags) {
        return addMergeTag && !schemaTags.includes(merge.merge) ? schemaTags.concat(merge.merge) : schemaTags.slice();
      }
      let tags = schemaTags;
      if (!tags) {
        if (Array.isArray(customTags))
          tags = [];
        else {
          const keys = Array.from(schemas.keys()).filter((key2) => key2 !== "yaml11").map((key2) => JSON.stringify(key2)).join(", ");
          throw new Error(`Unknown schema "${schemaName}"; use one of ${keys} or define customTags array`);
        }
      }
      if (Array.isArray(customTags)) {
        for (const tag of customTags)
          tags = tags.concat(tag);
      } else if (typeof customTags === "function") {
        tags = customTags(tags.slice());
      }
      if (addMergeTag)
        tags = tags.concat(merge.merge);
      return tags.reduce((tags2, tag) => {
        const tagObj = typeof tag === "string" ? tagsByName[tag] : tag;
        if (!tagObj) {
          const tagName = JSON.stringify(tag);
          const keys = Object.keys(tagsByName).map((key2) => JSON.stringify(key2)).join(", ");
          throw new Error(`Unknown custom tag ${tagName}; use one of ${keys}`);
        }
        if (!tags2.includes(tagObj))
          tags2.push(tagObj);
        return tags2;
      }, []);
    }
    exports2.coreKnownTags = coreKnownTags;
    exports2.getTags = getTags;
  }
});

// node_modules/yaml/dist/schema/Schema.js
var require_Schema = __commonJS({
  "node_modules/yaml/dist/schema/Schema.js"(exports2) {
    "use strict";
    var identity = require_identity();
    var map = require_map();
    var seq = require_seq();
    var string = require_string();
    var tags = require_tags();
    var sortMapEntriesByKey = (a, b) => a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
    var Schema = class _Schema {
      constructor({ compat, customTags, merge, resolveKnownTags, schema, sortMapEntries, toStringDefaults }) {
        this.compat = Array.isArray(compat) ? tags.getTags(compat, "compat") : compat ? tags.getTags(null, compat) : null;
        this.name = typeof schema === "string" && schema || "core";
        this.knownTags = resolveKnownTags ? tags.coreKnownTags : {};
        this.tags = tags.getTags(customTags, this.name, merge);
        this.toStringOptions = toStringDefaults ?? null;
        Object.defineProperty(this, identity.MAP, { value: map.map });
        Object.defineProperty(this, identity.SCALAR, { value: string.string });
        Object.defineProperty(this, identity.SEQ, { value: seq.seq });
        this.sortMapEntries = typeof sortMapEntries === "function" ? sortMapEntries : sortMapEntries === true ? sortMapEntriesByKey : null;
      }
      clone() {
        const copy = Object.create(_Schema.prototype, Object.getOwnPropertyDescriptors(this));
        copy.tags = this.tags.slice();
        return copy;
      }
    };
    exports2.Schema = Schema;
  }
});

// node_modules/yaml/dist/stringify/stringifyDocument.js
var require_stringifyDocument = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyDocument.js"(exports2) {
    "use strict";
    var identity = require_identity();
    var stringify2 = require_stringify();
    var stringifyComment = require_stringifyComment();
    function stringifyDocument(doc, options) {
      const lines = [];
      let hasDirectives = options.directives === true;
      if (options.directives !== false && doc.directives) {
        const dir = doc.directives.toString(doc);
        if (dir) {
          lines.push(dir);
          hasDirectives = true;
        } else if (doc.directives.docStart)
          hasDirectives = true;
      }
      if (hasDirectives)
        lines.push("---");
      const ctx = stringify2.createStringifyContext(doc, options);
      const { commentString } = ctx.options;
      if (doc.commentBefore) {
        if (lines.length !== 1)
          lines.unshift("");
        const cs = commentString(doc.commentBefore);
        lines.unshift(stringifyComment.indentComment(cs, ""));
      }
      let chompKeep = false;
      let contentComment = null;
      if (doc.contents) {
        if (identity.isNode(doc.contents)) {
          if (doc.contents.spaceBefore && hasDirectives)
            lines.push("");
          if (doc.contents.commentBefore) {
            const cs = commentString(doc.contents.commentBefore);
            lines.push(stringifyComment.indentComment(cs, ""));
          }
          ctx.forceBlockIndent = !!doc.comment;
          contentComment = doc.contents.comment;
        }
        const onChompKeep = contentComment ? void 0 : () => chompKeep = true;
        let body = stringify2.stringify(doc.contents, ctx, () => contentComment = null, onChompKeep);
        if (contentComment)
          body += stringifyComment.lineComment(body, "", commentString(contentComment));
        if ((body[0] === "|" || body[0] === ">") && lines[lines.length - 1] === "---") {
          lines[lines.length - 1] = `--- ${body}`;
        } else
          lines.push(body);
      } else {
        lines.push(stringify2.stringify(doc.contents, ctx));
      }
      if (doc.directives?.docEnd) {
        if (doc.comment) {
          const cs = commentString(doc.comment);
          if (cs.includes("\n")) {
            lines.push("...");
            lines.push(stringifyComment.indentComment(cs, ""));
          } else {
            lines.push(`... ${cs}`);
          }
        } else {
          lines.push("...");
        }
      } else {
        let dc = doc.comment;
        if (dc && chompKeep)
          dc = dc.replace(/^\n+/, "");
        if (dc) {
          if ((!chompKeep || contentComment) && lines[lines.length - 1] !== "")
            lines.push("");
          lines.push(stringifyComment.indentComment(commentString(dc), ""));
        }
      }
      return lines.join("\n") + "\n";
    }
    exports2.stringifyDocument = stringifyDocument;
  }
});

// node_modules/yaml/dist/doc/Document.js
var require_Document = __commonJS({
  "node_modules/yaml/dist/doc/Document.js"(exports2) {
    "use strict";
    var Alias = require_Alias();
    var Collection = require_Collection();
    var identity = require_identity();
    var Pair = require_Pair();
    var toJS = require_toJS();
    var Schema = require_Schema();
    var stringifyDocument = require_stringifyDocument();
    var anchors = require_anchors();
    var applyReviver = require_applyReviver();
    var createNode = require_createNode();
    var directives = require_directives();
    var Document = class _Document {
      constructor(value, replacer, options) {
        this.commentBefore = null;
        this.comment = null;
        this.errors = [];
        this.warnings = [];
        Object.defineProperty(this, identity.NODE_TYPE, { value: identity.DOC });
        let _replacer = null;
        if (typeof replacer === "function" || Array.isArray(replacer)) {
          _replacer = replacer;
        } else if (options === void 0 && replacer) {
          options = replacer;
          replacer = void 0;
        }
        const opt = Object.assign({
          intAsBigInt: false,
          keepSourceTokens: false,
          logLevel: "warn",
          prettyErrors: true,
          strict: true,
          stringKeys: false,
          uniqueKeys: true,
          version: "1.2"
        }, options);
        this.options = opt;
        let { version } = opt;
        if (options?._directives) {
          this.directives = options._directives.atDocument();
          if (this.directives.yaml.explicit)
            version = this.directives.yaml.version;
        } else
          this.directives = new directives.Directives({ version });
        this.setSchema(version, options);
        this.contents = value === void 0 ? null : this.createNode(value, _replacer, options);
      }
      /**
       * Create a deep copy of this Document and its contents.
       *
       * Custom Node values that inherit from `Object` still refer to their original instances.
       */
      clone() {
        const copy = Object.create(_Document.prototype, {
          [identity.NODE_TYPE]: { value: identity.DOC }
        });
        copy.commentBefore = this.commentBefore;
        copy.comment = this.comment;
        copy.errors = this.errors.slice();
        copy.warnings = this.warnings.slice();
        copy.options = Object.assign({}, this.options);
        if (this.directives)
          copy.directives = this.directives.clone();
        copy.schema = this.schema.clone();
        copy.contents = identity.isNode(this.contents) ? this.contents.clone(copy.schema) : this.contents;
        if (this.range)
          copy.range = this.range.slice();
        return copy;
      }
      /** Adds a value to the document. */
      add(value) {
        if (assertCollection(this.contents))
          this.contents.add(value);
      }
      /** Adds a value to the document. */
      addIn(path, value) {
        if (assertCollection(this.contents))
          this.contents.addIn(path, value);
      }
      /**
       * Create a new `Alias` node, ensuring that the target `node` has the required anchor.
       *
       * If `node` already has an anchor, `name` is ignored.
       * Otherwise, the `node.anchor` value will be set to `name`,
       * or if an anchor with that name is already present in the document,
       * `name` will be used as a prefix for a new unique anchor.
       * If `name` is undefined, the generated anchor will use 'a' as a prefix.
       */
      createAlias(node, name) {
        if (!node.anchor) {
          const prev = anchors.anchorNames(this);
          node.anchor = // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
          !name || prev.has(name) ? anchors.findNewAnchor(name || "a", prev) : name;
        }
        return new Alias.Alias(node.anchor);
      }
      createNode(value, replacer, options) {
        let _replacer = void 0;
        if (typeof replacer === "function") {
          value = replacer.call({ "": value }, "", value);
          _replacer = replacer;
        } else if (Array.isArray(replacer)) {
          const keyToStr = (v) => typeof v === "number" || v instanceof String || v instanceof Number;
          const asStr = replacer.filter(keyToStr).map(String);
          if (asStr.length > 0)
            replacer = replacer.concat(asStr);
          _replacer = replacer;
        } else if (options === void 0 && replacer) {
          options = replacer;
          replacer = void 0;
        }
        const { aliasDuplicateObjects, anchorPrefix, flow, keepUndefined, onTagObj, tag } = options ?? {};
        const { onAnchor, setAnchors, sourceObjects } = anchors.createNodeAnchors(
          this,
          // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
          anchorPrefix || "a"
        );
        const ctx = {
          aliasDuplicateObjects: aliasDuplicateObjects ?? true,
          keepUndefined: keepUndefined ?? false,
          onAnchor,
          onTagObj,
          replacer: _replacer,
          schema: this.schema,
          sourceObjects
        };
        const node = createNode.createNode(value, tag, ctx);
        if (flow && identity.isCollection(node))
          node.flow = true;
        setAnchors();
        return node;
      }
      /**
       * Convert a key and a value into a `Pair` using the current schema,
       * recursively wrapping all values as `Scalar` or `Collection` nodes.
       */
      createPair(key2, value, options = {}) {
        const k = this.createNode(key2, null, options);
        const v = this.createNode(value, null, options);
        return new Pair.Pair(k, v);
      }
      /**
       * Removes a value from the document.
       * @returns `true` if the item was found and removed.
       */
      delete(key2) {
        return assertCollection(this.contents) ? this.contents.delete(key2) : false;
      }
      /**
       * Removes a value from the document.
       * @returns `true` if the item was found and removed.
       */
      deleteIn(path) {
        if (Collection.isEmptyPath(path)) {
          if (this.contents == null)
            return false;
          this.contents = null;
          return true;
        }
        return assertCollection(this.contents) ? this.contents.deleteIn(path) : false;
      }
      /**
       * Returns item at `key`, or `undefined` if not found. By default unwraps
       * scalar values from their surrounding node; to disable set `keepScalar` to
       * `true` (collections are always returned intact).
       */
      get(key2, keepScalar) {
        return identity.isCollection(this.contents) ? this.contents.get(key2, keepScalar) : void 0;
      }
      /**
       * Returns item at `path`, or `undefined` if not found. By default unwraps
       * scalar values from their surrounding node; to disable set `keepScalar` to
       * `true` (collections are always returned intact).
       */
      getIn(path, keepScalar) {
        if (Collection.isEmptyPath(path))
          return !keepScalar && identity.isScalar(this.contents) ? this.contents.value : this.contents;
        return identity.isCollection(this.contents) ? this.contents.getIn(path, keepScalar) : void 0;
      }
      /**
       * Checks if the document includes a value with the key `key`.
       */
      has(key2) {
        return identity.isCollection(this.contents) ? this.contents.has(key2) : false;
      }
      /**
       * Checks if the document includes a value at `path`.
       */
      hasIn(path) {
        if (Collection.isEmptyPath(path))
          return this.contents !== void 0;
        return identity.isCollection(this.contents) ? this.contents.hasIn(path) : false;
      }
      /**
       * Sets a value in this document. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       */
      set(key2, value) {
        if (this.contents == null) {
          this.contents = Collection.collectionFromPath(this.schema, [key2], value);
        } else if (assertCollection(this.contents)) {
          this.contents.set(key2, value);
        }
      }
      /**
       * Sets a value in this document. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       */
      setIn(path, value) {
        if (Collection.isEmptyPath(path)) {
          this.contents = value;
        } else if (this.contents == null) {
          this.contents = Collection.collectionFromPath(this.schema, Array.from(path), value);
        } else if (assertCollection(this.contents)) {
          this.contents.setIn(path, value);
        }
      }
      /**
       * Change the YAML version and schema used by the document.
       * A `null` version disables support for directives, explicit tags, anchors, and aliases.
       * It also requires the `schema` option to be given as a `Schema` instance value.
       *
       * Overrides all previously set schema options.
       */
      setSchema(version, options = {}) {
        if (typeof version === "number")
          version = String(version);
        let opt;
        switch (version) {
          case "1.1":
            if (this.directives)
              this.directives.yaml.version = "1.1";
            else
              this.directives = new directives.Directives({ version: "1.1" });
            opt = { resolveKnownTags: false, schema: "yaml-1.1" };
            break;
          case "1.2":
          case "next":
            if (this.directives)
              this.directives.yaml.version = version;
            else
              this.directives = new directives.Directives({ version });
            opt = { resolveKnownTags: true, schema: "core" };
            break;
          case null:
            if (this.directives)
              delete this.directives;
            opt = null;
            break;
          default: {
            const sv = JSON.stringify(version);
            throw new Error(`Expected '1.1', '1.2' or null as first argument, but found: ${sv}`);
          }
        }
        if (options.schema instanceof Object)
          this.schema = options.schema;
        else if (opt)
          this.schema = new Schema.Schema(Object.assign(opt, options));
        else
          throw new Error(`With a null YAML version, the { schema: Schema } option is required`);
      }
      // json & jsonArg are only used from toJSON()
      toJS({ json, jsonArg, mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        const ctx = {
          anchors: /* @__PURE__ */ new Map(),
          doc: this,
          keep: !json,
          mapAsMap: mapAsMap === true,
          mapKeyWarned: false,
          maxAliasCount: typeof maxAliasCount === "number" ? maxAliasCount : 100
        };
        const res = toJS.toJS(this.contents, jsonArg ?? "", ctx);
        if (typeof onAnchor === "function")
          for (const { count, res: res2 } of ctx.anchors.values())
            onAnchor(res2, count);
        return typeof reviver === "function" ? applyReviver.applyReviver(reviver, { "": res }, "", res) : res;
      }
      /**
       * A JSON representation of the document `contents`.
       *
       * @param jsonArg Used by `JSON.stringify` to indicate the array index or
       *   property name.
       */
      toJSON(jsonArg, onAnchor) {
        return this.toJS({ json: true, jsonArg, mapAsMap: false, onAnchor });
      }
      /** A YAML representation of the document. */
      toString(options = {}) {
        if (this.errors.length > 0)
          throw new Error("Document with errors cannot be stringified");
        if ("indent" in options && (!Number.isInteger(options.indent) || Number(options.indent) <= 0)) {
          const s = JSON.stringify(options.indent);
          throw new Error(`"indent" option must be a positive integer, not ${s}`);
        }
        return stringifyDocument.stringifyDocument(this, options);
      }
    };
    function assertCollection(contents) {
      if (identity.isCollection(contents))
        return true;
      throw new Error("Expected a YAML collection as document contents");
    }
    exports2.Document = Document;
  }
});

// node_modules/yaml/dist/errors.js
var require_errors = __commonJS({
  "node_modules/yaml/dist/errors.js"(exports2) {
    "use strict";
    var YAMLError = class extends Error {
      constructor(name, pos, code, message2) {
        super();
        this.name = name;
        this.code = code;
        this.message = message2;
        this.pos = pos;
      }
    };
    var YAMLParseError = class extends YAMLError {
      constructor(pos, code, message2) {
        super("YAMLParseError", pos, code, message2);
      }
    };
    var YAMLWarning = class extends YAMLError {
      constructor(pos, code, message2) {
        super("YAMLWarning", pos, code, message2);
      }
    };
    var prettifyError = (src, lc) => (error) => {
      if (error.pos[0] === -1)
        return;
      error.linePos = error.pos.map((pos) => lc.linePos(pos));
      const { line, col } = error.linePos[0];
      error.message += ` at line ${line}, column ${col}`;
      let ci = col - 1;
      let lineStr = src.substring(lc.lineStarts[line - 1], lc.lineStarts[line]).replace(/[\n\r]+$/, "");
      if (ci >= 60 && lineStr.length > 80) {
        const trimStart = Math.min(ci - 39, lineStr.length - 79);
        lineStr = "\u2026" + lineStr.substring(trimStart);
        ci -= trimStart - 1;
      }
      if (lineStr.length > 80)
        lineStr = lineStr.substring(0, 79) + "\u2026";
      if (line > 1 && /^ *$/.test(lineStr.substring(0, ci))) {
        let prev = src.substring(lc.lineStarts[line - 2], lc.lineStarts[line - 1]);
        if (prev.length > 80)
          prev = prev.substring(0, 79) + "\u2026\n";
        lineStr = prev + lineStr;
      }
      if (/[^ ]/.test(lineStr)) {
        let count = 1;
        const end = error.linePos[1];
        if (end?.line === line && end.col > col) {
          count = Math.max(1, Math.min(end.col - col, 80 - ci));
        }
        const pointer = " ".repeat(ci) + "^".repeat(count);
        error.message += `:

${lineStr}
${pointer}
`;
      }
    };
    exports2.YAMLError = YAMLError;
    exports2.YAMLParseError = YAMLParseError;
    exports2.YAMLWarning = YAMLWarning;
    exports2.prettifyError = prettifyError;
  }
});

// node_modules/yaml/dist/compose/resolve-props.js
var require_resolve_props = __commonJS({
  "node_modules/yaml/dist/compose/resolve-props.js"(exports2) {
    "use strict";
    function resolveProps(tokens, { flow, indicator, next, offset, onError, parentIndent, startOnNewline }) {
      let spaceBefore = false;
      let atNewline = startOnNewline;
      let hasSpace = startOnNewline;
      let comment = "";
      let commentSep = "";
      let hasNewline = false;
      let reqSpace = false;
      let tab = null;
      let anchor = null;
      let tag = null;
      let newlineAfterProp = null;
      let comma = null;
      let found = null;
      let start = null;
      for (const token of tokens) {
        if (reqSpace) {
          if (token.type !== "space" && token.type !== "newline" && token.type !== "comma")
            onError(token.offset, "MISSING_CHAR", "Tags and anchors must be separated from the next token by white space");
          reqSpace = false;
        }
        if (tab) {
          if (atNewline && token.type !== "comment" && token.type !== "newline") {
            onError(tab, "TAB_AS_INDENT", "Tabs are not allowed as indentation");
          }
          tab = null;
        }
        switch (token.type) {
          case "space":
            if (!flow && (indicator !== "doc-start" || next?.type !== "flow-collection") && token.source.includes("	")) {
              tab = token;
            }
            hasSpace = true;
            break;
          case "comment": {
            if (!hasSpace)
              onError(token, "MISSING_CHAR", "Comments must be separated from other tokens by white space characters");
            const cb = token.source.substring(1) || " ";
            if (!comment)
              comment = cb;
            else
              comment += commentSep + cb;
            commentSep = "";
            atNewline = false;
            break;
          }
          case "newline":
            if (atNewline) {
              if (comment)
                comment += token.source;
              else if (!found || indicator !== "seq-item-ind")
                spaceBefore = true;
            } else
              commentSep += token.source;
            atNewline = true;
            hasNewline = true;
            if (anchor || tag)
              newlineAfterProp = token;
            hasSpace = true;
            break;
          case "anchor":
            if (anchor)
              onError(token, "MULTIPLE_ANCHORS", "A node can have at most one anchor");
            if (token.source.endsWith(":"))
              onError(token.offset + token.source.length - 1, "BAD_ALIAS", "Anchor ending in : is ambiguous", true);
            anchor = token;
            start ?? (start = token.offset);
            atNewline = false;
            hasSpace = false;
            reqSpace = true;
            break;
          case "tag": {
            if (tag)
              onError(token, "MULTIPLE_TAGS", "A node can have at most one tag");
            tag = token;
            start ?? (start = token.offset);
            atNewline = false;
            hasSpace = false;
            reqSpace = true;
            break;
          }
          case indicator:
            if (anchor || tag)
              onError(token, "BAD_PROP_ORDER", `Anchors and tags must be after the ${token.source} indicator`);
            if (found)
              onError(token, "UNEXPECTED_TOKEN", `Unexpected ${token.source} in ${flow ?? "collection"}`);
            found = token;
            atNewline = indicator === "seq-item-ind" || indicator === "explicit-key-ind";
            hasSpace = false;
            break;
          case "comma":
            if (flow) {
              if (comma)
                onError(token, "UNEXPECTED_TOKEN", `Unexpected , in ${flow}`);
              comma = token;
              atNewline = false;
              hasSpace = false;
              break;
            }
          // else fallthrough
          default:
            onError(token, "UNEXPECTED_TOKEN", `Unexpected ${token.type} token`);
            atNewline = false;
            hasSpace = false;
        }
      }
      const last = tokens[tokens.length - 1];
      const end = last ? last.offset + last.source.length : offset;
      if (reqSpace && next && next.type !== "space" && next.type !== "newline" && next.type !== "comma" && (next.type !== "scalar" || next.source !== "")) {
        onError(next.offset, "MISSING_CHAR", "Tags and anchors must be separated from the next token by white space");
      }
      if (tab && (atNewline && tab.indent <= parentIndent || next?.type === "block-map" || next?.type === "block-seq"))
        onError(tab, "TAB_AS_INDENT", "Tabs are not allowed as indentation");
      return {
        comma,
        found,
        spaceBefore,
        comment,
        hasNewline,
        anchor,
        tag,
        newlineAfterProp,
        end,
        start: start ?? end
      };
    }
    exports2.resolveProps = resolveProps;
  }
});

// node_modules/yaml/dist/compose/util-contains-newline.js
var require_util_contains_newline = __commonJS({
  "node_modules/yaml/dist/compose/util-contains-newline.js"(exports2) {
    "use strict";
    function containsNewline(key2) {
      if (!key2)
        return null;
      switch (key2.type) {
        case "alias":
        case "scalar":
        case "double-quoted-scalar":
        case "single-quoted-scalar":
          if (key2.source.includes("\n"))
            return true;
          if (key2.end) {
            for (const st of key2.end)
              if (st.type === "newline")
                return true;
          }
          return false;
        case "flow-collection":
          for (const it of key2.items) {
            for (const st of it.start)
              if (st.type === "newline")
                return true;
            if (it.sep) {
              for (const st of it.sep)
                if (st.type === "newline")
                  return true;
            }
            if (containsNewline(it.key) || containsNewline(it.value))
              return true;
          }
          return false;
        default:
          return true;
      }
    }
    exports2.containsNewline = containsNewline;
  }
});

// node_modules/yaml/dist/compose/util-flow-indent-check.js
var require_util_flow_indent_check = __commonJS({
  "node_modules/yaml/dist/compose/util-flow-indent-check.js"(exports2) {
    "use strict";
    var utilContainsNewline = require_util_contains_newline();
    function flowIndentCheck(indent, fc, onError) {
      if (fc?.type === "flow-collection") {
        const end = fc.end[0];
        if (end.indent === indent && (end.source === "]" || end.source === "}") && utilContainsNewline.containsNewline(fc)) {
          const msg = "Flow end indicator should be more indented than parent";
          onError(end, "BAD_INDENT", msg, true);
        }
      }
    }
    exports2.flowIndentCheck = flowIndentCheck;
  }
});

// node_modules/yaml/dist/compose/util-map-includes.js
var require_util_map_includes = __commonJS({
  "node_modules/yaml/dist/compose/util-map-includes.js"(exports2) {
    "use strict";
    var identity = require_identity();
    function mapIncludes(ctx, items, search) {
      const { uniqueKeys } = ctx.options;
      if (uniqueKeys === false)
        return false;
      const isEqual = typeof uniqueKeys === "function" ? uniqueKeys : (a, b) => a === b || identity.isScalar(a) && identity.isScalar(b) && a.value === b.value;
      return items.some((pair) => isEqual(pair.key, search));
    }
    exports2.mapIncludes = mapIncludes;
  }
});

// node_modules/yaml/dist/compose/resolve-block-map.js
var require_resolve_block_map = __commonJS({
  "node_modules/yaml/dist/compose/resolve-block-map.js"(exports2) {
    "use strict";
    var Pair = require_Pair();
    var YAMLMap = require_YAMLMap();
    var resolveProps = require_resolve_props();
    var utilContainsNewline = require_util_contains_newline();
    var utilFlowIndentCheck = require_util_flow_indent_check();
    var utilMapIncludes = require_util_map_includes();
    var startColMsg = "All mapping items must start at the same column";
    function resolveBlockMap({ composeNode, composeEmptyNode }, ctx, bm, onError, tag) {
      const NodeClass = tag?.nodeClass ?? YAMLMap.YAMLMap;
      const map = new NodeClass(ctx.schema);
      if (ctx.atRoot)
        ctx.atRoot = false;
      let offset = bm.offset;
      let commentEnd = null;
      for (const collItem of bm.items) {
        const { start, key: key2, sep, value } = collItem;
        const keyProps = resolveProps.resolveProps(start, {
          indicator: "explicit-key-ind",
          next: key2 ?? sep?.[0],
          offset,
          onError,
          parentIndent: bm.indent,
          startOnNewline: true
        });
        const implicitKey = !keyProps.found;
        if (implicitKey) {
          if (key2) {
            if (key2.type === "block-seq")
              onError(offset, "BLOCK_AS_IMPLICIT_KEY", "A block sequence may not be used as an implicit map key");
            else if ("indent" in key2 && key2.indent !== bm.indent)
              onError(offset, "BAD_INDENT", startColMsg);
          }
          if (!keyProps.anchor && !keyProps.tag && !sep) {
            commentEnd = keyProps.end;
            if (keyProps.comment) {
              if (map.comment)
                map.comment += "\n" + keyProps.comment;
              else
                map.comment = keyProps.comment;
            }
            continue;
          }
          if (keyProps.newlineAfterProp || utilContainsNewline.containsNewline(key2)) {
            onError(key2 ?? start[start.length - 1], "MULTILINE_IMPLICIT_KEY", "Implicit keys need to be on a single line");
          }
        } else if (keyProps.found?.indent !== bm.indent) {
          onError(offset, "BAD_INDENT", startColMsg);
        }
        ctx.atKey = true;
        const keyStart = keyProps.end;
        const keyNode = key2 ? composeNode(ctx, key2, keyProps, onError) : composeEmptyNode(ctx, keyStart, start, null, keyProps, onError);
        if (ctx.schema.compat)
          utilFlowIndentCheck.flowIndentCheck(bm.indent, key2, onError);
        ctx.atKey = false;
        if (utilMapIncludes.mapIncludes(ctx, map.items, keyNode))
          onError(keyStart, "DUPLICATE_KEY", "Map keys must be unique");
        const valueProps = resolveProps.resolveProps(sep ?? [], {
          indicator: "map-value-ind",
          next: value,
          offset: keyNode.range[2],
          onError,
          parentIndent: bm.indent,
          startOnNewline: !key2 || key2.type === "block-scalar"
        });
        offset = valueProps.end;
        if (valueProps.found) {
          if (implicitKey) {
            if (value?.type === "block-map" && !valueProps.hasNewline)
              onError(offset, "BLOCK_AS_IMPLICIT_KEY", "Nested mappings are not allowed in compact mappings");
            if (ctx.options.strict && keyProps.start < valueProps.found.offset - 1024)
              onError(keyNode.range, "KEY_OVER_1024_CHARS", "The : indicator must be at most 1024 chars after the start of an implicit block mapping key");
          }
          const valueNode = value ? composeNode(ctx, value, valueProps, onError) : composeEmptyNode(ctx, offset, sep, null, valueProps, onError);
          if (ctx.schema.compat)
            utilFlowIndentCheck.flowIndentCheck(bm.indent, value, onError);
          offset = valueNode.range[2];
          const pair = new Pair.Pair(keyNode, valueNode);
          if (ctx.options.keepSourceTokens)
            pair.srcToken = collItem;
          map.items.push(pair);
        } else {
          if (implicitKey)
            onError(keyNode.range, "MISSING_CHAR", "Implicit map keys need to be followed by map values");
          if (valueProps.comment) {
            if (keyNode.comment)
              keyNode.comment += "\n" + valueProps.comment;
            else
              keyNode.comment = valueProps.comment;
          }
          const pair = new Pair.Pair(keyNode);
          if (ctx.options.keepSourceTokens)
            pair.srcToken = collItem;
          map.items.push(pair);
        }
      }
      if (commentEnd && commentEnd < offset)
        onError(commentEnd, "IMPOSSIBLE", "Map comment with trailing content");
      map.range = [bm.offset, offset, commentEnd ?? offset];
      return map;
    }
    exports2.resolveBlockMap = resolveBlockMap;
  }
});

// node_modules/yaml/dist/compose/resolve-block-seq.js
var require_resolve_block_seq = __commonJS({
  "node_modules/yaml/dist/compose/resolve-block-seq.js"(exports2) {
    "use strict";
    var YAMLSeq = require_YAMLSeq();
    var resolveProps = require_resolve_props();
    var utilFlowIndentCheck = require_util_flow_indent_check();
    function resolveBlockSeq({ composeNode, composeEmptyNode }, ctx, bs, onError, tag) {
      const NodeClass = tag?.nodeClass ?? YAMLSeq.YAMLSeq;
      const seq = new NodeClass(ctx.schema);
      if (ctx.atRoot)
        ctx.atRoot = false;
      if (ctx.atKey)
        ctx.atKey = false;
      let offset = bs.offset;
      let commentEnd = null;
      for (const { start, value } of bs.items) {
        const props = resolveProps.resolveProps(start, {
          indicator: "seq-item-ind",
          next: value,
          offset,
          onError,
          parentIndent: bs.indent,
          startOnNewline: true
        });
        if (!props.found) {
          if (props.anchor || props.tag || value) {
            if (value?.type === "block-seq")
              onError(props.end, "BAD_INDENT", "All sequence items must start at the same column");
            else
              onError(offset, "MISSING_CHAR", "Sequence item without - indicator");
          } else {
            commentEnd = props.end;
            if (props.comment)
              seq.comment = props.comment;
            continue;
          }
        }
        const node = value ? composeNode(ctx, value, props, onError) : composeEmptyNode(ctx, props.end, start, null, props, onError);
        if (ctx.schema.compat)
          utilFlowIndentCheck.flowIndentCheck(bs.indent, value, onError);
        offset = node.range[2];
        seq.items.push(node);
      }
      seq.range = [bs.offset, offset, commentEnd ?? offset];
      return seq;
    }
    exports2.resolveBlockSeq = resolveBlockSeq;
  }
});

// node_modules/yaml/dist/compose/resolve-end.js
var require_resolve_end = __commonJS({
  "node_modules/yaml/dist/compose/resolve-end.js"(exports2) {
    "use strict";
    function resolveEnd(end, offset, reqSpace, onError) {
      let comment = "";
      if (end) {
        let hasSpace = false;
        let sep = "";
        for (const token of end) {
          const { source, type } = token;
          switch (type) {
            case "space":
              hasSpace = true;
              break;
            case "comment": {
              if (reqSpace && !hasSpace)
                onError(token, "MISSING_CHAR", "Comments must be separated from other tokens by white space characters");
              const cb = source.substring(1) || " ";
              if (!comment)
                comment = cb;
              else
                comment += sep + cb;
              sep = "";
              break;
            }
            case "newline":
              if (comment)
                sep += source;
              hasSpace = true;
              break;
            default:
              onError(token, "UNEXPECTED_TOKEN", `Unexpected ${type} at node end`);
          }
          offset += source.length;
        }
      }
      return { comment, offset };
    }
    exports2.resolveEnd = resolveEnd;
  }
});

// node_modules/yaml/dist/compose/resolve-flow-collection.js
var require_resolve_flow_collection = __commonJS({
  "node_modules/yaml/dist/compose/resolve-flow-collection.js"(exports2) {
    "use strict";
    var identity = require_identity();
    var Pair = require_Pair();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var resolveEnd = require_resolve_end();
    var resolveProps = require_resolve_props();
    var utilContainsNewline = require_util_contains_newline();
    var utilMapIncludes = require_util_map_includes();
    var blockMsg = "Block collections are not allowed within flow collections";
    var isBlock = (token) => token && (token.type === "block-map" || token.type === "block-seq");
    function resolveFlowCollection({ composeNode, composeEmptyNode }, ctx, fc, onError, tag) {
      const isMap4 = fc.start.source === "{";
      const fcName = isMap4 ? "flow map" : "flow sequence";
      const NodeClass = tag?.nodeClass ?? (isMap4 ? YAMLMap.YAMLMap : YAMLSeq.YAMLSeq);
      const coll = new NodeClass(ctx.schema);
      coll.flow = true;
      const atRoot = ctx.atRoot;
      if (atRoot)
        ctx.atRoot = false;
      if (ctx.atKey)
        ctx.atKey = false;
      let offset = fc.offset + fc.start.source.length;
      for (let i = 0; i < fc.items.length; ++i) {
        const collItem = fc.items[i];
        const { start, key: key2, sep, value } = collItem;
        const props = resolveProps.resolveProps(start, {
          flow: fcName,
          indicator: "explicit-key-ind",
          next: key2 ?? sep?.[0],
          offset,
          onError,
          parentIndent: fc.indent,
          startOnNewline: false
        });
        if (!props.found) {
          if (!props.anchor && !props.tag && !sep && !value) {
            if (i === 0 && props.comma)
              onError(props.comma, "UNEXPECTED_TOKEN", `Unexpected , in ${fcName}`);
            else if (i < fc.items.length - 1)
              onError(props.start, "UNEXPECTED_TOKEN", `Unexpected empty item in ${fcName}`);
            if (props.comment) {
              if (coll.comment)
                coll.comment += "\n" + props.comment;
              else
                coll.comment = props.comment;
            }
            offset = props.end;
            continue;
          }
          if (!isMap4 && ctx.options.strict && utilContainsNewline.containsNewline(key2))
            onError(
              key2,
              // checked by containsNewline()
              "MULTILINE_IMPLICIT_KEY",
              "Implicit keys of flow sequence pairs need to be on a single line"
            );
        }
        if (i === 0) {
          if (props.comma)
            onError(props.comma, "UNEXPECTED_TOKEN", `Unexpected , in ${fcName}`);
        } else {
          if (!props.comma)
            onError(props.start, "MISSING_CHAR", `Missing , between ${fcName} items`);
          if (props.comment) {
            let prevItemComment = "";
            loop: for (const st of start) {
              switch (st.type) {
                case "comma":
                case "space":
                  break;
                case "comment":
                  prevItemComment = st.source.substring(1);
                  break loop;
                default:
                  break loop;
              }
            }
            if (prevItemComment) {
              let prev = coll.items[coll.items.length - 1];
              if (identity.isPair(prev))
                prev = prev.value ?? prev.key;
              if (prev.comment)
                prev.comment += "\n" + prevItemComment;
              else
                prev.comment = prevItemComment;
              props.comment = props.comment.substring(prevItemComment.length + 1);
            }
          }
        }
        if (!isMap4 && !sep && !props.found) {
          const valueNode = value ? composeNode(ctx, value, props, onError) : composeEmptyNode(ctx, props.end, sep, null, props, onError);
          coll.items.push(valueNode);
          offset = valueNode.range[2];
          if (isBlock(value))
            onError(valueNode.range, "BLOCK_IN_FLOW", blockMsg);
        } else {
          ctx.atKey = true;
          const keyStart = props.end;
          const keyNode = key2 ? composeNode(ctx, key2, props, onError) : composeEmptyNode(ctx, keyStart, start, null, props, onError);
          if (isBlock(key2))
            onError(keyNode.range, "BLOCK_IN_FLOW", blockMsg);
          ctx.atKey = false;
          const valueProps = resolveProps.resolveProps(sep ?? [], {
            flow: fcName,
            indicator: "map-value-ind",
            next: value,
            offset: keyNode.range[2],
            onError,
            parentIndent: fc.indent,
            startOnNewline: false
          });
          if (valueProps.found) {
            if (!isMap4 && !props.found && ctx.options.strict) {
              if (sep)
                for (const st of sep) {
                  if (st === valueProps.found)
                    break;
                  if (st.type === "newline") {
                    onError(st, "MULTILINE_IMPLICIT_KEY", "Implicit keys of flow sequence pairs need to be on a single line");
                    break;
                  }
                }
              if (props.start < valueProps.found.offset - 1024)
                onError(valueProps.found, "KEY_OVER_1024_CHARS", "The : indicator must be at most 1024 chars after the start of an implicit flow sequence key");
            }
          } else if (value) {
            if ("source" in value && value.source?.[0] === ":")
              onError(value, "MISSING_CHAR", `Missing space after : in ${fcName}`);
            else
              onError(valueProps.start, "MISSING_CHAR", `Missing , or : between ${fcName} items`);
          }
          const valueNode = value ? composeNode(ctx, value, valueProps, onError) : valueProps.found ? composeEmptyNode(ctx, valueProps.end, sep, null, valueProps, onError) : null;
          if (valueNode) {
            if (isBlock(value))
              onError(valueNode.range, "BLOCK_IN_FLOW", blockMsg);
          } else if (valueProps.comment) {
            if (keyNode.comment)
              keyNode.comment += "\n" + valueProps.comment;
            else
              keyNode.comment = valueProps.comment;
          }
          const pair = new Pair.Pair(keyNode, valueNode);
          if (ctx.options.keepSourceTokens)
            pair.srcToken = collItem;
          if (isMap4) {
            const map = coll;
            if (utilMapIncludes.mapIncludes(ctx, map.items, keyNode))
              onError(keyStart, "DUPLICATE_KEY", "Map keys must be unique");
            map.items.push(pair);
          } else {
            const map = new YAMLMap.YAMLMap(ctx.schema);
            map.flow = true;
            map.items.push(pair);
            const endRange = (valueNode ?? keyNode).range;
            map.range = [keyNode.range[0], endRange[1], endRange[2]];
            coll.items.push(map);
          }
          offset = valueNode ? valueNode.range[2] : valueProps.end;
        }
      }
      const expectedEnd = isMap4 ? "}" : "]";
      const [ce, ...ee] = fc.end;
      let cePos = offset;
      if (ce?.source === expectedEnd)
        cePos = ce.offset + ce.source.length;
      else {
        const name = fcName[0].toUpperCase() + fcName.substring(1);
        const msg = atRoot ? `${name} must end with a ${expectedEnd}` : `${name} in block collection must be sufficiently indented and end with a ${expectedEnd}`;
        onError(offset, atRoot ? "MISSING_CHAR" : "BAD_INDENT", msg);
        if (ce && ce.source.length !== 1)
          ee.unshift(ce);
      }
      if (ee.length > 0) {
        const end = resolveEnd.resolveEnd(ee, cePos, ctx.options.strict, onError);
        if (end.comment) {
          if (coll.comment)
            coll.comment += "\n" + end.comment;
          else
            coll.comment = end.comment;
        }
        coll.range = [fc.offset, cePos, end.offset];
      } else {
        coll.range = [fc.offset, cePos, cePos];
      }
      return coll;
    }
    exports2.resolveFlowCollection = resolveFlowCollection;
  }
});

// node_modules/yaml/dist/compose/compose-collection.js
var require_compose_collection = __commonJS({
  "node_modules/yaml/dist/compose/compose-collection.js"(exports2) {
    "use strict";
    var identity = require_identity();
    var Scalar = require_Scalar();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var resolveBlockMap = require_resolve_block_map();
    var resolveBlockSeq = require_resolve_block_seq();
    var resolveFlowCollection = require_resolve_flow_collection();
    function resolveCollection(CN, ctx, token, onError, tagName, tag) {
      const coll = token.type === "block-map" ? resolveBlockMap.resolveBlockMap(CN, ctx, token, onError, tag) : token.type === "block-seq" ? resolveBlockSeq.resolveBlockSeq(CN, ctx, token, onError, tag) : resolveFlowCollection.resolveFlowCollection(CN, ctx, token, onError, tag);
      const Coll = coll.constructor;
      if (tagName === "!" || tagName === Coll.tagName) {
        coll.tag = Coll.tagName;
        return coll;
      }
      if (tagName)
        coll.tag = tagName;
      return coll;
    }
    function composeCollection(CN, ctx, token, props, onError) {
      const tagToken = props.tag;
      const tagName = !tagToken ? null : ctx.directives.tagName(tagToken.source, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg));
      if (token.type === "block-seq") {
        const { anchor, newlineAfterProp: nl } = props;
        const lastProp = anchor && tagToken ? anchor.offset > tagToken.offset ? anchor : tagToken : anchor ?? tagToken;
        if (lastProp && (!nl || nl.offset < lastProp.offset)) {
          const message2 = "Missing newline after block sequence props";
          onError(lastProp, "MISSING_CHAR", message2);
        }
      }
      const expType = token.type === "block-map" ? "map" : token.type === "block-seq" ? "seq" : token.start.source === "{" ? "map" : "seq";
      if (!tagToken || !tagName || tagName === "!" || tagName === YAMLMap.YAMLMap.tagName && expType === "map" || tagName === YAMLSeq.YAMLSeq.tagName && expType === "seq") {
        return resolveCollection(CN, ctx, token, onError, tagName);
      }
      let tag = ctx.schema.tags.find((t) => t.tag === tagName && t.collection === expType);
      if (!tag) {
        const kt = ctx.schema.knownTags[tagName];
        if (kt?.collection === expType) {
          ctx.schema.tags.push(Object.assign({}, kt, { default: false }));
          tag = kt;
        } else {
          if (kt) {
            onError(tagToken, "BAD_COLLECTION_TYPE", `${kt.tag} used for ${expType} collection, but expects ${kt.collection ?? "scalar"}`, true);
          } else {
            onError(tagToken, "TAG_RESOLVE_FAILED", `Unresolved tag: ${tagName}`, true);
          }
          return resolveCollection(CN, ctx, token, onError, tagName);
        }
      }
      const coll = resolveCollection(CN, ctx, token, onError, tagName, tag);
      const res = tag.resolve?.(coll, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg), ctx.options) ?? coll;
      const node = identity.isNode(res) ? res : new Scalar.Scalar(res);
      node.range = coll.range;
      node.tag = tagName;
      if (tag?.format)
        node.format = tag.format;
      return node;
    }
    exports2.composeCollection = composeCollection;
  }
});

// node_modules/yaml/dist/compose/resolve-block-scalar.js
var require_resolve_block_scalar = __commonJS({
  "node_modules/yaml/dist/compose/resolve-block-scalar.js"(exports2) {
    "use strict";
    var Scalar = require_Scalar();
    function resolveBlockScalar(ctx, scalar, onError) {
      const start = scalar.offset;
      const header = parseBlockScalarHeader(scalar, ctx.options.strict, onError);
      if (!header)
        return { value: "", type: null, comment: "", range: [start, start, start] };
      const type = header.mode === ">" ? Scalar.Scalar.BLOCK_FOLDED : Scalar.Scalar.BLOCK_LITERAL;
      const lines = scalar.source ? splitLines(scalar.source) : [];
      let chompStart = lines.length;
      for (let i = lines.length - 1; i >= 0; --i) {
        const content = lines[i][1];
        if (content === "" || content === "\r")
          chompStart = i;
        else
          break;
      }
      if (chompStart === 0) {
        const value2 = header.chomp === "+" && lines.length > 0 ? "\n".repeat(Math.max(1, lines.length - 1)) : "";
        let end2 = start + header.length;
        if (scalar.source)
          end2 += scalar.source.length;
        return { value: value2, type, comment: header.comment, range: [start, end2, end2] };
      }
      let trimIndent = scalar.indent + header.indent;
      let offset = scalar.offset + header.length;
      let contentStart = 0;
      for (let i = 0; i < chompStart; ++i) {
        const [indent, content] = lines[i];
        if (content === "" || content === "\r") {
          if (header.indent === 0 && indent.length > trimIndent)
            trimIndent = indent.length;
        } else {
          if (indent.length < trimIndent) {
            const message2 = "Block scalars with more-indented leading empty lines must use an explicit indentation indicator";
            onError(offset + indent.length, "MISSING_CHAR", message2);
          }
          if (header.indent === 0)
            trimIndent = indent.length;
          contentStart = i;
          if (trimIndent === 0 && !ctx.atRoot) {
            const message2 = "Block scalar values in collections must be indented";
            onError(offset, "BAD_INDENT", message2);
          }
          break;
        }
        offset += indent.length + content.length + 1;
      }
      for (let i = lines.length - 1; i >= chompStart; --i) {
        if (lines[i][0].length > trimIndent)
          chompStart = i + 1;
      }
      let value = "";
      let sep = "";
      let prevMoreIndented = false;
      for (let i = 0; i < contentStart; ++i)
        value += lines[i][0].slice(trimIndent) + "\n";
      for (let i = contentStart; i < chompStart; ++i) {
        let [indent, content] = lines[i];
        offset += indent.length + content.length + 1;
        const crlf = content[content.length - 1] === "\r";
        if (crlf)
          content = content.slice(0, -1);
        if (content && indent.length < trimIndent) {
          const src = header.indent ? "explicit indentation indicator" : "first line";
          const message2 = `Block scalar lines must not be less indented than their ${src}`;
          onError(offset - content.length - (crlf ? 2 : 1), "BAD_INDENT", message2);
          indent = "";
        }
        if (type === Scalar.Scalar.BLOCK_LITERAL) {
          value += sep + indent.slice(trimIndent) + content;
          sep = "\n";
        } else if (indent.length > trimIndent || content[0] === "	") {
          if (sep === " ")
            sep = "\n";
          else if (!prevMoreIndented && sep === "\n")
            sep = "\n\n";
          value += sep + indent.slice(trimIndent) + content;
          sep = "\n";
          prevMoreIndented = true;
        } else if (content === "") {
          if (sep === "\n")
            value += "\n";
          else
            sep = "\n";
        } else {
          value += sep + content;
          sep = " ";
          prevMoreIndented = false;
        }
      }
      switch (header.chomp) {
        case "-":
          break;
        case "+":
          for (let i = chompStart; i < lines.length; ++i)
            value += "\n" + lines[i][0].slice(trimIndent);
          if (value[value.length - 1] !== "\n")
            value += "\n";
          break;
        default:
          value += "\n";
      }
      const end = start + header.length + scalar.source.length;
      return { value, type, comment: header.comment, range: [start, end, end] };
    }
    function parseBlockScalarHeader({ offset, props }, strict, onError) {
      if (props[0].type !== "block-scalar-header") {
        onError(props[0], "IMPOSSIBLE", "Block scalar header not found");
        return null;
      }
      const { source } = props[0];
      const mode = source[0];
      let indent = 0;
      let chomp = "";
      let error = -1;
      for (let i = 1; i < source.length; ++i) {
        const ch = source[i];
        if (!chomp && (ch === "-" || ch === "+"))
          chomp = ch;
        else {
          const n = Number(ch);
          if (!indent && n)
            indent = n;
          else if (error === -1)
            error = offset + i;
        }
      }
      if (error !== -1)
        onError(error, "UNEXPECTED_TOKEN", `Block scalar header includes extra characters: ${source}`);
      let hasSpace = false;
      let comment = "";
      let length = source.length;
      for (let i = 1; i < props.length; ++i) {
        const token = props[i];
        switch (token.type) {
          case "space":
            hasSpace = true;
          // fallthrough
          case "newline":
            length += token.source.length;
            break;
          case "comment":
            if (strict && !hasSpace) {
              const message2 = "Comments must be separated from other tokens by white space characters";
              onError(token, "MISSING_CHAR", message2);
            }
            length += token.source.length;
            comment = token.source.substring(1);
            break;
          case "error":
            onError(token, "UNEXPECTED_TOKEN", token.message);
            length += token.source.length;
            break;
          /* istanbul ignore next should not happen */
          default: {
            const message2 = `Unexpected token in block scalar header: ${token.type}`;
            onError(token, "UNEXPECTED_TOKEN", message2);
            const ts = token.source;
            if (ts && typeof ts === "string")
              length += ts.length;
          }
        }
      }
      return { mode, indent, chomp, comment, length };
    }
    function splitLines(source) {
      const split = source.split(/\n( *)/);
      const first = split[0];
      const m = first.match(/^( *)/);
      const line0 = m?.[1] ? [m[1], first.slice(m[1].length)] : ["", first];
      const lines = [line0];
      for (let i = 1; i < split.length; i += 2)
        lines.push([split[i], split[i + 1]]);
      return lines;
    }
    exports2.resolveBlockScalar = resolveBlockScalar;
  }
});

// node_modules/yaml/dist/compose/resolve-flow-scalar.js
var require_resolve_flow_scalar = __commonJS({
  "node_modules/yaml/dist/compose/resolve-flow-scalar.js"(exports2) {
    "use strict";
    var Scalar = require_Scalar();
    var resolveEnd = require_resolve_end();
    function resolveFlowScalar(scalar, strict, onError) {
      const { offset, type, source, end } = scalar;
      let _type;
      let value;
      const _onError = (rel, code, msg) => onError(offset + rel, code, msg);
      switch (type) {
        case "scalar":
          _type = Scalar.Scalar.PLAIN;
          value = plainValue(source, _onError);
          break;
        case "single-quoted-scalar":
          _type = Scalar.Scalar.QUOTE_SINGLE;
          value = singleQuotedValue(source, _onError);
          break;
        case "double-quoted-scalar":
          _type = Scalar.Scalar.QUOTE_DOUBLE;
          value = doubleQuotedValue(source, _onError);
          break;
        /* istanbul ignore next should not happen */
        default:
          onError(scalar, "UNEXPECTED_TOKEN", `Expected a flow scalar value, but found: ${type}`);
          return {
            value: "",
            type: null,
            comment: "",
            range: [offset, offset + source.length, offset + source.length]
          };
      }
      const valueEnd = offset + source.length;
      const re = resolveEnd.resolveEnd(end, valueEnd, strict, onError);
      return {
        value,
        type: _type,
        comment: re.comment,
        range: [offset, valueEnd, re.offset]
      };
    }
    function plainValue(source, onError) {
      let badChar = "";
      switch (source[0]) {
        /* istanbul ignore next should not happen */
        case "	":
          badChar = "a tab character";
          break;
        case ",":
          badChar = "flow indicator character ,";
          break;
        case "%":
          badChar = "directive indicator character %";
          break;
        case "|":
        case ">": {
          badChar = `block scalar indicator ${source[0]}`;
          break;
        }
        case "@":
        case "`": {
          badChar = `reserved character ${source[0]}`;
          break;
        }
      }
      if (badChar)
        onError(0, "BAD_SCALAR_START", `Plain value cannot start with ${badChar}`);
      return unfoldLines(source);
    }
    function singleQuotedValue(source, onError) {
      if (source[source.length - 1] !== "'" || source.length === 1)
        onError(source.length, "MISSING_CHAR", "Missing closing 'quote");
      return unfoldLines(source.slice(1, -1)).replace(/''/g, "'");
    }
    function unfoldLines(source) {
      const line = /(.*?)\r?\n/sy;
      let match = line.exec(source);
      if (!match)
        return source;
      let trimEnd, trimBoth;
      try {
        trimEnd = new RegExp("(?<![ 	])[ 	]+$");
        trimBoth = new RegExp("^[ 	]+|(?<![ 	])[ 	]+$", "g");
      } catch {
        trimEnd = /[ \t]+$/;
        trimBoth = /^[ \t]+|[ \t]+$/g;
      }
      let res = match[1].replace(trimEnd, "");
      let sep = " ";
      let pos = line.lastIndex;
      while (match = line.exec(source)) {
        const lm = match[1].replace(trimBoth, "");
        if (lm === "") {
          if (sep === "\n")
            res += sep;
          else
            sep = "\n";
        } else {
          res += sep + lm;
          sep = " ";
        }
        pos = line.lastIndex;
      }
      const last = /[ \t]*(.*)/sy;
      last.lastIndex = pos;
      match = last.exec(source);
      return res + sep + (match?.[1] ?? "");
    }
    function doubleQuotedValue(source, onError) {
      let res = "";
      for (let i = 1; i < source.length - 1; ++i) {
        const ch = source[i];
        if (ch === "\r" && source[i + 1] === "\n")
          continue;
        if (ch === "\n") {
          const { fold, offset } = foldNewline(source, i);
          res += fold;
          i = offset;
        } else if (ch === "\\") {
          let next = source[++i];
          const cc = escapeCodes[next];
          if (cc)
            res += cc;
          else if (next === "\n") {
            next = source[i + 1];
            while (next === " " || next === "	")
              next = source[++i + 1];
          } else if (next === "\r" && source[i + 1] === "\n") {
            next = source[++i + 1];
            while (next === " " || next === "	")
              next = source[++i + 1];
          } else if (next === "x" || next === "u" || next === "U") {
            const length = next === "x" ? 2 : next === "u" ? 4 : 8;
            res += parseCharCode(source, i + 1, length, onError);
            i += length;
          } else {
            const raw = source.substr(i - 1, 2);
            onError(i - 1, "BAD_DQ_ESCAPE", `Invalid escape sequence ${raw}`);
            res += raw;
          }
        } else if (ch === " " || ch === "	") {
          const wsStart = i;
          let next = source[i + 1];
          while (next === " " || next === "	")
            next = source[++i + 1];
          if (next !== "\n" && !(next === "\r" && source[i + 2] === "\n"))
            res += i > wsStart ? source.slice(wsStart, i + 1) : ch;
        } else {
          res += ch;
        }
      }
      if (source[source.length - 1] !== '"' || source.length === 1)
        onError(source.length, "MISSING_CHAR", 'Missing closing "quote');
      return res;
    }
    function foldNewline(source, offset) {
      let fold = "";
      let ch = source[offset + 1];
      while (ch === " " || ch === "	" || ch === "\n" || ch === "\r") {
        if (ch === "\r" && source[offset + 2] !== "\n")
          break;
        if (ch === "\n")
          fold += "\n";
        offset += 1;
        ch = source[offset + 1];
      }
      if (!fold)
        fold = " ";
      return { fold, offset };
    }
    var escapeCodes = {
      "0": "\0",
      // null character
      a: "\x07",
      // bell character
      b: "\b",
      // backspace
      e: "\x1B",
      // escape character
      f: "\f",
      // form feed
      n: "\n",
      // line feed
      r: "\r",
      // carriage return
      t: "	",
      // horizontal tab
      v: "\v",
      // vertical tab
      N: "\x85",
      // Unicode next line
      _: "\xA0",
      // Unicode non-breaking space
      L: "\u2028",
      // Unicode line separator
      P: "\u2029",
      // Unicode paragraph separator
      " ": " ",
      '"': '"',
      "/": "/",
      "\\": "\\",
      "	": "	"
    };
    function parseCharCode(source, offset, length, onError) {
      const cc = source.substr(offset, length);
      const ok = cc.length === length && /^[0-9a-fA-F]+$/.test(cc);
      const code = ok ? parseInt(cc, 16) : NaN;
      try {
        return String.fromCodePoint(code);
      } catch {
        const raw = source.substr(offset - 2, length + 2);
        onError(offset - 2, "BAD_DQ_ESCAPE", `Invalid escape sequence ${raw}`);
        return raw;
      }
    }
    exports2.resolveFlowScalar = resolveFlowScalar;
  }
});

// node_modules/yaml/dist/compose/compose-scalar.js
var require_compose_scalar = __commonJS({
  "node_modules/yaml/dist/compose/compose-scalar.js"(exports2) {
    "use strict";
    var identity = require_identity();
    var Scalar = require_Scalar();
    var resolveBlockScalar = require_resolve_block_scalar();
    var resolveFlowScalar = require_resolve_flow_scalar();
    function composeScalar(ctx, token, tagToken, onError) {
      const { value, type, comment, range } = token.type === "block-scalar" ? resolveBlockScalar.resolveBlockScalar(ctx, token, onError) : resolveFlowScalar.resolveFlowScalar(token, ctx.options.strict, onError);
      const tagName = tagToken ? ctx.directives.tagName(tagToken.source, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg)) : null;
      let tag;
      if (ctx.options.stringKeys && ctx.atKey) {
        tag = ctx.schema[identity.SCALAR];
      } else if (tagName)
        tag = findScalarTagByName(ctx.schema, value, tagName, tagToken, onError);
      else if (token.type === "scalar")
        tag = findScalarTagByTest(ctx, value, token, onError);
      else
        tag = ctx.schema[identity.SCALAR];
      let scalar;
      try {
        const res = tag.resolve(value, (msg) => onError(tagToken ?? token, "TAG_RESOLVE_FAILED", msg), ctx.options);
        scalar = identity.isScalar(res) ? res : new Scalar.Scalar(res);
      } catch (error) {
        const msg = error instanceof Error ? error.message : String(error);
        onError(tagToken ?? token, "TAG_RESOLVE_FAILED", msg);
        scalar = new Scalar.Scalar(value);
      }
      scalar.range = range;
      scalar.source = value;
      if (type)
        scalar.type = type;
      if (tagName)
        scalar.tag = tagName;
      if (tag.format)
        scalar.format = tag.format;
      if (comment)
        scalar.comment = comment;
      return scalar;
    }
    function findScalarTagByName(schema, value, tagName, tagToken, onError) {
      if (tagName === "!")
        return schema[identity.SCALAR];
      const matchWithTest = [];
      for (const tag of schema.tags) {
        if (!tag.collection && tag.tag === tagName) {
          if (tag.default && tag.test)
            matchWithTest.push(tag);
          else
            return tag;
        }
      }
      for (const tag of matchWithTest)
        if (tag.test?.test(value))
          return tag;
      const kt = schema.knownTags[tagName];
      if (kt && !kt.collection) {
        schema.tags.push(Object.assign({}, kt, { default: false, test: void 0 }));
        return kt;
      }
      onError(tagToken, "TAG_RESOLVE_FAILED", `Unresolved tag: ${tagName}`, tagName !== "tag:yaml.org,2002:str");
      return schema[identity.SCALAR];
    }
    function findScalarTagByTest({ atKey, directives, schema }, value, token, onError) {
      const tag = schema.tags.find((tag2) => (tag2.default === true || atKey && tag2.default === "key") && tag2.test?.test(value)) || schema[identity.SCALAR];
      if (schema.compat) {
        const compat = schema.compat.find((tag2) => tag2.default && tag2.test?.test(value)) ?? schema[identity.SCALAR];
        if (tag.tag !== compat.tag) {
          const ts = directives.tagString(tag.tag);
          const cs = directives.tagString(compat.tag);
          const msg = `Value may be parsed as either ${ts} or ${cs}`;
          onError(token, "TAG_RESOLVE_FAILED", msg, true);
        }
      }
      return tag;
    }
    exports2.composeScalar = composeScalar;
  }
});

// node_modules/yaml/dist/compose/util-empty-scalar-position.js
var require_util_empty_scalar_position = __commonJS({
  "node_modules/yaml/dist/compose/util-empty-scalar-position.js"(exports2) {
    "use strict";
    function emptyScalarPosition(offset, before, pos) {
      if (before) {
        pos ?? (pos = before.length);
        for (let i = pos - 1; i >= 0; --i) {
          let st = before[i];
          switch (st.type) {
            case "space":
            case "comment":
            case "newline":
              offset -= st.source.length;
              continue;
          }
          st = before[++i];
          while (st?.type === "space") {
            offset += st.source.length;
            st = before[++i];
          }
          break;
        }
      }
      return offset;
    }
    exports2.emptyScalarPosition = emptyScalarPosition;
  }
});

// node_modules/yaml/dist/compose/compose-node.js
var require_compose_node = __commonJS({
  "node_modules/yaml/dist/compose/compose-node.js"(exports2) {
    "use strict";
    var Alias = require_Alias();
    var identity = require_identity();
    var composeCollection = require_compose_collection();
    var composeScalar = require_compose_scalar();
    var resolveEnd = require_resolve_end();
    var utilEmptyScalarPosition = require_util_empty_scalar_position();
    var CN = { composeNode, composeEmptyNode };
    function composeNode(ctx, token, props, onError) {
      const atKey = ctx.atKey;
      const { spaceBefore, comment, anchor, tag } = props;
      let node;
      let isSrcToken = true;
      switch (token.type) {
        case "alias":
          node = composeAlias(ctx, token, onError);
          if (anchor || tag)
            onError(token, "ALIAS_PROPS", "An alias node must not specify any properties");
          break;
        case "scalar":
        case "single-quoted-scalar":
        case "double-quoted-scalar":
        case "block-scalar":
          node = composeScalar.composeScalar(ctx, token, tag, onError);
          if (anchor)
            node.anchor = anchor.source.substring(1);
          break;
        case "block-map":
        case "block-seq":
        case "flow-collection":
          try {
            node = composeCollection.composeCollection(CN, ctx, token, props, onError);
            if (anchor)
              node.anchor = anchor.source.substring(1);
          } catch (error) {
            const message2 = error instanceof Error ? error.message : String(error);
            onError(token, "RESOURCE_EXHAUSTION", message2);
          }
          break;
        default: {
          const message2 = token.type === "error" ? token.message : `Unsupported token (type: ${token.type})`;
          onError(token, "UNEXPECTED_TOKEN", message2);
          isSrcToken = false;
        }
      }
      node ?? (node = composeEmptyNode(ctx, token.offset, void 0, null, props, onError));
      if (anchor && node.anchor === "")
        onError(anchor, "BAD_ALIAS", "Anchor cannot be an empty string");
      if (atKey && ctx.options.stringKeys && (!identity.isScalar(node) || typeof node.value !== "string" || node.tag && node.tag !== "tag:yaml.org,2002:str")) {
        const msg = "With stringKeys, all keys must be strings";
        onError(tag ?? token, "NON_STRING_KEY", msg);
      }
      if (spaceBefore)
        node.spaceBefore = true;
      if (comment) {
        if (token.type === "scalar" && token.source === "")
          node.comment = comment;
        else
          node.commentBefore = comment;
      }
      if (ctx.options.keepSourceTokens && isSrcToken)
        node.srcToken = token;
      return node;
    }
    function composeEmptyNode(ctx, offset, before, pos, { spaceBefore, comment, anchor, tag, end }, onError) {
      const token = {
        type: "scalar",
        offset: utilEmptyScalarPosition.emptyScalarPosition(offset, before, pos),
        indent: -1,
        source: ""
      };
      const node = composeScalar.composeScalar(ctx, token, tag, onError);
      if (anchor) {
        node.anchor = anchor.source.substring(1);
        if (node.anchor === "")
          onError(anchor, "BAD_ALIAS", "Anchor cannot be an empty string");
      }
      if (spaceBefore)
        node.spaceBefore = true;
      if (comment) {
        node.comment = comment;
        node.range[2] = end;
      }
      return node;
    }
    function composeAlias({ options }, { offset, source, end }, onError) {
      const alias = new Alias.Alias(source.substring(1));
      if (alias.source === "")
        onError(offset, "BAD_ALIAS", "Alias cannot be an empty string");
      if (alias.source.endsWith(":"))
        onError(offset + source.length - 1, "BAD_ALIAS", "Alias ending in : is ambiguous", true);
      const valueEnd = offset + source.length;
      const re = resolveEnd.resolveEnd(end, valueEnd, options.strict, onError);
      alias.range = [offset, valueEnd, re.offset];
      if (re.comment)
        alias.comment = re.comment;
      return alias;
    }
    exports2.composeEmptyNode = composeEmptyNode;
    exports2.composeNode = composeNode;
  }
});

// node_modules/yaml/dist/compose/compose-doc.js
var require_compose_doc = __commonJS({
  "node_modules/yaml/dist/compose/compose-doc.js"(exports2) {
    "use strict";
    var Document = require_Document();
    var composeNode = require_compose_node();
    var resolveEnd = require_resolve_end();
    var resolveProps = require_resolve_props();
    function composeDoc(options, directives, { offset, start, value, end }, onError) {
      const opts = Object.assign({ _directives: directives }, options);
      const doc = new Document.Document(void 0, opts);
      const ctx = {
        atKey: false,
        atRoot: true,
        directives: doc.directives,
        options: doc.options,
        schema: doc.schema
      };
      const props = resolveProps.resolveProps(start, {
        indicator: "doc-start",
        next: value ?? end?.[0],
        offset,
        onError,
        parentIndent: 0,
        startOnNewline: true
      });
      if (props.found) {
        doc.directives.docStart = true;
        if (value && (value.type === "block-map" || value.type === "block-seq") && !props.hasNewline)
          onError(props.end, "MISSING_CHAR", "Block collection cannot start on same line with directives-end marker");
      }
      doc.contents = value ? composeNode.composeNode(ctx, value, props, onError) : composeNode.composeEmptyNode(ctx, props.end, start, null, props, onError);
      const contentEnd = doc.contents.range[2];
      const re = resolveEnd.resolveEnd(end, contentEnd, false, onError);
      if (re.comment)
        doc.comment = re.comment;
      doc.range = [offset, contentEnd, re.offset];
      return doc;
    }
    exports2.composeDoc = composeDoc;
  }
});

// node_modules/yaml/dist/compose/composer.js
var require_composer = __commonJS({
  "node_modules/yaml/dist/compose/composer.js"(exports2) {
    "use strict";
    var node_process = require("process");
    var directives = require_directives();
    var Document = require_Document();
    var errors = require_errors();
    var identity = require_identity();
    var composeDoc = require_compose_doc();
    var resolveEnd = require_resolve_end();
    function getErrorPos(src) {
      if (typeof src === "number")
        return [src, src + 1];
      if (Array.isArray(src))
        return src.length === 2 ? src : [src[0], src[1]];
      const { offset, source } = src;
      return [offset, offset + (typeof source === "string" ? source.length : 1)];
    }
    function parsePrelude(prelude) {
      let comment = "";
      let atComment = false;
      let afterEmptyLine = false;
      for (let i = 0; i < prelude.length; ++i) {
        const source = prelude[i];
        switch (source[0]) {
          case "#":
            comment += (comment === "" ? "" : afterEmptyLine ? "\n\n" : "\n") + (source.substring(1) || " ");
            atComment = true;
            afterEmptyLine = false;
            break;
          case "%":
            if (prelude[i + 1]?.[0] !== "#")
              i += 1;
            atComment = false;
            break;
          default:
            if (!atComment)
              afterEmptyLine = true;
            atComment = false;
        }
      }
      return { comment, afterEmptyLine };
    }
    var Composer = class {
      constructor(options = {}) {
        this.doc = null;
        this.atDirectives = false;
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
        this.onError = (source, code, message2, warning) => {
          const pos = getErrorPos(source);
          if (warning)
            this.warnings.push(new errors.YAMLWarning(pos, code, message2));
          else
            this.errors.push(new errors.YAMLParseError(pos, code, message2));
        };
        this.directives = new directives.Directives({ version: options.version || "1.2" });
        this.options = options;
      }
      decorate(doc, afterDoc) {
        const { comment, afterEmptyLine } = parsePrelude(this.prelude);
        if (comment) {
          const dc = doc.contents;
          if (afterDoc) {
            doc.comment = doc.comment ? `${doc.comment}
${comment}` : comment;
          } else if (afterEmptyLine || doc.directives.docStart || !dc) {
            doc.commentBefore = comment;
          } else if (identity.isCollection(dc) && !dc.flow && dc.items.length > 0) {
            let it = dc.items[0];
            if (identity.isPair(it))
              it = it.key;
            const cb = it.commentBefore;
            it.commentBefore = cb ? `${comment}
${cb}` : comment;
          } else {
            const cb = dc.commentBefore;
            dc.commentBefore = cb ? `${comment}
${cb}` : comment;
          }
        }
        if (afterDoc) {
          for (let i = 0; i < this.errors.length; ++i)
            doc.errors.push(this.errors[i]);
          for (let i = 0; i < this.warnings.length; ++i)
            doc.warnings.push(this.warnings[i]);
        } else {
          doc.errors = this.errors;
          doc.warnings = this.warnings;
        }
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
      }
      /**
       * Current stream status information.
       *
       * Mostly useful at the end of input for an empty stream.
       */
      streamInfo() {
        return {
          comment: parsePrelude(this.prelude).comment,
          directives: this.directives,
          errors: this.errors,
          warnings: this.warnings
        };
      }
      /**
       * Compose tokens into documents.
       *
       * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
       * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
       */
      *compose(tokens, forceDoc = false, endOffset = -1) {
        for (const token of tokens)
          yield* this.next(token);
        yield* this.end(forceDoc, endOffset);
      }
      /** Advance the composer by one CST token. */
      *next(token) {
        if (node_process.env.LOG_STREAM)
          console.dir(token, { depth: null });
        switch (token.type) {
          case "directive":
            this.directives.add(token.source, (offset, message2, warning) => {
              const pos = getErrorPos(token);
              pos[0] += offset;
              this.onError(pos, "BAD_DIRECTIVE", message2, warning);
            });
            this.prelude.push(token.source);
            this.atDirectives = true;
            break;
          case "document": {
            const doc = composeDoc.composeDoc(this.options, this.directives, token, this.onError);
            if (this.atDirectives && !doc.directives.docStart)
              this.onError(token, "MISSING_CHAR", "Missing directives-end/doc-start indicator line");
            this.decorate(doc, false);
            if (this.doc)
              yield this.doc;
            this.doc = doc;
            this.atDirectives = false;
            break;
          }
          case "byte-order-mark":
          case "space":
            break;
          case "comment":
          case "newline":
            this.prelude.push(token.source);
            break;
          case "error": {
            const msg = token.source ? `${token.message}: ${JSON.stringify(token.source)}` : token.message;
            const error = new errors.YAMLParseError(getErrorPos(token), "UNEXPECTED_TOKEN", msg);
            if (this.atDirectives || !this.doc)
              this.errors.push(error);
            else
              this.doc.errors.push(error);
            break;
          }
          case "doc-end": {
            if (!this.doc) {
              const msg = "Unexpected doc-end without preceding document";
              this.errors.push(new errors.YAMLParseError(getErrorPos(token), "UNEXPECTED_TOKEN", msg));
              break;
            }
            this.doc.directives.docEnd = true;
            const end = resolveEnd.resolveEnd(token.end, token.offset + token.source.length, this.doc.options.strict, this.onError);
            this.decorate(this.doc, true);
            if (end.comment) {
              const dc = this.doc.comment;
              this.doc.comment = dc ? `${dc}
${end.comment}` : end.comment;
            }
            this.doc.range[2] = end.offset;
            break;
          }
          default:
            this.errors.push(new errors.YAMLParseError(getErrorPos(token), "UNEXPECTED_TOKEN", `Unsupported token ${token.type}`));
        }
      }
      /**
       * Call at end of input to yield any remaining document.
       *
       * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
       * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
       */
      *end(forceDoc = false, endOffset = -1) {
        if (this.doc) {
          this.decorate(this.doc, true);
          yield this.doc;
          this.doc = null;
        } else if (forceDoc) {
          const opts = Object.assign({ _directives: this.directives }, this.options);
          const doc = new Document.Document(void 0, opts);
          if (this.atDirectives)
            this.onError(endOffset, "MISSING_CHAR", "Missing directives-end indicator line");
          doc.range = [0, endOffset, endOffset];
          this.decorate(doc, false);
          yield doc;
        }
      }
    };
    exports2.Composer = Composer;
  }
});

// node_modules/yaml/dist/parse/cst-scalar.js
var require_cst_scalar = __commonJS({
  "node_modules/yaml/dist/parse/cst-scalar.js"(exports2) {
    "use strict";
    var resolveBlockScalar = require_resolve_block_scalar();
    var resolveFlowScalar = require_resolve_flow_scalar();
    var errors = require_errors();
    var stringifyString = require_stringifyString();
    function resolveAsScalar(token, strict = true, onError) {
      if (token) {
        const _onError = (pos, code, message2) => {
          const offset = typeof pos === "number" ? pos : Array.isArray(pos) ? pos[0] : pos.offset;
          if (onError)
            onError(offset, code, message2);
          else
            throw new errors.YAMLParseError([offset, offset + 1], code, message2);
        };
        switch (token.type) {
          case "scalar":
          case "single-quoted-scalar":
          case "double-quoted-scalar":
            return resolveFlowScalar.resolveFlowScalar(token, strict, _onError);
          case "block-scalar":
            return resolveBlockScalar.resolveBlockScalar({ options: { strict } }, token, _onError);
        }
      }
      return null;
    }
    function createScalarToken(value, context) {
      const { implicitKey = false, indent, inFlow = false, offset = -1, type = "PLAIN" } = context;
      const source = stringifyString.stringifyString({ type, value }, {
        implicitKey,
        indent: indent > 0 ? " ".repeat(indent) : "",
        inFlow,
        options: { blockQuote: true, lineWidth: -1 }
      });
      const end = context.end ?? [
        { type: "newline", offset: -1, indent, source: "\n" }
      ];
      switch (source[0]) {
        case "|":
        case ">": {
          const he = source.indexOf("\n");
          const head = source.substring(0, he);
          const body = source.substring(he + 1) + "\n";
          const props = [
            { type: "block-scalar-header", offset, indent, source: head }
          ];
          if (!addEndtoBlockProps(props, end))
            props.push({ type: "newline", offset: -1, indent, source: "\n" });
          return { type: "block-scalar", offset, indent, props, source: body };
        }
        case '"':
          return { type: "double-quoted-scalar", offset, indent, source, end };
        case "'":
          return { type: "single-quoted-scalar", offset, indent, source, end };
        default:
          return { type: "scalar", offset, indent, source, end };
      }
    }
    function setScalarValue(token, value, context = {}) {
      let { afterKey = false, implicitKey = false, inFlow = false, type } = context;
      let indent = "indent" in token ? token.indent : null;
      if (afterKey && typeof indent === "number")
        indent += 2;
      if (!type)
        switch (token.type) {
          case "single-quoted-scalar":
            type = "QUOTE_SINGLE";
            break;
          case "double-quoted-scalar":
            type = "QUOTE_DOUBLE";
            break;
          case "block-scalar": {
            const header = token.props[0];
            if (header.type !== "block-scalar-header")
              throw new Error("Invalid block scalar header");
            type = header.source[0] === ">" ? "BLOCK_FOLDED" : "BLOCK_LITERAL";
            break;
          }
          default:
            type = "PLAIN";
        }
      const source = stringifyString.stringifyString({ type, value }, {
        implicitKey: implicitKey || indent === null,
        indent: indent !== null && indent > 0 ? " ".repeat(indent) : "",
        inFlow,
        options: { blockQuote: true, lineWidth: -1 }
      });
      switch (source[0]) {
        case "|":
        case ">":
          setBlockScalarValue(token, source);
          break;
        case '"':
          setFlowScalarValue(token, source, "double-quoted-scalar");
          break;
        case "'":
          setFlowScalarValue(token, source, "single-quoted-scalar");
          break;
        default:
          setFlowScalarValue(token, source, "scalar");
      }
    }
    function setBlockScalarValue(token, source) {
      const he = source.indexOf("\n");
      const head = source.substring(0, he);
      const body = source.substring(he + 1) + "\n";
      if (token.type === "block-scalar") {
        const header = token.props[0];
        if (header.type !== "block-scalar-header")
          throw new Error("Invalid block scalar header");
        header.source = head;
        token.source = body;
      } else {
        const { offset } = token;
        const indent = "indent" in token ? token.indent : -1;
        const props = [
          { type: "block-scalar-header", offset, indent, source: head }
        ];
        if (!addEndtoBlockProps(props, "end" in token ? token.end : void 0))
          props.push({ type: "newline", offset: -1, indent, source: "\n" });
        for (const key2 of Object.keys(token))
          if (key2 !== "type" && key2 !== "offset")
            delete token[key2];
        Object.assign(token, { type: "block-scalar", indent, props, source: body });
      }
    }
    function addEndtoBlockProps(props, end) {
      if (end)
        for (const st of end)
          switch (st.type) {
            case "space":
            case "comment":
              props.push(st);
              break;
            case "newline":
              props.push(st);
              return true;
          }
      return false;
    }
    function setFlowScalarValue(token, source, type) {
      switch (token.type) {
        case "scalar":
        case "double-quoted-scalar":
        case "single-quoted-scalar":
          token.type = type;
          token.source = source;
          break;
        case "block-scalar": {
          const end = token.props.slice(1);
          let oa = source.length;
          if (token.props[0].type === "block-scalar-header")
            oa -= token.props[0].source.length;
          for (const tok of end)
            tok.offset += oa;
          delete token.props;
          Object.assign(token, { type, source, end });
          break;
        }
        case "block-map":
        case "block-seq": {
          const offset = token.offset + source.length;
          const nl = { type: "newline", offset, indent: token.indent, source: "\n" };
          delete token.items;
          Object.assign(token, { type, source, end: [nl] });
          break;
        }
        default: {
          const indent = "indent" in token ? token.indent : -1;
          const end = "end" in token && Array.isArray(token.end) ? token.end.filter((st) => st.type === "space" || st.type === "comment" || st.type === "newline") : [];
          for (const key2 of Object.keys(token))
            if (key2 !== "type" && key2 !== "offset")
              delete token[key2];
          Object.assign(token, { type, indent, source, end });
        }
      }
    }
    exports2.createScalarToken = createScalarToken;
    exports2.resolveAsScalar = resolveAsScalar;
    exports2.setScalarValue = setScalarValue;
  }
});

// node_modules/yaml/dist/parse/cst-stringify.js
var require_cst_stringify = __commonJS({
  "node_modules/yaml/dist/parse/cst-stringify.js"(exports2) {
    "use strict";
    var stringify2 = (cst) => "type" in cst ? stringifyToken(cst) : stringifyItem(cst);
    function stringifyToken(token) {
      switch (token.type) {
        case "block-scalar": {
          let res = "";
          for (const tok of token.props)
            res += stringifyToken(tok);
          return res + token.source;
        }
        case "block-map":
        case "block-seq": {
          let res = "";
          for (const item of token.items)
            res += stringifyItem(item);
          return res;
        }
        case "flow-collection": {
          let res = token.start.source;
          for (const item of token.items)
            res += stringifyItem(item);
          for (const st of token.end)
            res += st.source;
          return res;
        }
        case "document": {
          let res = stringifyItem(token);
          if (token.end)
            for (const st of token.end)
              res += st.source;
          return res;
        }
        default: {
          let res = token.source;
          if ("end" in token && token.end)
            for (const st of token.end)
              res += st.source;
          return res;
        }
      }
    }
    function stringifyItem({ start, key: key2, sep, value }) {
      let res = "";
      for (const st of start)
        res += st.source;
      if (key2)
        res += stringifyToken(key2);
      if (sep)
        for (const st of sep)
          res += st.source;
      if (value)
        res += stringifyToken(value);
      return res;
    }
    exports2.stringify = stringify2;
  }
});

// node_modules/yaml/dist/parse/cst-visit.js
var require_cst_visit = __commonJS({
  "node_modules/yaml/dist/parse/cst-visit.js"(exports2) {
    "use strict";
    var BREAK = /* @__PURE__ */ Symbol("break visit");
    var SKIP = /* @__PURE__ */ Symbol("skip children");
    var REMOVE = /* @__PURE__ */ Symbol("remove item");
    function visit(cst, visitor) {
      if ("type" in cst && cst.type === "document")
        cst = { start: cst.start, value: cst.value };
      _visit(Object.freeze([]), cst, visitor);
    }
    visit.BREAK = BREAK;
    visit.SKIP = SKIP;
    visit.REMOVE = REMOVE;
    visit.itemAtPath = (cst, path) => {
      let item = cst;
      for (const [field, index] of path) {
        const tok = item?.[field];
        if (tok && "items" in tok) {
          item = tok.items[index];
        } else
          return void 0;
      }
      return item;
    };
    visit.parentCollection = (cst, path) => {
      const parent = visit.itemAtPath(cst, path.slice(0, -1));
      const field = path[path.length - 1][0];
      const coll = parent?.[field];
      if (coll && "items" in coll)
        return coll;
      throw new Error("Parent collection not found");
    };
    function _visit(path, item, visitor) {
      let ctrl = visitor(item, path);
      if (typeof ctrl === "symbol")
        return ctrl;
      for (const field of ["key", "value"]) {
        const token = item[field];
        if (token && "items" in token) {
          for (let i = 0; i < token.items.length; ++i) {
            const ci = _visit(Object.freeze(path.concat([[field, i]])), token.items[i], visitor);
            if (typeof ci === "number")
              i = ci - 1;
            else if (ci === BREAK)
              return BREAK;
            else if (ci === REMOVE) {
              token.items.splice(i, 1);
              i -= 1;
            }
          }
          if (typeof ctrl === "function" && field === "key")
            ctrl = ctrl(item, path);
        }
      }
      return typeof ctrl === "function" ? ctrl(item, path) : ctrl;
    }
    exports2.visit = visit;
  }
});

// node_modules/yaml/dist/parse/cst.js
var require_cst = __commonJS({
  "node_modules/yaml/dist/parse/cst.js"(exports2) {
    "use strict";
    var cstScalar = require_cst_scalar();
    var cstStringify = require_cst_stringify();
    var cstVisit = require_cst_visit();
    var BOM = "\uFEFF";
    var DOCUMENT = "";
    var FLOW_END = "";
    var SCALAR = "";
    var isCollection = (token) => !!token && "items" in token;
    var isScalar3 = (token) => !!token && (token.type === "scalar" || token.type === "single-quoted-scalar" || token.type === "double-quoted-scalar" || token.type === "block-scalar");
    function prettyToken(token) {
      switch (token) {
        case BOM:
          return "<BOM>";
        case DOCUMENT:
          return "<DOC>";
        case FLOW_END:
          return "<FLOW_END>";
        case SCALAR:
          return "<SCALAR>";
        default:
          return JSON.stringify(token);
      }
    }
    function tokenType(source) {
      switch (source) {
        case BOM:
          return "byte-order-mark";
        case DOCUMENT:
          return "doc-mode";
        case FLOW_END:
          return "flow-error-end";
        case SCALAR:
          return "scalar";
        case "---":
          return "doc-start";
        case "...":
          return "doc-end";
        case "":
        case "\n":
        case "\r\n":
          return "newline";
        case "-":
          return "seq-item-ind";
        case "?":
          return "explicit-key-ind";
        case ":":
          return "map-value-ind";
        case "{":
          return "flow-map-start";
        case "}":
          return "flow-map-end";
        case "[":
          return "flow-seq-start";
        case "]":
          return "flow-seq-end";
        case ",":
          return "comma";
      }
      switch (source[0]) {
        case " ":
        case "	":
          return "space";
        case "#":
          return "comment";
        case "%":
          return "directive-line";
        case "*":
          return "alias";
        case "&":
          return "anchor";
        case "!":
          return "tag";
        case "'":
          return "single-quoted-scalar";
        case '"':
          return "double-quoted-scalar";
        case "|":
        case ">":
          return "block-scalar-header";
      }
      return null;
    }
    exports2.createScalarToken = cstScalar.createScalarToken;
    exports2.resolveAsScalar = cstScalar.resolveAsScalar;
    exports2.setScalarValue = cstScalar.setScalarValue;
    exports2.stringify = cstStringify.stringify;
    exports2.visit = cstVisit.visit;
    exports2.BOM = BOM;
    exports2.DOCUMENT = DOCUMENT;
    exports2.FLOW_END = FLOW_END;
    exports2.SCALAR = SCALAR;
    exports2.isCollection = isCollection;
    exports2.isScalar = isScalar3;
    exports2.prettyToken = prettyToken;
    exports2.tokenType = tokenType;
  }
});

// node_modules/yaml/dist/parse/lexer.js
var require_lexer = __commonJS({
  "node_modules/yaml/dist/parse/lexer.js"(exports2) {
    "use strict";
    var cst = require_cst();
    function isEmpty(ch) {
      switch (ch) {
        case void 0:
        case " ":
        case "\n":
        case "\r":
        case "	":
          return true;
        default:
          return false;
      }
    }
    var hexDigits = new Set("0123456789ABCDEFabcdef");
    var tagChars = new Set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-#;/?:@&=+$_.!~*'()");
    var flowIndicatorChars = new Set(",[]{}");
    var invalidAnchorChars = new Set(" ,[]{}\n\r	");
    var isNotAnchorChar = (ch) => !ch || invalidAnchorChars.has(ch);
    var Lexer = class {
      constructor() {
        this.atEnd = false;
        this.blockScalarIndent = -1;
        this.blockScalarKeep = false;
        this.buffer = "";
        this.flowKey = false;
        this.flowLevel = 0;
        this.indentNext = 0;
        this.indentValue = 0;
        this.lineEndPos = null;
        this.next = null;
        this.pos = 0;
      }
      /**
       * Generate YAML tokens from the `source` string. If `incomplete`,
       * a part of the last line may be left as a buffer for the next call.
       *
       * @returns A generator of lexical tokens
       */
      *lex(source, incomplete = false) {
        if (source) {
          if (typeof source !== "string")
            throw TypeError("source is not a string");
          this.buffer = this.buffer ? this.buffer + source : source;
          this.lineEndPos = null;
        }
        this.atEnd = !incomplete;
        let next = this.next ?? "stream";
        while (next && (incomplete || this.hasChars(1)))
          next = yield* this.parseNext(next);
      }
      atLineEnd() {
        let i = this.pos;
        let ch = this.buffer[i];
        while (ch === " " || ch === "	")
          ch = this.buffer[++i];
        if (!ch || ch === "#" || ch === "\n")
          return true;
        if (ch === "\r")
          return this.buffer[i + 1] === "\n";
        return false;
      }
      charAt(n) {
        return this.buffer[this.pos + n];
      }
      continueScalar(offset) {
        let ch = this.buffer[offset];
        if (this.indentNext > 0) {
          let indent = 0;
          while (ch === " ")
            ch = this.buffer[++indent + offset];
          if (ch === "\r") {
            const next = this.buffer[indent + offset + 1];
            if (next === "\n" || !next && !this.atEnd)
              return offset + indent + 1;
          }
          return ch === "\n" || indent >= this.indentNext || !ch && !this.atEnd ? offset + indent : -1;
        }
        if (ch === "-" || ch === ".") {
          const dt = this.buffer.substr(offset, 3);
          if ((dt === "---" || dt === "...") && isEmpty(this.buffer[offset + 3]))
            return -1;
        }
        return offset;
      }
      getLine() {
        let end = this.lineEndPos;
        if (typeof end !== "number" || end !== -1 && end < this.pos) {
          end = this.buffer.indexOf("\n", this.pos);
          this.lineEndPos = end;
        }
        if (end === -1)
          return this.atEnd ? this.buffer.substring(this.pos) : null;
        if (this.buffer[end - 1] === "\r")
          end -= 1;
        return this.buffer.substring(this.pos, end);
      }
      hasChars(n) {
        return this.pos + n <= this.buffer.length;
      }
      setNext(state) {
        this.buffer = this.buffer.substring(this.pos);
        this.pos = 0;
        this.lineEndPos = null;
        this.next = state;
        return null;
      }
      peek(n) {
        return this.buffer.substr(this.pos, n);
      }
      *parseNext(next) {
        switch (next) {
          case "stream":
            return yield* this.parseStream();
          case "line-start":
            return yield* this.parseLineStart();
          case "block-start":
            return yield* this.parseBlockStart();
          case "doc":
            return yield* this.parseDocument();
          case "flow":
            return yield* this.parseFlowCollection();
          case "quoted-scalar":
            return yield* this.parseQuotedScalar();
          case "block-scalar":
            return yield* this.parseBlockScalar();
          case "plain-scalar":
            return yield* this.parsePlainScalar();
        }
      }
      *parseStream() {
        let line = this.getLine();
        if (line === null)
          return this.setNext("stream");
        if (line[0] === cst.BOM) {
          yield* this.pushCount(1);
          line = line.substring(1);
        }
        if (line[0] === "%") {
          let dirEnd = line.length;
          let cs = line.indexOf("#");
          while (cs !== -1) {
            const ch = line[cs - 1];
            if (ch === " " || ch === "	") {
              dirEnd = cs - 1;
              break;
            } else {
              cs = line.indexOf("#", cs + 1);
            }
          }
          while (true) {
            const ch = line[dirEnd - 1];
            if (ch === " " || ch === "	")
              dirEnd -= 1;
            else
              break;
          }
          const n = (yield* this.pushCount(dirEnd)) + (yield* this.pushSpaces(true));
          yield* this.pushCount(line.length - n);
          this.pushNewline();
          return "stream";
        }
        if (this.atLineEnd()) {
          const sp = yield* this.pushSpaces(true);
          yield* this.pushCount(line.length - sp);
          yield* this.pushNewline();
          return "stream";
        }
        yield cst.DOCUMENT;
        return yield* this.parseLineStart();
      }
      *parseLineStart() {
        const ch = this.charAt(0);
        if (!ch && !this.atEnd)
          return this.setNext("line-start");
        if (ch === "-" || ch === ".") {
          if (!this.atEnd && !this.hasChars(4))
            return this.setNext("line-start");
          const s = this.peek(3);
          if ((s === "---" || s === "...") && isEmpty(this.charAt(3))) {
            yield* this.pushCount(3);
            this.indentValue = 0;
            this.indentNext = 0;
            return s === "---" ? "doc" : "stream";
          }
        }
        this.indentValue = yield* this.pushSpaces(false);
        if (this.indentNext > this.indentValue && !isEmpty(this.charAt(1)))
          this.indentNext = this.indentValue;
        return yield* this.parseBlockStart();
      }
      *parseBlockStart() {
        const [ch0, ch1] = this.peek(2);
        if (!ch1 && !this.atEnd)
          return this.setNext("block-start");
        if ((ch0 === "-" || ch0 === "?" || ch0 === ":") && isEmpty(ch1)) {
          const n = (yield* this.pushCount(1)) + (yield* this.pushSpaces(true));
          this.indentNext = this.indentValue + 1;
          this.indentValue += n;
          return "block-start";
        }
        return "doc";
      }
      *parseDocument() {
        yield* this.pushSpaces(true);
        const line = this.getLine();
        if (line === null)
          return this.setNext("doc");
        let n = yield* this.pushIndicators();
        switch (line[n]) {
          case "#":
            yield* this.pushCount(line.length - n);
          // fallthrough
          case void 0:
            yield* this.pushNewline();
            return yield* this.parseLineStart();
          case "{":
          case "[":
            yield* this.pushCount(1);
            this.flowKey = false;
            this.flowLevel = 1;
            return "flow";
          case "}":
          case "]":
            yield* this.pushCount(1);
            return "doc";
          case "*":
            yield* this.pushUntil(isNotAnchorChar);
            return "doc";
          case '"':
          case "'":
            return yield* this.parseQuotedScalar();
          case "|":
          case ">":
            n += yield* this.parseBlockScalarHeader();
            n += yield* this.pushSpaces(true);
            yield* this.pushCount(line.length - n);
            yield* this.pushNewline();
            return yield* this.parseBlockScalar();
          default:
            return yield* this.parsePlainScalar();
        }
      }
      *parseFlowCollection() {
        let nl, sp;
        let indent = -1;
        do {
          nl = yield* this.pushNewline();
          if (nl > 0) {
            sp = yield* this.pushSpaces(false);
            this.indentValue = indent = sp;
          } else {
            sp = 0;
          }
          sp += yield* this.pushSpaces(true);
        } while (nl + sp > 0);
        const line = this.getLine();
        if (line === null)
          return this.setNext("flow");
        if (indent !== -1 && indent < this.indentNext && line[0] !== "#" || indent === 0 && (line.startsWith("---") || line.startsWith("...")) && isEmpty(line[3])) {
          const atFlowEndMarker = indent === this.indentNext - 1 && this.flowLevel === 1 && (line[0] === "]" || line[0] === "}");
          if (!atFlowEndMarker) {
            this.flowLevel = 0;
            yield cst.FLOW_END;
            return yield* this.parseLineStart();
          }
        }
        let n = 0;
        while (line[n] === ",") {
          n += yield* this.pushCount(1);
          n += yield* this.pushSpaces(true);
          this.flowKey = false;
        }
        n += yield* this.pushIndicators();
        switch (line[n]) {
          case void 0:
            return "flow";
          case "#":
            yield* this.pushCount(line.length - n);
            return "flow";
          case "{":
          case "[":
            yield* this.pushCount(1);
            this.flowKey = false;
            this.flowLevel += 1;
            return "flow";
          case "}":
          case "]":
            yield* this.pushCount(1);
            this.flowKey = true;
            this.flowLevel -= 1;
            return this.flowLevel ? "flow" : "doc";
          case "*":
            yield* this.pushUntil(isNotAnchorChar);
            return "flow";
          case '"':
          case "'":
            this.flowKey = true;
            return yield* this.parseQuotedScalar();
          case ":": {
            const next = this.charAt(1);
            if (this.flowKey || isEmpty(next) || next === ",") {
              this.flowKey = false;
              yield* this.pushCount(1);
              yield* this.pushSpaces(true);
              return "flow";
            }
          }
          // fallthrough
          default:
            this.flowKey = false;
            return yield* this.parsePlainScalar();
        }
      }
      *parseQuotedScalar() {
        const quote = this.charAt(0);
        let end = this.buffer.indexOf(quote, this.pos + 1);
        if (quote === "'") {
          while (end !== -1 && this.buffer[end + 1] === "'")
            end = this.buffer.indexOf("'", end + 2);
        } else {
          while (end !== -1) {
            let n = 0;
            while (this.buffer[end - 1 - n] === "\\")
              n += 1;
            if (n % 2 === 0)
              break;
            end = this.buffer.indexOf('"', end + 1);
          }
        }
        const qb = this.buffer.substring(0, end);
        let nl = qb.indexOf("\n", this.pos);
        if (nl !== -1) {
          while (nl !== -1) {
            const cs = this.continueScalar(nl + 1);
            if (cs === -1)
              break;
            nl = qb.indexOf("\n", cs);
          }
          if (nl !== -1) {
            end = nl - (qb[nl - 1] === "\r" ? 2 : 1);
          }
        }
        if (end === -1) {
          if (!this.atEnd)
            return this.setNext("quoted-scalar");
          end = this.buffer.length;
        }
        yield* this.pushToIndex(end + 1, false);
        return this.flowLevel ? "flow" : "doc";
      }
      *parseBlockScalarHeader() {
        this.blockScalarIndent = -1;
        this.blockScalarKeep = false;
        let i = this.pos;
        while (true) {
          const ch = this.buffer[++i];
          if (ch === "+")
            this.blockScalarKeep = true;
          else if (ch > "0" && ch <= "9")
            this.blockScalarIndent = Number(ch) - 1;
          else if (ch !== "-")
            break;
        }
        return yield* this.pushUntil((ch) => isEmpty(ch) || ch === "#");
      }
      *parseBlockScalar() {
        let nl = this.pos - 1;
        let indent = 0;
        let ch;
        loop: for (let i2 = this.pos; ch = this.buffer[i2]; ++i2) {
          switch (ch) {
            case " ":
              indent += 1;
              break;
            case "\n":
              nl = i2;
              indent = 0;
              break;
            case "\r": {
              const next = this.buffer[i2 + 1];
              if (!next && !this.atEnd)
                return this.setNext("block-scalar");
              if (next === "\n")
                break;
            }
            // fallthrough
            default:
              break loop;
          }
        }
        if (!ch && !this.atEnd)
          return this.setNext("block-scalar");
        if (indent >= this.indentNext) {
          if (this.blockScalarIndent === -1)
            this.indentNext = indent;
          else {
            this.indentNext = this.blockScalarIndent + (this.indentNext === 0 ? 1 : this.indentNext);
          }
          do {
            const cs = this.continueScalar(nl + 1);
            if (cs === -1)
              break;
            nl = this.buffer.indexOf("\n", cs);
          } while (nl !== -1);
          if (nl === -1) {
            if (!this.atEnd)
              return this.setNext("block-scalar");
            nl = this.buffer.length;
          }
        }
        let i = nl + 1;
        ch = this.buffer[i];
        while (ch === " ")
          ch = this.buffer[++i];
        if (ch === "	") {
          while (ch === "	" || ch === " " || ch === "\r" || ch === "\n")
            ch = this.buffer[++i];
          nl = i - 1;
        } else if (!this.blockScalarKeep) {
          do {
            let i2 = nl - 1;
            let ch2 = this.buffer[i2];
            if (ch2 === "\r")
              ch2 = this.buffer[--i2];
            const lastChar = i2;
            while (ch2 === " ")
              ch2 = this.buffer[--i2];
            if (ch2 === "\n" && i2 >= this.pos && i2 + 1 + indent > lastChar)
              nl = i2;
            else
              break;
          } while (true);
        }
        yield cst.SCALAR;
        yield* this.pushToIndex(nl + 1, true);
        return yield* this.parseLineStart();
      }
      *parsePlainScalar() {
        const inFlow = this.flowLevel > 0;
        let end = this.pos - 1;
        let i = this.pos - 1;
        let ch;
        while (ch = this.buffer[++i]) {
          if (ch === ":") {
            const next = this.buffer[i + 1];
            if (isEmpty(next) || inFlow && flowIndicatorChars.has(next))
              break;
            end = i;
          } else if (isEmpty(ch)) {
            let next = this.buffer[i + 1];
            if (ch === "\r") {
              if (next === "\n") {
                i += 1;
                ch = "\n";
                next = this.buffer[i + 1];
              } else
                end = i;
            }
            if (next === "#" || inFlow && flowIndicatorChars.has(next))
              break;
            if (ch === "\n") {
              const cs = this.continueScalar(i + 1);
              if (cs === -1)
                break;
              i = Math.max(i, cs - 2);
            }
          } else {
            if (inFlow && flowIndicatorChars.has(ch))
              break;
            end = i;
          }
        }
        if (!ch && !this.atEnd)
          return this.setNext("plain-scalar");
        yield cst.SCALAR;
        yield* this.pushToIndex(end + 1, true);
        return inFlow ? "flow" : "doc";
      }
      *pushCount(n) {
        if (n > 0) {
          yield this.buffer.substr(this.pos, n);
          this.pos += n;
          return n;
        }
        return 0;
      }
      *pushToIndex(i, allowEmpty) {
        const s = this.buffer.slice(this.pos, i);
        if (s) {
          yield s;
          this.pos += s.length;
          return s.length;
        } else if (allowEmpty)
          yield "";
        return 0;
      }
      *pushIndicators() {
        let n = 0;
        loop: while (true) {
          switch (this.charAt(0)) {
            case "!":
              n += yield* this.pushTag();
              n += yield* this.pushSpaces(true);
              continue loop;
            case "&":
              n += yield* this.pushUntil(isNotAnchorChar);
              n += yield* this.pushSpaces(true);
              continue loop;
            case "-":
            // this is an error
            case "?":
            // this is an error outside flow collections
            case ":": {
              const inFlow = this.flowLevel > 0;
              const ch1 = this.charAt(1);
              if (isEmpty(ch1) || inFlow && flowIndicatorChars.has(ch1)) {
                if (!inFlow)
                  this.indentNext = this.indentValue + 1;
                else if (this.flowKey)
                  this.flowKey = false;
                n += yield* this.pushCount(1);
                n += yield* this.pushSpaces(true);
                continue loop;
              }
            }
          }
          break loop;
        }
        return n;
      }
      *pushTag() {
        if (this.charAt(1) === "<") {
          let i = this.pos + 2;
          let ch = this.buffer[i];
          while (!isEmpty(ch) && ch !== ">")
            ch = this.buffer[++i];
          return yield* this.pushToIndex(ch === ">" ? i + 1 : i, false);
        } else {
          let i = this.pos + 1;
          let ch = this.buffer[i];
          while (ch) {
            if (tagChars.has(ch))
              ch = this.buffer[++i];
            else if (ch === "%" && hexDigits.has(this.buffer[i + 1]) && hexDigits.has(this.buffer[i + 2])) {
              ch = this.buffer[i += 3];
            } else
              break;
          }
          return yield* this.pushToIndex(i, false);
        }
      }
      *pushNewline() {
        const ch = this.buffer[this.pos];
        if (ch === "\n")
          return yield* this.pushCount(1);
        else if (ch === "\r" && this.charAt(1) === "\n")
          return yield* this.pushCount(2);
        else
          return 0;
      }
      *pushSpaces(allowTabs) {
        let i = this.pos - 1;
        let ch;
        do {
          ch = this.buffer[++i];
        } while (ch === " " || allowTabs && ch === "	");
        const n = i - this.pos;
        if (n > 0) {
          yield this.buffer.substr(this.pos, n);
          this.pos = i;
        }
        return n;
      }
      *pushUntil(test) {
        let i = this.pos;
        let ch = this.buffer[i];
        while (!test(ch))
          ch = this.buffer[++i];
        return yield* this.pushToIndex(i, false);
      }
    };
    exports2.Lexer = Lexer;
  }
});

// node_modules/yaml/dist/parse/line-counter.js
var require_line_counter = __commonJS({
  "node_modules/yaml/dist/parse/line-counter.js"(exports2) {
    "use strict";
    var LineCounter2 = class {
      constructor() {
        this.lineStarts = [];
        this.addNewLine = (offset) => this.lineStarts.push(offset);
        this.linePos = (offset) => {
          let low = 0;
          let high = this.lineStarts.length;
          while (low < high) {
            const mid = low + high >> 1;
            if (this.lineStarts[mid] < offset)
              low = mid + 1;
            else
              high = mid;
          }
          if (this.lineStarts[low] === offset)
            return { line: low + 1, col: 1 };
          if (low === 0)
            return { line: 0, col: offset };
          const start = this.lineStarts[low - 1];
          return { line: low, col: offset - start + 1 };
        };
      }
    };
    exports2.LineCounter = LineCounter2;
  }
});

// node_modules/yaml/dist/parse/parser.js
var require_parser = __commonJS({
  "node_modules/yaml/dist/parse/parser.js"(exports2) {
    "use strict";
    var node_process = require("process");
    var cst = require_cst();
    var lexer = require_lexer();
    function includesToken(list2, type) {
      for (let i = 0; i < list2.length; ++i)
        if (list2[i].type === type)
          return true;
      return false;
    }
    function findNonEmptyIndex(list2) {
      for (let i = 0; i < list2.length; ++i) {
        switch (list2[i].type) {
          case "space":
          case "comment":
          case "newline":
            break;
          default:
            return i;
        }
      }
      return -1;
    }
    function isFlowToken(token) {
      switch (token?.type) {
        case "alias":
        case "scalar":
        case "single-quoted-scalar":
        case "double-quoted-scalar":
        case "flow-collection":
          return true;
        default:
          return false;
      }
    }
    function getPrevProps(parent) {
      switch (parent.type) {
        case "document":
          return parent.start;
        case "block-map": {
          const it = parent.items[parent.items.length - 1];
          return it.sep ?? it.start;
        }
        case "block-seq":
          return parent.items[parent.items.length - 1].start;
        /* istanbul ignore next should not happen */
        default:
          return [];
      }
    }
    function getFirstKeyStartProps(prev) {
      if (prev.length === 0)
        return [];
      let i = prev.length;
      loop: while (--i >= 0) {
        switch (prev[i].type) {
          case "doc-start":
          case "explicit-key-ind":
          case "map-value-ind":
          case "seq-item-ind":
          case "newline":
            break loop;
        }
      }
      while (prev[++i]?.type === "space") {
      }
      return prev.splice(i, prev.length);
    }
    function arrayPushArray(target, source) {
      if (source.length < 1e5)
        Array.prototype.push.apply(target, source);
      else
        for (let i = 0; i < source.length; ++i)
          target.push(source[i]);
    }
    function fixFlowSeqItems(fc) {
      if (fc.start.type === "flow-seq-start") {
        for (const it of fc.items) {
          if (it.sep && !it.value && !includesToken(it.start, "explicit-key-ind") && !includesToken(it.sep, "map-value-ind")) {
            if (it.key)
              it.value = it.key;
            delete it.key;
            if (isFlowToken(it.value)) {
              if (it.value.end)
                arrayPushArray(it.value.end, it.sep);
              else
                it.value.end = it.sep;
            } else
              arrayPushArray(it.start, it.sep);
            delete it.sep;
          }
        }
      }
    }
    var Parser = class {
      /**
       * @param onNewLine - If defined, called separately with the start position of
       *   each new line (in `parse()`, including the start of input).
       */
      constructor(onNewLine) {
        this.atNewLine = true;
        this.atScalar = false;
        this.indent = 0;
        this.offset = 0;
        this.onKeyLine = false;
        this.stack = [];
        this.source = "";
        this.type = "";
        this.lexer = new lexer.Lexer();
        this.onNewLine = onNewLine;
      }
      /**
       * Parse `source` as a YAML stream.
       * If `incomplete`, a part of the last line may be left as a buffer for the next call.
       *
       * Errors are not thrown, but yielded as `{ type: 'error', message }` tokens.
       *
       * @returns A generator of tokens representing each directive, document, and other structure.
       */
      *parse(source, incomplete = false) {
        if (this.onNewLine && this.offset === 0)
          this.onNewLine(0);
        for (const lexeme of this.lexer.lex(source, incomplete))
          yield* this.next(lexeme);
        if (!incomplete)
          yield* this.end();
      }
      /**
       * Advance the parser by the `source` of one lexical token.
       */
      *next(source) {
        this.source = source;
        if (node_process.env.LOG_TOKENS)
          console.log("|", cst.prettyToken(source));
        if (this.atScalar) {
          this.atScalar = false;
          yield* this.step();
          this.offset += source.length;
          return;
        }
        const type = cst.tokenType(source);
        if (!type) {
          const message2 = `Not a YAML token: ${source}`;
          yield* this.pop({ type: "error", offset: this.offset, message: message2, source });
          this.offset += source.length;
        } else if (type === "scalar") {
          this.atNewLine = false;
          this.atScalar = true;
          this.type = "scalar";
        } else {
          this.type = type;
          yield* this.step();
          switch (type) {
            case "newline":
              this.atNewLine = true;
              this.indent = 0;
              if (this.onNewLine)
                this.onNewLine(this.offset + source.length);
              break;
            case "space":
              if (this.atNewLine && source[0] === " ")
                this.indent += source.length;
              break;
            case "explicit-key-ind":
            case "map-value-ind":
            case "seq-item-ind":
              if (this.atNewLine)
                this.indent += source.length;
              break;
            case "doc-mode":
            case "flow-error-end":
              return;
            default:
              this.atNewLine = false;
          }
          this.offset += source.length;
        }
      }
      /** Call at end of input to push out any remaining constructions */
      *end() {
        while (this.stack.length > 0)
          yield* this.pop();
      }
      get sourceToken() {
        const st = {
          type: this.type,
          offset: this.offset,
          indent: this.indent,
          source: this.source
        };
        return st;
      }
      *step() {
        const top = this.peek(1);
        if (this.type === "doc-end" && top?.type !== "doc-end") {
          while (this.stack.length > 0)
            yield* this.pop();
          this.stack.push({
            type: "doc-end",
            offset: this.offset,
            source: this.source
          });
          return;
        }
        if (!top)
          return yield* this.stream();
        switch (top.type) {
          case "document":
            return yield* this.document(top);
          case "alias":
          case "scalar":
          case "single-quoted-scalar":
          case "double-quoted-scalar":
            return yield* this.scalar(top);
          case "block-scalar":
            return yield* this.blockScalar(top);
          case "block-map":
            return yield* this.blockMap(top);
          case "block-seq":
            return yield* this.blockSequence(top);
          case "flow-collection":
            return yield* this.flowCollection(top);
          case "doc-end":
            return yield* this.documentEnd(top);
        }
        yield* this.pop();
      }
      peek(n) {
        return this.stack[this.stack.length - n];
      }
      *pop(error) {
        const token = error ?? this.stack.pop();
        if (!token) {
          const message2 = "Tried to pop an empty stack";
          yield { type: "error", offset: this.offset, source: "", message: message2 };
        } else if (this.stack.length === 0) {
          yield token;
        } else {
          const top = this.peek(1);
          if (token.type === "block-scalar") {
            token.indent = "indent" in top ? top.indent : 0;
          } else if (token.type === "flow-collection" && top.type === "document") {
            token.indent = 0;
          }
          if (token.type === "flow-collection")
            fixFlowSeqItems(token);
          switch (top.type) {
            case "document":
              top.value = token;
              break;
            case "block-scalar":
              top.props.push(token);
              break;
            case "block-map": {
              const it = top.items[top.items.length - 1];
              if (it.value) {
                top.items.push({ start: [], key: token, sep: [] });
                this.onKeyLine = true;
                return;
              } else if (it.sep) {
                it.value = token;
              } else {
                Object.assign(it, { key: token, sep: [] });
                this.onKeyLine = !it.explicitKey;
                return;
              }
              break;
            }
            case "block-seq": {
              const it = top.items[top.items.length - 1];
              if (it.value)
                top.items.push({ start: [], value: token });
              else
                it.value = token;
              break;
            }
            case "flow-collection": {
              const it = top.items[top.items.length - 1];
              if (!it || it.value)
                top.items.push({ start: [], key: token, sep: [] });
              else if (it.sep)
                it.value = token;
              else
                Object.assign(it, { key: token, sep: [] });
              return;
            }
            /* istanbul ignore next should not happen */
            default:
              yield* this.pop();
              yield* this.pop(token);
          }
          if ((top.type === "document" || top.type === "block-map" || top.type === "block-seq") && (token.type === "block-map" || token.type === "block-seq")) {
            const last = token.items[token.items.length - 1];
            if (last && !last.sep && !last.value && last.start.length > 0 && findNonEmptyIndex(last.start) === -1 && (token.indent === 0 || last.start.every((st) => st.type !== "comment" || st.indent < token.indent))) {
              if (top.type === "document")
                top.end = last.start;
              else
                top.items.push({ start: last.start });
              token.items.splice(-1, 1);
            }
          }
        }
      }
      *stream() {
        switch (this.type) {
          case "directive-line":
            yield { type: "directive", offset: this.offset, source: this.source };
            return;
          case "byte-order-mark":
          case "space":
          case "comment":
          case "newline":
            yield this.sourceToken;
            return;
          case "doc-mode":
          case "doc-start": {
            const doc = {
              type: "document",
              offset: this.offset,
              start: []
            };
            if (this.type === "doc-start")
              doc.start.push(this.sourceToken);
            this.stack.push(doc);
            return;
          }
        }
        yield {
          type: "error",
          offset: this.offset,
          message: `Unexpected ${this.type} token in YAML stream`,
          source: this.source
        };
      }
      *document(doc) {
        if (doc.value)
          return yield* this.lineEnd(doc);
        switch (this.type) {
          case "doc-start": {
            if (findNonEmptyIndex(doc.start) !== -1) {
              yield* this.pop();
              yield* this.step();
            } else
              doc.start.push(this.sourceToken);
            return;
          }
          case "anchor":
          case "tag":
          case "space":
          case "comment":
          case "newline":
            doc.start.push(this.sourceToken);
            return;
        }
        const bv = this.startBlockValue(doc);
        if (bv)
          this.stack.push(bv);
        else {
          yield {
            type: "error",
            offset: this.offset,
            message: `Unexpected ${this.type} token in YAML document`,
            source: this.source
          };
        }
      }
      *scalar(scalar) {
        if (this.type === "map-value-ind") {
          const prev = getPrevProps(this.peek(2));
          const start = getFirstKeyStartProps(prev);
          let sep;
          if (scalar.end) {
            sep = scalar.end;
            sep.push(this.sourceToken);
            delete scalar.end;
          } else
            sep = [this.sourceToken];
          const map = {
            type: "block-map",
            offset: scalar.offset,
            indent: scalar.indent,
            items: [{ start, key: scalar, sep }]
          };
          this.onKeyLine = true;
          this.stack[this.stack.length - 1] = map;
        } else
          yield* this.lineEnd(scalar);
      }
      *blockScalar(scalar) {
        switch (this.type) {
          case "space":
          case "comment":
          case "newline":
            scalar.props.push(this.sourceToken);
            return;
          case "scalar":
            scalar.source = this.source;
            this.atNewLine = true;
            this.indent = 0;
            if (this.onNewLine) {
              let nl = this.source.indexOf("\n") + 1;
              while (nl !== 0) {
                this.onNewLine(this.offset + nl);
                nl = this.source.indexOf("\n", nl) + 1;
              }
            }
            yield* this.pop();
            break;
          /* istanbul ignore next should not happen */
          default:
            yield* this.pop();
            yield* this.step();
        }
      }
      *blockMap(map) {
        const it = map.items[map.items.length - 1];
        switch (this.type) {
          case "newline":
            this.onKeyLine = false;
            if (it.value) {
              const end = "end" in it.value ? it.value.end : void 0;
              const last = Array.isArray(end) ? end[end.length - 1] : void 0;
              if (last?.type === "comment")
                end?.push(this.sourceToken);
              else
                map.items.push({ start: [this.sourceToken] });
            } else if (it.sep) {
              it.sep.push(this.sourceToken);
            } else {
              it.start.push(this.sourceToken);
            }
            return;
          case "space":
          case "comment":
            if (it.value) {
              map.items.push({ start: [this.sourceToken] });
            } else if (it.sep) {
              it.sep.push(this.sourceToken);
            } else {
              if (this.atIndentedComment(it.start, map.indent)) {
                const prev = map.items[map.items.length - 2];
                const end = prev?.value?.end;
                if (Array.isArray(end)) {
                  arrayPushArray(end, it.start);
                  end.push(this.sourceToken);
                  map.items.pop();
                  return;
                }
              }
              it.start.push(this.sourceToken);
            }
            return;
        }
        if (this.indent >= map.indent) {
          const atMapIndent = !this.onKeyLine && this.indent === map.indent;
          const atNextItem = atMapIndent && (it.sep || it.explicitKey) && this.type !== "seq-item-ind";
          let start = [];
          if (atNextItem && it.sep && !it.value) {
            const nl = [];
            for (let i = 0; i < it.sep.length; ++i) {
              const st = it.sep[i];
              switch (st.type) {
                case "newline":
                  nl.push(i);
                  break;
                case "space":
                  break;
                case "comment":
                  if (st.indent > map.indent)
                    nl.length = 0;
                  break;
                default:
                  nl.length = 0;
              }
            }
            if (nl.length >= 2)
              start = it.sep.splice(nl[1]);
          }
          switch (this.type) {
            case "anchor":
            case "tag":
              if (atNextItem || it.value) {
                start.push(this.sourceToken);
                map.items.push({ start });
                this.onKeyLine = true;
              } else if (it.sep) {
                it.sep.push(this.sourceToken);
              } else {
                it.start.push(this.sourceToken);
              }
              return;
            case "explicit-key-ind":
              if (!it.sep && !it.explicitKey) {
                it.start.push(this.sourceToken);
                it.explicitKey = true;
              } else if (atNextItem || it.value) {
                start.push(this.sourceToken);
                map.items.push({ start, explicitKey: true });
              } else {
                this.stack.push({
                  type: "block-map",
                  offset: this.offset,
                  indent: this.indent,
                  items: [{ start: [this.sourceToken], explicitKey: true }]
                });
              }
              this.onKeyLine = true;
              return;
            case "map-value-ind":
              if (it.explicitKey) {
                if (!it.sep) {
                  if (includesToken(it.start, "newline")) {
                    Object.assign(it, { key: null, sep: [this.sourceToken] });
                  } else {
                    const start2 = getFirstKeyStartProps(it.start);
                    this.stack.push({
                      type: "block-map",
                      offset: this.offset,
                      indent: this.indent,
                      items: [{ start: start2, key: null, sep: [this.sourceToken] }]
                    });
                  }
                } else if (it.value) {
                  map.items.push({ start: [], key: null, sep: [this.sourceToken] });
                } else if (includesToken(it.sep, "map-value-ind")) {
                  this.stack.push({
                    type: "block-map",
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start, key: null, sep: [this.sourceToken] }]
                  });
                } else if (isFlowToken(it.key) && !includesToken(it.sep, "newline")) {
                  const start2 = getFirstKeyStartProps(it.start);
                  const key2 = it.key;
                  const sep = it.sep;
                  sep.push(this.sourceToken);
                  delete it.key;
                  delete it.sep;
                  this.stack.push({
                    type: "block-map",
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start: start2, key: key2, sep }]
                  });
                } else if (start.length > 0) {
                  it.sep = it.sep.concat(start, this.sourceToken);
                } else {
                  it.sep.push(this.sourceToken);
                }
              } else {
                if (!it.sep) {
                  Object.assign(it, { key: null, sep: [this.sourceToken] });
                } else if (it.value || atNextItem) {
                  map.items.push({ start, key: null, sep: [this.sourceToken] });
                } else if (includesToken(it.sep, "map-value-ind")) {
                  this.stack.push({
                    type: "block-map",
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start: [], key: null, sep: [this.sourceToken] }]
                  });
                } else {
                  it.sep.push(this.sourceToken);
                }
              }
              this.onKeyLine = true;
              return;
            case "alias":
            case "scalar":
            case "single-quoted-scalar":
            case "double-quoted-scalar": {
              const fs = this.flowScalar(this.type);
              if (atNextItem || it.value) {
                map.items.push({ start, key: fs, sep: [] });
                this.onKeyLine = true;
              } else if (it.sep) {
                this.stack.push(fs);
              } else {
                Object.assign(it, { key: fs, sep: [] });
                this.onKeyLine = true;
              }
              return;
            }
            default: {
              const bv = this.startBlockValue(map);
              if (bv) {
                if (bv.type === "block-seq") {
                  if (!it.explicitKey && it.sep && !includesToken(it.sep, "newline")) {
                    yield* this.pop({
                      type: "error",
                      offset: this.offset,
                      message: "Unexpected block-seq-ind on same line with key",
                      source: this.source
                    });
                    return;
                  }
                } else if (atMapIndent) {
                  map.items.push({ start });
                }
                this.stack.push(bv);
                return;
              }
            }
          }
        }
        yield* this.pop();
        yield* this.step();
      }
      *blockSequence(seq) {
        const it = seq.items[seq.items.length - 1];
        switch (this.type) {
          case "newline":
            if (it.value) {
              const end = "end" in it.value ? it.value.end : void 0;
              const last = Array.isArray(end) ? end[end.length - 1] : void 0;
              if (last?.type === "comment")
                end?.push(this.sourceToken);
              else
                seq.items.push({ start: [this.sourceToken] });
            } else
              it.start.push(this.sourceToken);
            return;
          case "space":
          case "comment":
            if (it.value)
              seq.items.push({ start: [this.sourceToken] });
            else {
              if (this.atIndentedComment(it.start, seq.indent)) {
                const prev = seq.items[seq.items.length - 2];
                const end = prev?.value?.end;
                if (Array.isArray(end)) {
                  arrayPushArray(end, it.start);
                  end.push(this.sourceToken);
                  seq.items.pop();
                  return;
                }
              }
              it.start.push(this.sourceToken);
            }
            return;
          case "anchor":
          case "tag":
            if (it.value || this.indent <= seq.indent)
              break;
            it.start.push(this.sourceToken);
            return;
          case "seq-item-ind":
            if (this.indent !== seq.indent)
              break;
            if (it.value || includesToken(it.start, "seq-item-ind"))
              seq.items.push({ start: [this.sourceToken] });
            else
              it.start.push(this.sourceToken);
            return;
        }
        if (this.indent > seq.indent) {
          const bv = this.startBlockValue(seq);
          if (bv) {
            this.stack.push(bv);
            return;
          }
        }
        yield* this.pop();
        yield* this.step();
      }
      *flowCollection(fc) {
        const it = fc.items[fc.items.length - 1];
        if (this.type === "flow-error-end") {
          let top;
          do {
            yield* this.pop();
            top = this.peek(1);
          } while (top?.type === "flow-collection");
        } else if (fc.end.length === 0) {
          switch (this.type) {
            case "comma":
            case "explicit-key-ind":
              if (!it || it.sep)
                fc.items.push({ start: [this.sourceToken] });
              else
                it.start.push(this.sourceToken);
              return;
            case "map-value-ind":
              if (!it || it.value)
                fc.items.push({ start: [], key: null, sep: [this.sourceToken] });
              else if (it.sep)
                it.sep.push(this.sourceToken);
              else
                Object.assign(it, { key: null, sep: [this.sourceToken] });
              return;
            case "space":
            case "comment":
            case "newline":
            case "anchor":
            case "tag":
              if (!it || it.value)
                fc.items.push({ start: [this.sourceToken] });
              else if (it.sep)
                it.sep.push(this.sourceToken);
              else
                it.start.push(this.sourceToken);
              return;
            case "alias":
            case "scalar":
            case "single-quoted-scalar":
            case "double-quoted-scalar": {
              const fs = this.flowScalar(this.type);
              if (!it || it.value)
                fc.items.push({ start: [], key: fs, sep: [] });
              else if (it.sep)
                this.stack.push(fs);
              else
                Object.assign(it, { key: fs, sep: [] });
              return;
            }
            case "flow-map-end":
            case "flow-seq-end":
              fc.end.push(this.sourceToken);
              return;
          }
          const bv = this.startBlockValue(fc);
          if (bv)
            this.stack.push(bv);
          else {
            yield* this.pop();
            yield* this.step();
          }
        } else {
          const parent = this.peek(2);
          if (parent.type === "block-map" && (this.type === "map-value-ind" && parent.indent === fc.indent || this.type === "newline" && !parent.items[parent.items.length - 1].sep)) {
            yield* this.pop();
            yield* this.step();
          } else if (this.type === "map-value-ind" && parent.type !== "flow-collection") {
            const prev = getPrevProps(parent);
            const start = getFirstKeyStartProps(prev);
            fixFlowSeqItems(fc);
            const sep = fc.end.splice(1, fc.end.length);
            sep.push(this.sourceToken);
            const map = {
              type: "block-map",
              offset: fc.offset,
              indent: fc.indent,
              items: [{ start, key: fc, sep }]
            };
            this.onKeyLine = true;
            this.stack[this.stack.length - 1] = map;
          } else {
            yield* this.lineEnd(fc);
          }
        }
      }
      flowScalar(type) {
        if (this.onNewLine) {
          let nl = this.source.indexOf("\n") + 1;
          while (nl !== 0) {
            this.onNewLine(this.offset + nl);
            nl = this.source.indexOf("\n", nl) + 1;
          }
        }
        return {
          type,
          offset: this.offset,
          indent: this.indent,
          source: this.source
        };
      }
      startBlockValue(parent) {
        switch (this.type) {
          case "alias":
          case "scalar":
          case "single-quoted-scalar":
          case "double-quoted-scalar":
            return this.flowScalar(this.type);
          case "block-scalar-header":
            return {
              type: "block-scalar",
              offset: this.offset,
              indent: this.indent,
              props: [this.sourceToken],
              source: ""
            };
          case "flow-map-start":
          case "flow-seq-start":
            return {
              type: "flow-collection",
              offset: this.offset,
              indent: this.indent,
              start: this.sourceToken,
              items: [],
              end: []
            };
          case "seq-item-ind":
            return {
              type: "block-seq",
              offset: this.offset,
              indent: this.indent,
              items: [{ start: [this.sourceToken] }]
            };
          case "explicit-key-ind": {
            this.onKeyLine = true;
            const prev = getPrevProps(parent);
            const start = getFirstKeyStartProps(prev);
            start.push(this.sourceToken);
            return {
              type: "block-map",
              offset: this.offset,
              indent: this.indent,
              items: [{ start, explicitKey: true }]
            };
          }
          case "map-value-ind": {
            this.onKeyLine = true;
            const prev = getPrevProps(parent);
            const start = getFirstKeyStartProps(prev);
            return {
              type: "block-map",
              offset: this.offset,
              indent: this.indent,
              items: [{ start, key: null, sep: [this.sourceToken] }]
            };
          }
        }
        return null;
      }
      atIndentedComment(start, indent) {
        if (this.type !== "comment")
          return false;
        if (this.indent <= indent)
          return false;
        return start.every((st) => st.type === "newline" || st.type === "space");
      }
      *documentEnd(docEnd) {
        if (this.type !== "doc-mode") {
          if (docEnd.end)
            docEnd.end.push(this.sourceToken);
          else
            docEnd.end = [this.sourceToken];
          if (this.type === "newline")
            yield* this.pop();
        }
      }
      *lineEnd(token) {
        switch (this.type) {
          case "comma":
          case "doc-start":
          case "doc-end":
          case "flow-seq-end":
          case "flow-map-end":
          case "map-value-ind":
            yield* this.pop();
            yield* this.step();
            break;
          case "newline":
            this.onKeyLine = false;
          // fallthrough
          case "space":
          case "comment":
          default:
            if (token.end)
              token.end.push(this.sourceToken);
            else
              token.end = [this.sourceToken];
            if (this.type === "newline")
              yield* this.pop();
        }
      }
    };
    exports2.Parser = Parser;
  }
});

// node_modules/yaml/dist/public-api.js
var require_public_api = __commonJS({
  "node_modules/yaml/dist/public-api.js"(exports2) {
    "use strict";
    var composer = require_composer();
    var Document = require_Document();
    var errors = require_errors();
    var log = require_log();
    var identity = require_identity();
    var lineCounter = require_line_counter();
    var parser = require_parser();
    function parseOptions(options) {
      const prettyErrors = options.prettyErrors !== false;
      const lineCounter$1 = options.lineCounter || prettyErrors && new lineCounter.LineCounter() || null;
      return { lineCounter: lineCounter$1, prettyErrors };
    }
    function parseAllDocuments2(source, options = {}) {
      const { lineCounter: lineCounter2, prettyErrors } = parseOptions(options);
      const parser$1 = new parser.Parser(lineCounter2?.addNewLine);
      const composer$1 = new composer.Composer(options);
      const docs = Array.from(composer$1.compose(parser$1.parse(source)));
      if (prettyErrors && lineCounter2)
        for (const doc of docs) {
          doc.errors.forEach(errors.prettifyError(source, lineCounter2));
          doc.warnings.forEach(errors.prettifyError(source, lineCounter2));
        }
      if (docs.length > 0)
        return docs;
      return Object.assign([], { empty: true }, composer$1.streamInfo());
    }
    function parseDocument2(source, options = {}) {
      const { lineCounter: lineCounter2, prettyErrors } = parseOptions(options);
      const parser$1 = new parser.Parser(lineCounter2?.addNewLine);
      const composer$1 = new composer.Composer(options);
      let doc = null;
      for (const _doc of composer$1.compose(parser$1.parse(source), true, source.length)) {
        if (!doc)
          doc = _doc;
        else if (doc.options.logLevel !== "silent") {
          doc.errors.push(new errors.YAMLParseError(_doc.range.slice(0, 2), "MULTIPLE_DOCS", "Source contains multiple documents; please use YAML.parseAllDocuments()"));
          break;
        }
      }
      if (prettyErrors && lineCounter2) {
        doc.errors.forEach(errors.prettifyError(source, lineCounter2));
        doc.warnings.forEach(errors.prettifyError(source, lineCounter2));
      }
      return doc;
    }
    function parse3(src, reviver, options) {
      let _reviver = void 0;
      if (typeof reviver === "function") {
        _reviver = reviver;
      } else if (options === void 0 && reviver && typeof reviver === "object") {
        options = reviver;
      }
      const doc = parseDocument2(src, options);
      if (!doc)
        return null;
      doc.warnings.forEach((warning) => log.warn(doc.options.logLevel, warning));
      if (doc.errors.length > 0) {
        if (doc.options.logLevel !== "silent")
          throw doc.errors[0];
        else
          doc.errors = [];
      }
      return doc.toJS(Object.assign({ reviver: _reviver }, options));
    }
    function stringify2(value, replacer, options) {
      let _replacer = null;
      if (typeof replacer === "function" || Array.isArray(replacer)) {
        _replacer = replacer;
      } else if (options === void 0 && replacer) {
        options = replacer;
      }
      if (typeof options === "string")
        options = options.length;
      if (typeof options === "number") {
        const indent = Math.round(options);
        options = indent < 1 ? void 0 : indent > 8 ? { indent: 8 } : { indent };
      }
      if (value === void 0) {
        const { keepUndefined } = options ?? replacer ?? {};
        if (!keepUndefined)
          return void 0;
      }
      if (identity.isDocument(value) && !_replacer)
        return value.toString(options);
      return new Document.Document(value, _replacer, options).toString(options);
    }
    exports2.parse = parse3;
    exports2.parseAllDocuments = parseAllDocuments2;
    exports2.parseDocument = parseDocument2;
    exports2.stringify = stringify2;
  }
});

// node_modules/yaml/dist/index.js
var require_dist = __commonJS({
  "node_modules/yaml/dist/index.js"(exports2) {
    "use strict";
    var composer = require_composer();
    var Document = require_Document();
    var Schema = require_Schema();
    var errors = require_errors();
    var Alias = require_Alias();
    var identity = require_identity();
    var Pair = require_Pair();
    var Scalar = require_Scalar();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var cst = require_cst();
    var lexer = require_lexer();
    var lineCounter = require_line_counter();
    var parser = require_parser();
    var publicApi = require_public_api();
    var visit = require_visit();
    exports2.Composer = composer.Composer;
    exports2.Document = Document.Document;
    exports2.Schema = Schema.Schema;
    exports2.YAMLError = errors.YAMLError;
    exports2.YAMLParseError = errors.YAMLParseError;
    exports2.YAMLWarning = errors.YAMLWarning;
    exports2.Alias = Alias.Alias;
    exports2.isAlias = identity.isAlias;
    exports2.isCollection = identity.isCollection;
    exports2.isDocument = identity.isDocument;
    exports2.isMap = identity.isMap;
    exports2.isNode = identity.isNode;
    exports2.isPair = identity.isPair;
    exports2.isScalar = identity.isScalar;
    exports2.isSeq = identity.isSeq;
    exports2.Pair = Pair.Pair;
    exports2.Scalar = Scalar.Scalar;
    exports2.YAMLMap = YAMLMap.YAMLMap;
    exports2.YAMLSeq = YAMLSeq.YAMLSeq;
    exports2.CST = cst;
    exports2.Lexer = lexer.Lexer;
    exports2.LineCounter = lineCounter.LineCounter;
    exports2.Parser = parser.Parser;
    exports2.parse = publicApi.parse;
    exports2.parseAllDocuments = publicApi.parseAllDocuments;
    exports2.parseDocument = publicApi.parseDocument;
    exports2.stringify = publicApi.stringify;
    exports2.visit = visit.visit;
    exports2.visitAsync = visit.visitAsync;
  }
});

// cli/command.ts
var import_node_util = require("node:util");
var EXIT = {
  /** Done, nothing wrong. */
  ok: 0,
  /** Ran, and found something wrong (a drifted tree, a failed check, an input left out of a report). */
  findings: 1,
  /** Could not run as asked: an unknown option, a bad value, an unreadable or invalid input file. */
  badInput: 2
};
var UsageError = class extends Error {
  constructor(message2) {
    super(message2);
    this.name = "UsageError";
  }
};
var processIo = {
  stdout: (text2) => process.stdout.write(text2),
  stderr: (line) => process.stderr.write(`${line}
`)
};
function usage(spec) {
  const rows = Object.entries({ ...spec.options, help: HELP }).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : "    "}--${name}${o.type === "string" ? ` ${o.value ?? "VALUE"}` : ""}`;
    return [flag, o.doc];
  });
  const width = Math.max(...rows.map(([f]) => f.length)) + 2;
  return [
    `usage: ${spec.invocation} [options]${spec.positionals ? ` ${spec.positionals}` : ""}`,
    "",
    spec.summary,
    "",
    "options:",
    ...rows.map(([f, d]) => `  ${f.padEnd(width)}${d}`),
    "",
    `exit codes: ${EXIT.ok} ok, ${EXIT.findings} findings (something checked is wrong), ${EXIT.badInput} bad input (options or input files)`,
    ""
  ].join("\n");
}
var HELP = { type: "boolean", short: "h", doc: "this text" };
function parseCommandLine(spec, argv) {
  const options = Object.fromEntries(
    Object.entries({ ...spec.options, help: HELP }).map(([name, o]) => [
      name,
      { type: o.type, ...o.short ? { short: o.short } : {}, ...o.multiple ? { multiple: true } : {} }
    ])
  );
  let parsed;
  try {
    parsed = (0, import_node_util.parseArgs)({ args: argv, options, strict: true, allowPositionals: spec.positionals !== void 0 });
  } catch (e) {
    const message2 = typeof e === "object" && e !== null && "message" in e ? String(e.message) : String(e);
    throw new UsageError(message2);
  }
  if (parsed.values.help) return "help";
  return { values: parsed.values, positionals: parsed.positionals };
}
async function runCommand(name, spec, argv, io, body) {
  try {
    const parsed = parseCommandLine(spec, argv);
    if (parsed === "help") {
      io.stdout(usage(spec));
      return EXIT.ok;
    }
    return await body(parsed);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`${name}: ${e.message}`);
    io.stderr(`${name}: see --help`);
    return EXIT.badInput;
  }
}
function runMain(name, main2) {
  Promise.resolve().then(() => main2(process.argv.slice(2), processIo)).then(
    (code) => process.exitCode = code,
    (e) => {
      process.stderr.write(`${name}: ${e instanceof Error ? e.stack ?? e.message : String(e)}
`);
      process.exitCode = EXIT.findings;
    }
  );
}

// responder/main.ts
var import_node_fs8 = require("node:fs");
var import_node_path7 = require("node:path");

// cli/files.ts
var import_node_fs = require("node:fs");
var import_node_path = require("node:path");
function findAbove(from, relative) {
  for (let dir = from; ; dir = (0, import_node_path.dirname)(dir)) {
    const file = (0, import_node_path.join)(dir, relative);
    if ((0, import_node_fs.existsSync)(file)) return file;
    if ((0, import_node_path.dirname)(dir) === dir) return void 0;
  }
}

// config/load.ts
var import_node_fs2 = require("node:fs");
var import_yaml2 = __toESM(require_dist());

// config/registry.ts
var leaf = (l) => ({ node: "leaf", ...l });
var section = (fields) => ({ node: "section", fields });
var text = (o) => leaf({ type: "text", ...o });
var oneOf = (values, o) => leaf({ type: "text", values, ...o });
var int = (o) => leaf({ type: "int", ...o });
var bool = (o) => leaf({ type: "bool", ...o });
var stringMap = (o) => leaf({ type: "map", ...o });
var tree = (o) => leaf({ type: "tree", ...o });
var strings = (o) => leaf({ type: "strings", ...o });
var list = (item, o) => ({ ...o, node: "list", item });
var unset = (l) => ({ ...l, optional: true });
var optional = (s, o) => ({ ...o, node: "optional", section: s });
function defaultsOf(root) {
  const out = {};
  for (const [key2, n] of Object.entries(root.fields)) {
    if (n.node === "section") out[key2] = defaultsOf(n);
    else if (n.node === "list" || n.node === "leaf" && n.default !== void 0) out[key2] = structuredClone(n.default);
  }
  return out;
}
var isObject = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
var show = (v) => JSON.stringify(v);
var kindOf = (v) => v === null ? "null" : Array.isArray(v) ? "a list" : typeof v;
var join2 = (at, key2) => at ? `${at}.${key2}` : key2;
var notAllowed = (value, why) => `${show(value)} is not allowed; ${why}`;
function resolve(root, raw, env) {
  const problems = [];
  const doc = raw === null || raw === void 0 ? {} : raw;
  if (!isObject(doc)) {
    problems.push(`the document: expected a map of settings, got ${kindOf(doc)} ${show(doc)}`);
    return { value: defaultsOf(root), problems };
  }
  const sources = /* @__PURE__ */ new Map();
  const fromEnv = applyEnv(root, structuredClone(doc), env, problems, sources);
  const value = mergeSection(root, fromEnv, "", problems);
  const failed = new Set(problems.map((p) => p.slice(0, p.indexOf(": "))));
  checkRules(root, value, "", { root: value, failed }, problems);
  const named = problems.map((p) => {
    const path = p.slice(0, p.indexOf(": "));
    return sources.has(path) ? `${path} (from ${sources.get(path)})${p.slice(path.length)}` : p;
  });
  return { value, problems: named };
}
function applyEnv(root, doc, env, problems, sources) {
  const visit = (s, target, at) => {
    for (const [key2, n] of Object.entries(s.fields)) {
      if (n.node === "section") {
        if (target[key2] === void 0 || target[key2] === null) target[key2] = {};
        if (isObject(target[key2])) visit(n, target[key2], join2(at, key2));
      } else if (n.node === "leaf" && n.env) {
        const name = typeof n.env === "string" ? n.env : n.env.name;
        const text2 = env[name];
        if (!text2) continue;
        const parts = typeof n.env === "string" ? { [key2]: text2 } : n.env.split(text2);
        if (typeof parts === "string") problems.push(`${name}: ${show(text2)} ${parts}`);
        else {
          Object.assign(target, parts);
          for (const k of Object.keys(parts)) sources.set(join2(at, k), name);
        }
      }
    }
  };
  visit(root, doc, "");
  return doc;
}
function mergeSection(s, value, at, problems) {
  if (value === null || value === void 0) value = {};
  if (!isObject(value)) {
    problems.push(`${at}: expected a map, got ${kindOf(value)} ${show(value)}`);
    return defaultsOf(s);
  }
  const known = Object.keys(s.fields);
  for (const key2 of Object.keys(value)) {
    if (!known.includes(key2)) problems.push(`${join2(at, key2)}: unknown key; allowed here: ${known.join(", ")}`);
  }
  const out = {};
  for (const [key2, n] of Object.entries(s.fields)) {
    const path = join2(at, key2);
    const v = value[key2] ?? void 0;
    if (n.node === "section") out[key2] = mergeSection(n, v, path, problems);
    else if (n.node === "optional") {
      if (v !== void 0) out[key2] = mergeSection(n.section, v, path, problems);
    } else if (n.node === "list") out[key2] = mergeList(n, v, path, problems);
    else {
      const merged = mergeLeaf(n, v, path, problems);
      if (merged !== void 0) out[key2] = merged;
    }
  }
  return out;
}
function itemLabels(l, items, at) {
  const keyOf = (item) => isObject(item) ? item[l.key] : void 0;
  const keyLeaf = l.item.fields[l.key];
  return items.map((item, i) => {
    const k = keyOf(item);
    const valid = typeof k === "string" && leafProblem(keyLeaf, k) === void 0 && items.filter((o) => keyOf(o) === k).length === 1;
    return valid ? `${at}[${k}]` : `${at}[${i}]`;
  });
}
function mergeList(l, value, at, problems) {
  if (value === void 0) return structuredClone(l.default);
  if (!Array.isArray(value)) {
    problems.push(`${at}: expected a list, got ${kindOf(value)} ${show(value)}`);
    return structuredClone(l.default);
  }
  if (value.length < l.minItems) problems.push(`${at}: the list is empty; at least one ${l.noun} is required`);
  const labels = itemLabels(l, value, at);
  const firstIndex = /* @__PURE__ */ new Map();
  return value.map((item, i) => {
    if (!isObject(item)) {
      problems.push(`${labels[i]}: expected a map (one ${l.noun}), got ${kindOf(item)} ${show(item)}`);
      return item;
    }
    const k = item[l.key];
    if (k !== void 0 && firstIndex.has(k)) {
      problems.push(`${labels[i]}.${l.key}: ${notAllowed(k, `duplicate of ${labels[firstIndex.get(k)]}.${l.key}; ${l.key}s must be unique`)}`);
    } else firstIndex.set(k, i);
    return mergeSection(l.item, item, labels[i], problems);
  });
}
function leafProblem(l, value) {
  switch (l.type) {
    case "text":
      if (typeof value !== "string") return void 0;
      if (l.values && !l.values.includes(value)) return notAllowed(value, `allowed: ${l.values.join(", ")}`);
      if (l.pattern && !l.pattern.test(value)) return notAllowed(value, `expected ${l.expect}`);
      return void 0;
    case "int":
      return typeof value === "number" && Number.isInteger(value) && value >= l.min && (l.max === void 0 || value <= l.max) ? void 0 : notAllowed(value, l.max === void 0 ? `expected a whole number >= ${l.min}` : `expected a whole number from ${l.min} to ${l.max}`);
    default:
      return void 0;
  }
}
function mergeLeaf(l, value, at, problems) {
  if (value === void 0) {
    if (l.default === void 0 && !l.optional) problems.push(`${at}: required`);
    return structuredClone(l.default);
  }
  const wrongType = (expected, hint = "") => {
    problems.push(`${at}: expected ${expected}, got ${kindOf(value)} ${show(value)}${hint}`);
    return structuredClone(l.default);
  };
  switch (l.type) {
    case "text":
      if (typeof value === "number" && l.numbers) value = String(value);
      else if (typeof value === "number") return wrongType("a string", ` (YAML reads it as a number: write it in quotes, e.g. "${value}")`);
      else if (typeof value !== "string") return wrongType("a string");
      break;
    case "int":
      if (typeof value !== "number") return wrongType("a whole number");
      break;
    case "bool":
      if (typeof value !== "boolean") return wrongType("true or false");
      break;
    case "map":
      if (!isObject(value)) return wrongType("a map of strings");
      for (const [k, v] of Object.entries(value)) {
        if (typeof v !== "string") problems.push(`${at}.${k}: expected a string, got ${kindOf(v)} ${show(v)}`);
      }
      break;
    case "tree":
      if (!isObject(value)) return wrongType("a map");
      break;
    case "strings":
      if (!Array.isArray(value)) return wrongType("a list of strings");
      value.forEach((v, i) => {
        if (typeof v !== "string") problems.push(`${at}[${i}]: expected a string, got ${kindOf(v)} ${show(v)}`);
        else if (l.pattern && !l.pattern.test(v)) problems.push(`${at}[${i}]: ${notAllowed(v, `expected ${l.expect}`)}`);
      });
      break;
  }
  const p = leafProblem(l, value);
  if (p) problems.push(`${at}: ${p}`);
  return value;
}
function checkRules(s, value, at, run2, problems) {
  const apply = (path, rule, v) => {
    if (!rule || run2.failed.has(path)) return;
    let p;
    try {
      p = rule(v, { root: run2.root, parent: value });
    } catch {
      return;
    }
    if (p) problems.push(`${path}: ${p}`);
  };
  for (const [key2, n] of Object.entries(s.fields)) {
    const path = join2(at, key2);
    const v = value[key2];
    if (n.node === "section") checkRules(n, v, path, run2, problems);
    else if (n.node === "optional") {
      apply(path, n.rule?.bind(n), v);
      if (isObject(v)) checkRules(n.section, v, path, run2, problems);
    } else if (n.node === "list") {
      if (!Array.isArray(v)) continue;
      const labels = itemLabels(n, v, path);
      v.forEach((item, i) => {
        if (isObject(item)) checkRules(n.item, item, labels[i], run2, problems);
      });
    } else if (v !== void 0 || !n.optional) apply(path, n.rule?.bind(n), v);
  }
}

// contract/naming.ts
var SYSTEM_POOL_NAME = "system";
var SYSTEM_POOL_ROTATION_NAME = "systemtmp";
var FALCO_NAMESPACE = "falco";
var BENCHMARK_NAMESPACE = "falco-bench";
var FLUX_NAMESPACE = "flux-system";
var RESPONSE_NAMESPACE = "falco-response";
var PROTECTED_NAMESPACES = [
  "kube-system",
  "kube-public",
  "kube-node-lease",
  FLUX_NAMESPACE,
  FALCO_NAMESPACE,
  RESPONSE_NAMESPACE
];
var RESPONDER_PORT = 8080;
var RESPONDER_MEMORY_LIMIT_MIB = 256;
var RESPONDER_NODE_FLAGS = ["--max-semi-space-size=2", `--max-old-space-size=${RESPONDER_MEMORY_LIMIT_MIB * 3 / 4}`];
var RESPONDER_ALERT_PATH = "/falco";
var APPS_DIR = "apps";
var RESPONSES_DIR = "responses";
var DEFAULT_POLICY_FILE = "responder/policy.yaml";
var RESPONSE_LAYER_DIR = "fluxcd/infrastructure/response";
var RESPONDER_BUNDLE = `${RESPONSE_LAYER_DIR}/responder.cjs`;
var CLUSTER_NETWORK = {
  plugin: "azure",
  pluginMode: "overlay",
  dataPlane: "cilium",
  policy: "cilium",
  podCidr: "10.244.0.0/16",
  serviceCidr: "10.0.0.0/16",
  dnsServiceIp: "10.0.0.10",
  /** The node subnet of the VNet AKS creates for the cluster (its default address space). */
  nodeCidr: "10.224.0.0/12"
};
var CLUSTER_PRIVATE_RANGES = [CLUSTER_NETWORK.podCidr, CLUSTER_NETWORK.serviceCidr, CLUSTER_NETWORK.nodeCidr, "169.254.0.0/16"];
var FALCO_PRIORITIES = ["emergency", "alert", "critical", "error", "warning", "notice", "informational", "debug"];
var ALERT_WORKLOAD_FIELDS = {
  namespace: "k8smeta.ns.name",
  deployment: "k8smeta.deployment.name",
  pod: "k8smeta.pod.name"
};

// config/duration.ts
var UNIT_NS = {
  ns: 1,
  us: 1e3,
  "\xB5s": 1e3,
  // U+00B5, what Go prints
  "\u03BCs": 1e3,
  // U+03BC, also accepted by Go
  ms: 1e6,
  s: 1e9,
  m: 6e10,
  h: 36e11
};
function parseGoDuration(text2) {
  const m = /^([+-]?)(.+)$/.exec(text2.trim());
  if (!m) return null;
  if (m[2] === "0") return 0;
  const part = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/gy;
  let total = 0;
  let at = 0;
  for (let p = part.exec(m[2]); p; p = part.exec(m[2])) {
    total += parseFloat(p[1]) * UNIT_NS[p[2]];
    at = part.lastIndex;
  }
  if (at === 0 || at !== m[2].length) return null;
  return (m[1] === "-" ? -1 : 1) * Math.round(total);
}
function goDurationSeconds(text2) {
  const ns = parseGoDuration(text2);
  if (ns === null) throw new Error(`not a Go duration: ${JSON.stringify(text2)}`);
  return ns / 1e9;
}

// config/quantity.ts
var CPU_QUANTITY = /^(\d+(\.\d+)?|\d+m)$/;
var MEMORY_QUANTITY = /^\d+(\.\d+)?(Ki|Mi|Gi|Ti|k|M|G|T)?$/;
var MEMORY_FACTORS = { "": 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40 };
function cpuCores(quantity) {
  return quantity.endsWith("m") ? Number(quantity.slice(0, -1)) / 1e3 : Number(quantity);
}
function memoryBytes(quantity) {
  const [, num, unit] = /^([\d.]+)(\D*)$/.exec(quantity) ?? [];
  return Number(num) * MEMORY_FACTORS[unit ?? ""];
}

// rulecheck/near.ts
function editDistance(a, b) {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}
function closest(name, candidates) {
  const wanted = name.toLowerCase();
  const limit = Math.min(Math.max(2, Math.floor(wanted.length / 10)), wanted.length - 1);
  let best;
  for (const c of candidates) {
    if (c === name) continue;
    const d = editDistance(wanted, c.toLowerCase());
    if (d <= limit && (!best || d < best.d)) best = { name: c, d };
  }
  return best?.name;
}

// config/chart-keys.ts
var import_yaml = __toESM(require_dist());

// config/falco-chart-keys.ts
var FALCO_CHART_KEYS = {
  "9.1.0": {
    source: "falcosecurity/charts falco-9.1.0 charts/falco/values.yaml (key paths only)",
    keys: [
      "image",
      "image.pullPolicy",
      "image.registry",
      "image.repository",
      "image.tag",
      "imagePullSecrets",
      "nameOverride",
      "fullnameOverride",
      "namespaceOverride",
      "podAnnotations",
      "serviceAccount",
      "serviceAccount.imagePullSecrets",
      "serviceAccount.create",
      "serviceAccount.annotations",
      "serviceAccount.name",
      "rbac",
      "rbac.create",
      "podLabels",
      "podPriorityClassName",
      "podSecurityContext",
      "containerSecurityContext",
      "scc",
      "scc.create",
      "resources",
      "resources.requests",
      "resources.requests.cpu",
      "resources.requests.memory",
      "resources.limits",
      "resources.limits.cpu",
      "resources.limits.memory",
      "nodeSelector",
      "affinity",
      "tolerations",
      "healthChecks",
      "healthChecks.startupProbe",
      "healthChecks.startupProbe.initialDelaySeconds",
      "healthChecks.startupProbe.timeoutSeconds",
      "healthChecks.startupProbe.periodSeconds",
      "healthChecks.startupProbe.failureThreshold",
      "healthChecks.livenessProbe",
      "healthChecks.livenessProbe.initialDelaySeconds",
      "healthChecks.livenessProbe.timeoutSeconds",
      "healthChecks.livenessProbe.periodSeconds",
      "healthChecks.livenessProbe.failureThreshold",
      "healthChecks.readinessProbe",
      "healthChecks.readinessProbe.initialDelaySeconds",
      "healthChecks.readinessProbe.timeoutSeconds",
      "healthChecks.readinessProbe.periodSeconds",
      "healthChecks.readinessProbe.failureThreshold",
      "tty",
      "controller",
      "controller.kind",
      "controller.annotations",
      "controller.labels",
      "controller.daemonset",
      "controller.daemonset.updateStrategy",
      "controller.daemonset.updateStrategy.type",
      "controller.deployment",
      "controller.deployment.replicas",
      "services",
      "metrics",
      "metrics.enabled",
      "metrics.interval",
      "metrics.outputRule",
      "metrics.rulesCountersEnabled",
      "metrics.resourceUtilizationEnabled",
      "metrics.stateCountersEnabled",
      "metrics.kernelEventCountersEnabled",
      "metrics.libbpfStatsEnabled",
      "metrics.pluginsMetricsEnabled",
      "metrics.kernelIterEventCountersEnabled",
      "metrics.jemallocStatsEnabled",
      "metrics.convertMemoryToMB",
      "metrics.includeEmptyValues",
      "metrics.kernelEventCountersPerCPUEnabled",
      "metrics.service",
      "metrics.service.create",
      "metrics.service.type",
      "metrics.service.labels",
      "metrics.service.annotations",
      "metrics.service.ports",
      "metrics.service.ports.metrics",
      "metrics.service.ports.metrics.port",
      "metrics.service.ports.metrics.targetPort",
      "metrics.service.ports.metrics.protocol",
      "metrics.service.ports.metrics.ipFamilyPolicy",
      "metrics.service.ports.metrics.ipFamilies",
      "mounts",
      "mounts.volumes",
      "mounts.volumeMounts",
      "driver",
      "driver.enabled",
      "driver.kind",
      "driver.sysfsMountPath",
      "driver.kmod",
      "driver.kmod.bufSizePreset",
      "driver.kmod.dropFailedExit",
      "driver.modernEbpf",
      "driver.modernEbpf.leastPrivileged",
      "driver.modernEbpf.bufSizePreset",
      "driver.modernEbpf.dropFailedExit",
      "driver.modernEbpf.cpusForEachBuffer",
      "driver.modernEbpf.disableIterators",
      "driver.modernEbpf.sysfsMount",
      "driver.loader",
      "driver.loader.enabled",
      "driver.loader.initContainer",
      "driver.loader.initContainer.image",
      "driver.loader.initContainer.image.pullPolicy",
      "driver.loader.initContainer.image.registry",
      "driver.loader.initContainer.image.repository",
      "driver.loader.initContainer.image.tag",
      "driver.loader.initContainer.env",
      "driver.loader.initContainer.args",
      "driver.loader.initContainer.resources",
      "driver.loader.initContainer.securityContext",
      "collectors",
      "collectors.enabled",
      "collectors.containerEngine",
      "collectors.containerEngine.enabled",
      "collectors.containerEngine.pluginRef",
      "collectors.containerEngine.labelMaxLen",
      "collectors.containerEngine.withSize",
      "collectors.containerEngine.hooks",
      "collectors.containerEngine.engines",
      "collectors.containerEngine.engines.docker",
      "collectors.containerEngine.engines.docker.enabled",
      "collectors.containerEngine.engines.docker.sockets",
      "collectors.containerEngine.engines.podman",
      "collectors.containerEngine.engines.podman.enabled",
      "collectors.containerEngine.engines.podman.sockets",
      "collectors.containerEngine.engines.containerd",
      "collectors.containerEngine.engines.containerd.enabled",
      "collectors.containerEngine.engines.containerd.sockets",
      "collectors.containerEngine.engines.cri",
      "collectors.containerEngine.engines.cri.enabled",
      "collectors.containerEngine.engines.cri.sockets",
      "collectors.containerEngine.engines.lxc",
      "collectors.containerEngine.engines.lxc.enabled",
      "collectors.containerEngine.engines.libvirt_lxc",
      "collectors.containerEngine.engines.libvirt_lxc.enabled",
      "collectors.containerEngine.engines.bpm",
      "collectors.containerEngine.engines.bpm.enabled",
      "collectors.kubernetes",
      "collectors.kubernetes.enabled",
      "collectors.kubernetes.pluginRef",
      "collectors.kubernetes.collectorHostname",
      "collectors.kubernetes.collectorPort",
      "collectors.kubernetes.verbosity",
      "collectors.kubernetes.hostProc",
      "extra",
      "extra.env",
      "extra.args",
      "extra.initContainers",
      "podHostname",
      "falcoHostnameEnv",
      "certs",
      "certs.existingSecret",
      "certs.server",
      "certs.server.key",
      "certs.server.crt",
      "certs.ca",
      "certs.ca.crt",
      "certs.existingClientSecret",
      "certs.client",
      "certs.client.key",
      "certs.client.crt",
      "customRules",
      "falcosidekick",
      "falcosidekick.enabled",
      "falcosidekick.fullfqdn",
      "falcosidekick.listenPort",
      "responseActions",
      "responseActions.enabled",
      "falco-talon",
      "falcoctl",
      "falcoctl.image",
      "falcoctl.image.pullPolicy",
      "falcoctl.image.registry",
      "falcoctl.image.repository",
      "falcoctl.image.tag",
      "falcoctl.artifact",
      "falcoctl.artifact.install",
      "falcoctl.artifact.install.enabled",
      "falcoctl.artifact.install.env",
      "falcoctl.artifact.install.envFrom",
      "falcoctl.artifact.install.args",
      "falcoctl.artifact.install.resources",
      "falcoctl.artifact.install.securityContext",
      "falcoctl.artifact.install.mounts",
      "falcoctl.artifact.install.mounts.volumeMounts",
      "falcoctl.artifact.follow",
      "falcoctl.artifact.follow.enabled",
      "falcoctl.artifact.follow.env",
      "falcoctl.artifact.follow.envFrom",
      "falcoctl.artifact.follow.args",
      "falcoctl.artifact.follow.resources",
      "falcoctl.artifact.follow.securityContext",
      "falcoctl.artifact.follow.mounts",
      "falcoctl.artifact.follow.mounts.volumeMounts",
      "falcoctl.config",
      "falcoctl.config.indexes",
      "falcoctl.config.artifact",
      "falcoctl.config.artifact.allowedTypes",
      "falcoctl.config.artifact.install",
      "falcoctl.config.artifact.install.resolveDeps",
      "falcoctl.config.artifact.install.refs",
      "falcoctl.config.artifact.install.rulesfilesDir",
      "falcoctl.config.artifact.install.pluginsDir",
      "falcoctl.config.artifact.install.stateDir",
      "falcoctl.config.artifact.follow",
      "falcoctl.config.artifact.follow.refs",
      "falcoctl.config.artifact.follow.every",
      "falcoctl.config.artifact.follow.falcoversions",
      "falcoctl.config.artifact.follow.rulesfilesDir",
      "falcoctl.config.artifact.follow.pluginsDir",
      "falcoctl.config.artifact.follow.stateDir",
      "serviceMonitor",
      "serviceMonitor.create",
      "serviceMonitor.path",
      "serviceMonitor.labels",
      "serviceMonitor.selector",
      "serviceMonitor.interval",
      "serviceMonitor.scheme",
      "serviceMonitor.tlsConfig",
      "serviceMonitor.scrapeTimeout",
      "serviceMonitor.relabelings",
      "serviceMonitor.targetLabels",
      "serviceMonitor.endpointPort",
      "grafana",
      "grafana.dashboards",
      "grafana.dashboards.enabled",
      "grafana.dashboards.configMaps",
      "grafana.dashboards.configMaps.falco",
      "grafana.dashboards.configMaps.falco.name",
      "grafana.dashboards.configMaps.falco.namespace",
      "grafana.dashboards.configMaps.falco.folder",
      "grafana.dashboards.configMaps.falco.folderAnnotation",
      "falco",
      "falco.config_files",
      "falco.watch_config_files",
      "falco.rules_files",
      "falco.capture",
      "falco.capture.enabled",
      "falco.capture.path_prefix",
      "falco.capture.mode",
      "falco.capture.default_duration",
      "falco.load_plugins",
      "falco.plugins",
      "falco.plugins_hostinfo",
      "falco.time_format_iso_8601",
      "falco.buffer_format_base64",
      "falco.priority",
      "falco.json_output",
      "falco.json_include_output_property",
      "falco.json_include_message_property",
      "falco.json_include_output_fields_property",
      "falco.json_include_tags_property",
      "falco.buffered_outputs",
      "falco.rule_matching",
      "falco.outputs_queue",
      "falco.outputs_queue.capacity",
      "falco.append_output",
      "falco.stdout_output",
      "falco.stdout_output.enabled",
      "falco.syslog_output",
      "falco.syslog_output.enabled",
      "falco.file_output",
      "falco.file_output.enabled",
      "falco.file_output.keep_alive",
      "falco.file_output.filename",
      "falco.http_output",
      "falco.http_output.enabled",
      "falco.http_output.url",
      "falco.http_output.user_agent",
      "falco.http_output.insecure",
      "falco.http_output.ca_cert",
      "falco.http_output.ca_bundle",
      "falco.http_output.ca_path",
      "falco.http_output.mtls",
      "falco.http_output.client_cert",
      "falco.http_output.client_key",
      "falco.http_output.echo",
      "falco.http_output.compress_uploads",
      "falco.http_output.keep_alive",
      "falco.http_output.max_consecutive_timeouts",
      "falco.program_output",
      "falco.program_output.enabled",
      "falco.program_output.keep_alive",
      "falco.program_output.program",
      "falco.webserver",
      "falco.webserver.enabled",
      "falco.webserver.threadiness",
      "falco.webserver.listen_port",
      "falco.webserver.listen_address",
      "falco.webserver.k8s_healthz_endpoint",
      "falco.webserver.prometheus_metrics_enabled",
      "falco.webserver.ssl_enabled",
      "falco.webserver.ssl_certificate",
      "falco.log_stderr",
      "falco.log_syslog",
      "falco.log_level",
      "falco.libs_logger",
      "falco.libs_logger.enabled",
      "falco.libs_logger.severity",
      "falco.output_timeout",
      "falco.syscall_event_timeouts",
      "falco.syscall_event_timeouts.max_consecutives",
      "falco.syscall_event_drops",
      "falco.syscall_event_drops.threshold",
      "falco.syscall_event_drops.actions",
      "falco.syscall_event_drops.rate",
      "falco.syscall_event_drops.max_burst",
      "falco.syscall_event_drops.simulate_drops",
      "falco.base_syscalls",
      "falco.base_syscalls.custom_set",
      "falco.base_syscalls.repair",
      "falco.base_syscalls.all",
      "falco.falco_libs",
      "falco.falco_libs.thread_table_size",
      "falco.falco_libs.thread_table_auto_purging_interval_s",
      "falco.falco_libs.thread_table_auto_purging_thread_timeout_s",
      "falco.falco_libs.snaplen"
    ],
    open: [
      "podAnnotations",
      "serviceAccount.annotations",
      "podLabels",
      "podSecurityContext",
      "containerSecurityContext",
      "nodeSelector",
      "affinity",
      "controller.annotations",
      "controller.labels",
      "metrics.service.labels",
      "metrics.service.annotations",
      "driver.loader.initContainer.resources",
      "driver.loader.initContainer.securityContext",
      "customRules",
      "falco-talon",
      "falcoctl.artifact.install.resources",
      "falcoctl.artifact.install.securityContext",
      "falcoctl.artifact.follow.resources",
      "falcoctl.artifact.follow.securityContext",
      "serviceMonitor.labels",
      "serviceMonitor.selector",
      "serviceMonitor.tlsConfig"
    ]
  },
  "8.0.5": {
    source: "falcosecurity/charts falco-8.0.5 charts/falco/values.yaml (key paths only)",
    keys: [
      "image",
      "image.pullPolicy",
      "image.registry",
      "image.repository",
      "image.tag",
      "imagePullSecrets",
      "nameOverride",
      "fullnameOverride",
      "namespaceOverride",
      "podAnnotations",
      "serviceAccount",
      "serviceAccount.imagePullSecrets",
      "serviceAccount.create",
      "serviceAccount.annotations",
      "serviceAccount.name",
      "rbac",
      "rbac.create",
      "podLabels",
      "podPriorityClassName",
      "podSecurityContext",
      "containerSecurityContext",
      "scc",
      "scc.create",
      "resources",
      "resources.requests",
      "resources.requests.cpu",
      "resources.requests.memory",
      "resources.limits",
      "resources.limits.cpu",
      "resources.limits.memory",
      "nodeSelector",
      "affinity",
      "tolerations",
      "healthChecks",
      "healthChecks.startupProbe",
      "healthChecks.startupProbe.initialDelaySeconds",
      "healthChecks.startupProbe.timeoutSeconds",
      "healthChecks.startupProbe.periodSeconds",
      "healthChecks.startupProbe.failureThreshold",
      "healthChecks.livenessProbe",
      "healthChecks.livenessProbe.initialDelaySeconds",
      "healthChecks.livenessProbe.timeoutSeconds",
      "healthChecks.livenessProbe.periodSeconds",
      "healthChecks.livenessProbe.failureThreshold",
      "healthChecks.readinessProbe",
      "healthChecks.readinessProbe.initialDelaySeconds",
      "healthChecks.readinessProbe.timeoutSeconds",
      "healthChecks.readinessProbe.periodSeconds",
      "healthChecks.readinessProbe.failureThreshold",
      "tty",
      "controller",
      "controller.kind",
      "controller.annotations",
      "controller.labels",
      "controller.daemonset",
      "controller.daemonset.updateStrategy",
      "controller.daemonset.updateStrategy.type",
      "controller.deployment",
      "controller.deployment.replicas",
      "services",
      "metrics",
      "metrics.enabled",
      "metrics.interval",
      "metrics.outputRule",
      "metrics.rulesCountersEnabled",
      "metrics.resourceUtilizationEnabled",
      "metrics.stateCountersEnabled",
      "metrics.kernelEventCountersEnabled",
      "metrics.libbpfStatsEnabled",
      "metrics.pluginsMetricsEnabled",
      "metrics.jemallocStatsEnabled",
      "metrics.convertMemoryToMB",
      "metrics.includeEmptyValues",
      "metrics.kernelEventCountersPerCPUEnabled",
      "metrics.service",
      "metrics.service.create",
      "metrics.service.type",
      "metrics.service.labels",
      "metrics.service.annotations",
      "metrics.service.ports",
      "metrics.service.ports.metrics",
      "metrics.service.ports.metrics.port",
      "metrics.service.ports.metrics.targetPort",
      "metrics.service.ports.metrics.protocol",
      "metrics.service.ports.metrics.ipFamilyPolicy",
      "metrics.service.ports.metrics.ipFamilies",
      "mounts",
      "mounts.volumes",
      "mounts.volumeMounts",
      "driver",
      "driver.enabled",
      "driver.kind",
      "driver.sysfsMountPath",
      "driver.kmod",
      "driver.kmod.bufSizePreset",
      "driver.kmod.dropFailedExit",
      "driver.ebpf",
      "driver.ebpf.path",
      "driver.ebpf.hostNetwork",
      "driver.ebpf.leastPrivileged",
      "driver.ebpf.bufSizePreset",
      "driver.ebpf.dropFailedExit",
      "driver.ebpf.sysfsMount",
      "driver.modernEbpf",
      "driver.modernEbpf.leastPrivileged",
      "driver.modernEbpf.bufSizePreset",
      "driver.modernEbpf.dropFailedExit",
      "driver.modernEbpf.cpusForEachBuffer",
      "driver.modernEbpf.sysfsMount",
      "driver.gvisor",
      "driver.gvisor.runsc",
      "driver.gvisor.runsc.path",
      "driver.gvisor.runsc.root",
      "driver.gvisor.runsc.config",
      "driver.loader",
      "driver.loader.enabled",
      "driver.loader.initContainer",
      "driver.loader.initContainer.image",
      "driver.loader.initContainer.image.pullPolicy",
      "driver.loader.initContainer.image.registry",
      "driver.loader.initContainer.image.repository",
      "driver.loader.initContainer.image.tag",
      "driver.loader.initContainer.env",
      "driver.loader.initContainer.args",
      "driver.loader.initContainer.resources",
      "driver.loader.initContainer.securityContext",
      "collectors",
      "collectors.enabled",
      "collectors.containerEngine",
      "collectors.containerEngine.enabled",
      "collectors.containerEngine.pluginRef",
      "collectors.containerEngine.labelMaxLen",
      "collectors.containerEngine.withSize",
      "collectors.containerEngine.hooks",
      "collectors.containerEngine.engines",
      "collectors.containerEngine.engines.docker",
      "collectors.containerEngine.engines.docker.enabled",
      "collectors.containerEngine.engines.docker.sockets",
      "collectors.containerEngine.engines.podman",
      "collectors.containerEngine.engines.podman.enabled",
      "collectors.containerEngine.engines.podman.sockets",
      "collectors.containerEngine.engines.containerd",
      "collectors.containerEngine.engines.containerd.enabled",
      "collectors.containerEngine.engines.containerd.sockets",
      "collectors.containerEngine.engines.cri",
      "collectors.containerEngine.engines.cri.enabled",
      "collectors.containerEngine.engines.cri.sockets",
      "collectors.containerEngine.engines.lxc",
      "collectors.containerEngine.engines.lxc.enabled",
      "collectors.containerEngine.engines.libvirt_lxc",
      "collectors.containerEngine.engines.libvirt_lxc.enabled",
      "collectors.containerEngine.engines.bpm",
      "collectors.containerEngine.engines.bpm.enabled",
      "collectors.kubernetes",
      "collectors.kubernetes.enabled",
      "collectors.kubernetes.pluginRef",
      "collectors.kubernetes.collectorHostname",
      "collectors.kubernetes.collectorPort",
      "collectors.kubernetes.verbosity",
      "collectors.kubernetes.hostProc",
      "extra",
      "extra.env",
      "extra.args",
      "extra.initContainers",
      "podHostname",
      "falcoHostnameEnv",
      "certs",
      "certs.existingSecret",
      "certs.server",
      "certs.server.key",
      "certs.server.crt",
      "certs.ca",
      "certs.ca.crt",
      "certs.existingClientSecret",
      "certs.client",
      "certs.client.key",
      "certs.client.crt",
      "customRules",
      "falcosidekick",
      "falcosidekick.enabled",
      "falcosidekick.fullfqdn",
      "falcosidekick.listenPort",
      "responseActions",
      "responseActions.enabled",
      "falco-talon",
      "falcoctl",
      "falcoctl.image",
      "falcoctl.image.pullPolicy",
      "falcoctl.image.registry",
      "falcoctl.image.repository",
      "falcoctl.image.tag",
      "falcoctl.artifact",
      "falcoctl.artifact.install",
      "falcoctl.artifact.install.enabled",
      "falcoctl.artifact.install.env",
      "falcoctl.artifact.install.envFrom",
      "falcoctl.artifact.install.args",
      "falcoctl.artifact.install.resources",
      "falcoctl.artifact.install.securityContext",
      "falcoctl.artifact.install.mounts",
      "falcoctl.artifact.install.mounts.volumeMounts",
      "falcoctl.artifact.follow",
      "falcoctl.artifact.follow.enabled",
      "falcoctl.artifact.follow.env",
      "falcoctl.artifact.follow.envFrom",
      "falcoctl.artifact.follow.args",
      "falcoctl.artifact.follow.resources",
      "falcoctl.artifact.follow.securityContext",
      "falcoctl.artifact.follow.mounts",
      "falcoctl.artifact.follow.mounts.volumeMounts",
      "falcoctl.config",
      "falcoctl.config.indexes",
      "falcoctl.config.artifact",
      "falcoctl.config.artifact.allowedTypes",
      "falcoctl.config.artifact.install",
      "falcoctl.config.artifact.install.resolveDeps",
      "falcoctl.config.artifact.install.refs",
      "falcoctl.config.artifact.install.rulesfilesDir",
      "falcoctl.config.artifact.install.pluginsDir",
      "falcoctl.config.artifact.install.stateDir",
      "falcoctl.config.artifact.follow",
      "falcoctl.config.artifact.follow.refs",
      "falcoctl.config.artifact.follow.every",
      "falcoctl.config.artifact.follow.falcoversions",
      "falcoctl.config.artifact.follow.rulesfilesDir",
      "falcoctl.config.artifact.follow.pluginsDir",
      "falcoctl.config.artifact.follow.stateDir",
      "serviceMonitor",
      "serviceMonitor.create",
      "serviceMonitor.path",
      "serviceMonitor.labels",
      "serviceMonitor.selector",
      "serviceMonitor.interval",
      "serviceMonitor.scheme",
      "serviceMonitor.tlsConfig",
      "serviceMonitor.scrapeTimeout",
      "serviceMonitor.relabelings",
      "serviceMonitor.targetLabels",
      "serviceMonitor.endpointPort",
      "grafana",
      "grafana.dashboards",
      "grafana.dashboards.enabled",
      "grafana.dashboards.configMaps",
      "grafana.dashboards.configMaps.falco",
      "grafana.dashboards.configMaps.falco.name",
      "grafana.dashboards.configMaps.falco.namespace",
      "grafana.dashboards.configMaps.falco.folder",
      "grafana.dashboards.configMaps.falco.folderAnnotation",
      "falco",
      "falco.config_files",
      "falco.watch_config_files",
      "falco.rules_files",
      "falco.capture",
      "falco.capture.enabled",
      "falco.capture.path_prefix",
      "falco.capture.mode",
      "falco.capture.default_duration",
      "falco.load_plugins",
      "falco.plugins",
      "falco.plugins_hostinfo",
      "falco.time_format_iso_8601",
      "falco.buffer_format_base64",
      "falco.priority",
      "falco.json_output",
      "falco.json_include_output_property",
      "falco.json_include_message_property",
      "falco.json_include_output_fields_property",
      "falco.json_include_tags_property",
      "falco.buffered_outputs",
      "falco.rule_matching",
      "falco.outputs_queue",
      "falco.outputs_queue.capacity",
      "falco.append_output",
      "falco.stdout_output",
      "falco.stdout_output.enabled",
      "falco.syslog_output",
      "falco.syslog_output.enabled",
      "falco.file_output",
      "falco.file_output.enabled",
      "falco.file_output.keep_alive",
      "falco.file_output.filename",
      "falco.http_output",
      "falco.http_output.enabled",
      "falco.http_output.url",
      "falco.http_output.user_agent",
      "falco.http_output.insecure",
      "falco.http_output.ca_cert",
      "falco.http_output.ca_bundle",
      "falco.http_output.ca_path",
      "falco.http_output.mtls",
      "falco.http_output.client_cert",
      "falco.http_output.client_key",
      "falco.http_output.echo",
      "falco.http_output.compress_uploads",
      "falco.http_output.keep_alive",
      "falco.http_output.max_consecutive_timeouts",
      "falco.program_output",
      "falco.program_output.enabled",
      "falco.program_output.keep_alive",
      "falco.program_output.program",
      "falco.grpc_output",
      "falco.grpc_output.enabled",
      "falco.grpc",
      "falco.grpc.enabled",
      "falco.grpc.bind_address",
      "falco.grpc.threadiness",
      "falco.webserver",
      "falco.webserver.enabled",
      "falco.webserver.threadiness",
      "falco.webserver.listen_port",
      "falco.webserver.listen_address",
      "falco.webserver.k8s_healthz_endpoint",
      "falco.webserver.prometheus_metrics_enabled",
      "falco.webserver.ssl_enabled",
      "falco.webserver.ssl_certificate",
      "falco.log_stderr",
      "falco.log_syslog",
      "falco.log_level",
      "falco.libs_logger",
      "falco.libs_logger.enabled",
      "falco.libs_logger.severity",
      "falco.output_timeout",
      "falco.syscall_event_timeouts",
      "falco.syscall_event_timeouts.max_consecutives",
      "falco.syscall_event_drops",
      "falco.syscall_event_drops.threshold",
      "falco.syscall_event_drops.actions",
      "falco.syscall_event_drops.rate",
      "falco.syscall_event_drops.max_burst",
      "falco.syscall_event_drops.simulate_drops",
      "falco.base_syscalls",
      "falco.base_syscalls.custom_set",
      "falco.base_syscalls.repair",
      "falco.base_syscalls.all",
      "falco.falco_libs",
      "falco.falco_libs.thread_table_size",
      "falco.falco_libs.thread_table_auto_purging_interval_s",
      "falco.falco_libs.thread_table_auto_purging_thread_timeout_s",
      "falco.falco_libs.snaplen"
    ],
    open: [
      "podAnnotations",
      "serviceAccount.annotations",
      "podLabels",
      "podSecurityContext",
      "containerSecurityContext",
      "nodeSelector",
      "affinity",
      "controller.annotations",
      "controller.labels",
      "metrics.service.labels",
      "metrics.service.annotations",
      "driver.loader.initContainer.resources",
      "driver.loader.initContainer.securityContext",
      "customRules",
      "falco-talon",
      "falcoctl.artifact.install.resources",
      "falcoctl.artifact.install.securityContext",
      "falcoctl.artifact.follow.resources",
      "falcoctl.artifact.follow.securityContext",
      "serviceMonitor.labels",
      "serviceMonitor.selector",
      "serviceMonitor.tlsConfig"
    ]
  }
};

// config/chart-keys.ts
var lookups = /* @__PURE__ */ new Map();
function chartKeys(version, indexes = FALCO_CHART_KEYS) {
  const index = indexes[version];
  if (!index) return void 0;
  let found = lookups.get(index);
  if (!found) {
    const all = new Set(index.keys);
    const maps = new Set(index.keys.map((k) => k.slice(0, Math.max(0, k.lastIndexOf(".")))).filter((k) => k !== ""));
    const open2 = new Set(index.open);
    found = { version, has: (p) => all.has(p), isMap: (p) => maps.has(p), isOpen: (p) => open2.has(p), keys: index.keys };
    lookups.set(index, found);
  }
  return found;
}

// contract/versions.ts
var CHARTS = {
  // renovate: datasource=helm depName=falco registryUrl=https://falcosecurity.github.io/charts
  falco: { chart: "falco", version: "9.1.0" },
  // renovate: datasource=helm depName=k8s-metacollector registryUrl=https://falcosecurity.github.io/charts
  metacollector: { chart: "k8s-metacollector", version: "0.3.1" },
  // renovate: datasource=helm depName=event-generator registryUrl=https://falcosecurity.github.io/charts
  eventGenerator: { chart: "event-generator", version: "0.4.0" },
  // renovate: datasource=helm depName=falcosidekick registryUrl=https://falcosecurity.github.io/charts
  falcosidekick: { chart: "falcosidekick", version: "0.14.0" }
};
var FALCO_CHARTS = {
  [CHARTS.falco.version]: { ...CHARTS.falco, falco: "0.44.1" },
  "8.0.5": { chart: "falco", version: "8.0.5", falco: "0.43.1" }
};
var FALCO_CHART_VERSIONS = Object.keys(FALCO_CHARTS);

// config/falco-knobs.ts
var CHART_DEFAULT_BUF_SIZE_PRESET = 4;
var CHART_DEFAULT_CPUS_FOR_EACH_BUFFER = 2;
var SYSCALL_NAME = /^!?[a-z_][a-z0-9_]*$/;
var driverSection = (driver) => driver === "kmod" ? "kmod" : "modernEbpf";
function falcoChartOf(variant2) {
  const pin = FALCO_CHARTS[variant2.falcoChart ?? CHARTS.falco.version];
  if (!pin) throw new Error(`no Falco chart ${variant2.falcoChart}; available: ${FALCO_CHART_VERSIONS.join(", ")}`);
  return pin;
}
function knobSettings(v) {
  const at = `driver.${driverSection(v.driver)}`;
  const out = [];
  if (v.bufferSizePreset !== void 0) out.push({ field: "bufferSizePreset", path: `${at}.bufSizePreset`, value: v.bufferSizePreset });
  if (v.cpusForEachBuffer !== void 0) out.push({ field: "cpusForEachBuffer", path: `${at}.cpusForEachBuffer`, value: v.cpusForEachBuffer });
  if (v.dropFailedExit !== void 0) out.push({ field: "dropFailedExit", path: `${at}.dropFailedExit`, value: v.dropFailedExit });
  if (v.baseSyscalls !== void 0) {
    out.push({ field: "baseSyscalls.customSet", path: "falco.base_syscalls.custom_set", value: v.baseSyscalls.customSet });
    out.push({ field: "baseSyscalls.repair", path: "falco.base_syscalls.repair", value: v.baseSyscalls.repair });
  }
  return out;
}
var isMap = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
var OWNED_VALUES = [
  ["driver.kind", "the variant's `driver`"],
  ["driver.kmod.bufSizePreset", "`bufferSizePreset`"],
  ["driver.modernEbpf.bufSizePreset", "`bufferSizePreset`"],
  ["driver.modernEbpf.cpusForEachBuffer", "`cpusForEachBuffer`"],
  ["driver.kmod.dropFailedExit", "`dropFailedExit`"],
  ["driver.modernEbpf.dropFailedExit", "`dropFailedExit`"],
  ["driver.loader.initContainer.image", "`falcoChart` (the image of the chart)"],
  ["image", "`falcoChart` (the image of the chart)"],
  ["falco.base_syscalls", "`baseSyscalls`"],
  ["falco.buffered_outputs", "`bufferedOutputs`"],
  ["resources", "`cpu` and `memory`"],
  ["nodeSelector", "the project (the variant's node)"],
  ["tolerations", "the project (the variant's node)"],
  ["affinity", "the project (the variant's node)"],
  ["podLabels", "the project (the variant's label)"],
  ["controller.kind", "the project (one Falco per node, a DaemonSet)"],
  ["controller.daemonset.updateStrategy", "the project"],
  ["collectors", "the project (the shared k8s-metacollector)"],
  ["metrics", "the project (the counters the sampler reads)"],
  ["falco.webserver", "the project (the endpoint the sampler reads)"],
  ["falcoctl", "the project (the pinned rules and k8smeta plugin)"],
  ["customRules", "`customRules`"],
  ["falco.rules_files", "`customRules`"],
  ["falco.json_output", "the project (the benchmark server reads JSON)"],
  ["falco.http_output", "the project (alerts go to the benchmark server)"],
  ["falco.stdout_output", "the project (no output besides HTTP)"],
  ["falco.syslog_output", "the project (no output besides HTTP)"],
  ["falco.outputs_queue", "the project (a bounded, counted queue)"],
  ["falco.load_plugins", "the project (the k8smeta plugin)"],
  ["falco.plugins", "the project (the k8smeta plugin)"],
  ["nameOverride", "the project (the names the sampler and contract/naming.ts derive)"],
  ["fullnameOverride", "the project (the names the sampler and contract/naming.ts derive)"],
  ["namespaceOverride", "the project (the names the sampler and contract/naming.ts derive)"],
  ["falcosidekick", "the response engine (one Falcosidekick, for the guard Falco)"],
  ["responseActions", "the response engine"]
];
var under = (path, prefix) => path === prefix || path.startsWith(`${prefix}.`);
function ownerOf(path) {
  const hit = OWNED_VALUES.find(([owned]) => under(path, owned));
  return hit && { path: hit[0], owner: hit[1] };
}
var available = () => `available: ${FALCO_CHART_VERSIONS.join(", ")}`;
function knobsMissingInChart(v, indexes) {
  const version = falcoChartOf(v).version;
  const keys = chartKeys(version, indexes);
  if (!keys) return [{ field: "falcoChart", problem: `chart falco ${version} has no key index; ${available()}` }];
  return knobSettings(v).filter((s) => !keys.has(s.path)).map((s) => ({ field: s.field, problem: `\`${s.field}\` is not available with chart falco ${version}: its values have no \`${s.path}\`` }));
}
function falcoValuesProblems(values, version, indexes) {
  const keys = chartKeys(version, indexes);
  if (!keys) return [`chart falco ${version} has no key index; ${available()}`];
  const problems = [];
  const walk = (map, at) => {
    for (const [key2, value] of Object.entries(map)) {
      const path = `${at}${key2}`;
      if (!keys.has(path)) {
        const near = closest(path, keys.keys);
        problems.push(`\`${path}\` is not a value of chart falco ${version}${near ? ` (did you mean \`${near}\`?)` : ""}`);
        continue;
      }
      const owned = ownerOf(path);
      if (owned) {
        problems.push(`\`${path}\` is set by ${owned.owner}${owned.path === path ? "" : ` (\`${owned.path}\`)`}, not by falcoValues`);
        continue;
      }
      if (keys.isOpen(path)) continue;
      if (keys.isMap(path)) {
        if (isMap(value)) walk(value, `${path}.`);
        else problems.push(`\`${path}\` is a map in chart falco ${version}: set its keys, not ${JSON.stringify(value)}`);
      } else if (isMap(value)) problems.push(`\`${path}\` is not a map in chart falco ${version}: give it a value`);
    }
  };
  walk(values, "");
  return problems;
}

// config/vm.ts
var VM_SIZE_NAME = /^Standard_([A-Z]+)(\d+)([a-z]*)(?:_v(\d+))?$/;
function memoryPerVcpu(series, features, version) {
  const low = features.includes("l");
  if (series === "D") return low ? 2 : 4;
  if (series === "E") return 8;
  if (series === "F") return low ? 2 : features.includes("m") ? 8 : version !== void 0 && version >= 6 ? 4 : 2;
  return void 0;
}
function parseVmSize(name) {
  const m = VM_SIZE_NAME.exec(name);
  if (!m) return void 0;
  const [, series, count, features, version] = m;
  const vcpus = Number(count);
  const perVcpu = memoryPerVcpu(series, features, version ? Number(version) : void 0);
  return {
    name,
    family: `standard${series}${features.toUpperCase()}${version ? `v${version}` : ""}Family`,
    vcpus,
    ...perVcpu ? { memoryGiB: perVcpu * vcpus } : {}
  };
}
var CPU_RESERVED_MILLI = [[1, 60], [2, 100], [4, 140], [8, 180], [16, 260], [32, 420], [64, 740]];
var AKS_MAX_PODS = 250;
var MiB = 2 ** 20;
var GiB = 2 ** 30;
var AKS_DAEMONS = { cpuMilli: 300, memoryBytes: 600 * MiB };
function allocatable(size) {
  const vm = parseVmSize(size);
  if (!vm) return void 0;
  const cpuReserved = CPU_RESERVED_MILLI.find(([cores]) => vm.vcpus <= cores)?.[1] ?? 740;
  const cpuMilli = vm.vcpus * 1e3 - cpuReserved - AKS_DAEMONS.cpuMilli;
  if (vm.memoryGiB === void 0) return { cpuMilli, why: `${vm.vcpus} vCPUs less ${cpuReserved}m for kubelet and ${AKS_DAEMONS.cpuMilli}m for AKS's DaemonSets` };
  const total = vm.memoryGiB * GiB;
  const reserved = Math.min(20 * MiB * AKS_MAX_PODS + 50 * MiB, total / 4) + 100 * MiB;
  return {
    cpuMilli,
    memoryBytes: total - reserved - AKS_DAEMONS.memoryBytes,
    why: `${vm.vcpus} vCPUs and ${vm.memoryGiB} GiB, less AKS's reservations (${cpuReserved}m, ${formatMi(reserved)}) and DaemonSets (${AKS_DAEMONS.cpuMilli}m, ${formatMi(AKS_DAEMONS.memoryBytes)})`
  };
}
var formatMi = (bytes) => `${Math.floor(bytes / MiB)}Mi`;
var bufferPresetBytes = (preset) => 2 ** (preset - 1) * MiB;
function kernelBuffers(driver, preset, cpusForEachBuffer, vcpus) {
  const buffers = driver === "kmod" ? vcpus : cpusForEachBuffer === 0 ? 1 : Math.ceil(vcpus / cpusForEachBuffer);
  return { buffers, bytes: buffers * bufferPresetBytes(preset) };
}

// config/schema.ts
var NODE_POOL_NAME = /^[a-z][a-z0-9]{0,11}$/;
var GO_DURATION = /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/;
var FLUX_DURATION = /^(\d+(\.\d+)?(ms|s|m|h))+$/;
var DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
var AZURE_RG_NAME = /^[-\w._()]{1,90}$/;
var VM_SIZE = /^Standard_[A-Za-z0-9_-]+$/;
var OCTET = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
var IPV4_CIDR = new RegExp(`^${OCTET}(\\.${OCTET}){3}/([0-9]|[12]\\d|3[0-2])$`);
var MAX_REPEAT = 10;
var DRIVER_KINDS = ["kmod", "modern_ebpf"];
var REPOSITORY_MODES = ["existing", "create"];
var REPOSITORY_VISIBILITIES = ["private", "public"];
var STATE_BACKENDS = ["local", "azurerm"];
var goDuration = (doc, def, rule) => text({ doc, default: def, pattern: GO_DURATION, expect: "a Go duration such as 5s, 100ms or 5m", rule });
var vmSize = (doc) => text({ doc, default: "Standard_D4as_v5", pattern: VM_SIZE, expect: "an Azure VM size such as Standard_D4as_v5" });
function fitsNode(what, request, size) {
  const node = allocatable(size);
  if (!node) return void 0;
  const [asked, offered] = what === "CPU" ? [cpuCores(request) * 1e3, node.cpuMilli] : [memoryBytes(request), node.memoryBytes];
  if (offered === void 0 || asked <= offered) return void 0;
  const shown = what === "CPU" ? `${offered}m` : formatMi(offered);
  return `${JSON.stringify(request)} does not fit a ${size} node (cluster.benchmarkVmSize): at most ${shown} is allocatable there (${node.why}); Falco would stay Pending. Lower the request or choose a larger VM size`;
}
function resourcePair(what, pattern, measure, example) {
  const expect = `a ${what} quantity such as ${example} (greater than zero)`;
  const positive = (q) => measure(q) > 0 ? void 0 : notAllowed(q, `expected ${expect}`);
  return section({
    request: text({
      doc: `Falco ${what} request: what the scheduler reserves; must fit a \`cluster.benchmarkVmSize\` node (see above)`,
      pattern,
      expect,
      numbers: true,
      rule: (q, { parent, root }) => positive(q) ?? (measure(q) > measure(parent.limit) ? `${JSON.stringify(q)} is more than the limit ${JSON.stringify(parent.limit)}; the request must not exceed the limit` : void 0) ?? fitsNode(what, q, root.cluster.benchmarkVmSize)
    }),
    limit: text({ doc: `Falco ${what} limit: above it Falco is ${what === "CPU" ? "throttled" : "OOM-killed"}`, pattern, expect, numbers: true, rule: positive })
  });
}
function inChart(field) {
  return (_value, { parent }) => knobsMissingInChart(parent).filter((m) => m.field === field || m.field.startsWith(`${field}.`)).map((m) => m.problem).join("; ") || void 0;
}
function buffersFit(variant2, root) {
  const vcpus = parseVmSize(root.cluster.benchmarkVmSize)?.vcpus;
  if (variant2.driver !== "modern_ebpf" || vcpus === void 0) return void 0;
  const preset = variant2.bufferSizePreset ?? CHART_DEFAULT_BUF_SIZE_PRESET;
  const { buffers, bytes } = kernelBuffers("modern_ebpf", preset, variant2.cpusForEachBuffer ?? CHART_DEFAULT_CPUS_FOR_EACH_BUFFER, vcpus);
  if (bytes < memoryBytes(variant2.memory.limit)) return void 0;
  return `${buffers} ring buffer(s) of ${formatMi(bufferPresetBytes(preset))} on a ${vcpus}-CPU ${root.cluster.benchmarkVmSize} node take ${formatMi(bytes)}, at least Falco's memory limit ${JSON.stringify(variant2.memory.limit)}: modern eBPF's buffers are charged to Falco's memory cgroup. Lower the preset, raise cpusForEachBuffer or the memory limit`;
}
var pinned = CHARTS.falco.version;
var chartList = () => FALCO_CHART_VERSIONS.map((v) => `${v} (Falco ${FALCO_CHARTS[v].falco}${v === pinned ? ", the pinned default" : ""})`).join(", ");
var VARIANT = section({
  name: text({
    doc: "unique; also the AKS node pool name, node label and taint value, and part of the release names",
    pattern: NODE_POOL_NAME,
    expect: "a variant name is its AKS node pool name: 1-12 lowercase letters and digits, starting with a letter",
    rule: (name) => name === SYSTEM_POOL_NAME || name === SYSTEM_POOL_ROTATION_NAME ? notAllowed(name, `${SYSTEM_POOL_NAME} and ${SYSTEM_POOL_ROTATION_NAME} are the system node pool's names`) : void 0
  }),
  driver: oneOf(DRIVER_KINDS, { doc: "Falco driver: `kmod` (kernel module) or `modern_ebpf` (CO-RE eBPF)" }),
  bufferedOutputs: bool({ doc: "Falco `buffered_outputs`: buffer alert output instead of flushing each alert" }),
  cpu: resourcePair("CPU", CPU_QUANTITY, cpuCores, "1, 1.5 or 500m"),
  memory: resourcePair("memory", MEMORY_QUANTITY, memoryBytes, "1Gi or 512Mi"),
  customRules: bool({
    doc: "also load the repository's `rules/` (off: published numbers measure the stock rules; on: the run hash covers the rules' text)",
    default: false
  }),
  bufferSizePreset: unset(
    int({
      doc: "kernel ring buffer size of the variant's driver (chart `driver.kmod.bufSizePreset` or `driver.modernEbpf.bufSizePreset`): 1 = 1 MiB per buffer, doubling to 10 = 512 MiB; unset: 4 (8 MiB). kmod has one buffer per CPU, modern eBPF one per `cpusForEachBuffer` CPUs",
      min: 1,
      max: 10,
      rule: (preset, ctx) => inChart("bufferSizePreset")(preset, ctx) ?? buffersFit(ctx.parent, ctx.root)
    })
  ),
  cpusForEachBuffer: unset(
    int({
      doc: "modern eBPF only (chart `driver.modernEbpf.cpusForEachBuffer`): CPUs sharing one ring buffer, at most the node's; 0 = one buffer for all CPUs; unset: 2",
      min: 0,
      rule: (n, ctx) => {
        const { parent, root } = ctx;
        if (parent.driver !== "modern_ebpf") return notAllowed(n, `cpusForEachBuffer applies to driver modern_ebpf only; the kernel module (driver ${JSON.stringify(parent.driver)}) has one buffer per CPU`);
        const vcpus = parseVmSize(root.cluster.benchmarkVmSize)?.vcpus;
        if (vcpus !== void 0 && n > vcpus) return notAllowed(n, `a ${root.cluster.benchmarkVmSize} node has ${vcpus} CPUs; expected 0 (one buffer for all) to ${vcpus}`);
        return inChart("cpusForEachBuffer")(n, ctx) ?? (parent.bufferSizePreset === void 0 ? buffersFit(parent, root) : void 0);
      }
    })
  ),
  dropFailedExit: unset(
    bool({
      doc: "the driver drops failed syscalls' exit events before they reach Falco (chart `driver.<kmod|modernEbpf>.dropFailedExit`); unset: false",
      rule: inChart("dropFailedExit")
    })
  ),
  baseSyscalls: optional(
    section({
      customSet: strings({
        doc: "Falco `base_syscalls.custom_set`: syscalls traced besides those of the loaded rules; `!name` leaves one out",
        default: [],
        pattern: SYSCALL_NAME,
        expect: "a syscall name such as mprotect, or !mprotect to leave it out (lowercase letters, digits, _)"
      }),
      repair: bool({ doc: "Falco `base_syscalls.repair`: add the fewest syscalls its state engine needs", default: false })
    }),
    { doc: "Falco `base_syscalls` (what the driver traces beyond the rules' syscalls); unset: Falco's own state set", rule: (v, ctx) => v === void 0 ? void 0 : inChart("baseSyscalls")(v, ctx) }
  ),
  falcoChart: unset(
    text({
      doc: `Falco chart version of this variant, its Falco image pinned exactly; unset: the pinned ${pinned}`,
      expect: `one of ${FALCO_CHART_VERSIONS.join(", ")}`,
      rule: (version) => FALCO_CHARTS[version] ? void 0 : notAllowed(version, `the Falco charts this project renders and checks are ${chartList()}`)
    })
  ),
  falcoValues: unset(
    tree({
      doc: "more Falco chart values (a values tree, merged last) for what the knobs miss; each key must be one of the variant's chart, and none the project or a knob sets",
      rule: (values, { parent }) => {
        if (parent.falcoChart !== void 0 && !FALCO_CHARTS[parent.falcoChart]) return void 0;
        return falcoValuesProblems(values, parent.falcoChart ?? pinned).join("; ") || void 0;
      }
    })
  )
});
var variant = (name, driver, cpu, bufferedOutputs) => ({
  name,
  driver,
  bufferedOutputs,
  cpu: { request: cpu, limit: cpu },
  memory: { request: "1Gi", limit: "1Gi" },
  customRules: false
});
var DEFAULT_VARIANTS = [
  variant("kmod1cpu", "kmod", "1", false),
  variant("kmod2cpu", "kmod", "2", false),
  variant("ebpf1cpu", "modern_ebpf", "1", false),
  variant("ebpf2cpu", "modern_ebpf", "2", false),
  variant("ebpfbuf1cpu", "modern_ebpf", "1", true),
  variant("ebpfbuf2cpu", "modern_ebpf", "2", true)
];
var CONFIG_REGISTRY = section({
  azure: section({
    subscriptionId: text({
      doc: "subscription to deploy into",
      default: "",
      env: "ARM_SUBSCRIPTION_ID",
      pattern: /^$|^[0-9a-fA-F-]{36}$/,
      expect: "a subscription GUID or empty (then ARM_SUBSCRIPTION_ID)"
    }),
    location: text({ doc: "Azure region", default: "westeurope", pattern: /^[a-z0-9]+$/, expect: "an Azure region name such as westeurope" }),
    resourceGroupName: text({
      doc: "resource group for everything the app creates",
      default: "playground-aks-falco",
      pattern: AZURE_RG_NAME,
      expect: "1-90 letters, digits, -, _, ., ( or )"
    }),
    tags: stringMap({ doc: "extra tags on every Azure resource (besides `project`, `managed-by`, `cluster`)", default: {} })
  }),
  cluster: section({
    name: text({
      doc: "AKS cluster name and DNS prefix; the GitOps folder is `fluxcd/clusters/<name>/`",
      default: "aks-falco",
      pattern: DNS_LABEL,
      expect: "a DNS label: lowercase letters, digits and -, at most 63"
    }),
    kubernetesVersion: text({
      doc: "pinned Kubernetes version (control plane and all pools; no automatic upgrades while benchmarking)",
      default: "1.35",
      pattern: /^\d+\.\d+(\.\d+)?$/,
      expect: "MAJOR.MINOR or MAJOR.MINOR.PATCH"
    }),
    osSku: text({
      doc: "pinned node OS image (`Ubuntu2404`: kernel 6.8; `Ubuntu2204`, `AzureLinux` also work)",
      default: "Ubuntu2404",
      pattern: /^[A-Za-z0-9]+$/,
      expect: "an AKS os_sku such as Ubuntu2404 or AzureLinux"
    }),
    systemVmSize: vmSize("VM size of the system pool (Flux, k8s-metacollector)"),
    systemNodeCount: int({ doc: "nodes in the system pool", default: 1, min: 1 }),
    benchmarkVmSize: vmSize("VM size of every benchmark node (non-burstable, so that runs compare)"),
    apiServerAuthorizedIpRanges: unset(
      strings({
        doc: "CIDR ranges that may reach the Kubernetes API server (your address as `x.x.x.x/32`); unset: Terraform refuses to plan the cluster until it is set; `[]` or a `/0` range such as `0.0.0.0/0`: open to the internet (warned by preflight and at every synth)",
        pattern: IPV4_CIDR,
        expect: "an IPv4 address range in CIDR form, such as 203.0.113.7/32"
      })
    ),
    entraIdRbac: bool({
      doc: "Entra ID authentication with Azure RBAC, local accounts (admin certificate) disabled; the deploying identity becomes cluster admin, and the Flux stack and kubectl need `kubelogin`",
      default: false
    })
  }),
  github: section({
    owner: text({
      doc: "user or organisation owning the repository",
      default: "",
      env: "GITHUB_OWNER",
      pattern: /^$|^[A-Za-z0-9](-?[A-Za-z0-9]){0,38}$/,
      expect: "a GitHub user or organisation name"
    }),
    repository: text({
      doc: "repository name",
      default: "falco-aks-gitops-bench",
      env: {
        name: "GITHUB_REPOSITORY",
        split: (value) => {
          const parts = value.split("/");
          if (parts.length > 2 || parts.some((p) => p === "")) return 'is not "owner/name" or "name"';
          return parts.length === 2 ? { owner: parts[0], repository: parts[1] } : { repository: parts[0] };
        }
      },
      pattern: /^[A-Za-z0-9_.-]{1,100}$/,
      expect: "a GitHub repository name (letters, digits, -, _, .)"
    }),
    mode: oneOf(REPOSITORY_MODES, {
      doc: "`existing`: adopt your fork; `create`: create it (archived, not deleted, on destroy)",
      default: "existing"
    }),
    visibility: oneOf(REPOSITORY_VISIBILITIES, { doc: "visibility of a created repository (ignored for `existing`)", default: "private" }),
    branch: text({
      doc: "branch Flux follows",
      default: "main",
      pattern: /^(?!\/)(?!.*\.\.)[A-Za-z0-9._/-]+$/,
      expect: "a git branch name"
    })
  }),
  flux: section({
    interval: text({
      doc: "how often Flux fetches the repository and re-applies the tree",
      default: "1m",
      pattern: FLUX_DURATION,
      expect: "a duration in ms, s, m or h, such as 1m or 30s"
    })
  }),
  state: section({
    backend: oneOf(STATE_BACKENDS, { doc: "`local` (state files in the project folder) or `azurerm` (Azure Storage, for teams)", default: "local" }),
    localDirectory: text({
      doc: "folder of the local state files, relative to the project root",
      default: ".",
      expect: "a relative path",
      rule: (dir) => dir.startsWith("/") ? notAllowed(dir, "expected a path relative to the project root") : void 0
    }),
    azurerm: optional(
      section({
        resourceGroupName: text({ doc: "resource group of the storage account", pattern: AZURE_RG_NAME, expect: "the resource group of the storage account" }),
        storageAccountName: text({ doc: "storage account (must exist)", pattern: /^[a-z0-9]{3,24}$/, expect: "3-24 lowercase letters and digits" }),
        containerName: text({ doc: "blob container", default: "tfstate", pattern: /^[a-z0-9](-?[a-z0-9]){2,62}$/, expect: "a blob container name" }),
        keyPrefix: text({ doc: "prefix of each stack's state blob: `<keyPrefix><stack>.tfstate`", default: "falco-bench/" })
      }),
      {
        doc: "the Azure Storage state backend; required when `state.backend` is `azurerm`",
        rule: (value, { root }) => root.state.backend === "azurerm" && value === void 0 ? 'required when state.backend is "azurerm"' : void 0
      }
    )
  }),
  benchmark: section({
    actions: text({
      doc: "event-generator actions to run (a regular expression); their Falco rules must be loaded",
      default: "^syscall\\.ReadSensitiveFileUntrusted$",
      expect: "a non-empty regular expression",
      rule: (re) => {
        if (re === "") return notAllowed(re, "expected a non-empty regular expression");
        try {
          new RegExp(re);
          return void 0;
        } catch {
          return notAllowed(re, "expected a regular expression");
        }
      }
    }),
    roundDuration: goDuration("length of one round (then it rests as long)", "5s"),
    initialSleep: goDuration("sleep between actions in round 1; it halves after each clean round", "100ms"),
    maxDuration: goDuration(
      "bound on one run (the last round may be cut short; 5m is about 30 rounds)",
      "5m",
      (max, { root }) => goDurationSeconds(max) < 2 * goDurationSeconds(root.benchmark.roundDuration) ? notAllowed(max, `expected at least two rounds (2 x ${root.benchmark.roundDuration}: a round and its rest)`) : void 0
    ),
    repeat: int({
      doc: "runs per variant, one after another on the variant's node, so that the report can tell a difference from run-to-run spread",
      default: 3,
      min: 1,
      max: MAX_REPEAT
    }),
    restBetweenRuns: goDuration("pause between two runs of a variant: the kernel buffer and Falco's output queue drain, the node settles", "1m"),
    variants: list(VARIANT, {
      doc: "the variants: one node pool, one Falco and one benchmark each",
      default: DEFAULT_VARIANTS.map((v) => structuredClone(v)),
      defaultDoc: "six, below",
      key: "name",
      noun: "variant",
      minItems: 1
    })
  }),
  response: section({
    enabled: bool({ doc: "deploy the response engine (guard Falco, Falcosidekick, responder, Receiver); `false`: no response object in the tree, no response credential in Terraform", default: true }),
    dryRun: bool({ doc: "the responder logs the commit it would make and pushes nothing", default: false }),
    minimumPriority: oneOf(FALCO_PRIORITIES, { doc: "alerts below this priority never reach the responder (Falcosidekick's webhook `minimumpriority`)", default: "notice" }),
    policyFile: text({
      doc: "the response policy, relative to the repository root; `npm run gitops` delivers it to the responder in a ConfigMap (a policy change is a commit to this repository, which the responder cannot write)",
      default: DEFAULT_POLICY_FILE,
      expect: "a .yaml file path relative to the repository root, inside it",
      rule: (file) => file.startsWith("/") || file.split("/").includes("..") || !/\.ya?ml$/.test(file) ? notAllowed(file, "expected a .yaml file path relative to the repository root, inside it") : void 0
    }),
    apps: section({
      repository: text({
        doc: "the apps (tenant) repository, owned by `github.owner`: the only one the responder's write key is on; Flux applies it under a namespace-scoped identity",
        default: "falco-aks-apps",
        pattern: /^[A-Za-z0-9_.-]{1,100}$/,
        expect: "a GitHub repository name (letters, digits, -, _, .)"
      }),
      mode: oneOf(REPOSITORY_MODES, {
        doc: "`create`: create it and seed it once (demo, README; never overwritten); `existing`: adopt it, never written by Terraform",
        default: "create"
      }),
      visibility: oneOf(REPOSITORY_VISIBILITIES, { doc: "visibility of a created apps repository (ignored for `existing`)", default: "private" }),
      branch: text({
        doc: "branch of the apps repository that Flux follows and the responder pushes to",
        default: "main",
        pattern: /^(?!\/)(?!.*\.\.)[A-Za-z0-9._/-]+$/,
        expect: "a git branch name"
      }),
      namespaces: strings({
        doc: "tenant namespaces: created by the platform; the only ones the apps repository may write to (the demo is in `demo`)",
        default: ["demo"],
        pattern: DNS_LABEL,
        expect: "a DNS label: lowercase letters, digits and -, at most 63",
        rule: (namespaces) => {
          if (namespaces.length === 0) return "expected at least one tenant namespace";
          const reserved = namespaces.find((n) => PROTECTED_NAMESPACES.includes(n) || n === BENCHMARK_NAMESPACE || n === "default" || n.startsWith("kube-"));
          if (reserved) return notAllowed(reserved, "a tenant namespace cannot be the cluster's, Flux's, Falco's, the response engine's, the benchmark's or `default`");
          return new Set(namespaces).size === namespaces.length ? void 0 : "each tenant namespace must be listed once";
        }
      })
    })
  })
});
var DEFAULT_CONFIG = defaultsOf(CONFIG_REGISTRY);

// config/load.ts
var DEFAULT_CONFIG_FILE = "bench.config.yaml";
var ConfigError = class extends Error {
  constructor(source, problems) {
    super(`invalid configuration in ${source}:
${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.source = source;
    this.problems = problems;
    this.name = "ConfigError";
  }
  source;
  problems;
};
function configFile(env, given) {
  return given ?? env.FALCO_BENCH_CONFIG ?? DEFAULT_CONFIG_FILE;
}
function loadConfig(file, env = process.env, notice = (line) => process.stderr.write(`${line}
`)) {
  const path = configFile(env, file);
  let text2;
  try {
    text2 = (0, import_node_fs2.readFileSync)(path, "utf8");
  } catch (e) {
    throw new ConfigError(path, [`cannot read the file: ${e.code ?? String(e)}`]);
  }
  let raw;
  try {
    raw = (0, import_yaml2.parse)(text2);
  } catch (e) {
    throw new ConfigError(path, [`not valid YAML: ${e.message.split("\n")[0]}`]);
  }
  if (raw === null || raw === void 0) notice(`${path}: no settings (empty or only comments); all defaults apply`);
  return resolveConfig(raw, env, path);
}
function resolveConfig(raw, env = {}, source = "configuration") {
  const { value, problems } = resolve(CONFIG_REGISTRY, raw, env);
  if (problems.length > 0) throw new ConfigError(source, problems);
  return value;
}

// responder/alert.ts
var PRIORITIES = FALCO_PRIORITIES;
function parsePriority(value) {
  const p = value.toLowerCase();
  if (p === "info") return "informational";
  return PRIORITIES.includes(p) ? p : void 0;
}
function atLeast(p, minimum) {
  return PRIORITIES.indexOf(p) <= PRIORITIES.indexOf(minimum);
}
var NAMESPACE_FIELD = ALERT_WORKLOAD_FIELDS.namespace;
var DEPLOYMENT_FIELD = ALERT_WORKLOAD_FIELDS.deployment;
var AlertError = class extends Error {
};
var isObject2 = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
function parseAlert(value) {
  if (!isObject2(value)) throw new AlertError("the alert is not a JSON object");
  const text2 = (key2, required) => {
    const v = value[key2];
    if (v === void 0 || v === null) {
      if (required) throw new AlertError(`field "${key2}" is missing`);
      return "";
    }
    if (typeof v !== "string") throw new AlertError(`field "${key2}" must be a string, got ${JSON.stringify(v)}`);
    if (required && v.trim() === "") throw new AlertError(`field "${key2}" is empty`);
    return v;
  };
  const rule = text2("rule", true);
  const priorityText = text2("priority", true);
  const priority = parsePriority(priorityText);
  if (!priority) throw new AlertError(`field "priority" is ${JSON.stringify(priorityText)}; allowed: ${PRIORITIES.join(", ")}`);
  const tags = value.tags ?? [];
  if (!Array.isArray(tags) || tags.some((t) => typeof t !== "string")) throw new AlertError('field "tags" must be a list of strings');
  const fields = value.output_fields ?? {};
  if (!isObject2(fields)) throw new AlertError('field "output_fields" must be an object');
  return {
    uuid: text2("uuid", false),
    rule,
    priority,
    priorityText,
    output: text2("output", true),
    time: text2("time", true),
    source: text2("source", false),
    hostname: text2("hostname", false),
    tags,
    output_fields: fields
  };
}
function parseAlertJson(text2) {
  let value;
  try {
    value = JSON.parse(text2);
  } catch (e) {
    throw new AlertError(`not JSON: ${e.message}`);
  }
  return parseAlert(value);
}
var LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
var SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
function workloadOf(alert) {
  const field = (key2) => {
    const v = alert.output_fields[key2];
    return typeof v === "string" && v !== "" && v !== "<NA>" ? v : void 0;
  };
  const namespace = field(NAMESPACE_FIELD);
  const name = field(DEPLOYMENT_FIELD);
  if (!namespace || !name) {
    const missing = [!namespace && NAMESPACE_FIELD, !name && DEPLOYMENT_FIELD].filter(Boolean).join(" and ");
    return { reason: `no Deployment in the alert (output_fields ${missing} absent)` };
  }
  if (namespace.length > 63 || !LABEL.test(namespace)) return { reason: `${NAMESPACE_FIELD} ${JSON.stringify(namespace)} is not a namespace name` };
  if (name.length > 253 || !SUBDOMAIN.test(name)) return { reason: `${DEPLOYMENT_FIELD} ${JSON.stringify(name)} is not a Deployment name` };
  return { namespace, name };
}

// responder/git.ts
var import_node_child_process = require("node:child_process");
var import_node_fs3 = require("node:fs");
var import_node_path2 = require("node:path");
var RESPONDER_IDENTITY = { name: "Falco responder", email: "responder@falco-response.invalid" };
var shellQuote = (s) => `'${s.replace(/'/g, `'\\''`)}'`;
function gitEnv(ssh) {
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: RESPONDER_IDENTITY.name,
    GIT_AUTHOR_EMAIL: RESPONDER_IDENTITY.email,
    GIT_COMMITTER_NAME: RESPONDER_IDENTITY.name,
    GIT_COMMITTER_EMAIL: RESPONDER_IDENTITY.email,
    GIT_TERMINAL_PROMPT: "0"
  };
  for (const k of ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"]) delete env[k];
  if (ssh) {
    env.GIT_SSH_COMMAND = [
      "ssh",
      `-i ${shellQuote(ssh.keyFile)}`,
      "-o IdentitiesOnly=yes",
      "-o BatchMode=yes",
      `-o UserKnownHostsFile=${shellQuote(ssh.knownHosts)}`,
      "-o StrictHostKeyChecking=yes",
      // A host that does not answer, or a connection that dies, fails the command instead of hanging it.
      "-o ConnectTimeout=10",
      "-o ServerAliveInterval=15",
      "-o ServerAliveCountMax=2"
    ].join(" ");
  }
  return env;
}
var GitError = class extends Error {
  constructor(args, code, stderr) {
    const lines = stderr.split("\n").map((l) => l.trim()).filter(Boolean);
    super(`git ${args[0]} failed: ${lines.join(" | ").slice(0, 800) || `exit ${code}`}`);
    this.args = args;
    this.code = code;
    this.stderr = stderr;
  }
  args;
  code;
  stderr;
};
var GIT_TIMEOUT_MS = 6e4;
function run(file, args, opts) {
  return new Promise((resolve3) => {
    let child;
    try {
      child = (0, import_node_child_process.spawn)(file, args, { cwd: opts.cwd, env: opts.env, detached: true, stdio: [opts.input === void 0 ? "ignore" : "pipe", "pipe", "pipe"] });
    } catch (e) {
      resolve3({ code: e.code ?? null, stdout: "", stderr: e.message });
      return;
    }
    const out = [];
    const err = [];
    let timedOut = false;
    let settled = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
      }
    }, opts.timeoutMs);
    const settle = (code, stderr = Buffer.concat(err).toString("utf8")) => {
      clearTimeout(timer);
      if (settled) return;
      settled = true;
      resolve3({ code, stdout: Buffer.concat(out).toString("utf8"), stderr: timedOut ? `timed out after ${opts.timeoutMs} ms` : stderr });
    };
    child.on("error", (e) => settle(e.code ?? null, e.message));
    child.stdout?.on("data", (c) => out.push(c));
    child.stderr?.on("data", (c) => err.push(c));
    if (opts.input !== void 0 && child.stdin) {
      child.stdin.on("error", () => void 0);
      child.stdin.end(opts.input);
    }
    child.on("close", (code, signal) => settle(timedOut ? "ETIMEDOUT" : code ?? signal));
  });
}
function git(cwd, env = gitEnv(), timeoutMs = GIT_TIMEOUT_MS) {
  return async (args, input) => {
    const r = await run("git", ["-c", "commit.gpgsign=false", ...args], { cwd, env, timeoutMs, ...input === void 0 ? {} : { input } });
    if (r.code !== 0) throw new GitError(args, r.code, r.stderr);
    return r.stdout;
  };
}
function shell(cwd, env = gitEnv(), timeoutMs = GIT_TIMEOUT_MS) {
  return (script, args) => run("sh", ["-c", script, "sh", ...args], { cwd, env, timeoutMs });
}
function currentBranch(checkout) {
  try {
    return /^ref: (refs\/heads\/\S+)\n?$/.exec((0, import_node_fs3.readFileSync)((0, import_node_path2.join)(checkout, ".git", "HEAD"), "utf8"))?.[1];
  } catch {
    return void 0;
  }
}
function looseRef(checkout, ref) {
  const name = ref === "HEAD" ? currentBranch(checkout) : ref;
  if (!name) return void 0;
  try {
    return /^([0-9a-f]{40,64})\n?$/.exec((0, import_node_fs3.readFileSync)((0, import_node_path2.join)(checkout, ".git", name), "utf8"))?.[1];
  } catch {
    return void 0;
  }
}

// responder/policy.ts
var import_yaml3 = __toESM(require_dist());
var ACTIONS = ["scale-to-zero", "isolate", "log"];
var FALLBACKS = ["isolate", "log"];
var PolicyError = class extends Error {
};
var ENTRY_KEYS = ["rule", "tags", "priority", "action", "fallback"];
var TOP_KEYS = ["responses", "default"];
function formatPolicyFinding(f) {
  return `${f.file}:${f.line}: ${f.severity === "warning" ? "warning: " : ""}${f.message}`;
}
function parsePolicy(text2, file) {
  const { policy, findings } = checkPolicy(text2, file);
  if (policy) return policy;
  const errors = findings.filter((f) => f.severity === "error");
  throw new PolicyError(`${formatPolicyFinding(errors[0])}${errors.length > 1 ? ` (and ${errors.length - 1} more error(s))` : ""}`);
}
function checkPolicy(text2, file, catalog) {
  const findings = [];
  const lines = new import_yaml3.LineCounter();
  const doc = (0, import_yaml3.parseDocument)(text2, { lineCounter: lines, uniqueKeys: true });
  const lineOf = (node) => node?.range ? lines.linePos(node.range[0]).line : 1;
  const report = (severity, node, message2) => findings.push({ file, line: lineOf(node), severity, message: message2 });
  const error = (node, message2) => report("error", node, message2);
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      findings.push({ file, line: e.linePos?.[0].line ?? 1, severity: "error", message: `YAML: ${e.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "")}` });
    }
    return { findings };
  }
  const deref = (n) => (0, import_yaml3.isAlias)(n) ? n.resolve(doc) : n ?? void 0;
  const shown = (n) => n === void 0 ? "missing" : JSON.stringify(n.toJSON());
  const isEmpty = (n) => n === void 0 || (0, import_yaml3.isScalar)(n) && n.value === null;
  const oneOf2 = (where, at, atLine, allowed) => {
    const v = (0, import_yaml3.isScalar)(at) ? at.value : void 0;
    if (typeof v === "string" && allowed.includes(v)) return v;
    const near = typeof v === "string" ? closest(v, allowed) : void 0;
    error(at ?? atLine, `${where}: ${at === void 0 ? "missing" : `${shown(at)} is not allowed`}; allowed: ${allowed.join(", ")}${near ? ` (did you mean ${near}?)` : ""}`);
    return void 0;
  };
  const strings2 = (where, pair) => {
    const at = pair.value;
    const items = (0, import_yaml3.isSeq)(at) ? at.items.map(deref) : [at];
    const ok = items.length > 0 && items.every((s) => (0, import_yaml3.isScalar)(s) && typeof s.value === "string" && s.value !== "");
    if (!ok) {
      error(at ?? pair.key, `${where}: must be a non-empty string or a list of them`);
      return void 0;
    }
    return items.map((s) => ({ value: s.value, node: s }));
  };
  const pairsOf = (where, map, allowed) => {
    const out = /* @__PURE__ */ new Map();
    for (const p of map.items) {
      const key2 = deref(p.key);
      const name = (0, import_yaml3.isScalar)(key2) ? String(key2.value) : JSON.stringify(key2?.toJSON());
      if (!(0, import_yaml3.isScalar)(key2) || !allowed.includes(name)) {
        const near = closest(name, allowed);
        error(key2 ?? map, `${where(name)}: unknown key; allowed: ${allowed.join(", ")}${near ? ` (did you mean ${near}?)` : ""}`);
        continue;
      }
      out.set(name, { key: key2, value: deref(p.value) });
    }
    return out;
  };
  const root = deref(doc.contents);
  if (isEmpty(root)) return { policy: { file, responses: [], default: "log" }, findings };
  if (!(0, import_yaml3.isMap)(root)) {
    error(root, `top level: must be a mapping with keys ${TOP_KEYS.join(", ")}`);
    return { findings };
  }
  const top = pairsOf((k) => k, root, TOP_KEYS);
  const errorsBefore = () => findings.filter((f) => f.severity === "error").length;
  const responses = [];
  const entryNodes = [];
  const list2 = top.get("responses")?.value;
  if (!isEmpty(list2) && !(0, import_yaml3.isSeq)(list2)) error(list2, "responses: must be a list of entries");
  else if ((0, import_yaml3.isSeq)(list2)) {
    list2.items.forEach((item, i) => {
      const entry = checkEntry(deref(item) ?? list2, `responses[${i}]`);
      if (entry) {
        responses.push(entry);
        entryNodes.push(deref(item) ?? list2);
      }
    });
  }
  const defaultPair = top.get("default");
  const fallbackAction = defaultPair ? oneOf2("default", defaultPair.value, defaultPair.key, ACTIONS) : "log";
  function checkEntry(node, id) {
    if (!(0, import_yaml3.isMap)(node)) {
      error(node, `${id}: must be a mapping with keys ${ENTRY_KEYS.join(", ")}`);
      return void 0;
    }
    const before = errorsBefore();
    const e = pairsOf((k) => `${id}.${k}`, node, ENTRY_KEYS);
    if (!e.has("rule") && !e.has("tags") && !e.has("priority")) error(node, `${id}: needs at least one of rule, tags, priority`);
    const action = oneOf2(`${id}.action`, e.get("action")?.value, node, ACTIONS);
    const rulePair = e.get("rule");
    const tagsPair = e.get("tags");
    const rules = rulePair ? strings2(`${id}.rule`, rulePair) : void 0;
    const tags = tagsPair ? strings2(`${id}.tags`, tagsPair) : void 0;
    let priority;
    const p = e.get("priority");
    if (p) {
      const v = (0, import_yaml3.isScalar)(p.value) ? p.value.value : void 0;
      priority = typeof v === "string" ? parsePriority(v) : void 0;
      if (!priority) error(p.value ?? p.key, `${id}.priority: ${shown(p.value)} is not allowed; allowed: ${PRIORITIES.join(", ")}`);
    }
    let fallback;
    const f = e.get("fallback");
    if (f) {
      if (action && action !== "scale-to-zero") error(f.key, `${id}.fallback: only scale-to-zero has a fallback (this entry's action is ${action})`);
      else fallback = oneOf2(`${id}.fallback`, f.value, f.key, FALLBACKS);
    }
    if (catalog) checkAgainstRules(id, rules, tags);
    if (errorsBefore() > before || !action) return void 0;
    return {
      id,
      action,
      ...rules ? { rules: rules.map((r) => r.value) } : {},
      ...tags ? { tags: tags.map((t) => t.value) } : {},
      ...priority ? { priority } : {},
      ...fallback ? { fallback } : {}
    };
  }
  function checkAgainstRules(id, rules, tags) {
    const known = catalog.rules;
    for (const r of rules ?? []) {
      const rule = known.get(r.value);
      if (!rule) {
        const near = closest(r.value, known.keys());
        error(r.node, `${id}.rule: no rule '${r.value}' is loaded (${catalog.source})${near ? `; did you mean '${near}'?` : ""}`);
      } else if (!rule.enabled) {
        report("warning", r.node, `${id}.rule: '${r.value}' is disabled${rule.changedAt ? ` at ${rule.changedAt}` : ""}: this entry never decides its alerts`);
      } else if (tags && !tags.some((t) => rule.tags.includes(t.value))) {
        report("warning", r.node, `${id}.rule: '${r.value}' has none of the tags ${tags.map((t) => t.value).join(", ")}: this entry never decides its alerts`);
      }
    }
    for (const t of tags ?? []) {
      const carriers = [...known.entries()].filter(([, rule]) => rule.tags.includes(t.value));
      if (carriers.some(([, rule]) => rule.enabled)) continue;
      if (carriers.length > 0) {
        const where = carriers.map(([name, rule]) => `'${name}'${rule.changedAt ? ` (${rule.changedAt})` : ""}`).join(", ");
        report("warning", t.node, `${id}.tags: only disabled rules have the tag '${t.value}': ${where}`);
        continue;
      }
      const near = closest(t.value, new Set([...known.values()].flatMap((rule) => rule.tags)));
      report("warning", t.node, `${id}.tags: no loaded rule has the tag '${t.value}' (${catalog.source})${near ? `; did you mean '${near}'?` : ""}`);
    }
  }
  responses.forEach((later, j) => {
    const earlier = responses.slice(0, j).find((e) => covers(e, later));
    if (earlier) report("warning", entryNodes[j], `${later.id}: never decides: ${earlier.id} (line ${lineOf(entryNodes[responses.indexOf(earlier)])}) matches every alert it matches`);
  });
  findings.sort((a, b) => a.line - b.line);
  if (findings.some((f) => f.severity === "error") || !fallbackAction) return { findings };
  return { policy: { file, responses, default: fallbackAction }, findings };
}
function covers(a, b) {
  const subset = (outer, inner) => !outer || !!inner && inner.every((x) => outer.includes(x));
  return subset(a.rules, b.rules) && subset(a.tags, b.tags) && (!a.priority || !!b.priority && atLeast(b.priority, a.priority));
}
function decide(policy, alert) {
  for (const e of policy.responses) {
    if (e.rules && !e.rules.includes(alert.rule)) continue;
    if (e.tags && !e.tags.some((t) => alert.tags.includes(t))) continue;
    if (e.priority && !atLeast(alert.priority, e.priority)) continue;
    return { action: e.action, ...e.fallback ? { fallback: e.fallback } : {}, by: e.id };
  }
  return { action: policy.default, by: "default" };
}

// responder/respond.ts
var import_node_fs4 = require("node:fs");
var import_node_path3 = require("node:path");

// responder/manifests.ts
var import_node_crypto = require("node:crypto");
var import_yaml4 = __toESM(require_dist());
var key = (w) => `${w.namespace}/${w.name}`;
function indexDeployments(files, cache) {
  const index = /* @__PURE__ */ new Map();
  const seen = /* @__PURE__ */ new Set();
  for (const [path, text2] of files) {
    seen.add(path);
    const hit = cache?.get(path);
    const found = !hit ? deploymentsIn(path, text2) : hit.text === text2 ? hit.found : afterOwnEdit(hit, text2) ?? deploymentsIn(path, text2);
    cache?.set(path, { text: text2, found });
    for (const d of found) {
      const k = key(d);
      index.set(k, [...index.get(k) ?? [], d]);
    }
  }
  for (const path of cache?.keys() ?? []) if (!seen.has(path)) cache.delete(path);
  return index;
}
function afterOwnEdit(hit, text2) {
  for (const d of hit.found) {
    const s = d.edit;
    if (!("insert" in s)) continue;
    const delta = s.insert.length - (s.end - s.start);
    if (text2.length !== hit.text.length + delta || applySplice(hit.text, s).text !== text2) continue;
    return hit.found.map((o) => {
      const e = o.edit;
      const edit = o.document === d.document ? { contained: true } : "insert" in e && e.start >= s.end ? { ...e, start: e.start + delta, end: e.end + delta } : e;
      return { ...o, text: text2, edit };
    });
  }
  return void 0;
}
function deploymentsIn(path, text2) {
  if (!text2.includes("Deployment") || text2.includes("{{")) return [];
  const found = [];
  (0, import_yaml4.parseAllDocuments)(text2).forEach((doc, i) => {
    if (doc.errors.length > 0 || !(0, import_yaml4.isMap)(doc.contents)) return;
    if (doc.get("kind") !== "Deployment" || !String(doc.get("apiVersion") ?? "").startsWith("apps/")) return;
    const name = doc.getIn(["metadata", "name"]);
    const namespace = doc.getIn(["metadata", "namespace"]);
    if (typeof name !== "string" || typeof namespace !== "string") return;
    const labels = doc.getIn(["spec", "selector", "matchLabels"]);
    const matchLabels = (0, import_yaml4.isMap)(labels) ? labels.toJSON() : void 0;
    const plain = matchLabels && Object.values(matchLabels).every((v) => typeof v === "string") ? matchLabels : void 0;
    const expressions = doc.getIn(["spec", "selector", "matchExpressions"]);
    const hasExpressions = expressions !== void 0 && expressions !== null && !((0, import_yaml4.isSeq)(expressions) && expressions.items.length === 0);
    found.push({ path, document: i, namespace, name, text: text2, edit: replicasSplice(text2, doc, i), ...plain ? { matchLabels: plain } : {}, ...hasExpressions ? { matchExpressions: true } : {} });
  });
  return found;
}
function findDeployment(index, w, where = APPS_DIR) {
  const found = index.get(key(w)) ?? [];
  if (found.length === 0) return { reason: `Deployment ${key(w)} is not found in ${where} as a plain manifest` };
  if (found.length > 1) return { reason: `Deployment ${key(w)} is in Git more than once (${found.map((f) => f.path).join(", ")})` };
  return found[0];
}
function scaleToZero(text2, document) {
  return applySplice(text2, replicasSplice(text2, (0, import_yaml4.parseAllDocuments)(text2)[document], document));
}
function applySplice(text2, s) {
  return "insert" in s ? { text: text2.slice(0, s.start) + s.insert + text2.slice(s.end), before: s.before } : s;
}
function replicasSplice(text2, doc, document) {
  if (!doc || doc.errors.length > 0 || !(0, import_yaml4.isMap)(doc.contents)) return { reason: `document ${document} is not a YAML mapping` };
  const specPair = doc.contents.items.find((p) => (0, import_yaml4.isScalar)(p.key) && p.key.value === "spec");
  const spec = specPair?.value;
  if (!specPair || !(0, import_yaml4.isMap)(spec) || spec.flow || !(0, import_yaml4.isScalar)(specPair.key) || !specPair.key.range) return { reason: "spec is not a block mapping" };
  const replicas = spec.items.find((p) => (0, import_yaml4.isPair)(p) && (0, import_yaml4.isScalar)(p.key) && p.key.value === "replicas");
  if (replicas) {
    const v = replicas.value;
    if (!(0, import_yaml4.isScalar)(v) || !v.range || typeof v.value !== "number" || v.tag) return { reason: "spec.replicas is not a plain number" };
    if (v.value === 0) return { contained: true };
    const [start, end] = v.range;
    return { start, end, insert: "0", before: text2.slice(start, end) };
  }
  const first = spec.items[0];
  if (!first || !(0, import_yaml4.isScalar)(first.key) || !first.key.range) return { reason: "spec has no keys to align with" };
  const keyStart = first.key.range[0];
  const lineStart = text2.lastIndexOf("\n", keyStart - 1) + 1;
  const indent = text2.slice(lineStart, keyStart);
  if (!/^ +$/.test(indent)) return { reason: "spec is not indented with spaces" };
  const nl = text2.indexOf("\n", specPair.key.range[1]);
  if (nl < 0 || nl >= keyStart) return { reason: "spec is not a block mapping" };
  const eol = text2[nl - 1] === "\r" ? "\r\n" : "\n";
  const at = nl + 1;
  return { start: at, end: at, insert: `${indent}replicas: 0${eol}`, before: "(no spec.replicas)" };
}
function shortened(prefix, name, max) {
  const full = `${prefix}${name}`;
  if (full.length <= max) return full;
  const hash = (0, import_node_crypto.createHash)("sha256").update(full).digest("hex").slice(0, 8);
  return `${full.slice(0, max - 9).replace(/[-.]+$/, "")}-${hash}`;
}
var objectName = (prefix, name) => shortened(prefix, name, 63);
var NAME_MAX = 255;
function isolatePath(w, responsesDir = RESPONSES_DIR) {
  return `${responsesDir}/${w.namespace}/${shortened("isolate-", w.name, NAME_MAX - ".yaml".length)}.yaml`;
}
function isolateManifest(w, matchLabels) {
  const policy = {
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: {
      name: objectName("responder-isolate-", w.name),
      namespace: w.namespace,
      labels: { "app.kubernetes.io/managed-by": "responder" }
    },
    spec: {
      podSelector: { matchLabels: Object.fromEntries(Object.entries(matchLabels).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0)) },
      policyTypes: ["Ingress", "Egress"]
    }
  };
  return `# Isolates Deployment ${key(w)}: no traffic in or out of its pods. Written by the responder;
# the commit that added this file holds the alert. Delete this file to undo.
${(0, import_yaml4.stringify)(policy, { version: "1.1" })}`;
}

// responder/respond.ts
async function readManifests(co, cache) {
  const out = await co.git(["ls-files", "-z", "--", appsDir(co)]);
  const paths = out.split("\0").filter((p) => /\.ya?ml$/.test(p));
  function* files() {
    for (const p of paths) {
      if (symlinkOn(co.dir, p)) continue;
      const full = (0, import_node_path3.join)(co.dir, p);
      if ((0, import_node_fs4.existsSync)(full)) yield [p, (0, import_node_fs4.readFileSync)(full, "utf8")];
    }
  }
  return indexDeployments(files(), cache);
}
var wl = (w) => `${w.namespace}/${w.name}`;
var appsDir = (co) => (co.appsDir ?? APPS_DIR).replace(/\/+$/, "");
var MAX_OUTPUT_CHARS = 16 * 1024;
function escapeLine(text2, max = 512) {
  const cut = text2.length > max ? `${text2.slice(0, max)}... (${text2.length - max} more characters)` : text2;
  return cut.replace(/[\\\x00-\x1f\x7f\x85\u2028\u2029]/g, (c) => c === "\\" ? "\\\\" : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
function commitText(action, w, alert, by, alerts) {
  const subject = `responder: ${action} ${wl(w)} (${escapeLine(alert.rule, 200)})`;
  const fields = [
    ["time", alert.time],
    ["priority", alert.priorityText],
    ["rule", alert.rule],
    ["output", alert.output, MAX_OUTPUT_CHARS],
    ["uuid", alert.uuid],
    ["hostname", alert.hostname],
    ["policy", by]
  ];
  const body = [
    "Falco alert (values escaped):",
    ...fields.map(([k, v, max]) => `    ${k}: ${escapeLine(v, max)}`),
    ...alerts > 1 ? [`    alerts: ${alerts} for this workload while it was being contained`] : [],
    "",
    "Committed by the Falco responder."
  ].join("\n");
  return { subject, body };
}
function symlinkOn(root, path) {
  const parts = path.split("/").filter(Boolean);
  for (let i = 1; i <= parts.length; i++) {
    const p = parts.slice(0, i).join("/");
    try {
      if ((0, import_node_fs4.lstatSync)((0, import_node_path3.join)(root, p)).isSymbolicLink()) return p;
    } catch {
      return void 0;
    }
  }
  return void 0;
}
function refuseSymlink(root, path) {
  const link = symlinkOn(root, path);
  if (link) throw new Error(`refused: ${link} is a symlink in the checkout; the responder never writes through one`);
}
function touchedPaths(co, index, w) {
  const d = findDeployment(index, w, appsDir(co));
  return [..."reason" in d ? [] : [d.path], isolatePath(w, co.responsesDir ?? RESPONSES_DIR)];
}
function planResponse(co, index, alert, decision, alerts = 1) {
  const w = workloadOf(alert);
  if ("reason" in w) return { kind: "none", reason: w.reason };
  if (PROTECTED_NAMESPACES.includes(w.namespace)) return { kind: "none", workload: w, reason: `namespace ${w.namespace} is protected` };
  if (decision.action === "log") return { kind: "none", action: "log", workload: w, reason: `policy ${decision.by}: log` };
  const read = (p) => {
    refuseSymlink(co.dir, p);
    return (0, import_node_fs4.readFileSync)((0, import_node_path3.join)(co.dir, p), "utf8");
  };
  const isolate = (note) => {
    const refuse = (reason2) => ({ kind: "none", action: "isolate", workload: w, reason: note ? `${note}; isolate: ${reason2}` : reason2 });
    const d2 = findDeployment(index, w, appsDir(co));
    if ("reason" in d2) return refuse(d2.reason);
    if (d2.matchExpressions) return refuse(`Deployment ${wl(w)} in ${d2.path} selects its pods with spec.selector.matchExpressions, which a NetworkPolicy copying matchLabels would not honour`);
    if (!d2.matchLabels || Object.keys(d2.matchLabels).length === 0) return refuse(`Deployment ${wl(w)} in ${d2.path} has no spec.selector.matchLabels to select its pods by`);
    const path = isolatePath(w, co.responsesDir ?? RESPONSES_DIR);
    const link = symlinkOn(co.dir, path);
    if (link) return refuse(`${link} is a symlink in the checkout; the responder never writes through one`);
    const text2 = isolateManifest(w, d2.matchLabels);
    if ((0, import_node_fs4.existsSync)((0, import_node_path3.join)(co.dir, path)) && read(path) === text2) return { kind: "contained", action: "isolate", workload: w };
    return { kind: "change", action: "isolate", workload: w, files: [{ path, text: text2 }], ...commitText("isolate", w, alert, decision.by, alerts), ...note ? { note } : {} };
  };
  if (decision.action === "isolate") return isolate();
  const d = findDeployment(index, w, appsDir(co));
  const current = "reason" in d ? "" : read(d.path);
  const edit = "reason" in d ? d : current === d.text ? applySplice(current, d.edit) : scaleToZero(current, d.document);
  if ("contained" in edit) return { kind: "contained", action: "scale-to-zero", workload: w };
  if ("text" in edit && !("reason" in d)) {
    return {
      kind: "change",
      action: "scale-to-zero",
      workload: w,
      files: [{ path: d.path, text: edit.text, before: edit.before }],
      ...commitText("scale-to-zero", w, alert, decision.by, alerts)
    };
  }
  const reason = `scale-to-zero: ${"reason" in edit ? edit.reason : "cannot edit"}`;
  if (decision.fallback === "isolate") return isolate(reason);
  return { kind: "none", action: "scale-to-zero", workload: w, reason: decision.fallback === "log" ? `${reason}; fallback: log` : reason };
}
function writePlanFiles(co, plan) {
  const w = { before: /* @__PURE__ */ new Map(), made: [] };
  try {
    for (const f of plan.files) {
      refuseSymlink(co.dir, f.path);
      const full = (0, import_node_path3.join)(co.dir, f.path);
      w.before.set(f.path, (0, import_node_fs4.existsSync)(full) ? (0, import_node_fs4.readFileSync)(full, "utf8") : void 0);
      const dir = (0, import_node_fs4.mkdirSync)((0, import_node_path3.dirname)(full), { recursive: true });
      if (dir) w.made.push(dir);
      (0, import_node_fs4.writeFileSync)(full, f.text);
    }
  } catch (e) {
    restoreFiles(co, w);
    throw e;
  }
  return w;
}
function restoreFiles(co, w) {
  for (const [p, text2] of w.before) {
    if (text2 === void 0) (0, import_node_fs4.rmSync)((0, import_node_path3.join)(co.dir, p), { force: true });
    else (0, import_node_fs4.writeFileSync)((0, import_node_path3.join)(co.dir, p), text2);
  }
  for (const d of [...w.made].reverse()) (0, import_node_fs4.rmSync)(d, { recursive: true, force: true });
}
var addedPaths = (w) => [...w.before].filter(([, t]) => t === void 0).map(([p]) => p);
var message = (plan) => `${plan.subject}

${plan.body}
`;
async function writeAndCommit(co, plan) {
  const w = writePlanFiles(co, plan);
  try {
    await commitOne(co, plan, w);
  } catch (e) {
    restoreFiles(co, w);
    const added = addedPaths(w);
    if (added.length > 0) await co.git(["reset", "--quiet", "--", ...added]).catch(() => void 0);
    throw e;
  }
}
async function commitOne(co, plan, w) {
  const added = addedPaths(w);
  if (added.length > 0) await co.git(["add", "--", ...added]);
  await co.git(["commit", "--quiet", "--cleanup=verbatim", "-F", "-", "--", ...plan.files.map((f) => f.path)], message(plan));
}
var fastImportPath = (p) => `"${p.replace(/[\\"]/g, (c) => `\\${c}`).replace(/\n/g, "\\n")}"`;
async function commitWritten(co, made) {
  if (made.length === 0) return [];
  if (made.length === 1) {
    await commitOne(co, made[0].plan, made[0].written);
    return lastCommits(co, 1);
  }
  return fastImport(co, made.map((m) => m.plan));
}
function fastImportStream(co, plans, from) {
  const ref = currentBranch(co.dir);
  if (!ref) throw new Error("the checkout is not on a branch");
  const mode = (path) => (0, import_node_fs4.existsSync)((0, import_node_path3.join)(co.dir, path)) && (0, import_node_fs4.lstatSync)((0, import_node_path3.join)(co.dir, path)).mode & 73 ? "100755" : "100644";
  const data = (text2) => `data ${Buffer.byteLength(text2)}
${text2}
`;
  const who = `${RESPONDER_IDENTITY.name} <${RESPONDER_IDENTITY.email}> ${Math.floor(Date.now() / 1e3)} +0000`;
  const stream = ["feature done\n"];
  plans.forEach((plan, i) => {
    stream.push(`commit ${ref}
mark :${i + 1}
author ${who}
committer ${who}
${data(message(plan))}`);
    if (i === 0) stream.push(`from ${from ?? ref}^0
`);
    for (const f of plan.files) stream.push(`M ${mode(f.path)} inline ${fastImportPath(f.path)}
${data(f.text)}`);
    stream.push("\n");
  });
  stream.push("done\n");
  return stream.join("");
}
var marksFile = (co) => (0, import_node_path3.join)(co.dir, ".git", "responder-marks");
function readMarks(file, n) {
  const ids = /* @__PURE__ */ new Map();
  for (const line of (0, import_node_fs4.readFileSync)(file, "utf8").split("\n")) {
    const m = /^:(\d+) ([0-9a-f]{40,64})$/.exec(line);
    if (m) ids.set(Number(m[1]), m[2]);
  }
  return Array.from({ length: n }, (_, i) => {
    const id = ids.get(i + 1);
    if (!id) throw new Error(`git fast-import reported no commit for response ${i + 1} of ${n}`);
    return id;
  });
}
async function fastImport(co, plans) {
  const marks = marksFile(co);
  try {
    await co.git(["fast-import", "--quiet", "--done", `--export-marks=${marks}`], fastImportStream(co, plans));
    const ids = readMarks(marks, plans.length);
    await co.git(["reset", "--quiet"]);
    return ids;
  } finally {
    (0, import_node_fs4.rmSync)(marks, { force: true });
  }
}
async function commitPlan(co, plan) {
  return (await commitPlans(co, [plan]))[0];
}
async function commitPlans(co, plans) {
  for (const plan of plans) await writeAndCommit(co, plan);
  return lastCommits(co, plans.length);
}
async function lastCommits(co, n) {
  if (n === 0) return [];
  return (await co.git(["log", "--format=%H", "-n", String(n), "HEAD"])).trim().split("\n").reverse();
}
function describeChange(plan) {
  return plan.files.map((f) => ({
    path: f.path,
    change: f.before !== void 0 ? `spec.replicas: ${f.before} -> 0` : `new file:
${f.text}`
  }));
}

// responder/server.ts
var import_node_crypto2 = require("node:crypto");
var import_node_crypto3 = require("node:crypto");
var import_node_fs7 = require("node:fs");
var import_node_http = __toESM(require("node:http"));
var import_node_https = __toESM(require("node:https"));
var import_node_path6 = require("node:path");

// responder/journal.ts
var import_node_fs5 = require("node:fs");
var import_promises = require("node:fs/promises");
var import_node_path4 = require("node:path");
var Journal = class _Journal {
  constructor(file) {
    this.file = file;
  }
  file;
  live = /* @__PURE__ */ new Map();
  fh;
  queue = [];
  flushing;
  records = 0;
  /** Bytes of the live entries' lines: what a rewrite keeps, and what the accept cap bounds. */
  liveBytes = 0;
  sizes = /* @__PURE__ */ new Map();
  /** Opens (creating) the journal and replays it; `skipped` counts unreadable lines. */
  static async open(file) {
    const j = new _Journal(file);
    (0, import_node_fs5.mkdirSync)((0, import_node_path4.dirname)(file), { recursive: true });
    let skipped = 0;
    if ((0, import_node_fs5.existsSync)(file)) {
      for (const line of (0, import_node_fs5.readFileSync)(file, "utf8").split("\n")) {
        if (!line) continue;
        try {
          const r = JSON.parse(line);
          if (Array.isArray(r.d)) for (const id of r.d) j.forget(id);
          else if (typeof r.a === "string") j.keep({ id: r.a, received: Number(r.t), alert: parseAlert(r.alert) }, Buffer.byteLength(line));
          j.records++;
        } catch {
          skipped++;
        }
      }
    }
    await j.rewrite();
    return { journal: j, skipped };
  }
  keep(e, size) {
    this.live.set(e.id, e);
    this.sizes.set(e.id, size);
    this.liveBytes += size;
  }
  forget(id) {
    if (!this.live.delete(id)) return;
    this.liveBytes -= this.sizes.get(id) ?? 0;
    this.sizes.delete(id);
  }
  /** Oldest live entry's age in seconds (0 when empty). */
  age(now = Date.now()) {
    let oldest = now;
    for (const e of this.live.values()) oldest = Math.min(oldest, e.received);
    return (now - oldest) / 1e3;
  }
  /** Adds an entry; resolves once it is on disk (fsynced). */
  add(e) {
    const line = JSON.stringify({ a: e.id, t: e.received, alert: e.alert });
    this.keep(e, Buffer.byteLength(line) + 1);
    return new Promise((done) => this.push(line, done));
  }
  /** Marks entries decided. Not awaited: a lost "decided" record only means a replay, which makes no second commit. */
  decided(ids) {
    if (ids.length === 0) return;
    for (const id of ids) this.forget(id);
    this.push(JSON.stringify({ d: ids }));
  }
  push(line, done) {
    this.queue.push({ line, done });
    this.flushing ??= this.flush();
  }
  async flush() {
    while (this.queue.length > 0) {
      const batch = this.queue;
      this.queue = [];
      try {
        await this.fh.write(`${batch.map((b) => b.line).join("\n")}
`);
        await this.fh.datasync();
        this.records += batch.length;
        if (this.records > 1e4 && this.records > 4 * this.live.size) await this.rewrite();
      } catch {
      } finally {
        for (const b of batch) b.done?.();
      }
    }
    this.flushing = void 0;
  }
  /** Writes only the live entries to a new file and swaps it in atomically. */
  async rewrite() {
    await this.fh?.close();
    const tmp = `${this.file}.tmp`;
    const fd = (0, import_node_fs5.openSync)(tmp, "w");
    for (const e of this.live.values()) (0, import_node_fs5.writeSync)(fd, `${JSON.stringify({ a: e.id, t: e.received, alert: e.alert })}
`);
    (0, import_node_fs5.fsyncSync)(fd);
    (0, import_node_fs5.closeSync)(fd);
    (0, import_node_fs5.renameSync)(tmp, this.file);
    const dir = (0, import_node_fs5.openSync)((0, import_node_path4.dirname)(this.file), "r");
    (0, import_node_fs5.fsyncSync)(dir);
    (0, import_node_fs5.closeSync)(dir);
    this.records = this.live.size;
    this.fh = await (0, import_promises.open)(this.file, "a");
  }
  /** Waits for every queued write, then closes. */
  async close() {
    while (this.flushing) await this.flushing;
    await this.fh?.close();
    this.fh = void 0;
  }
};

// responder/metrics.ts
var escape = (v) => v.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"');
var labelText = (labels) => {
  const e = Object.entries(labels);
  return e.length === 0 ? "" : `{${e.map(([k, v]) => `${k}="${escape(v)}"`).join(",")}}`;
};
var Counter = class {
  constructor(name, help, labelled = false) {
    this.name = name;
    this.help = help;
    this.labelled = labelled;
  }
  name;
  help;
  labelled;
  values = /* @__PURE__ */ new Map();
  inc(labels = {}, by = 1) {
    const k = labelText(labels);
    this.values.set(k, (this.values.get(k) ?? 0) + by);
  }
  get(labels = {}) {
    return this.values.get(labelText(labels)) ?? 0;
  }
  render() {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`];
    if (this.values.size === 0 && !this.labelled) lines.push(`${this.name} 0`);
    for (const [k, v] of this.values) lines.push(`${this.name}${k} ${v}`);
    return lines;
  }
};
var Histogram = class {
  constructor(name, help, buckets) {
    this.name = name;
    this.help = help;
    this.buckets = buckets;
    this.counts = buckets.map(() => 0);
  }
  name;
  help;
  buckets;
  counts;
  sum = 0;
  count = 0;
  observe(v) {
    this.buckets.forEach((b, i) => {
      if (v <= b) this.counts[i]++;
    });
    this.sum += v;
    this.count++;
  }
  render() {
    return [
      `# HELP ${this.name} ${this.help}`,
      `# TYPE ${this.name} histogram`,
      ...this.buckets.map((b, i) => `${this.name}_bucket{le="${b}"} ${this.counts[i]}`),
      `${this.name}_bucket{le="+Inf"} ${this.count}`,
      `${this.name}_sum ${this.sum}`,
      `${this.name}_count ${this.count}`
    ];
  }
};
var MAX_RULES = 100;
var Metrics = class {
  alerts = new Counter("responder_alerts_total", "Alerts received, by rule and outcome.", true);
  commits = new Counter("responder_commits_total", "Response commits pushed (or made, with --dry-run none).");
  deduplicated = new Counter("responder_deduplicated_alerts_total", "Alerts that needed no commit of their own: already contained, or coalesced with an identical pending response.");
  pushRetries = new Counter("responder_push_retries_total", "Pushes retried after the remote moved or the push failed.");
  pushFailures = new Counter("responder_push_failures_total", "Alerts given up: their response was not pushed within the retry time.");
  receiver = new Counter("responder_receiver_notifications_total", "Flux Receiver notifications, by result.", true);
  latency = new Histogram("responder_alert_to_push_seconds", "Seconds from receiving an alert to its response being pushed.", [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30]);
  responses = new Counter("responder_http_responses_total", "Every HTTP answer, by status and outcome (401, 413, 400, 503 busy included).", true);
  late = new Counter("responder_late_responses_total", "Alerts answered 202 whose response then landed in Git (counted once each).");
  /** The journal's state, read at each scrape. */
  journal = () => ({ depth: 0, age: 0, bytes: 0 });
  /** Rule names seen as label values: the first MAX_RULES, the rest are "other" (the label stays bounded). */
  rules = /* @__PURE__ */ new Set();
  ruleLabel(rule) {
    if (this.rules.has(rule)) return rule;
    if (this.rules.size >= MAX_RULES || rule.length > 200) return "other";
    this.rules.add(rule);
    return rule;
  }
  render() {
    const j = this.journal();
    const gauge = (name, help, v) => [`# HELP ${name} ${help}`, `# TYPE ${name} gauge`, `${name} ${v}`];
    return [
      ...[this.alerts, this.commits, this.deduplicated, this.pushRetries, this.pushFailures, this.receiver, this.responses, this.late, this.latency].flatMap((m) => m.render()),
      ...gauge("responder_journal_depth", "Accepted alerts not yet decided (kept in the journal).", j.depth),
      ...gauge("responder_journal_oldest_seconds", "Age of the oldest alert in the journal.", j.age),
      ...gauge("responder_journal_bytes", "Bytes of the journal entries still live.", j.bytes)
    ].join("\n") + "\n";
  }
};

// responder/replay.ts
var import_node_fs6 = require("node:fs");
var import_node_path5 = require("node:path");
var REFUSED_PATTERN = "rejected|non-fast-forward|fetch first|is at [0-9a-f]{7,} but expected";
var REFUSED = new RegExp(REFUSED_PATTERN, "i");
var refused = (message2) => REFUSED.test(message2);
var EXIT2 = { unmoved: 3, ours: 4, pushFailed: 5, rounds: 6 };
var ROUND_SCRIPT = `set -u
remote=$1 branch=$2 tracking=$3 stream=$4 marks=$5 rounds=$6 refused=$7 count=$8
shift 8
base=$(git rev-parse --verify --quiet "HEAD~$count^{commit}") || exit 9
out=''
i=0
while [ "$i" -lt "$rounds" ]; do
  i=$((i + 1))
  echo "round $i"
  git fetch --quiet --no-auto-maintenance "$remote" "+refs/heads/$branch:$tracking" || exit 9
  new=$(git rev-parse --verify --quiet "$tracking^{commit}") || exit 9
  [ "$new" = "$base" ] && exit ${EXIT2.unmoved}
  git --literal-pathspecs diff --quiet "$base" "$new" -- "$@"
  case $? in 0) ;; 1) exit ${EXIT2.ours} ;; *) exit 9 ;; esac
  git fast-import --quiet --done --force --export-marks="$marks" <"$stream" || exit 9
  if out=$(git push --quiet --porcelain "$remote" "HEAD:refs/heads/$branch" 2>&1); then
    echo pushed
    git reset --quiet --hard && git clean --quiet -ffd && echo clean
    exit 0
  fi
  printf '%s\\n' "$out" | grep -Eqi -e "$refused" || { printf '%s\\n' "$out" >&2; exit ${EXIT2.pushFailed}; }
  base=$new
done
printf '%s\\n' "$out" >&2
exit ${EXIT2.rounds}
`;
async function pushReplayed(co, sh, to, plans, rounds = 20) {
  const paths = [...new Set(plans.flatMap((p) => p.files.map((f) => f.path)))];
  const streamFile = (0, import_node_path5.join)(co.dir, ".git", "responder-replay");
  const marks = marksFile(co);
  (0, import_node_fs6.writeFileSync)(streamFile, fastImportStream(co, plans, to.tracking));
  try {
    const r = await sh(ROUND_SCRIPT, [to.remote, to.branch, to.tracking, streamFile, marks, String(rounds), REFUSED_PATTERN, String(plans.length), ...paths]);
    const ran = r.stdout.split("\n").filter((l) => /^round \d+$/.test(l)).length;
    if (r.code === 0) return { rounds: ran, ids: readMarks(marks, plans.length), clean: /^clean$/m.test(r.stdout) };
    if (r.code === EXIT2.unmoved) return { rounds: ran, why: "unmoved" };
    if (r.code === EXIT2.ours) return { rounds: ran, why: "ours changed" };
    if (r.code === EXIT2.rounds) return { rounds: ran, why: "rounds", error: r.stderr.trim() };
    throw new GitError(["push"], r.code, r.stderr);
  } finally {
    (0, import_node_fs6.rmSync)(streamFile, { force: true });
    (0, import_node_fs6.rmSync)(marks, { force: true });
  }
}

// responder/server.ts
var FRESH_MS = 250;
var MAX_BODY_BYTES = 1024 * 1024;
var reveal = (s, fresh = false) => typeof s === "function" ? s(fresh) : s;
var sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function untilDeadline(p, deadline) {
  let timer;
  const expired = new Promise((r) => timer = setTimeout(r, Math.max(0, deadline - Date.now())));
  try {
    await Promise.race([p.then(() => void 0, () => void 0), expired]);
  } finally {
    clearTimeout(timer);
  }
}
var wl2 = (w) => `${w.namespace}/${w.name}`;
function perTick(flush, max = Infinity) {
  const items = [];
  const run2 = () => {
    flush(items.splice(0, max));
    if (items.length > 0) setImmediate(run2);
  };
  return (item) => {
    if (items.length === 0) setImmediate(run2);
    items.push(item);
  };
}
function stdoutLog() {
  const write = perTick((lines) => process.stdout.write(lines.join("")));
  return (e) => write(`${JSON.stringify({ time: (/* @__PURE__ */ new Date()).toISOString(), ...e })}
`);
}
var sha256 = (s) => (0, import_node_crypto2.createHash)("sha256").update(s).digest();
function authorizer() {
  let expected = { token: "", hash: sha256("") };
  return (header, token) => {
    const given = /^Bearer (.+)$/.exec(header ?? "")?.[1] ?? "";
    if (expected.token !== token) expected = { token, hash: sha256(token) };
    return (0, import_node_crypto2.timingSafeEqual)(sha256(given), expected.hash) && given.length > 0;
  };
}
function receiverPath(r) {
  return `/hook/${(0, import_node_crypto2.createHash)("sha256").update(r.token + r.name + r.namespace).digest("hex")}`;
}
function receiverSignature(body, token) {
  return `sha256=${(0, import_node_crypto2.createHmac)("sha256", token).update(body).digest("hex")}`;
}
function notifyReceiver(r, body) {
  const token = reveal(r.token, true);
  const url = new URL(receiverPath({ ...r, token }), r.url);
  const send = url.protocol === "https:" ? import_node_https.default.request : import_node_http.default.request;
  return new Promise((resolve3, reject) => {
    const req = send(
      url,
      {
        method: "POST",
        timeout: 5e3,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), "x-signature": receiverSignature(body, token) }
      },
      (res) => {
        res.resume();
        res.on("end", () => res.statusCode && res.statusCode < 300 ? resolve3() : reject(new Error(`receiver answered ${res.statusCode}`)));
      }
    );
    const ms = r.deadlineMs ?? 1e4;
    const deadline = setTimeout(() => req.destroy(new Error(`receiver did not answer within ${ms / 1e3} s`)), ms);
    req.on("timeout", () => req.destroy(new Error("receiver timed out")));
    req.on("error", reject);
    req.on("close", () => clearTimeout(deadline));
    req.end(body);
  });
}
async function startServer(opts) {
  const log = opts.log ?? stdoutLog();
  const metrics = new Metrics();
  const authorized = authorizer();
  const timeout = opts.gitTimeoutMs ?? GIT_TIMEOUT_MS;
  const env = gitEnv(opts.ssh);
  const co = {
    dir: opts.checkout,
    git: git(opts.checkout, env, timeout),
    responsesDir: opts.responsesDir ?? RESPONSES_DIR,
    ...opts.appsDir ? { appsDir: opts.appsDir } : {}
  };
  const sh = shell(opts.checkout, env, timeout);
  const remoteRef = `refs/remotes/origin/${opts.branch}`;
  const backoff = opts.backoffMs ?? 100;
  const retryFor = opts.retryForMs ?? 15 * 6e4;
  const answerWithin = opts.answerWithinMs ?? 1e4;
  const caps = { connections: opts.maxConnections ?? 5120, requests: opts.maxRequests ?? 5120, bytes: opts.maxBufferedBytes ?? 32 * 1024 * 1024, journal: opts.maxJournal ?? 5e4 };
  const { journal, skipped } = await Journal.open(opts.journal ?? `${opts.checkout.replace(/\/+$/, "")}.journal`);
  if (skipped > 0) log({ level: "warn", msg: "journal lines unreadable, skipped", lines: skipped });
  let checkoutOk = false;
  let pushOk = true;
  let policyError = "";
  let draining = false;
  let inflight = 0;
  let buffered = 0;
  const pending = /* @__PURE__ */ new Map();
  let writer;
  const notifications = /* @__PURE__ */ new Set();
  let notReady = "cloning the repository";
  let wake = () => {
  };
  const nap = (ms) => new Promise((r) => {
    const t = setTimeout(r, ms);
    wake = () => {
      clearTimeout(t);
      r();
    };
  });
  const isReady = () => checkoutOk && pushOk && !policyError && !draining;
  const whyNot = () => draining ? "shutting down" : policyError ? `policy: ${policyError}` : !checkoutOk ? notReady : `the last push failed: ${notReady}`;
  function removeStaleLocks() {
    const removed = [];
    const walk = (dir, depth) => {
      if (depth > 6 || !(0, import_node_fs7.existsSync)(dir)) return;
      for (const e of (0, import_node_fs7.readdirSync)(dir, { withFileTypes: true })) {
        const full = (0, import_node_path6.join)(dir, e.name);
        if (e.isDirectory() && e.name !== "objects") walk(full, depth + 1);
        else if (e.isFile() && e.name.endsWith(".lock")) {
          (0, import_node_fs7.rmSync)(full, { force: true });
          removed.push(full);
        }
      }
    };
    walk((0, import_node_path6.join)(opts.checkout, ".git"), 0);
    if (removed.length > 0) log({ level: "warn", msg: "removed stale git lock files", files: removed });
    return removed;
  }
  async function sync() {
    if (cleanHead() !== void 0 && Date.now() - fetchedAt < FRESH_MS) return;
    await fetchBranch();
    const head = cleanHead();
    if (head !== void 0 && head === looseRef(opts.checkout, remoteRef)) return;
    cleanAt = void 0;
    await co.git(["reset", "--quiet", "--hard", remoteRef]);
    await co.git(["clean", "--quiet", "-ffd"]);
    cleanAt = looseRef(opts.checkout, "HEAD");
  }
  let maintainedAt = 0;
  let fetchedAt = 0;
  async function fetchBranch() {
    const maintain = Date.now() - maintainedAt > 10 * 6e4;
    const at = Date.now();
    await co.git(["fetch", "--quiet", ...maintain ? [] : ["--no-auto-maintenance"], opts.remote, `+refs/heads/${opts.branch}:${remoteRef}`]);
    fetchedAt = at;
    if (maintain) maintainedAt = at;
  }
  let cleanAt;
  const cleanHead = () => cleanAt !== void 0 && looseRef(opts.checkout, "HEAD") === cleanAt ? cleanAt : void 0;
  const manifestCache = /* @__PURE__ */ new Map();
  let indexed;
  async function manifests() {
    const head = cleanHead();
    if (head !== void 0 && indexed?.head === head) return indexed.index;
    const index = await readManifests(co, manifestCache);
    indexed = head === void 0 ? void 0 : { head, index };
    return index;
  }
  async function remoteReadable() {
    const heads = await git(process.cwd(), env, timeout)(["ls-remote", "--heads", opts.remote, `refs/heads/${opts.branch}`]);
    if (!heads.trim()) throw new Error(`the remote has no branch ${opts.branch}`);
  }
  async function heal() {
    const foreign = notOwnFolder(opts.checkout);
    if (foreign) throw new Error(foreign);
    const dotGit = (0, import_node_path6.join)(opts.checkout, ".git");
    cleanAt = void 0;
    if ((0, import_node_fs7.existsSync)(dotGit) && (0, import_node_fs7.statSync)(dotGit).isDirectory()) {
      removeStaleLocks();
      try {
        await co.git(["remote", "set-url", "origin", opts.remote]);
        await sync();
        return;
      } catch (e) {
        await remoteReadable();
        log({ level: "warn", msg: "checkout broken, cloning again", error: e.message });
      }
    }
    (0, import_node_fs7.rmSync)(opts.checkout, { recursive: true, force: true });
    await git(process.cwd(), env, timeout * 5)(["clone", "--quiet", "--single-branch", "--branch", opts.branch, opts.remote, opts.checkout]);
    await sync();
  }
  let commitOneByOne = false;
  let preparing = true;
  async function prepare() {
    try {
      for (let delay = 1e3; !draining; delay = Math.min(delay * 2, 3e4)) {
        try {
          await heal();
          await manifests();
          checkoutOk = true;
          log({ level: "info", msg: "checkout ready", remote: opts.remote, branch: opts.branch, dryRun: !!opts.dryRun, journaled: pending.size });
          return;
        } catch (e) {
          notReady = e.message;
          log({ level: "error", msg: "checkout not usable, retrying", error: notReady, retryInMs: delay });
          await nap(delay);
        }
      }
    } finally {
      preparing = false;
      kick();
    }
  }
  let policy;
  let policyStamp = "";
  function currentPolicy() {
    let stamp;
    try {
      const st = (0, import_node_fs7.statSync)(opts.policy);
      stamp = `${st.mtimeMs} ${st.size} ${st.ino}`;
    } catch (e) {
      policyError = `${opts.policy}: cannot read: ${e.code ?? e.message}`;
      return void 0;
    }
    if (stamp === policyStamp) return policy;
    policyStamp = stamp;
    try {
      policy = parsePolicy((0, import_node_fs7.readFileSync)(opts.policy, "utf8"), opts.policy);
      policyError = "";
    } catch (e) {
      policy = void 0;
      policyError = e.message;
      log({ level: "error", msg: "policy unusable; alerts wait in the journal", error: policyError });
    }
    return policy;
  }
  currentPolicy();
  const answerSoon = perTick((due) => {
    for (const [done, result] of due) done(result);
  }, 256);
  function answer(p, r, extra = {}) {
    if (p.answered) return;
    p.answered = true;
    pending.delete(p.id);
    journal.decided([p.id]);
    metrics.alerts.inc({ rule: metrics.ruleLabel(p.alert.rule), outcome: r.outcome });
    if (r.outcome === "coalesced" || r.outcome === "contained") metrics.deduplicated.inc();
    if (r.outcome === "committed" || r.outcome === "coalesced") metrics.latency.observe((Date.now() - p.received) / 1e3);
    if (p.early && (r.outcome === "committed" || r.outcome === "coalesced")) metrics.late.inc();
    log({
      level: r.status >= 500 ? "error" : "info",
      msg: "alert",
      uuid: p.alert.uuid,
      rule: p.alert.rule,
      priority: p.alert.priorityText,
      ...r.workload ? { workload: r.workload } : {},
      ...r.action ? { action: r.action } : {},
      outcome: r.outcome,
      ...r.commit ? { commit: r.commit } : {},
      ...r.reason ? { reason: r.reason } : {},
      ms: Date.now() - p.received,
      ...p.early ? { answered: 202 } : {},
      ...extra
    });
    if (p.resolve) answerSoon([p.resolve, r]);
  }
  async function attempt(batch, n) {
    if (preparing) return notReady;
    try {
      if (!checkoutOk) throw new Error(notReady);
      await sync();
    } catch {
      try {
        await heal();
        checkoutOk = true;
      } catch (h) {
        checkoutOk = false;
        notReady = h.message;
        return notReady;
      }
    }
    const pol = currentPolicy();
    if (!pol) return `policy: ${policyError}`;
    const index = await manifests();
    const groups = /* @__PURE__ */ new Map();
    const rest = /* @__PURE__ */ new Set();
    for (const p of batch) {
      const decision = decide(pol, p.alert);
      const w = workloadOf(p.alert);
      if ("reason" in w || decision.action === "log") {
        rest.add(p);
        continue;
      }
      const k = `${decision.action} ${wl2(w)}`;
      const g = groups.get(k) ?? { decision, members: [] };
      g.members.push(p);
      groups.set(k, g);
    }
    for (const p of rest) {
      const plan = planResponse(co, index, p.alert, decide(pol, p.alert));
      answer(p, { status: 200, outcome: plan.action === "log" ? "logged" : "no-action", ...planFields(plan) });
    }
    const serial = commitOneByOne;
    const made = [];
    for (const { decision, members } of groups.values()) {
      try {
        const plan = planResponse(co, index, members[0].alert, decision, members.length);
        if (plan.kind !== "change") {
          const outcome = plan.kind === "contained" ? "contained" : "no-action";
          for (const p of members) answer(p, { status: 200, outcome, ...planFields(plan) });
        } else if (opts.dryRun) {
          members.forEach((p, i) => answer(p, { status: 200, outcome: i === 0 ? "dry-run" : "coalesced", ...planFields(plan) }, i === 0 ? { subject: plan.subject, changes: describeChange(plan) } : {}));
        } else if (serial) {
          cleanAt = void 0;
          await writeAndCommit(co, plan);
          made.push({ members, plan });
        } else {
          cleanAt = void 0;
          made.push({ members, plan, written: writePlanFiles(co, plan) });
        }
      } catch (e) {
        const w = workloadOf(members[0].alert);
        for (const p of members) answer(p, { status: 500, outcome: "failed", action: decision.action, ..."reason" in w ? {} : { workload: wl2(w) }, reason: e.message });
      }
    }
    if (made.length === 0) return void 0;
    let ids;
    if (serial) ids = await lastCommits(co, made.length);
    else {
      try {
        ids = await commitWritten(co, made.map((m) => ({ plan: m.plan, written: m.written })));
      } catch (e) {
        commitOneByOne = true;
        log({ level: "warn", msg: "committing the batch failed; the next turn commits one response at a time", responses: made.length, error: e.message });
        return e.message;
      }
    }
    commitOneByOne = false;
    const pushedAt = Date.now();
    try {
      try {
        await push();
        cleanAt = looseRef(opts.checkout, "HEAD");
      } catch (e) {
        const again = await pushAgain(made.map((m) => m.plan), e);
        ids = again.ids;
        if (again.clean) cleanAt = looseRef(opts.checkout, "HEAD");
      }
      fetchedAt = Math.max(fetchedAt, pushedAt);
    } catch (e) {
      pushOk = false;
      notReady = e.message;
      metrics.pushRetries.inc();
      log({ level: "warn", msg: "push failed; will fetch and re-apply", attempt: n, alerts: made.reduce((a, m) => a + m.members.length, 0), error: notReady });
      return notReady;
    }
    pushOk = true;
    metrics.commits.inc({}, made.length);
    log({ level: "info", msg: "pushed", commits: ids, alerts: made.reduce((a, m) => a + m.members.length, 0), attempt: n });
    made.forEach((c, i) => {
      const result = { status: 200, outcome: "committed", commit: ids[i], ...planFields(c.plan) };
      c.members.forEach((p, j) => answer(p, j === 0 ? result : { ...result, outcome: "coalesced" }));
    });
    if (opts.receiver) notify(opts.receiver, ids[ids.length - 1]);
    return void 0;
  }
  const push = () => co.git(["push", "--quiet", "--porcelain", opts.remote, `HEAD:refs/heads/${opts.branch}`]);
  async function pushAgain(plans, first) {
    if (!refused(first.message)) throw first;
    const r = await pushReplayed(co, sh, { remote: opts.remote, branch: opts.branch, tracking: remoteRef }, plans);
    metrics.pushRetries.inc({}, r.rounds);
    if (!("ids" in r)) throw r.error ? new Error(`git push failed after ${r.rounds} rounds: ${r.error}`) : first;
    log({ level: "info", msg: "the branch moved; the same commits were made on its new head", commits: r.ids.length, attempt: r.rounds });
    return r;
  }
  function kick() {
    writer ??= (async () => {
      await null;
      let failures = 0;
      while (pending.size > 0 && !(draining && drainExpired)) {
        const batch = [...pending.values()];
        let why;
        try {
          why = await attempt(batch, failures + 1);
        } catch (e) {
          for (const p of batch) answer(p, { status: 500, outcome: "failed", reason: e.message });
        }
        if (why === void 0) {
          failures = 0;
          continue;
        }
        failures++;
        const now = Date.now();
        for (const p of batch) {
          if (!p.answered && now - p.received > retryFor) {
            metrics.pushFailures.inc();
            answer(p, { status: 503, outcome: "failed", reason: `not pushed within ${Math.round(retryFor / 1e3)} s: ${why}` });
          }
        }
        if (pending.size > 0) await nap(Math.min(backoff * 2 ** Math.min(failures - 1, 10), 2e3) * (0.5 + Math.random()));
      }
      writer = void 0;
    })();
  }
  let drainExpired = false;
  function notify(receiver, commit) {
    const call = notifyReceiver(receiver, JSON.stringify({ branch: opts.branch, commit })).then(
      () => {
        metrics.receiver.inc({ result: "ok" });
        log({ level: "info", msg: "Flux Receiver notified", commit });
      },
      (e) => {
        metrics.receiver.inc({ result: "failed" });
        log({ level: "warn", msg: "Flux Receiver not notified; Flux will find the commit at its next poll", commit, error: e.message });
      }
    );
    notifications.add(call);
    void call.finally(() => notifications.delete(call));
  }
  for (const e of journal.live.values()) pending.set(e.id, { id: e.id, alert: e.alert, received: e.received });
  if (pending.size > 0) log({ level: "info", msg: "journal replayed", alerts: pending.size });
  metrics.journal = () => ({ depth: pending.size, age: journal.age(), bytes: journal.liveBytes });
  let reading = 0;
  let waiting = 0;
  let connections = 0;
  const overCap = /* @__PURE__ */ new WeakSet();
  async function accept(alert, journaled = () => {
  }) {
    const e = { id: (0, import_node_crypto3.randomUUID)(), received: Date.now(), alert };
    const p = { id: e.id, alert: e.alert, received: e.received };
    const result = new Promise((r) => p.resolve = r);
    await journal.add(e);
    journaled();
    pending.set(p.id, p);
    wake();
    kick();
    const now = { status: 202, outcome: "journaled", reason: `journaled; its response will be pushed (retried for ${Math.round(retryFor / 1e3)} s)` };
    if (waiting >= caps.requests) {
      p.early = true;
      return now;
    }
    waiting++;
    try {
      return await answerOrWait(p, result, now);
    } finally {
      waiting--;
    }
  }
  async function answerOrWait(p, result, now) {
    let timer;
    const early = new Promise((r2) => {
      timer = setTimeout(() => r2(now), answerWithin);
    });
    const r = await Promise.race([result, early]);
    clearTimeout(timer);
    if (r.status === 202) {
      p.early = true;
      p.resolve = void 0;
    }
    return r;
  }
  const send = (res, status, body, headers = {}, outcome = "answered") => {
    metrics.responses.inc({ status: String(status), outcome });
    const text2 = typeof body === "string" ? body : `${JSON.stringify(body)}
`;
    if (res.headersSent || res.destroyed) return;
    res.writeHead(status, { "content-type": typeof body === "string" ? "text/plain; version=0.0.4; charset=utf-8" : "application/json", ...headers });
    res.end(text2);
  };
  const quiet = /* @__PURE__ */ new Map();
  function logRefusal(kind, entry) {
    const q = quiet.get(kind) ?? { at: 0, suppressed: 0 };
    const now = Date.now();
    if (now - q.at < 1e3) q.suppressed++;
    else {
      log({ level: "warn", msg: `request refused: ${kind}`, ...entry, ...q.suppressed ? { suppressed: q.suppressed } : {} });
      q.at = now;
      q.suppressed = 0;
    }
    quiet.set(kind, q);
  }
  const busy = (res, why) => {
    logRefusal("busy", { reason: why });
    send(res, 503, { error: `busy: ${why}; retry later` }, { "retry-after": "1", connection: "close" }, "busy");
  };
  async function handle(req, res) {
    const path = (req.url ?? "/").split("?")[0];
    if (req.method === "GET" && path === "/healthz") return send(res, 200, "ok\n", {}, "healthz");
    if (req.method === "GET" && path === "/readyz") {
      currentPolicy();
      return isReady() ? send(res, 200, "ready\n", {}, "readyz") : send(res, 503, `not ready: ${whyNot()}
`, {}, "readyz");
    }
    if (req.method === "GET" && path === "/metrics") return send(res, 200, metrics.render(), {}, "metrics");
    if (path !== RESPONDER_ALERT_PATH) return send(res, 404, { error: `no such path; alerts go to POST ${RESPONDER_ALERT_PATH}` }, {}, "not-found");
    if (req.method !== "POST") return send(res, 405, { error: "alerts are POSTed" }, { allow: "POST" }, "not-allowed");
    if (draining) return send(res, 503, { error: "shutting down" }, { connection: "close", "retry-after": "5" }, "shutting-down");
    if (overCap.has(req.socket)) return busy(res, `${caps.connections} connections open`);
    if (reading >= caps.requests) return busy(res, `${caps.requests} requests being read`);
    if (pending.size >= caps.journal) return busy(res, `${caps.journal} alerts waiting in the journal`);
    reading++;
    let released = false;
    const release = () => {
      if (!released) reading--;
      released = true;
    };
    try {
      return await handleAlert(req, res, release);
    } finally {
      release();
    }
  }
  async function handleAlert(req, res, release) {
    let ok;
    try {
      const token = (fresh) => {
        const t = reveal(opts.token, fresh).trim();
        if (!t) throw new Error("it is empty");
        return t;
      };
      ok = authorized(req.headers.authorization, token(false)) || authorized(req.headers.authorization, token(true));
    } catch (e) {
      logRefusal("token", { error: `webhook token unusable: ${e.message}` });
      return send(res, 503, { error: "the webhook token cannot be read" }, { "retry-after": "1" }, "token-unreadable");
    }
    if (!ok) {
      logRefusal("unauthorized", { remote: req.socket.remoteAddress });
      return send(res, 401, { error: "missing or wrong Bearer token" }, { "www-authenticate": "Bearer" }, "unauthorized");
    }
    const tooLarge = () => {
      logRefusal("too-large", { remote: req.socket.remoteAddress });
      send(res, 413, { error: `body over ${MAX_BODY_BYTES} bytes` }, { connection: "close" }, "too-large");
    };
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > MAX_BODY_BYTES) return tooLarge();
    const reserve = declared > 0 ? declared : 64 * 1024;
    if (buffered + reserve > caps.bytes) return busy(res, "too many bytes buffered");
    buffered += reserve;
    let size = 0;
    const chunks = [];
    let alert;
    try {
      const whole = await readBody(req, (chunk) => {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) {
          tooLarge();
          return false;
        }
        if (size > reserve) {
          if (buffered + chunk.length > caps.bytes) {
            busy(res, "too many bytes buffered");
            return false;
          }
          buffered += chunk.length;
        }
        chunks.push(chunk);
        return true;
      });
      if (!whole) return;
      try {
        alert = compact(parseAlertJson(Buffer.concat(chunks).toString("utf8")));
      } catch (e) {
        if (!(e instanceof AlertError)) throw e;
        logRefusal("invalid", { reason: e.message });
        return send(res, 400, { error: e.message }, {}, "invalid");
      }
      chunks.length = 0;
    } finally {
      buffered -= Math.max(reserve, size);
    }
    const r = await accept(alert, release);
    send(res, r.status, r, {}, r.outcome);
  }
  const server = import_node_http.default.createServer((req, res) => {
    inflight++;
    res.on("close", () => inflight--);
    handle(req, res).catch((e) => {
      log({ level: "error", msg: "request failed", error: e.message });
      if (!res.headersSent) send(res, 500, { error: e.message }, {}, "error");
      else res.destroy();
    });
  });
  server.requestTimeout = 12e4;
  server.headersTimeout = 3e4;
  server.on("connection", (socket) => {
    connections++;
    if (connections > caps.connections) overCap.add(socket);
    socket.once("close", () => connections--);
  });
  server.maxConnections = caps.connections * 2;
  const onError = (e) => logRefusal("server-error", { error: e.message });
  await new Promise((resolve3, reject) => {
    server.once("error", reject);
    server.listen({ port: opts.port, host: opts.host ?? "0.0.0.0", backlog: 65535 }, () => {
      server.off("error", reject);
      server.on("error", onError);
      resolve3();
    });
  });
  server.on("clientError", (e, socket) => socket.destroy(e));
  const port = server.address().port;
  log({ level: "info", msg: "listening", port, path: RESPONDER_ALERT_PATH });
  const ready = prepare();
  async function drain() {
    if (draining) return;
    draining = true;
    wake();
    log({ level: "info", msg: "draining: finishing alerts in flight, accepting none" });
    const deadline = Date.now() + (opts.drainMs ?? 2e4);
    const closed = new Promise((r) => server.close(() => r()));
    server.closeIdleConnections();
    while ((inflight > 0 || writer) && Date.now() < deadline) {
      await Promise.race([writer ?? sleep(20), sleep(100)]);
      server.closeIdleConnections();
    }
    drainExpired = true;
    wake();
    server.closeAllConnections();
    await closed;
    await untilDeadline(ready, deadline);
    await untilDeadline(Promise.all(notifications), deadline);
    await untilDeadline(writer ?? Promise.resolve(), deadline);
    await journal.close();
    log({ level: "info", msg: "stopped", journaled: pending.size });
  }
  return { port, metrics, ready, drain };
}
function readBody(req, take) {
  return new Promise((resolve3, reject) => {
    const done = () => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
      req.off("close", onClose);
    };
    const onData = (chunk) => {
      if (take(chunk)) return;
      done();
      req.destroy();
      resolve3(false);
    };
    const onEnd = () => {
      done();
      resolve3(true);
    };
    const onError = (e) => {
      done();
      reject(e);
    };
    const onClose = () => onError(new Error("the client closed the connection before its body was read"));
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
    req.on("close", onClose);
  });
}
function compact(a) {
  const max = 16 * 1024;
  const fields = Object.fromEntries(Object.values(ALERT_WORKLOAD_FIELDS).filter((k) => typeof a.output_fields[k] === "string").map((k) => [k, String(a.output_fields[k]).slice(0, 300)]));
  return {
    ...a,
    output: a.output.length > max ? `${a.output.slice(0, max)}... (${a.output.length - max} more characters)` : a.output,
    rule: a.rule.slice(0, 1024),
    tags: a.tags.slice(0, 64).map((t) => t.slice(0, 256)),
    output_fields: fields
  };
}
function notOwnFolder(dir) {
  const uid = process.getuid?.();
  if (uid === void 0 || !(0, import_node_fs7.existsSync)(dir)) return void 0;
  const owner = (0, import_node_fs7.statSync)(dir).uid;
  if (owner === uid) return void 0;
  return `the checkout folder ${dir} is owned by uid ${owner}, not by the responder (uid ${uid}); git refuses such a work tree as "dubious ownership". Give the responder a folder it creates itself (mount the volume at the parent folder)`;
}
function planFields(plan) {
  return {
    ...plan.action ? { action: plan.action } : {},
    ...plan.workload ? { workload: wl2(plan.workload) } : {},
    ...plan.kind === "none" ? { reason: plan.reason } : plan.kind === "contained" ? { reason: `already contained by ${plan.action}` } : plan.note ? { reason: plan.note } : {}
  };
}

// responder/main.ts
var RESPOND_SPEC = {
  invocation: "npm run respond --",
  summary: 'Applies the response policy to one Falco alert (Falcosidekick webhook JSON) on a git checkout and commits the response there (no push). Prints one line: the action, namespace/name and the commit id, or "no action: <reason>". Refuses (exit 2, nothing changed) a checkout with uncommitted changes in the files the response would read or write.',
  options: {
    event: { type: "string", value: "FILE", doc: "the alert, as Falcosidekick posts it (required)" },
    repo: { type: "string", value: "DIR", doc: "the git checkout to respond on (required)" },
    policy: { type: "string", value: "FILE", doc: "the policy file (default: response.policyFile of the configuration)" },
    config: { type: "string", value: "FILE", doc: "configuration file naming the policy (default: FALCO_BENCH_CONFIG or bench.config.yaml)" },
    "responses-dir": { type: "string", value: "DIR", doc: `where isolate NetworkPolicies go in the checkout (default ${RESPONSES_DIR})` },
    "dry-run": { type: "boolean", doc: "print the change it would commit; change nothing" }
  }
};
var SERVE_SPEC = {
  invocation: "node responder.cjs serve",
  summary: "Serves Falcosidekick webhook alerts: POST /falco with a Bearer token; each response is committed and pushed to the branch before the answer. GET /healthz, /readyz, /metrics. SIGTERM drains.",
  options: {
    port: { type: "string", value: "PORT", doc: `listen port (default ${RESPONDER_PORT}; 0 picks a free one)` },
    host: { type: "string", value: "ADDR", doc: "listen address (default 0.0.0.0)" },
    remote: { type: "string", value: "URL", doc: "the repository Flux syncs (ssh://, file://, or a path) (required)" },
    branch: { type: "string", value: "NAME", doc: "the branch Flux follows (default main)" },
    checkout: { type: "string", value: "DIR", doc: "where to clone the branch (required)" },
    "token-file": { type: "string", value: "FILE", doc: "file holding the Bearer token Falcosidekick sends (required)" },
    "ssh-key": { type: "string", value: "FILE", doc: "SSH private key for the remote (with --known-hosts)" },
    "known-hosts": { type: "string", value: "FILE", doc: "known_hosts for the remote; host keys are checked strictly" },
    policy: { type: "string", value: "FILE", doc: "the policy file (a filesystem path, e.g. a mounted ConfigMap; re-read when it changes) (required)" },
    journal: { type: "string", value: "FILE", doc: "the journal of accepted alerts, on the same volume (default: <checkout>.journal)" },
    "retry-for": { type: "string", value: "SECONDS", doc: "how long a failing push is retried before its alerts are given up (default 900)" },
    "answer-within": { type: "string", value: "SECONDS", doc: "how long a request waits for Git before it is answered 202 (default 10)" },
    "max-connections": { type: "string", value: "N", doc: "open connections served (default 5120: a burst of 5,000 alerts is taken whole); over it alerts are answered 503 with Retry-After, over twice it connections are reset" },
    "max-requests": { type: "string", value: "N", doc: "requests being read or journaled at once; over it 503 with Retry-After (default 5120)" },
    "responses-dir": { type: "string", value: "DIR", doc: `isolate NetworkPolicies, inside the checkout (default ${RESPONSES_DIR})` },
    "receiver-url": { type: "string", value: "URL", doc: "Flux webhook receiver base URL to notify after each push (optional)" },
    "receiver-name": { type: "string", value: "NAME", doc: "the Receiver object name (with --receiver-url)" },
    "receiver-namespace": { type: "string", value: "NS", doc: "the Receiver object namespace (with --receiver-url)" },
    "receiver-token-file": { type: "string", value: "FILE", doc: "file holding the Receiver token (with --receiver-url)" },
    "git-timeout": { type: "string", value: "SECONDS", doc: "deadline of each git command (default 60; the first clone gets 5 times as long)" },
    "dry-run": { type: "boolean", doc: "log the change each alert would commit; commit and push nothing" }
  }
};
function shippedPolicy() {
  const file = findAbove(__dirname, DEFAULT_POLICY_FILE);
  if (!file) throw new UsageError(`the shipped policy ${DEFAULT_POLICY_FILE} was not found; pass --policy`);
  return file;
}
function readInput(file, what) {
  try {
    return (0, import_node_fs8.readFileSync)(file, "utf8");
  } catch (e) {
    throw new UsageError(`${file}: cannot read the ${what}: ${e.code ?? e.message}`);
  }
}
function policyPath(given, configGiven, io) {
  if (given !== void 0) return given;
  const env = io.env ?? process.env;
  const cwd = io.cwd ?? process.cwd();
  try {
    return (0, import_node_path7.resolve)(cwd, loadConfig((0, import_node_path7.resolve)(cwd, configFile(env, configGiven)), env, io.stderr).response.policyFile);
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(`${e.message}
(the policy comes from response.policyFile; or pass --policy)`);
    throw e;
  }
}
async function uncommitted(co, paths) {
  const out = await co.git(["status", "--porcelain=v1", "-z", "--untracked-files=all", "--", ...paths]);
  return out.split("\0").filter((e) => e.length > 3).map((e) => e.slice(3));
}
async function respondMain(argv, io) {
  return runCommand("respond", RESPOND_SPEC, argv, io, async ({ values }) => {
    const event = values.event;
    const repo = values.repo;
    if (!event) throw new UsageError("--event is required");
    if (!repo) throw new UsageError("--repo is required");
    let alert;
    try {
      alert = parseAlertJson(readInput(event, "alert"));
    } catch (e) {
      if (e instanceof AlertError) throw new UsageError(`${event}: ${e.message}`);
      throw e;
    }
    const policyFile = policyPath(values.policy, values.config, io);
    let policy;
    try {
      policy = parsePolicy(readInput(policyFile, "policy"), policyFile);
    } catch (e) {
      if (e instanceof PolicyError) throw new UsageError(e.message);
      throw e;
    }
    let dir;
    try {
      if (!(0, import_node_fs8.statSync)(repo).isDirectory()) throw new Error();
      dir = (await git((0, import_node_path7.resolve)(repo))(["rev-parse", "--show-toplevel"])).trim();
    } catch {
      throw new UsageError(`${repo}: not a git checkout`);
    }
    const co = { dir, git: git(dir), responsesDir: values["responses-dir"] ?? RESPONSES_DIR };
    const index = await readManifests(co);
    const plan = planResponse(co, index, alert, decide(policy, alert));
    const dirty = plan.kind === "none" ? [] : await uncommitted(co, touchedPaths(co, index, plan.workload));
    if (dirty.length > 0) {
      throw new UsageError(`${dir}: uncommitted changes in ${dirty.join(", ")}, which this response would read or write; commit or stash them first (nothing was changed)`);
    }
    if (plan.kind === "none") io.stdout(`no action: ${plan.workload ? `${plan.workload.namespace}/${plan.workload.name}: ` : ""}${plan.reason}
`);
    else if (plan.kind === "contained") io.stdout(`no action: ${plan.workload.namespace}/${plan.workload.name} is already contained by ${plan.action}
`);
    else if (values["dry-run"]) {
      io.stdout(`${plan.action} ${plan.workload.namespace}/${plan.workload.name} (dry run, not committed)
`);
      for (const c of describeChange(plan)) io.stderr(`${c.path}: ${c.change}`);
    } else {
      const commit = await commitPlan(co, plan);
      io.stdout(`${plan.action} ${plan.workload.namespace}/${plan.workload.name} ${commit}
`);
    }
    return EXIT.ok;
  });
}
function secret(file, what, clock = Date.now) {
  if (!readInput(file, what).trim()) throw new UsageError(`${file}: the ${what} is empty`);
  let stamp = "";
  let value = "";
  let checkedAt = -Infinity;
  return (fresh = false) => {
    const at = clock();
    if (!fresh && at - checkedAt < 1e3) return value;
    const st = (0, import_node_fs8.statSync)(file);
    const now = `${st.ino} ${st.mtimeMs} ${st.size}`;
    if (now !== stamp) {
      value = (0, import_node_fs8.readFileSync)(file, "utf8").trim();
      stamp = now;
    }
    checkedAt = at;
    return value;
  };
}
async function serveMain(argv, io) {
  return runCommand("serve", SERVE_SPEC, argv, io, async ({ values }) => {
    const str = (k) => values[k];
    const need = (k) => str(k) ?? (() => {
      throw new UsageError(`--${k} is required`);
    })();
    const int2 = (k, d, min) => {
      const v = str(k);
      if (v === void 0) return d;
      if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > 65535) throw new UsageError(`--${k}: ${JSON.stringify(v)} is not a whole number from ${min}`);
      return Number(v);
    };
    if (!!str("ssh-key") !== !!str("known-hosts")) throw new UsageError("--ssh-key and --known-hosts go together");
    const receiverKeys = ["receiver-url", "receiver-name", "receiver-namespace", "receiver-token-file"];
    const given = receiverKeys.filter((k) => str(k));
    if (given.length > 0 && given.length < receiverKeys.length) throw new UsageError(`${receiverKeys.map((k) => `--${k}`).join(", ")} go together`);
    const responder = await startServer({
      port: int2("port", RESPONDER_PORT, 0),
      host: str("host") ?? "0.0.0.0",
      remote: need("remote"),
      branch: str("branch") ?? "main",
      checkout: (0, import_node_path7.resolve)(need("checkout")),
      token: secret(need("token-file"), "webhook token"),
      ...str("ssh-key") ? { ssh: { keyFile: (0, import_node_path7.resolve)(str("ssh-key")), knownHosts: (0, import_node_path7.resolve)(str("known-hosts")) } } : {},
      policy: (0, import_node_path7.resolve)(str("policy") ?? shippedPolicy()),
      ...str("journal") ? { journal: (0, import_node_path7.resolve)(str("journal")) } : {},
      retryForMs: int2("retry-for", 900, 1) * 1e3,
      answerWithinMs: int2("answer-within", 10, 0) * 1e3,
      maxConnections: int2("max-connections", 5120, 1),
      maxRequests: int2("max-requests", 5120, 1),
      responsesDir: str("responses-dir") ?? RESPONSES_DIR,
      ...given.length > 0 ? { receiver: { url: str("receiver-url"), name: str("receiver-name"), namespace: str("receiver-namespace"), token: secret(str("receiver-token-file"), "receiver token") } } : {},
      dryRun: !!values["dry-run"],
      gitTimeoutMs: int2("git-timeout", 60, 1) * 1e3
    });
    await new Promise((done) => {
      const stop = () => void responder.drain().then(done);
      process.once("SIGTERM", stop);
      process.once("SIGINT", stop);
    });
    return EXIT.ok;
  });
}
var COMMANDS = { serve: serveMain, respond: respondMain };
async function main(argv, io) {
  const run2 = COMMANDS[argv[0] ?? ""];
  if (!run2) {
    io.stderr(`responder: the first argument is the command: ${Object.keys(COMMANDS).join(" or ")} (then --help)`);
    return EXIT.badInput;
  }
  return run2(argv.slice(1), io);
}

// responder/cli.ts
runMain("responder", main);
/*! Bundled: yaml 2.9.1
Copyright Eemeli Aro <eemeli@gmail.com>

Permission to use, copy, modify, and/or distribute this software for any purpose
with or without fee is hereby granted, provided that the above copyright notice
and this permission notice appear in all copies.

THE SOFTWARE IS PROVIDED "AS IS" AND THE AUTHOR DISCLAIMS ALL WARRANTIES WITH
REGARD TO THIS SOFTWARE INCLUDING ALL IMPLIED WARRANTIES OF MERCHANTABILITY AND
FITNESS. IN NO EVENT SHALL THE AUTHOR BE LIABLE FOR ANY SPECIAL, DIRECT,
INDIRECT, OR CONSEQUENTIAL DAMAGES OR ANY DAMAGES WHATSOEVER RESULTING FROM LOSS
OF USE, DATA OR PROFITS, WHETHER IN AN ACTION OF CONTRACT, NEGLIGENCE OR OTHER
TORTIOUS ACTION, ARISING OUT OF OR IN CONNECTION WITH THE USE OR PERFORMANCE OF
THIS SOFTWARE.
*/
