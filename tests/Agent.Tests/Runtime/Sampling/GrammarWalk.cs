using ClinicalAgent.Agent.Runtime.Grammar;
using ClinicalAgent.Fhir;
using ClinicalAgent.Fhir.Storage;
using ClinicalAgent.Tools;
using LLama.Native;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalAgent.Agent.Tests.Runtime.Sampling;

/// <summary>The grammars the level-mask tests walk through, and llama.cpp's grammar sampler applied to candidates.</summary>
internal static class GrammarWalk
{
    /// <summary>A generic JSON value (objects, arrays, strings with escapes, numbers, literals), in the style of llama.cpp's json.gbnf.</summary>
    public const string Json = """
        root   ::= object
        value  ::= object | array | string | number | ("true" | "false" | "null") ws
        object ::= "{" ws ( string ":" ws value ("," ws string ":" ws value)* )? "}" ws
        array  ::= "[" ws ( value ("," ws value)* )? "]" ws
        string ::= "\"" ( [^"\\\x7F\x00-\x1F] | "\\" (["\\bfnrt] | "u" [0-9a-fA-F]{4}) )* "\"" ws
        number ::= ("-"? ([0-9] | [1-9] [0-9]{0,15})) ("." [0-9]+)? ([eE] [-+]? [0-9]{1,3})? ws
        ws     ::= | " " | "\n" [ \t]{0,20}
        """;

    /// <summary>
    /// <see cref="Json"/> as a list of at least six values with strings of at most six characters, so a reply neither
    /// closes after a few tokens nor spends them all inside one string (where almost any token is allowed).
    /// </summary>
    public static string JsonList => Json
        .Replace("root   ::= object", "root   ::= \"[\" ws value (\",\" ws value){5,} \"]\"", StringComparison.Ordinal)
        .Replace("\"u\" [0-9a-fA-F]{4}) )* ", "\"u\" [0-9a-fA-F]{4}) ){0,6} ", StringComparison.Ordinal);

    /// <summary>The agent's reply grammar over the product's 21 tools, calls only (as under a required tool choice).</summary>
    public static string ToolCalls()
    {
        var folder = Directory.CreateTempSubdirectory("clinicalagent-walk-").FullName;
        try
        {
            using var store = EmbeddedFhirStore.Open(new FhirStoreOptions { DatabasePath = Path.Combine(folder, "store.db") });
            using var services = new ServiceCollection().AddSingleton<IFhirGateway>(store).AddClinicalTools().BuildServiceProvider();
            var tools = services.GetRequiredService<ClinicalToolbox>().Functions;
            return ReplyGrammar.Build(tools, ChatToolMode.RequireAny, allowMultipleCalls: true)!;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>A chain holding only llama.cpp's grammar sampler for <paramref name="grammar"/>.</summary>
    public static SafeLLamaSamplerChainHandle Grammar(SafeLlamaModelHandle model, string grammar)
    {
        var chain = SafeLLamaSamplerChainHandle.Create(LLamaSamplerChainParams.Default());
        chain.AddGrammar(model, grammar, "root");
        return chain;
    }

    /// <summary>Every token with a logit of 0, in token order.</summary>
    public static LLamaTokenData[] Vocabulary(int count) =>
        [.. Enumerable.Range(0, count).Select(t => new LLamaTokenData(t, 0f, 0f))];

    /// <summary>Applies <paramref name="grammar"/> to <paramref name="candidates"/> in one call (rejected ones get negative infinity).</summary>
    public static void Apply(SafeLLamaSamplerChainHandle grammar, Memory<LLamaTokenData> candidates)
    {
        using (LLamaTokenDataArrayNative.Create(new LLamaTokenDataArray(candidates), out var native))
            grammar.Apply(ref native);
    }

    /// <summary>Whether each candidate survived, by index.</summary>
    public static bool[] Allowed(ReadOnlySpan<LLamaTokenData> candidates)
    {
        var allowed = new bool[candidates.Length];
        for (var i = 0; i < candidates.Length; i++)
            allowed[i] = !float.IsNegativeInfinity(candidates[i].Logit);
        return allowed;
    }
}
