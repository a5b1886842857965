using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ClinicalAgent.Agent.Runtime;

/// <summary>
/// The one JSON spelling used everywhere the model reads or must write JSON: the grammar's literals,
/// rendered past calls, tool results and tool schemas. Separators are <c>", "</c> and <c>": "</c>
/// and only the characters JSON requires are escaped, so what the prompt shows the model is exactly
/// a string the grammar accepts, and the same input always renders to the same bytes.
/// </summary>
internal static class ProtocolJson
{
    /// <summary>Quotes <paramref name="value"/> as a JSON string.</summary>
    public static string Quote(string value)
    {
        var builder = new StringBuilder(value.Length + 2);
        AppendQuoted(builder, value);
        return builder.ToString();
    }

    /// <summary>Writes <paramref name="element"/> in the protocol spelling.</summary>
    public static string Write(JsonElement element)
    {
        var builder = new StringBuilder();
        Append(builder, element);
        return builder.ToString();
    }

    public static void Append(StringBuilder builder, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                builder.Append('{');
                var firstProperty = true;
                foreach (var property in element.EnumerateObject())
                {
                    if (!firstProperty)
                    {
                        builder.Append(", ");
                    }

                    firstProperty = false;
                    AppendQuoted(builder, property.Name);
                    builder.Append(": ");
                    Append(builder, property.Value);
                }

                builder.Append('}');
                break;
            case JsonValueKind.Array:
                builder.Append('[');
                var firstItem = true;
                foreach (var item in element.EnumerateArray())
                {
                    if (!firstItem)
                    {
                        builder.Append(", ");
                    }

                    firstItem = false;
                    Append(builder, item);
                }

                builder.Append(']');
                break;
            case JsonValueKind.String:
                AppendQuoted(builder, element.GetString()!);
                break;
            case JsonValueKind.Undefined:
                builder.Append("null");
                break;
            default:
                // Numbers keep their source spelling (no float round-trip); true/false/null are fixed.
                builder.Append(element.GetRawText());
                break;
        }
    }

    public static void AppendQuoted(StringBuilder builder, string value)
    {
        builder.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                default:
                    if (c < 0x20 || c == 0x7F)
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append('"');
    }
}
