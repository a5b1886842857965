using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ClinicalAgent.Fhir.Search;
using Xunit;

namespace ClinicalAgent.Fhir.Tests.Storage;

public sealed class FhirDateRangeTests
{
    [Theory]
    [InlineData("2023", "2023-01-01T00:00:00.000+00:00", "2023-12-31T23:59:59.999+00:00")]
    [InlineData("2024-02", "2024-02-01T00:00:00.000+00:00", "2024-02-29T23:59:59.999+00:00")]
    [InlineData("2023-11-13", "2023-11-13T00:00:00.000+00:00", "2023-11-13T23:59:59.999+00:00")]
    [InlineData("2023-11-13T10:15", "2023-11-13T10:15:00.000+00:00", "2023-11-13T10:15:59.999+00:00")]
    [InlineData("2023-11-13T10:15:30+02:00", "2023-11-13T08:15:30.000+00:00", "2023-11-13T08:15:30.999+00:00")]
    [InlineData("2023-11-13T10:15:30.25-05:30", "2023-11-13T15:45:30.250+00:00", "2023-11-13T15:45:30.250+00:00")]
    [InlineData("2023-11-13T10:15:30.123456789Z", "2023-11-13T10:15:30.123+00:00", "2023-11-13T10:15:30.123+00:00")]
    public void TryParse_EachPrecision_CoversItsWholeSpan(string text, string low, string high)
    {
        Assert.True(FhirDateRange.TryParse(text, out var range));

        Assert.Equal(DateTimeOffset.Parse(low, CultureInfo.InvariantCulture).ToUnixTimeMilliseconds(), range.Low);
        Assert.Equal(DateTimeOffset.Parse(high, CultureInfo.InvariantCulture).ToUnixTimeMilliseconds(), range.High);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("23")]
    [InlineData("2023-2")]
    [InlineData("2023-02-30")]
    [InlineData("2023-11-13T25:00")]
    [InlineData("2023-11-13T10")]
    [InlineData("2023-11-13Z")]
    [InlineData("2023-11-13T10:15:30.")]
    [InlineData("2023-11-13T10:15:30.1234567890")]
    [InlineData("2023-11-13T10:15:30+15:00")]
    [InlineData("2023-11-13T10:15:30+0200")]
    [InlineData(" 2023")]
    [InlineData("٢٠٢٣")]
    public void TryParse_NotADate_IsFalse(string? text)
    {
        Assert.False(FhirDateRange.TryParse(text, out _));
    }

    [Fact]
    public void TryParse_NearlyValidValues_AgreeWithTheRegularExpressionItReplaced()
    {
        // Valid values of every shape, then each mutated a few ways: a char dropped, doubled, replaced, the value cut
        // short or given a line feed. The replaced parser must accept and reject exactly as the pattern did.
        string[] valid =
        [
            "2023", "2023-11", "2023-11-13", "2023-11-13T10:15", "2023-11-13T10:15Z", "2023-11-13T10:15:30",
            "2023-11-13T10:15:30Z", "2023-11-13T10:15:30+02:00", "2023-11-13T23:59:59.999-11:30", "2024-02-29T00:00:00.1Z",
            "1970-01-01T00:00:00.123456789+14:00", "9999-12-31", "0001-01-01T00:00:00Z",
        ];
        const string alphabet = "0123456789-:T.Z+ \n9x٣";
        var random = new Random(16);
        var values = new List<string>(valid);
        foreach (var value in valid)
        {
            for (var i = 0; i < 400; i++)
            {
                var text = new StringBuilder(value);
                for (var edits = random.Next(1, 3); edits > 0 && text.Length > 0; edits--)
                {
                    var at = random.Next(text.Length);
                    switch (random.Next(5))
                    {
                        case 0: text.Remove(at, 1); break;
                        case 1: text.Insert(at, text[at]); break;
                        case 2: text[at] = alphabet[random.Next(alphabet.Length)]; break;
                        case 3: text.Length = at; break;
                        default: text.Append('\n'); break;
                    }
                }

                values.Add(text.ToString());
            }
        }

        var accepted = 0;
        foreach (var value in values)
        {
            var expected = RegexTryParse(value, out var expectedRange);
            var actual = FhirDateRange.TryParse(value, out var actualRange);
            Assert.True(expected == actual, $"'{value}': the pattern said {expected}, the parser {actual}");
            Assert.Equal(expectedRange, actualRange);
            accepted += actual ? 1 : 0;
        }

        Assert.InRange(accepted, valid.Length, values.Count - 1000);
    }

    // The regular expression FhirDateRange.TryParse used before (2026-12-03), kept as the reference, with one change
    // on purpose: \d matched any Unicode digit (int.Parse then threw, or a fourth fraction digit was never read);
    // FHIR's own pattern says [0-9], and so does this one.
    private static readonly Regex Pattern = new(
        @"^(?<y>\d{4})(-(?<mo>\d{2})(-(?<d>\d{2})(T(?<h>\d{2}):(?<mi>\d{2})(:(?<s>\d{2})(\.(?<f>\d{1,9}))?)?(?<tz>Z|[+-]\d{2}:\d{2})?)?)?)?$".Replace(@"\d", "[0-9]"),
        RegexOptions.CultureInvariant);

    private static bool RegexTryParse(string text, out FhirDateRange range)
    {
        range = default;
        var match = Pattern.Match(text);
        if (!match.Success)
            return false;
        try
        {
            int Int(string group, int fallback = 0) =>
                match.Groups[group].Success ? int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : fallback;
            var fraction = match.Groups["f"].Success ? match.Groups["f"].Value : "";
            var zone = match.Groups["tz"].Value;
            var offset = zone.Length <= 1 ? TimeSpan.Zero
                : (zone[0] == '-' ? -1 : 1) * new TimeSpan(int.Parse(zone[1..3], CultureInfo.InvariantCulture), int.Parse(zone[4..6], CultureInfo.InvariantCulture), 0);
            var start = new DateTimeOffset(Int("y"), Int("mo", 1), Int("d", 1), Int("h"), Int("mi"), Int("s"),
                fraction.Length == 0 ? 0 : int.Parse(fraction.PadRight(3, '0')[..3], CultureInfo.InvariantCulture), offset);
            var end = fraction.Length > 0 ? start.AddMilliseconds(1)
                : match.Groups["s"].Success ? start.AddSeconds(1)
                : match.Groups["mi"].Success ? start.AddMinutes(1)
                : match.Groups["d"].Success ? start.AddDays(1)
                : match.Groups["mo"].Success ? start.AddMonths(1)
                : start.AddYears(1);
            range = new FhirDateRange(start.ToUnixTimeMilliseconds(), end.ToUnixTimeMilliseconds() - 1);
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }
}
