// Drives the ClinicalAgent MCP server with the official TypeScript SDK client (@modelcontextprotocol/sdk), over stdio
// or streamable HTTP, and prints what it saw as one JSON object on stdout for the C# test to check.
//
//   node mcp-client.cjs stdio <command> <arg>...        starts the server as a child process
//   node mcp-client.cjs http <url> [token]               connects to /mcp with an optional bearer token
//
// Then it lists the tools, calls the tool named by MCP_TOOL with the JSON arguments in MCP_ARGS, and lists the
// resources. NODE_PATH must point at tests/js/node_modules.
const { Client } = require('@modelcontextprotocol/sdk/client/index.js');
const { StdioClientTransport } = require('@modelcontextprotocol/sdk/client/stdio.js');
const { StreamableHTTPClientTransport } = require('@modelcontextprotocol/sdk/client/streamableHttp.js');

async function main() {
  const [mode, target, ...rest] = process.argv.slice(2);
  let transport;
  if (mode === 'stdio') {
    // The child gets this process's environment (the test's isolated folders), not the SDK's short default list.
    transport = new StdioClientTransport({ command: target, args: rest, env: process.env, stderr: 'ignore' });
  } else if (mode === 'http') {
    const headers = rest[0] ? { Authorization: `Bearer ${rest[0]}` } : {};
    transport = new StreamableHTTPClientTransport(new URL(target), { requestInit: { headers } });
  } else {
    throw new Error(`unknown mode '${mode}': use stdio or http`);
  }

  const client = new Client({ name: 'clinicalagent-ts-test', version: '1.0.0' });
  await client.connect(transport);
  try {
    const tools = await client.listTools();
    const call = await client.callTool({ name: process.env.MCP_TOOL, arguments: JSON.parse(process.env.MCP_ARGS || '{}') });
    const resources = await client.listResources();
    const report = {
      server: client.getServerVersion(),
      tools: tools.tools.map((t) => ({ name: t.name, description: t.description, inputSchema: t.inputSchema })),
      call: { isError: call.isError === true, content: call.content },
      resources: resources.resources.map((r) => r.uri),
    };
    process.stdout.write(JSON.stringify(report));
  } finally {
    await client.close();
  }
}

main().catch((error) => {
  // The SDK's StreamableHTTPError carries the HTTP status as its code.
  const status = error && error.code !== undefined ? `HTTP ${error.code}: ` : '';
  process.stderr.write(`${status}${error && error.message ? error.message : error}\n`);
  process.exit(1);
});
