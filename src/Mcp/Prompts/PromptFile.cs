namespace ClinicalAgent.Mcp.Prompts;

/// <summary>One Markdown file of <c>prompts/</c> as an MCP prompt.</summary>
/// <param name="Name">The file's name without <c>.md</c>, as the agent loads it.</param>
/// <param name="Description">Its first line, shortened.</param>
/// <param name="Placeholders">The <c>{{names}}</c> it has, in order of first use: the prompt's arguments, all required.</param>
/// <param name="Text">The text.</param>
internal sealed record PromptFile(string Name, string Description, IReadOnlyList<string> Placeholders, string Text);
