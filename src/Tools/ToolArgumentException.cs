namespace ClinicalAgent.Tools;

/// <summary>A tool argument the model got wrong; its message goes back to the model as the tool's result.</summary>
internal sealed class ToolArgumentException(string message) : Exception(message);
