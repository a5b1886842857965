using ClinicalAgent.Agent.Runtime.Prompting;
using Microsoft.Extensions.AI;

namespace ClinicalAgent.Agent.Tests.Runtime.Prompting;

/// <summary>Where the rendered prompt's shared prefix (system prompt and tools, what the prefix cache keeps) ends.</summary>
public sealed class SharedPrefixTests
{
    private readonly GemmaPromptFormatter _formatter = new();

    [Fact]
    public void Render_SystemToolsAndQuestion_PrefixEndsWhereTheQuestionStarts()
    {
        var rendered = _formatter.Render([new(ChatRole.System, "SYSTEM"), new(ChatRole.User, "What is the potassium?")], SampleTools.All);

        Assert.EndsWith(_formatter.ToolsBlock(SampleTools.All) + "\n\n", rendered.Text[..rendered.SharedPrefixLength]);
        Assert.StartsWith("<start_of_turn>user\nSYSTEM\n\n", rendered.Text);
        Assert.StartsWith("What is the potassium?<end_of_turn>", rendered.Text[rendered.SharedPrefixLength..]);
    }

    [Fact]
    public void Render_PatientAsSecondSystemText_ToolsComeBeforeItAndThePrefixIsTheSameForEveryPatient()
    {
        ChatMessage Patient(string id) => new(ChatRole.System, [new TextContent("SYSTEM"), new TextContent($"\n\nThe question is about Patient/{id}.")]);

        var first = _formatter.Render([Patient("p1"), new(ChatRole.User, "Potassium?")], SampleTools.All);
        var second = _formatter.Render([Patient("p2"), new(ChatRole.User, "Sodium?")], SampleTools.All);

        Assert.Equal(first.Text[..first.SharedPrefixLength], second.Text[..second.SharedPrefixLength]);
        Assert.StartsWith("The question is about Patient/p1.\n\nPotassium?", first.Text[first.SharedPrefixLength..]);
        Assert.DoesNotContain("Patient/p1", first.Text[..first.SharedPrefixLength]);
    }

    [Fact]
    public void Render_NoToolsNoSystem_HasNoSharedPrefix()
    {
        var rendered = _formatter.Render([new(ChatRole.User, "Hi")]);

        Assert.Equal(0, rendered.SharedPrefixLength);
    }

    [Fact]
    public void Render_SystemWithoutTools_PrefixIsTheSystemPrompt()
    {
        var rendered = _formatter.Render([new(ChatRole.System, "SYSTEM"), new(ChatRole.User, "Hi")]);

        Assert.Equal("<start_of_turn>user\nSYSTEM\n\n", rendered.Text[..rendered.SharedPrefixLength]);
    }
}
