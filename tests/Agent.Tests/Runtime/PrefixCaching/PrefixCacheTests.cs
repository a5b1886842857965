using ClinicalAgent.Agent.Runtime.Local;
using ClinicalAgent.Agent.Runtime.Local.PrefixCaching;
using ClinicalAgent.Agent.Runtime.Prompting;
using ClinicalAgent.TestKit;
using Microsoft.Extensions.AI;

namespace ClinicalAgent.Agent.Tests.Runtime.PrefixCaching;

/// <summary>
/// The persistent prefix cache over the tiny model: each <see cref="LocalChatClient"/> here is a new model instance, as a
/// new process would load it. Replies are grammar-forced tool calls whose choice and arguments still follow the logits,
/// and their log-probabilities are compared exactly: a cached prefix must give the cold run's distribution.
/// </summary>
[Collection(TinyModelCollection.Name)]
[Trait(TinyModelTrait.Name, TinyModelTrait.Value)]
public sealed class PrefixCacheTests(TinyModelFixture model) : IDisposable
{
    private const string System = "You are a clinical assistant. Use the tools to look up data before answering.";
    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-prefix-").FullName;
    private readonly ClinicalTools _tools = new();

    [Fact]
    public async Task GetResponseAsync_SecondInstanceSameQuestion_EvaluatesOnlyTheQuestionAndRepliesAlike()
    {
        var cold = await AskAsync("What was the last potassium of patient 123?");
        var shared = SharedPrefix("What was the last potassium of patient 123?");

        var cached = await AskAsync("What was the last potassium of patient 123?");

        Assert.True(shared > 100, $"the system prompt and tools should be many tokens, were {shared}");
        Assert.Equal(0, cold.Usage!.CachedInputTokenCount);
        Assert.Equal(shared, cached.Usage!.CachedInputTokenCount);
        Assert.Equal(cached.Usage.InputTokenCount - shared, cached.Usage.AdditionalCounts!["EvaluatedInputTokens"]);
        Assert.Equal(cold.RawRepresentation, cached.RawRepresentation);
        Assert.Equal(LogProbabilitiesOf(cold), LogProbabilitiesOf(cached));
        Assert.Single(Entries());
    }

    [Fact]
    public async Task GetResponseAsync_SecondInstanceOtherQuestion_LoadsThePrefix()
    {
        await AskAsync("What was the last potassium of patient 123?");

        var other = await AskAsync("Record a heart rate of 72 for patient 9.");

        Assert.Equal(SharedPrefix("Record a heart rate of 72 for patient 9."), other.Usage!.CachedInputTokenCount);
        Assert.Single(Entries());
    }

    [Theory]
    [InlineData("system prompt")]
    [InlineData("tools")]
    [InlineData("context size")]
    [InlineData("batch size")]
    public async Task GetResponseAsync_PrefixOrSettingsChanged_DoesNotUseTheFile(string change)
    {
        await AskAsync("What was the last potassium of patient 123?");

        var changed = await AskAsync("What was the last potassium of patient 123?",
            system: change == "system prompt" ? System + " Be brief." : System,
            tools: change == "tools" ? [_tools.Functions[0]] : null,
            configure: o =>
            {
                if (change == "context size")
                    o.ContextSize = 2048;
                if (change == "batch size")
                    o.BatchSize = 256;
            });

        Assert.Equal(0, changed.Usage!.CachedInputTokenCount);
        Assert.Equal(2, Entries().Count);
    }

    [Theory]
    [InlineData("flipped byte")]
    [InlineData("truncated")]
    [InlineData("empty")]
    [InlineData("not a cache file")]
    [InlineData("other settings")]
    public async Task GetResponseAsync_UnusableFile_IsIgnoredAndRebuilt(string damage)
    {
        var cold = await AskAsync("What was the last potassium of patient 123?");
        var entry = Assert.Single(Entries());
        Damage(entry, damage);

        var ignored = await AskAsync("What was the last potassium of patient 123?");
        var rebuilt = await AskAsync("What was the last potassium of patient 123?");

        Assert.Equal(0, ignored.Usage!.CachedInputTokenCount);
        Assert.Equal(LogProbabilitiesOf(cold), LogProbabilitiesOf(ignored));
        Assert.Equal(SharedPrefix("What was the last potassium of patient 123?"), rebuilt.Usage!.CachedInputTokenCount);
        Assert.Equal(LogProbabilitiesOf(cold), LogProbabilitiesOf(rebuilt));
        Assert.Equal(entry, Assert.Single(Entries()));
    }

    [Fact]
    public async Task GetResponseAsync_TwoInstancesColdAtOnce_LeaveOneWholeFile()
    {
        var first = AskAsync("What was the last potassium of patient 123?");
        var second = AskAsync("Record a heart rate of 72 for patient 9.");
        await Task.WhenAll(first, second);

        var after = await AskAsync("What was the last potassium of patient 123?");

        Assert.Single(Entries());
        Assert.Empty(Directory.GetFiles(_folder, "*.tmp"));
        Assert.Equal(SharedPrefix("What was the last potassium of patient 123?"), after.Usage!.CachedInputTokenCount);
        Assert.Equal(LogProbabilitiesOf(await first), LogProbabilitiesOf(after));
    }

    [Fact]
    public async Task GetResponseAsync_CacheOff_WritesNothing()
    {
        await AskAsync("What was the last potassium of patient 123?", configure: o => o.PrefixCache = "off");
        var second = await AskAsync("What was the last potassium of patient 123?", configure: o => o.PrefixCache = "off");

        Assert.Equal(0, second.Usage!.CachedInputTokenCount);
        Assert.False(Directory.Exists(_folder) && Directory.EnumerateFileSystemEntries(_folder).Any());
    }

    [Fact]
    public void Constructor_PrefixCacheNeitherOnNorOff_ThrowsNamingTheSetting()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => LocalRuntime.Load(model.ModelPath, o => o.PrefixCache = "sometimes"));

        Assert.Contains("Model:PrefixCache", error.Message);
    }

    private async Task<ChatResponse> AskAsync(string question, string system = System, IReadOnlyList<AIFunction>? tools = null,
        Action<LocalModelOptions>? configure = null)
    {
        using var client = Client(configure);
        ChatMessage[] messages = [new(ChatRole.System, system), new(ChatRole.User, question)];
        var options = new ChatOptions
        {
            Tools = [.. tools ?? _tools.Functions],
            ToolMode = ChatToolMode.RequireAny,
            AllowMultipleToolCalls = false,
            Seed = 11,
            Temperature = 0.9f,
            MaxOutputTokens = 120,
            AdditionalProperties = new() { [LogProbabilities.RequestKey] = 2 },
        };
        return await client.GetResponseAsync(messages, options);
    }

    /// <summary>A new model instance over the tiny file with the cache on in this test's folder; disposing it waits for its writes.</summary>
    private LocalChatClient Client(Action<LocalModelOptions>? configure = null) => LocalRuntime.Client(model.ModelPath, o =>
    {
        o.PrefixCache = "on";
        o.PrefixCacheDirectory = _folder;
        configure?.Invoke(o);
    });

    private int SharedPrefix(string question)
    {
        using var local = LocalRuntime.Load(model.ModelPath, o => o.PrefixCache = "on");
        var rendered = new GemmaPromptFormatter().Render([new(ChatRole.System, System), new(ChatRole.User, question)], [.. _tools.Functions]);
        return local.Tokenize(rendered).SharedPrefix;
    }

    private List<string> Entries() => [.. Directory.GetFiles(_folder, "*" + PrefixCacheKey.Extension)];

    private void Damage(string entry, string damage)
    {
        var bytes = File.ReadAllBytes(entry);
        switch (damage)
        {
            case "flipped byte":
                bytes[bytes.Length / 2] ^= 0x40;
                File.WriteAllBytes(entry, bytes);
                break;
            case "truncated":
                File.WriteAllBytes(entry, bytes[..(bytes.Length * 2 / 3)]);
                break;
            case "empty":
                File.WriteAllBytes(entry, []);
                break;
            case "not a cache file":
                File.WriteAllText(entry, "GGUF and other things that are not a prefix state");
                break;
            case "other settings":
                // A whole, valid file, but made with another context size: renamed over this key's name.
                var other = Path.Combine(_folder, "other");
                using (var client = LocalRuntime.Client(model.ModelPath, o => (o.PrefixCache, o.PrefixCacheDirectory, o.ContextSize) = ("on", other, 2048)))
                {
                    ChatMessage[] messages = [new(ChatRole.System, System), new(ChatRole.User, "What was the last potassium of patient 123?")];
                    client.GetResponseAsync(messages, new ChatOptions { Tools = [.. _tools.Functions], ToolMode = ChatToolMode.RequireAny, MaxOutputTokens = 120 })
                        .GetAwaiter().GetResult();
                }

                File.Copy(Assert.Single(Directory.GetFiles(other, "*" + PrefixCacheKey.Extension)), entry, overwrite: true);
                Directory.Delete(other, recursive: true);
                break;
        }
    }

    private static List<(string Token, float LogProbability)> LogProbabilitiesOf(ChatResponse response) =>
        [.. LogProbabilities.From(response.AdditionalProperties)!.Select(p => (p.Token, p.LogProbability))];

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
