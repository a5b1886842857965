// Drives /v1 with the official `openai` npm client and prints one JSON object of what it saw.
// Usage: node openai-client.mjs <node_modules folder> <base URL ending /v1> <api key> <model>
import { createRequire } from 'node:module';
import { join } from 'node:path';

const [nodeModules, baseURL, apiKey, model] = process.argv.slice(2);
const require = createRequire(join(nodeModules, 'noop.js'));
const OpenAI = require('openai').default ?? require('openai');
const client = new OpenAI({ baseURL, apiKey, maxRetries: 0 });

const labTool = {
  type: 'function',
  function: {
    name: 'get_labs',
    description: 'Latest laboratory results by LOINC code.',
    parameters: {
      type: 'object',
      properties: { code: { type: 'string', enum: ['2823-3', '2951-2'] }, count: { type: 'integer', minimum: 1, maximum: 5 } },
      required: ['code', 'count'],
      additionalProperties: false,
    },
  },
};
const triage = {
  type: 'object',
  properties: { level: { type: 'string', enum: ['low', 'medium', 'high'] }, urgent: { type: 'boolean' } },
  required: ['level', 'urgent'],
  additionalProperties: false,
};
const ask = [{ role: 'user', content: 'What is the latest potassium?' }];
const result = {};

const models = await client.models.list();
result.models = models.data.map(m => ({ id: m.id, owned_by: m.owned_by }));

const plain = await client.chat.completions.create({ model, messages: ask, max_tokens: 10, seed: 5 });
result.plain = { finish_reason: plain.choices[0].finish_reason, content: plain.choices[0].message.content, usage: plain.usage };

const stream = await client.chat.completions.create({
  model, messages: ask, max_tokens: 10, seed: 5, stream: true, stream_options: { include_usage: true },
  logprobs: true, top_logprobs: 2,
});
let streamed = '';
const finishes = [];
const logprobs = [];
let streamUsage = null;
for await (const chunk of stream) {
  for (const choice of chunk.choices) {
    streamed += choice.delta?.content ?? '';
    if (choice.finish_reason) finishes.push(choice.finish_reason);
    logprobs.push(...(choice.logprobs?.content ?? []));
  }
  if (chunk.usage) streamUsage = chunk.usage;
}
result.stream = { content: streamed, finishes, usage: streamUsage, logprobs };

const tool = await client.chat.completions.create({
  model, messages: ask, max_tokens: 200, parallel_tool_calls: false, tools: [labTool],
  tool_choice: { type: 'function', function: { name: 'get_labs' } },
});
result.tool = { finish_reason: tool.choices[0].finish_reason, tool_calls: tool.choices[0].message.tool_calls };

const json = await client.chat.completions.create({
  model, messages: [{ role: 'user', content: 'Triage this patient.' }], max_tokens: 40,
  response_format: { type: 'json_schema', json_schema: { name: 'triage', schema: triage, strict: true } },
});
result.json = { finish_reason: json.choices[0].finish_reason, content: json.choices[0].message.content };

try {
  await client.chat.completions.create({ model: 'gpt-4o', messages: ask });
  result.notFound = null;
} catch (e) {
  result.notFound = { status: e.status, code: e.code, param: e.param };
}

try {
  await new OpenAI({ baseURL, apiKey: 'sk-wrong', maxRetries: 0 }).models.list();
  result.unauthorized = null;
} catch (e) {
  result.unauthorized = { status: e.status, code: e.code };
}

process.stdout.write(JSON.stringify(result));
