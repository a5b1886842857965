using System.Globalization;

namespace ClinicalAgent.Bench;

/// <summary>The <c>--name value</c> loop every benchmark's options share.</summary>
internal static class BenchArguments
{
    /// <summary>
    /// Applies each <c>--name value</c> pair after the benchmark's name to <paramref name="options"/> through
    /// <paramref name="apply"/> (null for an unknown name or a bad value); false with a message naming the bad argument.
    /// </summary>
    public static bool TryParse<T>(IReadOnlyList<string> args, string usage, ref T options, Func<T, string, string, T?> apply, out string error)
        where T : class
    {
        error = "";
        for (var i = 1; i < args.Count; i++)
        {
            var name = args[i];
            if (i + 1 >= args.Count)
            {
                error = $"{name} needs a value.";
                return false;
            }

            var value = args[++i];
            if (apply(options, name, value) is not { } next)
            {
                error = usage.Contains(name + " ", StringComparison.Ordinal) ? $"Bad value '{value}' for {name}." : $"Unknown option '{name}'.";
                return false;
            }

            options = next;
        }

        return true;
    }

    /// <summary>A whole number above zero, or null.</summary>
    public static int? Positive(string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;
}
