using System.ComponentModel;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using Xunit.Abstractions;
using ClinicalAgent.TestKit;

namespace ClinicalAgent.Agent.Tests.Runtime;

[Collection(TinyModelCollection.Name)]
[Trait(TinyModelTrait.Name, TinyModelTrait.Value)]
public sealed class SemanticKernelTests(TinyModelFixture model, ITestOutputHelper output)
{
    [Fact]
    public async Task InvokePromptAsync_RequiredFunctionChoice_RunsKernelFunctionWithValidArguments()
    {
        var plugin = new LabPlugin();
        using var local = LocalRuntime.Client(model.ModelPath);
        using var client = local.AsBuilder().UseKernelFunctionInvocation().Build();
        var builder = Kernel.CreateBuilder();
        builder.Services.AddSingleton(client);
        builder.Plugins.AddFromObject(plugin, "labs");
        var kernel = builder.Build();
        // Stop after the first round of calls: a random-weight model would keep calling forever.
        kernel.AutoFunctionInvocationFilters.Add(new TerminateAfterCalls());
        var settings = new PromptExecutionSettings
        {
            // Forced: one call of an enum and an integer always fits the budget, whatever is sampled.
            FunctionChoiceBehavior = FunctionChoiceBehavior.Required(options: new FunctionChoiceBehaviorOptions { AllowParallelCalls = false }),
            ExtensionData = new Dictionary<string, object> { ["seed"] = 3, ["max_tokens"] = 400 },
        };

        await kernel.InvokePromptAsync("What are the last potassium results on nephrology?", new KernelArguments(settings));

        output.WriteLine(string.Join("\n", plugin.Calls));
        Assert.Single(plugin.Calls);
        Assert.All(plugin.Calls, call => Assert.True(Enum.IsDefined(call.Ward), $"{call}"));
    }

    /// <remarks>No free-text parameter: a random-weight model fills an unbounded string until the budget ends.</remarks>
    private sealed class LabPlugin
    {
        public List<(Ward Ward, int Count)> Calls { get; } = [];

        [KernelFunction("get_potassium"), Description("Recent potassium results on the ward.")]
        public string GetPotassium(
            [Description("The ward")] Ward ward,
            [Description("How many results")] int count)
        {
            Calls.Add((ward, count));
            return "[{\"value\": 4.1, \"unit\": \"mmol/L\"}]";
        }
    }

    public enum Ward
    {
        Cardiology,
        Nephrology,
    }

    private sealed class TerminateAfterCalls : IAutoFunctionInvocationFilter
    {
        public async Task OnAutoFunctionInvocationAsync(AutoFunctionInvocationContext context, Func<AutoFunctionInvocationContext, Task> next)
        {
            await next(context);
            context.Terminate = true;
        }
    }
}
