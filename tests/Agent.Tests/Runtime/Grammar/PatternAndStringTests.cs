using System.Text.Json;
using ClinicalAgent.Agent.Runtime.Grammar;
using static ClinicalAgent.Agent.Tests.Runtime.Grammar.GrammarAssert;

namespace ClinicalAgent.Agent.Tests.Runtime.Grammar;

public sealed class PatternAndStringTests
{
    [Theory]
    [InlineData("^S[0-9]{7}$", "\"S1104961\"", "\"S110496\"", "\"s1104961\"")]
    [InlineData("^[A-Z]{2}-\\d+$", "\"AB-12\"", "\"AB-\"", "\"ab-12\"")]
    [InlineData("^(mg|mmol)/(dL|L)$", "\"mg/dL\"", "\"mg/\"", "\"g/dL\"")]
    [InlineData("^[^,]+(?:,[^,]+)*$", "\"a,b\"", "\"a,,b\"", "\",a\"")]
    [InlineData("^\\w+\\.?$", "\"abc.\"", "\"abc..\"", "\"a b\"")]
    [InlineData("^[a-z-]{1,3}$", "\"a-b\"", "\"abcd\"", "\"\"")]
    public void Compile_PatternInTheSubset_AcceptsOnlyMatchingStrings(string pattern, string valid, string invalid1, string invalid2)
    {
        var compiler = new JsonSchemaGbnfCompiler();
        using var schema = JsonDocument.Parse(JsonSerializer.Serialize(new { type = "string", pattern }));

        var grammar = Checked(compiler.ToGbnf(compiler.AddSchema(schema.RootElement, "t", "args")));

        Accepts(grammar, valid);
        Rejects(grammar, invalid1, invalid2);
        Assert.Empty(compiler.Relaxations);
    }

    [Theory]
    [InlineData("S[0-9]+")] // unanchored: "contains"
    [InlineData("^(?=a)a$")] // lookahead
    [InlineData("^a.b$")] // '.' would admit escapes
    [InlineData("^\\s+$")]
    public void Compile_PatternOutsideTheSubset_IsRelaxedToAnyString(string pattern)
    {
        var compiler = new JsonSchemaGbnfCompiler();
        using var schema = JsonDocument.Parse(JsonSerializer.Serialize(new { type = "string", pattern }));

        var grammar = Checked(compiler.ToGbnf(compiler.AddSchema(schema.RootElement, "t", "args")));

        Accepts(grammar, "\"anything\"");
        Assert.Contains(new GrammarRelaxation("t", "$", "pattern"), compiler.Relaxations);
    }

    [Fact]
    public void Compile_StringWithoutMaxLength_IsCappedAtTheConfiguredLength()
    {
        using var schema = JsonDocument.Parse("""{"type":"object","properties":{"q":{"type":"string"},"body":{"type":"string","maxLength":40}}}""");

        var grammar = Checked(JsonSchemaGbnfCompiler.Compile(schema.RootElement, "t", new GrammarLimits(MaxStringLength: 12)));

        Accepts(grammar, $$"""{"q": "{{new string('a', 12)}}"}""", $$"""{"body": "{{new string('b', 40)}}"}""");
        Rejects(grammar, $$"""{"q": "{{new string('a', 13)}}"}""", $$"""{"body": "{{new string('b', 41)}}"}""");
    }

    [Fact]
    public void Compile_String_AdmitsUnicodeEscapesButNoSurrogates()
    {
        var grammar = CompileSchema("""{"type":"string","maxLength":8}""");

        Accepts(grammar, "\"\\u00e9\"", "\"\\uFFFD\"", "\"\\ud7ff\"");
        Rejects(grammar, "\"\\ud83d\"", "\"\\uDC00\"", "\"\\udfff\"");
    }

    /// <summary>llama.cpp refuses a repetition of more than 2,000 steps (and LLamaSharp then crashes): long bounds
    /// are spelled in chunks, exactly.</summary>
    [Theory]
    [InlineData(0, 8000)]
    [InlineData(3, 2050)]
    [InlineData(1500, 1500)]
    [InlineData(0, 1001)]
    public void Compile_LongStringBounds_ParseInLlamaCppAndCountExactly(int min, int max)
    {
        var grammar = CompileSchema($$"""{"type":"string","minLength":{{min}},"maxLength":{{max}}}""");

        Accepts(grammar, $"\"{new string('a', min)}\"", $"\"{new string('a', max)}\"", $"\"{new string('a', (min + max) / 2)}\"");
        Rejects(grammar, $"\"{new string('a', max + 1)}\"");
        if (min > 0)
            Rejects(grammar, $"\"{new string('a', min - 1)}\"");
    }

    [Theory]
    [InlineData("date", "\"2024-02-29\"", "\"2023-04-31\"")]
    [InlineData("date", "\"0001-12-31\"", "\"0000-01-01\"")]
    [InlineData("date-time", "\"2023-11-13T23:59:59Z\"", "\"2023-11-13T24:00:00Z\"")]
    [InlineData("time", "\"08:00:00+05:30\"", "\"08:00:00+25:00\"")]
    public void Compile_DateFormats_KnowMonthLengthsAndHours(string format, string valid, string invalid)
    {
        var grammar = CompileSchema($$"""{"type":"string","format":"{{format}}"}""");

        Accepts(grammar, valid);
        Rejects(grammar, invalid);
    }
}
