using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using ClinicalAgent.Tools.Results;

namespace ClinicalAgent.Tools.Formatting;

/// <summary>
/// Writes a <see cref="ToolList{T}"/> as a small table, <c>{"columns": [...], "rows": [[...], ...], "more": false}</c>:
/// each column name once instead of once per row, and columns empty in every row left out. Rows of a list tool
/// repeat the same keys, which is most of their tokens.
/// </summary>
internal sealed class ToolTableConverter : JsonConverterFactory
{
    /// <inheritdoc/>
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(ToolList<>);

    /// <inheritdoc/>
    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(TableConverter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;

    private sealed class TableConverter<T> : JsonConverter<ToolList<T>>
    {
        private static readonly PropertyInfo[] Properties = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance);

        public override ToolList<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("Tool tables are written for the model, not read back.");

        public override void Write(Utf8JsonWriter writer, ToolList<T> value, JsonSerializerOptions options)
        {
            var columns = Properties.Where(p => value.Items.Any(row => p.GetValue(row) is not null)).ToList();
            writer.WriteStartObject();
            writer.WriteStartArray("columns");
            foreach (var column in columns)
                writer.WriteStringValue(options.PropertyNamingPolicy?.ConvertName(column.Name) ?? column.Name);
            writer.WriteEndArray();
            writer.WriteStartArray("rows");
            foreach (var row in value.Items)
            {
                writer.WriteStartArray();
                foreach (var column in columns)
                    JsonSerializer.Serialize(writer, column.GetValue(row), column.PropertyType, options);
                writer.WriteEndArray();
            }

            writer.WriteEndArray();
            writer.WriteBoolean("more", value.More);
            if (value.Note is not null)
                writer.WriteString("note", value.Note);
            writer.WriteEndObject();
        }
    }
}
