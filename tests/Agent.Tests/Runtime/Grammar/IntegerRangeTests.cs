using System.Globalization;
using static ClinicalAgent.Agent.Tests.Runtime.Grammar.GrammarAssert;

namespace ClinicalAgent.Agent.Tests.Runtime.Grammar;

public sealed class IntegerRangeTests
{
    [Theory]
    [InlineData(1, null)]
    [InlineData(null, -3)]
    [InlineData(1, 31)]
    [InlineData(-17, 250)]
    [InlineData(0, 100000)]
    [InlineData(99, 1001)]
    [InlineData(-1005, -998)]
    [InlineData(123456, 123789)]
    public void Compile_IntegerBounds_AcceptExactlyTheIntegersInside(int? minimum, int? maximum)
    {
        var bounds = string.Join(",", new[] { minimum is null ? null : $"\"minimum\":{minimum}", maximum is null ? null : $"\"maximum\":{maximum}" }.OfType<string>());
        var grammar = CompileSchema($$"""{"type":"integer",{{bounds}}}""");
        var low = minimum ?? -1000;
        var high = maximum ?? 1000;

        foreach (var n in Probes(low, high))
        {
            var inside = (minimum is null || n >= minimum) && (maximum is null || n <= maximum);
            Assert.True(grammar.Accepts(n.ToString(CultureInfo.InvariantCulture)) == inside, $"{n} with [{minimum}, {maximum}]: expected {(inside ? "accept" : "reject")}");
        }

        Rejects(grammar, "01", "-0", "+1", "1.0");
    }

    [Fact]
    public void Compile_RandomBounds_MatchTheRangeForEveryProbe()
    {
        var random = new Random(20261201);
        for (var round = 0; round < 40; round++)
        {
            var a = random.Next(-100000, 100000) / (int)Math.Pow(10, random.Next(0, 5));
            var b = a + random.Next(0, 20000);
            var grammar = CompileSchema($$"""{"type":"integer","minimum":{{a}},"maximum":{{b}}}""");

            foreach (var n in Probes(a, b).Concat(Enumerable.Range(0, 30).Select(_ => random.Next(a - 50, b + 50))))
            {
                Assert.True(grammar.Accepts(n.ToString(CultureInfo.InvariantCulture)) == (n >= a && n <= b), $"{n} with [{a}, {b}]");
            }
        }
    }

    [Theory]
    [InlineData("""{"type":"integer","exclusiveMinimum":0}""", "1", "0")]
    [InlineData("""{"type":"integer","exclusiveMaximum":10}""", "9", "10")]
    [InlineData("""{"type":"integer","minimum":0.5}""", "1", "0")]
    [InlineData("""{"type":"integer","minimum":5,"exclusiveMinimum":true}""", "6", "5")]
    [InlineData("""{"type":"integer","minimum":1e20}""", null, "99")]
    public void Compile_ExclusiveFractionalAndHugeBounds_BecomeInclusiveIntegers(string schema, string? accepted, string rejected)
    {
        var grammar = CompileSchema(schema.Replace("1e20", "1000000000000000", StringComparison.Ordinal));

        if (accepted is not null)
            Accepts(grammar, accepted);
        Rejects(grammar, rejected);
    }

    [Fact]
    public void Compile_MinimumOneWithoutMaximum_RejectsZero()
    {
        // The bug this replaces: minimum was ignored unless a small maximum was also present.
        var grammar = CompileSchema("""{"type":"object","properties":{"count":{"type":"integer","minimum":1}},"required":["count"]}""");

        Accepts(grammar, """{"count": 1}""", """{"count": 50000}""");
        Rejects(grammar, """{"count": 0}""", """{"count": -2}""");
    }

    private static IEnumerable<int> Probes(int low, int high)
    {
        foreach (var edge in new[] { low, high, 0, 1, -1, 9, 10, 99, 100, 999, 1000, -9, -10, -100 })
        {
            for (var d = -2; d <= 2; d++)
                yield return edge + d;
        }
    }
}
