using System.Text.Json;
using ClinicalAgent.Agent.Runtime.Grammar;
using static ClinicalAgent.Agent.Tests.Runtime.Grammar.GrammarAssert;

namespace ClinicalAgent.Agent.Tests.Runtime.Grammar;

public sealed class JsonSchemaGbnfCompilerTests
{
    [Fact]
    public void Compile_ObjectWithOptionalProperties_AcceptsOmissionsInSchemaOrder()
    {
        var schema = """{"type":"object","properties":{"a":{"type":"string"},"b":{"type":"integer"},"c":{"type":"boolean"}},"required":["b"]}""";

        var grammar = CompileSchema(schema);

        Accepts(grammar, """{"b": 1}""", """{"a": "x", "b": 2, "c": true}""", """{"b":1,"c":false}""", """{"a": "", "b": 0}""");
        Rejects(grammar, "{}", """{"a": "x"}""", """{"b": 1, "a": "x"}""", """{"b": "1"}""", """{"b": 1, "d": 2}""", """{"b": 1,}""");
    }

    [Fact]
    public void Compile_AllPropertiesOptional_AcceptsEmptyObjectAndAnySubset()
    {
        var schema = """{"type":"object","properties":{"a":{"type":"integer"},"b":{"type":"integer"},"c":{"type":"integer"}}}""";

        var grammar = CompileSchema(schema);

        Accepts(grammar, "{}", """{"a": 1}""", """{"b": 1}""", """{"c": 1}""", """{"a": 1, "c": 3}""", """{"b": 2, "c": 3}""", """{"a": 1, "b": 2, "c": 3}""");
        Rejects(grammar, """{, "b": 1}""", """{"c": 1, "a": 1}""");
    }

    [Fact]
    public void Compile_Whitespace_AllowsSmallAmountsOnly()
    {
        var schema = """{"type":"object","properties":{"b":{"type":"integer"}},"required":["b"]}""";

        var grammar = CompileSchema(schema);

        Accepts(grammar, """{ "b" : 1 }""", "{\n  \"b\": 1\n}");
        Rejects(grammar, "{" + new string(' ', 20) + "\"b\": 1}", "{\n\n\n\"b\": 1}", "{\t\"b\": 1}");
    }

    [Fact]
    public void Compile_String_AcceptsEscapesAndRejectsRawControlCharacters()
    {
        var grammar = CompileSchema("""{"type":"string"}""");

        Accepts(grammar, "\"plain\"", "\"q\\\"uote \\\\ \\n \\u00e9 é ✓\"", "\"\"");
        Rejects(grammar, "\"line\nbreak\"", "\"bad \\q escape\"", "\"unterminated", "plain");
    }

    [Fact]
    public void Compile_StringLengthBounds_LimitCharacterCount()
    {
        var grammar = CompileSchema("""{"type":"string","minLength":2,"maxLength":3}""");

        Accepts(grammar, "\"ab\"", "\"abc\"", "\"a\\nb\"");
        Rejects(grammar, "\"a\"", "\"abcd\"");
    }

    [Fact]
    public void Compile_StringEnum_AcceptsOnlyListedValues()
    {
        var grammar = CompileSchema("""{"type":"string","enum":["male","female","unknown"]}""");

        Accepts(grammar, "\"male\"", "\"unknown\"");
        Rejects(grammar, "\"other\"", "\"Male\"", "male");
    }

    [Fact]
    public void Compile_EnumAndConstOfAnyJson_AcceptProtocolSpelling()
    {
        var enumGrammar = CompileSchema("""{"enum":[1,"a",null,true,{"x":[true,2.5]}]}""");
        var constGrammar = CompileSchema("""{"const":"fixed"}""");

        Accepts(enumGrammar, "1", "\"a\"", "null", "true", """{"x": [true, 2.5]}""");
        Rejects(enumGrammar, "2", "false", """{"x": []}""");
        Accepts(constGrammar, "\"fixed\"");
        Rejects(constGrammar, "\"other\"");
    }

    [Theory]
    [InlineData("date", "\"2024-02-29\"", "\"2024-2-29\"")]
    [InlineData("date-time", "\"2024-02-29T13:45:00Z\"", "\"2024-02-29\"")]
    [InlineData("date-time", "\"2024-02-29T13:45:00.123+01:00\"", "\"yesterday\"")]
    [InlineData("time", "\"13:45:00\"", "\"1:45 pm\"")]
    [InlineData("uuid", "\"0f8fad5b-d9cb-469f-a165-70867728950e\"", "\"0f8fad5b\"")]
    public void Compile_StringFormat_AcceptsOnlyThatShape(string format, string valid, string invalid)
    {
        var grammar = CompileSchema($$"""{"type":"string","format":"{{format}}"}""");

        Accepts(grammar, valid);
        Rejects(grammar, invalid);
    }

    [Fact]
    public void Compile_Numbers_AcceptJsonNumbersAndIntegersSeparately()
    {
        var number = CompileSchema("""{"type":"number"}""");
        var integer = CompileSchema("""{"type":"integer"}""");
        var count = CompileSchema("""{"type":"integer","minimum":0}""");

        Accepts(number, "0", "-1.5", "3.25e-3", "42");
        Rejects(number, "01", "1.", ".5", "+1", "NaN");
        Accepts(integer, "0", "-7", "123");
        Rejects(integer, "1.5", "1e3");
        Accepts(count, "0", "12");
        Rejects(count, "-1");
    }

    [Fact]
    public void Compile_SmallIntegerRange_AcceptsOnlyNumbersInside()
    {
        var range = CompileSchema("""{"type":"integer","minimum":1,"maximum":50}""");
        var wide = CompileSchema("""{"type":"integer","minimum":0,"maximum":100000}""");

        Accepts(range, "1", "9", "10", "50");
        Rejects(range, "0", "51", "-1", "500", "05");
        Accepts(wide, "0", "99999");
        Rejects(wide, "-3");
    }

    [Fact]
    public void Compile_BooleanNullAndNullableType_AcceptTheirLiterals()
    {
        var boolean = CompileSchema("""{"type":"boolean"}""");
        var nullable = CompileSchema("""{"type":["string","null"]}""");
        var openApiNullable = CompileSchema("""{"type":"integer","nullable":true}""");

        Accepts(boolean, "true", "false");
        Rejects(boolean, "null", "\"true\"");
        Accepts(nullable, "null", "\"x\"");
        Rejects(nullable, "1");
        Accepts(openApiNullable, "null", "5");
    }

    [Fact]
    public void Compile_ArrayWithBounds_AcceptsOnlyAllowedLengths()
    {
        var bounded = CompileSchema("""{"type":"array","items":{"type":"integer"},"minItems":1,"maxItems":3}""");
        var open = CompileSchema("""{"type":"array","items":{"type":"string"}}""");
        var single = CompileSchema("""{"type":"array","maxItems":1}""");

        Accepts(bounded, "[1]", "[1, 2, 3]", "[ 1,2 ]");
        Rejects(bounded, "[]", "[1, 2, 3, 4]", "[\"1\"]");
        Accepts(open, "[]", "[\"a\", \"b\", \"c\", \"d\", \"e\"]");
        Accepts(single, "[]", "[{\"any\": [1]}]");
        Rejects(single, "[1, 2]");
    }

    [Fact]
    public void Compile_NestedObjects_ApplyInnerSchemas()
    {
        var schema = """
            {"type":"object","properties":{
              "range":{"type":"object","properties":{"low":{"type":"number"},"unit":{"type":"string","enum":["mg","g"]}},"required":["low","unit"]},
              "items":{"type":"array","items":{"type":"object","properties":{"code":{"type":"string"}},"required":["code"]}}},
             "required":["range"]}
            """;

        var grammar = CompileSchema(schema);

        Accepts(grammar, """{"range": {"low": 1.5, "unit": "mg"}}""", """{"range": {"low": 1, "unit": "g"}, "items": [{"code": "x"}]}""");
        Rejects(grammar, """{"range": {"low": 1.5}}""", """{"range": {"low": 1, "unit": "kg"}}""", """{"range": {"low": 1, "unit": "g"}, "items": [{}]}""");
    }

    [Fact]
    public void Compile_AnyOfAndOneOf_AcceptEachBranch()
    {
        var anyOf = CompileSchema("""{"anyOf":[{"type":"integer"},{"type":"string","enum":["all"]}]}""");
        var oneOf = CompileSchema("""{"oneOf":[{"type":"object","properties":{"id":{"type":"string"}},"required":["id"]},{"type":"null"}]}""");

        Accepts(anyOf, "5", "\"all\"");
        Rejects(anyOf, "\"some\"", "true");
        Accepts(oneOf, """{"id": "p1"}""", "null");
        Rejects(oneOf, "{}");
    }

    [Fact]
    public void Compile_RefToDefsAndDefinitions_UsesTheReferencedSchema()
    {
        var schema = """
            {"type":"object","properties":{"a":{"$ref":"#/$defs/Code"},"b":{"$ref":"#/definitions/Flag"},"c":{"$ref":"#/properties/a"}},
             "required":["a","b","c"],
             "$defs":{"Code":{"type":"string","enum":["x","y"]}},"definitions":{"Flag":{"type":"boolean"}}}
            """;

        var grammar = CompileSchema(schema);

        Accepts(grammar, """{"a": "x", "b": true, "c": "y"}""");
        Rejects(grammar, """{"a": "z", "b": true, "c": "y"}""", """{"a": "x", "b": true, "c": "z"}""");
    }

    [Theory]
    [InlineData("""{"$ref":"other.json#/x"}""", "'$ref' to 'other.json#/x'")]
    [InlineData("""{"$ref":"#/$defs/Missing"}""", "(not found)")]
    [InlineData("""{"$dynamicRef":"#node"}""", "'$dynamicRef'")]
    [InlineData("""{"type":"integer","minimum":5,"maximum":4}""", "bounds that admit no value")]
    public void Compile_UnresolvableRefOrEmptyRange_ThrowsToolSchemaException(string schema, string expected)
    {
        var exception = Assert.Throws<ToolSchemaException>(() => CompileSchema(schema, "tree_tool"));

        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
        Assert.StartsWith("Tool 'tree_tool': JSON Schema ", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_RecursiveRef_AdmitsAnyValueBelowTheFirstLevelAndRecordsIt()
    {
        using var schema = JsonDocument.Parse("""{"type":"object","properties":{"next":{"$ref":"#"},"n":{"type":"integer"}}}""");
        var compiler = new JsonSchemaGbnfCompiler();

        var grammar = Checked(compiler.ToGbnf(compiler.AddSchema(schema.RootElement, "tree_tool", "args")));

        Accepts(grammar, """{"next": {"next": 1}, "n": 2}""");
        Rejects(grammar, """{"n": "x"}""");
        Assert.Contains(new GrammarRelaxation("tree_tool", "$.properties.next", "$ref"), compiler.Relaxations);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("true")]
    [InlineData("""{"description":"anything"}""")]
    public void Compile_EmptySchema_AcceptsAnyJsonValue(string schema)
    {
        var grammar = CompileSchema(schema);

        Accepts(grammar, "1", "\"s\"", "null", "[1, {\"a\": [true, false]}]", """{"k": {"n": null}}""", "{}", "[]");
        Rejects(grammar, "{\"a\" 1}", "[1,]", "undefined");
    }

    [Fact]
    public void Compile_AdditionalProperties_MapOrClosedObject()
    {
        var map = CompileSchema("""{"type":"object","additionalProperties":{"type":"integer"}}""");
        var closed = CompileSchema("""{"type":"object","additionalProperties":false}""");
        var declaredWins = CompileSchema("""{"type":"object","properties":{"a":{"type":"integer"}},"additionalProperties":true}""");

        Accepts(map, "{}", """{"x": 1, "y": 2}""");
        Rejects(map, """{"x": "1"}""");
        Accepts(closed, "{}");
        Rejects(closed, """{"x": 1}""");
        Rejects(declaredWins, """{"a": 1, "b": 2}""");
    }

    [Theory]
    [InlineData("""{"type":"object","properties":{"x":{"type":"object","patternProperties":{"^a":{}}}}}""", "$.properties.x", "patternProperties")]
    [InlineData("""{"type":"object","properties":{"mrn":{"type":"string","pattern":"[0-9]+"}}}""", "$.properties.mrn", "pattern")]
    [InlineData("""{"if":{"type":"string"},"then":{"minLength":1}}""", "$", "if")]
    [InlineData("""{"not":{"type":"string"}}""", "$", "not")]
    [InlineData("""{"allOf":[{"type":"string"},{"minLength":1}]}""", "$", "allOf")]
    [InlineData("""{"type":"array","items":{"type":"array","contains":{"type":"integer"}}}""", "$.items", "contains")]
    [InlineData("""{"type":"array","uniqueItems":true}""", "$", "uniqueItems")]
    [InlineData("""{"type":"number","minimum":0.5}""", "$", "minimum")]
    [InlineData("""{"type":"integer","multipleOf":5}""", "$", "multipleOf")]
    [InlineData("""{"oneOf":[{"type":"string"},{"type":"integer"}]}""", "$", "oneOf")]
    [InlineData("""{"type":"string","pattern":"^[a-z]+$","maxLength":5}""", "$", "maxLength")]
    [InlineData("""{"type":"array","minItems":5000}""", "$", "minItems")]
    [InlineData("""{"type":"array","maxItems":5000}""", "$", "maxItems")]
    public void Compile_ConstructTheGrammarCannotCarry_IsRelaxedAndRecordedWithToolAndPath(string schema, string path, string keyword)
    {
        using var document = JsonDocument.Parse(schema);
        var compiler = new JsonSchemaGbnfCompiler();

        var gbnf = compiler.ToGbnf(compiler.AddSchema(document.RootElement, "find_patients", "args"));

        Checked(gbnf);
        Assert.Contains(new GrammarRelaxation("find_patients", path, keyword), compiler.Relaxations);
    }

    [Fact]
    public void Compile_OddPropertyNames_ProduceValidRuleNamesAndExactKeys()
    {
        var schema = """{"type":"object","properties":{"ws":{"type":"integer"},"root":{"type":"string","enum":["a"]},"weird \"name\"/é":{"type":"string","enum":["b"]},"--":{"type":"string","minLength":1}},"required":["ws","root","weird \"name\"/é","--"]}""";

        var grammar = CompileSchema(schema);

        Accepts(grammar, """{"ws": 1, "root": "a", "weird \"name\"/é": "b", "--": "c"}""");
    }

    [Fact]
    public void AddSchema_SharedCompiler_DefinesPrimitivesOnce()
    {
        var compiler = new JsonSchemaGbnfCompiler();
        using var first = JsonDocument.Parse("""{"type":"object","properties":{"a":{"type":"string"}}}""");
        using var second = JsonDocument.Parse("""{"type":"object","properties":{"b":{"type":"string"}}}""");

        var a = compiler.AddSchema(first.RootElement, "one", "one-args");
        var b = compiler.AddSchema(second.RootElement, "two", "two-args");
        var gbnf = compiler.ToGbnf($"{a} | {b}");

        Assert.Single(gbnf.Split('\n'), line => line.StartsWith("json-char ::=", StringComparison.Ordinal));
        Assert.Single(gbnf.Split('\n'), line => line.StartsWith("chars-0-300 ::=", StringComparison.Ordinal));
        Assert.Single(gbnf.Split('\n'), line => line.StartsWith("ws ::=", StringComparison.Ordinal));
        Accepts(Checked(gbnf), """{"a": "x"}""", """{"b": "y"}""");
    }
}
