namespace ClinicalAgent.Agent.Runtime.Prompting;

/// <summary>How the tools block of the prompt is written (section <c>Agent</c>).</summary>
public sealed class ToolPromptOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Agent";

    /// <summary><c>Agent:ToolDeclarations</c>: <c>compact</c> (default: signatures, about a third of the tokens, so a
    /// CPU evaluates the prefix three times sooner) or <c>json</c> (each tool's full JSON Schema).</summary>
    public ToolDeclarationStyle ToolDeclarations { get; set; } = ToolDeclarationStyle.Compact;

    /// <summary><c>Agent:ToolSelection</c>: declare only the tools whose words the conversation's first question
    /// shares (default false: every question then shares one prefix, which a prompt cache can keep). Every tool stays
    /// callable: the grammar still admits all of them.</summary>
    public bool ToolSelection { get; set; }

    /// <summary><c>Agent:ToolSelectionCount</c>: how many tools a selection keeps at most (default 8).</summary>
    public int ToolSelectionCount { get; set; } = 8;
}
